"""Closing a dialog from the keyboard gives the keyboard back to the window, so the next
shortcut works without a click (no window manager may do it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from viewer.ui.corrections import CorrectionsDialog
from viewer.ui.shell.export_menu import ExportDialog
from viewer.ui.shell.main_window import MainWindow
from viewer.ui.shell.preferences import CitationPreferences

MakeWindow = Callable[..., MainWindow]


def _window_on_folder(make_window: MakeWindow, qtbot: object, tmp_path: Path) -> MainWindow:
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"Story {n}\n\nWords of story {n}.\n", encoding="utf-8")
    window = make_window()
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=10_000):  # type: ignore[attr-defined]
        pass
    window.list_pane.select_row(0)
    window.list_pane.view.setFocus()
    return window


@pytest.mark.parametrize(
    ("action", "kind"),
    [
        ("corrections", CorrectionsDialog),
        ("citation-preferences", CitationPreferences),
        ("export", ExportDialog),
    ],
)
def test_escape_in_a_dialog_hands_the_keyboard_back_to_the_window(
    make_window: MakeWindow, qtbot: object, tmp_path: Path, action: str, kind: type[QDialog]
) -> None:
    window = _window_on_folder(make_window, qtbot, tmp_path)
    window.actions_by_id[action].trigger()
    dialog = window.findChild(kind)
    assert isinstance(dialog, kind)
    dialog.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is dialog)  # type: ignore[attr-defined]
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert not dialog.isVisible()
    qtbot.wait_until(lambda: QApplication.activeWindow() is window)  # type: ignore[attr-defined]
    # Back where the keyboard was: j goes on to the next article.
    assert QApplication.focusWidget() is window.list_pane.view
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_J)  # type: ignore[attr-defined]
    assert window.list_pane.view.currentIndex().row() == 1
