"""The Corrections view reads well: each correction with when it was made, rows shaded in
turn, and the keys that undo one said on the view."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.shell.test_corrections import _analysed_ferry, _entity_names
from viewer.ui.corrections import CorrectionsDialog
from viewer.ui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]


def _view_after_not_an_entity(make_window: MakeWindow, qtbot: object, tmp_path: Path) -> CorrectionsDialog:
    """The ferry article analysed, its first entity (Mira Olsen) marked "not an entity" with
    Delete, and the Corrections view opened."""
    window = _analysed_ferry(make_window, qtbot, tmp_path)
    panel = window.insights
    panel.entity_view.setFocus()
    panel.select_first_entity()
    qtbot.keyClick(panel.entity_view, Qt.Key.Key_Delete)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: "Mira Olsen" not in _entity_names(window))  # type: ignore[attr-defined]
    window.actions_by_id["corrections"].trigger()
    dialog = window.findChild(CorrectionsDialog)
    assert isinstance(dialog, CorrectionsDialog)
    return dialog


def test_the_corrections_view_says_when_and_how_to_undo(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    dialog = _view_after_not_an_entity(make_window, qtbot, tmp_path)
    what, when = dialog.list.item(0).text().split("\n")
    assert what == "“Mira Olsen” (person) is not an entity"
    assert re.fullmatch(r"made \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d", when)
    assert dialog.list.alternatingRowColors()
    said = " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())
    assert "Delete undoes the selected one" in said
    dialog.close()


def test_tab_into_the_entities_selects_the_first_so_delete_acts_at_once(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window = _analysed_ferry(make_window, qtbot, tmp_path)
    panel = window.insights
    window.actions_by_id["focus-panel"].trigger()
    for _ in range(4):
        focused = QApplication.focusWidget()
        if focused is panel.entity_view:
            break
        qtbot.keyClick(focused, Qt.Key.Key_Tab)  # type: ignore[attr-defined]
    assert QApplication.focusWidget() is panel.entity_view
    entity = panel.current_entity()
    assert entity is not None and entity.name == "Mira Olsen"
    qtbot.keyClick(panel.entity_view, Qt.Key.Key_Delete)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: "Mira Olsen" not in _entity_names(window))  # type: ignore[attr-defined]


def test_the_keyboard_coming_back_from_a_dialog_chooses_no_entity(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window = _analysed_ferry(make_window, qtbot, tmp_path)
    panel = window.insights
    panel.entity_view.setFocus()
    panel.select_first_entity()
    qtbot.keyClick(panel.entity_view, Qt.Key.Key_Delete)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: "Mira Olsen" not in _entity_names(window))  # type: ignore[attr-defined]
    assert panel.current_entity() is None
    said = window.status_text()
    window.actions_by_id["corrections"].trigger()
    dialog = window.findChild(CorrectionsDialog)
    assert isinstance(dialog, CorrectionsDialog)
    qtbot.wait_until(lambda: QApplication.activeWindow() is dialog)  # type: ignore[attr-defined]
    qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: QApplication.focusWidget() is panel.entity_view)  # type: ignore[attr-defined]
    # Nothing was chosen behind the user's back, and what the Delete did is still said.
    assert panel.current_entity() is None
    assert window.status_text() == said and "is not an entity" in said


def test_not_an_entity_takes_its_mentions_out_of_the_reader(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window = _analysed_ferry(make_window, qtbot, tmp_path)
    panel, reader = window.insights, window.reader_pane.view
    panel.entity_view.setFocus()
    panel.select_first_entity()
    assert len(reader.layer("mention")) == 2 and reader.layer("mention-current")
    qtbot.keyClick(panel.entity_view, Qt.Key.Key_Delete)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: "Mira Olsen" not in _entity_names(window))  # type: ignore[attr-defined]
    assert reader.layer("mention") == [] and reader.layer("mention-current") == []
    assert window.mention_position() == (-1, 0)


def test_ctrl_z_and_ctrl_shift_z_work_in_the_corrections_view(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    dialog = _view_after_not_an_entity(make_window, qtbot, tmp_path)
    window = dialog.parent()
    assert isinstance(window, MainWindow)
    qtbot.wait_until(lambda: QApplication.activeWindow() is dialog and dialog.list.count() == 1)  # type: ignore[attr-defined]
    qtbot.keyClick(dialog.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: dialog.list.count() == 0)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: "Mira Olsen" in _entity_names(window))  # type: ignore[attr-defined]
    qtbot.keyClick(  # type: ignore[attr-defined]
        dialog.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.wait_until(lambda: dialog.list.count() == 1)  # type: ignore[attr-defined]
    assert QApplication.activeWindow() is dialog  # the keys were the view's; it stays open
    dialog.close()


def test_alt_3_shows_the_quote_the_keys_act_on_as_chosen(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window = _analysed_ferry(make_window, qtbot, tmp_path)
    view = window.insights.quote_view
    assert window.insights.current_quote_row() == -1
    window.list_pane.view.setFocus()
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # type: ignore[attr-defined]
    assert QApplication.focusWidget() is view
    assert window.insights.current_quote_row() == 0
    assert view.selectionModel().isSelected(view.currentIndex())
