"""Details of the dark theme a screenshot showed wrong."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor

from viewer.core.model import Entity
from viewer.ui.corrections import SplitDialog
from viewer.ui.shell.export_menu import ExportDialog
from viewer.ui.shell.main_window import MainWindow
from viewer.ui.themes import DARK

MakeWindow = Callable[..., MainWindow]


def test_split_dialogs_check_boxes_show_on_the_dark_base(make_window: MakeWindow, qtbot: object) -> None:
    window = make_window()
    window.actions_by_id["theme-dark"].trigger()
    entity = Entity("Ines Varga", "PERSON", ("Ines Varga", "Varga", "I. Varga"), ())
    dialog = SplitDialog(entity, window)
    qtbot.add_widget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    view = dialog.variant_list
    image = view.viewport().grab().toImage()
    # The second row is neither checked nor selected: its box is drawn in the muted colour,
    # which stands out from the dark base (Fusion's own box is dark on dark).
    row = view.visualItemRect(view.item(1))
    border = QColor(DARK.muted).rgb()
    box = [
        (x, y)
        for x in range(row.left(), row.left() + 3 * row.height())
        for y in range(row.top(), row.bottom() + 1)
        if image.pixel(x, y) == border
    ]
    assert len(box) >= 12


def test_export_dialogs_radio_buttons_show_on_the_dark_base(make_window: MakeWindow, qtbot: object) -> None:
    window = make_window()
    window.actions_by_id["theme-dark"].trigger()
    dialog = ExportDialog(3, 40, 40, False, window)
    qtbot.add_widget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    folder = dialog._scopes["folder"]  # an enabled choice, not chosen
    assert folder.isEnabled() and not folder.isChecked()
    image = folder.grab().toImage()
    # Its ring is drawn light (anti-aliased: near the muted colour), where Fusion's is dark.
    side = folder.height()
    light = [(x, y) for x in range(16) for y in range(side) if QColor(image.pixel(x, y)).lightness() > 110]
    assert len(light) >= 12
