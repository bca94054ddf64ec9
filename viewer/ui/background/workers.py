"""The one background-work helper: run a function off the UI thread, get the result by signal.

The function receives a :class:`Progress` it may use to report progress, hand over partial
results and notice cancellation. Workers never touch widgets; results come back through
queued signals to the :class:`Task`, which lives on the UI thread. A cancelled task's
signals are never delivered, so stale work (the previous article, the previous folder) is
ignored even when it cannot be interrupted.
"""

from __future__ import annotations

import itertools
import multiprocessing
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot


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
            _emit(self._task, self._task._progress_ready, done, total, message)

    def publish(self, partial: object) -> None:
        if not self.cancelled:
            _emit(self._task, self._task._partial_ready, partial)


def _emit(task: Task, signal: Any, *values: object) -> None:
    """Emit one of ``task``'s signals from the worker thread. Its owner (a window closing) may
    delete the task's Qt object while the work runs: then nobody is left to tell, so the work
    is cancelled (it stops at its next check) instead of raising on the worker thread."""
    try:
        signal.emit(*values)
    except RuntimeError:  # "Signal source has been deleted"
        task.cancel()


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
    _partial_ready = Signal(object)
    _progress_ready = Signal(int, int, str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._cancel = threading.Event()
        self._finished = False
        self._result_ready.connect(self._deliver_result, Qt.ConnectionType.QueuedConnection)
        self._error_ready.connect(self._deliver_error, Qt.ConnectionType.QueuedConnection)
        self._partial_ready.connect(self._deliver_partial, Qt.ConnectionType.QueuedConnection)
        self._progress_ready.connect(self._deliver_progress, Qt.ConnectionType.QueuedConnection)

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_finished(self) -> bool:
        return self._finished

    def cancel(self) -> None:
        """Stop delivering results; a running function sees it through :class:`Progress`."""
        self._cancel.set()

    @Slot(object)
    def _deliver_partial(self, partial: object) -> None:
        if not self.is_cancelled() and not self._finished:
            self.partial.emit(partial)

    @Slot(int, int, str)
    def _deliver_progress(self, done: int, total: int, message: str) -> None:
        if not self.is_cancelled() and not self._finished:
            self.progressed.emit(done, total, message)

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
            self._end(self._task._error_ready, "cancelled")
        except Exception as err:  # a worker must never take the program down
            detail = traceback.format_exception_only(type(err), err)[-1].strip()
            self._end(self._task._error_ready, detail)
        else:
            self._end(self._task._result_ready, result)

    def _end(self, signal: Any, value: object) -> None:
        # Its owner may have been deleted after shutting down (see BackgroundRunner.shutdown),
        # or while the work ran (a window closed): then nobody is left to tell.
        _emit(self._task, signal, value)


class BackgroundRunner(QObject):
    """A small pool of worker threads; keeps every running :class:`Task` alive until it ends."""

    def __init__(self, max_threads: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # No Qt parent: a pool deleted among its owner's children waits for its threads while
        # holding Python's lock, which a running Python task needs to end (a hang); deleted
        # from Python, it lets them end first.
        self._pool = QThreadPool()
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
        """Cancel everything and wait (bounded) for running work to finish, e.g. before quitting.

        Work still running after that is left to end on its own (it stops at its next check
        for cancelling): its pool is taken from this object, so that deleting the window does
        not wait for it. A pool deleted with its owner waits for its threads while holding
        Python's lock, which a running Python task needs to end: the window would hang.
        """
        self.cancel_all()
        self._pool.clear()
        if self._pool.waitForDone(timeout_ms):
            return True
        self._pool.setParent(None)
        _DRAINING.append(self._pool)
        self._pool = QThreadPool()
        return False


#: Pools whose work outlived their owner's shutdown, kept until the program ends.
_DRAINING: list[QThreadPool] = []


class ProcessRunner(QObject):
    """Runs functions in one long-lived child process (started on first use), in order.

    For work that holds Python's global lock for long (spaCy, parsing big files): a thread
    would freeze the window. ``fn`` and its arguments must be picklable (a module-level
    function); a generator function streams what it yields as ``partial`` signals. Starting
    a job with ``supersede=True`` cancels every earlier job (a running generator stops at
    its next yield).
    """

    def __init__(self, parent: QObject | None = None, *, daemon: bool = True) -> None:
        super().__init__(parent)
        # A daemon child cannot start processes of its own; one that reads with a pool of
        # parsers is not a daemon, and :meth:`shutdown` (or its jobs queue closing) ends it.
        self._daemon = daemon
        self._context = multiprocessing.get_context("spawn")
        self._process: Any = None
        self._jobs: Any = None
        self._replies: Any = None
        self._wanted_from: Any = None
        self._listener: threading.Thread | None = None
        self._tasks: dict[int, Task] = {}
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        # A child can die (out of memory on a monstrous file, killed): its jobs must not wait forever.
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(500)
        self._watchdog.timeout.connect(self._check_child)

    def start(self, name: str, fn: Callable[..., Any], *args: Any, supersede: bool = False) -> Task:
        self._ensure_process()
        job_id = next(self._ids)
        task = Task(name, self)
        with self._lock:
            self._tasks[job_id] = task
        task.ended.connect(lambda: self._forget(job_id))
        if supersede:
            self._wanted_from.value = job_id
            for old_id, old in list(self._tasks.items()):
                if old_id != job_id:
                    old.cancel()
        self._jobs.put((job_id, fn, args))
        self._watchdog.start()
        return task

    def _check_child(self) -> None:
        with self._lock:
            pending = list(self._tasks.items())
        if not pending:
            self._watchdog.stop()
            return
        process = self._process
        if process is not None and process.is_alive():
            return
        code = process.exitcode if process is not None else None
        self._process = None  # the next job starts a fresh child
        with self._lock:
            self._tasks.clear()
        for _job_id, task in pending:
            task._error_ready.emit(f"the background process stopped unexpectedly (exit code {code})")
        self._watchdog.stop()

    def active(self) -> int:
        with self._lock:
            return len(self._tasks)

    def prepare(self) -> None:
        """Start the child now (at start-up) rather than on the first job."""
        self._ensure_process()

    def _forget(self, job_id: int) -> None:
        with self._lock:
            self._tasks.pop(job_id, None)

    def _ensure_process(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        from viewer.ui.background import child

        self._jobs = self._context.Queue()
        self._replies = self._context.Queue()
        self._wanted_from = self._context.Value("q", 0)
        self._process = self._context.Process(
            target=child.serve, args=(self._jobs, self._replies, self._wanted_from), daemon=self._daemon
        )
        self._process.start()
        self._listener = threading.Thread(target=self._listen, args=(self._replies,), daemon=True)
        self._listener.start()

    def _listen(self, replies: Any) -> None:
        """On a helper thread: hand each reply to its task (delivery to the UI is queued)."""
        while True:
            try:
                reply = replies.get()
            except (EOFError, OSError):
                return
            if reply is None:
                return
            job_id, kind, payload = reply
            with self._lock:
                task = self._tasks.get(job_id)
            if task is None:
                continue
            if kind == "partial":
                task._partial_ready.emit(payload)
            elif kind == "ok":
                task._result_ready.emit(payload)
            else:
                task._error_ready.emit(str(payload))

    def shutdown(self, timeout_s: float = 1.0) -> None:
        """Stop the child now: a running analysis is abandoned, not waited for."""
        with self._lock:
            tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        process, self._process = self._process, None
        if process is None:
            return
        self._replies.put(None)
        try:
            if process.is_alive():
                process.terminate()
            process.join(timeout_s)
        except (AssertionError, OSError):
            pass  # the child never started or is already gone
        if self._listener is not None:
            self._listener.join(timeout_s)
        for queue in (self._jobs, self._replies):
            queue.close()
            queue.cancel_join_thread()
