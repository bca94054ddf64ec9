"""While a folder is read the list refreshes at intervals; once every file is read, at once."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from tests.core.corpus.conftest import drain
from viewer.core.corpus.sync import SyncEvent, sync
from viewer.ui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]


def test_every_row_shows_as_soon_as_the_last_file_is_read(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Ferry sails\n\nThe ferry sailed at dawn.\n", encoding="utf-8")
    window = make_window()
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=10_000):  # type: ignore[attr-defined]
        pass
    model = window.list_pane.model
    assert model.rowCount() == 1
    store = window.store_path()
    assert store is not None
    # The reading process writes two more articles into the window's store...
    (folder / "b.txt").write_text("Bridge closes\n\nThe bridge closed for repairs.\n", encoding="utf-8")
    (folder / "c.txt").write_text("Choir wins\n\nThe school choir won the contest.\n", encoding="utf-8")
    drain(sync([folder], Path(store), tmp_path / "session.sqlite3"))
    # ...and says so: part-way through, the list waits for its refresh interval,
    window.folder._on_sync_event(SyncEvent("rows", store, 2, 3, 1), initial=False)
    assert model.rowCount() == 1 and window.folder.list_refresh.isActive()
    # and once every file is read, it shows every row at once.
    window.folder._on_sync_event(SyncEvent("rows", store, 3, 3, 2), initial=False)
    assert model.rowCount() == 3 and not window.folder.list_refresh.isActive()


def test_a_long_list_refreshes_less_often_while_it_is_read() -> None:
    from viewer.ui.shell.folder import REFRESH_MS, refresh_interval

    assert refresh_interval(0) == refresh_interval(5000) == REFRESH_MS
    assert refresh_interval(50_000) == 2000
    assert refresh_interval(100_000) == refresh_interval(10**7) == 4000
    sizes = range(0, 200_000, 997)
    assert all(refresh_interval(a) <= refresh_interval(b) for a, b in itertools.pairwise(sizes))


def test_a_change_while_the_folder_is_read_is_read_afterwards(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.txt").write_text(f"Story {name}\n\nThe body of story {name}.\n", encoding="utf-8")
    window = make_window()
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=10_000):  # type: ignore[attr-defined]
        pass
    assert window.list_pane.model.rowCount() == 2
    # A reading is under way (the folder changed) and has looked at the files when another
    # change comes in: it is not lost, but read once that reading ends.
    seen_while_reading: list[bool] = []

    def change_once_files_are_looked_at(event: object) -> None:
        if isinstance(event, SyncEvent) and event.kind == "rows" and not seen_while_reading:
            (folder / "a.txt").unlink()
            seen_while_reading.append(window.is_loading())
            window.folder.on_folder_changed()  # what the folder watcher calls

    task = window.folder.sync(initial=False)
    task.partial.connect(change_once_files_are_looked_at)
    qtbot.wait_until(lambda: window.list_pane.model.rowCount() == 1, timeout=10_000)  # type: ignore[attr-defined]
    assert seen_while_reading == [True]
    qtbot.wait_until(lambda: not window.is_loading(), timeout=10_000)  # type: ignore[attr-defined]
    assert [item.title for item in window.list_pane.model.visible_items()] == ["Story b"]
