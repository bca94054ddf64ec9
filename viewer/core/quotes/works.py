"""Quoted words that name a work or sit in markup, not words anyone said.

News writing puts the names of shows, films, books, podcasts and songs in quotation marks,
and says what they are with a noun beside them: the podcast "Open Line", "Night Desk" host
Ann Roe. Scraped pages also keep bits of markup whose attribute values are quoted
(``<a href="...">``). Pure character rules, no language model: the noun beside the quoted
words is the evidence, and the quoted words must look like a title (capitalised, short).
"""

from __future__ import annotations

import re

from viewer.core.lexicon import WORK_WORDS, word_set
from viewer.core.quotes.marks import Passage

__all__ = ["beside_work_noun", "headline_before_byline", "in_markup", "looks_like_title", "not_speech"]

# Nouns that say the quoted title before them names a work: "Night Desk" host, "Open Line" star.
# Each is something a work has (a star, a host, an episode). Lower case and right after the
# closing mark only: after a comma ("Welcome back," host Ann Roe said) the noun begins an
# attribution instead.
_WORK_ROLE_AFTER = re.compile(
    r"\s+(?:co-?)?(?:star|stars|host|hosts|anchor|actor|actress|creator|showrunner|cast|episode"
    r"|episodes|producer|producers)\b"
)
# Words that name a kind of work just before its title: the podcast "Open Line" (the lexicon's
# work words, shared with entities, and the kinds of writing a newsletter links to). Words sung
# are voiced like words chanted ('singing "It's Our Time."'): a quote, not a title.
_SUNG = frozenset({"sang", "sing", "sings", "singing"})
_WORK_NOUNS = (WORK_WORDS - _SUNG) | word_set(
    "miniseries newsletter op-ed essay article headline ad advert advertisement video broadcast biography"
)
# A headline, then its writer: "Rates rise again," by Ann Roe. A passive agent after a quoted
# phrase ("anointed" by God) is not a byline, so a headline in sentence case needs its writer
# named with the outlet ("by the Ledger's Ann Roe"); a title-cased one (a book) needs only "by".
_BYLINE = re.compile(r"\s*by\s+(?:the\s+)?[A-Z]")
_OUTLET_BYLINE = re.compile(
    r"\s*by\s+(?:the\s+)?(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*(?:['’]s|s['’])\s+[A-Z]"
)
_HEADLINE_WORDS = 20
_ATTRIBUTE = re.compile(r"[\w-]=\s*$")


# A transcript's note in brackets, all the marks hold: "(CROSSTALK.)", "[inaudible]".
_STAGE_DIRECTION = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])[.,]?\s*")


_WORD = re.compile(r"[^\W_](?:[\w’'\-]*[^\W_])?")
_SMALL_WORDS = word_set("a an the of and in on for to with at or from by")


def looks_like_title(text: str) -> bool:
    """Capitalised words, at most eight, not ending a sentence inside the marks: a title."""
    words = _WORD.findall(text)
    titled = all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words)
    return titled and 0 < len(words) <= 8 and not text.rstrip().endswith(("!", "?"))


def not_speech(text: str, passage: Passage) -> bool:
    """Marks around a markup attribute value or a transcript's bracketed note: nothing said.

    ``text`` is the paragraph the passage opens in.
    """
    span = passage.spans[0]
    if len(passage.spans) == 1 and _STAGE_DIRECTION.fullmatch(text[span.start : span.end]):
        return True
    return in_markup(text, passage)


def in_markup(text: str, passage: Passage) -> bool:
    """The marks enclose an attribute value left from markup: ``tweet-date="May 2"``.

    ``text`` is the paragraph the passage opens in.
    """
    return bool(_ATTRIBUTE.search(text[max(0, passage.open_at - 3) : passage.open_at]))


def beside_work_noun(text: str, passage: Passage) -> bool:
    """A noun beside the marks says they hold a work's name: the podcast "Open Line",
    "Night Desk" host. (Whether the quoted words look like a title is the caller's check.)"""
    quoted = text[passage.spans[0].start : passage.spans[0].end].rstrip()
    after_ok = not quoted.endswith((",", ".", "!", "?", ";", ":"))
    if after_ok and _WORK_ROLE_AFTER.match(text, passage.close_end):
        return True
    before = text[max(0, passage.open_at - 30) : passage.open_at].rstrip().rstrip(",:").split()
    return bool(before) and before[-1].lower() in _WORK_NOUNS


def headline_before_byline(text: str, passage: Passage, *, titled: bool) -> bool:
    """A quoted line ending in a comma, then "by" and its writer: an article's headline or a
    book's title. ``titled``: the quoted words are capitalised like a title."""
    quoted = text[passage.spans[0].start : passage.spans[0].end].rstrip().rstrip("'’")
    if not quoted.endswith(",") or not 0 < len(quoted.split()) <= _HEADLINE_WORDS:
        return False
    byline = _BYLINE if titled else _OUTLET_BYLINE
    return bool(byline.match(text, passage.close_end))
