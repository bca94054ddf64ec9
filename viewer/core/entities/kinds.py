"""Typing: what kind of thing a name names, from the recogniser's labels and the words around
each mention.

The recogniser's label is a vote; the context of a mention can outweigh it: a name alone inside
quotation marks beside "song" or "sang" is a work's title, a place's name followed by a score in
a table of results is a team's, a name after "in" or "near" is a place. Each surface form is
then typed by weighted vote over its mentions, and the name's own words have the last say
("... Act" is a law).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from viewer.core.entities.cleaning import POSSESSIVE
from viewer.core.lexicon import LAW_HEADS, PLACE_PREPOSITIONS, TIME_ZONES, WORK_WORDS

# In a table of results a place's name followed by its score is a team's or a club's
# ("Denver 5 Austin 3", "Kent 212 and 140 for 6"), not the place.
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_SCORE_AFTER = re.compile(r"\s+\d{1,3}(?![\d.,:/%-])")
# Labels the recogniser gives a title it mistakes for a name.
_TITLE_LABELS = frozenset({"PERSON", "ORG"})
_OPENING_MARKS = "\"“‘'«„"
# A closing mark, after a comma or full stop at most (a name called out, "Bobby!", is a
# person's), and not an apostrophe of a possessive ("Ines Marlow’s campaign").
_CLOSING = re.compile(r"[,.]?[\"”’'»“](?![\w’'])")
_NICKNAME_SIDES = re.compile(r"\s[A-Z]")
_POSSESSIVE_WORD = re.compile(r"^[A-Z][\w.&-]*[’']s$")
# '"X", her best-known song': a work noun within a few words after the title.
_WORK_AFTER = re.compile(r",?\s+(?:(?:a|an|the|her|his|their|its)\s+)?(?P<words>(?:[\w’'-]+\b\s*){1,3})")


def label_in_context(text: str, start: int, end: int, label: str, *, tabular: bool) -> tuple[str, float]:
    """The label of the mention ``text[start:end]`` and its weight in the vote, after the words
    around it: '"Harbour Lights"' after "sang" is a work, "Denver 5" in a table is a team, a
    person's name after "in" is a place."""
    if label in _TITLE_LABELS and _inside_quotation_marks(text, start, end):
        return "WORK_OF_ART", 2.0  # sang "Harbour Lights"
    if tabular and label in _PLACE_LABELS and _SCORE_AFTER.match(text, end):
        return "ORG", 2.0  # "Denver 5 Austin 3"
    if label == "PERSON" and after_place_preposition(text, start, end):
        return "GPE", 1.5  # "owners in Montclair"
    return label, 1.0


def _inside_quotation_marks(text: str, start: int, end: int) -> bool:
    """The name is all that stands inside a pair of quotation marks, and the words beside it
    say it is a work: news quotes the titles of songs, films, books and shows that way
    ('sang "Harbour Lights"', '"Harbour Lights", her best-known song'). A name quoted as a
    word ('wearing "Lee for Mayor" pins', 'he mispronounced "Vell"') is left as it is."""
    if start == 0 or text[start - 1] not in _OPENING_MARKS:
        return False
    if text[start - 1] == "'" and start > 1 and text[start - 2].isalnum():
        return False  # an apostrophe inside a word ("rock'n'Roll"), not a mark
    closing = _CLOSING.match(text, end)
    if closing is None:
        return False
    before = text[: start - 1].split()[-1:]
    nickname = bool(before) and before[0][:1].isupper() and _NICKNAME_SIDES.match(text, closing.end())
    if nickname:
        return False  # Robert "Bobby" Scott: a nickname inside a name
    if before and (before[0].lower().strip(",:") in WORK_WORDS or _POSSESSIVE_WORD.search(before[0])):
        return True  # the song "X", sang "X", CNBC's "X"
    after = _WORK_AFTER.match(text, closing.end())
    return after is not None and any(w.lower() in WORK_WORDS for w in after.group("words").split())


def after_place_preposition(text: str, start: int, end: int) -> bool:
    """True after "in", "near"... and not before a possessive ("in Smith's view")."""
    before = text[max(0, start - 40) : start].split()[-1:]
    return (
        bool(before) and before[0].lower() in PLACE_PREPOSITIONS and not POSSESSIVE.match(text[end : end + 2])
    )


def vote(votes: Iterable[tuple[str, float]]) -> str:
    """The label with the most weight; on a tie, the one seen first."""
    counts: dict[str, float] = {}
    for label, weight in votes:
        counts[label] = counts.get(label, 0.0) + weight
    best = max(counts.values())
    return next(label for label in counts if counts[label] == best)


def kind_of_name(name: str, label: str) -> str:
    """Correct the recogniser where the name's own words tell: "international humanitarian
    law" is a law, "GMT" a time, and a person's name has no digits ("Model 3" is a product)."""
    words = name.split()
    if name in TIME_ZONES:
        return "TIME"  # "10:00 GMT"
    if label in ("PERSON", "ORG", "WORK_OF_ART") and words and words[-1].casefold() in LAW_HEADS:
        return "LAW"
    if label == "PERSON" and any(ch.isdigit() for ch in name):
        return "PRODUCT"
    return label
