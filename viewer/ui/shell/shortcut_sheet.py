"""F1 / ?: every shortcut, in a sheet built from rows the action registry gives."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QGuiApplication, QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

#: The sheet never grows past this share of the screen's height (it scrolls, and filters).
SCREEN_SHARE = 0.85


class ShortcutSheet(QDialog):
    """Rows of (menu, action, keys); see :func:`viewer.ui.shell.actions.shortcut_rows`."""

    def __init__(self, rows: Sequence[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts — Article Viewer")
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter: type a word or a key")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter shortcuts")
        self.filter_edit.setAccessibleDescription(
            "Shows only the shortcuts whose menu, action or keys hold the words"
        )
        self.filter_edit.textChanged.connect(self.filter_rows)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels(["Menu", "Action", "Keys"])
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setAccessibleDescription("Every shortcut: menu, action and the keys to press")
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Rows are chosen whole: Tab goes on to the Close button, never through unseen cells.
        self.table.setTabKeyNavigation(False)
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        rows_height = self.table.verticalHeader().length() + self.table.horizontalHeader().height()
        wanted = rows_height + 4 * self.fontMetrics().height() + 40
        screen = QGuiApplication.primaryScreen()
        room = int(screen.availableGeometry().height() * SCREEN_SHARE) if screen is not None else 640
        self.resize(600, max(240, min(wanted, room)))

    def filter_rows(self, text: str) -> None:
        """Show only the rows holding every word typed (any case) in their menu, action or keys."""
        words = text.casefold().split()
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, column) for column in range(3)]
            haystack = " ".join(cell.text().casefold() for cell in cells if cell is not None)
            self.table.setRowHidden(row, not all(word in haystack for word in words))

    def shown_rows(self) -> list[tuple[str, str, str]]:
        rows = []
        for row in range(self.table.rowCount()):
            if not self.table.isRowHidden(row):
                cells = [self.table.item(row, column) for column in range(3)]
                menu, action, keys = (cell.text() if cell is not None else "" for cell in cells)
                rows.append((menu, action, keys))
        return rows

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        # Hand the keyboard back to the window: without a window manager doing it (a bare X
        # server, some tiling setups) the keys would otherwise go nowhere.
        parent = self.parentWidget()
        if parent is not None:
            parent.activateWindow()
