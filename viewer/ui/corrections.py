"""Corrections in the window: the one place that writes them to the folder's store, undoes and
redoes them, and has the search index brought up to date off the UI thread; and the dialogs
that ask what to correct (every one usable from the keyboard alone).

What a correction does lives in :mod:`viewer.core.corpus.corrections`; the store keeps
them (:class:`~viewer.core.corpus.store.CorpusStore`) and applies them whenever it hands out
an analysis: the window shows analyses only as the store hands them out (see
:mod:`viewer.ui.shell.analysis`), and never applies a correction itself.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.core.corpus import corrections as fixes
from viewer.core.corpus.store import CorpusStore, StoredCorrection, StoreUnavailable, attach_store
from viewer.core.model import Entity
from viewer.ui.background.workers import BackgroundRunner, Progress
from viewer.ui.focus import return_keyboard_on_hide
from viewer.ui.text import display_date, one_line


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a write did: ``action`` (add, undo, redo) and the correction concerned (None:
    there was nothing to undo or redo)."""

    action: str
    done: StoredCorrection | None


def correct(db_path: str, action: str, argument: object, progress: Progress) -> int:
    """Make (``add``), undo or redo a correction in the store, publish the :class:`Outcome`,
    then index again, as corrected now, the analysed articles naming the names it touches;
    how many were indexed. Runs on a worker thread, with a connection of its own: waiting for
    the store's write lock (another process writing) never holds up the window."""
    store = attach_store(Path(db_path))
    try:
        if action == "add":
            if not isinstance(argument, fixes.Correction):
                raise TypeError(f"not a correction: {argument!r}")
            done: StoredCorrection | None = store.add_correction(argument)
        elif action == "undo":
            done = store.undo_correction(argument if isinstance(argument, int) else None)
        elif action == "redo":
            done = store.redo_correction()
        else:
            done = None  # "catch up": only the indexing left over from last time
        if action != "catch-up":
            progress.publish(Outcome(action, done))
        return store.reindex_stale(progress.report)
    finally:
        store.close()


class CorrectionsController(QObject):
    """Adds, undoes and redoes corrections in the store the window shows. The writes run in
    order on a worker thread of their own; :attr:`changed` says when each is done."""

    #: A correction was made, undone or redone (or could not be): what happened, in words.
    changed = Signal(str)
    #: The search index caught up with the corrections.
    reindexed = Signal()

    def __init__(self, store_path: Callable[[], str | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store_path = store_path
        self._store: CorpusStore | None = None
        self.runner = BackgroundRunner(1, self)
        self._pending = 0

    def _reader(self) -> CorpusStore | None:
        """A read-only connection to the store shown now (opened again when it changes)."""
        path = self._store_path()
        if self._store is not None and (path is None or str(self._store.path) != path):
            self._store.close()
            self._store = None
        if self._store is None and path is not None:
            with contextlib.suppress(StoreUnavailable):
                self._store = attach_store(Path(path), read_only=True)
            with contextlib.suppress(sqlite3.Error):
                if self._store is not None and self._store.has_stale_index():
                    # The indexing after a correction was cut short (the window closed).
                    self._start("catch-up", None)
        return self._store

    def close(self) -> None:
        self.runner.shutdown(2000)
        if self._store is not None:
            self._store.close()
            self._store = None

    # reading ----------------------------------------------------------------------------
    def listing(self) -> list[StoredCorrection]:
        store = self._reader()
        try:
            return store.corrections() if store is not None else []
        except sqlite3.Error:
            return []

    def is_busy(self) -> bool:
        """A correction is being written, or the search index brought up to date."""
        return self._pending > 0

    # writing ----------------------------------------------------------------------------
    def add(self, correction: fixes.Correction) -> None:
        self._start("add", correction)

    def undo(self, seq: int | None = None) -> None:
        """Undo correction ``seq`` (None: the last one made)."""
        if self._pending == 0 and not any(c.active for c in self.listing()):
            self.changed.emit("Nothing to undo")  # said at once: nothing to wait for
            return
        self._start("undo", seq)

    def redo(self) -> None:
        if self._pending == 0 and all(c.active for c in self.listing()):
            self.changed.emit("Nothing to redo")
            return
        self._start("redo", None)

    def _start(self, action: str, argument: object) -> None:
        path = self._store_path()
        if path is None:
            self.changed.emit("No folder is open: nothing to correct")
            return
        self._pending += 1
        task = self.runner.start(f"correction-{action}", correct, path, action, argument)
        task.partial.connect(self._on_outcome)
        task.failed.connect(
            lambda message: self.changed.emit(f"The correction failed: {one_line(message, 200)}")
        )
        task.ended.connect(self._on_ended)

    def _on_outcome(self, outcome: object) -> None:
        if not isinstance(outcome, Outcome):
            return
        done = outcome.done
        if done is None:
            self.changed.emit(f"Nothing to {outcome.action}")
        elif outcome.action == "add":
            self.changed.emit(f"{done.correction.describe()} (Ctrl+Z undoes it)")
        else:
            said = "Undone" if outcome.action == "undo" else "Redone"
            self.changed.emit(f"{said}: {done.correction.describe()}")

    def _on_ended(self) -> None:
        self._pending = max(0, self._pending - 1)
        if self._pending == 0:
            self.reindexed.emit()


# dialogs ------------------------------------------------------------------------------------


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _editable_box(dialog: QDialog, accessible_name: str) -> QComboBox:
    """A combo box to type a name in or pick one; Enter accepts the dialog (an editable combo
    box keeps Enter to itself when the text is one of its items)."""
    box = QComboBox(dialog)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.setAccessibleName(accessible_name)
    line = box.lineEdit()
    if line is not None:
        line.returnPressed.connect(dialog.accept)
    return box


#: A correction dialog is at least this many average characters wide: room for a long name
#: in its fields, and its question on a line or two.
DIALOG_CHARS = 60


def _wide_enough(dialog: QDialog) -> None:
    dialog.setMinimumWidth(dialog.fontMetrics().averageCharWidth() * DIALOG_CHARS)


def _label(text: str, parent: QWidget, buddy: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if buddy is not None:
        label.setBuddy(buddy)
    return label


class NameDialog(QDialog):
    """One name to type, with names to pick from: renaming an entity, fixing a speaker."""

    def __init__(
        self, title: str, prompt: str, current: str, choices: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("correctionNameDialog")
        _wide_enough(self)
        self.setWindowTitle(title)
        self.name_box = _editable_box(self, "Name")
        self.name_box.addItems(list(dict.fromkeys(c for c in choices if c)))
        self.name_box.setEditText(current)
        self.name_box.setAccessibleDescription(prompt)
        layout = QVBoxLayout(self)
        layout.addWidget(_label(prompt, self, self.name_box))
        layout.addWidget(self.name_box)
        layout.addWidget(_buttons(self, "&Correct"))
        line = self.name_box.lineEdit()
        if line is not None:
            line.selectAll()
        self.name_box.setFocus()

    def name(self) -> str:
        return " ".join(self.name_box.currentText().split())


class MergeDialog(QDialog):
    """Merge the selected entity with another: which one, and what the merged one is called."""

    def __init__(self, entity: Entity, others: Sequence[Entity], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        _wide_enough(self)
        self.setWindowTitle("Merge Entities")
        self._entity = entity
        self._others = list(others)
        self.other_box = _editable_box(self, "Entity to merge with")
        for other in self._others:
            self.other_box.addItem(f"{other.name} ({fixes.kind_word(other.type)})", other.name)
        self.other_box.setAccessibleDescription("Pick one of the article's entities, or type a name")
        self.name_box = _editable_box(self, "Name of the merged entity")
        form = QFormLayout()
        form.addRow(
            _label(f"Merge “{one_line(entity.name, 80)}” &with:", self, self.other_box), self.other_box
        )
        form.addRow(_label("&Call it:", self, self.name_box), self.name_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "&Merge"))
        self.other_box.currentTextChanged.connect(lambda _t: self._offer_names())
        self._offer_names()
        self.other_box.setFocus()

    def _other_name(self) -> str:
        index = self.other_box.currentIndex()
        text = " ".join(self.other_box.currentText().split())
        if 0 <= index < len(self._others) and text == self.other_box.itemText(index):
            return self._others[index].name
        return text

    def other(self) -> fixes.EntityRef | None:
        """The entity to merge with: one of the article's, or a name typed (same type)."""
        name = self._other_name()
        if not name:
            return None
        for other in self._others:
            if fixes.name_key(other.name) == fixes.name_key(name):
                return fixes.EntityRef(other.name, other.type)
        return fixes.EntityRef(name, self._entity.type)

    def _offer_names(self) -> None:
        other = self._other_name()
        # The fuller name first: "Joe Biden" rather than "Biden".
        names = sorted({self._entity.name, other} - {""}, key=lambda n: (-len(n.split()), -len(n)))
        self.name_box.clear()
        self.name_box.addItems(names)

    def name(self) -> str:
        return " ".join(self.name_box.currentText().split())


#: The types a user can give an entity, in the order offered (a spaCy label each).
ENTITY_TYPES = ("PERSON", "ORG", "PRODUCT", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "LAW")


class TypeDialog(QDialog):
    """What an entity is (a person, an organisation, a place ...), in every article of the folder."""

    def __init__(self, entity: Entity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("typeDialog")
        _wide_enough(self)
        self.setWindowTitle("Change Entity Type")
        self.type_box = QComboBox(self)
        self.type_box.setAccessibleName("Type")
        for label in ENTITY_TYPES:
            self.type_box.addItem(f"{fixes.kind_word(label).capitalize()} ({label})", label)
        self.type_box.setCurrentIndex(max(0, self.type_box.findData(entity.type)))
        layout = QVBoxLayout(self)
        layout.addWidget(
            _label(
                f"“{one_line(entity.name, 80)}” is a (in every article of the folder, whatever the "
                "articles say):",
                self,
                self.type_box,
            )
        )
        layout.addWidget(self.type_box)
        layout.addWidget(_buttons(self, "&Change"))
        self.type_box.setFocus()

    def chosen(self) -> str:
        return str(self.type_box.currentData())


class SplitDialog(QDialog):
    """Split variants out of an entity: which ones (checked), and the new entity's name."""

    def __init__(self, entity: Entity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("splitDialog")
        _wide_enough(self)
        self.setWindowTitle("Split Entity")
        self.variant_list = QListWidget(self)
        self.variant_list.setAccessibleName("Variants to move to a new entity")
        self.variant_list.setAccessibleDescription("Space checks or unchecks a variant")
        for variant in entity.variants:
            item = QListWidgetItem(variant)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.variant_list.addItem(item)
        if self.variant_list.count():
            self.variant_list.setCurrentRow(0)
        self.name_edit = _editable_box(self, "Name of the new entity")
        self.variant_list.itemChanged.connect(lambda _i: self._offer_name())
        layout = QVBoxLayout(self)
        layout.addWidget(
            _label(
                f"The mentions of “{one_line(entity.name, 80)}” written as the &checked variants "
                "name someone else:",
                self,
                self.variant_list,
            )
        )
        layout.addWidget(self.variant_list)
        layout.addWidget(_label("&New entity's name:", self, self.name_edit))
        layout.addWidget(self.name_edit)
        layout.addWidget(_buttons(self, "&Split"))
        self.variant_list.setFocus()

    def variants(self) -> tuple[str, ...]:
        items = (self.variant_list.item(n) for n in range(self.variant_list.count()))
        return tuple(i.text() for i in items if i is not None and i.checkState() == Qt.CheckState.Checked)

    def _offer_name(self) -> None:
        chosen = self.variants()
        if chosen and not self.name_edit.currentText().strip():
            self.name_edit.setEditText(chosen[0])

    def name(self) -> str:
        return " ".join(self.name_edit.currentText().split())


class CorrectionsDialog(QDialog):
    """Every correction that holds, newest first, each with what it does; one can be undone."""

    def __init__(self, controller: CorrectionsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correctionsDialog")
        self.setWindowTitle("Corrections")
        return_keyboard_on_hide(self)
        self.resize(560, 360)
        self._controller = controller
        self.list = QListWidget(self)
        self.list.setAccessibleName("Corrections")
        self.list.setAccessibleDescription(
            "The folder's corrections, newest first; Delete or the button undoes the selected one"
        )
        self.list.setWordWrap(True)
        # Each correction is two lines: alternate shades tell where one ends.
        self.list.setAlternatingRowColors(True)
        self.empty = _label("No corrections in this folder yet.", self)
        self.undo_button = QPushButton("&Undo This One", self)
        self.undo_button.clicked.connect(self.undo_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        close.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _label(
                "Corrections hold for every article of the folder, its search and its exports. "
                "Delete undoes the selected one, Ctrl+Z the newest; Ctrl+Shift+Z brings back the "
                "last one undone.",
                self,
            )
        )
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(close)
        self.list.installEventFilter(self)
        controller.changed.connect(lambda _m: self.refresh())
        self.refresh()
        self.list.setFocus()

    def refresh(self) -> None:
        row = max(0, self.list.currentRow())
        self.list.clear()
        for stored in reversed([c for c in self._controller.listing() if c.active]):
            when = display_date(stored.created[:16]) or stored.created
            item = QListWidgetItem(f"{stored.correction.describe()}\nmade {when}")
            item.setData(Qt.ItemDataRole.UserRole, stored.seq)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{stored.correction.describe()}, made {when}")
            self.list.addItem(item)
        count = self.list.count()
        self.empty.setVisible(count == 0)
        self.undo_button.setEnabled(count > 0)
        if count:
            self.list.setCurrentRow(min(row, count - 1))

    def undo_selected(self) -> None:
        item = self.list.currentItem()
        seq = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if isinstance(seq, int):
            self._controller.undo(seq)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Delete (or Backspace) in the list undoes the selected correction; the key is the
        list's here, never the main window's "Not an Entity"."""
        is_delete = (
            watched is self.list
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and not event.modifiers()
        )
        if is_delete and event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        if is_delete and event.type() == QEvent.Type.KeyPress:
            self.undo_selected()
            return True
        return False
