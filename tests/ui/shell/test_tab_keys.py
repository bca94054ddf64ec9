"""Tab walks from widget to widget in the tables whose rows are chosen whole (the speaker
page's quotes, the shortcut sheet), rather than through cells the user cannot see."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.panes.test_speaker_page import profile
from viewer.ui.panes.speaker_page import SpeakerPage
from viewer.ui.shell.actions import shortcut_rows
from viewer.ui.shell.shortcut_sheet import ShortcutSheet


def _shown_active(qtbot: object, window: QWidget) -> None:
    qtbot.add_widget(window)  # type: ignore[attr-defined]
    with qtbot.wait_active(window):  # type: ignore[attr-defined]
        window.show()
        window.activateWindow()


def test_tab_leaves_the_speaker_pages_quote_table(qtbot: object) -> None:
    page = SpeakerPage()
    _shown_active(qtbot, page)
    page.set_profile(profile())
    qtbot.wait_until(lambda: QApplication.focusWidget() is page.table)  # type: ignore[attr-defined]
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)  # type: ignore[attr-defined]
    assert QApplication.focusWidget() is not page.table
    assert page.current_quote() == profile().quotes[0]  # the chosen quote stays chosen


def test_tab_reaches_the_shortcut_sheets_close_button(qtbot: object) -> None:
    sheet = ShortcutSheet(shortcut_rows())
    _shown_active(qtbot, sheet)
    sheet.table.setFocus()
    qtbot.wait_until(lambda: QApplication.focusWidget() is sheet.table)  # type: ignore[attr-defined]
    qtbot.keyClick(sheet.table, Qt.Key.Key_Tab)  # type: ignore[attr-defined]
    focused = QApplication.focusWidget()
    assert focused is not sheet.table
    assert focused is not None and focused.text().replace("&", "") == "Close"  # type: ignore[attr-defined]
