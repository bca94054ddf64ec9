"""The small records the stages pass along: a part of an article, a cleaned mention, and where
mentions stand (their reading order, the ranges of text they claim)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from viewer.core.corpus.agreement import name_key
from viewer.core.model import Mention, MentionPlace

# OntoNotes labels for things with a name; numbers, dates and amounts are not shown as entities.
KEPT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE"}
)
_PLACE_ORDER: dict[MentionPlace, int] = {"title": 0, "standfirst": 1, "paragraph": 2, "figure": 3}


@dataclass(frozen=True, slots=True)
class TextPart:
    """One piece of an article the recogniser reads on its own, and where it stands.

    ``offset`` is where ``text`` starts inside the article text the mention points into
    (non-zero only for one piece of a photo credit).
    """

    where: MentionPlace
    index: int
    text: str
    field: Literal["caption", "credit"] | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class FoundMention:
    """A cleaned mention: its surface form, a label and its location.

    ``weight`` is how much the label counts in the vote on the entity's type; ``evidence``
    holds the votes of the words around the mention (see :mod:`.evidence`).
    """

    text: str
    label: str
    mention: Mention
    weight: float = 1.0
    evidence: tuple[tuple[str, float], ...] = ()

    @property
    def key(self) -> str:
        return name_key(self.text)


def reading_order(found: FoundMention) -> tuple[int, int, int, int]:
    """Sort key: title, standfirst, paragraphs, then figures; within each, by position."""
    m = found.mention
    return (_PLACE_ORDER[m.where], m.index, 1 if m.field == "credit" else 0, m.start)


TextPlace = tuple[MentionPlace, int, bool]


def text_place(where: MentionPlace, index: int, field: str | None) -> TextPlace:
    """Which text a mention's offsets point into (a figure has a caption and a credit)."""
    return (where, index, field == "credit")


def taken_spans(found: Iterable[FoundMention]) -> dict[TextPlace, list[tuple[int, int]]]:
    """The character ranges already claimed by a mention, per text."""
    taken: dict[TextPlace, list[tuple[int, int]]] = {}
    for f in found:
        m = f.mention
        taken.setdefault(text_place(m.where, m.index, m.field), []).append((m.start, m.end))
    return taken
