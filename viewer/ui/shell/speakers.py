"""p: the speaker page of whoever the user is looking at.

Whom: the entity selected in the side panel when the keyboard is there, the speaker of the
selected quote when the quote list has it, else the name of a ``speaker:`` (or ``entity:``)
search, else the selected quote's speaker, else the selected entity. A name that the current
article's analysis knows as an entity brings that entity's type and variants along.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from viewer.core.corpus.speakers import Speaker, name_key
from viewer.core.model import AnalysedArticle, Quote
from viewer.ui.panes.speaker_page import SpeakerPage
from viewer.ui.text import one_line

if TYPE_CHECKING:
    from viewer.ui.shell.window_api import Window

#: Entity kinds a speaker page is for (people, organisations, groups and places that speak).
SPEAKING = frozenset({"PERSON", "PER", "ORG", "NORP", "GPE", "LOC"})


def speaker_named(name: str, analysis: AnalysedArticle | None) -> Speaker:
    """The speaker of this name, with the type and variants of the article's entity that
    has the name among its forms (a person or organisation first)."""
    key = name_key(name)
    entities = analysis.entities if analysis is not None else ()
    found = [
        e for e in entities if e.type in SPEAKING and key in {name_key(v) for v in (e.name, *e.variants)}
    ]
    found.sort(key=lambda e: (e.type not in ("PERSON", "PER", "ORG"), -e.count))
    return Speaker.of_entity(found[0]) if found else Speaker(name)


def _of_quote(quote: Quote | None, analysis: AnalysedArticle | None) -> Speaker | None:
    if quote is None or not quote.speaker:
        return None
    return speaker_named(quote.speaker, analysis)


def speaker_for(window: Window) -> Speaker | None:
    """Whom the page is for, from where the user is (see the module's order); None: nobody."""
    panel = window.insights
    focus = QApplication.focusWidget()
    entity, quote, analysis = panel.current_entity(), panel.current_quote(), panel.analysis()
    if entity is not None and focus is panel.entity_view:
        return Speaker.of_entity(entity)
    if focus is panel.quote_view and (speaker := _of_quote(quote, analysis)) is not None:
        return speaker
    query = window.list_pane.model.query()
    for field in ("speaker", "entity"):
        terms = [t for t in query.terms if t.field == field] if query is not None else []
        if terms:
            return speaker_named(" ".join(terms[0].words), analysis)
    if (speaker := _of_quote(quote, analysis)) is not None:
        return speaker
    return Speaker.of_entity(entity) if entity is not None else None


def open_speaker_page(window: Window) -> SpeakerPage | None:
    """Show the page of :func:`speaker_for`'s speaker (one page, reused); None when there is
    nobody to show or no folder is open."""
    speaker = speaker_for(window)
    if speaker is None:
        window.show_status(
            "No speaker: select an entity or a quote in the side panel, or search speaker:NAME"
        )
        return None
    db_path = window.store_path()
    if db_path is None:
        window.show_status("Open a folder first (Ctrl+O)")
        return None
    parent = window.widget()
    page = parent.findChild(SpeakerPage)
    if page is None:
        page = SpeakerPage(parent)
        page.quote_chosen.connect(window.open_quote)
    page.show_for(db_path, speaker)
    page.show()
    page.raise_()
    page.activateWindow()
    window.show_status(f"Speaker page: {one_line(speaker.name, 80)}")
    return page
