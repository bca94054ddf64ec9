"""The main window: wires the list, the reader and the side panel, menus and status bar."""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections.abc import Callable, Sequence
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
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu, QProgressBar, QSplitter, QWidget

import viewer
from viewer.core.amounts import find_amounts
from viewer.core.cite import FORMAT_TITLES, CitationFormat, TemplateError
from viewer.core.corpus.analysis import AnalysisProgress, analyse_one, analyse_store
from viewer.core.corpus.groups import Version, difference_details
from viewer.core.corpus.store import StoreUnavailable, attach_store, store_path, temporary_store_path
from viewer.core.corpus.sync import SyncEvent, SyncSummary
from viewer.core.corpus.versions import OtherVersion, OtherVersions, other_versions
from viewer.core.model import AnalysedArticle, Article, Entity, Quote, ReadFailure
from viewer.ui.background.child import analyse_and_store, analyse_folder, sync_folder, warm_up
from viewer.ui.background.watcher import FolderWatcher, cache_dir
from viewer.ui.background.workers import BackgroundRunner, ProcessRunner, Progress, Task
from viewer.ui.clipboard import citation_content, put_content, put_on_clipboard
from viewer.ui.corrections import CorrectionsController
from viewer.ui.loading import analyse_quotes
from viewer.ui.panes.article_list import ArticleListPane
from viewer.ui.panes.insights import InsightsPanel, quote_tooltip
from viewer.ui.panes.reader import ReaderPane, TextRange
from viewer.ui.resources import resource_path
from viewer.ui.settings import Settings
from viewer.ui.shell import actions as action_registry
from viewer.ui.text import display_date, number, one_line, record_label
from viewer.ui.themes import apply_theme, colors_for, resolve_scheme

APP_NAME = "Article Viewer"
ICON = "article-viewer.svg"
#: Longest paragraph whose quotes are found on a thread of the window's process.
QUICK_QUOTES_MAX_PARAGRAPH = 20_000
#: How often the list asks the store for rows that were read meanwhile.
REFRESH_MS = 250
#: The article shown is remembered (for the next start) once it has been shown this long.
LAST_ARTICLE_SAVE_MS = 1500


def refresh_interval(rows: int) -> int:
    """Milliseconds between list refreshes while a folder is read. Each refresh makes the view
    lay out every row again (one or two calls into Python per row: about 150,000 at 100,000
    rows), so a long list is refreshed less often: 250 ms up to 6,250 rows, then one more
    second per 25,000 rows, up to 4 s. Once every file is read, the list refreshes at once."""
    return int(min(4000, max(REFRESH_MS, rows // 25)))


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


def default_folder() -> Path:
    """The ``seeds/`` folder next to the package (checkout or editable install), else ./seeds."""
    beside = Path(viewer.__file__).resolve().parent.parent / "seeds"
    return beside if beside.is_dir() else Path.cwd() / "seeds"


AnalyseFn = Callable[[Article, Progress], AnalysedArticle]


class MainWindow(QMainWindow):
    """Analysis: quotes on a worker thread, then quotes and entities in a child process.

    ``analyse_fn``, when given, replaces both and runs on a worker thread (tests pass one
    that needs no language model).
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
        self._analyse_fn = analyse_fn
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self._paths: list[str] = []
        self._current: Article | ReadFailure | None = None
        self._current_id: int | None = None
        self._store_path: str | None = None
        self._load_task: Task | None = None
        self._folder_task: Task | None = None
        self._notices_said: set[str] = set()
        self._analysis_tasks: list[Task] = []
        self._mentions: list[tuple[int, int]] = []
        self._mention_index = -1
        #: The article (path, record) and scroll position to go back to once the list has it.
        self._restore: tuple[str, int | None, int] | None = None
        #: The status message is about the current article (cleared when it changes).
        self._status_is_article = False
        #: Side panes folded away because the window is too narrow (the user's choice stands).
        self._folded: set[str] = set()
        #: (files read, files in all, articles written) while a folder is read, for the count.
        self._reading: tuple[int, int, int] | None = None
        #: (article id, quote number) to select once that article's analysis is shown.
        self._pending_quote: tuple[int, int] | None = None
        self._search_hits: list[tuple[int, int]] = []
        self._search_index = -1
        # Reading runs in a process that may start parsers of its own (so it is no daemon).
        self.loader = ProcessRunner(self, daemon=False)
        self.analyser = BackgroundRunner(1, self)
        self.entity_runner = ProcessRunner(self)

        self.list_pane = ArticleListPane(self)
        self._changed_while_reading = False  # the folder changed during a reading: read again
        self._last_article: tuple[str, int | None] | None = None
        self._save_last_article = QTimer(self)
        self._save_last_article.setSingleShot(True)
        self._save_last_article.setInterval(LAST_ARTICLE_SAVE_MS)
        self._save_last_article.timeout.connect(self._keep_last_article)
        # While a folder is read, ask the store for new rows a few times a second at most.
        self._list_refresh = QTimer(self)
        self._list_refresh.setSingleShot(True)
        self._list_refresh.setInterval(REFRESH_MS)
        self._list_refresh.timeout.connect(self.list_pane.refresh_search)
        self.watcher = FolderWatcher(self)
        self.watcher.changed.connect(self._on_folder_changed)
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

        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setAccessibleName("Article count")
        self.count_label.setAccessibleDescription("How many articles the list shows, of how many")
        self.message_label = QLabel(self)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setAccessibleName("Status")
        self.message_label.setAccessibleDescription("The last thing the window did or found")
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(180)
        self.progress.setAccessibleName("Loading progress")
        self.progress.setAccessibleDescription("Files of the folder read so far")
        self.progress.hide()
        self.statusBar().addWidget(self.message_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.analysis_label = QLabel(self)
        self.analysis_label.setTextFormat(Qt.TextFormat.PlainText)
        self.analysis_label.setAccessibleName("Folder analysis progress")
        self.analysis_label.setAccessibleDescription("Articles of the folder analysed so far")
        self.analysis_label.hide()
        self.statusBar().addPermanentWidget(self.analysis_label)
        self.statusBar().addPermanentWidget(self.count_label)

        self.actions_by_id = action_registry.build_actions(self)
        self.menus = action_registry.build_menus(self.menuBar(), self.actions_by_id)
        self.recent_menu = QMenu("Recent Fol&ders", self)
        self.menus["File"].insertMenu(self.actions_by_id["reload"], self.recent_menu)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

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
            panel.quote_view,
            panel.show_dates,
            panel.entity_view,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def prepare_background(self) -> None:
        """Start the reading and analysis processes and load the language model, before the
        window is shown: their start-up costs land in start-up, not in the first interaction."""
        self.loader.prepare()
        if self._analyse_fn is None:
            self.entity_runner.start("warm-up", warm_up)

    # opening -----------------------------------------------------------------------------
    def opened_paths(self) -> list[str]:
        return list(self._paths)

    def store_path(self) -> str | None:
        """The corpus store the list shows (the folder's, or a temporary one)."""
        return self._store_path

    def open_paths(self, paths: Sequence[str | os.PathLike[str]]) -> Task:
        """Open ``paths`` from their store: rows kept from last time show at once, and what
        changed in the folder is read in the background, the list filling as it goes."""
        self._paths = [str(p) for p in paths]
        self._changed_while_reading = False
        self._store_path = None
        self._current_id = None
        self._restore = None
        self.watcher.watch([])
        self.list_pane.model.attach(None)
        self._remember_folder(self._paths)
        return self._sync(initial=True)

    def _sync(self, *, initial: bool) -> Task:
        if self._load_task is not None:
            self._load_task.cancel()
        if initial:
            self._cancel_analysis()
            self._stop_folder_analysis()
            self.progress.setRange(0, 0)
            self.progress.show()
            self.show_status(
                "Reading "
                + ", ".join(one_line(os.path.basename(p.rstrip("/")) or p, 60) for p in self._paths[:3])
            )
        cache = cache_dir()
        db = store_path(self._paths, cache)
        fallback = temporary_store_path(self._paths)
        jobs = max(1, min(2, os.cpu_count() or 1))
        task = self.loader.start(
            "load", sync_folder, list(self._paths), str(db), str(fallback), jobs, supersede=True
        )
        task.partial.connect(lambda event: self._on_sync_event(event, initial=initial))
        task.succeeded.connect(lambda summary: self._on_load_done(summary, initial=initial))
        task.failed.connect(self._on_load_failed)
        self._load_task = task
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

    def _on_sync_event(self, event: object, *, initial: bool) -> None:
        if not isinstance(event, SyncEvent):
            return
        if event.kind == "open":
            if event.store != self._store_path:
                self._store_path = event.store
                self.list_pane.model.attach(event.store)
            if event.notice:
                self._say_once(event.notice)
            return
        if event.kind == "rows":
            if event.written and (self.list_pane.model.rowCount() == 0 or event.done == event.total):
                # The first rows, and every row once all files are read: at once, not after
                # the next refresh interval (up to 2 s in a big folder).
                self._list_refresh.stop()
                self.list_pane.refresh_search()
            elif event.written and not self._list_refresh.isActive():
                self._list_refresh.start(refresh_interval(self.list_pane.model.rowCount()))
            if initial:
                if event.total > 0:
                    self.progress.setRange(0, event.total)
                    self.progress.setValue(event.done)
                    self._reading = (event.done, event.total, event.written)
                    self._update_counts()
                if event.name:
                    self.show_status(
                        f"Reading {event.name}: {number(event.written)} article{'s' if event.written != 1 else ''}"
                        f" read ({number(event.done)} of {number(event.total)} files)"
                    )
        elif event.kind == "index":
            if self.list_pane.model.is_filtered() and not self._list_refresh.isActive():
                self._list_refresh.start()
            if initial and event.total:
                self.progress.setRange(0, event.total)
                self.progress.setValue(event.done)
                self.show_status(f"Indexing for search: {number(event.done)} of {number(event.total)}")

    def _on_folder_changed(self) -> None:
        """Files were added, changed or removed in the open folder: read what changed (once
        the reading under way ends, if one is: it may have looked at those files already)."""
        if not self._paths:
            return
        if self.is_loading():
            self._changed_while_reading = True
            return
        self._sync(initial=False)

    def _on_load_done(self, summary: object, *, initial: bool) -> None:
        self._reading = None
        self.list_pane.refresh_search()
        self.watcher.watch(self._paths)
        if self._changed_while_reading:
            self._changed_while_reading = False
            QTimer.singleShot(0, self._on_folder_changed)
        if not initial:
            if isinstance(summary, SyncSummary) and (summary.written or summary.removed):
                self.show_status(
                    f"Folder changed: {number(summary.written)} article{'s' if summary.written != 1 else ''} read,"
                    f" {number(summary.removed)} file{'s' if summary.removed != 1 else ''} gone"
                )
                self._start_folder_analysis()
            return
        self.progress.hide()
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
        self._start_folder_analysis()

    def _on_load_failed(self, message: str) -> None:
        self._reading = None
        self._update_counts()
        self.progress.hide()
        if message != "cancelled":
            self.show_status(f"Reading stopped: {one_line(message, 200)}")

    def is_loading(self) -> bool:
        return self._load_task is not None and not self._load_task.is_finished()

    def _say_once(self, notice: str) -> None:
        if notice not in self._notices_said:
            self._notices_said.add(notice)
            self.show_status(notice)

    def _update_counts(self) -> None:
        model = self.list_pane.model
        total, shown, failed = model.total_count(), model.rowCount(), model.failure_count()
        if model.is_filtered():
            text = f"{number(shown)} of {number(total)} article{'s' if total != 1 else ''}"
        else:
            text = f"{number(total - failed)} article{'s' if total - failed != 1 else ''}"
            if failed:
                text += f" · {number(failed)} unreadable"
        if self._reading is not None and self.is_loading():
            done, total, written = self._reading
            if total > 1:
                text += f" · Reading {number(done)} of {number(total)}"
            else:  # one big file (a JSON Lines corpus): how many of its articles so far
                text += f" · Reading: {number(written)} so far"
        self.count_label.setText(text)

    # whole-folder analysis -----------------------------------------------------------------
    def _start_folder_analysis(self) -> None:
        """Quotes and entities for every article, in the analysis process, persisted; the
        current article's analysis goes first (it stops this, then starts it again)."""
        if self._store_path is None:
            return
        if self._folder_task is not None and not self._folder_task.is_finished():
            return
        if self._analyse_fn is not None:
            task = self.analyser.start(
                "analyse-folder", _analyse_folder_with, self._analyse_fn, self._store_path
            )
        else:
            task = self.entity_runner.start("analyse-folder", analyse_folder, self._store_path)
        task.partial.connect(self._on_folder_progress)
        task.succeeded.connect(lambda _n: self._on_folder_analysed())
        self._folder_task = task

    def _stop_folder_analysis(self) -> None:
        if self._folder_task is not None:
            self._folder_task.cancel()
            self._folder_task = None
        self.analysis_label.hide()

    def _on_folder_progress(self, progress: object) -> None:
        if not isinstance(progress, AnalysisProgress):
            return
        self._refresh_analysis_search()
        if progress.total and progress.done < progress.total:
            self.analysis_label.setText(f"Analysed {number(progress.done)} of {number(progress.total)}")
            self.analysis_label.show()
        else:
            self.analysis_label.hide()
        for note in progress.notes:
            self._say_once(note)

    def _on_folder_analysed(self) -> None:
        self.analysis_label.hide()
        if self.list_pane.model.is_filtered():
            self.list_pane.refresh_search()

    def is_analysing_folder(self) -> bool:
        return self._folder_task is not None and not self._folder_task.is_finished()

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
        if self._status_is_article:
            self.show_status("")  # it was about the article the user left
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
        self._mentions, self._mention_index = [], -1
        self._cancel_analysis()
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
        stored = self._stored_analysis(current_id)
        if stored is not None:
            self.insights.set_analysis(AnalysedArticle(current, stored.quotes, stored.entities, stored.notes))
            return
        self.insights.set_analysis(AnalysedArticle(current), busy=True)
        self._start_analysis(current, current_id)

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
        task = self.analyser.start("amounts", _amounts_of, article)
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
        if self._search_index >= 0 and self._status_is_article:
            self.show_status("")  # "Searched word 2 of 7" was about the search before
        view = self.reader_pane.view
        self._search_hits = view.find_words(self.search_words()) if isinstance(self._current, Article) else []
        self._search_index = -1
        view.set_layer("search", self._search_hits)
        view.set_layer("search-current", [])

    def step_search_hit(self, direction: int) -> bool:
        """F3 / Shift+F3 with the find bar closed: the next word of the list search."""
        if not self._search_hits:
            return False
        count = len(self._search_hits)
        start = 0 if direction > 0 else count - 1
        self._search_index = start if self._search_index < 0 else (self._search_index + direction) % count
        hit = self._search_hits[self._search_index]
        view = self.reader_pane.view
        view.set_layer("search-current", [hit])
        view.scroll_to(hit[0])
        self.show_article_status(f"Searched word {number(self._search_index + 1)} of {number(count)}")
        return True

    def search_hits(self) -> list[tuple[int, int]]:
        return list(self._search_hits)

    def _searches_analysis(self) -> bool:
        query = self.list_pane.model.query()
        return query is not None and bool(query.fields() & {"speaker", "entity", "quote"})

    def _refresh_analysis_search(self) -> None:
        """New analysis is in the store: a search on speakers, entities or quotes may find more."""
        if self._searches_analysis() and not self._list_refresh.isActive():
            self._list_refresh.start()

    def _stored_analysis(self, article_id: int | None) -> AnalysedArticle | None:
        store = self.list_pane.model.store()
        if store is None or article_id is None:
            return None
        try:
            return store.analysis(article_id)
        except sqlite3.Error:
            return None

    def _start_analysis(self, article: Article, article_id: int | None) -> None:
        if self._analyse_fn is not None:
            self._stop_folder_analysis()
            task = self.analyser.start(
                "analyse", _analyse_and_keep, self._analyse_fn, self._store_path, article_id, article
            )
            task.succeeded.connect(self._on_analysis_done)
            task.failed.connect(self._on_analysis_failed)
            task.ended.connect(self._start_folder_analysis_soon)
            self._analysis_tasks = [task]
            return
        tasks = []
        # Quotes first, from a thread of this process: they are ready long before entities.
        # Not for a giant paragraph: one regular-expression pass over it would hold Python's
        # lock (and so the window) for a tenth of a second; the analysis process does it.
        if max(map(len, article.paragraphs), default=0) <= QUICK_QUOTES_MAX_PARAGRAPH:
            quick = self.analyser.start("quotes", analyse_quotes, article)
            quick.succeeded.connect(self._on_analysis_partial)
            quick.failed.connect(self._on_analysis_failed)
            tasks.append(quick)
        # This article before the rest of the folder: the folder's analysis stops at its next
        # batch and starts again once this one is done.
        self._stop_folder_analysis()
        full = self.entity_runner.start(
            "entities", analyse_and_store, self._store_path, article_id, article, supersede=True
        )
        full.succeeded.connect(lambda payload: self._on_full_analysis(article, payload))
        full.failed.connect(self._on_analysis_failed)
        full.ended.connect(self._start_folder_analysis_soon)
        self._analysis_tasks = [*tasks, full]

    def _start_folder_analysis_soon(self) -> None:
        if not self.is_loading():
            self._start_folder_analysis()

    def _cancel_analysis(self) -> None:
        for task in self._analysis_tasks:
            task.cancel()
        self._analysis_tasks = []

    def is_analysing(self) -> bool:
        return any(not task.is_finished() for task in self._analysis_tasks)

    def _on_full_analysis(self, article: Article, payload: object) -> None:
        if isinstance(payload, tuple) and len(payload) == 3:
            quotes, entities, notes = payload
            self._on_analysis_done(AnalysedArticle(article, quotes, entities, notes))

    def _on_analysis_partial(self, result: object) -> None:
        if not isinstance(result, AnalysedArticle) or not _same(result.article, self._current):
            return
        shown = self.insights.analysis()
        if shown is not None and not self.insights.is_busy():
            return  # the full result came first
        self.insights.set_analysis(self.corrections.apply(result), busy=True)

    def _on_analysis_done(self, result: object) -> None:
        self._refresh_analysis_search()
        if not isinstance(result, AnalysedArticle) or not _same(result.article, self._current):
            return  # stale: the user moved on
        self.insights.set_analysis(self.corrections.apply(result))
        if self._mentions:
            self._on_entity_selected(self.insights.current_entity())

    def _on_corrections_changed(self, message: str) -> None:
        """A correction was made or undone: show the current article as corrected now."""
        current, shown = self._current, self.insights.analysis()
        stored = self.corrections.reapply(self._current_id, current) if isinstance(current, Article) else None
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
        view = self.reader_pane.view
        self._show_versions(quote if isinstance(quote, Quote) else None)
        if not isinstance(quote, Quote):
            view.set_layer("quote", [])
            return
        ranges = [
            r
            for s in quote.spans
            if (r := view.document_range(TextRange("paragraph", s.paragraph, s.start, s.end)))
        ]
        view.set_layer("quote", ranges)
        if ranges:
            view.scroll_to(ranges[0][0])

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
        task = self.analyser.start("versions", _versions_of, db, article_id, number, selected)
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
        row = self._pending_quote[1]
        if row < self.insights.quote_count():
            self._pending_quote = None
            self.insights.quote_view.setCurrentIndex(self.insights.quote_model.index(row, 0))
        elif not self.insights.is_busy():
            self._pending_quote = None  # the article no longer has that quote

    def focus_versions(self) -> None:
        if not self.insights.focus_versions():
            self.show_status("The selected quote is in no other article (select one with q)")

    def _set_quote_tooltips(self) -> None:
        """Hovering over a quote in the reader shows it whole (the parts of a split one
        joined with " … ") and who said it."""
        view = self.reader_pane.view
        article = self._current if isinstance(self._current, Article) else None
        tips = []
        for quote in self.insights.quotes():
            tip = quote_tooltip(quote, article)
            for span in quote.spans:
                located = view.document_range(TextRange("paragraph", span.paragraph, span.start, span.end))
                if located is not None:
                    tips.append((located[0], located[1], tip))
        view.set_tooltips(tips)

    def _on_entity_selected(self, entity: object) -> None:
        view = self.reader_pane.view
        self._mentions, self._mention_index = [], -1
        if isinstance(entity, Entity):
            ranges = [
                view.document_range(TextRange(m.where, m.index, m.start, m.end, m.field))
                for m in entity.mentions
            ]
            self._mentions = sorted({r for r in ranges if r is not None})
        view.set_layer("mention", self._mentions)
        view.set_layer("mention-current", [])
        if self._mentions:
            self._show_mention(0)

    def step_mention(self, direction: int) -> None:
        if self.insights.current_entity() is None:
            if self.insights.select_first_entity() is None:
                self.show_article_status("No entities in this article")
            return
        if self._mentions:
            self._show_mention((self._mention_index + direction) % len(self._mentions))

    def _show_mention(self, index: int) -> None:
        self._mention_index = index
        start, end = self._mentions[index]
        view = self.reader_pane.view
        view.set_layer("mention-current", [(start, end)])
        view.scroll_to(start)
        entity = self.insights.current_entity()
        name = one_line(entity.name, 80) if entity else ""
        self.show_article_status(f"{name}: mention {index + 1} of {len(self._mentions)}")

    def mention_position(self) -> tuple[int, int]:
        """(current mention, number of mentions shown) for the selected entity."""
        return self._mention_index, len(self._mentions)

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
        who = one_line(quote.speaker, 60) if quote.speaker else "an unattributed speaker"
        shape = "" if fmt == "plain" else f" as {FORMAT_TITLES[fmt]}"
        self.show_article_status(f"Copied quote by {who}{shape}")

    # status, theme, recent folders, drag and drop ---------------------------------------------
    def show_status(self, message: str) -> None:
        self._status_is_article = False
        self.message_label.setText(one_line(message, 300))

    def show_article_status(self, message: str) -> None:
        self.show_status(message)
        self._status_is_article = True

    def status_text(self) -> str:
        return self.message_label.text()

    def apply_theme(self) -> None:
        scheme = resolve_scheme(self.settings.theme())
        app = QApplication.instance()
        colors = apply_theme(app, scheme) if isinstance(app, QApplication) else colors_for(scheme)
        self.reader_pane.view.set_colors(colors)
        self._refresh_current_highlights()

    def _on_system_scheme_changed(self, _scheme: object) -> None:
        if self.settings.theme() == "system":
            self.apply_theme()

    def _refresh_current_highlights(self) -> None:
        self._on_quote_selected(self.insights.current_quote())
        if self._mentions:
            keep = self._mention_index
            self._on_entity_selected(self.insights.current_entity())
            if 0 <= keep < len(self._mentions):
                self._show_mention(keep)

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
            "reopen-last": self.settings.reopen_last(),
        }
        for action_id, checked in checks.items():
            action = self.actions_by_id.get(action_id)
            if action is not None:
                action.setChecked(checked)

    def reload(self) -> None:
        """Read the folder again and come back to the same article, scrolled as it was."""
        if not self._paths:
            self.show_status("Nothing to reload: open a folder with Ctrl+O")
            return
        current = self._current
        scroll = self.reader_pane.view.verticalScrollBar().value()
        self.open_paths(self._paths)
        if current is not None:
            self.restore_article(current.path, current.record, scroll)

    def restore_article(self, path: str, record: int | None, scroll: int = 0) -> None:
        """Go to this article (and scroll position) as soon as the list holds it."""
        self._restore = (path, record, scroll)
        self._restore_position()

    def _restore_position(self) -> None:
        if self._restore is None:
            return
        store = self.list_pane.model.store()
        if store is None:
            return
        path, record, scroll = self._restore
        try:
            article_id = store.id_of(path, record)
        except sqlite3.Error:
            article_id = None
        row = self.list_pane.model.row_of_id(article_id) if article_id is not None else -1
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
        if self._load_task is not None:
            self._load_task.cancel()
        self.watcher.watch([])
        self.loader.shutdown()
        self.analyser.shutdown(2000)
        self.entity_runner.shutdown()
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


def _analyse_folder_with(analyse_fn: AnalyseFn, db_path: str, progress: Progress) -> int:
    """Tests' stand-in for the analysis process's whole-folder analysis, on a worker thread:
    the same loop, with ``analyse_fn`` analysing and a check for cancellation between batches."""
    steps = analyse_store(db_path, analyser=lambda articles: [analyse_fn(a, progress) for a in articles])
    while True:
        try:
            step = next(steps)
        except StopIteration as done:
            return int(done.value)
        progress.publish(step)
        if progress.cancelled:
            steps.close()
            progress.check()


def _analyse_and_keep(
    analyse_fn: AnalyseFn, db_path: str | None, article_id: int | None, article: Article, progress: Progress
) -> AnalysedArticle:
    """Tests' stand-in analysis on a worker thread, kept in the store like the real one."""
    return analyse_one(
        db_path, article_id, article, analyser=lambda articles: [analyse_fn(articles[0], progress)]
    )


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
