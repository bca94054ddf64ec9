from __future__ import annotations

import os
import threading

import pytest

from viewer.ui.child import LoadBatch, read_in_batches
from viewer.ui.workers import BackgroundRunner, ProcessRunner, Progress


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


def test_read_in_batches_streams_items_and_counts(tmp_path: pytest.TempPathFactory) -> None:
    folder = tmp_path / "news"  # type: ignore[operator]
    folder.mkdir()
    for number in range(3):
        (folder / f"{number}.txt").write_text(f"Headline {number}\n\nBody text {number}.\n", encoding="utf-8")
    (folder / "bad.json").write_text("[", encoding="utf-8")
    chunks = read_in_batches([str(folder)])
    batches: list[LoadBatch] = []
    while True:
        try:
            batches.append(next(chunks))
        except StopIteration as stop:
            counts = stop.value
            break
    items = [item for batch in batches for item in batch.items]
    assert len(items) == 4
    assert counts == (3, 1)
    assert batches[-1].done == batches[-1].total == 4


def test_process_runner_streams_and_returns(qtbot: object, tmp_path: pytest.TempPathFactory) -> None:
    folder = tmp_path / "news"  # type: ignore[operator]
    folder.mkdir()
    (folder / "one.txt").write_text("Headline\n\nBody text.\n", encoding="utf-8")
    runner = ProcessRunner()
    try:
        task = runner.start("load", read_in_batches, [str(folder)], supersede=True)
        batches: list[object] = []
        task.partial.connect(batches.append)
        with qtbot.wait_signal(task.succeeded, timeout=30_000) as blocker:  # type: ignore[attr-defined]
            pass
        assert blocker.args == [(1, 0)]
        assert sum(len(b.items) for b in batches if isinstance(b, LoadBatch)) == 1
    finally:
        runner.shutdown()


def _die() -> None:
    os._exit(3)


def test_jobs_fail_in_words_when_the_child_dies(qtbot: object) -> None:
    runner = ProcessRunner()
    try:
        task = runner.start("die", _die)
        with qtbot.wait_signal(task.failed, timeout=30_000) as blocker:  # type: ignore[attr-defined]
            pass
        assert blocker.args == ["the background process stopped unexpectedly (exit code 3)"]
        # The next job gets a fresh child.
        again = runner.start("load", read_in_batches, [])
        with qtbot.wait_signal(again.succeeded, timeout=30_000) as done:  # type: ignore[attr-defined]
            pass
        assert done.args == [(0, 0)]
    finally:
        runner.shutdown()
