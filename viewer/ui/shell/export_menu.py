"""File > Export: quotes or entities of the current article, of the articles shown, or of the
whole folder, to CSV, JSON Lines or Markdown.

A dialog asks what and how, a save dialog where; the export runs on a worker thread of the
one background helper (:mod:`viewer.ui.background.workers`), with its progress, and a button
that stops it, in the status bar. What it writes is :mod:`viewer.core.export_file`'s.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.core.export import Format, What
from viewer.core.export_file import SUFFIXES, ExportSummary, export_store, with_suffix
from viewer.ui.background.workers import BackgroundRunner, Progress, Task
from viewer.ui.focus import return_keyboard_on_hide
from viewer.ui.text import number, one_line

if TYPE_CHECKING:
    from viewer.ui.shell.window_api import Window

Scope = Literal["current", "shown", "folder"]
FORMAT_CHOICES: tuple[tuple[Format, str], ...] = (
    ("csv", "CSV (spreadsheets)"),
    ("jsonl", "JSON Lines"),
    ("md", "Markdown table"),
)
WHAT_CHOICES: tuple[tuple[What, str], ...] = (("quotes", "Quotes"), ("entities", "Entities"))
_FILTERS = {"csv": "CSV files (*.csv)", "jsonl": "JSON Lines files (*.jsonl)", "md": "Markdown files (*.md)"}


class ExportDialog(QDialog):
    """What to export, and in which format. Window-modal, opened with ``open()``."""

    def __init__(
        self, current: int | None, shown: int, total: int, filtered: bool, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export")
        return_keyboard_on_hide(self)
        self.scope_buttons = QButtonGroup(self)
        self._scopes: dict[Scope, QRadioButton] = {}
        shown_label = f"The articles &shown ({number(shown)} of {number(total)})" if filtered else None
        rows: list[tuple[Scope, str | None, bool]] = [
            ("current", "The &current article", current is not None),
            ("shown", shown_label, filtered and shown > 0),
            ("folder", f"The whole &folder ({number(total)} article{'s' if total != 1 else ''})", total > 0),
        ]
        scope_box = QVBoxLayout()
        for scope, label, enabled in rows:
            button = QRadioButton(label or "The articles &shown (no search: every article)", self)
            button.setEnabled(enabled)
            self.scope_buttons.addButton(button)
            self._scopes[scope] = button
            scope_box.addWidget(button)
        default: Scope = "shown" if filtered and shown > 0 else "current" if current is not None else "folder"
        self._scopes[default].setChecked(True)
        self.what_box = QComboBox(self)
        for what, label in WHAT_CHOICES:
            self.what_box.addItem(label, what)
        self.format_box = QComboBox(self)
        for fmt, label in FORMAT_CHOICES:
            self.format_box.addItem(label, fmt)
        form = QFormLayout()
        form.addRow("&Export:", self.what_box)
        form.addRow("Of:", scope_box)
        form.addRow("&As:", self.format_box)
        note = QLabel(
            "Every row says where it comes from: the file and its SHA-256, the record, the paragraph "
            "and character offsets.",
            self,
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(total > 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    def scope(self) -> Scope:
        for scope, button in self._scopes.items():
            if button.isChecked():
                return scope
        return "folder"

    def set_scope(self, scope: Scope) -> None:
        self._scopes[scope].setChecked(True)

    def what(self) -> What:
        return WHAT_CHOICES[self.what_box.currentIndex()][0]

    def format(self) -> Format:
        return FORMAT_CHOICES[self.format_box.currentIndex()][0]

    def scope_enabled(self, scope: Scope) -> bool:
        return self._scopes[scope].isEnabled()


@dataclass(frozen=True, slots=True)
class ExportRequest:
    store: str
    output: str
    fmt: Format
    what: What
    ids: tuple[int, ...] | None


def _export_job(request: ExportRequest, progress: Progress) -> ExportSummary:
    ids = request.ids
    step = max(1, len(ids) // 100) if ids is not None else 50

    def report(done: int, total: int) -> None:
        progress.check()  # a cancelled export stops here and leaves no file
        if done % step == 0:
            progress.report(done, total)

    return export_store(
        request.store, request.output, fmt=request.fmt, what=request.what, ids=ids, progress=report
    )


class Exporter(QObject):
    """Runs exports for one window, one at a time, showing progress in its status bar."""

    #: An export wrote its file (an :class:`ExportSummary`).
    finished = Signal(object)
    #: An export stopped: a message ("cancelled" when the user stopped it).
    failed = Signal(str)

    def __init__(self, window: Window) -> None:
        super().__init__(window.widget())
        self.setObjectName("exporter")
        self._window = window
        self._runner = BackgroundRunner(1, self)
        self._task: Task | None = None
        self.label = QLabel(window.widget())
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName("Export progress")
        self.bar = QProgressBar(window.widget())
        self.bar.setMaximumWidth(140)
        self.bar.setAccessibleName("Export progress")
        self.stop_button = QToolButton(window.widget())
        self.stop_button.setText("Stop")
        self.stop_button.setToolTip("Stop the export")
        self.stop_button.setAccessibleName("Stop the export")
        self.stop_button.clicked.connect(self.cancel)
        holder = window.widget()
        if isinstance(holder, QMainWindow):
            for widget in (self.label, self.bar, self.stop_button):
                holder.statusBar().addPermanentWidget(widget)
        self._show_progress(False)
        # Stop a running export when the window closes (its thread must not outlive it).
        window.widget().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and watched is self._window.widget():
            self.shutdown()
        return False

    def is_running(self) -> bool:
        return self._task is not None and not self._task.is_finished()

    def start(
        self, store: str, output: str, *, fmt: Format, what: What, ids: Sequence[int] | None
    ) -> Task | None:
        """Export in the background; ``None`` (and a message) while another export runs."""
        if self.is_running():
            self._window.show_status("An export is already running: wait for it, or stop it")
            return None
        request = ExportRequest(store, output, fmt, what, None if ids is None else tuple(ids))
        task = self._runner.start("export", _export_job, request)
        task.progressed.connect(self._on_progress)
        task.succeeded.connect(self._on_done)
        task.failed.connect(self._on_failed)
        self._task = task
        self.bar.setRange(0, 0)
        self.label.setText(f"Exporting {what} to {one_line(os.path.basename(output), 60)}")
        self._show_progress(True)
        return task

    def cancel(self) -> None:
        if self._task is not None and not self._task.is_finished():
            self._task.cancel()
            self._show_progress(False)
            self._window.show_status("Export stopped")
            self.failed.emit("cancelled")

    def shutdown(self) -> None:
        self._runner.shutdown(3000)

    def _show_progress(self, shown: bool) -> None:
        for widget in (self.label, self.bar, self.stop_button):
            widget.setVisible(shown)

    def _on_progress(self, done: int, total: int, _message: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _on_done(self, summary: object) -> None:
        self._show_progress(False)
        if not isinstance(summary, ExportSummary):
            return
        kind = "quote row" if summary.what == "quotes" else "entity row"
        text = (
            f"Exported {number(summary.rows)} {kind}{'s' if summary.rows != 1 else ''} of "
            f"{number(summary.articles)} article{'s' if summary.articles != 1 else ''} to {one_line(summary.path, 120)}"
        )
        if summary.unanalysed:
            text += (
                f" ({number(summary.unanalysed)} not analysed yet and left out: export again "
                "when the folder's analysis is done)"
            )
        self._window.show_status(text)
        self.finished.emit(summary)

    def _on_failed(self, message: str) -> None:
        self._show_progress(False)
        if message != "cancelled":
            self._window.show_status(f"Export failed: {one_line(message, 200)}")
        self.failed.emit(message)


def exporter_of(window: Window) -> Exporter:
    """The window's exporter (made on first use)."""
    found = window.widget().findChild(Exporter, "exporter")
    return found if isinstance(found, Exporter) else Exporter(window)


def shown_ids(window: Window) -> list[int]:
    """The store ids of the rows the list shows (its search applied), in its order."""
    model = window.list_pane.model
    return [i for row in range(model.rowCount()) if (i := model.id_at(row)) is not None]


def open_export_dialog(window: Window) -> ExportDialog | None:
    """Ask what to export, then where, then start it; ``None`` when nothing is open."""
    store = window.store_path()
    if store is None:
        window.show_status("Nothing to export: open a folder with Ctrl+O")
        return None
    model = window.list_pane.model
    current = window.list_pane.current_id()
    dialog = ExportDialog(
        current, model.rowCount(), model.article_count(), model.is_filtered(), window.widget()
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: _choose_file_and_start(window, dialog, store, current))
    dialog.open()
    return dialog


def _choose_file_and_start(window: Window, dialog: ExportDialog, store: str, current: int | None) -> None:
    scope, what, fmt = dialog.scope(), dialog.what(), dialog.format()
    ids: list[int] | None
    if scope == "current":
        ids = [current] if current is not None else []
    elif scope == "shown":
        ids = shown_ids(window)
    else:
        ids = None
    folder = window.settings.last_folder() or os.path.expanduser("~")
    suggested = os.path.join(folder, what + SUFFIXES[fmt])
    path, _chosen = QFileDialog.getSaveFileName(
        window.widget(), f"Export {what}", suggested, f"{_FILTERS[fmt]};;All files (*)"
    )
    window.widget().activateWindow()
    if not path:
        return
    exporter_of(window).start(store, with_suffix(path, fmt), fmt=fmt, what=what, ids=ids)
