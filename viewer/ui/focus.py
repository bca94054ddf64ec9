"""Where the keyboard goes when a dialog or sheet closes.

A window manager usually hands the keyboard back to the main window when one of its dialogs
closes; without one (a bare X server, some tiling set-ups, remote desktops) the keys go
nowhere and every shortcut seems dead until the user clicks. Dialogs the window opens without
``exec()`` (``open()`` or ``show()``) use :func:`return_keyboard_on_hide` so that does not
depend on the window manager.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QWidget


class _KeyboardReturner(QObject):
    """On the watched widget's hide: activate the window its parent belongs to."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and isinstance(watched, QWidget) and watched.isWindow():
            parent = watched.parentWidget()
            if parent is not None and parent.window().isVisible():
                parent.window().activateWindow()
        return False


def return_keyboard_on_hide(dialog: QWidget) -> None:
    """When ``dialog`` (a window with a parent) hides, its parent's window gets the keyboard
    back, at the widget that had the focus there before."""
    dialog.installEventFilter(_KeyboardReturner(dialog))


class _FocusInCall(QObject):
    def __init__(self, watched: QWidget, call: Callable[[], object]) -> None:
        super().__init__(watched)
        self._call = call

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        by_tab = (
            isinstance(event, QFocusEvent)
            and event.type() == QEvent.Type.FocusIn
            # Not when a menu or dialog closes (the user chose nothing here), nor on a click.
            and event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        )
        if by_tab:
            self._call()
        return False


def on_tab_focus(widget: QWidget, call: Callable[[], object]) -> None:
    """Call ``call`` when Tab or Shift+Tab brings the focus to ``widget``, before the widget
    itself handles it: a list can choose its own first row there."""
    widget.installEventFilter(_FocusInCall(widget, call))
