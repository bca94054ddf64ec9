"""Dates, times, sums of money, percentages and other numbers an article states.

The named-entity analysis keeps names only (people, organisations, places); the side panel
shows these on request ("Show dates and numbers"). They are found by spelling rules, not by
the language model: they are written in a few regular ways, and the rules need no model.
Each distinct wording is one :class:`~viewer.core.model.Entity` whose mentions point into the
article's parts, as the named entities' do, so the reader can highlight them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from viewer.core.model import Article, Entity, Mention, MentionPlace

__all__ = ["AMOUNT_LABELS", "find_amounts"]

#: The labels given, as in OntoNotes (what spaCy would call them).
AMOUNT_LABELS = ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL")

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion|bn|m|k)\b)?"
_CURRENCY_WORDS = (
    r"(?:dollars?|euros?|pounds?|pence|cents?|yen|yuan|rupees?|roubles?|rubles?|hryvnias?|francs?)"
)

#: Tried in this order; a later kind never takes text an earlier one found.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "MONEY",
        re.compile(
            rf"(?:[$€£¥₹₽₴]|\b(?:US\$|USD|EUR|GBP|CHF|JPY)\s?)(?:{_NUMBER}){_SCALE}"
            rf"|\b(?:{_NUMBER}){_SCALE}\s{_CURRENCY_WORDS}\b"
        ),
    ),
    ("PERCENT", re.compile(rf"\b(?:{_NUMBER})\s?(?:%|per\s?cent\b|percent\b)")),
    (
        "DATE",
        re.compile(
            rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b"
            rf"|\b(?:{_DAY},?\s)?\d{{1,2}}(?:st|nd|rd|th)?\s{_MONTH}(?:,?\s\d{{4}})?(?![\w])"
            rf"|\b(?:{_DAY},?\s)?{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?\b"
            rf"|\b{_MONTH}\s\d{{4}}\b"
            rf"|\b{_DAY}\b"
            r"|\b(?:in|since|until|by|from|of)\s(?:1[89]\d\d|20\d\d)\b"
        ),
    ),
    (
        "TIME",
        re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.m\.|[ap]m\b)|\b(?:[01]?\d|2[0-3]):[0-5]\d\b"),
    ),
    ("CARDINAL", re.compile(rf"(?<![\w.,]){_NUMBER}{_SCALE}(?![\w])")),
)
_YEAR_CONTEXT = re.compile(r"^(?:in|since|until|by|from|of)\s", re.IGNORECASE)


def _parts(article: Article) -> Iterator[tuple[MentionPlace, int, str | None, str]]:
    """(where, index, field, text) for each part of the article a mention can point into."""
    yield "title", 0, None, article.title
    if article.standfirst:
        yield "standfirst", 0, None, article.standfirst
    for number, paragraph in enumerate(article.paragraphs):
        yield "paragraph", number, None, paragraph
    for number, figure in enumerate(article.figures):
        yield "figure", number, "caption", figure.caption


def _find_in(text: str) -> Iterator[tuple[str, int, int]]:
    taken: list[tuple[int, int]] = []
    for label, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if label == "DATE" and (context := _YEAR_CONTEXT.match(match.group())):
                start += context.end()  # "in 2019": the year alone
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            yield label, start, end


def find_amounts(article: Article, max_chars: int = 400_000) -> tuple[Entity, ...]:
    """Every date, time, sum, percentage and number in the article (its first ``max_chars``
    characters of body text), one entity per wording, most mentioned first."""
    found: dict[tuple[str, str], list[Mention]] = {}
    budget = max_chars
    for where, index, field, whole in _parts(article):
        text = whole
        if where == "paragraph":
            if budget <= 0:
                break
            text = whole[:budget]
            budget -= len(text)
        for label, start, end in _find_in(text):
            wording = " ".join(text[start:end].split())
            mention = Mention(where, index, start, end, "caption" if field == "caption" else None)
            found.setdefault((label, wording), []).append(mention)
    entities = [
        Entity(wording, label, (wording,), tuple(mentions)) for (label, wording), mentions in found.items()
    ]
    entities.sort(key=lambda e: (-e.count, AMOUNT_LABELS.index(e.type), e.name.casefold()))
    return tuple(entities)
