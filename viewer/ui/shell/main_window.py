"""The main window: lays out the list, the reader and the side panel, and wires them to the
rooms that do the work: the open folder (:mod:`~viewer.ui.shell.folder`), the analysis
(:mod:`~viewer.ui.shell.analysis`), the corrections, the reader's highlights
(:mod:`~viewer.ui.shell.highlights`), the menus and the status bar
(:mod:`~viewer.ui.shell.status`)."""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QSplitter, QWidget

from viewer.core.amounts import find_amounts
from viewer.core.cite import FORMAT_TITLES, CitationFormat, TemplateError, kind_label
from viewer.core.corpus.analysis import AnalysisProgress
from viewer.core.corpus.groups import Version, difference_details
from viewer.core.corpus.store import StoreUnavailable, attach_store
from viewer.core.corpus.sync import SyncSummary
from viewer.core.corpus.versions import OtherVersion, OtherVersions, other_versions
from viewer.core.model import AnalysedArticle, Article, Entity, Quote, ReadFailure
from viewer.ui.background.workers import BackgroundRunner, Progress, Task
from viewer.ui.clipboard import citation_content, put_content, put_on_clipboard
from viewer.ui.corrections import CorrectionsController
from viewer.ui.panes.article_list import ArticleListPane
from viewer.ui.panes.insights import InsightsPanel
from viewer.ui.panes.reader import ReaderPane
from viewer.ui.resources import resource_path
from viewer.ui.settings import Settings
from viewer.ui.shell import actions as action_registry
from viewer.ui.shell.analysis import AnalyseFn, AnalysisController
from viewer.ui.shell.folder import FolderSession
from viewer.ui.shell.highlights import ReaderHighlights
from viewer.ui.shell.status import StatusBar
from viewer.ui.text import display_date, number, one_line, record_label
from viewer.ui.themes import apply_theme, colors_for, resolve_scheme

APP_NAME = "Article Viewer"
ICON = "article-viewer.svg"
#: The article shown is remembered (for the next start) once it has been shown this long.
LAST_ARTICLE_SAVE_MS = 1500

#: The narrowest a side pane (list, panel) gets before it folds away.
SIDE_PANE_MIN = 180
PANES = ("list", "panel")


def window_title(item: Article | ReadFailure | None) -> str:
    """ "<title> — Article Viewer", safe for Qt's "[*]" placeholder."""
    if item is None:
        return APP_NAME
    if isinstance(item, ReadFailure):
        name = os.path.basename(item.path) or item.path
        title = f"{name} (unreadable)"
    else:
        title = item.title or os.path.basename(item.path)
    title = one_line(title, 200).replace("[*]", "[*][*]")
    return f"{title} — {APP_NAME}" if title else APP_NAME


def app_icon() -> QIcon:
    """The program's icon (``resources/article-viewer.svg``); empty when it is not installed."""
    path = resource_path(ICON)
    return QIcon(str(path)) if path is not None else QIcon()


class MainWindow(QMainWindow):
    """Lays out the list, the reader and the side panel, and wires them to the folder
    (:class:`~viewer.ui.shell.folder.FolderSession`), the analysis
    (:class:`~viewer.ui.shell.analysis.AnalysisController`), the corrections, the menus and
    the status bar (:class:`~viewer.ui.shell.status.StatusBar`).

    ``analyse_fn``, when given, is the analysis controller's stand-in for the real analysis
    (tests pass one that needs no language model).
    """

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        analyse_fn: AnalyseFn | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self._current: Article | ReadFailure | None = None
        self._current_id: int | None = None
        #: The article (path, record) and scroll position to go back to once the list has it.
        self._restore: tuple[str, int | None, int] | None = None
        #: Side panes folded away because the window is too narrow (the user's choice stands).
        self._folded: set[str] = set()
        #: (article id, quote number) to select once that article's analysis is shown.
        self._pending_quote: tuple[int, int] | None = None
        #: Notes of the folder's analysis said in the status bar (each once).
        self._notices_said: set[str] = set()
        #: Quick look-ups for the panes (dates and numbers, a quote's other versions).
        self.lookups = BackgroundRunner(1, self)

        self.list_pane = ArticleListPane(self)
        self.folder = FolderSession(self.list_pane, self)
        self.analysis = AnalysisController(
            self.folder.store_path, self.folder.is_loading, self, analyse_fn=analyse_fn
        )
        self._last_article: tuple[str, int | None] | None = None
        self._save_last_article = QTimer(self)
        self._save_last_article.setSingleShot(True)
        self._save_last_article.setInterval(LAST_ARTICLE_SAVE_MS)
        self._save_last_article.timeout.connect(self._keep_last_article)
        self.list_pane.setAccessibleName("Articles")
        self.list_pane.setAccessibleDescription("The article list with its search box and sort order")
        self.reader_pane = ReaderPane(self)
        self.reader_pane.setAccessibleName("Reader")
        self.reader_pane.setAccessibleDescription("The current article, with its find bar")
        self.insights = InsightsPanel(self)
        self.corrections = CorrectionsController(self.list_pane.model.store_path, self)
        self.corrections.changed.connect(self._on_corrections_changed)
        self.corrections.reindexed.connect(self._refresh_analysis_search)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        for pane in (self.list_pane, self.reader_pane, self.insights):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setChildrenCollapsible(False)
        self.list_pane.setMinimumWidth(SIDE_PANE_MIN)
        self.insights.setMinimumWidth(SIDE_PANE_MIN)
        self.setCentralWidget(self.splitter)
        self.status = StatusBar(self)
        self.highlights = ReaderHighlights(self.reader_pane.view, self.insights, self.status)

        self.actions_by_id = action_registry.build_actions(self)
        self.menus = action_registry.build_menus(self.menuBar(), self.actions_by_id)
        self.recent_menu = QMenu("Recent Fol&ders", self)
        self.menus["File"].insertMenu(self.actions_by_id["reload"], self.recent_menu)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

        self.folder.message.connect(self.show_status)
        self.folder.progressed.connect(self.status.show_reading)
        self.folder.counts_changed.connect(self._update_counts)
        self.folder.read.connect(self._on_folder_read)
        self.folder.stopped.connect(self._on_reading_stopped)
        self.analysis.quick.connect(self._on_quick_analysis)
        self.analysis.full.connect(self._on_full_analysis)
        self.analysis.failed.connect(self._on_analysis_failed)
        self.analysis.folder_progress.connect(self._on_folder_progress)
        self.analysis.folder_done.connect(self._on_folder_analysed)
        self.analysis.folder_stopped.connect(self.status.hide_analysis)
        self.list_pane.current_changed.connect(self._on_current_changed)
        self.list_pane.model.refreshed.connect(self._update_counts)
        self.list_pane.model.refreshed.connect(self._on_list_refreshed)
        self.list_pane.filter_edit.textChanged.connect(lambda _text: self._highlight_search())
        self.list_pane.model.modelReset.connect(self._update_counts)
        self.insights.quote_selected.connect(self._on_quote_selected)
        self.insights.version_chosen.connect(self.open_article)
        self.insights.analysis_shown.connect(self._set_quote_tooltips)
        self.insights.analysis_shown.connect(self._select_pending_quote)
        self.insights.entity_selected.connect(self._on_entity_selected)
        self.reader_pane.view.link_refused.connect(
            lambda url: self.show_status(f"Not opened: {one_line(url, 120)} (only web and mail links open)")
        )

        self.reader_pane.view.set_zoom(self.settings.zoom())
        self.apply_theme()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme_changed)
        self.resize(1400, 860)
        self.splitter.setSizes([330, 720, 350])
        self.settings.restore_geometry(self, "main")
        self.settings.restore_splitter(self.splitter, "main")
        self.settings.restore_splitter(self.insights.splitter, "insights")
        self._fit_panes()
        self._set_tab_order()
        self.sync_checks()
        self.list_pane.sort_box.currentIndexChanged.connect(lambda _i: self.sync_checks())
        self.insights.show_dates.toggled.connect(lambda _on: self.sync_checks())
        self.insights.show_dates.toggled.connect(lambda _on: self._find_amounts())
        self.insights.set_quote_filter(self.settings.quote_filter())
        self.insights.quote_filter_changed.connect(self._on_quote_filter_changed)
        self._update_counts()
        self.reader_pane.view.show_article(None)
        # Start in the list, not the filter box, so single-key commands work at once.
        self.list_pane.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_tab_order(self) -> None:
        """Tab goes left to right, top to bottom, as the panes are laid out."""
        reader, bar, panel = self.reader_pane, self.reader_pane.find_bar, self.insights
        chain = [
            self.list_pane.filter_edit,
            self.list_pane.sort_box,
            self.list_pane.view,
            reader.view,
            bar.edit,
            *bar.buttons(),
            panel.kind_filter,
            panel.quote_view,
            panel.show_dates,
            panel.entity_view,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def prepare_background(self) -> None:
        """Start the reading and analysis processes and load the language model, before the
        window is shown: their start-up costs land in start-up, not in the first interaction."""
        self.folder.prepare()
        self.analysis.prepare()

    # opening -----------------------------------------------------------------------------
    def opened_paths(self) -> list[str]:
        return self.folder.paths()

    def store_path(self) -> str | None:
        """The corpus store the list shows (the folder's, or a temporary one)."""
        return self.folder.store_path()

    def open_paths(self, paths: Sequence[str | os.PathLike[str]]) -> Task:
        """Open ``paths`` from their store: rows kept from last time show at once, and what
        changed in the folder is read in the background, the list filling as it goes."""
        self._current_id = None
        self._restore = None
        self.analysis.cancel()
        self.analysis.stop_folder()
        task = self.folder.open(paths)
        self._remember_folder(self.folder.paths())
        return task

    def _remember_folder(self, paths: list[str]) -> None:
        """Remember where the user was: a folder that exists (never the parent of a path
        that does not)."""
        folders = [p for p in paths if os.path.isdir(p)]
        files = [p for p in paths if os.path.isfile(p)]
        folder = folders[0] if folders else (os.path.dirname(os.path.abspath(files[0])) if files else "")
        if folder and os.path.isdir(folder):
            folder = os.path.abspath(folder)
            self.settings.set_last_folder(folder)
            self.settings.add_recent_folder(folder)

    def _on_folder_read(self, initial: bool, summary: object) -> None:
        """A reading ended: say what was read (the first time), and analyse what is new."""
        if not initial:
            if isinstance(summary, SyncSummary) and (summary.written or summary.removed):
                self.analysis.analyse_folder()
            return
        self.status.hide_reading()
        model = self.list_pane.model
        model.refresh()
        articles, failed = model.article_count(), model.failure_count()
        if isinstance(summary, SyncSummary):
            articles = summary.files and articles
        if model.total_count() == 0 and articles == 0 and failed == 0:
            self.show_status(
                "No articles found (known kinds: .txt, .html, .htm, .json, .jsonl, .warc, .arc, .warc.gz, .arc.gz)"
            )
            self.reader_pane.view.show_message("No articles found", "Open another folder with Ctrl+O.")
        else:
            unreadable = f"; {number(failed)} could not be read (marked ⚠ in the list)" if failed else ""
            read = (
                f" ({number(summary.read)} files read, {number(summary.skipped)} unchanged)"
                if isinstance(summary, SyncSummary)
                else ""
            )
            not_pages = summary.skipped_records if isinstance(summary, SyncSummary) else 0
            passed = (
                f"; {number(not_pages)} archive record{'s' if not_pages != 1 else ''} skipped (not web pages)"
                if not_pages
                else ""
            )
            self.show_status(
                f"{number(articles)} article{'s' if articles != 1 else ''}{unreadable}{passed}{read}"
            )
        self._update_counts()
        self.analysis.analyse_folder()

    def _on_reading_stopped(self, message: str) -> None:
        self._update_counts()
        self.status.hide_reading()
        if message != "cancelled":
            self.show_status(f"Reading stopped: {one_line(message, 200)}")

    def is_loading(self) -> bool:
        return self.folder.is_loading()

    def _update_counts(self) -> None:
        self.status.show_counts(self.list_pane.model, self.folder.reading())

    # whole-folder analysis -----------------------------------------------------------------
    def _on_folder_progress(self, progress: object) -> None:
        if not isinstance(progress, AnalysisProgress):
            return
        self._refresh_analysis_search()
        self.status.show_analysis(progress)
        for note in progress.notes:
            self._say_once(note)

    def _say_once(self, notice: str) -> None:
        if notice not in self._notices_said:
            self._notices_said.add(notice)
            self.show_status(notice)

    def _on_folder_analysed(self) -> None:
        self.status.hide_analysis()
        if self.list_pane.model.is_filtered():
            self.list_pane.refresh_search()

    def is_analysing_folder(self) -> bool:
        return self.analysis.is_analysing_folder()

    # the current article -----------------------------------------------------------------
    def current_item(self) -> Article | ReadFailure | None:
        return self._current

    def _on_current_changed(self, item: object) -> None:
        current = item if isinstance(item, Article | ReadFailure) else None
        current_id = self.list_pane.current_id()
        if current_id == self._current_id and _same(current, self._current):
            return
        self._current = current
        self._current_id = current_id
        self.status.article_changed()
        if current is not None:
            # Kept once the user settles on an article: each write makes Qt rewrite and
            # flush the settings file, too slow for every step through the list.
            self._last_article = (current.path, current.record)
            self._save_last_article.start()
        self.setWindowTitle(window_title(current))
        self.reader_pane.view.show_article(current)
        self.reader_pane.find_bar.refresh()
        self._highlight_search()
        self._find_amounts()
        self.highlights.article_changed()
        if not isinstance(current, Article):
            self.analysis.cancel()
        if isinstance(current, ReadFailure):
            self.insights.set_analysis(None)
            self.show_article_status(
                f"Could not read {record_label(current.path, current.record)}: {one_line(current.message, 200)}"
            )
            return
        if current is None:
            self.insights.set_analysis(None)
            self._show_empty_state()
            return
        stored = self.analysis.request(current, current_id)
        if stored is not None:
            self.insights.set_analysis(stored)
        else:
            self.insights.set_analysis(AnalysedArticle(current), busy=True)

    def _on_list_refreshed(self) -> None:
        self._restore_position()
        if self._current is None:
            self._show_empty_state()

    def _show_empty_state(self) -> None:
        """Say why no article is shown: nothing matches the search, or nothing is open yet."""
        model = self.list_pane.model
        if model.is_filtered() and model.total_count() > 0:
            query = one_line(model.filter_text(), 80)
            more = (
                " The folder's analysis is still running: articles may appear as it goes."
                if self._searches_analysis()
                and (self.is_analysing_folder() or self.is_analysing() or self.is_loading())
                else ""
            )
            self.reader_pane.view.show_message(
                f"No article matches “{query}”", f"Esc in the search box clears the search.{more}"
            )
        elif self.is_loading():
            self.reader_pane.view.show_message(
                "Reading…", "The first articles appear in the list as they are read."
            )

    # dates and numbers ---------------------------------------------------------------------
    def _find_amounts(self) -> None:
        """Dates, times, money, percentages and numbers, on a worker thread, when shown."""
        article = self._current
        if not self.insights.show_dates.isChecked() or not isinstance(article, Article):
            return
        task = self.lookups.start("amounts", _amounts_of, article)
        task.succeeded.connect(lambda found: self._on_amounts(article, found))

    def _on_amounts(self, article: Article, found: object) -> None:
        if isinstance(found, tuple):
            self.insights.set_amounts(article, found)

    # the words searched for, in the reader ---------------------------------------------------
    def search_words(self) -> list[str]:
        """The words of the list search that stand in an article's text."""
        query = self.list_pane.model.query()
        if query is None:
            return []
        return [*query.words_of("text"), *query.words_of("quote")]

    def _highlight_search(self) -> None:
        self.highlights.show_search(self.search_words(), isinstance(self._current, Article))

    def step_search_hit(self, direction: int) -> bool:
        """F3 / Shift+F3 with the find bar closed: the next word of the list search."""
        return self.highlights.step_search_hit(direction)

    def search_hits(self) -> list[tuple[int, int]]:
        return self.highlights.search_hits()

    def _searches_analysis(self) -> bool:
        query = self.list_pane.model.query()
        return query is not None and query.searches_analysis

    def _refresh_analysis_search(self) -> None:
        """New analysis is in the store: a search on speakers, entities, quotes or kinds may find more."""
        if self._searches_analysis():
            self.folder.refresh_list_soon()

    def is_analysing(self) -> bool:
        return self.analysis.is_analysing()

    def _on_quick_analysis(self, result: object) -> None:
        if not isinstance(result, AnalysedArticle):
            return
        if self.insights.analysis() is not None and not self.insights.is_busy():
            return  # the full result came first
        self.insights.set_analysis(result, busy=True)

    def _on_full_analysis(self, result: object) -> None:
        self._refresh_analysis_search()
        if not isinstance(result, AnalysedArticle):
            return
        self.insights.set_analysis(result)
        if self.highlights.has_mentions():
            self._on_entity_selected(self.insights.current_entity())

    def _on_corrections_changed(self, message: str) -> None:
        """A correction was made or undone: show the current article as corrected now."""
        self.analysis.corrections_changed()
        current, shown = self._current, self.insights.analysis()
        stored = self.analysis.stored(self._current_id, current) if isinstance(current, Article) else None
        if stored is not None and shown is not None:
            entity = self.insights.current_entity()
            self.insights.set_analysis(
                AnalysedArticle(shown.article, stored.quotes, stored.entities, stored.notes)
            )
            if entity is not None and self.insights.select_entity_near(entity) is None:
                self._on_entity_selected(None)  # no entity any more: its mentions are not lit
            self._set_quote_tooltips()
        self.show_status(message)

    def _on_analysis_failed(self, message: str) -> None:
        if message == "cancelled":
            return
        analysis = self.insights.analysis()
        if analysis is not None:
            note = f"Analysis failed: {one_line(message, 200)}"
            self.insights.set_analysis(
                AnalysedArticle(analysis.article, analysis.quotes, analysis.entities, (note,))
            )
        self.show_status(f"Analysis failed: {one_line(message, 200)}")

    # quotes and mentions -------------------------------------------------------------------
    def _on_quote_selected(self, quote: object) -> None:
        selected = quote if isinstance(quote, Quote) else None
        self._show_versions(selected)
        self.highlights.show_quote(selected)

    def _show_versions(self, quote: Quote | None) -> None:
        """The other articles that carry this quote (its group across the folder), earliest
        first, each with how its version differs from this one: looked up on a worker thread
        (a page of them, see :mod:`viewer.core.corpus.versions`), shown if still selected."""
        self.insights.set_versions([])
        db = self.store_path()
        analysis = self.insights.analysis()
        article_id = self._current_id
        if quote is None or db is None or analysis is None or article_id is None:
            return
        try:
            number = analysis.quotes.index(quote)
        except ValueError:
            return
        selected = Version(0, quote.text, quote.speaker)
        task = self.lookups.start("versions", _versions_of, db, article_id, number, selected)
        task.succeeded.connect(lambda found: self._on_versions(article_id, quote, found))

    def _on_versions(self, article_id: int, quote: Quote, found: object) -> None:
        if not isinstance(found, OtherVersions) or article_id != self._current_id:
            return
        if self.insights.current_quote() != quote:
            return  # another quote was selected meanwhile
        rows: list[tuple[int, str, str]] = []
        for version in found.shown:
            when = " · ".join(p for p in (display_date(version.date), version.source) if p)
            title = one_line(version.title, 90)
            line = f"{title} ({when})" if when else title
            who = f" — {version.speaker}" if version.speaker else ""
            tip = f"“{one_line(version.text, 400)}”{who}"
            rows.append((version.article_id, f"{line}\n{_change_line(version)}", tip))
        self.insights.set_versions(rows, found.total)

    def open_article(self, article_id: int) -> None:
        """Show the article with this store id, clearing the search if it hides it."""
        self.list_pane.show_id(article_id)
        self.list_pane.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_quote(self, article_id: int, quote: int) -> None:
        """Show an article and select its quote of this number (from a speaker page): at
        once when its analysis is stored, else when the analysis arrives."""
        self._pending_quote = (article_id, quote)
        self.open_article(article_id)
        self._select_pending_quote()

    def _select_pending_quote(self) -> None:
        if self._pending_quote is None or self._pending_quote[0] != self._current_id:
            return
        if self.insights.select_quote_number(self._pending_quote[1]):
            self._pending_quote = None
        elif not self.insights.is_busy():
            self._pending_quote = None  # the article no longer has that quote

    def _on_quote_filter_changed(self, kinds: str) -> None:
        """The quote filter is remembered, and its menu item's mark follows it."""
        self.settings.set_quote_filter("direct" if kinds == "direct" else "all")
        self.sync_checks()
        listed = self.insights.quote_count()
        what = "direct quotes only" if kinds == "direct" else "every kind of quote"
        self.show_article_status(f"Listing {what} ({listed:,} in this article)")

    def focus_versions(self) -> None:
        if not self.insights.focus_versions():
            self.show_status("The selected quote is in no other article (select one with q)")

    def _set_quote_tooltips(self) -> None:
        self.highlights.set_quote_tooltips(self._current if isinstance(self._current, Article) else None)

    def _on_entity_selected(self, entity: object) -> None:
        self.highlights.show_entity(entity if isinstance(entity, Entity) else None)

    def step_mention(self, direction: int) -> None:
        self.highlights.step_mention(direction)

    def mention_position(self) -> tuple[int, int]:
        """(current mention, number of mentions shown) for the selected entity."""
        return self.highlights.mention_position()

    # what commands use (see viewer.ui.shell.window_api) -----------------------------------------------
    def widget(self) -> QWidget:
        return self

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        return action_registry.shortcut_rows()

    # across articles ---------------------------------------------------------------------------
    def search_across(self, field: str) -> None:
        """Filter the list to the articles naming the selected entity (``entity``) or quoting
        the selected quote's speaker (``speaker``), from the whole folder's analysis."""
        if field == "entity":
            entity = self.insights.current_entity() or self.insights.select_first_entity()
            name = entity.name if entity is not None else None
            missing = "No entity to search for in this article"
        else:
            quote = self.insights.current_quote() or self.insights.step_quote(1)
            name = quote.speaker if quote is not None else None
            missing = "No quote with a named speaker selected"
        if not name:
            self.show_status(missing)
            return
        words = " ".join(name.replace('"', " ").split())
        self.list_pane.set_search(f'{field}:"{words}"')
        if self.is_analysing_folder() or self.is_analysing() or self.is_loading():
            self.show_status(f"Articles so far with {field} {words}: the folder's analysis is still running")

    # clipboard ---------------------------------------------------------------------------------
    def copy_selection(self) -> None:
        text = self.reader_pane.view.selected_text()
        if text:
            put_on_clipboard(text)
            self.show_article_status(f"Copied {len(text)} characters")
        elif QApplication.focusWidget() is self.insights.quote_view:
            self.copy_quote()

    def quote_to_copy(self, *, quiet: bool = False) -> tuple[Quote, Article] | None:
        article = self._current
        if not isinstance(article, Article):
            if not quiet:
                self.show_article_status("No article open")
            return None
        quote = self.insights.current_quote()
        if quote is None and quiet:
            quote = next(iter(self.insights.quotes()), None)
        elif quote is None:
            if self.insights.quote_count() == 0:
                self.show_article_status("No quotes found in this article")
                return None
            quote = self.insights.step_quote(1)
        return (quote, article) if quote is not None else None

    def copy_quote(self, fmt: CitationFormat | None = None) -> None:
        found = self.quote_to_copy()
        if found is None:
            return
        quote, article = found
        fmt = fmt or self.settings.citation_format()
        try:
            content = citation_content(quote, article, fmt, self.settings.citation_template())
        except TemplateError as err:
            self.show_status(f"Not copied: the citation template is not valid: {err}")
            return
        put_content(content)
        if quote.speaker:
            who = f"by {one_line(quote.speaker, 60)}"
        elif quote.document:
            who = f"from {one_line(quote.document, 60)} (no speaker named)"
        else:
            who = "by an unattributed speaker"
        shape = "" if fmt == "plain" else f" as {FORMAT_TITLES[fmt]}"
        what = "quote" if quote.is_verbatim else f"{kind_label(quote).lower()} statement"
        self.show_article_status(f"Copied {what} {who}{shape}")

    # status, theme, recent folders, drag and drop ---------------------------------------------
    def show_status(self, message: str) -> None:
        self.status.show(message)

    def show_article_status(self, message: str) -> None:
        self.status.show_about_article(message)

    def status_text(self) -> str:
        return self.status.text()

    def apply_theme(self) -> None:
        scheme = resolve_scheme(self.settings.theme())
        app = QApplication.instance()
        colors = apply_theme(app, scheme) if isinstance(app, QApplication) else colors_for(scheme)
        self.reader_pane.view.set_colors(colors)
        self.highlights.refresh()

    def _on_system_scheme_changed(self, _scheme: object) -> None:
        if self.settings.theme() == "system":
            self.apply_theme()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = [folder for folder in self.settings.recent_folders() if os.path.isdir(folder)]
        for folder in recent:
            action = QAction(one_line(folder, 120).replace("&", "&&"), self.recent_menu)
            action.triggered.connect(lambda _checked=False, f=folder: self.open_paths([f]))
            self.recent_menu.addAction(action)
        if recent:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction("Clear Recent Folders")
            clear.triggered.connect(self.settings.clear_recent_folders)
        else:
            empty = self.recent_menu.addAction("No recent folders")
            empty.setEnabled(False)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    # panes, reload, check marks ------------------------------------------------------------
    def _pane(self, pane: str) -> QWidget:
        return self.list_pane if pane == "list" else self.insights

    def is_pane_shown(self, pane: str) -> bool:
        """The user's choice (a pane folded because the window is narrow still counts as shown)."""
        return self.settings.pane_shown(pane)

    def set_pane_shown(self, pane: str, shown: bool) -> None:
        self.settings.set_pane_shown(pane, shown)
        widget = self._pane(pane)
        focus = QApplication.focusWidget()
        if not shown and focus is not None and widget.isAncestorOf(focus):
            self.reader_pane.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._folded.discard(pane)
        self._fit_panes()
        self.sync_checks()
        name = "Article list" if pane == "list" else "Quotes and entities"
        state = "shown" if shown else "hidden"
        folded = " (the window is too narrow: widen it to see it)" if shown and pane in self._folded else ""
        self.show_status(f"{name} {state}{folded}")

    def _fit_panes(self) -> None:
        """The reader keeps at least half the width: the side panes give way first (down to
        their narrowest), then fold (the side panel before the list). Called on every resize."""
        wanted = [p for p in PANES if self.settings.pane_shown(p)]
        if not self.isVisible():
            # Not laid out yet: the first resize when shown fits the panes, keeping the
            # sizes the splitter was given (the remembered ones).
            for pane in PANES:
                self._pane(pane).setVisible(pane in wanted)
            return
        width = self.splitter.width()
        handles = self.splitter.handleWidth() * 2
        room = max(0, width // 2 - handles)
        shown = list(wanted)
        while shown and room < SIDE_PANE_MIN * len(shown):
            shown.pop()  # "panel" goes first, then "list"
        self._folded = set(wanted) - set(shown)
        changed = False
        for pane in PANES:
            widget = self._pane(pane)
            if widget.isHidden() == (pane in shown):
                widget.setVisible(pane in shown)
                changed = True
        sizes = self.splitter.sizes()
        # A pane shown again starts at a comfortable width (a hidden one reports 0).
        side = [
            (sizes[0] or 280) if "list" in shown else 0,
            (sizes[2] or 320) if "panel" in shown else 0,
        ]
        reader = width - handles - sum(side)
        if reader < width / 2 or changed:
            if sum(side) > room:
                # Shrink the side panes in proportion, never below their narrowest.
                scale = room / max(sum(side), 1)
                side = [max(SIDE_PANE_MIN, int(w * scale)) if w else 0 for w in side]
            self.splitter.setSizes([side[0], max(0, width - handles - sum(side)), side[1]])

    def folded_panes(self) -> set[str]:
        return set(self._folded)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_panes()

    def sync_checks(self) -> None:
        checks = {
            f"sort-{self.list_pane.model.sort_key()}": True,
            f"theme-{self.settings.theme()}": True,
            "toggle-list": self.settings.pane_shown("list"),
            "toggle-panel": self.settings.pane_shown("panel"),
            "toggle-dates": self.insights.show_dates.isChecked(),
            "direct-quotes-only": self.insights.quote_filter() == "direct",
            "reopen-last": self.settings.reopen_last(),
        }
        for action_id, checked in checks.items():
            action = self.actions_by_id.get(action_id)
            if action is not None:
                action.setChecked(checked)

    def reload(self) -> None:
        """Read the folder again and come back to the same article, scrolled as it was."""
        paths = self.folder.paths()
        if not paths:
            self.show_status("Nothing to reload: open a folder with Ctrl+O")
            return
        current = self._current
        scroll = self.reader_pane.view.verticalScrollBar().value()
        self.open_paths(paths)
        if current is not None:
            self.restore_article(current.path, current.record, scroll)

    def restore_article(self, path: str, record: int | None, scroll: int = 0) -> None:
        """Go to this article (and scroll position) as soon as the list holds it."""
        self._restore = (path, record, scroll)
        self._restore_position()

    def _restore_position(self) -> None:
        if self._restore is None:
            return
        model = self.list_pane.model
        if model.store_path() is None:
            return
        path, record, scroll = self._restore
        article_id = model.id_of(path, record)
        row = model.row_of_id(article_id) if article_id is not None else -1
        if row < 0:
            if not self.is_loading():
                self._restore = None  # it is gone from the folder
            return
        self._restore = None
        self.list_pane.select_row(row)
        bar = self.reader_pane.view.verticalScrollBar()
        bar.setValue(min(scroll, bar.maximum()))

    def _keep_last_article(self) -> None:
        self._save_last_article.stop()
        if self._last_article is not None:
            self.settings.set_last_article(*self._last_article)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._keep_last_article()
        self.settings.save_geometry(self, "main")
        self.settings.save_splitter(self.splitter, "main")
        self.settings.save_splitter(self.insights.splitter, "insights")
        self.settings.set_zoom(self.reader_pane.view.zoom())
        self.settings.sync()
        self.folder.close()
        self.lookups.shutdown(2000)
        self.analysis.close()
        self.corrections.close()
        self.list_pane.model.close()
        super().closeEvent(event)


def _same(a: Article | ReadFailure | None, b: Article | ReadFailure | None) -> bool:
    """The same article (read from the store twice, it is an equal record, not the same object)."""
    if a is None or b is None:
        return a is b
    return (a.path, a.record) == (b.path, b.record)


def _amounts_of(article: Article, progress: Progress) -> tuple[Entity, ...]:
    return find_amounts(article)


def _versions_of(
    db: str, article_id: int, number: int, selected: Version, progress: Progress
) -> OtherVersions:
    """The quote's other versions, read through a connection of the worker thread's own."""
    try:
        store = attach_store(Path(db), read_only=True)
    except (StoreUnavailable, sqlite3.Error):
        return OtherVersions(0, ())
    try:
        return other_versions(store, article_id, number, selected)
    except sqlite3.Error:
        return OtherVersions(0, ())
    finally:
        store.close()


def _change_line(version: OtherVersion) -> str:
    """What this version changed, as the words themselves: "shortened: dropped “by the
    spring”", "“money” → “funds”", "said by Tomas Berg"; "the same words" when nothing."""
    difference = version.difference
    parts = [difference_details(difference)] if difference_details(difference) else []
    if difference.other_speaker:
        parts.append(f"said by {one_line(version.speaker or '', 60)}")
    if not parts:
        return difference.summary()
    return ("shortened: " if difference.truncated else "") + "; ".join(parts)
