"""Light and dark themes: one palette for widgets, the same colours for the reader's CSS.

The user picks light, dark or "follow the system" (the default). The environment variable
``ARTICLE_VIEWER_THEME`` (light/dark) overrides the setting, for screenshots and testing.
"""

from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from viewer.ui.resources import read_resource
from viewer.ui.settings import Theme

Scheme = Literal["light", "dark"]
ENV_THEME = "ARTICLE_VIEWER_THEME"


@dataclass(frozen=True, slots=True)
class Colors:
    window: str
    base: str
    alternate: str
    text: str
    muted: str
    accent: str
    accent_text: str
    link: str
    figure_bg: str
    figure_border: str
    quote_hl: str
    #: The selected quote's cue ("said") and the words that decided its speaker.
    cue_hl: str
    speaker_hl: str
    mention_hl: str
    current_hl: str
    find_hl: str
    find_current: str


LIGHT = Colors(
    window="#f3f1ec",
    base="#ffffff",
    alternate="#f7f5f0",
    text="#1d1d1f",
    muted="#5f6368",
    accent="#2f5d9e",
    accent_text="#ffffff",
    link="#1f57b5",
    figure_bg="#eef1f5",
    figure_border="#c5ccd6",
    quote_hl="#fff0a8",
    cue_hl="#ffcfe0",
    speaker_hl="#c6ecc6",
    mention_hl="#cfe3ff",
    current_hl="#7fb0ff",
    find_hl="#ffd7a8",
    find_current="#ff9d3b",
)
DARK = Colors(
    window="#1f2124",
    base="#17181a",
    alternate="#232529",
    text="#e6e4df",
    muted="#a3a7ad",
    accent="#3a6cc0",
    accent_text="#ffffff",
    link="#8ab4f8",
    figure_bg="#262a31",
    figure_border="#3d4450",
    quote_hl="#5a4c12",
    cue_hl="#6b2a48",
    speaker_hl="#1e5530",
    mention_hl="#1f3b63",
    current_hl="#2f62b0",
    find_hl="#6b4214",
    find_current="#94500f",
)


def resolve_scheme(theme: Theme) -> Scheme:
    """light or dark: the environment override, the user's choice, else the system's scheme."""
    forced = os.environ.get(ENV_THEME, "").strip().lower()
    if forced in ("light", "dark"):
        return "dark" if forced == "dark" else "light"
    if theme in ("light", "dark"):
        return "dark" if theme == "dark" else "light"
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication) and app.styleHints().colorScheme() == Qt.ColorScheme.Dark:
        return "dark"
    return "light"


def colors_for(scheme: Scheme) -> Colors:
    return DARK if scheme == "dark" else LIGHT


def palette_for(colors: Colors) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    pairs = {
        role.Window: colors.window,
        role.WindowText: colors.text,
        role.Base: colors.base,
        role.AlternateBase: colors.alternate,
        role.Text: colors.text,
        role.Button: colors.window,
        role.ButtonText: colors.text,
        role.ToolTipBase: colors.base,
        role.ToolTipText: colors.text,
        role.PlaceholderText: colors.muted,
        role.Highlight: colors.accent,
        role.HighlightedText: colors.accent_text,
        role.Link: colors.link,
        role.BrightText: "#ff5555",
    }
    for color_role, value in pairs.items():
        palette.setColor(color_role, QColor(value))
    disabled = QColor(colors.muted)
    for color_role in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, color_role, disabled)
    return palette


def fill_template(template: str, colors: Colors) -> str:
    """Replace ``@name@`` placeholders in a CSS/QSS resource with the theme's colours."""
    values = asdict(colors)
    return re.sub(r"@([a-z_]+)@", lambda m: str(values.get(m.group(1), m.group(0))), template)


def apply_theme(app: QApplication, scheme: Scheme) -> Colors:
    colors = colors_for(scheme)
    app.setStyle("Fusion")
    app.setPalette(palette_for(colors))
    app.setStyleSheet(fill_template(read_resource("style.qss"), colors))
    return colors


def reader_css(colors: Colors) -> str:
    return fill_template(read_resource("reader.css"), colors)
