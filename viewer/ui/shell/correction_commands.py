"""The commands that correct analysis: on the entity or quote selected in the side panel.

Each asks what to do in a small dialog (keyboard first), hands the correction to the window's
:class:`~viewer.ui.corrections.CorrectionsController` and leaves the rest to it: the store
keeps it, the panel, search and exports show it, Ctrl+Z undoes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from viewer.core.corpus import corrections as fixes
from viewer.core.model import Article
from viewer.ui.corrections import CorrectionsDialog, MergeDialog, NameDialog, SplitDialog, TypeDialog
from viewer.ui.text import one_line, quote_words

if TYPE_CHECKING:
    from viewer.core.model import Entity
    from viewer.ui.shell.window_api import Window

NO_ENTITY = "Select an entity in the panel first (Alt+3, then Tab to the entity list)"


def _entity(window: Window) -> Entity | None:
    entity = window.insights.current_entity()
    if entity is None:
        window.show_article_status(NO_ENTITY)
    return entity


def _ref(entity: Entity) -> fixes.EntityRef:
    return fixes.EntityRef(entity.name, entity.type)


def _finish(window: Window, dialog: QDialog) -> bool:
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    window.widget().activateWindow()
    return accepted


def rename_entity(window: Window) -> None:
    entity = _entity(window)
    if entity is None:
        return
    dialog = NameDialog(
        "Rename Entity",
        f"New name for “{one_line(entity.name, 80)}” in every article of the folder:",
        entity.name,
        entity.variants,
        window.widget(),
    )
    if not _finish(window, dialog):
        return
    name = dialog.name()
    if not name or name == entity.name:
        window.show_article_status("Not renamed: the name is the same")
        return
    window.corrections.add(fixes.Rename(_ref(entity), name))


def merge_entity(window: Window) -> None:
    entity = _entity(window)
    if entity is None:
        return
    analysis = window.insights.analysis()
    others = [e for e in (analysis.entities if analysis else ()) if e != entity]
    dialog = MergeDialog(entity, others, window.widget())
    if not _finish(window, dialog):
        return
    other, name = dialog.other(), dialog.name()
    if other is None or not name or other == _ref(entity):
        window.show_article_status("Not merged: choose another entity and a name")
        return
    kept = other.type if fixes.name_key(name) == fixes.name_key(other.name) else entity.type
    window.corrections.add(fixes.Merge((_ref(entity), other), name, kept))


def split_entity(window: Window) -> None:
    entity = _entity(window)
    if entity is None:
        return
    if len(entity.variants) < 2:
        window.show_article_status(
            f"“{one_line(entity.name, 80)}” is written one way only: nothing to split (rename it with F2)"
        )
        return
    dialog = SplitDialog(entity, window.widget())
    if not _finish(window, dialog):
        return
    variants, name = dialog.variants(), dialog.name()
    if not variants or not name or len(variants) == len(entity.variants):
        window.show_article_status("Not split: check some of the variants, not all, and give a name")
        return
    window.corrections.add(fixes.Split(_ref(entity), variants, name))


def not_entity(window: Window) -> None:
    entity = _entity(window)
    if entity is not None:
        window.corrections.add(fixes.NotEntity(_ref(entity)))


def retype_entity(window: Window) -> None:
    entity = _entity(window)
    if entity is None:
        return
    dialog = TypeDialog(entity, window.widget())
    if not _finish(window, dialog):
        return
    chosen = dialog.chosen()
    if chosen == entity.type:
        window.show_article_status(
            f"Not changed: “{one_line(entity.name, 80)}” is a {fixes.kind_word(chosen)}"
        )
        return
    window.corrections.add(fixes.Retype(_ref(entity), chosen))


def fix_speaker(window: Window) -> None:
    article = window.current_item()
    quote = window.insights.current_quote()
    if not isinstance(article, Article) or quote is None:
        window.show_article_status("Select a quote first (q steps to the next one)")
        return
    analysis = window.insights.analysis()
    people = [
        e.name for e in (analysis.entities if analysis else ()) if e.type in ("PERSON", "PER", "ORG", "NORP")
    ]
    dialog = NameDialog(
        "Fix Speaker",
        f"Who said “{one_line(quote_words(quote, article), 160)}”? (Leave it empty if nobody is named.)",
        quote.speaker or "",
        people,
        window.widget(),
    )
    if not _finish(window, dialog):
        return
    speaker = dialog.name() or None
    if speaker == quote.speaker:
        window.show_article_status("The speaker is the same")
        return
    index = window.insights.current_quote_row()
    window.corrections.add(
        fixes.FixSpeaker(article.path, article.record, index, quote.text, speaker, quote.speaker)
    )


def undo_correction(window: Window) -> None:
    window.corrections.undo()


def redo_correction(window: Window) -> None:
    window.corrections.redo()


def show_corrections(window: Window) -> None:
    # Not modal: it stays open beside the window while corrections are made and undone.
    dialog = window.widget().findChild(CorrectionsDialog)
    if dialog is None:
        dialog = CorrectionsDialog(window.corrections, window.widget())
        # Ctrl+Z and Ctrl+Shift+Z work in the view too: it is a window of its own.
        for name in ("undo-correction", "redo-correction"):
            action = window.widget().findChild(QAction, name)
            if action is not None:
                dialog.addAction(action)
    dialog.refresh()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
