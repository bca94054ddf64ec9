"""Details of the dark theme a screenshot showed wrong."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor

from viewer.core.model import Entity
from viewer.ui.corrections import SplitDialog
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
