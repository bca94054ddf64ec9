"""Shift+C from the keyboard: the menu comes up at the format c copies in, Enter copies."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu

from tests.ui.shell.test_citing import _ferry_window
from viewer.ui.settings import Settings
from viewer.ui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]


@pytest.mark.parametrize(("fmt", "starts"), [("plain", "“We checked"), ("markdown", "> “We checked")])
def test_shift_c_opens_at_the_default_format_and_enter_copies_in_it(
    make_window: MakeWindow, qtbot: object, fmt: str, starts: str
) -> None:
    Settings().set_citation_format(fmt)  # type: ignore[arg-type]
    window = _ferry_window(make_window, qtbot)
    QGuiApplication.clipboard().setText("before")
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_C, Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: isinstance(QApplication.activePopupWidget(), QMenu))  # type: ignore[attr-defined]
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    active = menu.activeAction()
    assert active is not None and active.objectName() == f"copy-quote-{fmt}"
    qtbot.keyClick(menu, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: QGuiApplication.clipboard().text() != "before")  # type: ignore[attr-defined]
    assert QGuiApplication.clipboard().text().startswith(starts)
    assert not menu.isVisible()
