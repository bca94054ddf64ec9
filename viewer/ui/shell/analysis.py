"""The one way the window gets an article's analysis, and the folder's.

:meth:`AnalysisController.request` answers at once with the analysis the folder's store
keeps, when it has one. Otherwise the work starts off the UI thread and the answer comes by
signal: :attr:`~AnalysisController.quick` (the quotes, found on a thread of this process,
ready long before the entities), then :attr:`~AnalysisController.full` (quotes, entities and
notes, found in the analysis process, where spaCy cannot hold up the window, and kept in the
store), or :attr:`~AnalysisController.failed`. Every record handed out is the one the store
gives: the user's corrections applied by the store, once (see
:func:`viewer.ui.background.child.as_stored`); the window never applies them itself.

The whole folder is analysed in the analysis process too, a batch at a time
(:attr:`~AnalysisController.folder_progress`); an article the user opens goes first (the
folder's analysis stops at its next batch and starts again once that article is done).

``analyse_fn``, when given, replaces both analyses and runs on a worker thread (tests pass one
that needs no language model); everything else (the store, corrections, cancelling, the
folder) is the same path.
"""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from viewer.core.corpus.analysis import AnalysisProgress
from viewer.core.corpus.store import CorpusStore, StoreUnavailable, attach_store
from viewer.core.model import AnalysedArticle, Article
from viewer.ui.background.child import analyse_and_store, analyse_folder, warm_up
from viewer.ui.background.workers import BackgroundRunner, ProcessRunner, Task
from viewer.ui.loading import AnalyseFn, analyse_and_keep_with, analyse_folder_with, quick_quotes

#: Longest paragraph whose quotes are found on a thread of the window's process: one
#: regular-expression pass over a giant one would hold Python's lock (and so the window) for
#: a tenth of a second; the analysis process does it.
QUICK_QUOTES_MAX_PARAGRAPH = 20_000

__all__ = ["QUICK_QUOTES_MAX_PARAGRAPH", "AnalyseFn", "AnalysisController"]


class AnalysisController(QObject):
    """The current article's analysis and the folder's, off the UI thread."""

    #: The requested article's quotes (an :class:`AnalysedArticle` without entities); more follows.
    quick = Signal(object)
    #: The requested article's whole analysis (:class:`AnalysedArticle`), kept in the store.
    full = Signal(object)
    #: The requested article could not be analysed: why.
    failed = Signal(str)
    #: The folder's analysis went on (:class:`~viewer.core.corpus.analysis.AnalysisProgress`).
    folder_progress = Signal(object)
    #: Every article of the folder is analysed.
    folder_done = Signal()
    #: The folder's analysis stopped (another article goes first, or another folder opened).
    folder_stopped = Signal()

    def __init__(
        self,
        store_path: Callable[[], str | None],
        reading: Callable[[], bool],
        parent: QObject | None = None,
        *,
        analyse_fn: AnalyseFn | None = None,
    ) -> None:
        """``store_path``: the open folder's store (None: none yet); ``reading``: whether the
        folder is being read (its analysis waits for that to end)."""
        super().__init__(parent)
        self._store_path = store_path
        self._reading = reading
        self._analyse_fn = analyse_fn
        self.threads = BackgroundRunner(1, self)
        self.process = ProcessRunner(self)
        self._tasks: list[Task] = []
        #: The article whose work starts once the window has shown it (see :meth:`request`).
        self._pending: tuple[Article, int | None] | None = None
        self._starter = QTimer(self)
        self._starter.setSingleShot(True)
        self._starter.setInterval(0)
        self._starter.timeout.connect(self._start)
        self._folder_task: Task | None = None
        self._store: CorpusStore | None = None
        #: Counts corrections made, undone or redone: work started before the last one
        #: hands out its record as the store has it now.
        self._corrections = 0

    def prepare(self) -> None:
        """Start the analysis process and load the language model now, not on the first article."""
        if self._analyse_fn is None:
            self.process.start("warm-up", warm_up)

    def close(self) -> None:
        self.cancel()
        self.stop_folder()
        self.threads.shutdown(2000)
        self.process.shutdown()
        if self._store is not None:
            self._store.close()
            self._store = None

    # one article -----------------------------------------------------------------------
    def request(self, article: Article, article_id: int | None) -> AnalysedArticle | None:
        """The article's analysis as the store keeps it, at once; None when it has none yet:
        then :attr:`quick` (unless the article has a giant paragraph) and :attr:`full` or
        :attr:`failed` follow. Work for the article asked for before is cancelled.

        The work starts once the window has painted what changed (a timer, which fires after
        the posted paint): a thread of this process finding quotes holds Python's lock in
        turns with the UI thread, and would slow the switch to the article by several times."""
        self.cancel()
        stored = self.stored(article_id, article)
        if stored is not None:
            return stored
        self._pending = (article, article_id)
        self._starter.start()
        return None

    def _start(self) -> None:
        if self._pending is None:
            return
        article, article_id = self._pending
        self._pending = None
        db = self._store_path()
        corrections = self._corrections
        tasks: list[Task] = []
        if (
            self._analyse_fn is None
            and max(map(len, article.paragraphs), default=0) <= QUICK_QUOTES_MAX_PARAGRAPH
        ):
            quick = self.threads.start("quotes", quick_quotes, db, article)
            quick.succeeded.connect(lambda result: self._on_quick(quick, corrections, result))
            quick.failed.connect(self._on_failed)
            tasks.append(quick)
        # This article before the rest of the folder: the folder's analysis stops at its next
        # batch and starts again once this one is done.
        self.stop_folder()
        if self._analyse_fn is not None:
            full = self.threads.start(
                "analyse", analyse_and_keep_with, self._analyse_fn, db, article_id, article
            )
            full.succeeded.connect(
                lambda result: self._on_full(full, corrections, article_id, article, result)
            )
        else:
            full = self.process.start("entities", analyse_and_store, db, article_id, article, supersede=True)
            full.succeeded.connect(
                lambda payload: self._on_full(full, corrections, article_id, article, payload)
            )
        full.failed.connect(self._on_failed)
        full.ended.connect(self._resume_folder)
        self._tasks = [*tasks, full]

    def cancel(self) -> None:
        """Stop the work for the article requested last: nothing more is said about it."""
        self._pending = None
        self._starter.stop()
        for task in self._tasks:
            task.cancel()
        self._tasks = []

    def is_analysing(self) -> bool:
        return self._pending is not None or any(not task.is_finished() for task in self._tasks)

    def stored(self, article_id: int | None, article: Article) -> AnalysedArticle | None:
        """The article's analysis as the store keeps it (corrected), with ``article`` in it;
        None when it keeps none by this extractor."""
        store = self._reader()
        if store is None or article_id is None:
            return None
        try:
            kept = store.analysis(article_id)
        except sqlite3.Error:
            return None
        return dataclasses.replace(kept, article=article) if kept is not None else None

    def corrections_changed(self) -> None:
        """A correction was made, undone or redone: results of work started before it are
        read again from the store when they arrive."""
        self._corrections += 1

    def _on_quick(self, task: Task, corrections: int, result: object) -> None:
        if task not in self._tasks or not isinstance(result, AnalysedArticle):
            return
        if corrections != self._corrections:
            return  # corrected as they stood before: the full analysis, read anew, follows
        self.quick.emit(result)

    def _on_full(
        self, task: Task, corrections: int, article_id: int | None, article: Article, result: object
    ) -> None:
        if task not in self._tasks:
            return
        if isinstance(result, tuple) and len(result) == 3:
            quotes, entities, notes = result
            result = AnalysedArticle(article, quotes, entities, notes)
        if not isinstance(result, AnalysedArticle):
            return
        if corrections != self._corrections:
            result = self.stored(article_id, article) or result
        self.full.emit(result)

    def _on_failed(self, message: str) -> None:
        if message != "cancelled":
            self.failed.emit(message)

    # the whole folder ----------------------------------------------------------------------
    def analyse_folder(self) -> None:
        """Analyse every article of the folder the store has no analysis of (nothing when it
        is running already)."""
        db = self._store_path()
        if db is None or self.is_analysing_folder():
            return
        if self._analyse_fn is not None:
            task = self.threads.start("analyse-folder", analyse_folder_with, self._analyse_fn, db)
        else:
            task = self.process.start("analyse-folder", analyse_folder, db)
        task.partial.connect(self._on_folder_progress)
        task.succeeded.connect(lambda _n: self.folder_done.emit())
        self._folder_task = task

    def stop_folder(self) -> None:
        if self._folder_task is not None:
            self._folder_task.cancel()
            self._folder_task = None
        self.folder_stopped.emit()

    def is_analysing_folder(self) -> bool:
        return self._folder_task is not None and not self._folder_task.is_finished()

    def _resume_folder(self) -> None:
        if not self._reading():
            self.analyse_folder()

    def _on_folder_progress(self, progress: object) -> None:
        if isinstance(progress, AnalysisProgress):
            self.folder_progress.emit(progress)

    # the store -------------------------------------------------------------------------------
    def _reader(self) -> CorpusStore | None:
        """A read-only connection of this controller's own to the open folder's store."""
        path = self._store_path()
        if self._store is not None and (path is None or str(self._store.path) != path):
            self._store.close()
            self._store = None
        if self._store is None and path is not None:
            with contextlib.suppress(StoreUnavailable, sqlite3.Error):
                self._store = attach_store(Path(path), read_only=True)
        return self._store
