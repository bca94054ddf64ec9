"""Layout (issue 11): the reader keeps half the width, panes hide and fold, a readable measure."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import ferry_article
from viewer.ui.settings import Settings
from viewer.ui.shell.main_window import SIDE_PANE_MIN, MainWindow

MakeWindow = Callable[..., MainWindow]


def _window(make_window: MakeWindow, qtbot: object, width: int, height: int = 700) -> MainWindow:
    window = make_window()
    window.list_pane.model.append_items([ferry_article()])
    window.list_pane.ensure_selection()
    window.resize(width, height)
    qtbot.wait_until(lambda: window.splitter.width() > 0.9 * width)  # type: ignore[attr-defined]
    return window


@pytest.mark.parametrize("width", [800, 900, 1100, 1600])
def test_the_reader_keeps_at_least_half_the_width(make_window: MakeWindow, qtbot: object, width: int) -> None:
    window = _window(make_window, qtbot, width)
    total = window.splitter.width()
    assert window.reader_pane.width() >= total / 2 - 8
    assert window.list_pane.isVisible() and window.insights.isVisible()  # both still fit
    assert window.list_pane.width() >= SIDE_PANE_MIN and window.insights.width() >= SIDE_PANE_MIN


def test_side_panes_fold_on_a_narrow_window_panel_first(make_window: MakeWindow, qtbot: object) -> None:
    window = _window(make_window, qtbot, 600)
    assert window.list_pane.isVisible() and not window.insights.isVisible()
    assert window.folded_panes() == {"panel"}
    assert window.reader_pane.width() >= window.splitter.width() / 2 - 8
    window.resize(1200, 700)
    qtbot.wait_until(window.insights.isVisible)  # type: ignore[attr-defined]
    assert window.folded_panes() == set()


def test_keys_hide_and_show_the_list_and_the_panel_remembered(make_window: MakeWindow, qtbot: object) -> None:
    window = _window(make_window, qtbot, 1200)
    window.list_pane.view.setFocus()
    qtbot.keyClick(
        window.list_pane.view,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # type: ignore[attr-defined]
    assert not window.list_pane.isVisible()
    assert QApplication.focusWidget() is window.reader_pane.view  # focus left the hidden pane
    assert not window.actions_by_id["toggle-list"].isChecked()
    qtbot.keyClick(
        window.reader_pane.view,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # type: ignore[attr-defined]
    assert not window.insights.isVisible()
    assert window.reader_pane.width() >= window.splitter.width() - 20
    assert not Settings().pane_shown("list") and not Settings().pane_shown("panel")
    qtbot.keyClick(
        window.reader_pane.view,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # type: ignore[attr-defined]
    assert window.list_pane.isVisible() and window.actions_by_id["toggle-list"].isChecked()
    # The next window starts with the panes as they were left.
    again = make_window()
    assert not again.insights.isVisible() and again.list_pane.isVisible()


def test_a_wide_reader_keeps_a_readable_measure(make_window: MakeWindow, qtbot: object) -> None:
    window = _window(make_window, qtbot, 1600, 1000)
    view = window.reader_pane.view
    assert 70 <= view.line_chars() <= 90
    window.resize(800, 700)
    qtbot.wait_until(lambda: window.splitter.width() < 820)  # type: ignore[attr-defined]
    assert view.line_chars() <= 90  # narrow: no margins beyond the measure
    assert view.document().rootFrame().frameFormat().leftMargin() == 0


def test_remembered_pane_sizes_survive_the_start(make_window: MakeWindow, qtbot: object) -> None:
    first = _window(make_window, qtbot, 1600, 900)
    first.splitter.setSizes([420, 800, 360])
    first.close()
    again = make_window()
    again.resize(1600, 900)
    qtbot.wait_until(lambda: again.splitter.width() > 1500)  # type: ignore[attr-defined]
    assert again.splitter.sizes()[0] == 420 and again.splitter.sizes()[2] == 360
