"""The article inside a saved web page: body paragraphs in order, captions as figures.

How the body is found (all passes iterative, linear in the size of the page):

1. Drop what is never article text: scripts, styles, forms, navigation, footers, asides,
   hidden elements, and containers whose class or id names boilerplate (share bars,
   newsletters, related stories, comments...). A container holding most of the page's prose
   is kept whatever its name (some sites wrap the whole page in a ``<form>``).
2. Score text blocks. A block (the nearest block element around a run of text) of prose,
   long or ending like a sentence and with few links, counts its characters in favour;
   links and short fragments (menus, labels, teasers) count against. Each element's score
   is the sum over the blocks inside it, so the best element holds the most prose and the
   least clutter: a tree version of the maximum-sum stretch. ``<article>``, ``<main>``,
   ``itemprop=articleBody`` and article-body class names get a bonus.
3. Walk the chosen element in document order: block elements end paragraphs, ``<br><br>``
   too; ``<figure>``, ``<figcaption>`` and caption/credit markup become figures at the place
   they stood and never reach the body. Figures of the enclosing ``<article>`` outside the
   chosen element (a lead photo above the text) are kept too. Each paragraph gets a kind:
   ``h2``-``h4`` are headings, ``li``/``dd`` list items, ``blockquote`` quotes, and the cells
   of a data row (one with no paragraphs of its own; layout tables are read as text) make one
   ``"table"`` line joined by " | ".

Lengths are weighed so that scripts without spaces count like others: a Han or kana character
weighs three Latin letters when blocks are scored, and word counts and sentence ends know
CJK, Thai-family, Devanagari and Arabic text (:mod:`viewer.core.readers.html_text`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PageElement

from viewer.core import captions
from viewer.core.model import Figure, ParagraphKind
from viewer.core.readers.html_text import (
    BLOCK_TAGS,
    SENTENCE_END,
    attr_words,
    inline_text,
    is_text,
    node_counts,
    normalise_text,
    text_weight,
    word_count,
)

#: Elements whose text is never article text.
_DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "canvas",
        "iframe",
        "object",
        "embed",
        "button",
        "input",
        "select",
        "textarea",
        "option",
        "nav",
        "footer",
        "aside",
        "dialog",
        "menu",
        "head",
        "title",
        "link",
        "meta",
        "audio",
        "video",
        "map",
    }
)
#: Dropped unless they hold most of the page's prose (page-wide wrappers).
_DROP_UNLESS_MAIN = frozenset({"form", "header"})

_BOILERPLATE = re.compile(
    r"comment|share|sharing|social|related|recommend|newsletter|subscribe|signup|sign-up|promo|"
    r"advert|(?:^|[\s_-])ads?(?:$|[\s_-])|ad-?slot|sponsor|sidebar|breadcrumb|cookie|consent|popup|"
    r"modal|(?<!article-)(?<!post-)(?<!entry-)(?<!story-)masthead|skip-?link|paywall|outbrain|taboola|more-stories|most-(?:popular|read)|"
    r"trending|toolbar|pagination|pager|tag-?list|author-?bio|disqus|site-?header|site-?footer|"
    r"footer|navigation|navbar|menu|read-?more|also-?read|you-?may|further-?reading|print-?only|"
    r"about-?(?:us|box|the-?(?:author|site|publication))|donat(?:e|ion)|support-?us|membership",
    re.IGNORECASE,
)
_ARTICLE_CLASS = re.compile(
    r"article-?body|story-?body|articlebody|post-?content|entry-?content|story-?content|"
    r"article-?content|body-?text|article-?text|main-?content|post-?body|rich-?text",
    re.IGNORECASE,
)
_CAPTION_CLASS = re.compile(r"caption|credit|copyright", re.IGNORECASE)
_CREDIT_CLASS = re.compile(r"credit|copyright|photographer|attribution|source|byline|author", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CREDIT_PREFIX = re.compile(
    r"^\s*(?:(?:\(|\[)?\s*"
    r"(?:(?:image\s+)?copyright|©|photo(?:graph)?s?|image|picture|pic|credit|source|courtesy)"
    r"(?:\s+(?:credit|by|courtesy(?:\s+of)?))?\s*[:\-–—]?\s*)+",
    re.IGNORECASE,
)
_MEDIA_MARKER = re.compile(r"^(?:media|video|audio)\s*caption:?\s*", re.IGNORECASE)
_BOILERPLATE_LINE = re.compile(
    r"^(?:advertisement|advertising|advert|sponsored(?: content)?|read later|most (?:popular|read)|"
    r"story continues below.*|continue reading.*|"
    r"read more.*|share (?:this|on).*|click here.*|sign up.*|subscribe.*|follow us.*|"
    r"(?:image|photo|picture|slide)?\s*\d+\s*(?:of|/)\s*/?\s*\d+|caption close|close|loading.*|"
    r"back to (?:gallery|top|home).*|updated|published|posted|"
    r"skip (?:to|advertisement).*|scroll to continue.*|related(?: articles?| stories)?:?|https?://\S+)$",
    re.IGNORECASE,
)
# What is left of a date or time line ("Updated 1:39 am EST, Wednesday, Nov. 20, 2019") once
# these go: nothing.
_DATE_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)[a-z]*\b\.?|"
    r"(?:\b|(?<=\d))(?:am|pm|a\.m\.|p\.m\.|[A-Z]{2,4}T|GMT|UTC|updated|published|posted|last|on|at)\b"
    r"|[\d\s,./:|@-]+",
    re.IGNORECASE,
)

_QUOTATION_START = re.compile(r"^[\"“”„«»‘’‚‹›「『]")
#: A caption-marked element longer than this is a wrapper, not a caption.
_MAX_CAPTION_ELEMENT_CHARS = 1500
#: A page caption shorter than this is not looked for in other readings (a short one could
#: match body text by chance).
_MIN_PAGE_CAPTION = 20
#: A caption-marked element with more nodes than this is a wrapper too.
_MAX_CAPTION_NODES = 5000
_LINK_DENSITY_LIMIT = 0.5
_BAD_WEIGHT = 1.0
#: A wrapper around the body text is part of the article while the body is this share of its text.
_SCOPE_SHARE = 0.7
#: How many wrappers above the article may still be part of it.
_MAX_SCOPE_STEPS = 30


@dataclass(slots=True)
class Body:
    """The article text of a page: paragraphs and the figures between them."""

    paragraphs: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    kinds: list[ParagraphKind] = field(default_factory=list)
    #: Every caption text marked up anywhere on the page, also outside the article: text that
    #: must not reach the body whoever chose it.
    page_captions: list[str] = field(default_factory=list)
    #: Per paragraph: inside recipe markup, kept whatever a second opinion says.
    in_recipe: list[bool] = field(default_factory=list)


# --- pass 1: pruning -------------------------------------------------------------------


def _tags(root: Tag) -> list[Tag]:
    return [node for node in root.descendants if isinstance(node, Tag)]


def _text_sizes(tags: list[Tag]) -> dict[int, int]:
    """Characters of visible text under each element, by ``id()`` (children before parents)."""
    sizes: dict[int, int] = {}
    for tag in reversed(tags):
        total = 0
        for child in tag.children:
            if isinstance(child, Tag):
                total += sizes.get(id(child), 0)
            elif is_text(child):
                total += len(child.strip())
        sizes[id(tag)] = total
    return sizes


def _prose_by_element(root: Tag) -> dict[int, int]:
    """Characters of prose (text inside ``<p>`` elements) under each element, by ``id()``."""
    tags = _tags(root)
    sizes = _text_sizes(tags)
    prose: dict[int, int] = {}
    for tag in [*reversed(tags), root]:
        if tag.name == "p":
            prose[id(tag)] = sizes.get(id(tag), 0)
        else:
            prose[id(tag)] = sum(prose.get(id(c), 0) for c in tag.children if isinstance(c, Tag))
    return prose


def _is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden"):
        return True
    style = tag.get("style")
    return isinstance(style, str) and bool(_HIDDEN_STYLE.search(style))


def _is_caption_like(tag: Tag) -> bool:
    if tag.name in ("figure", "figcaption"):
        return True
    words = attr_words(tag)
    return bool(words and _CAPTION_CLASS.search(words))


def _should_drop(tag: Tag, share: float) -> bool:
    name = tag.name
    if name in _DROP_TAGS or _is_hidden(tag):
        return True
    if name in _DROP_UNLESS_MAIN:
        return share < 0.5
    if name in ("html", "body", "article", "main") or share >= 0.3 or _is_caption_like(tag):
        return False
    words = attr_words(tag)
    return bool(words and _BOILERPLATE.search(words) and not _ARTICLE_CLASS.search(words))


def prune(soup: BeautifulSoup) -> None:
    """Remove everything that is never article text (see the module docstring).

    One walk from the top that does not enter what it removes, so each element is looked
    at once whatever the nesting.
    """
    body = soup.body if isinstance(soup.body, Tag) else soup
    prose = _prose_by_element(body)
    total = prose.get(id(body), 0) or 1
    stack: list[Tag] = [child for child in body.children if isinstance(child, Tag)]
    while stack:
        tag = stack.pop()
        if not _should_drop(tag, prose.get(id(tag), 0) / total):
            stack.extend(child for child in tag.children if isinstance(child, Tag))
            continue
        # A page header may hold the lead photo: keep its figures in its place.
        figures = [f for f in tag.find_all("figure") if isinstance(f, Tag)] if tag.name == "header" else []
        if figures:
            tag.replace_with(*[f.extract() for f in figures])
        else:
            tag.extract()
    _drop_cards_in_paragraphs(body)


def _drop_cards_in_paragraphs(body: Tag) -> None:
    """Remove the cards a page keeps inside a paragraph until a pointer rests on a name (a
    portrait, the name again, links to the person's other stories and a "MORE"): the
    smallest element around a paragraph's image whose text is all links, two or more."""
    seen: set[int] = set()  # each element is weighed once, however many images it holds
    for image in body.find_all("img"):
        paragraph = image.find_parent("p")
        if paragraph is None:
            continue
        node = image.parent
        while isinstance(node, Tag) and node is not paragraph and id(node) not in seen:
            seen.add(id(node))
            links = node.find_all("a")
            if len(links) >= 2:
                linked = sum(len("".join(a.get_text().split())) for a in links)
                if len("".join(node.get_text().split())) - linked <= 2:
                    node.extract()
                break
            node = node.parent


# --- pass 2: choosing the container ----------------------------------------------------


def _block_gains(root: Tag) -> dict[int, float]:
    """The score each text block adds to the elements around it, by ``id()`` of the block.

    A block is the nearest block element around a run of text. One pass from the top
    gives every element its block and whether it sits inside a link.
    """
    block_of: dict[int, Tag] = {id(root): root}
    in_link: dict[int, bool] = {id(root): root.name == "a"}
    text_len: dict[int, int] = {}
    link_len: dict[int, int] = {}
    tails: dict[int, str] = {}
    blocks: dict[int, Tag] = {}
    for node in root.descendants:
        parent = node.parent
        if parent is None:
            continue
        if isinstance(node, Tag):
            block_of[id(node)] = node if node.name in BLOCK_TAGS else block_of.get(id(parent), root)
            in_link[id(node)] = node.name == "a" or in_link.get(id(parent), False)
            continue
        if not is_text(node):
            continue
        size = text_weight(" ".join(node.split()))
        if not size:
            continue
        block = block_of.get(id(parent), root)
        key = id(block)
        blocks[key] = block
        text_len[key] = text_len.get(key, 0) + size
        tails[key] = node.strip()[-3:]
        if in_link.get(id(parent), False):
            link_len[key] = link_len.get(key, 0) + size
    gains: dict[int, float] = {}
    for key, size in text_len.items():
        links = link_len.get(key, 0)
        density = links / size
        sentence = bool(SENTENCE_END.search(tails.get(key, "")))
        if blocks[key].name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            gains[key] = 0.0
        elif density < 0.35 and (size >= 80 or (size >= 30 and sentence)):
            gains[key] = float(size - links)
        else:
            gains[key] = -_BAD_WEIGHT * size
    return gains


def _bonus(tag: Tag) -> float:
    if tag.name in ("article", "main") or tag.get("role") == "main":
        return 1.25
    if str(tag.get("itemprop") or "").lower() == "articlebody":
        return 1.5
    words = attr_words(tag)
    if words and _ARTICLE_CLASS.search(words):
        return 1.2
    return 1.0


def choose_container(soup: BeautifulSoup) -> Tag:
    """The element that holds the article text (``<body>`` when nothing stands out)."""
    body = soup.body if isinstance(soup.body, Tag) else soup
    gains = _block_gains(body)
    tags = _tags(body)
    totals: dict[int, float] = {}
    for tag in reversed(tags):
        total = gains.get(id(tag), 0.0)
        for child in tag.children:
            if isinstance(child, Tag):
                total += totals.get(id(child), 0.0)
        totals[id(tag)] = total
    totals[id(body)] = gains.get(id(body), 0.0) + sum(
        totals.get(id(child), 0.0) for child in body.children if isinstance(child, Tag)
    )
    best: Tag = body
    best_score = 0.0
    for tag in [body, *tags]:
        score = totals[id(tag)]
        if score > 0:
            score *= _bonus(tag)
        if score > best_score:
            best, best_score = tag, score
    return _first_of_several_articles(_marked_body_around(best), totals)


def _marked_body_around(best: Tag) -> Tag:
    """The element the page marks as its article body (``itemprop=articleBody`` or a body
    class) when the best-scoring element lies inside it: a list story ("10 things to know")
    whose items open with linked headlines scores item by item, and one item is not the article.
    """
    if _bonus(best) > 1.0:
        return best
    for ancestor in best.parents:
        if not isinstance(ancestor, Tag) or ancestor.name in (
            "body",
            "html",
            "[document]",
            "article",
            "main",
        ):
            break  # an <article> is the unit itself: one of several stories stays one story
        if _bonus(ancestor) >= 1.2:
            return ancestor
    return best


def _first_of_several_articles(best: Tag, totals: dict[int, float]) -> Tag:
    """Pages that append the next story below the first hold several ``<article>`` elements
    side by side; the chosen element then spans them all. The page's own story comes first.
    """
    if best.name == "article":
        return best
    whole = totals.get(id(best), 0.0)
    stories = _outermost(
        [t for t in best.find_all("article") if isinstance(t, Tag) and totals.get(id(t), 0.0) > 0.25 * whole]
    )
    return stories[0] if len(stories) >= 2 else best


# --- pass 3: paragraphs and figures ----------------------------------------------------


def _strip_credit_words(text: str) -> str:
    """The credit without brackets and "Photo:"/"Credit"/"Image copyright" words."""
    parsed = captions.parse_credit(text)
    if parsed and _CREDIT_PREFIX.match(parsed) is None:
        return parsed
    cleaned = _CREDIT_PREFIX.sub("", text).strip()
    return cleaned.strip("()[] ").strip() or text.strip()


def _text_without(tag: Tag, skip: list[Tag]) -> str:
    """Visible text of ``tag`` leaving out the subtrees in ``skip``."""
    skipped = {id(s) for s in skip}
    pieces: list[str] = []
    stack: list[PageElement] = [tag]
    while stack:
        node = stack.pop()
        if is_text(node):
            pieces.append(str(node))
        elif isinstance(node, Tag) and id(node) not in skipped:
            if node.name in BLOCK_TAGS or node.name == "br":
                pieces.append(" ")
            stack.extend(reversed(list(node.children)))
    return " ".join("".join(pieces).split())


def _outermost(tags: list[Tag]) -> list[Tag]:
    """The tags (in document order) not inside another tag of the list."""
    covered: set[int] = set()
    kept: list[Tag] = []
    for tag in tags:
        if id(tag) in covered:
            continue
        kept.append(tag)
        covered.update(id(d) for d in tag.descendants if isinstance(d, Tag))
    return kept


def _is_credit_element(tag: Tag) -> bool:
    """A credit: marked as one by its class, or text that is a credit as a whole ("(Image: AP)")."""
    if tag.name in ("figure", "figcaption"):
        return False
    text = inline_text(tag, limit=200, max_nodes=100) or ""
    if not 0 < len(text) <= captions.MAX_CREDIT_CHARS:
        return False  # a box of links whose class says "author" ("more-on--author") is no credit
    words = attr_words(tag)
    if words and _CREDIT_CLASS.search(words) and not re.search(r"caption", words, re.IGNORECASE):
        return True
    return captions.parse_credit(text) is not None


# A caption that is only a credit: "Photo by X", "Image courtesy of X", "Credit: X", "© X".
_CREDIT_LINE = re.compile(
    r"^(?:(?:photo(?:graph)?s?|image|picture|pic)\s+(?:by|credit|courtesy(?:\s+of)?)\b"
    r"|(?:photo|image|credit|source|courtesy)\s*:|©|copyright\b)",
    re.IGNORECASE,
)
# A gallery's counter before its caption ("Image 1 of 23", "4of4", "3/10") and its controls
# after a shortened one ("... less ... more").
_GALLERY_COUNTER = re.compile(r"^(?:(?:image|photo|picture|slide)\s*)?\d+\s*(?:of|/)\s*\d+(?!\d)\s*", re.I)
_GALLERY_CONTROLS = re.compile(r"(?:\s*(?:\.\.\.|…)?\s*\b(?:less|more|show (?:less|more))\b)+\s*$", re.I)
# What is left of a credit label when the name went to the credit ("Image via", "Photo by").
_LABEL_ONLY = re.compile(
    r"^(?:image|photo|picture|pic|foto)s?(?:\s+(?:via|by|credit|courtesy(?: of)?))?\s*:?$", re.I
)


def _clean_figure_caption(text: str) -> str:
    text = text.strip(" |-–—")
    marker = captions.strip_leading_marker(text)
    if marker is not None:
        text = marker
    text = _GALLERY_COUNTER.sub("", _MEDIA_MARKER.sub("", text))
    if re.search(r"(?:\.\.\.|…)\s*(?:less|more)\b", text, re.I):
        text = _GALLERY_CONTROLS.sub("", text)
    text = text.strip(" |-–—")
    words = text.split()
    half = len(words) // 2
    if half >= 3 and len(words) % 2 == 0 and words[:half] == words[half:]:
        text = " ".join(words[:half])  # the caption printed twice in one element
    return "" if _LABEL_ONLY.match(text) else text


def figure_from(tag: Tag) -> Figure | None:
    """A figure from ``<figure>``, ``<figcaption>`` or caption/credit markup; None if empty."""
    if _is_credit_element(tag):
        lone_credit = inline_text(tag, limit=400)
        return Figure("", _strip_credit_words(lone_credit), -1) if lone_credit else None
    credit_tags = _outermost([t for t in tag.find_all(True) if isinstance(t, Tag) and _is_credit_element(t)])
    sources: list[Tag] = [tag]
    if tag.name == "figure":
        found = [t for t in tag.find_all("figcaption") if isinstance(t, Tag)]
        if not found:
            found = [
                t
                for t in tag.find_all(True)
                if isinstance(t, Tag) and re.search(r"caption", attr_words(t) or "-", re.IGNORECASE)
            ]
        if not found and tag.find(["img", "picture", "video", "svg"]) is None:
            # No caption and no picture: a pull quote or an embed, not a photo.
            return None
        sources = _outermost(found) or sources
    # A figure may print its caption twice (a short and an expanded copy): each text once.
    texts = list(dict.fromkeys(_text_without(t, credit_tags) for t in sources))
    caption = _clean_figure_caption(" ".join(_once(texts)))
    credit_text = " ".join(filter(None, (inline_text(t, limit=400) for t in credit_tags))).strip()
    credit: str | None = _strip_credit_words(credit_text) if credit_text else None
    if credit is None:
        split = captions.split_caption_credit(caption)
        if split is not None and split.caption:
            caption, credit = split.caption, split.credit
        elif _CREDIT_LINE.match(caption) and len(caption) <= captions.MAX_CREDIT_CHARS:
            # The whole caption is a credit line ("Photo by Ana Ruiz/Getty Images").
            caption, credit = "", _strip_credit_words(caption)
    if _is_boilerplate_line(caption):
        caption = ""
    if not caption and not credit:
        return None
    return Figure(caption, credit, -1)


def _once(texts: list[str]) -> list[str]:
    """The texts without any whose words another one already holds."""
    if len(texts) > 20:
        return texts  # not a caption's copies: too many pieces to compare each with each
    keys = [captions.caption_key(t) for t in texts]
    return [
        t
        for i, t in enumerate(texts)
        if keys[i]
        and not any(
            j != i and keys[i] in keys[j] and (len(keys[j]) > len(keys[i]) or j < i)
            for j in range(len(texts))
        )
    ]


@dataclass(slots=True)
class _Walker:
    """Collects paragraphs and figures while walking one element in document order."""

    paragraphs: list[str] = field(default_factory=list)
    kinds: list[ParagraphKind] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    link_chars: int = 0
    text_chars: int = 0
    in_link: int = 0
    #: How many open elements of each structural kind surround the walk ("heading", "row"...).
    open_kinds: dict[str, int] = field(default_factory=dict)
    #: Per paragraph: inside recipe markup (ingredients and steps are content, however short).
    in_recipe: list[bool] = field(default_factory=list)
    recipe_depth: int = 0
    #: Nodes under each element (:func:`node_counts`): a caption-marked wrapper is told by its
    #: size without reading it.
    node_counts: dict[int, int] = field(default_factory=dict)

    def kind(self) -> ParagraphKind:
        open_ = self.open_kinds
        for name, kind in _KIND_ORDER:
            if open_.get(name):
                return kind
        return "text"

    def flush(self) -> None:
        raw = "".join(self.buffer)
        links, total = self.link_chars, self.text_chars
        self.buffer.clear()
        self.link_chars = self.text_chars = 0
        density = links / total if total else 0.0
        if density > _LINK_DENSITY_LIMIT and not (density < 0.9 and _is_prose(raw)):
            return
        for piece in re.split(r"\n\s*\n", raw):
            text = normalise_text(piece)
            kind = self.kind()
            if kind == "table":
                text = " | ".join(c.strip() for c in text.strip(" |").split(" | ") if c.strip(" |"))
                if self.kinds and self.kinds[-1] == "table" and self.paragraphs[-1] == text:
                    continue  # a header row repeated as the table's footer
            if text:
                self.paragraphs.append(text)
                self.kinds.append(kind)
                self.in_recipe.append(self.recipe_depth > 0)

    def add_figure(self, figure: Figure) -> None:
        self.figures.append(Figure(figure.caption, figure.credit, len(self.paragraphs) - 1))

    def walk(self, root: Tag) -> None:
        stack: list[tuple[PageElement, bool]] = [(root, False)]
        rows_with_blocks = _holders(root, _LAYOUT_TAGS)
        while stack:
            node, leaving = stack.pop()
            if isinstance(node, NavigableString):
                self.add_text(node)
                continue
            if not isinstance(node, Tag):
                continue
            structure = _STRUCTURE.get(node.name)
            if node.name == "tr" and id(node) in rows_with_blocks:
                structure = None  # a layout table: its cells hold paragraphs of their own
            if leaving:
                self.leave(node, structure)
            elif self.enter(node, structure, is_root=node is root):
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(list(node.children)))
        self.flush()

    def add_text(self, node: NavigableString) -> None:
        if is_text(node):
            text = str(node)
            self.buffer.append(text)
            size = len(text.strip())
            self.text_chars += size
            if self.in_link:
                self.link_chars += size

    def enter(self, node: Tag, structure: str | None, *, is_root: bool) -> bool:
        """Opens ``node``; whether to walk its children (a caption, a line break or the
        headline is taken whole)."""
        name = node.name
        if not is_root and _is_caption_like(node) and _fits_caption(node, self.node_counts):
            self.flush()
            figure = figure_from(node)
            if figure is not None:
                self.add_figure(figure)
            return False
        if name == "br":
            self.buffer.append("\n")
            return False
        if name == "h1":
            # The headline: it is the article's title, not part of its body.
            self.flush()
            return False
        if name in _CELL_TAGS and self.open_kinds.get("row"):
            pass  # the cells of a row make one line
        elif name in BLOCK_TAGS:
            self.flush()
        elif name == "a":
            self.in_link += 1
        if structure:
            self.open_kinds[structure] = self.open_kinds.get(structure, 0) + 1
        if _is_recipe_markup(node):
            self.recipe_depth += 1
        return True

    def leave(self, node: Tag, structure: str | None) -> None:
        """Closes ``node``, whose children have been walked."""
        name = node.name
        if name == "a":
            self.in_link -= 1
        elif name in _CELL_TAGS and self.open_kinds.get("row"):
            self.buffer.append(" | ")
        elif name in BLOCK_TAGS:
            self.flush()
        if structure:
            self.open_kinds[structure] -= 1
        if _is_recipe_markup(node):
            self.recipe_depth -= 1


#: Elements that give the paragraphs inside them a kind, and the kind each open one gives
#: (the first open one in this order wins: a heading inside a list item is a heading).
_STRUCTURE = {
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "tr": "row",
    "li": "list",
    "dd": "list",
    "blockquote": "quote",
}
_KIND_ORDER: tuple[tuple[str, ParagraphKind], ...] = (
    ("heading", "heading"),
    ("row", "table"),
    ("list", "list"),
    ("quote", "quote"),
)
_CELL_TAGS = frozenset({"td", "th"})
_LAYOUT_TAGS = ["p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "blockquote", "section", "article"]


_RECIPE_CLASS = re.compile(r"(?:^|[\s_-])(?:recipes?|ingredients?)(?:$|[\s_-])", re.IGNORECASE)


def _is_recipe_markup(tag: Tag) -> bool:
    """A recipe by schema.org microdata (``itemtype=.../Recipe``, ``itemprop=recipe...``) or by
    the class names recipe plugins use ("recipe-card", "wprm-recipe-ingredients")."""
    if "recipe" in str(tag.get("itemtype") or "").lower() or str(tag.get("itemprop") or "").startswith(
        "recipe"
    ):
        return True
    words = attr_words(tag)
    return bool(words and _RECIPE_CLASS.search(words))


def _fits_caption(tag: Tag, counts: dict[int, int]) -> bool:
    """Small enough to be one caption. Told by the element's size first, so that a chain of
    caption-marked elements nested thousands deep is not read once for each of them; one with
    no text fits (there is nothing under it to read)."""
    size = counts.get(id(tag))
    if size is None:
        text = inline_text(tag, limit=_MAX_CAPTION_ELEMENT_CHARS + 1, max_nodes=_MAX_CAPTION_NODES)
        return text is not None and len(text) <= _MAX_CAPTION_ELEMENT_CHARS
    if size > _MAX_CAPTION_NODES:
        return False
    text = inline_text(tag, limit=_MAX_CAPTION_ELEMENT_CHARS + 1)
    return text is None or len(text) <= _MAX_CAPTION_ELEMENT_CHARS


def _holders(root: Tag, names: list[str]) -> set[int]:
    """The elements under ``root`` (and ``root``) holding one of the ``names`` elements, by
    ``id()``: found from each such element up, each holder marked once (asking every row
    whether it holds one read a table nested thousands deep once per row)."""
    held: set[int] = set()
    for tag in root.find_all(names):
        node = tag.parent
        while node is not None and id(node) not in held:
            held.add(id(node))
            if node is root:
                break
            node = node.parent
    return held


def _scope_of(container: Tag) -> Tag:
    """The element around the container whose figures belong to the article too.

    From the nearest ``<article>``/``<main>`` around it (or the container itself), the
    wrappers around that which add little text of their own: a lead photo in a sibling of the
    body text, as in a "hero" section above it.
    """
    scope = container
    for ancestor in [container, *container.parents]:
        if isinstance(ancestor, Tag) and (
            ancestor.name in ("article", "main") or ancestor.get("role") == "main"
        ):
            scope = ancestor
            break
    size = len(inline_text(container) or "")
    # A few wrappers at most (each is read whole: a chain thousands deep is not climbed).
    for ancestor in itertools.islice(scope.parents, _MAX_SCOPE_STEPS):
        if not isinstance(ancestor, Tag) or ancestor.name in ("body", "html", "[document]"):
            break
        if size < _SCOPE_SHARE * len(inline_text(ancestor) or ""):
            break
        scope = ancestor
    return scope


def _outside_figures(scope: Tag, container: Tag, counts: dict[int, int]) -> tuple[list[Figure], list[Figure]]:
    """Figures in ``scope`` but outside ``container``: those before it and those after it."""
    before: list[Figure] = []
    after: list[Figure] = []
    if scope is container:
        return before, after
    seen_container = False
    stack: list[PageElement] = [scope]
    while stack:
        node = stack.pop()
        if not isinstance(node, Tag):
            continue
        if node is container:
            seen_container = True
            continue
        if node is not scope and _is_caption_like(node) and _fits_caption(node, counts):
            figure = figure_from(node)
            if figure is not None:
                (after if seen_container else before).append(figure)
            continue
        stack.extend(reversed(list(node.children)))
    return before, after


def _merge_credit_only(figures: list[Figure]) -> list[Figure]:
    """A credit standing alone joins the figure next to it that has none; repeats collapse."""
    merged: list[Figure] = []
    seen: dict[str, int] = {}
    for figure in figures:
        if not figure.caption:
            if merged and merged[-1].credit is None:
                last = merged[-1]
                merged[-1] = Figure(last.caption, figure.credit, last.after_paragraph)
            elif figure.credit and word_count(figure.credit) >= 2:
                merged.append(figure)
            continue
        key = captions.caption_key(figure.caption)
        if key in seen:
            old = merged[seen[key]]
            if old.credit is None and figure.credit:
                merged[seen[key]] = Figure(old.caption, figure.credit, old.after_paragraph)
            continue
        if merged and not merged[-1].caption and merged[-1].after_paragraph == figure.after_paragraph:
            # A credit printed just before its caption.
            credit = merged.pop().credit
            seen[key] = len(merged)
            merged.append(Figure(figure.caption, figure.credit or credit, figure.after_paragraph))
            continue
        seen[key] = len(merged)
        merged.append(figure)
    return merged


def _collapse_shortened(figures: list[Figure]) -> list[Figure]:
    """One figure per photo: a caption the page also shows shortened ("... at ...") or a lone
    credit repeating the credit of a captioned figure at the same place goes."""
    keys = [captions.caption_key(f.caption.rstrip(".… ")) for f in figures]
    # In sorted order, a key that another key starts with is followed by such a key.
    ordered = sorted(set(keys))
    shortened = {
        key for key, after in itertools.pairwise(ordered) if len(key) >= 20 and after.startswith(key)
    }
    credited = {(f.credit, f.after_paragraph) for f in figures if f.caption and f.credit}
    return [
        figure
        for figure, key in zip(figures, keys, strict=True)
        if key not in shortened
        and (figure.caption or (figure.credit, figure.after_paragraph) not in credited)
    ]


def _is_boilerplate_line(text: str) -> bool:
    if re.match(r"^https?://\S+$", text):
        return True
    if len(text) > 80:
        return False
    return bool(_BOILERPLATE_LINE.match(text.strip(" .:|"))) or _is_date_line(text)


def _is_date_line(text: str) -> bool:
    """A line that only gives a date or a time ("Nov. 19, 2019", "5:53 PM")."""
    return bool(re.search(r"\d", text)) and not _DATE_WORDS.sub("", text).strip()


def _is_prose(text: str) -> bool:
    """Running text: a sentence of some length, whatever links it carries."""
    return word_count(text) >= 12 and bool(SENTENCE_END.search(text.strip()))


def extract_body(soup: BeautifulSoup) -> Body:
    """Body paragraphs and figures of an already pruned page (see :func:`prune`)."""
    container = choose_container(soup)
    walker = _Walker(node_counts=node_counts(soup))
    walker.walk(container)
    before, after = _outside_figures(_scope_of(container), container, walker.node_counts)
    last = len(walker.paragraphs) - 1
    # Captions the page did not mark up, recognised by their credits as in plain text.
    in_text: list[Figure] = []
    uncredited = {f.after_paragraph for f in walker.figures if f.credit is None}
    for i, text in enumerate(walker.paragraphs):
        if (
            len(text) > captions.MAX_CAPTION_CHARS
            or walker.kinds[i] != "text"
            or _QUOTATION_START.match(text)
        ):
            continue  # a quotation with its source ("..." [Book 2]) is not a photo caption
        split = captions.split_caption_credit(text)
        if split is not None and split.caption:
            in_text.append(Figure(split.caption, split.credit, i - 1))
            continue
        # A lone credit line counts only right after a figure that has none ("SOURCE: X" at
        # the end of a story is not a photo credit).
        credit = captions.standalone_credit(text)
        if credit is not None and (i - 1) in uncredited:
            in_text.append(Figure("", credit, i - 1))
    figures = sorted(
        [Figure(f.caption, f.credit, -1) for f in before]
        + walker.figures
        + in_text
        + [Figure(f.caption, f.credit, last) for f in after],
        key=lambda f: f.after_paragraph,
    )
    caption_units = {f.after_paragraph + 1 for f in in_text}
    figures = _collapse_shortened(_merge_credit_only(figures))
    caption_keys = set()
    for figure in figures:
        caption_keys.add(captions.caption_key(figure.caption))
        caption_keys.add(captions.caption_key(f"{figure.caption} {figure.credit or ''}"))
    caption_keys.discard("")

    # Drop boilerplate lines and any paragraph that repeats a caption; keep figure positions.
    body = Body()
    new_index: list[int] = []
    for i, text in enumerate(walker.paragraphs):
        furniture = walker.kinds[i] != "table" and _is_boilerplate_line(text)
        if i in caption_units or furniture or captions.caption_key(text) in caption_keys:
            new_index.append(len(body.paragraphs) - 1)
            continue
        body.paragraphs.append(text)
        body.kinds.append(walker.kinds[i])
        body.in_recipe.append(walker.in_recipe[i])
        new_index.append(len(body.paragraphs) - 1)
    body.figures = [
        Figure(f.caption, f.credit, new_index[f.after_paragraph] if f.after_paragraph >= 0 else -1)
        for f in figures
    ]
    # The lines taken for captions by their credits are the page's captions too: no other
    # reading of the page (trafilatura's, every line of it) may show them as body text.
    body.page_captions = (
        _page_captions(soup)
        + [
            walker.paragraphs[i]
            for i in sorted(caption_units)
            if len(walker.paragraphs[i]) >= _MIN_PAGE_CAPTION
        ]
        + _caption_lines(soup, caption_keys, walker.node_counts)
    )
    return body


#: Lines of the page that may be captions: small blocks, read whole.
_LINE_TAGS = ("p", "div", "li")
_MAX_LINE_NODES = 50


def _caption_lines(soup: BeautifulSoup, caption_keys: set[str], counts: dict[int, int]) -> list[str]:
    """Lines anywhere on the page that are captions: a figure's caption repeated, or a caption
    with its credit (``Caption. (Photo/Agency)``), as in the part of the page we read. Such a
    line is a caption though it stands outside that part (trafilatura's reading may hold it)."""
    found: list[str] = []
    for tag in soup.find_all(_LINE_TAGS):
        if not isinstance(tag, Tag) or counts.get(id(tag), _MAX_LINE_NODES + 1) > _MAX_LINE_NODES:
            continue
        text = inline_text(tag, limit=captions.MAX_CAPTION_CHARS + 1) or ""
        if _MIN_PAGE_CAPTION <= len(text) <= captions.MAX_CAPTION_CHARS and _is_caption_line(
            text, caption_keys
        ):
            found.append(text)
    return found


def _is_caption_line(line: str, caption_keys: set[str]) -> bool:
    """A figure's caption (bare or with a credit in any form), or any caption with its credit;
    a quotation with its source ("..." [Book 2]) is no photo caption."""
    if captions.caption_key(line) in caption_keys:
        return True
    split = captions.split_caption_credit(line)
    return split is not None and bool(split.caption) and not _QUOTATION_START.match(line)


def _page_captions(soup: BeautifulSoup) -> list[str]:
    found: list[str] = []
    for tag in _outermost([t for t in soup.find_all(True) if isinstance(t, Tag) and _is_caption_like(t)]):
        text = inline_text(tag, limit=_MAX_CAPTION_ELEMENT_CHARS + 1, max_nodes=_MAX_CAPTION_NODES)
        if text and _MIN_PAGE_CAPTION <= len(text) <= _MAX_CAPTION_ELEMENT_CHARS:
            found.append(text)
    return found
