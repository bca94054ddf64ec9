"""Cleaning what the recogniser found: one span at a time, then the article's false capitals.

A span loses leading articles ("the"), forms of address before a person's name, roles and
possessives; numbers are cut from names in tables; a span running over a sentence end is cut
there; fragments, phrases and words that are not names are dropped. Across the article, a
sentence-initial word the article also writes in lower case is a common word, not a name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from viewer.core.corpus.agreement import name_key
from viewer.core.entities.records import KEPT_LABELS, FoundMention, TextPart
from viewer.core.lexicon import (
    ADDRESS_FORMS,
    NAME_PARTICLES,
    NAME_TITLES,
    PAGE_WORDS,
    ROLE_NOUNS,
    STOP_ABBREVIATIONS,
    glued_words,
    headline_cue,
)
from viewer.core.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_LEADING_WORDS = frozenset({"the", "a", "an"})
# Small words that join a name to what follows it and never end one ("Juan Marsh of" is the
# recogniser stopping short of "of Oakland").
_TRAILING_WORDS = frozenset({"of", "and", "from", "in", "at", "for", "on", "to", "with", "by", "the"})
# Possessive words that open a phrase, never a person's name ("My Name's Not George").
_POSSESSIVE_DETERMINERS = frozenset({"my", "our", "your", "his", "her", "their", "its"})
_INNER_POSSESSIVE = re.compile(r"['’]s?\s+(?=\w)")
_ROLE_OF = re.compile(
    r"(?:(?:vice|deputy|chief|former|acting)[\s-]+)?(?:founder|co-founder|president|chairman|chairwoman|chair"
    r"|ceo|director|head|secretary|minister|governor|mayor|member|professor|spokesman|spokeswoman"
    r"|spokesperson|editor|leader|executive|manager|dean)\s+(?:of|at)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_COMMA_NAME = re.compile(r",\s+(?P<next>[A-Z][\w.]*)")
# Words that may follow a comma inside a name: a company's form, a generation.
_AFTER_COMMA = frozenset(
    {"inc", "ltd", "llc", "plc", "co", "corp", "jr", "sr", "ii", "iii", "iv", "lp", "llp"}
)
_EDGE_PUNCT = "\"'“”‘’«»„`´()[]{}<>.,;:!?-–—/\\|*#@&"
POSSESSIVE = re.compile(r"['’]s?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“”'‘’\n(\[–—-])\s*$")
_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?")
_NUMBER = re.compile(r"[-+]?\d[\d.,:/-]*")
_DIGIT_RUN = re.compile(r"\d+")
_WORDY_CHUNK = re.compile(r"[^\W_]\S*")
_NUMBERLESS_LABELS = frozenset({"PERSON", "GPE", "LOC", "NORP"})


def _trailing_word(tokens: list[Token]) -> bool:
    """The last token is a word of its own that only joins ("of"), not the end of a hyphened
    name ("Moon Jae-in")."""
    return len(tokens) > 1 and tokens[-1].text in _TRAILING_WORDS and bool(tokens[-2].whitespace_)


def _is_edge_junk(token_text: str) -> bool:
    return all(c in _EDGE_PUNCT for c in token_text) or POSSESSIVE.fullmatch(token_text) is not None


def clean_entity(
    span: Span, original: str | None = None, *, tabular: bool | None = None
) -> tuple[int, int, str, str] | None:
    """Offsets, text and label of a recognised span after cleaning, or ``None`` to drop it.

    Strips leading articles ("the"), forms of address before a person's name (a name after
    "Mr", "Ms", "Dr" is a person's, whatever the model said), possessive
    endings ("Kyiv's" -> "Kyiv") and stray punctuation; drops spans that are not names
    ("pro-Ukraine", a lone "Image", bare numbers). ``original`` is the text the offsets point
    into when the model read a re-cased copy of it; ``tabular`` says whether the document is
    a table of numbers (worked out from the document when not given).
    """
    label = span.label_
    if label not in KEPT_LABELS:
        return None
    # Numbers are never part of a person's or a place's name, nor of any name in a table of
    # results ("Somerset 83", "Seoul 1996-08-30"); "Channel 4" in running text keeps its 4.
    if tabular is None:
        tabular = is_tabular(span.doc)
    strip_numbers = label in _NUMBERLESS_LABELS or tabular

    def junk(text: str) -> bool:
        return _is_edge_junk(text) or (strip_numbers and _NUMBER.fullmatch(text) is not None)

    tokens = list(span)
    if label == "PERSON" and tokens[0].text.lower() in _POSSESSIVE_DETERMINERS:
        return None  # a title or a phrase ("My Name's Not George"), not a person
    if len(tokens) > 1 and tokens[0].text.lower() in ADDRESS_FORMS and tokens[1].text[:1].isupper():
        label = "PERSON"
    while tokens and (
        tokens[0].text.lower() in _LEADING_WORDS
        or junk(tokens[0].text)
        or (
            label == "PERSON"
            and len(tokens) > 1
            and (tokens[0].text.lower() in NAME_TITLES or tokens[0].text.lower() in ADDRESS_FORMS)
        )
        or (label == "PERSON" and len(tokens) > 2 and _is_role_word(tokens[0].text))
        or (
            label == "PERSON"
            and len(tokens) > 2
            and _participle_before_address(tokens[0].text, tokens[1].text)
        )
    ):
        tokens.pop(0)
    tokens = _before_headline_cue(tokens, label)
    # A person's name never ends on "of"; an organisation's goes on through it ("the Office
    # of the Deputy Prime Minister"), and cutting it would hide where the recogniser stopped.
    while tokens and (junk(tokens[-1].text) or (label == "PERSON" and _trailing_word(tokens))):
        tokens.pop()
    if not tokens:
        return None
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    source = original if original is not None else span.doc.text
    text = source[start:end]
    # A span running over a full stop into the next sentence ("Jay-Z. Soul") ends there, and a
    # person's full name ends before a possessive ("Jeff Bezos's Blue Origin"); one word and its
    # "'s" opening a name are part of it ("Brodie's Hill", "Land's End").
    cut = _sentence_break(text)
    owner = _INNER_POSSESSIVE.search(text) if label == "PERSON" else None
    if owner is not None and " " not in text[: owner.start()].strip():
        owner = None
    if owner is not None:
        cut = owner.start() if cut is None else min(cut, owner.start())
    # A person's or an organisation's name does not run over a comma into another name ("the
    # World Trade Center, Lind"), but keeps its legal form or generation ("Acme, Inc.").
    comma = _COMMA_NAME.search(text) if label in ("PERSON", "ORG") else None
    if comma is not None and comma.group("next").casefold().rstrip(".") not in _AFTER_COMMA:
        cut = comma.start() if cut is None else min(cut, comma.start())
    if cut is not None:
        text, end = text[:cut], start + cut
    # A role before an organisation ("Founder of Ceres Robotics") is not part of its name.
    role = _ROLE_OF.match(text) if label != "PERSON" else None
    if role is not None and len(text[role.end() :].split()) >= 2:
        text, start = text[role.end() :], start + role.end()
    # Possessives glued to the word ("Kyiv's" as one token) and edge punctuation.
    stripped = POSSESSIVE.sub("", text) if len(text) > 3 else text
    end -= len(text) - len(stripped)
    text = stripped
    while text and text[-1] in _EDGE_PUNCT and not _ends_abbreviation(text):
        text, end = text[:-1], end - 1
    while text and text[0] in _EDGE_PUNCT:
        text, start = text[1:], start + 1
    if any(w[0].islower() and w.lower() not in NAME_PARTICLES for w in text.split()[1:]):
        return None  # two names run together ("Yorkshire at Headingley") or a phrase
    return (start, end, text, label) if looks_like_name(text) else None


def _before_headline_cue(tokens: list[Token], label: str) -> list[Token]:
    """A person's name ends before a headline's verb of saying: "Obama Says African-American
    Museum ...", "Dennis Prager Tells ..." name Obama and Dennis Prager."""
    if label != "PERSON":
        return tokens
    cue = next((k for k, t in enumerate(tokens) if k and headline_cue(t.text)), None)
    return tokens if cue is None else tokens[:cue]


def _participle_before_address(word: str, after: str) -> bool:
    """ "Describing Mr Jackson as ...": a clause's verb before a form of address or a title."""
    return (
        word.endswith("ing")
        and word[:1].isupper()
        and (after.lower() in ADDRESS_FORMS or after.lower() in NAME_TITLES)
    )


def _is_role_word(word: str) -> bool:
    """A capitalised occupation or role opening a person's name ("Headliner Rosa Quint",
    "Guitarist Ana Dorn"): news writes it before the name, and it is not part of it."""
    lowered = word.lower()
    return word[:1].isupper() and (lowered in ROLE_NOUNS or (len(lowered) >= 7 and lowered.endswith("ist")))


def _sentence_break(text: str) -> int | None:
    """Where a full stop inside ``text`` ends a sentence: not after an initial ("J. Smith"),
    a dotted abbreviation ("U.S. Army") or a short title ("Dr. Lee", "St. Louis")."""
    for match in re.finditer(r"(\S+)\.\s+(?=\S)", text):
        word = match.group(1)
        if len(word) == 1 or "." in word or word.lower() in STOP_ABBREVIATIONS:
            continue
        return match.start() + len(word)
    return None


def is_tabular(doc: Doc, text: str | None = None) -> bool:
    """Text that is mostly numbers: a table of scores or prices, not running prose.

    ``text``: the document's text, or a copy of it differing only in case (spaCy builds
    ``doc.text`` anew, token by token, each time it is asked for)."""
    if text is None:
        text = doc.text
    # Cheap bound first: every number is a run of digits of its own, and every chunk of text
    # between spaces with a letter or a digit in it holds at least one word.
    runs = len(_DIGIT_RUN.findall(text))
    if runs < 2 or runs < 0.25 * len(_WORDY_CHUNK.findall(text)):
        return False
    words = [t.text for t in doc if any(c.isalnum() for c in t.text)]
    numbers = sum(1 for w in words if _NUMBER.fullmatch(w))
    return numbers >= 2 and numbers / len(words) >= 0.25


def _ends_abbreviation(text: str) -> bool:
    """Abbreviations such as "U.S." and "Corp." keep their final full stop."""
    return text.endswith(".") and bool(re.search(r"(?:\b[A-Z]\.[A-Z]\.|\b[A-Z][a-z]{1,3}\.)$", text))


def looks_like_name(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or "\n" in text:
        return False
    first = next(i for i, c in enumerate(text) if c.isalpha())
    if text[first].islower() and not (first + 1 < len(text) and text[first + 1].isupper()):
        return False  # "pro-Ukraine", "foreign legion": names start with a capital ("eBay" aside)
    if text.count("(") != text.count(")") or text.count('"') % 2:
        return False
    if any(glued_words(w) for w in text.split()):
        return False  # a page's buttons run into the names beside them
    return name_key(text) not in PAGE_WORDS


def sentence_initial(text: str, start: int) -> bool:
    return _SENTENCE_END.search(text[:start]) is not None


def lowercase_words(parts: Sequence[TextPart]) -> set[str]:
    return {w for p in parts for w in _WORD.findall(p.text) if w.islower()}


def _in_prose(word: str, text: str) -> bool:
    """``word`` stands in ``text`` as a word of prose, not inside an address ("@rogers", "x.com")."""
    return re.search(rf"(?:^|\s){re.escape(word)}(?=[\s,;:.!?)]|$)", text) is not None


def drop_capitalised_common_words(found: list[FoundMention], parts: Sequence[TextPart]) -> list[FoundMention]:
    """A sentence-initial word the article also writes in lower case is a common word
    capitalised by position: alone it is not a name ("Image posted by ..."), and before a
    person's full name it is not part of it ("Headliner Rosa Quint"). A lone word taken for a
    person's name anywhere is a common word too when the article also writes it in lower case
    and no person's full name has it."""
    lower = lowercase_words(parts)
    texts: dict[tuple[str, int, str], TextPart] = {(p.where, p.index, p.field or "caption"): p for p in parts}
    # Words of people's full names: a surname the article also writes in lower case ("Lee
    # Baker" ... "the baker") is still the surname.
    name_words = {
        w.casefold() for f in found if f.label == "PERSON" and " " in f.text for w in f.text.split()
    }
    # ... and the first word of any longer name is its short form ("Rogers" of "Rogers Media").
    name_words |= {f.text.split()[0].casefold() for f in found if " " in f.text}
    prose = " ".join(p.text for p in parts if p.field != "credit")
    # Surnames of the people named in full: "Top Lind" at a headline's start, in an article
    # naming Mara Lind, is Lind. Only a name never written inside a sentence: "Will
    # Smith" or "Mark Jones" elsewhere keeps its first name.
    surnames = {f.text.split()[-1].casefold(): f.text for f in found if f.label == "PERSON" and " " in f.text}
    opens = [_opens_sentence(f, texts) for f in found]
    inside = {f.text for f, initial in zip(found, opens, strict=True) if not initial}
    kept = []
    for original, initial in zip(found, opens, strict=True):
        f, m = original, original.mention
        first = f.text.split()[0]
        lone_common = first == f.text and first.casefold() in lower and first.casefold() not in name_words
        if f.label == "PERSON" and lone_common and m.field != "credit" and _in_prose(first.casefold(), prose):
            continue  # "Stroke" of a charity's name where the article writes "stroke"
        common = m.field != "credit" and first.lower() in lower and "-" not in first
        if common and initial:
            if first == f.text:
                continue
            rest = f.text[len(first) :].lstrip()
            if f.label == "PERSON" and (
                len(rest.split()) >= 2
                or (f.text not in inside and surnames.get(rest.casefold(), f.text) != f.text)
            ):
                start = m.end - len(rest)
                f = FoundMention(
                    rest, f.label, Mention(m.where, m.index, start, m.end, m.field), f.weight, f.evidence
                )
        kept.append(f)
    return kept


def _opens_sentence(f: FoundMention, texts: Mapping[tuple[str, int, str], TextPart]) -> bool:
    m = f.mention
    part = texts.get((m.where, m.index, m.field or "caption"))
    return part is not None and sentence_initial(part.text, m.start - part.offset)
