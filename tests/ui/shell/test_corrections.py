"""Corrections from the keyboard: F2 renames, Delete says "not an entity", Shift+F2 fixes a
speaker, Ctrl+Z undoes and Ctrl+Shift+Z redoes; the panel, the search and the Corrections view
follow."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from tests.ui.conftest import FERRY_PARAGRAPHS
from viewer.core.model import Entity
from viewer.ui.corrections import CorrectionsDialog, MergeDialog, NameDialog, SplitDialog, TypeDialog
from viewer.ui.panes.insights import QuoteRole
from viewer.ui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _analysed_ferry(make_window: MakeWindow, qtbot: object, tmp_path: Path) -> MainWindow:
    """A window on a folder of two articles, the first analysed and kept in the folder's store."""
    folder = tmp_path / "news"
    folder.mkdir()
    body = "\n\n".join(FERRY_PARAGRAPHS)
    (folder / "a.txt").write_text(f"Ferry sails again\n\n{body}\n", encoding="utf-8")
    (folder / "b.txt").write_text("Town news\n\nA zeppelin landed in the square.\n", encoding="utf-8")
    window = make_window()
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=10_000):  # type: ignore[attr-defined]
        pass
    store = window.list_pane.model.store()
    assert store is not None
    qtbot.wait_until(lambda: store.analysed_count() == (2, 2), timeout=10_000)  # type: ignore[attr-defined]
    window.list_pane.select_row(0)
    qtbot.wait_until(  # type: ignore[attr-defined]
        lambda: window.insights.quote_count() == 1 and not window.insights.is_busy()
    )
    return window


def _answer(qtbot: object, window: MainWindow, kind: type[QDialog], text: str | None) -> list[str]:
    """Once the dialog is open, type ``text`` into it and press Enter (None: Escape)."""
    seen: list[str] = []

    def answer() -> None:
        dialog = window.findChild(kind)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, answer)
            return
        seen.append(dialog.windowTitle())
        try:
            if text is None:
                qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # type: ignore[attr-defined]
                return
            box = dialog.name_box  # type: ignore[attr-defined]
            line = box.lineEdit()
            line.selectAll()
            qtbot.keyClick(line, Qt.Key.Key_Backspace)  # type: ignore[attr-defined]
            qtbot.keyClicks(line, text)  # type: ignore[attr-defined]
            qtbot.keyClick(line, Qt.Key.Key_Return)  # type: ignore[attr-defined]
        finally:
            if dialog.isVisible():
                dialog.reject()  # never leave a test waiting on a dialog

    QTimer.singleShot(0, answer)
    return seen


def _entity_names(window: MainWindow) -> list[str]:
    analysis = window.insights.analysis()
    return [e.name for e in analysis.entities] if analysis else []


def test_f2_renames_an_entity_ctrl_z_undoes_and_ctrl_shift_z_redoes(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window = _analysed_ferry(make_window, qtbot, tmp_path)
    panel = window.insights
    panel.entity_view.setFocus()
    assert panel.select_first_entity() is not None
    assert panel.current_entity().name == "Mira Olsen"  # type: ignore[union-attr]

    seen = _answer(qtbot, window, NameDialog, "Mira Olsen-Berg")
    qtbot.keyClick(panel.entity_view, Qt.Key.Key_F2)  # type: ignore[attr-defined]
    assert seen == ["Rename Entity"]
    qtbot.wait_until(lambda: "Mira Olsen-Berg" in _entity_names(window))  # type: ignore[attr-defined]
    assert "Mira Olsen" not in _entity_names(window)
    # The renamed entity stays selected, marked corrected; the quote's speaker follows, the
    # status says so.
    assert panel.current_entity().name == "Mira Olsen-Berg"  # type: ignore[union-attr]
    assert panel.entity_view.currentItem().text(0).endswith("✎")  # type: ignore[union-attr]
    assert "Corrected by you" in panel.entity_view.currentItem().toolTip(0)  # type: ignore[union-attr]
    assert panel.quotes()[0].speaker == "Mira Olsen-Berg"
    assert (
        panel.quote_model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole).startswith("Mira Olsen-Berg")
    )
    assert "Rename “Mira Olsen”" in window.status_text()
    # Search finds the new name once the index caught up (in the background).
    qtbot.wait_until(lambda: not window.corrections.is_busy())  # type: ignore[attr-defined]
    window.list_pane.set_search('speaker:"Mira Olsen-Berg"')
    qtbot.wait_until(lambda: window.list_pane.model.rowCount() == 1)  # type: ignore[attr-defined]
    window.list_pane.set_search('speaker:"Mira Olsen"')
    qtbot.wait_until(lambda: window.list_pane.model.rowCount() == 1)  # type: ignore[attr-defined]
    window.list_pane.set_search("")
    qtbot.wait_until(lambda: window.list_pane.model.rowCount() == 2)  # type: ignore[attr-defined]
    window.list_pane.select_row(0)

    panel.entity_view.setFocus()
    qtbot.keyClick(panel.entity_view, Qt.Key.Key_Z, CTRL)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: "Mira Olsen" in _entity_names(window))  # type: ignore[attr-defined]
    assert "Mira Olsen" in _entity_names(window) and "Mira Olsen-Berg" not in _entity_names(window)
    assert panel.quotes()[0].speaker == "Mira Olsen"
    assert window.status_text().startswith("Undone: Rename")
    qtbot.keyClick(panel.entity_view, Qt.Key.Key_Z, CTRL | SHIFT)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: "Mira Olsen-Berg" in _entity_names(window))  # type: ignore[attr-defined]
    assert window.status_text().startswith("Redone: Rename")
    # Kept in the folder's store: listed there, and applied when the article is read again.
    assert [c.correction.kind for c in window.corrections.listing()] == ["rename"]
    store = window.list_pane.model.store()
    article_id = window.list_pane.current_id()
    assert store is not None and article_id is not None
    analysed = store.analysis(article_id)
    assert analysed is not None and analysed.entities[0].name == "Mira Olsen-Berg"


def test_escape_in_the_dialog_corrects_nothing(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window = _analysed_ferry(make_window, qtbot, tmp_path)
    window.insights.entity_view.setFocus()
    window.insights.select_first_entity()
    _answer(qtbot, window, NameDialog, None)
    qtbot.keyClick(window.insights.entity_view, Qt.Key.Key_F2)  # type: ignore[attr-defined]
    assert window.corrections.listing() == []
    assert "Mira Olsen" in _entity_names(window)


def test_delete_marks_not_an_entity_and_the_corrections_view_undoes_it(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window = _analysed_ferry(make_window, qtbot, tmp_path)
    panel = window.insights
    panel.entity_view.setFocus()
    board = next(
        panel.entity_view.topLevelItem(t).child(0)  # type: ignore[union-attr]
        for t in range(panel.entity_view.topLevelItemCount())
        if panel.entity_view.topLevelItem(t).text(0).startswith("Organisations")  # type: ignore[union-attr]
    )
    panel.entity_view.setCurrentItem(board)
    qtbot.keyClick(panel.entity_view, Qt.Key.Key_Delete)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: "Harbour Board" not in _entity_names(window))  # type: ignore[attr-defined]
    assert "is not an entity" in window.status_text()

    window.actions_by_id["corrections"].trigger()
    dialog = window.findChild(CorrectionsDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.list.count() == 1
    assert dialog.list.item(0).text().startswith("“Harbour Board” (organisation) is not an entity")
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: dialog.list.count() == 0)  # type: ignore[attr-defined]
    assert dialog.empty.isVisible() and not dialog.undo_button.isEnabled()
    assert "Harbour Board" in _entity_names(window)
    dialog.close()


def test_shift_f2_clears_a_quotes_speaker(make_window: MakeWindow, qtbot: object, tmp_path: Path) -> None:
    window = _analysed_ferry(make_window, qtbot, tmp_path)
    panel = window.insights
    panel.quote_view.setFocus()
    panel.step_quote(1)
    seen = _answer(qtbot, window, NameDialog, "")
    qtbot.keyClick(panel.quote_view, Qt.Key.Key_F2, SHIFT)  # type: ignore[attr-defined]
    assert seen == ["Fix Speaker"]
    qtbot.wait_until(lambda: panel.quotes()[0].corrected)  # type: ignore[attr-defined]
    quote = panel.quotes()[0]
    assert quote.speaker is None and quote.corrected and quote.role is None
    assert panel.quote_model.index(0, 0).data(QuoteRole.SPEAKER) == "Unattributed ✎"
    assert panel.quote_model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole).startswith("Unattributed")
    # The entity is untouched: only that quote changed.
    assert "Mira Olsen" in _entity_names(window)


def test_nothing_selected_or_nothing_to_undo_is_said(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window = _analysed_ferry(make_window, qtbot, tmp_path)
    window.list_pane.view.setFocus()
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_F2)  # type: ignore[attr-defined]
    assert window.status_text().startswith("Select an entity in the panel first")
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Z, CTRL)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: window.status_text() == "Nothing to undo")  # type: ignore[attr-defined]
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Z, CTRL | SHIFT)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: window.status_text() == "Nothing to redo")  # type: ignore[attr-defined]


def test_merge_and_split_dialogs_offer_the_right_choices(qtbot: object) -> None:
    joe = Entity("Joe Biden", "PERSON", ("Joe Biden", "Biden"), ())
    biden = Entity("Biden", "PERSON", ("Biden",), ())
    board = Entity("Harbour Board", "ORG", ("Harbour Board",), ())
    merge = MergeDialog(biden, [joe, board])
    qtbot.add_widget(merge)  # type: ignore[attr-defined]
    assert merge.other() is not None and merge.other().name == "Joe Biden"  # type: ignore[union-attr]
    assert merge.name() == "Joe Biden"  # the fuller name is offered first
    merge.other_box.setCurrentIndex(1)
    assert merge.other().type == "ORG"  # type: ignore[union-attr]
    merge.other_box.setEditText("Joseph Biden")
    assert merge.other() == type(merge.other())("Joseph Biden", "PERSON")  # a typed name: same type

    split = SplitDialog(joe)
    qtbot.add_widget(split)  # type: ignore[attr-defined]
    assert split.variants() == ()
    split.variant_list.item(1).setCheckState(Qt.CheckState.Checked)
    assert split.variants() == ("Biden",)
    assert split.name() == "Biden"  # offered as the new entity's name


def _when_open(window: MainWindow, kind: type[QDialog], act: Callable[[QDialog], None]) -> None:
    """Once a dialog of ``kind`` is open, do ``act`` on it (and never leave it open)."""

    def run() -> None:
        dialog = window.findChild(kind)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, run)
            return
        try:
            act(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, run)


def test_m_merges_and_shift_m_splits_from_the_keyboard(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window = _analysed_ferry(make_window, qtbot, tmp_path)
    panel = window.insights
    panel.entity_view.setFocus()
    panel.select_first_entity()

    def split(dialog: QDialog) -> None:
        assert isinstance(dialog, SplitDialog)
        items = dialog.variant_list
        items.setCurrentRow(1)  # "Olsen"
        qtbot.keyClick(items, Qt.Key.Key_Space)  # type: ignore[attr-defined]
        assert dialog.variants() == ("Olsen",)
        line = dialog.name_edit.lineEdit()
        line.selectAll()
        qtbot.keyClicks(line, "Per Olsen")  # type: ignore[attr-defined]
        qtbot.keyClick(line, Qt.Key.Key_Return)  # type: ignore[attr-defined]

    _when_open(window, SplitDialog, split)
    qtbot.keyClick(panel.entity_view, Qt.Key.Key_M, SHIFT)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: "Per Olsen" in _entity_names(window))  # type: ignore[attr-defined]
    analysis = window.insights.analysis()
    assert analysis is not None
    counts = {e.name: e.count for e in analysis.entities}
    assert counts["Mira Olsen"] == 1 and counts["Per Olsen"] == 1

    # Merge them back, under the fuller name the dialog offers first.
    panel.entity_view.setFocus()
    assert panel.select_entity_near(next(e for e in analysis.entities if e.name == "Per Olsen"))

    def merge(dialog: QDialog) -> None:
        assert isinstance(dialog, MergeDialog)
        index = dialog.other_box.findData("Mira Olsen")
        dialog.other_box.setCurrentIndex(index)
        assert dialog.name() == "Mira Olsen"
        qtbot.keyClick(dialog.other_box.lineEdit(), Qt.Key.Key_Return)  # type: ignore[attr-defined]

    _when_open(window, MergeDialog, merge)
    qtbot.keyClick(panel.entity_view, Qt.Key.Key_M)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: "Per Olsen" not in _entity_names(window))  # type: ignore[attr-defined]
    merged = next(e for e in window.insights.analysis().entities if e.name == "Mira Olsen")  # type: ignore[union-attr]
    assert merged.count == 2 and merged.corrected
    assert [c.correction.kind for c in window.corrections.listing()] == ["split", "merge"]


def test_t_changes_an_entitys_type_in_every_article_and_ctrl_z_undoes_it(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window = _analysed_ferry(make_window, qtbot, tmp_path)
    panel = window.insights
    panel.entity_view.setFocus()
    assert panel.select_first_entity() is not None
    entity = panel.current_entity()
    assert entity is not None and entity.name == "Mira Olsen" and entity.type == "PERSON"

    def answer() -> None:
        dialog = window.findChild(TypeDialog)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, answer)
            return
        try:
            assert dialog.chosen() == "PERSON"  # the type it has now, offered first
            dialog.type_box.setCurrentIndex(dialog.type_box.findData("ORG"))
            qtbot.keyClick(dialog.type_box, Qt.Key.Key_Return)  # type: ignore[attr-defined]
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, answer)
    qtbot.keyClick(panel.entity_view, Qt.Key.Key_T)  # type: ignore[attr-defined]

    def typed() -> str | None:
        analysis = window.insights.analysis()
        return next((e.type for e in analysis.entities if e.name == "Mira Olsen"), None) if analysis else None

    qtbot.wait_until(lambda: typed() == "ORG")  # type: ignore[attr-defined]
    assert "“Mira Olsen” is an organisation, not a person" in window.status_text()
    qtbot.wait_until(lambda: not window.corrections.is_busy())  # type: ignore[attr-defined]
    store = window.list_pane.model.store()
    assert store is not None and store.folder_type("Mira Olsen") == "ORG"
    window.list_pane.set_search('org:"Mira Olsen"')
    qtbot.wait_until(lambda: window.list_pane.model.rowCount() == 1)  # type: ignore[attr-defined]
    window.list_pane.set_search("")
    qtbot.wait_until(lambda: window.list_pane.model.rowCount() == 2)  # type: ignore[attr-defined]
    window.list_pane.select_row(0)
    qtbot.wait_until(lambda: typed() == "ORG")  # type: ignore[attr-defined]
    panel.entity_view.setFocus()
    qtbot.keyClick(panel.entity_view, Qt.Key.Key_Z, CTRL)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: typed() == "PERSON")  # type: ignore[attr-defined]
