"""Views shared by the panes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QListView, QWidget


class OpaqueListView(QListView):
    """A list view whose rows' area paints its own background.

    The style sheet's border on lists makes Qt leave that area see-through (the frame paints
    the background beneath it), so every change repaints the pane and the window behind the
    rows too, and scrolling by a row cannot move the pixels already drawn: every visible row is
    painted again at each step through a long list. Opaque, a step paints the rows that
    changed and the one that came into view.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make_opaque()

    def _make_opaque(self) -> None:
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:
            self._make_opaque()  # a new style sheet may have made it see-through again

    def paintEvent(self, event: QPaintEvent) -> None:
        viewport = self.viewport()
        painter = QPainter(viewport)
        painter.fillRect(event.rect(), viewport.palette().brush(viewport.backgroundRole()))
        painter.end()
        super().paintEvent(event)
