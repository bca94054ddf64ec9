"""The folder watcher keeps a change it saw when the same folder is watched again."""

from __future__ import annotations

from pathlib import Path

from viewer.ui.background.watcher import FolderWatcher


def test_a_pending_change_survives_watching_the_folder_again(qtbot: object, tmp_path: Path) -> None:
    watcher = FolderWatcher()
    watcher.watch([str(tmp_path)])
    with qtbot.wait_signal(watcher.changed, timeout=5000):  # type: ignore[attr-defined]
        (tmp_path / "new.txt").write_text("News\n\nA file came in.\n", encoding="utf-8")
        qtbot.wait_until(watcher._quiet.isActive, timeout=5000)  # type: ignore[attr-defined]
        watcher.watch([str(tmp_path)])  # what the window does when a reading ends
    assert str(tmp_path) in watcher.watched()


def test_watching_nothing_drops_a_pending_change(qtbot: object, tmp_path: Path) -> None:
    watcher = FolderWatcher()
    watcher.watch([str(tmp_path)])
    (tmp_path / "new.txt").write_text("News\n\nA file came in.\n", encoding="utf-8")
    qtbot.wait_until(watcher._quiet.isActive, timeout=5000)  # type: ignore[attr-defined]
    watcher.watch([])
    assert not watcher._quiet.isActive() and watcher.watched() == []


def test_watching_the_same_folder_again_keeps_its_watches(qtbot: object, tmp_path: Path) -> None:
    """Re-watching after a reading must not drop and re-add the folder's watch: the system
    forgets what it saw on a removed watch but had not yet reported (a file deleted just then)."""
    (tmp_path / "a.txt").write_text("A\n\nText.\n", encoding="utf-8")
    watcher = FolderWatcher()
    watcher.watch([str(tmp_path)])
    removed: list[object] = []
    original = watcher._watcher.removePaths
    watcher._watcher.removePaths = lambda paths: (removed.append(paths), original(paths))[1]  # type: ignore[method-assign]
    watcher.watch([str(tmp_path)])
    assert removed == []
    (tmp_path / "b.txt").write_text("B\n\nText.\n", encoding="utf-8")
    watcher.watch([str(tmp_path)])  # a new file is added to what is watched, nothing removed
    assert removed == [] and str(tmp_path / "b.txt") in watcher.watched()
    with qtbot.wait_signal(watcher.changed, timeout=5_000):  # type: ignore[attr-defined]
        (tmp_path / "a.txt").unlink()
