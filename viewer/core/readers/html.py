"""Saved web pages (``.html``/``.htm``): the article text, its figures and its metadata.

The bytes are read safely (:mod:`viewer.core.readers.safe_io`), decoded by BOM, then the
charset the page declares in its first few KB, then UTF-8, then cp1252, and parsed with
beautifulsoup4 over lxml (twice as fast as the stdlib ``html.parser``, as tolerant of broken
markup). Nothing is ever fetched: remote images, scripts and links stay unopened.

Which part of the page is the article is decided twice: by our own reading
(:mod:`~viewer.core.readers.html_content`) and by trafilatura
(:mod:`~viewer.core.readers.html_main` says how the two are combined). Text hidden in
``<noscript>``/``<template>`` markup that holds far more than what was found is read instead,
and when nothing is found every line of visible text is: a page is refused only when it holds
no text at all.

Limits for hostile pages: at most :data:`MAX_HTML_BYTES` bytes and :data:`MAX_TAGS` tags
(real news pages hold a few thousand; inlined images and styles are cheap). Every pass over the
tree is iterative and linear in its size (no recursion, so nesting tens of thousands of levels
deep reads like any page). Measured: 40 ms median for a news page (``python -m viewer bench
html``), about 3 s for a page of 200,000 densely nested tags (the limit), 5 s for 100,000
paragraphs, on one core.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag, XMLParsedAsHTMLWarning
from bs4.element import CData, NavigableString, PageElement

from viewer.core import captions
from viewer.core.model import Article, Figure, ParagraphKind
from viewer.core.readers.html_content import Body, extract_body, prune
from viewer.core.readers.html_main import combine, share_found, shingles, trafilatura_blocks
from viewer.core.readers.html_meta import PageMeta, clean_byline, read_meta
from viewer.core.readers.html_text import (
    BLOCK_TAGS,
    SENTENCE_END,
    deeper_than,
    descendants,
    normalise_text,
    text_weight,
    word_count,
)
from viewer.core.readers.safe_io import UnreadableFile, decode, read_bytes
from viewer.core.readers.text import first_words

#: The largest page read, in bytes (a long article with inline styles is well under 2 MB).
MAX_HTML_BYTES = 16_000_000
#: The most tags (counted as "<" characters) a page may hold; parsing time grows with them.
MAX_TAGS = 200_000
#: Above this many tags trafilatura is not asked (it took 12 s on 100,000 paragraphs, against
#: 4.5 s for our reading alone); news pages hold a few thousand.
SECOND_OPINION_MAX_TAGS = 60_000
#: trafilatura's parser (libxml2 without its "huge" option) drops every element deeper than 255
#: levels: on a page nested deeper its reading lacks the article, and is no second opinion.
SECOND_OPINION_MAX_DEPTH = 250
#: How far into the file a charset declaration is looked for.
CHARSET_SNIFF_BYTES = 4096

_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares near its top (``<meta charset>``, http-equiv, ``<?xml?>``)."""
    head = data[:CHARSET_SNIFF_BYTES]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(head)
        if match:
            return match.group(1).decode("ascii", errors="replace")
    return None


def parse_page(text: str) -> BeautifulSoup:
    """The tree of a page's text. beautifulsoup4 warns when markup looks like a URL, a file
    name or an XML feed; here it is always a saved file's text, and the warning would only be
    noise on the extractor's stderr (found by the fuzzing harness: a page that is one URL)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(text, "lxml")


def decode_page(data: bytes) -> str:
    """The text of a page's bytes (a BOM wins over a declaration, as in browsers)."""
    return decode(data, declared_charset(data))


def _slug_title(url: str | None) -> str | None:
    if not url:
        return None
    last = [p for p in urlparse(url).path.split("/") if p]
    if not last:
        return None
    slug = re.sub(r"\.[a-z0-9]{2,5}$", "", unquote(last[-1]), flags=re.IGNORECASE)
    words = [w for w in re.split(r"[-_+\s]+", slug) if w and not w.isdigit()]
    return " ".join(words).capitalize() if len(words) >= 2 else None


def _same_text(a: str | None, b: str | None) -> bool:
    return bool(a and b) and captions.caption_key(a or "") == captions.caption_key(b or "")


# "Ana Ruiz and Associated Press writers in Ottawa contributed to this report.": names (and a
# few linking words) before "contributed", so "... the state contributed." stays in the body.
_NAMEISH = r"(?:[A-Z][\w.'’-]*|and|&|of|the|in|from|writers?|reporters?|correspondents?|staff|producers?)"
_CONTRIBUTORS = re.compile(
    rf"^{_NAMEISH}(?:[\s,]+{_NAMEISH}){{0,24}}\s+contributed\b"
    r"|^(?i:(?:additional\s+)?reporting\s+by\s|with\s+files\s+from\s)",
)
_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s+){1,3}(?:is|was)\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,6}?"
    r"(?:reporter|editor|writer|correspondent|journalist|columnist|contributor|producer)\b",
)


def _is_fragment(text: str) -> bool:
    """A short label, not a sentence: a few words without closing punctuation."""
    return word_count(text) <= 4 and not SENTENCE_END.search(text)


@dataclass(slots=True)
class _Matter:
    """The body with front and back matter blanked out ("" keeps positions), and what went."""

    marked: list[str]
    contributors: str | None = None


def _split_matter(paragraphs: list[str], meta: PageMeta, title: str, kinds: list[ParagraphKind]) -> _Matter:
    """Take the title, standfirst and byline from the top, contributors and bios from the end."""
    names = [n.strip() for n in re.split(r",|\band\b", meta.byline or "") if n.strip()]
    marked = list(paragraphs)
    _blank_front_matter(marked, meta, title, names)
    # The byline repeated further down (a share bar or an author box between paragraphs).
    for i in range(6, len(marked)):
        if meta.byline and _same_text(re.sub(r"^by\s+", "", marked[i], flags=re.I), meta.byline):
            marked[i] = ""
    _blank_edge_labels(marked, kinds)
    matter = _Matter(marked)
    matter.contributors = _take_contributors(marked, names)
    return matter


def _blank_front_matter(marked: list[str], meta: PageMeta, title: str, names: list[str]) -> None:
    """Blanks the title, the visible standfirst and the byline (with the line under it) among
    the first six paragraphs."""
    removed_byline = -2
    for i, text in enumerate(marked[:6]):
        is_title = _same_text(text, title)
        is_standfirst = meta.standfirst_visible and _same_text(text, meta.standfirst)
        by = re.match(r"^by\s", text, re.IGNORECASE) is not None
        is_byline = by and (
            (len(text) <= 120 and clean_byline(text) is not None)
            or (len(text) <= 300 and any(name in text for name in names))
        )
        # The writer's role under the byline ("AP Auto Writer"), or the byline repeated.
        after_byline = i > 0 and removed_byline == i - 1 and _is_fragment(text) and word_count(text) <= 6
        repeats_byline = bool(meta.byline) and _same_text(
            re.sub(r"^by\s+", "", text, flags=re.I), meta.byline
        )
        if is_byline or repeats_byline or after_byline:
            removed_byline = i
        if is_title or is_standfirst or is_byline or repeats_byline or after_byline:
            marked[i] = ""


def _blank_edge_labels(marked: list[str], kinds: list[ParagraphKind]) -> None:
    """Blanks the labels left at either edge of the body ("Font Size", "Read Later", "Most Popular")."""
    for order in (range(len(marked)), range(len(marked) - 1, -1, -1)):
        for i in order:
            if not marked[i]:
                continue
            if not _is_fragment(marked[i]) or kinds[i] in ("list", "table"):
                break  # a list item or a table row is short by nature
            marked[i] = ""


def _take_contributors(marked: list[str], names: list[str]) -> str | None:
    """Blanks the contributors lines and the writers' bios among the last three paragraphs;
    the contributors lines, joined."""
    contributors: list[str] = []
    for i in range(len(marked) - 1, max(-1, len(marked) - 4), -1):
        text = marked[i]
        if not text:
            continue
        if len(text) <= 300 and _CONTRIBUTORS.search(text):
            contributors.insert(0, text)
        elif len(text) > 300 or not (_BIO.match(text) and (not names or any(n in text for n in names))):
            break
        marked[i] = ""
    return " ".join(contributors) or None


#: A page's description longer than this many words is a summary of the body, not a dek.
MAX_DEK_WORDS = 60
# A line that points to another story: "More: ...", "Read more", "Related: ...", "See also ...".
_LINK_LINE = re.compile(
    r"^(?:more|read more|read also|also read|related|see also|watch|listen|recommended|further reading)"
    r"(?:\s+(?:on|about|from)\b[^:：»›|]{0,40})?\s*(?:[:：»›|–—-]\s*(?:\S|$)|$)"
    r"|^more\b[^.:]{0,40}:\s*https?://",
    re.IGNORECASE,
)


def is_link_line(text: str) -> bool:
    """A pointer to other stories ("More: ...", "Related: ...", "READ MORE: ..."), not body."""
    return captions.is_furniture(text) or (len(text) <= 200 and _LINK_LINE.match(text) is not None)


def _is_dek(description: str, paragraphs: list[str]) -> bool:
    """A description from the page's metadata is a dek when it is short and says something the
    body does not already say (many sites copy the opening paragraph, or the whole text)."""
    if word_count(description) > MAX_DEK_WORDS:
        return False
    if not paragraphs:
        return True
    body = set().union(*(shingles(p) for p in paragraphs))
    return share_found(description.rstrip(".…"), body) < REPEAT_SHARE


#: A description with this share of its text in the body repeats the body.
REPEAT_SHARE = 0.6


# A cheap look at the raw text before walking the tree for hidden markup.
_MAY_HIDE = re.compile(
    r"<(?:noscript|template)\b|<script[^>]*type\s*=\s*[\"']?text/[\w-]*(?:template|html)", re.I
)


def _hidden_markup(soup: BeautifulSoup) -> str:
    """Markup a page keeps out of sight until a script runs: ``<noscript>``, ``<template>`` and
    ``<script type="text/template">`` bodies (some sites ship the whole article there)."""
    pieces: list[str] = []
    inside: set[int] = set()  # what an outer one already gave (nested ones are read once)
    for tag in soup.find_all(["noscript", "template", "script"]):
        if not isinstance(tag, Tag) or id(tag) in inside:
            continue
        kind = str(tag.get("type") or "").lower()
        if tag.name == "script" and not any(k in kind for k in ("template", "html")):
            continue
        inner = tag.decode_contents() if tag.name == "template" else tag.get_text()
        if "<" in inner:
            pieces.append(inner)
        inside.update(id(node) for node in descendants(tag) if isinstance(node, Tag))
    return "\n".join(pieces)


def _page_lines(text: str) -> Body:
    """Every line of visible text on the page: for short or broken pages where nothing looks
    like an article (an error only when there is no text at all).

    One walk that leaves scripts, styles and the head out and breaks lines around blocks
    (inserting line breaks into the tree cost the depth of the page for each block).
    """
    pieces: list[str] = []
    stack: list[tuple[PageElement, bool]] = [(parse_page(text), False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            pieces.append("\n")
        elif isinstance(node, Tag):
            if node.name in _NEVER_SHOWN:
                continue
            if node.name in BLOCK_TAGS or node.name == "br":
                pieces.append("\n")
                stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.contents))
        elif type(node) in (NavigableString, CData):  # what get_text() reads
            pieces.append(str(node))
    lines = [normalise_text(line) for line in "".join(pieces).splitlines()]
    return Body([line for line in lines if line], [], [])


_NEVER_SHOWN = frozenset({"script", "style", "head", "template", "svg"})


def _weight(paragraphs: list[str]) -> int:
    return sum(text_weight(p) for p in paragraphs)


_TAG = re.compile(r"<[^>]*>")


def _find_body(soup: BeautifulSoup, text: str, hidden: str, second_opinion: bool) -> Body:
    """Our reading checked against trafilatura's; then hidden markup when it holds far more
    text than what was found (the article a script would have shown); then the page's lines."""
    body = combine(extract_body(soup), trafilatura_blocks(text) if second_opinion else None)
    found = _weight(body.paragraphs)
    if hidden and text_weight(normalise_text(_TAG.sub(" ", hidden))) > max(HIDDEN_MIN_WEIGHT, 2 * found):
        inner = parse_page(hidden)
        prune(inner)
        within = combine(extract_body(inner), trafilatura_blocks(hidden) if second_opinion else None)
        if _weight(within.paragraphs) > found:
            return Body(within.paragraphs, body.figures + within.figures, within.kinds)
    if body.paragraphs:
        return body
    lines = _not_captions(_page_lines(text).paragraphs, body)
    return Body(lines, body.figures, []) if lines else body


def _not_captions(lines: list[str], body: Body) -> list[str]:
    """The page's lines less those that are a caption found on it (with or without its credit)."""
    keys = {captions.caption_key(c) for c in body.page_captions}
    for figure in body.figures:
        keys.add(captions.caption_key(figure.caption))
        keys.add(captions.caption_key(f"{figure.caption} {figure.credit or ''}"))
    keys.discard("")
    return [line for line in lines if captions.caption_key(line) not in keys]


#: Hidden markup is read only when its text weighs more than this (a sentence or two) and more
#: than twice what the visible page gave.
HIDDEN_MIN_WEIGHT = 200


def article_from_html(
    text: str, *, path: str, second_opinion: bool = True, page_url: str | None = None
) -> Article:
    """An :class:`Article` from the text of a saved page.

    ``page_url`` is where the page was fetched from, when known (a web archive's record says
    it): the address when the page states none. ``second_opinion=False`` leaves trafilatura out
    (our reading alone, for measurements).
    """
    tags = text.count("<")
    if tags > MAX_TAGS:
        raise UnreadableFile(f"too much markup to read ({tags:,} tags; the limit is {MAX_TAGS:,})")
    soup = parse_page(text)
    meta = read_meta(soup)
    hidden = _hidden_markup(soup) if _MAY_HIDE.search(text) else ""
    second_opinion = (
        second_opinion and tags <= SECOND_OPINION_MAX_TAGS and not deeper_than(soup, SECOND_OPINION_MAX_DEPTH)
    )
    prune(soup)
    body = _find_body(soup, text, hidden, second_opinion)
    kinds = body.kinds + ["text"] * (len(body.paragraphs) - len(body.kinds))
    # Link lines leave; blanks keep figure positions.
    body.paragraphs = [
        "" if is_link_line(line := normalise_text(p)) and kind != "heading" else line
        for p, kind in zip(body.paragraphs, kinds, strict=True)
    ]

    address = meta.url or page_url
    page_title = normalise_text(meta.title or _slug_title(address) or "")
    title = page_title or normalise_text(first_words([p for p in body.paragraphs if p]) or Path(path).stem)
    # A title made of the body's first words leaves the body as it is.
    matter = _split_matter(body.paragraphs, meta, page_title, kinds)
    # Renumber figure positions after the front matter left the body.
    new_index: list[int] = []
    paragraphs: list[str] = []
    paragraph_kinds: list[ParagraphKind] = []
    for text_, kind in zip(matter.marked, kinds, strict=True):
        if text_:
            paragraphs.append(text_)
            paragraph_kinds.append(kind)
        new_index.append(len(paragraphs) - 1)
    figures = tuple(
        Figure(
            normalise_text(f.caption),
            normalise_text(f.credit) or None if f.credit else None,
            new_index[f.after_paragraph] if 0 <= f.after_paragraph < len(new_index) else -1,
        )
        for f in body.figures
    )
    if not paragraphs:
        # Everything looked like front matter or labels: a short page, shown as it is.
        paragraphs = [p for p in body.paragraphs if p and p != title]
        paragraph_kinds = [k for p, k in zip(body.paragraphs, kinds, strict=True) if p and p != title]
        figures = tuple(Figure(f.caption, f.credit, -1) for f in figures)
    if not paragraphs and not figures and not meta.title:
        raise UnreadableFile(_too_little(body.paragraphs))
    standfirst = normalise_text(meta.standfirst or "") or None
    if standfirst and not meta.standfirst_visible and not _is_dek(standfirst, paragraphs):
        standfirst = None
    if standfirst and _same_text(standfirst, title):
        standfirst = None
    return Article(
        path=path,
        format="html",
        title=title,
        paragraphs=tuple(paragraphs),
        figures=figures,
        standfirst=standfirst,
        byline=normalise_text(meta.byline or "") or None,
        date=meta.date,
        source=normalise_text(meta.source or "") or None,
        url=address,
        contributors=matter.contributors,
        paragraph_kinds=tuple(paragraph_kinds),
    )


def _too_little(found: list[str]) -> str:
    """Why a page with nothing to show is refused: no text, or how little."""
    words = sum(word_count(p) for p in found if p)
    if not words:
        return "the page has no text"
    n = max(1, round(words))
    return f"the page has too little text to be an article ({n:,} word{'s' if n != 1 else ''})"


def read_html_file(path: Path, root: Path | None = None, *, second_opinion: bool = True) -> Article:
    """Read one saved page; raises :class:`UnreadableFile` with a plain message on bad input."""
    data = read_bytes(path, root, limit=MAX_HTML_BYTES)
    if not data.strip():
        raise UnreadableFile("the file is empty")
    text = decode_page(data)
    if not text.strip():
        raise UnreadableFile("the file is empty")
    try:
        return article_from_html(text, path=str(path), second_opinion=second_opinion)
    except RecursionError as err:
        raise UnreadableFile("the page is nested too deeply to read") from err
