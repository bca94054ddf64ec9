"""Views shared by the panes: scroll areas whose rows' area paints its own background.

The style sheet's border on lists, trees and the reader makes Qt leave the area inside the
frame (the viewport) see-through: the frame paints the background beneath it. Then every change
in a view repaints the pane and the window behind that part too, and scrolling cannot move the
pixels already drawn: each step through a long list painted every visible row again. An opaque
viewport that fills its own background (the same colour) paints only what changed, and a
scroll by a row paints the row that came into view.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractScrollArea, QListView, QTreeWidget, QWidget


def make_opaque(area: QAbstractScrollArea) -> None:
    """Say the area's viewport paints all of itself (see :func:`paint_background`); again after
    each style change, which may have made it see-through."""
    area.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)


def paint_background(area: QAbstractScrollArea, event: QPaintEvent) -> None:
    """The viewport's background where it is about to be painted, as Qt would have filled it."""
    viewport = area.viewport()
    painter = QPainter(viewport)
    painter.fillRect(event.rect(), viewport.palette().brush(viewport.backgroundRole()))
    painter.end()


class OpaqueListView(QListView):
    """A list view with an opaque viewport (see the module's docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        make_opaque(self)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:
            make_opaque(self)

    def paintEvent(self, event: QPaintEvent) -> None:
        paint_background(self, event)
        super().paintEvent(event)


class OpaqueTreeWidget(QTreeWidget):
    """A tree widget with an opaque viewport (see the module's docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        make_opaque(self)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:
            make_opaque(self)

    def paintEvent(self, event: QPaintEvent) -> None:
        paint_background(self, event)
        super().paintEvent(event)
