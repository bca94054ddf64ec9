"""Web archives in the window: a crawl's pages in the list, what was skipped and the damage said."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt

from tests import webarchive as wa
from viewer.core.model import Article, ReadFailure
from viewer.ui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]


def test_an_archive_s_pages_are_listed_and_its_damage_marked(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    folder = tmp_path / "crawls"
    folder.mkdir()
    wa.write(folder / "a.warc.gz", wa.crawl())
    cut = wa.write(folder / "b.warc", wa.crawl())
    cut.write_bytes(cut.read_bytes()[:-500])  # the crawl stopped inside its last page
    window = make_window()
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=20_000):  # type: ignore[attr-defined]
        pass
    model = window.list_pane.model
    items = model.visible_items()
    assert [(Path(i.path).name, i.record) for i in items] == [
        ("a.warc.gz", 2),
        ("a.warc.gz", 6),
        ("a.warc.gz", 8),
        ("b.warc", None),
        ("b.warc", 2),
        ("b.warc", 6),
    ]
    titles = [i.title for i in items if isinstance(i, Article)]
    assert titles[:3] == [
        "Ferry timetable changes for winter",
        "Orchard harvest starts two weeks early",
        "Market hall reopens after repairs",
    ]
    assert model.failure_count() == 1
    status = window.status_text()
    assert status.startswith(
        "5 articles; 1 could not be read (marked ⚠ in the list); 12 archive records skipped"
    )
    assert window.status.count_label.text() == "5 articles · 1 unreadable"
    # The damage row says what happened, in the status bar and the reader.
    window.list_pane.view.setFocus()
    for _ in range(3):
        qtbot.keyClick(window.list_pane.view, Qt.Key.Key_J)  # type: ignore[attr-defined]
    current = window.current_item()
    assert isinstance(current, ReadFailure) and current.path == str(cut)
    assert window.status_text().startswith("Could not read b.warc: damaged at byte")
    assert "the archive ends inside it" in window.reader_pane.view.toPlainText()


def test_an_archive_added_to_the_open_folder_appears(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    folder = tmp_path / "crawls"
    folder.mkdir()
    wa.write(folder / "a.warc", wa.crawl()[:3])
    window = make_window()
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=20_000):  # type: ignore[attr-defined]
        pass
    assert window.list_pane.model.rowCount() == 1
    qtbot.wait_until(lambda: bool(window.folder.watcher.watched()))  # type: ignore[attr-defined]
    wa.write(folder / "b.warc.gz", wa.crawl()[5:])
    qtbot.wait_until(lambda: window.list_pane.model.rowCount() == 3, timeout=20_000)  # type: ignore[attr-defined]
