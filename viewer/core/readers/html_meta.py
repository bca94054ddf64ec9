"""Metadata of a saved web page: title, standfirst, byline, date, site name and URL.

Three sources, most trusted first: JSON-LD (``NewsArticle`` and kin, also inside ``@graph``
lists), ``<meta>`` tags (Open Graph, Twitter cards, ``article:published_time``, ``author``,
``description``) and visible markup (``itemprop``, ``rel=author``, byline classes, ``<time>``,
``<h1>``, ``<title>``). Every value is checked before it is used: a byline that is a URL or a
Twitter handle, or a date that does not parse, is skipped for the next source.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, Tag

from viewer.core.dates import parse_date
from viewer.core.readers.html_text import attr_words, inline_text, word_count

#: JSON-LD scripts larger than this are skipped (a page's article record is a few KB).
MAX_JSON_LD_CHARS = 1_000_000

_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "scholarlyarticle",
    "techarticle",
    "report",
}


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a page says about itself; any field may be unknown."""

    title: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    #: True when the standfirst came from visible markup (it then leaves the body).
    standfirst_visible: bool = False


# A character reference left in a value: JSON-LD is script text, which the HTML parser does
# not decode, and content management systems write its strings HTML-escaped ("&#8216;The
# Medium&#8217;", "Smith &amp; Sons"); some escape a <meta> value twice. Only complete
# references (ending in ";") are read, so "AT&T" or "R&D" stay as written.
_LEFT_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _clean(text: object) -> str | None:
    if not isinstance(text, str):
        return None
    if "&" in text:
        text = _LEFT_REFERENCE.sub(lambda m: html.unescape(m.group()), text)
    cleaned = " ".join(text.split())
    return cleaned or None


# --- one walk over the page -----------------------------------------------------------


@dataclass(slots=True)
class _PageIndex:
    """The elements metadata is read from, gathered in one walk over the page."""

    metas: list[Tag] = field(default_factory=list)
    json_ld: list[Tag] = field(default_factory=list)
    title: Tag | None = None
    h1: Tag | None = None
    canonical: Tag | None = None
    item_authors: list[Tag] = field(default_factory=list)
    rel_authors: list[Tag] = field(default_factory=list)
    byline_classes: list[Tag] = field(default_factory=list)
    item_dates: list[Tag] = field(default_factory=list)
    times: list[Tag] = field(default_factory=list)
    standfirsts: list[Tag] = field(default_factory=list)

    def add(self, tag: Tag) -> None:
        """A tag other than ``<meta>`` and ``<script>``: kept by its name, then by its marks."""
        self._add_by_name(tag)
        self._add_by_marks(tag)

    def _add_by_name(self, tag: Tag) -> None:
        name = tag.name
        if name == "title" and self.title is None:
            self.title = tag
        elif name == "h1" and self.h1 is None:
            self.h1 = tag
        elif name == "link" and self.canonical is None and "canonical" in (tag.get("rel") or []):
            self.canonical = tag
        elif name == "time":
            _keep(self.times, tag)

    def _add_by_marks(self, tag: Tag) -> None:
        itemprop = str(tag.get("itemprop") or "")
        if itemprop == "author":
            _keep(self.item_authors, tag)
        elif itemprop == "datePublished":
            _keep(self.item_dates, tag)
        if "author" in (tag.get("rel") or []):
            _keep(self.rel_authors, tag)
        words = attr_words(tag)
        if not words:
            return
        if _BYLINE_CLASS.search(words) and not _NOT_BYLINE_CLASS.search(words):
            _keep(self.byline_classes, tag)
        if tag.name in ("p", "div", "h2", "span") and _STANDFIRST_CLASS.search(words):
            _keep(self.standfirsts, tag)


#: How many candidates of one kind are kept (the first ones in the page).
_MAX_CANDIDATES = 60


def _keep(bucket: list[Tag], tag: Tag) -> None:
    if len(bucket) < _MAX_CANDIDATES:
        bucket.append(tag)


def _index_page(soup: BeautifulSoup) -> _PageIndex:
    index = _PageIndex()
    for tag in soup.descendants:
        if not isinstance(tag, Tag):
            continue
        if tag.name == "meta":
            index.metas.append(tag)
        elif tag.name == "script":
            if "ld+json" in str(tag.get("type") or "").lower():
                index.json_ld.append(tag)
        else:
            index.add(tag)
    return index


# --- JSON-LD ---------------------------------------------------------------------------


def _json_ld_objects(index: _PageIndex) -> Iterator[dict[str, Any]]:
    """Every object in the page's JSON-LD scripts, ``@graph`` lists flattened; bad JSON skipped."""
    for script in index.json_ld:
        raw = script.string or ""
        if len(raw) > MAX_JSON_LD_CHARS:
            continue
        raw = raw.strip()
        # Some sites wrap the JSON in CDATA markers or HTML comments.
        raw = re.sub(r"^(?:<!\[CDATA\[|<!--)\s*|\s*(?:\]\]>|-->)$", "", raw)
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        pending: list[Any] = [data]
        seen = 0
        while pending and seen < 500:
            item = pending.pop(0)
            seen += 1
            if isinstance(item, list):
                pending.extend(item)
            elif isinstance(item, dict):
                graph = item.get("@graph")
                if isinstance(graph, list):
                    pending.extend(graph)
                main = item.get("mainEntity")
                if isinstance(main, dict):
                    pending.append(main)
                yield item


def _types(obj: dict[str, Any]) -> set[str]:
    raw = obj.get("@type")
    names = raw if isinstance(raw, list) else [raw]
    return {n.rsplit("/", 1)[-1].lower() for n in names if isinstance(n, str)}


def _names(value: Any) -> list[str]:
    """Person or organisation names from a JSON-LD value (string, object or list of them)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items[:20]:
        name = _clean(item.get("name")) if isinstance(item, dict) else _clean(item)
        if name and not _looks_like_link(name) and name not in names:
            names.append(name)
    return names


def _looks_like_link(text: str) -> bool:
    return bool(re.match(r"^(?:https?:|www\.|/)", text)) or text.startswith("@")


@dataclass(frozen=True, slots=True)
class _LinkedData:
    headline: str | None = None
    description: str | None = None
    author: str | None = None
    date: str | None = None
    publisher: str | None = None
    url: str | None = None


def _linked_data(index: _PageIndex) -> _LinkedData:
    article: dict[str, Any] | None = None
    publisher_fallback: str | None = None
    for obj in _json_ld_objects(index):
        types = _types(obj)
        if article is None and types & _ARTICLE_TYPES:
            article = obj
        if publisher_fallback is None and types & {"newsmediaorganization", "organization"}:
            publisher_fallback = _clean(obj.get("name"))
    if article is None:
        return _LinkedData(publisher=publisher_fallback)
    publisher = _names(article.get("publisher"))
    url = _clean(article.get("url"))
    if url is None and isinstance(article.get("mainEntityOfPage"), dict):
        url = _clean(article["mainEntityOfPage"].get("@id"))
    return _LinkedData(
        headline=_clean(article.get("headline")) or _clean(article.get("name")),
        description=_clean(article.get("description")),
        author=", ".join(dict.fromkeys(clean_byline(n) or n for n in _names(article.get("author")))) or None,
        date=parse_date(_clean(article.get("datePublished")) or _clean(article.get("dateCreated"))),
        publisher=publisher[0] if publisher else publisher_fallback,
        url=url,
    )


# --- <meta> tags -----------------------------------------------------------------------


def _meta_tags(index: _PageIndex) -> dict[str, str]:
    """``<meta>`` values by lower-case name/property/itemprop; the first one of a name wins."""
    found: dict[str, str] = {}
    for meta in index.metas:
        value = _clean(meta.get("content"))
        if value is None:
            continue
        for attr in ("property", "name", "itemprop"):
            key = meta.get(attr)
            if isinstance(key, str) and key.strip():
                found.setdefault(key.strip().lower(), value)
    return found


def _first(meta: dict[str, str], *keys: str) -> str | None:
    for key in keys:
        if meta.get(key):
            return meta[key]
    return None


# --- visible markup --------------------------------------------------------------------

_BYLINE_CLASS = re.compile(r"byline|author|writer|contributor", re.IGNORECASE)
_NOT_BYLINE_CLASS = re.compile(r"bio|avatar|photo|image|img|follow|twitter|social|about", re.IGNORECASE)
_BY_PREFIX = re.compile(r"^(?:written\s+by|words\s+by|posted\s+by|by)\s*:?\s+", re.IGNORECASE)
# Where a byline's names end: a date, a digit, a separator, "on Mar 3", "Updated", an e-mail.
_BYLINE_END = re.compile(
    r"\s*(?:\d|[|•·–—]|\s-\s|\bon\s+(?=[A-Z][a-z]{2})|\b(?:updated|published|posted)\b|\S+@\S+"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d)",
    re.IGNORECASE,
)
# Not "intro", "lede" or "summary": sites also give those names to the first paragraph of the
# body or to teasers of other stories.
_STANDFIRST_CLASS = re.compile(r"standfirst|\bdek\b|subhead|sub-head|strapline", re.IGNORECASE)


def clean_byline(text: str | None) -> str | None:
    """The names of a byline: "By Jane Roe - May 3, 2021" -> "Jane Roe"; None if no name."""
    if not text:
        return None
    text = " ".join(text.split())
    text = _BY_PREFIX.sub("", text)
    end = _BYLINE_END.search(text)
    if end is not None:
        text = text[: end.start()]
    text = re.sub(r"\s+and\s*$|[\s,;:]+$", "", text).strip()
    if not text or _looks_like_link(text) or len(text) > 100 or not re.search(r"[A-Za-z]{2}", text):
        return None
    # A byline names people: a handful of words, mostly capitalised.
    words = [w for w in re.split(r"[\s,]+", text) if w]
    if len(words) > 12 or sum(w[:1].isupper() for w in words) < max(1, len(words) // 2):
        return None
    return text


def _visible_byline(index: _PageIndex) -> str | None:
    for tag in [*index.item_authors, *index.rel_authors, *index.byline_classes]:
        if tag.name in ("body", "html", "meta", "link", "script", "style"):
            continue
        name_tag = tag.find(itemprop="name") if tag.get("itemprop") == "author" else None
        source = name_tag if isinstance(name_tag, Tag) else tag
        text = _clean(str(source.get("content") or "")) or inline_text(source, limit=300)
        byline = clean_byline(text)
        if byline:
            return byline
    return None


def _visible_date(index: _PageIndex) -> str | None:
    for tag in index.item_dates:
        found = parse_date(_clean(tag.get("content")) or _clean(tag.get("datetime")) or inline_text(tag))
        if found:
            return found
    for tag in index.times:
        found = parse_date(_clean(tag.get("datetime")) or inline_text(tag, limit=200))
        if found:
            return found
    return None


def _visible_standfirst(index: _PageIndex) -> str | None:
    for tag in index.standfirsts:
        words = attr_words(tag)
        if (
            not re.search(r"caption|teaser|promo|related", words, re.IGNORECASE)
            and tag.find_parent(["a", "li", "aside", "nav", "footer"]) is None
        ):
            text = inline_text(tag, limit=800)
            if text and 40 <= len(text) <= 600:
                return text
    return None


_TITLE_SEPARATORS = re.compile(r"\s+[|–—»·:/-]\s+|\s+-\s+")


def _title_from_title_tag(title: str, site: str | None) -> str:
    """The page ``<title>`` without the site's name the page glued on (" - Site", "Site | ")."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site_key = re.sub(r"\W+", "", site or "").lower()
    kept = [p for p in parts if re.sub(r"\W+", "", p).lower() not in ("", site_key)] if site_key else parts
    if kept and len(kept) < len(parts):
        return " - ".join(kept) if len(kept) > 1 else kept[0]
    # Otherwise drop a short last part (a site or section name) when the rest is long enough.
    head = title[: title.rfind(_TITLE_SEPARATORS.findall(title)[-1])]
    if word_count(parts[-1]) <= 4 and word_count(head) >= 3:
        return head
    return title


def _headline_in_title_tag(page_title: str, h1: Tag | None) -> str | None:
    """The ``<h1>`` when the page ``<title>`` is it with the site's name glued on, whatever the
    separator ("Headline_Site", "Headline｜Site" on pages in Chinese or Japanese)."""
    headline = inline_text(h1, limit=500) if h1 is not None else None
    if not headline:
        return None
    key, whole = _flat(headline), _flat(page_title)
    return headline if key and key in whole and len(key) >= 0.4 * len(whole) else None


def _flat(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def _site_from_title_tag(page_title: str, title: str) -> str | None:
    """The site's name a page glued to its headline in ``<title>`` ("Headline - Site")."""
    parts = _TITLE_SEPARATORS.split(page_title)
    if len(parts) < 2 or re.sub(r"\W+", "", parts[0]).lower() != re.sub(r"\W+", "", title).lower():
        return None
    site = parts[-1].strip()
    return site if 0 < len(site.split()) <= 5 else None


#: The ``<meta>`` names of a byline and of the publication date, in the order they are trusted.
_BYLINE_KEYS = ("author", "article:author", "parsely-author", "dc.creator", "sailthru.author", "byl")
_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "date",
    "pubdate",
    "publish-date",
    "article.published",
)


def _first_read(
    meta: dict[str, str], keys: tuple[str, ...], read: Callable[[str | None], str | None]
) -> str | None:
    """The first of ``keys`` whose value ``read`` makes something of."""
    for key in keys:
        found = read(meta.get(key))
        if found:
            return found
    return None


def _title(
    linked: _LinkedData, meta: dict[str, str], index: _PageIndex, page_title: str | None, source: str | None
) -> str | None:
    """The headline: JSON-LD's (unless cut short), the ``<meta>`` tags', the one in ``<title>``, the ``<h1>``."""
    headline = linked.headline
    if headline and headline.endswith(("…", "...")):
        headline = None
    title = headline or _first(meta, "og:title", "twitter:title", "title", "dc.title", "parsely-title")
    if not title and page_title:
        title = _headline_in_title_tag(page_title, index.h1) or _title_from_title_tag(page_title, source)
    if not title:
        title = inline_text(index.h1, limit=500) if index.h1 is not None else None
    return title


def _url(index: _PageIndex, meta: dict[str, str], linked: _LinkedData) -> str | None:
    """The canonical link, ``og:url`` or JSON-LD's, if it is a web address."""
    url = None
    if index.canonical is not None:
        url = _clean(index.canonical.get("href"))
    url = url or _first(meta, "og:url") or linked.url
    if url and not url.startswith(("http://", "https://")):
        return None
    return url


def read_meta(soup: BeautifulSoup) -> PageMeta:
    """Metadata from JSON-LD, ``<meta>`` tags and visible markup, in that order of trust."""
    index = _index_page(soup)
    linked = _linked_data(index)
    meta = _meta_tags(index)

    source = _first(meta, "og:site_name", "application-name") or linked.publisher
    if source and _looks_like_link(source):
        source = None
    page_title = inline_text(index.title) if index.title is not None else None
    title = _title(linked, meta, index, page_title, source)
    if not source and page_title and title:
        source = _site_from_title_tag(page_title, title)

    byline = linked.author or _first_read(meta, _BYLINE_KEYS, clean_byline) or _visible_byline(index)
    date = linked.date or _first_read(meta, _DATE_KEYS, parse_date) or _visible_date(index)
    visible = _visible_standfirst(index)
    standfirst = (
        visible or linked.description or _first(meta, "og:description", "description", "twitter:description")
    )
    url = _url(index, meta, linked)
    return PageMeta(
        title=title,
        standfirst=standfirst,
        byline=byline,
        date=date,
        source=source,
        url=url,
        standfirst_visible=visible is not None,
    )
