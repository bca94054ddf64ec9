"""Plain-text articles: title line, standfirst, byline, body, captions, contributors.

The layout of a scraped dump is read from its lines: blank lines separate blocks, each
non-blank line is a unit (a paragraph, a caption, a credit). Captions and their credits
come out as figures at the place they stood; everything else stays in the body, in order.
The same parsing serves the body text of JSON records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from viewer.core import captions
from viewer.core.dates import parse_date
from viewer.core.model import Article, Figure, Format
from viewer.core.readers.safe_io import decode, read_bytes

_CONTRIBUTORS = re.compile(
    r"(?:contributed(?:\s+\w+){0,3}\s+to\s+(?:this|the)\s+(?:report|story|article)"
    r"|^(?:additional\s+)?reporting\s+by\b|^with\s+files\s+from\b|^editing\s+by\b"
    r"|^writing\s+by\b|^compiled\s+by\b)",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:by|written by|words by)\s+(?P<names>[A-Z][\w.'’-]*(?:[\s,]+(?:and\s+|&\s+)?[A-Z][\w.'’-]*){0,8})"
    r"(?:\s*[,|–—-]\s*(?P<rest>.{0,80}))?$",
    re.IGNORECASE,
)
# The writer's address at the end of a piece: "Email: ann@paper.com | Twitter: annlee".
_CONTACT_LINE = re.compile(
    r"^(?:e-?mail|twitter|follow\b)[^|\n]{0,80}@\S+(?:\s*\|[^|\n]{1,80}){0,3}$", re.IGNORECASE
)
# Bullets and dashes before a line of end matter ("– With files from ...").
_LEADING_BULLETS = "•·–—- "
_DATE_LINE = re.compile(
    r"^(?:published|posted|updated|last updated|first published|date)\s*:?\s*(?P<date>.{4,80})$",
    re.IGNORECASE,
)
#: Every white-space character but the space and the line end (what ``str.split`` splits on).
_OTHER_SPACES = (
    "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + ("\u2028\u2029\u202f\u205f\u3000")
)
_OTHER_ASCII_SPACES = bytes(ord(c) for c in _OTHER_SPACES if c.isascii())
#: A first line longer than this is not a title but text: a dump written on one line.
MAX_TITLE_CHARS = 300
_SENTENCE_END = re.compile(r"[.!?:;\"”’')\]…]$")


@dataclass(slots=True)
class _Unit:
    text: str
    block: int
    indented: bool


@dataclass(slots=True)
class ParsedText:
    """The parts of a plain-text article, before it becomes an :class:`Article`."""

    title: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    date: str | None = None
    contributors: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


def _units(text: str) -> list[_Unit]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    units: list[_Unit] = []
    block = 0
    previous_blank = True
    # Usually no white space but plain spaces and line ends: then a line needs folding only
    # when it has two spaces together or one at an end (quicker than splitting every line).
    plain_spaces = _plain_spaces(text)
    for raw in text.split("\n"):
        if raw and plain_spaces and "  " not in raw and raw[0] != " " and raw[-1] != " ":
            stripped, indented = raw, False  # most lines: nothing to fold
        else:
            words = raw.split()  # any white space: tabs and no-break spaces too
            if not words:
                if not previous_blank:
                    block += 1
                previous_blank = True
                continue
            stripped = " ".join(words)
            indented = raw[:1] in " \t\u00a0"
        last = units[-1] if units else None
        if last is not None and not previous_blank and _continues(last.text, stripped):
            last.text = (
                f"{last.text[:-1]}{stripped}" if last.text.endswith("-") else f"{last.text} {stripped}"
            )
        else:
            units.append(_Unit(stripped, block, indented))
        previous_blank = False
    return units


def _plain_spaces(text: str) -> bool:
    """No white space in ``text`` but spaces and line ends."""
    if text.isascii():  # the usual case: a byte scan for the few ASCII ones
        data = text.encode("ascii")
        return len(data.translate(None, _OTHER_ASCII_SPACES)) == len(data)
    return not any(c in text for c in _OTHER_SPACES)


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped paragraph: a long line cut mid-sentence, the next starting lower-case."""
    return len(previous) >= 50 and not _SENTENCE_END.search(previous) and line[:1].islower()


@dataclass(slots=True)
class _Caption:
    caption: str
    credit: str | None
    unit: int


def _find_captions(units: list[_Unit]) -> dict[int, list[_Caption]]:
    """Units that are not body text: captions (a list of them), or credit lines, repeats and
    page furniture to drop (an empty list)."""
    found: dict[int, list[_Caption]] = {}
    for i, unit in enumerate(units):
        if captions.beyond_caption_rules(unit.text):
            continue  # most body paragraphs: none of the rules below can take them
        taken = _own_captions(unit.text, i)
        if taken is not None:
            found[i] = taken
            continue
        credit = captions.standalone_credit(unit.text)
        if credit is not None:
            _attach_credit(found, units, i, credit)
            continue
        marked = captions.strip_leading_marker(unit.text)
        if marked is not None and len(unit.text) <= captions.MAX_CAPTION_CHARS:
            found[i] = [_Caption(marked, None, i)]
    _find_repeats(units, found)
    return found


def _own_captions(text: str, i: int) -> list[_Caption] | None:
    """What a unit is by its own text: furniture (an empty list), a run of captions, or one
    caption with its credit; None when none of these."""
    if captions.is_furniture(text):
        return []
    run = captions.split_caption_run(text)
    if run is not None:
        return [_Caption(c.caption, c.credit, i) for c in run]
    split = captions.split_caption_credit(text) or captions.split_leading_credit(text)
    if split is not None and split.caption:
        return [_Caption(split.caption, split.credit, i)]
    return None


def _attach_credit(found: dict[int, list[_Caption]], units: list[_Unit], i: int, credit: str) -> None:
    """A credit line belongs to the caption above it; with none, it stays body text."""
    prev = i - 1
    if (
        prev >= 0
        and prev not in found
        and _could_be_caption(units[prev], units[i])
        and captions.clean_caption(units[prev].text)  # "|" alone is no caption
    ):
        found[prev] = [_Caption(captions.clean_caption(units[prev].text), credit, prev)]
        found[i] = []
    elif found.get(prev):
        last = found[prev][-1]
        last.credit = last.credit or credit
        found[i] = []


def _find_repeats(units: list[_Unit], found: dict[int, list[_Caption]]) -> None:
    """Repeats: a unit whose text is a caption found elsewhere (without its credit), or a
    unit that stands twice on adjacent lines (a caption scraped twice, with no credit either
    time). A paragraph repeated across a blank line stays in the body: nothing is lost."""
    keys = {captions.caption_key(c.caption) for caps in found.values() for c in caps}
    longest_key = 3 * max(map(len, keys), default=0) + 20
    for i, unit in enumerate(units):
        if i in found:
            continue
        # Keys are computed only where a match is possible: most articles have no caption, and
        # a paragraph many times longer than every caption is not one of them.
        key = captions.caption_key(unit.text) if keys and len(unit.text) <= longest_key else None
        if key is not None and key in keys:
            found[i] = []
            continue
        nxt = units[i + 1] if i + 1 < len(units) else None
        if (
            nxt is None
            or i + 1 in found
            or nxt.block != unit.block
            or len(unit.text) > captions.MAX_CAPTION_CHARS
            or not _same_start(unit.text, nxt.text)
        ):
            continue
        key = key if key is not None else captions.caption_key(unit.text)
        if captions.caption_key(nxt.text) == key and len(key.split()) >= 4:
            found[i] = [_Caption(unit.text, None, i)]
            found[i + 1] = []
            keys.add(key)


def _same_start(a: str, b: str) -> bool:
    """A cheap necessary test for equal caption keys: the first letters agree, case folded."""
    first_a = next((c for c in a if c.isalnum()), "")
    first_b = next((c for c in b if c.isalnum()), "")
    return first_a.casefold() == first_b.casefold()


def _could_be_caption(unit: _Unit, credit_line: _Unit) -> bool:
    """The line before a lone credit line is its caption if it sits in the same block, or if
    it is short and the credit is a photo's (a "Source:" line after a blank names a chart's
    or a statistic's source, and the paragraph above it is body text)."""
    if unit.block == credit_line.block:
        return True
    return len(unit.text) <= 300 and not credit_line.text.lower().startswith("source")


def _merge_figures(raw: list[tuple[_Caption, int]]) -> list[Figure]:
    """One figure per caption: repeats collapse, a credit found on any copy is kept."""
    figures: list[Figure] = []
    index: dict[str, int] = {}
    for cap, after in raw:
        key = captions.caption_key(cap.caption)
        match = index.get(key)
        if match is None:
            # A copy cut short or carrying more text: compare with the last few figures only,
            # since a caption's copies stand together (and all pairs would be quadratic).
            for j in range(len(figures) - 1, max(-1, len(figures) - 4), -1):
                other_key = captions.caption_key(figures[j].caption)
                if other_key and (key.startswith(other_key) or other_key.startswith(key)):
                    match = j
                    break
        if match is None:
            index[key] = len(figures)
            figures.append(Figure(cap.caption, cap.credit, after))
            continue
        old = figures[match]
        caption = old.caption if len(old.caption) >= len(cap.caption) else cap.caption
        figures[match] = Figure(caption, old.credit or cap.credit, old.after_paragraph)
    return figures


def parse_plain(text: str, *, title_line: bool = True, byline: str | None = None) -> ParsedText:
    """Split a plain-text article into its parts.

    With ``title_line`` the first line is the title (a ``.txt`` dump); without it (a JSON
    record whose title is a separate field) every line belongs to the body. ``byline`` is the
    writer a record names apart from its text: a first line repeating it is not body text.
    """
    units = _units(text)
    parsed = ParsedText()
    if title_line and units and len(units[0].text) <= MAX_TITLE_CHARS:
        parsed.title = units.pop(0).text  # a longer first line is text (a dump on one line)
    found = _find_captions(units)

    body: list[tuple[int, str]] = []  # (unit index, text)
    raw_figures: list[tuple[_Caption, int]] = []
    for i, unit in enumerate(units):
        if i in found:
            raw_figures.extend((cap, len(body) - 1) for cap in found[i])
            continue
        body.append((i, unit.text))

    # Byline and date lines near the top; contributors lines at the end.
    raw_figures = _take_top_lines(parsed, body, raw_figures, byline)
    contributors: list[str] = []
    while body and len(body[-1][1]) <= 300 and _end_matter(body[-1][1]):
        contributors.insert(0, body.pop()[1])
    if contributors:
        parsed.contributors = " ".join(contributors)

    # A standfirst: the first line when a figure or a byline separates it from the body.
    if title_line and len(body) >= 2:
        first_unit = body[0][0]
        next_unit = body[1][0]
        separated = any(first_unit < i < next_unit and found[i] for i in found)
        if separated and len(body[0][1]) <= 400:
            parsed.standfirst = body.pop(0)[1]
            raw_figures = [(c, a - 1) for c, a in raw_figures]

    parsed.paragraphs = [t for _, t in body]
    last = len(parsed.paragraphs) - 1
    parsed.figures = [
        Figure(f.caption, f.credit, max(-1, min(f.after_paragraph, last)))
        for f in _merge_figures(raw_figures)
    ]
    return parsed


def _take_top_lines(
    parsed: ParsedText,
    body: list[tuple[int, str]],
    raw_figures: list[tuple[_Caption, int]],
    byline: str | None,
) -> list[tuple[_Caption, int]]:
    """Takes the byline and date lines among the first four of ``body`` into ``parsed`` (out
    of ``body``); the figures' places after that."""
    head = 0
    while head < len(body) and head < 4:
        text_ = body[head][1]
        by_line = _BYLINE.match(text_) if len(text_) <= 120 else None
        dated = _DATE_LINE.match(text_)
        if head == 0 and _repeats_byline(text_, byline):
            pass  # the record's byline again: it stays in the byline
        elif by_line and parsed.byline is None:
            parsed.byline = by_line.group("names").strip().rstrip(",")
            rest = by_line.group("rest")
            if rest and parsed.date is None:
                parsed.date = parse_date(rest)
        elif dated and parse_date(dated.group("date")) and parsed.date is None:
            parsed.date = parse_date(dated.group("date"))
        else:
            head += 1
            continue
        del body[head]
        raw_figures = [(c, a - 1 if a >= head else a) for c, a in raw_figures]
    return raw_figures


def _end_matter(text: str) -> bool:
    """A line about who wrote the piece: "With files from ...", "Reporting by ...", the writer's
    e-mail and social-media address."""
    text = text.lstrip(_LEADING_BULLETS)
    return _CONTRIBUTORS.search(text) is not None or _CONTACT_LINE.match(text) is not None


def _repeats_byline(text: str, byline: str | None) -> bool:
    """The byline the record gave, repeated as the body's first line with the writer's
    affiliation ("Ann Lee, The Harbour Press")."""
    if not byline or len(text) > 120:
        return False
    names = [n.strip() for n in re.split(r",|\band\b|&", byline) if len(n.split()) >= 2]
    return any(text == name or text.startswith(name + ",") for name in names)


def first_words(paragraphs: list[str], limit: int = 12) -> str:
    words = " ".join(paragraphs[:1]).split()
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")


def article_from_text(
    text: str,
    *,
    path: str,
    fmt: Format = "text",
    record: int | None = None,
    title_line: bool = True,
    byline: str | None = None,
) -> Article:
    parsed = parse_plain(text, title_line=title_line, byline=byline)
    title = parsed.title or first_words(parsed.paragraphs) or Path(path).stem
    return Article(
        path=path,
        format=fmt,
        record=record,
        title=title,
        standfirst=parsed.standfirst,
        byline=parsed.byline,
        date=parsed.date,
        contributors=parsed.contributors,
        paragraphs=tuple(parsed.paragraphs),
        figures=tuple(parsed.figures),
    )


def read_text_file(path: Path, root: Path | None = None) -> Article:
    text = decode(read_bytes(path, root))
    if not text.strip():
        from viewer.core.readers.safe_io import UnreadableFile

        raise UnreadableFile("the file is empty")
    return article_from_text(text, path=str(path))
