from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from viewer.core.corpus.sync import SyncEvent, SyncSummary
from viewer.ui.background.child import sync_folder
from viewer.ui.background.workers import BackgroundRunner, ProcessRunner, Progress


def _double(value: int, progress: Progress) -> int:
    progress.report(1, 2, "half way")
    progress.publish(value)
    return value * 2


def _fail(progress: Progress) -> None:
    raise ValueError("bad input")


def test_result_and_partials_arrive_on_the_ui_thread(qtbot: object) -> None:
    runner = BackgroundRunner(1)
    task = runner.start("double", _double, 21)
    seen: list[object] = []
    threads: list[bool] = []
    task.partial.connect(
        lambda value: (
            seen.append(value),
            threads.append(threading.current_thread() is threading.main_thread()),
        )
    )
    with qtbot.wait_signal(task.succeeded, timeout=5000) as blocker:  # type: ignore[attr-defined]
        pass
    assert blocker.args == [42]
    assert seen == [21]
    assert threads == [True]
    qtbot.wait_until(lambda: runner.active() == 0)  # type: ignore[attr-defined]


def test_errors_come_back_as_messages(qtbot: object) -> None:
    runner = BackgroundRunner(1)
    task = runner.start("fail", _fail)
    with qtbot.wait_signal(task.failed, timeout=5000) as blocker:  # type: ignore[attr-defined]
        pass
    assert blocker.args == ["ValueError: bad input"]


def test_cancelled_task_delivers_nothing(qtbot: object) -> None:
    release = threading.Event()

    def slow(progress: Progress) -> str:
        release.wait(5)
        return "late"

    runner = BackgroundRunner(1)
    task = runner.start("slow", slow)
    results: list[object] = []
    task.succeeded.connect(results.append)
    task.cancel()
    release.set()
    with qtbot.wait_signal(task.ended, timeout=5000):  # type: ignore[attr-defined]
        pass
    assert results == []


def test_sync_job_streams_events_and_returns_a_summary(tmp_path: pytest.TempPathFactory) -> None:
    folder = tmp_path / "news"  # type: ignore[operator]
    folder.mkdir()
    for number in range(3):
        (folder / f"{number}.txt").write_text(f"Headline {number}\n\nBody text {number}.\n", encoding="utf-8")
    (folder / "bad.json").write_text("[", encoding="utf-8")
    db = tmp_path / "store.sqlite3"  # type: ignore[operator]
    chunks = sync_folder([str(folder)], str(db), str(tmp_path / "fallback.sqlite3"))  # type: ignore[operator]
    events: list[SyncEvent] = []
    while True:
        try:
            events.append(next(chunks))
        except StopIteration as stop:
            summary = stop.value
            break
    assert events[0].kind == "open" and events[0].store == str(db)
    assert events[-1].kind == "done" and events[-1].done == events[-1].total == 4
    assert (summary.files, summary.read, summary.written, summary.failures) == (4, 4, 4, 1)


def test_process_runner_streams_and_returns(qtbot: object, tmp_path: pytest.TempPathFactory) -> None:
    folder = tmp_path / "news"  # type: ignore[operator]
    folder.mkdir()
    (folder / "one.txt").write_text("Headline\n\nBody text.\n", encoding="utf-8")
    runner = ProcessRunner(daemon=False)
    db = str(tmp_path / "store.sqlite3")  # type: ignore[operator]
    try:
        task = runner.start("load", sync_folder, [str(folder)], db, db + ".tmp", 2, supersede=True)
        events: list[object] = []
        task.partial.connect(events.append)
        with qtbot.wait_signal(task.succeeded, timeout=30_000) as blocker:  # type: ignore[attr-defined]
            pass
        assert isinstance(blocker.args[0], SyncSummary) and blocker.args[0].written == 1
        assert sum(e.written > 0 for e in events if isinstance(e, SyncEvent) and e.kind == "rows") >= 1
    finally:
        runner.shutdown()


def _die() -> None:
    os._exit(3)


def test_jobs_fail_in_words_when_the_child_dies(qtbot: object, tmp_path: Path) -> None:
    runner = ProcessRunner()
    try:
        task = runner.start("die", _die)
        with qtbot.wait_signal(task.failed, timeout=30_000) as blocker:  # type: ignore[attr-defined]
            pass
        assert blocker.args == ["the background process stopped unexpectedly (exit code 3)"]
        # The next job gets a fresh child.
        again = runner.start(
            "load", sync_folder, [], str(tmp_path / "s.sqlite3"), str(tmp_path / "t.sqlite3")
        )
        with qtbot.wait_signal(again.succeeded, timeout=30_000) as done:  # type: ignore[attr-defined]
            pass
        assert done.args[0].files == 0
    finally:
        runner.shutdown()


def test_work_outliving_shutdown_does_not_hang_deleting_its_owner(qtbot: object) -> None:
    """Work still running when its owner shuts down and is deleted ends on its own; deleting
    the owner does not wait for it (that wait held Python's lock the work needed: a hang)."""
    from PySide6.QtCore import QObject

    started, release, ended = threading.Event(), threading.Event(), threading.Event()

    def slow(progress: Progress) -> None:
        started.set()
        release.wait(10)
        ended.set()

    owner = QObject()
    runner = BackgroundRunner(parent=owner)
    runner.start("slow", slow)
    assert started.wait(5)
    assert runner.shutdown(50) is False  # still running
    owner.deleteLater()
    qtbot.wait_until(lambda: not _alive(owner))  # type: ignore[attr-defined]
    assert not ended.is_set()  # the owner went without waiting for the work
    release.set()
    assert ended.wait(5)


def _alive(obj: object) -> bool:
    from shiboken6 import Shiboken

    return bool(Shiboken.isValid(obj))


def test_work_whose_owner_is_deleted_without_shutdown_stops_quietly(qtbot: object) -> None:
    """The owner (a window closing) is deleted while its work runs, with no shutdown first:
    the work's next report finds nobody to tell, raises nothing on the worker thread (pytest-qt
    fails a test on any exception in Qt's threads) and is cancelled, so it stops at its next
    check."""
    from PySide6.QtCore import QObject

    started, release = threading.Event(), threading.Event()
    seen: list[bool] = []

    def reporting(progress: Progress) -> None:
        started.set()
        release.wait(10)
        progress.report(1, 2, "half way")  # the task's Qt object is gone by now
        progress.publish("partial")
        seen.append(progress.cancelled)

    owner = QObject()
    runner = BackgroundRunner(parent=owner)
    pool = runner._pool
    runner.start("reporting", reporting)
    assert started.wait(5)
    owner.deleteLater()
    qtbot.wait_until(lambda: not _alive(owner))  # type: ignore[attr-defined]
    release.set()
    assert pool.waitForDone(5000)
    assert seen == [True]
