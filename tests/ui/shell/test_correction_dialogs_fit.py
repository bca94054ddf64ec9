"""The correction dialogs fit what they show: a long name in full, and the quote whose
speaker is being fixed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel

from tests.ui.shell.test_corrections import _analysed_ferry
from viewer.core.model import Entity
from viewer.ui.corrections import MergeDialog, NameDialog, SplitDialog
from viewer.ui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]
LONG_NAME = "Port Alder Ferry Company and Regional Council"


def test_a_long_name_fits_in_each_correction_dialog(qtbot: object) -> None:
    entity = Entity(LONG_NAME, "ORG", (LONG_NAME, "Port Alder Ferry"), ())
    other = Entity("Harbour Board of the Northern Isles", "ORG", ("Harbour Board",), ())
    dialogs = [
        NameDialog("Rename Entity", "New name:", LONG_NAME, [LONG_NAME]),
        MergeDialog(entity, [other]),
        SplitDialog(entity),
    ]
    for dialog in dialogs:
        qtbot.add_widget(dialog)  # type: ignore[attr-defined]
        dialog.show()
        qtbot.wait_exposed(dialog)  # type: ignore[attr-defined]
        box = dialog.name_box if isinstance(dialog, NameDialog | MergeDialog) else dialog.name_edit
        line = box.lineEdit()
        assert line is not None
        needed = line.fontMetrics().horizontalAdvance(LONG_NAME)
        assert line.width() > needed, f"{dialog.windowTitle()}: {line.width()} px for a {needed} px name"


def test_shift_f2_asks_who_said_the_quote_it_shows(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window = _analysed_ferry(make_window, qtbot, tmp_path)
    panel = window.insights
    panel.quote_view.setFocus()
    panel.step_quote(1)
    prompts: list[str] = []

    def read_and_close() -> None:
        dialog = window.findChild(NameDialog)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, read_and_close)
            return
        prompts.extend(label.text() for label in dialog.findChildren(QLabel))
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    qtbot.keyClick(panel.quote_view, Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
    assert prompts == [
        "Who said “We checked every bolt twice, … Nobody cut corners.”? (Leave it empty if nobody is named.)"
    ]
