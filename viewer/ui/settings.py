"""The one settings seam: a typed wrapper over ``QSettings`` (kept between runs)."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from viewer.core.cite import DEFAULT_TEMPLATE, FORMATS, CitationFormat

Theme = Literal["system", "light", "dark"]
THEMES: tuple[Theme, ...] = ("system", "light", "dark")
MAX_RECENT = 8
ZOOM_MIN, ZOOM_MAX = -6, 12

ORGANISATION = "ArticleViewer"
APPLICATION = "ArticleViewer"


class Settings:
    """Accessors for everything the window remembers; values are checked on the way in and out."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
        )

    @property
    def store(self) -> QSettings:
        return self._store

    def sync(self) -> None:
        self._store.sync()

    # zoom -----------------------------------------------------------------
    def zoom(self) -> int:
        return _clamp(_as_int(self._store.value("reader/zoom", 0)), ZOOM_MIN, ZOOM_MAX)

    def set_zoom(self, steps: int) -> None:
        self._store.setValue("reader/zoom", _clamp(steps, ZOOM_MIN, ZOOM_MAX))

    # theme ----------------------------------------------------------------
    def theme(self) -> Theme:
        value = str(self._store.value("ui/theme", "system"))
        for theme in THEMES:
            if theme == value:
                return theme
        return "system"

    def set_theme(self, theme: Theme) -> None:
        self._store.setValue("ui/theme", theme)

    # folders --------------------------------------------------------------
    def last_folder(self) -> str | None:
        value = self._store.value("files/last_folder", "")
        return str(value) if value else None

    def set_last_folder(self, folder: str) -> None:
        self._store.setValue("files/last_folder", folder)

    def reopen_last(self) -> bool:
        """Open the last folder (and article) when started without paths."""
        return _as_bool(self._store.value("files/reopen_last", True))

    def set_reopen_last(self, on: bool) -> None:
        self._store.setValue("files/reopen_last", on)

    def last_article(self) -> tuple[str, int | None] | None:
        """(path, record) of the article shown last, or ``None``."""
        path = self._store.value("files/last_article", "")
        if not path:
            return None
        record = self._store.value("files/last_record", -1)
        number = _as_int(record) if record not in (None, "") else -1
        return str(path), (number if number >= 0 else None)

    def set_last_article(self, path: str | None, record: int | None) -> None:
        self._store.setValue("files/last_article", path or "")
        self._store.setValue("files/last_record", -1 if record is None else record)

    # panes ----------------------------------------------------------------
    def pane_shown(self, pane: str) -> bool:
        return _as_bool(self._store.value(f"panes/{pane}", True))

    def set_pane_shown(self, pane: str, shown: bool) -> None:
        self._store.setValue(f"panes/{pane}", shown)

    def recent_folders(self) -> list[str]:
        value = self._store.value("files/recent", [])
        if isinstance(value, str):
            value = [value] if value else []
        if not isinstance(value, list):
            return []
        return [str(v) for v in value if v][:MAX_RECENT]

    def add_recent_folder(self, folder: str) -> None:
        recent = [folder, *(f for f in self.recent_folders() if f != folder)][:MAX_RECENT]
        self._store.setValue("files/recent", recent)

    def clear_recent_folders(self) -> None:
        self._store.setValue("files/recent", [])

    # citations ------------------------------------------------------------
    def citation_format(self) -> CitationFormat:
        """The format ``c`` copies a quote in (plain text unless the user chose another)."""
        value = str(self._store.value("cite/format", "plain"))
        for fmt in FORMATS:
            if fmt == value:
                return fmt
        return "plain"

    def set_citation_format(self, fmt: CitationFormat) -> None:
        self._store.setValue("cite/format", fmt)

    def citation_template(self) -> str:
        """The user's citation template, as typed (checked when it is used)."""
        value = self._store.value("cite/template", DEFAULT_TEMPLATE)
        return value if isinstance(value, str) and value else DEFAULT_TEMPLATE

    def set_citation_template(self, template: str) -> None:
        self._store.setValue("cite/template", template)

    # the quotes panel -----------------------------------------------------
    def quote_filter(self) -> Literal["all", "direct"]:
        """Which quotes the panel lists: every kind of statement (the default) or direct only."""
        return "direct" if str(self._store.value("quotes/kinds", "all")) == "direct" else "all"

    def set_quote_filter(self, kinds: Literal["all", "direct"]) -> None:
        self._store.setValue("quotes/kinds", kinds)

    # geometry -------------------------------------------------------------
    def save_geometry(self, window: QMainWindow, key: str) -> None:
        self._store.setValue(f"geometry/{key}", window.saveGeometry())
        self._store.setValue(f"state/{key}", window.saveState())

    def restore_geometry(self, window: QMainWindow, key: str) -> bool:
        geometry = self._store.value(f"geometry/{key}")
        state = self._store.value(f"state/{key}")
        restored = isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            window.restoreState(state)
        return bool(restored)

    def save_splitter(self, splitter: QSplitter, key: str) -> None:
        self._store.setValue(f"splitter/{key}", splitter.saveState())

    def restore_splitter(self, splitter: QSplitter, key: str) -> bool:
        state = self._store.value(f"splitter/{key}")
        return isinstance(state, QByteArray) and splitter.restoreState(state)


def _as_int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


def _as_bool(value: object) -> bool:
    """QSettings gives a bool back from an INI file as the string "true" or "false"."""
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "0", "no", "")
    return bool(value)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))
