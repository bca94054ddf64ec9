"""Article text made safe for Qt widgets: plain text only, never rich text.

Qt decides "rich text or not" by guessing from the content in labels, tooltips and message
boxes; an article title such as ``<img src="file:///dev/zero">`` must never get that chance.
"""

from __future__ import annotations

import html
import os
import re
from datetime import datetime

from PySide6.QtCore import QLocale

from viewer.core.model import Article, Quote

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")
_WHITESPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """Same length as ``text``: control characters and lone surrogates become spaces.

    Keeping the length keeps character offsets (quote spans, mentions) valid.
    """
    return _CONTROL.sub(" ", text)


def one_line(text: str, limit: int = 300) -> str:
    """Collapse whitespace and shorten, for titles, rows and the status bar."""
    flat = _WHITESPACE.sub(" ", clean(text)).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def tooltip(text: str, limit: int = 600) -> str:
    """A tooltip that shows ``text`` literally: escaped inside an explicit rich-text wrapper."""
    return "<qt>" + html.escape(one_line(text, limit)) + "</qt>"


def display_date(value: str | None) -> str | None:
    """An ISO 8601 date as people read it: "14 Mar 2025", "8 Nov 2019, 15:30".

    The time is shown as the article gives it (its own zone); anything that is not ISO is
    returned as it is.
    """
    if not value:
        return value
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    day = f"{moment.day} {moment:%b %Y}"
    has_time = "T" in value or " " in value.strip()
    return f"{day}, {moment:%H:%M}" if has_time else day


def number(value: int) -> str:
    """A count with the thousands separator of the user's locale ("20,000", "20.000"); the
    bare "C" locale (no language set, common on servers and in containers) has none, so it
    gets a comma."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return f"{value:,}"
    return locale.toString(value)


def record_label(path: str, record: int | None) -> str:
    """A file's name, and for one record of a corpus its number as people count: "feed.jsonl,
    record 3" for the third (records are numbered from 0 inside the program)."""
    name = os.path.basename(path) or path
    return name if record is None else f"{name}, record {number(record + 1)}"


#: Between the parts of a quote the article splits ("…," she said, "…").
PART_JOINER = " … "


def quote_parts(quote: Quote, article: Article | None) -> list[str]:
    """Each part of a quote exactly as the article writes it (a split quote has two or more).

    The parts come from the quote's spans in the article's own paragraphs; when a span does
    not fit the article or the quote's words (the article changed), the quote's text is the
    one part.
    """
    parts: list[str] = []
    if article is not None:
        for span in quote.spans:
            if not 0 <= span.paragraph < len(article.paragraphs):
                break
            part = article.paragraphs[span.paragraph][span.start : span.end].strip()
            if not part:
                break
            parts.append(part)
    whole = one_line(quote.text, len(quote.text) + 1)
    fits = len(parts) == len(quote.spans) and all(one_line(p, len(p) + 1) in whole for p in parts)
    return parts if parts and fits else [quote.text]


def quote_words(quote: Quote, article: Article | None, limit: int = 20_000) -> str:
    """The quote on one line, its parts joined with " … " so they never read as one sentence."""
    return PART_JOINER.join(one_line(part, limit) for part in quote_parts(quote, article))
