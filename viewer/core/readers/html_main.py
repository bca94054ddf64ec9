"""A second opinion on where a page's article is: trafilatura's main-content choice.

Our own reader (:mod:`viewer.core.readers.html_content`) keeps the page's structure, figures,
captions and credits apart; trafilatura (Apache-2.0, on lxml) is a well-kept extractor that
has seen far more sites. We use its text as evidence, never its figures or metadata:

- each of our paragraphs is kept when most of it is in trafilatura's text as well (this drops
  the comment, about-us, subscribe and related-story blocks we let through), or when it is
  inside recipe markup (ingredients and steps, which extractors built for news drop), or when
  it is prose that trafilatura lacks between two agreed paragraphs, or in a run of two or more
  after one (trafilatura sometimes stops at an inline box and cuts the article short);
- when what is left covers less than half of trafilatura's text, the two chose different parts
  of the page (we took a sidebar or the comments, or found nothing): trafilatura's blocks are
  the body, with their structure (headings, lists, quotes, tables);
- when trafilatura finds nothing, or a small part of what we found (under a fifth: a teaser or
  one box rather than the article), or is not installed, our paragraphs stand as they are.

Agreement is measured on character 6-grams of the normalised text (spaces removed), which works
the same for scripts written with or without spaces between words. See the README for the
measurements behind these thresholds.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from viewer.core import captions
from viewer.core.model import Figure, ParagraphKind
from viewer.core.readers.html_content import Body
from viewer.core.readers.html_text import SENTENCE_END, text_weight

#: A paragraph of ours counts as found by trafilatura when this share of its shingles is there.
KEEP_SHARE = 0.5
#: Below this share of trafilatura's text covered by what we kept, trafilatura's blocks win.
AGREE_SHARE = 0.5
#: When trafilatura's text lies inside ours and is smaller than this share of it, it took a
#: fragment (a teaser, one box) and missed the article: ours stands as it is. (A long comment
#: thread we took beside the article is usually under five times the article, so it is still
#: filtered; comments we took instead of the article do not hold its text and lose anyway.)
FRAGMENT_SHARE = 0.2
_SHINGLE = 6
#: Captions looked for inside trafilatura's blocks (a news page has a few dozen at most; the
#: cap keeps a hostile page of thousands of captions linear).
MAX_PAGE_CAPTIONS = 300
#: A paragraph this heavy (see ``text_weight``: a full line or more) that ends a sentence is prose.
PROSE_WEIGHT = 80
#: Prose that runs on past trafilatura's last agreed paragraph is kept from this many paragraphs
#: on: an extractor that stopped early leaves several; a lone one after the end is a sign-off or
#: an author's bio.
MIN_RUN = 2
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-sized piece of trafilatura's output and what kind of block it was."""

    text: str
    kind: ParagraphKind


def shingles(text: str) -> set[str]:
    """Character 6-grams of the text, case-folded, punctuation and spaces removed."""
    flat = _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())
    if len(flat) <= _SHINGLE:
        return {flat} if flat else set()
    return {flat[i : i + _SHINGLE] for i in range(len(flat) - _SHINGLE + 1)}


def share_found(text: str, evidence: set[str]) -> float:
    """The share of ``text``'s shingles that are in ``evidence`` (0 for empty text)."""
    own = shingles(text)
    return len(own & evidence) / len(own) if own else 0.0


def _text_of(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


_KIND_OF_TAG: dict[str, ParagraphKind] = {"head": "heading", "quote": "quote", "item": "list"}


def _blocks_of(body: Any) -> list[Block]:
    blocks: list[Block] = []
    for element in body:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "list":
            blocks.extend(Block(t, "list") for item in element.iter("item") if (t := _text_of(item)))
        elif tag == "table":
            for row in element.iter("row"):
                cells = [_text_of(cell) for cell in row.iter("cell")]
                line = " | ".join(c for c in cells if c)
                if line:
                    blocks.append(Block(line, "table"))
        elif tag == "graphic":
            continue
        else:
            text = _text_of(element)
            if text:
                blocks.append(Block(text, _KIND_OF_TAG.get(tag, "text")))
    return blocks


def trafilatura_blocks(html: str) -> list[Block] | None:
    """trafilatura's article blocks, or None when it is not installed or finds no article."""
    try:
        from trafilatura import bare_extraction
    except ImportError:
        return None
    # Its notes on odd pages ("discarding data") are not the user's business: no stderr line.
    logger = logging.getLogger("trafilatura")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
    try:
        # favor_recall: "when unsure, keep more". Its text is a filter on ours, so an article it
        # would have cut short costs us paragraphs; measured, it also loses fewer pages.
        document = bare_extraction(
            html,
            include_formatting=True,
            include_comments=False,
            include_images=False,
            with_metadata=False,
            favor_recall=True,
        )
    except Exception:  # a fault inside the library must not cost us the page
        return None
    body = getattr(document, "body", None)
    if body is None:
        return None
    return _blocks_of(body) or None


class _Evidence:
    """trafilatura's text as shingles; its shortest blocks also whole, for our shortest
    paragraphs (a list item like "Salt" has no 6-gram)."""

    def __init__(self, blocks: list[Block]) -> None:
        self.shingles: set[str] = set()
        self.short: set[str] = set()
        for block in blocks:
            own = shingles(block.text)
            self.shingles |= own
            if len(own) == 1:
                self.short |= own

    def found(self, text: str) -> tuple[bool, set[str]]:
        """Whether most of ``text`` is in the evidence, and the evidence shingles it covers."""
        own = shingles(text)
        if not own:
            return False, set()
        if len(own) == 1:
            return not (own.isdisjoint(self.short) and own.isdisjoint(self.shingles)), set()
        common = own & self.shingles
        return len(common) >= KEEP_SHARE * len(own), common


def combine(body: Body, blocks: list[Block] | None) -> Body:
    """Our body checked against trafilatura's blocks (see the module docstring)."""
    if not blocks:
        return body
    evidence = _Evidence(blocks)
    kept: list[int] = []
    covered: set[str] = set()
    for i, text in enumerate(body.paragraphs):
        found, common = evidence.found(text)
        if found:
            kept.append(i)
            covered |= common
        elif i < len(body.in_recipe) and body.in_recipe[i]:
            kept.append(i)  # ingredients and steps: extractors built for news drop them
    if len(covered) >= AGREE_SHARE * len(evidence.shingles):
        ours = set().union(*(shingles(p) for p in body.paragraphs))
        if len(evidence.shingles) < FRAGMENT_SHARE * len(ours):
            return body  # its text is a small part of ours: a teaser, not the article
        kept = _with_prose_runs(kept, body)
        position = [-1] * len(body.paragraphs)
        count = 0
        for i in range(len(body.paragraphs)):
            if kept and count < len(kept) and kept[count] == i:
                count += 1
            position[i] = count - 1
        return Body(
            [body.paragraphs[i] for i in kept],
            [_moved(f, position) for f in body.figures],
            [body.kinds[i] if i < len(body.kinds) else "text" for i in kept],
            body.page_captions,
            [body.in_recipe[i] if i < len(body.in_recipe) else False for i in kept],
        )
    return _their_body(body, blocks)


def _is_prose(text: str, kind: ParagraphKind) -> bool:
    return kind == "text" and text_weight(text) >= PROSE_WEIGHT and bool(SENTENCE_END.search(text[-3:]))


def _with_prose_runs(kept: list[int], body: Body) -> list[int]:
    """``kept`` and our prose paragraphs that trafilatura lacks between two agreed ones, or
    that run on after one for at least ``MIN_RUN`` paragraphs, up to the first that is not
    prose (a heading, a link list, a short line). An extractor that stops early, at an inline
    advert or a newsletter box, cuts the article short; the boxes we let through after an
    article are headed, made of short lines, or a single paragraph."""
    chosen = set(kept)
    kinds = body.kinds
    n = len(body.paragraphs)
    for i in list(kept):
        j = i + 1
        run: list[int] = []
        while (
            j < n
            and j not in chosen
            and _is_prose(body.paragraphs[j], kinds[j] if j < len(kinds) else "text")
        ):
            run.append(j)
            j += 1
        interior = j < n and j in chosen
        if interior or len(run) >= MIN_RUN:
            chosen.update(run)
    return sorted(chosen)


def _moved(figure: Figure, position: list[int]) -> Figure:
    after = position[figure.after_paragraph] if 0 <= figure.after_paragraph < len(position) else -1
    if figure.after_paragraph >= len(position) and position:
        after = position[-1]
    return Figure(figure.caption, figure.credit, after)


def _without_captions(text: str, page_captions: list[str]) -> str:
    """The block with any caption of the page cut out of it (a caption glued into a paragraph)."""
    for caption in page_captions[:MAX_PAGE_CAPTIONS]:
        if caption in text:
            text = " ".join(text.replace(caption, " ").split())
    return text


def _place(index: int, paragraphs: list[str], owner: dict[str, int], blocks: int) -> int:
    """The block that holds most of our paragraph ``index``, else the block at the same share of
    the way through the text (-1: before the first)."""
    if not 0 <= index < len(paragraphs):
        return -1
    own = shingles(paragraphs[index])
    votes = Counter(owner[s] for s in own if s in owner)
    if votes:
        best, count = votes.most_common(1)[0]
        if count >= KEEP_SHARE * len(own):
            return best
    return round((index + 1) * blocks / len(paragraphs)) - 1


def _their_body(body: Body, blocks: list[Block]) -> Body:
    """trafilatura's blocks as the body, less any caption we hold as a figure; our figures placed
    after the block that holds the paragraph they followed in our reading."""
    caption_keys = {captions.caption_key(f.caption) for f in body.figures if f.caption}
    caption_keys |= {captions.caption_key(f"{f.caption} {f.credit or ''}") for f in body.figures}
    caption_keys.discard("")
    chosen: list[Block] = []
    figures: list[Figure] = []
    for block in blocks:
        if captions.caption_key(block.text) in caption_keys:
            continue
        text = _without_captions(block.text, body.page_captions)
        for caption in body.page_captions[:MAX_PAGE_CAPTIONS]:
            # A caption glued into their block is a figure of the article at that place.
            if caption in block.text and captions.caption_key(caption) not in caption_keys:
                caption_keys.add(captions.caption_key(caption))
                split = captions.split_caption_credit(caption)
                if split is not None and split.caption:
                    figures.append(Figure(split.caption, split.credit, len(chosen) - 1))
                else:
                    figures.append(Figure(caption, None, len(chosen) - 1))
        if text:
            chosen.append(Block(text, block.kind))
    # Which block holds each shingle (the first one), to place figures in one pass.
    owner: dict[str, int] = {}
    for j, block in enumerate(chosen):
        for shingle in shingles(block.text):
            owner.setdefault(shingle, j)
    placed: dict[int, int] = {}
    for figure in body.figures:
        i = figure.after_paragraph
        if i not in placed:
            placed[i] = _place(i, body.paragraphs, owner, len(chosen))
        figures.append(Figure(figure.caption, figure.credit, placed[i]))
    figures.sort(key=lambda f: f.after_paragraph)
    return Body([b.text for b in chosen], figures, [b.kind for b in chosen], body.page_captions)
