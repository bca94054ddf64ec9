"""What commands may ask of the window: a small protocol, so that the command and action
modules never import the main window (which imports them). :class:`MainWindow` fits it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import os
    from collections.abc import Sequence

    from PySide6.QtWidgets import QWidget

    from viewer.core.cite import CitationFormat
    from viewer.core.model import Article, Quote, ReadFailure
    from viewer.ui.background.workers import Task
    from viewer.ui.corrections import CorrectionsController
    from viewer.ui.panes.article_list import ArticleListPane
    from viewer.ui.panes.insights import InsightsPanel
    from viewer.ui.panes.reader import ReaderPane
    from viewer.ui.settings import Settings


class Window(Protocol):
    settings: Settings
    list_pane: ArticleListPane
    reader_pane: ReaderPane
    insights: InsightsPanel
    corrections: CorrectionsController

    def widget(self) -> QWidget:
        """The window as a widget: parent of dialogs and actions."""
        ...

    def opened_paths(self) -> list[str]: ...

    def current_item(self) -> Article | ReadFailure | None: ...

    def open_paths(self, paths: Sequence[str | os.PathLike[str]]) -> Task: ...

    def store_path(self) -> str | None:
        """The corpus store of the opened folder (None before one is open)."""
        ...

    def open_quote(self, article_id: int, quote: int) -> None:
        """Show the article with this store id and select its quote of this number."""
        ...

    def step_mention(self, direction: int) -> None: ...

    def search_across(self, field: str) -> None: ...

    def focus_versions(self) -> None: ...

    def copy_selection(self) -> None: ...

    def copy_quote(self, fmt: CitationFormat | None = None) -> None:
        """Copy the selected quote (the first when none is) in ``fmt``, else the user's default."""
        ...

    def quote_to_copy(self, *, quiet: bool = False) -> tuple[Quote, Article] | None:
        """The selected quote (selecting the first when none is) and its article; ``None``, said
        in the status bar unless ``quiet``, when the article has no quote."""
        ...

    def apply_theme(self) -> None: ...

    def show_status(self, message: str) -> None: ...

    def show_article_status(self, message: str) -> None:
        """A message about the current article: cleared when the user moves to another."""
        ...

    def reload(self) -> None: ...

    def step_search_hit(self, direction: int) -> bool:
        """Go to the next word of the list search in the reader; False when there is none."""
        ...

    def sync_checks(self) -> None:
        """Set the check marks of the menus (sort, theme, panes) from the window's state."""
        ...

    def is_pane_shown(self, pane: str) -> bool: ...

    def set_pane_shown(self, pane: str, shown: bool) -> None:
        """Show or hide the article list (``"list"``) or the side panel (``"panel"``)."""
        ...

    def shortcut_rows(self) -> list[tuple[str, str, str]]: ...
