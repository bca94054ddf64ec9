"""The open folder: its store brought up to date in the background, the list kept showing it,
and the folder watched so that what changes in it is read again.

Reading runs in a process of its own (:func:`viewer.ui.background.child.sync_folder`), which
reads only what changed since the store was last brought up to date: a folder opened before
shows its rows at once. While it reads, the list asks the store for the new rows a few times a
second at most (less often in a long list: see :func:`refresh_interval`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from viewer.core.corpus.store import store_path, temporary_store_path
from viewer.core.corpus.sync import SyncEvent, SyncSummary
from viewer.ui.background.child import sync_folder
from viewer.ui.background.watcher import FolderWatcher, cache_dir
from viewer.ui.background.workers import ProcessRunner, Task
from viewer.ui.panes.article_list import ArticleListPane
from viewer.ui.text import number, one_line

#: How often the list asks the store for rows that were read meanwhile.
REFRESH_MS = 250


def refresh_interval(rows: int) -> int:
    """Milliseconds between list refreshes while a folder is read. Each refresh makes the view
    lay out every row again (one or two calls into Python per row: about 150,000 at 100,000
    rows), so a long list is refreshed less often: 250 ms up to 6,250 rows, then one more
    second per 25,000 rows, up to 4 s. Once every file is read, the list refreshes at once."""
    return int(min(4000, max(REFRESH_MS, rows // 25)))


class FolderSession(QObject):
    """The paths opened, their store, the reading under way and the watch on the folder."""

    #: Something to say in the status bar.
    message = Signal(str)
    #: Files read of all (0 of 0 when not known yet), while the folder is first read.
    progressed = Signal(int, int)
    #: How far the reading is changed (the window's count says it).
    counts_changed = Signal()
    #: A reading ended: whether it was the first one of these paths, and its summary
    #: (:class:`~viewer.core.corpus.sync.SyncSummary`).
    read = Signal(bool, object)
    #: A reading stopped on an error (the message), or was cancelled ("cancelled").
    stopped = Signal(str)

    def __init__(self, list_pane: ArticleListPane, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._list = list_pane
        self._paths: list[str] = []
        self._store_path: str | None = None
        self._task: Task | None = None
        #: (files read, files in all, articles written) while the folder is first read.
        self._reading: tuple[int, int, int] | None = None
        #: The folder changed during a reading: read it again once that ends.
        self._changed_while_reading = False
        self._notices_said: set[str] = set()
        # Reading runs in a process that may start parsers of its own (so it is no daemon).
        self.loader = ProcessRunner(self, daemon=False)
        self.watcher = FolderWatcher(self)
        self.watcher.changed.connect(self.on_folder_changed)
        # While a folder is read, ask the store for new rows a few times a second at most.
        self.list_refresh = QTimer(self)
        self.list_refresh.setSingleShot(True)
        self.list_refresh.setInterval(REFRESH_MS)
        self.list_refresh.timeout.connect(list_pane.refresh_search)

    def prepare(self) -> None:
        """Start the reading process now (at start-up), not on the first folder."""
        self.loader.prepare()

    def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self.watcher.watch([])
        self.loader.shutdown()

    def paths(self) -> list[str]:
        return list(self._paths)

    def store_path(self) -> str | None:
        """The store of the paths opened (the folder's, or a temporary one); None until the
        reading process has opened it."""
        return self._store_path

    def is_loading(self) -> bool:
        return self._task is not None and not self._task.is_finished()

    def reading(self) -> tuple[int, int, int] | None:
        """(files read, files in all, articles written) while the paths are first read."""
        return self._reading if self.is_loading() else None

    def refresh_list_soon(self) -> None:
        """The store has more to show (new analysis a search may find): refresh the list at the
        next interval, unless one is due already."""
        if not self.list_refresh.isActive():
            self.list_refresh.start()

    # reading ---------------------------------------------------------------------------------
    def open(self, paths: Sequence[str | os.PathLike[str]]) -> Task:
        """Open ``paths`` from their store: rows kept from last time show at once, and what
        changed is read in the background, the list filling as it goes."""
        self._paths = [str(p) for p in paths]
        self._changed_while_reading = False
        self._store_path = None
        self.watcher.watch([])
        self._list.model.attach(None)
        return self.sync(initial=True)

    def sync(self, *, initial: bool) -> Task:
        """Bring the store up to date with the paths (``initial``: the first time since they
        were opened, with progress in the status bar)."""
        if self._task is not None:
            self._task.cancel()
        if initial:
            self.progressed.emit(0, 0)
            self.message.emit(
                "Reading "
                + ", ".join(one_line(os.path.basename(p.rstrip("/")) or p, 60) for p in self._paths[:3])
            )
        db = store_path(self._paths, cache_dir())
        fallback = temporary_store_path(self._paths)
        jobs = max(1, min(2, os.cpu_count() or 1))
        task = self.loader.start(
            "load", sync_folder, list(self._paths), str(db), str(fallback), jobs, supersede=True
        )
        task.partial.connect(lambda event: self._on_sync_event(event, initial=initial))
        task.succeeded.connect(lambda summary: self._on_done(summary, initial=initial))
        task.failed.connect(self._on_failed)
        self._task = task
        return task

    def on_folder_changed(self) -> None:
        """Files were added, changed or removed in the open folder: read what changed (once
        the reading under way ends, if one is: it may have looked at those files already)."""
        if not self._paths:
            return
        if self.is_loading():
            self._changed_while_reading = True
            return
        self.sync(initial=False)

    def _on_sync_event(self, event: object, *, initial: bool) -> None:
        if not isinstance(event, SyncEvent):
            return
        model = self._list.model
        if event.kind == "open":
            if event.store != self._store_path:
                self._store_path = event.store
                model.attach(event.store)
            if event.notice and event.notice not in self._notices_said:
                self._notices_said.add(event.notice)
                self.message.emit(event.notice)
            return
        if event.kind == "rows":
            if event.written and (model.rowCount() == 0 or event.done == event.total):
                # The first rows, and every row once all files are read: at once, not after
                # the next refresh interval (up to 2 s in a big folder).
                self.list_refresh.stop()
                self._list.refresh_search()
            elif event.written and not self.list_refresh.isActive():
                self.list_refresh.start(refresh_interval(model.rowCount()))
            if initial:
                if event.total > 0:
                    self.progressed.emit(event.done, event.total)
                    self._reading = (event.done, event.total, event.written)
                    self.counts_changed.emit()
                if event.name:
                    self.message.emit(
                        f"Reading {event.name}: {number(event.written)} article{'s' if event.written != 1 else ''}"
                        f" read ({number(event.done)} of {number(event.total)} files)"
                    )
        elif event.kind == "index":
            if model.is_filtered():
                self.refresh_list_soon()
            if initial and event.total:
                self.progressed.emit(event.done, event.total)
                self.message.emit(f"Indexing for search: {number(event.done)} of {number(event.total)}")

    def _on_done(self, summary: object, *, initial: bool) -> None:
        self._reading = None
        self._list.refresh_search()
        self.watcher.watch(self._paths)
        if self._changed_while_reading:
            self._changed_while_reading = False
            QTimer.singleShot(0, self.on_folder_changed)
        if not initial and isinstance(summary, SyncSummary) and (summary.written or summary.removed):
            self.message.emit(
                f"Folder changed: {number(summary.written)} article{'s' if summary.written != 1 else ''} read,"
                f" {number(summary.removed)} file{'s' if summary.removed != 1 else ''} gone"
            )
        self.read.emit(initial, summary)

    def _on_failed(self, message: str) -> None:
        self._reading = None
        self.stopped.emit(message)
