"""Small helpers over a parsed page: the visible text of an element, its class and id words.

Every walk here is iterative, so a page nested thousands of levels deep cannot exhaust Python's
recursion limit, and costs what it visits (see :func:`descendants`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TypeGuard

from bs4 import Tag
from bs4.element import NavigableString, PageElement

#: Elements that end a line of text when they start or end.
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)


def is_text(node: object) -> TypeGuard[NavigableString]:
    """A visible text node (not a comment, CDATA, doctype or script/style contents)."""
    return type(node) is NavigableString


def attr_words(tag: Tag) -> str:
    """The element's class names and id, space-separated (what boilerplate rules look at)."""
    classes = tag.get("class")
    parts = list(classes) if isinstance(classes, list) else [str(classes or "")]
    ident = tag.get("id")
    if isinstance(ident, str):
        parts.append(ident)
    return " ".join(p for p in parts if p)


def descendants(tag: Tag) -> Iterator[PageElement]:
    """The nodes under ``tag`` in document order, each for the cost of one step.

    bs4's ``Tag.descendants`` first finds the element's last descendant, and when the element
    has no next sibling it walks down to it: as deep as the tree. Called on each of thousands
    of elements nested in one another (a hostile page) that was quadratic.
    """
    stack = [iter(tag.contents)]
    while stack:
        for node in stack[-1]:
            yield node
            if isinstance(node, Tag) and node.contents:
                stack.append(iter(node.contents))
                break
        else:
            stack.pop()


def node_counts(root: Tag) -> dict[int, int]:
    """How many nodes lie under each element of ``root`` (by ``id()``), in one pass."""
    tags = [root, *(node for node in descendants(root) if isinstance(node, Tag))]
    counts: dict[int, int] = {}
    for tag in reversed(tags):
        counts[id(tag)] = sum(1 + counts.get(id(child), 0) for child in tag.contents)
    return counts


def deeper_than(root: Tag, limit: int) -> bool:
    """Whether an element lies more than ``limit`` levels under ``root``."""
    stack = [(root, 0)]
    while stack:
        tag, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in tag.contents if isinstance(child, Tag))
    return False


def inline_text(tag: Tag, limit: int = 100_000, max_nodes: int | None = None) -> str | None:
    """The element's visible text with spacing collapsed (block edges become spaces), or None.

    Reading stops after about ``limit`` characters; with ``max_nodes``, an element with more
    nodes than that gives None (a caption or a credit is never that big).
    """
    pieces: list[str] = []
    size = 0
    for count, node in enumerate(descendants(tag)):
        if max_nodes is not None and count >= max_nodes:
            return None
        if is_text(node):
            pieces.append(str(node))
            size += len(pieces[-1])
        elif isinstance(node, Tag) and (node.name in BLOCK_TAGS or node.name == "br"):
            pieces.append(" ")
        if size > limit:
            break
    text = " ".join("".join(pieces).split())
    return text or None


# Characters that carry no text: the soft hyphen (a hint where a word may break), zero-width
# space, word joiner and a stray byte-order mark. Joiners (U+200C/U+200D) stay: Persian, Indic
# scripts and emoji need them.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
# Scripts written without spaces between words: Han, kana; Thai, Lao, Myanmar, Khmer.
_CJK_CHAR = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SEA_CHAR = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
#: Characters that end a sentence in the scripts we read (Latin, CJK full-width, Devanagari,
#: Arabic and Urdu), with closing quotes and brackets allowed after them.
SENTENCE_END = re.compile(r"[.!?:;。！？।؟۔…][\"”’»)）」』]*\s*$|[\"”’»)）」』]\s*$")


def normalise_text(text: str) -> str:
    """Invisible characters removed and every run of spaces (any kind) made one space."""
    return " ".join(_INVISIBLE.sub("", text).split())


def word_count(text: str) -> float:
    """About how many words ``text`` holds, also in scripts that put no spaces between words.

    A Han or kana character counts as half a word, a Thai, Lao, Myanmar or Khmer letter as a
    fifth (their average word lengths), every other space-separated token as one.
    """
    cjk = len(_CJK_CHAR.findall(text))
    sea = len(_SEA_CHAR.findall(text))
    tokens = len(text.split())
    if not cjk and not sea:
        return float(tokens)
    return tokens + cjk / 2 + sea / 5


def text_weight(text: str) -> int:
    """The length of ``text`` in Latin-letter terms: a Han or kana character carries about as
    much as three Latin letters, so a short Chinese paragraph weighs like an English one."""
    return len(text) + 2 * len(_CJK_CHAR.findall(text))
