"""The main window: wires the list, the reader and the side panel, menus and status bar."""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu, QProgressBar, QSplitter, QWidget

import viewer
from viewer.core.model import AnalysedArticle, Article, Entity, Quote, ReadFailure
from viewer.ui import actions as action_registry
from viewer.ui.article_list import ArticleListPane
from viewer.ui.child import LoadBatch, analyse_full, read_in_batches, warm_up
from viewer.ui.clipboard import put_on_clipboard, quote_html, quote_markdown, quote_plain
from viewer.ui.insights import InsightsPanel
from viewer.ui.loading import analyse_quotes
from viewer.ui.reader import ReaderPane, TextRange
from viewer.ui.settings import Settings
from viewer.ui.text import one_line
from viewer.ui.themes import apply_theme, colors_for, resolve_scheme
from viewer.ui.workers import BackgroundRunner, ProcessRunner, Progress, Task

APP_NAME = "Article Viewer"
#: Longest paragraph whose quotes are found on a thread of the window's process.
QUICK_QUOTES_MAX_PARAGRAPH = 20_000
ANALYSIS_CACHE = 64


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
        self.setAcceptDrops(True)
        self._paths: list[str] = []
        self._current: Article | ReadFailure | None = None
        self._analysis_cache: OrderedDict[tuple[str, int | None], AnalysedArticle] = OrderedDict()
        self._load_task: Task | None = None
        self._analysis_tasks: list[Task] = []
        self._mentions: list[tuple[int, int]] = []
        self._mention_index = -1
        self.loader = ProcessRunner(self)
        self.analyser = BackgroundRunner(1, self)
        self.entity_runner = ProcessRunner(self)
        self.indexer = BackgroundRunner(1, self)

        self.list_pane = ArticleListPane(self)
        # While a big folder is indexed, look for new text matches a few times a second at most.
        self._search_refresh = QTimer(self)
        self._search_refresh.setSingleShot(True)
        self._search_refresh.setInterval(250)
        self._search_refresh.timeout.connect(self.list_pane.refresh_search)
        self.list_pane.setAccessibleName("Articles")
        self.reader_pane = ReaderPane(self)
        self.reader_pane.setAccessibleName("Reader")
        self.insights = InsightsPanel(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        for pane in (self.list_pane, self.reader_pane, self.insights):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setAccessibleName("Article count")
        self.message_label = QLabel(self)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setAccessibleName("Status")
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(180)
        self.progress.setAccessibleName("Loading progress")
        self.progress.hide()
        self.statusBar().addWidget(self.message_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.count_label)

        self.actions_by_id = action_registry.build_actions(self)
        self.menus = action_registry.build_menus(self.menuBar(), self.actions_by_id)
        self.recent_menu = QMenu("Recent &Folders", self)
        self.menus["File"].insertMenu(self.actions_by_id["reload"], self.recent_menu)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

        self.list_pane.current_changed.connect(self._on_current_changed)
        self.list_pane.model.rowsInserted.connect(lambda *_: self._update_counts())
        self.list_pane.model.modelReset.connect(self._update_counts)
        self.insights.quote_selected.connect(self._on_quote_selected)
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
        self._update_counts()
        self.reader_pane.view.show_article(None)
        # Start in the list, not the filter box, so single-key commands work at once.
        self.list_pane.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def prepare_background(self) -> None:
        """Start the reading and analysis processes and load the language model, before the
        window is shown: their start-up costs land in start-up, not in the first interaction."""
        self.loader.prepare()
        if self._analyse_fn is None:
            self.entity_runner.start("warm-up", warm_up)

    # opening -----------------------------------------------------------------------------
    def opened_paths(self) -> list[str]:
        return list(self._paths)

    def open_paths(self, paths: Sequence[str | os.PathLike[str]]) -> Task:
        """Start reading ``paths`` in the background; the list fills as files are read."""
        if self._load_task is not None:
            self._load_task.cancel()
        self._cancel_analysis()
        self.indexer.cancel_all()
        self._paths = [str(p) for p in paths]
        self._analysis_cache.clear()
        self.list_pane.model.clear()
        self._remember_folder(self._paths)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.show_status(
            "Reading "
            + ", ".join(one_line(os.path.basename(p.rstrip("/")) or p, 60) for p in self._paths[:3])
        )
        task = self.loader.start("load", read_in_batches, list(self._paths), supersede=True)
        task.partial.connect(self._on_batch_loaded)
        task.succeeded.connect(self._on_load_done)
        task.failed.connect(self._on_load_failed)
        self._load_task = task
        return task

    def _remember_folder(self, paths: list[str]) -> None:
        folders = [p for p in paths if os.path.isdir(p)]
        folder = folders[0] if folders else (os.path.dirname(os.path.abspath(paths[0])) if paths else "")
        if folder:
            folder = os.path.abspath(folder)
            self.settings.set_last_folder(folder)
            self.settings.add_recent_folder(folder)

    def _on_batch_loaded(self, batch: object) -> None:
        if not isinstance(batch, LoadBatch):
            return
        if batch.items:
            self.list_pane.model.append_items(batch.items)
            self.list_pane.ensure_selection()
            self._index_new_articles()
        if batch.total > 0:
            self.progress.setRange(0, batch.total)
            self.progress.setValue(batch.done)
        if batch.name:
            self.show_status(f"Reading {batch.done} of {batch.total}: {one_line(batch.name, 80)}")

    def _index_new_articles(self) -> None:
        """Hand newly read articles to the full-text index, on a worker thread."""
        model = self.list_pane.model
        pending = model.take_unindexed()
        if not pending:
            return
        index = model.search_index

        def add(items: list[tuple[int, Article]], progress: Progress) -> None:
            for start in range(0, len(items), 200):
                progress.check()
                index.add_many(items[start : start + 200])

        task = self.indexer.start("index", add, pending)
        task.succeeded.connect(lambda _result: self._refresh_search_soon())

    def _refresh_search_soon(self) -> None:
        if not self._search_refresh.isActive():
            self._search_refresh.start()

    def _on_load_done(self, counts: object) -> None:
        self.progress.hide()
        articles, failed = counts if isinstance(counts, tuple) else (0, 0)
        if articles == 0 and failed == 0:
            self.show_status("No articles found (known kinds: .txt, .html, .htm, .json, .jsonl)")
            self.reader_pane.view.show_message("No articles found", "Open another folder with Ctrl+O.")
        else:
            unreadable = f"; {failed} could not be read (marked ⚠ in the list)" if failed else ""
            self.show_status(f"Read {articles} article{'s' if articles != 1 else ''}{unreadable}")
        self._update_counts()

    def _on_load_failed(self, message: str) -> None:
        self.progress.hide()
        if message != "cancelled":
            self.show_status(f"Reading stopped: {one_line(message, 200)}")

    def is_loading(self) -> bool:
        return self._load_task is not None and not self._load_task.is_finished()

    def _update_counts(self) -> None:
        model = self.list_pane.model
        articles, failed = model.article_count(), model.failure_count()
        text = f"{articles} article{'s' if articles != 1 else ''}"
        if failed:
            text += f" · {failed} unreadable"
        self.count_label.setText(text)

    # the current article -----------------------------------------------------------------
    def current_item(self) -> Article | ReadFailure | None:
        return self._current

    def _on_current_changed(self, item: object) -> None:
        current = item if isinstance(item, Article | ReadFailure) else None
        if current is self._current:
            return
        self._current = current
        self.setWindowTitle(window_title(current))
        self.reader_pane.view.show_article(current)
        self.reader_pane.find_bar.refresh()
        self._mentions, self._mention_index = [], -1
        self._cancel_analysis()
        if isinstance(current, ReadFailure):
            self.insights.set_analysis(None)
            self.show_status(
                f"Could not read {one_line(os.path.basename(current.path), 80)}: {one_line(current.message, 200)}"
            )
            return
        if current is None:
            self.insights.set_analysis(None)
            return
        cached = self._analysis_cache.get(_key(current))
        if cached is not None:
            self._analysis_cache.move_to_end(_key(current))
            self.insights.set_analysis(cached)
            return
        self.insights.set_analysis(AnalysedArticle(current), busy=True)
        self._start_analysis(current)

    def _start_analysis(self, article: Article) -> None:
        if self._analyse_fn is not None:
            task = self.analyser.start("analyse", self._analyse_fn, article)
            task.succeeded.connect(self._on_analysis_done)
            task.failed.connect(self._on_analysis_failed)
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
        full = self.entity_runner.start("entities", analyse_full, article, supersede=True)
        full.succeeded.connect(lambda payload: self._on_full_analysis(article, payload))
        full.failed.connect(self._on_analysis_failed)
        self._analysis_tasks = [*tasks, full]

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
        if not isinstance(result, AnalysedArticle) or _key(result.article) in self._analysis_cache:
            return  # the full result came first
        if result.article is self._current:
            self.insights.set_analysis(result, busy=True)

    def _on_analysis_done(self, result: object) -> None:
        if not isinstance(result, AnalysedArticle) or result.article is not self._current:
            return  # stale: the user moved on
        self._analysis_cache[_key(result.article)] = result
        while len(self._analysis_cache) > ANALYSIS_CACHE:
            self._analysis_cache.popitem(last=False)
        self.insights.set_analysis(result)
        if self._mentions:
            self._on_entity_selected(self.insights.current_entity())

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
                self.show_status("No entities in this article")
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
        self.show_status(f"{name}: mention {index + 1} of {len(self._mentions)}")

    def mention_position(self) -> tuple[int, int]:
        """(current mention, number of mentions shown) for the selected entity."""
        return self._mention_index, len(self._mentions)

    # clipboard ---------------------------------------------------------------------------------
    def copy_selection(self) -> None:
        text = self.reader_pane.view.selected_text()
        if text:
            put_on_clipboard(text)
            self.show_status(f"Copied {len(text)} characters")
        elif QApplication.focusWidget() is self.insights.quote_view:
            self.copy_quote(markdown=False)

    def copy_quote(self, *, markdown: bool) -> None:
        article = self._current
        if not isinstance(article, Article):
            self.show_status("No article open")
            return
        quote = self.insights.current_quote()
        if quote is None:
            if self.insights.quote_count() == 0:
                self.show_status("No quotes found in this article")
                return
            quote = self.insights.step_quote(1)
        if quote is None:
            return
        if markdown:
            put_on_clipboard(quote_markdown(quote, article))
        else:
            put_on_clipboard(quote_plain(quote, article), quote_html(quote, article))
        who = one_line(quote.speaker, 60) if quote.speaker else "an unattributed speaker"
        self.show_status(f"Copied quote by {who}" + (" as Markdown" if markdown else ""))

    # status, theme, recent folders, drag and drop ---------------------------------------------
    def show_status(self, message: str) -> None:
        self.message_label.setText(one_line(message, 300))

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
        recent = self.settings.recent_folders()
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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_geometry(self, "main")
        self.settings.save_splitter(self.splitter, "main")
        self.settings.save_splitter(self.insights.splitter, "insights")
        self.settings.set_zoom(self.reader_pane.view.zoom())
        self.settings.sync()
        if self._load_task is not None:
            self._load_task.cancel()
        self.loader.shutdown()
        self.analyser.shutdown(2000)
        self.indexer.shutdown(2000)
        self.entity_runner.shutdown()
        super().closeEvent(event)


def _key(article: Article) -> tuple[str, int | None]:
    return article.path, article.record
