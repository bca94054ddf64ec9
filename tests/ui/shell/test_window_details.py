"""The window's details (issue 11): check marks, status messages, reload, records, start-up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.ui.conftest import plain_article
from viewer.core.model import Article, ReadFailure
from viewer.ui.panes.render import render_failure
from viewer.ui.settings import Settings
from viewer.ui.shell.app import start_paths
from viewer.ui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]


def _with_articles(make_window: MakeWindow, articles: list[object]) -> MainWindow:
    window = make_window()
    window.list_pane.model.append_items(articles)  # type: ignore[arg-type]
    window.list_pane.ensure_selection()
    window.list_pane.view.setFocus()
    return window


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    long_body = "\n\n".join(f"Paragraph {n} of a long story with enough words to scroll." for n in range(80))
    for number in range(count):
        (folder / f"{number:02d}.txt").write_text(f"Story {number}\n\n{long_body}\n", encoding="utf-8")
    return folder


def test_view_menu_marks_the_current_sort_and_theme(make_window: MakeWindow, qtbot: object) -> None:
    window = _with_articles(make_window, [plain_article(1)])
    actions = window.actions_by_id
    assert actions["sort-file"].isChecked() and not actions["sort-title"].isChecked()
    assert actions["theme-system"].isChecked()
    actions["sort-title"].trigger()
    assert actions["sort-title"].isChecked() and not actions["sort-file"].isChecked()
    window.list_pane.sort_box.setCurrentIndex(window.list_pane.sort_box.findData("date"))
    assert actions["sort-date"].isChecked() and not actions["sort-title"].isChecked()
    actions["theme-dark"].trigger()
    assert actions["theme-dark"].isChecked() and not actions["theme-system"].isChecked()
    assert actions["toggle-list"].isChecked() and actions["toggle-panel"].isChecked()
    assert not actions["toggle-dates"].isChecked()
    actions["toggle-dates"].trigger()
    assert actions["toggle-dates"].isChecked() and window.insights.show_dates.isChecked()


def test_a_message_about_one_article_goes_when_the_article_changes(
    make_window: MakeWindow, qtbot: object
) -> None:
    window = _with_articles(make_window, [plain_article(1), plain_article(2)])
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Q)  # type: ignore[attr-defined]
    assert window.status_text() == "No quotes found in this article"
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_J)  # type: ignore[attr-defined]
    assert window.status_text() == ""
    window.show_status("Folder changed: 3 articles read")
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_K)  # type: ignore[attr-defined]
    assert window.status_text() == "Folder changed: 3 articles read"  # not about one article


def test_record_errors_are_worded_for_records_and_counted_from_one(
    make_window: MakeWindow, qtbot: object
) -> None:
    failure = ReadFailure(
        "/corpus/feed.jsonl", "not valid JSON (Expecting value at line 1, column 1)", "jsonl", 2
    )
    window = _with_articles(make_window, [failure])
    text = window.reader_pane.view.toPlainText()
    assert text.startswith("feed.jsonl, record 3")
    assert "Record 3 of this file could not be read." in text
    assert "This file could not be read" not in text
    assert window.status_text().startswith("Could not read feed.jsonl, record 3:")
    assert "This file could not be read." in render_failure(ReadFailure("/x/a.txt", "empty")).html


def test_recent_folders_only_remember_folders_that_exist(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window = make_window()
    window.open_paths([str(tmp_path / "no such folder" / "file.txt")])
    assert window.settings.recent_folders() == []
    folder = _folder(tmp_path, 1)
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=10_000):  # type: ignore[attr-defined]
        pass
    assert window.settings.recent_folders() == [str(folder)]


def test_f5_keeps_the_article_and_the_scroll_position(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    folder = _folder(tmp_path, 4)
    window = make_window()
    window.resize(900, 500)
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=10_000):  # type: ignore[attr-defined]
        pass
    window.list_pane.view.setFocus()
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_J)  # type: ignore[attr-defined]
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_J)  # type: ignore[attr-defined]
    story = window.current_item()
    assert story is not None and story.title == "Story 2"
    bar = window.reader_pane.view.verticalScrollBar()
    assert bar.maximum() > 300
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Space)  # type: ignore[attr-defined]
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Space)  # type: ignore[attr-defined]
    scrolled = bar.value()
    assert scrolled > 0
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_F5)  # type: ignore[attr-defined]

    def back() -> None:
        assert not window.is_loading()
        current = window.current_item()
        assert current is not None and current.title == "Story 2"
        assert bar.value() == scrolled

    qtbot.wait_until(back, timeout=10_000)  # type: ignore[attr-defined]


def test_start_reopens_the_last_folder_and_article_unless_turned_off(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    settings = Settings()
    default = str(tmp_path / "seeds")
    assert start_paths(settings, default) == ([default], None)
    folder = _folder(tmp_path, 3)
    settings.set_last_folder(str(folder))
    settings.set_last_article(str(folder / "01.txt"), None)
    assert start_paths(settings, default) == ([str(folder)], (str(folder / "01.txt"), None))
    window = make_window(settings=settings)
    window.open_paths([str(folder)])
    window.restore_article(str(folder / "01.txt"), None)

    def reopened() -> None:
        current = window.current_item()
        assert current is not None and current.title == "Story 1"

    qtbot.wait_until(reopened, timeout=10_000)  # type: ignore[attr-defined]
    assert window.actions_by_id["reopen-last"].isChecked()
    window.actions_by_id["reopen-last"].trigger()
    assert not settings.reopen_last()
    assert start_paths(settings, default) == ([default], None)
    settings.set_reopen_last(True)
    settings.set_last_folder(str(tmp_path / "deleted"))
    assert start_paths(settings, default) == ([default], None)


def test_show_dates_and_numbers_lists_them_and_highlights_their_mentions(
    make_window: MakeWindow, qtbot: object
) -> None:
    article = Article(
        "/a/budget.txt",
        "text",
        "Council budget",
        ("On 14 March 2025 the council spent $2.5 million, up 12 per cent on 2024's 16,000 cases.",),
    )
    window = _with_articles(make_window, [article])
    tree = window.insights.entity_view

    def groups() -> list[str]:
        return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]  # type: ignore[union-attr]

    qtbot.wait_until(lambda: window.insights.entities_title.text() == "Entities (0)")  # type: ignore[attr-defined]
    assert groups() == []
    window.actions_by_id["toggle-dates"].trigger()
    qtbot.wait_until(lambda: any(g.startswith("Dates and numbers") for g in groups()))  # type: ignore[attr-defined]
    group = tree.topLevelItem(0)
    assert group is not None
    names = [group.child(i).text(0).split("  ×")[0] for i in range(group.childCount())]
    assert {"14 March 2025", "$2.5 million", "12 per cent", "16,000"} <= set(names)
    tree.setCurrentItem(group.child(names.index("$2.5 million")))
    [(start, end)] = window.reader_pane.view.layer("mention")
    cursor = QTextCursor(window.reader_pane.view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "$2.5 million"
    window.actions_by_id["toggle-dates"].trigger()
    assert groups() == []


def test_the_shortcut_sheet_fits_the_screen_and_filters(make_window: MakeWindow, qtbot: object) -> None:
    from PySide6.QtGui import QGuiApplication

    from viewer.ui.shell.shortcut_sheet import ShortcutSheet

    window = _with_articles(make_window, [plain_article(1)])
    qtbot.keyClick(window.list_pane.view, "?")  # type: ignore[attr-defined]
    sheet = window.findChild(ShortcutSheet)
    assert sheet is not None and sheet.isVisible()
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert sheet.frameGeometry().height() <= screen.height()
    rows = sheet.shown_rows()
    assert ("Go", "Next Article", "j, Down") in rows
    qtbot.keyClicks(sheet.filter_edit, "quote")  # type: ignore[attr-defined]
    shown = sheet.shown_rows()
    assert 0 < len(shown) < len(rows)
    assert all("quote" in " ".join(row).casefold() for row in shown)
    sheet.filter_edit.clear()
    qtbot.keyClicks(sheet.filter_edit, "shift+q")  # type: ignore[attr-defined]
    assert [row[1] for row in sheet.shown_rows()] == ["Previous Quote"]
    sheet.close()


def test_the_focused_pane_wears_a_frame(make_window: MakeWindow, qtbot: object) -> None:
    from PySide6.QtGui import QColor

    from viewer.ui.themes import LIGHT

    window = make_window()
    window.actions_by_id["theme-light"].trigger()
    window.list_pane.model.append_items([plain_article(1)])

    def left_edge(widget: object) -> QColor:
        image = widget.grab().toImage()  # type: ignore[attr-defined]
        return image.pixelColor(0, image.height() // 2)

    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # type: ignore[attr-defined]
    assert left_edge(window.reader_pane.view) == QColor(LIGHT.accent)
    assert left_edge(window.list_pane.view) != QColor(LIGHT.accent)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # type: ignore[attr-defined]
    assert left_edge(window.list_pane.view) == QColor(LIGHT.accent)
    assert left_edge(window.reader_pane.view) != QColor(LIGHT.accent)
