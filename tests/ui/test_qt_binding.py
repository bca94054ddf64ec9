"""Guards on the Qt binding itself: faults in PySide6 that would take the program down."""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QTreeWidgetItem


class _OneRow(QAbstractListModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        return "row" if role == Qt.ItemDataRole.DisplayRole else None


def test_empty_values_from_qt_keep_references_to_none(qapp: object) -> None:
    """PySide6 6.12.0 dropped a reference to None on every empty value it returned; after
    enough list repaints and tree lookups, Python died with "deallocating None"."""
    model = _OneRow()
    index = model.index(0, 0)
    item = QTreeWidgetItem()
    before = sys.getrefcount(None)
    for _ in range(200):
        assert index.data(Qt.ItemDataRole.DecorationRole) is None
        assert item.data(0, Qt.ItemDataRole.UserRole) is None
    assert sys.getrefcount(None) >= before
