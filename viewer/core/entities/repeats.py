"""Names found again by their spelling where the recogniser missed them.

A name the model recognised once in the article is located wherever else it stands alone (a
surname of a person named in full even opening a sentence); in text written in capitals, which
the model reads poorly, only what the rest of the article confirms is kept, together with every
known name found there by its spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from viewer.core.corpus.agreement import name_key
from viewer.core.entities.cleaning import lowercase_words, sentence_initial
from viewer.core.entities.evidence import mention_evidence
from viewer.core.entities.kinds import after_place_preposition
from viewer.core.entities.records import FoundMention, TextPart, taken_spans, text_place
from viewer.core.lexicon import CALENDAR_WORDS
from viewer.core.model import Mention


def surface_pattern(surfaces: Iterable[str], flags: int = 0) -> re.Pattern[str] | None:
    """One expression matching any of ``surfaces`` as whole words, longest first."""
    ordered = sorted(set(surfaces), key=len, reverse=True)
    if not ordered:
        return None
    alternatives = "|".join(re.escape(s) for s in ordered)
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w-])", flags)


def surface_spans(text: str, surfaces: Sequence[str]) -> list[tuple[int, int]]:
    """Where ``surfaces`` stand in ``text`` as whole words: what ``surface_pattern(surfaces)``
    finds (left to right, the longest at each place, never overlapping), without compiling an
    expression for each article's names."""
    longest: dict[int, int] = {}
    size = len(text)
    for surface in surfaces:
        n = len(surface)
        if not n:
            continue
        a = text.find(surface)
        while a >= 0:
            b = a + n
            alone = (a == 0 or not _joins_before(text[a - 1])) and (b == size or not _joins_after(text[b]))
            if alone and longest.get(a, 0) < n:
                longest[a] = n
            a = text.find(surface, a + 1)
    out: list[tuple[int, int]] = []
    end = 0
    for a in sorted(longest):
        if a >= end:
            end = a + longest[a]
            out.append((a, end))
    return out


def _joins_before(char: str) -> bool:
    """``char`` before a surface makes it part of a longer word (``(?<![\\w'’-])``)."""
    return char.isalnum() or char in "_'’-"


def _joins_after(char: str) -> bool:
    """``char`` after a surface makes it part of a longer word (``(?![\\w-])``)."""
    return char.isalnum() or char in "_-"


def unrecognised_repeats(found: Sequence[FoundMention], parts: Sequence[TextPart]) -> list[FoundMention]:
    """Mentions of names the model recognised elsewhere in the article but missed here.

    Only exact spellings standing alone (not inside a longer capitalised name, not at the start
    of a sentence, not a month or weekday) count. Such a mention takes the name's label, except
    after a preposition of place ("in Kyiv"), which is strong evidence for a place.
    """
    by_text: dict[str, FoundMention] = {}
    for f in found:
        if f.mention.field != "credit" and f.text[:1].isupper() and f.key not in CALENDAR_WORDS:
            by_text.setdefault(f.text, f)
    # The surname of a person named in full, even opening a sentence ("Holt said ..."): it is
    # that person unless the article also uses the word in lower case ("... a holt").
    lowercase = lowercase_words(parts)
    surnames: set[str] = set()
    for f in found:
        words = f.text.split()
        last = words[-1] if len(words) >= 2 else ""
        if (
            f.label == "PERSON"
            and len(last) >= 3
            and last[:1].isupper()
            and last[1:].islower()
            and last.lower() not in lowercase
            and last.lower() not in CALENDAR_WORDS
        ):
            surnames.add(last)
            by_text.setdefault(last, FoundMention(last, "PERSON", f.mention))
    if not by_text:
        return []
    surfaces = sorted(by_text, key=len, reverse=True)
    taken = taken_spans(found)
    extra: list[FoundMention] = []
    for part in parts:
        text = part.text
        for a, b in surface_spans(text, surfaces):
            word = text[a:b]
            spans = taken.setdefault(text_place(part.where, part.index, part.field), [])
            if any(x < b and a < y for x, y in spans):
                continue
            if sentence_initial(text, a) and word not in surnames:
                continue
            before = text[max(0, a - 40) : a].split()[-1:] or [""]
            after = text[b : b + 40].split()[:1] or [""]
            joined_before = before[0][:1].isupper() and not before[0].endswith((",", ";", ":", ".", "—", "–"))
            if joined_before or after[0][:1].isupper():
                continue  # part of a longer name the model saw differently
            spans.append((a, b))
            mention = Mention(part.where, part.index, a, b, part.field)
            evidence = mention_evidence(text, a, b)
            if after_place_preposition(text, a, b):
                extra.append(FoundMention(word, "GPE", mention, 1.5, evidence))
            else:
                extra.append(FoundMention(word, by_text[word].label, mention, 1.0, evidence))
    return extra


def _whole_line(found: FoundMention, parts: Sequence[TextPart]) -> bool:
    """True when the mention's text holds no other words: a dateline such as "LONDON 1996-08-30"."""
    m = found.mention
    for part in parts:
        if (part.where, part.index) == (m.where, m.index):
            rest = part.text[: m.start] + " " + part.text[m.end :]
            return not any(c.isalpha() for c in rest)
    return False


def trusted_shouted(
    shouted: Sequence[FoundMention], found: Sequence[FoundMention], loud_parts: Sequence[TextPart]
) -> list[FoundMention]:
    """Mentions in text written in capitals, which the model reads poorly: what it found there
    that the rest of the article confirms, plus every name known from the rest of the article
    found there by its spelling."""
    known = {f.key: f for f in found if f.mention.field != "credit"}
    kept = [f for f in shouted if f.key in known or _whole_line(f, loud_parts)]
    if not loud_parts:
        return kept
    pattern = surface_pattern((f.text for f in known.values()), re.IGNORECASE)
    if pattern is None:
        return kept
    taken = taken_spans(kept)
    for part in loud_parts:
        for match in pattern.finditer(part.text):
            a, b = match.span()
            spans = taken.setdefault(text_place(part.where, part.index, part.field), [])
            if any(x < b and a < y for x, y in spans):
                continue
            spans.append((a, b))
            mention = Mention(part.where, part.index, a, b, part.field)
            kept.append(FoundMention(match.group(), known[name_key(match.group())].label, mention))
    return kept
