"""Quotation marks: which marks open and close quotations, and the passages between them.

Pure character rules, no language model. A mark's role is read from what stands on each
side of it (a mark after a space and before a letter opens, one after a letter and before a
space or punctuation closes), with the typographic direction of curly marks as a tie-breaker.
Single marks count as outer quotes only in articles that use no double marks (UK style), and
never when they sit inside a word (won't, Kyiv's) or elide letters ('90s, rock 'n' roll).
An unclosed mark never runs past its paragraph unless the next paragraph opens with a mark
(the convention for a quotation running over paragraphs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from viewer.core.model import Span

Family = Literal["double", "guillemet", "single", "angle"]

_FAMILY: dict[str, Family] = {
    '"': "double",
    "“": "double",
    "”": "double",
    "„": "double",
    "‟": "double",
    "«": "guillemet",
    "»": "guillemet",
    "'": "single",
    "‘": "single",
    "’": "single",
    "‚": "single",
    "‛": "single",
    "‹": "angle",
    "›": "angle",
}
_DOUBLE_MARKS = re.compile("[\"“”„‟«»]|''|’’|‘‘")
_TYPOGRAPHIC_OPEN = frozenset("“„‟«‘‚‛‹")
_TYPOGRAPHIC_CLOSE = frozenset("”»’›")
# Two single marks in a row stand for a double mark in typewriter and wire-service text.
_MARKS = re.compile("''|‘‘|’’|‘’|``|[" + re.escape("".join(_FAMILY)) + "]")
_OPEN_BEFORE = frozenset("([{—–-/:;,")  # a mark after these (or a space) may open
_CLOSE_AFTER = frozenset(".,;:!?)]}—–-/…")  # a mark before these (or a space) may close
# Words that begin with an elision mark: '90s, 'em, rock 'n' roll, 'til, 'cause.
_ELISION = re.compile(r"(?:\d\d(?:s\b|\b)|(?:n|em|til|cause|tis|twas|bout|nuff|cos|s)\b)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mark:
    """One quotation mark that may open and/or close a quotation."""

    pos: int
    family: Family
    can_open: bool
    can_close: bool
    width: int = 1

    @property
    def end(self) -> int:
        return self.pos + self.width


@dataclass(frozen=True, slots=True)
class Passage:
    """The words between one pair of marks, possibly running over paragraphs.

    ``spans`` exclude the marks; ``closed`` is false when the passage was cut at a paragraph
    end because its mark never closed.
    """

    spans: tuple[Span, ...]
    family: Family
    closed: bool
    open_at: int  # offset of the opening mark in the first span's paragraph
    close_at: int  # offset of the closing mark in the last span's paragraph (its length if unclosed)
    close_end: int  # offset just after the closing mark


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def classify(text: str, pos: int, width: int = 1) -> Mark | None:
    """The role of the mark at ``text[pos : pos + width]``, or None for an apostrophe."""
    ch = text[pos]
    family: Family = "double" if width == 2 else _FAMILY[ch]
    if width == 2:
        ch = {"‘": "“", "’": "”", "`": "“"}.get(ch, '"')
    left = text[pos - 1] if pos > 0 else ""
    right = text[pos + width] if pos + width < len(text) else ""
    left_open = _is_space(left) or left in _OPEN_BEFORE or left in _FAMILY
    right_close = _is_space(right) or right in _CLOSE_AFTER or right in _FAMILY
    can_open = not _is_space(right) and left_open
    can_close = not _is_space(left) and right_close
    if family == "single" and _apostrophe(text, pos, width, can_open=can_open):
        return None
    if can_open != can_close and _glued_against_glyph(ch, left, right, can_open=can_open):
        return Mark(pos, family, True, True, width)
    if not can_open and not can_close:
        if _is_space(left) and _is_space(right):
            # A lone mark between spaces can only close ("outreach,' " he said).
            return Mark(pos, family, False, True, width)
        # Inside a word or between punctuation: trust the glyph, else let the state decide.
        if ch in _TYPOGRAPHIC_OPEN:
            can_open = True
        elif ch in _TYPOGRAPHIC_CLOSE:
            can_close = True
        else:
            can_open = can_close = True
    elif can_open and can_close:
        if ch in _TYPOGRAPHIC_OPEN:
            can_close = False
        elif ch in _TYPOGRAPHIC_CLOSE:
            can_open = False
    return Mark(pos, family, can_open, can_close, width)


def _apostrophe(text: str, pos: int, width: int, *, can_open: bool) -> bool:
    """The single mark at ``pos`` is an apostrophe: won't, Kyiv's, O'Brien, '90s, 'em, rock 'n' roll."""
    left = text[pos - 1] if pos > 0 else ""
    right = text[pos + width] if pos + width < len(text) else ""
    if left.isalnum() and right.isalnum():
        return True
    if can_open and _ELISION.match(text, pos + width):
        return True
    return left.isalnum() and right == "n" and text[pos + 2 : pos + 3] in ("'", "’")


def _glued_against_glyph(ch: str, left: str, right: str, *, can_open: bool) -> bool:
    """Between a clause's punctuation and a word, a plain mark or one against its glyph: a
    closing mark with its space missing (`surprising,”Marlow said`) or an opening one typed
    after a comma (`said,”We`); whether a quotation is open decides."""
    if not left or left not in ",.!?;:" or not right.isalnum():
        return False
    return ch == '"' or ch in (_TYPOGRAPHIC_CLOSE if can_open else _TYPOGRAPHIC_OPEN)


def marks_in(text: str) -> list[Mark]:
    """Every quotation mark in ``text`` with its possible roles, apostrophes left out."""
    found = []
    for m in _MARKS.finditer(text):
        mark = classify(text, m.start(), m.end() - m.start())
        if mark is not None:
            found.append(mark)
    return found


def outer_families(paragraphs: tuple[str, ...] | list[str]) -> frozenset[Family]:
    """The mark families this article uses for outer quotations.

    Double marks and guillemets always; single marks only when the article has no double
    marks at all (UK style). Otherwise singles are nested quotes or apostrophes.
    """
    if any(_DOUBLE_MARKS.search(p) for p in paragraphs):
        return frozenset({"double", "guillemet"})
    return frozenset({"double", "guillemet", "single", "angle"})


def _trimmed(paragraph: int, text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return Span(paragraph, start, end)


def _closers_after(marks: list[Mark]) -> list[frozenset[Family]]:
    """For each mark, the families that still have a closing mark after it."""
    after: list[frozenset[Family]] = [frozenset()] * len(marks)
    seen: frozenset[Family] = frozenset()
    for i in range(len(marks) - 1, -1, -1):
        after[i] = seen
        if marks[i].can_close:
            seen = seen | {marks[i].family}
    return after


def find_passages(paragraphs: tuple[str, ...] | list[str]) -> list[Passage]:
    """Every quoted passage in the paragraphs, in order (outer quotations only).

    In an article that uses double marks, single marks outside every double-quoted passage
    still make a quotation when they open and close within one paragraph (a UK-style quote
    in a mixed article: 'We came,' she said).
    """
    families = outer_families(paragraphs)
    passages = _scan(paragraphs, families, across_paragraphs=True)
    if "single" in families:
        return passages
    covered: dict[int, list[tuple[int, int]]] = {}
    for passage in passages:
        for span in passage.spans:
            first = passage.open_at if span is passage.spans[0] else span.start
            last = passage.close_end if span is passage.spans[-1] else span.end
            covered.setdefault(span.paragraph, []).append((first, last))
    masked = [_blank(text, covered.get(p, [])) for p, text in enumerate(paragraphs)]
    singles = [p for p in _scan(masked, frozenset({"single"}), across_paragraphs=False) if p.closed]
    if not singles:
        return passages
    return sorted(passages + singles, key=lambda p: (p.spans[0].paragraph, p.open_at))


def _blank(text: str, ranges: list[tuple[int, int]]) -> str:
    """``text`` with the given character ranges replaced by spaces (offsets unchanged)."""
    if not ranges:
        return text
    parts = []
    done = 0
    for begin, last in sorted(ranges):
        first = max(begin, done)
        parts.append(text[done:first])
        parts.append(" " * max(0, last - first))
        done = max(done, last)
    parts.append(text[done:])
    return "".join(parts)


def _scan(
    paragraphs: tuple[str, ...] | list[str], families: frozenset[Family], *, across_paragraphs: bool
) -> list[Passage]:
    passages: list[Passage] = []
    # State of a quotation still open at the end of the previous paragraph.
    carry: tuple[list[Span], Family, int] | None = None
    for p, text in enumerate(paragraphs):
        marks = [m for m in marks_in(text) if m.family in families]
        spans: list[Span] = []
        family: Family | None = None
        start = 0
        depth = 0
        open_at = 0
        if carry is not None:
            carried, carried_family, carried_open = carry
            carry = None
            first = marks[0] if marks else None
            leading = text[: first.pos].strip() if first else text
            if first is not None and first.family == carried_family and first.can_open and not leading:
                spans, family, start, depth = carried, carried_family, first.end, 1
                open_at = carried_open
                marks = marks[1:]
            else:
                passages.extend(_unclosed(paragraphs, carried, carried_family, carried_open, None))
        closer_after = _closers_after(marks)
        i = 0
        while i < len(marks):
            mark = marks[i]
            if family is None:
                if mark.can_open and (not mark.can_close or mark.family in closer_after[i]):
                    family, start, depth, open_at = mark.family, mark.end, 1, mark.pos
                i += 1
                continue
            if mark.family != family:
                i += 1
                continue
            clear_opener = mark.can_open and not mark.can_close
            if clear_opener and _nested_closes(marks, i, family):
                depth += 1
            elif clear_opener:
                # A fresh opening mark while one is open: the earlier mark never closed.
                span = _trimmed(p, text, start, mark.pos)
                if span is not None:
                    spans.append(span)
                passages.extend(_unclosed(paragraphs, spans, family, open_at, mark.pos))
                spans, start, depth, open_at = [], mark.end, 1, mark.pos
            elif mark.can_close:
                depth -= 1
                if depth == 0:
                    span = _trimmed(p, text, start, mark.pos)
                    if span is not None:
                        spans.append(span)
                    if spans:
                        passages.append(Passage(tuple(spans), family, True, open_at, mark.pos, mark.end))
                    spans, family = [], None
            i += 1
        if family is not None:
            span = _trimmed(p, text, start, len(text))
            if span is not None:
                spans.append(span)
            if spans and across_paragraphs:
                carry = (spans, family, open_at)
            elif spans:
                passages.extend(_unclosed(paragraphs, spans, family, open_at, None))
    if carry is not None:
        passages.extend(_unclosed(paragraphs, *carry, None))
    return passages


def _unclosed(
    paragraphs: tuple[str, ...] | list[str], spans: list[Span], family: Family, open_at: int, cut: int | None
) -> list[Passage]:
    """A quotation whose mark never closed: each paragraph's part on its own, ending at the
    paragraph end (or at ``cut``, where a fresh mark opened), so that it swallows nothing."""
    out = []
    for k, span in enumerate(spans):
        text = paragraphs[span.paragraph]
        opened = open_at if k == 0 else len(text[: span.start].rstrip()) - 1  # the paragraph's mark
        last = k == len(spans) - 1
        end = cut if last and cut is not None else len(text)
        out.append(Passage((span,), family, False, max(0, opened), end, end))
    return out


def _nested_closes(marks: list[Mark], index: int, family: Family) -> bool:
    """An opening mark inside an open quotation is nested if it closes and then the outer
    quotation closes too, before any other clear opening mark."""
    closers = 0
    for m in marks[index + 1 :]:
        if m.family != family:
            continue
        if m.can_close:
            closers += 1
            if closers == 2:
                return True
        elif m.can_open:
            return False
    return False
