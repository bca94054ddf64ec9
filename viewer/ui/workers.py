"""The one background-work helper: run a function off the UI thread, get the result by signal.

The function receives a :class:`Progress` it may use to report progress, hand over partial
results and notice cancellation. Workers never touch widgets; results come back through
queued signals to the :class:`Task`, which lives on the UI thread. A cancelled task's
signals are never delivered, so stale work (the previous article, the previous folder) is
ignored even when it cannot be interrupted.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot


class Cancelled(Exception):
    """Raised inside a worker function by :meth:`Progress.check` once its task is cancelled."""


class Progress:
    """What a worker function may do: report progress, publish partial results, check cancellation."""

    def __init__(self, task: Task) -> None:
        self._task = task

    @property
    def cancelled(self) -> bool:
        return self._task.is_cancelled()

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled

    def report(self, done: int, total: int, message: str = "") -> None:
        if not self.cancelled:
            self._task.progressed.emit(done, total, message)

    def publish(self, partial: object) -> None:
        if not self.cancelled:
            self._task.partial.emit(partial)


class Task(QObject):
    """A handle on one piece of background work; its signals arrive on the UI thread."""

    progressed = Signal(int, int, str)
    partial = Signal(object)
    succeeded = Signal(object)
    failed = Signal(str)
    #: Emitted once after success, failure or cancellation was handled.
    ended = Signal()
    # Emitted on the worker thread; the task lives on the UI thread, so delivery is queued.
    _result_ready = Signal(object)
    _error_ready = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._cancel = threading.Event()
        self._finished = False
        self._result_ready.connect(self._deliver_result, Qt.ConnectionType.QueuedConnection)
        self._error_ready.connect(self._deliver_error, Qt.ConnectionType.QueuedConnection)

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_finished(self) -> bool:
        return self._finished

    def cancel(self) -> None:
        """Stop delivering results; a running function sees it through :class:`Progress`."""
        self._cancel.set()

    @Slot(object)
    def _deliver_result(self, result: object) -> None:
        self._finished = True
        if not self.is_cancelled():
            self.succeeded.emit(result)
        self.ended.emit()

    @Slot(str)
    def _deliver_error(self, message: str) -> None:
        self._finished = True
        if not self.is_cancelled():
            self.failed.emit(message)
        self.ended.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task = task
        self._fn = fn
        self._args = args

    def run(self) -> None:
        progress = Progress(self._task)
        try:
            progress.check()
            result = self._fn(*self._args, progress)
        except Cancelled:
            self._task._error_ready.emit("cancelled")
        except Exception as err:  # a worker must never take the program down
            detail = traceback.format_exception_only(type(err), err)[-1].strip()
            self._task._error_ready.emit(detail)
        else:
            self._task._result_ready.emit(result)


class BackgroundRunner(QObject):
    """A small pool of worker threads; keeps every running :class:`Task` alive until it ends."""

    def __init__(self, max_threads: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._tasks: set[Task] = set()

    def start(self, name: str, fn: Callable[..., Any], *args: Any) -> Task:
        """Run ``fn(*args, progress)`` on a worker thread; connect to the returned task's signals."""
        task = Task(name, self)
        self._tasks.add(task)
        task.ended.connect(lambda: self._tasks.discard(task))
        self._pool.start(_Runnable(task, fn, args))
        return task

    def active(self) -> int:
        return len(self._tasks)

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Cancel everything and wait (bounded) for running work to finish, e.g. before quitting."""
        self.cancel_all()
        self._pool.clear()
        return bool(self._pool.waitForDone(timeout_ms))
