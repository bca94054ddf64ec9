"""Article -> HTML from our own escaped template, and where each part lands in the document.

Only tags written here reach Qt's rich-text engine; every piece of article text is escaped
(and control characters blanked, keeping its length so quote and mention offsets hold).
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from viewer.core.cite import web_link
from viewer.core.model import Article, MentionPlace, ParagraphKind, ReadFailure
from viewer.ui.text import clean, display_date, record_label
from viewer.ui.text import number as locale_number

#: Beyond this many characters of body text the reader stops rendering and says so.
MAX_RENDER_CHARS = 400_000
#: A piece of text holding a giant unbroken word is shown up to this length (layout cost).
LONG_WORD_CAP = 10_000
#: A run of non-space characters longer than this makes the reader wrap anywhere (fast layout).
LONG_WORD = 5_000
_LONG_RUN = re.compile(rf"\S{{{LONG_WORD + 1},}}")


@dataclass(frozen=True, slots=True)
class Unit:
    """One piece of article text that is one block of the rendered document."""

    where: MentionPlace
    index: int
    field: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Rendered:
    html: str
    units: tuple[Unit, ...]
    truncated: bool
    has_long_word: bool


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)


def _para_text(text: str) -> str:
    # One paragraph is one block: a line break inside it would start a new block.
    return clean(text).replace("\n", " ").replace("\u2028", " ").replace("\u2029", " ")


#: How each kind of paragraph is shown: the element and its class in reader.css.
_KIND_MARKUP: dict[ParagraphKind, tuple[str, str]] = {
    "text": ("p", "body"),
    "heading": ("h3", "heading"),
    "list": ("li", "list-item"),
    "quote": ("blockquote", "quote"),
    "table": ("p", "table-row"),
}


def is_right_to_left(text: str) -> bool:
    """Whether the text's first letter with a direction is of a right-to-left script."""
    for char in text[:400]:
        direction = unicodedata.bidirectional(char)
        if direction == "L":
            return False
        if direction in ("R", "AL"):
            return True
    return False


def render_article(article: Article) -> Rendered:
    units: list[Unit] = []
    out: list[str] = []
    budget = MAX_RENDER_CHARS
    truncated = False

    def block(
        tag: str, css: str, where: MentionPlace, index: int, text: str, *, field: str | None = None
    ) -> None:
        nonlocal truncated
        body = _para_text(text)
        if len(body) > LONG_WORD_CAP and _LONG_RUN.search(body):
            body = body[:LONG_WORD_CAP]  # a prefix: offsets into it stay valid
            truncated = True
        units.append(Unit(where, index, field, body))
        direction = ' dir="rtl"' if is_right_to_left(body) else ""
        out.append(f'<{tag} class="{css}"{direction}>{html.escape(body, quote=False)}</{tag}>')

    title = article.title.strip() and article.title
    block("h1", "title", "title", 0, title or os.path.basename(article.path))
    if article.standfirst:
        block("p", "standfirst", "standfirst", 0, article.standfirst)
    meta = [_e(p) for p in (article.byline, display_date(article.date), article.source) if p]
    link = web_link(article.url)
    if link:
        host = urlsplit(link).netloc
        meta.append(f'<a href="{html.escape(link, quote=True)}">{_e(host)}</a>')
    if meta:
        out.append('<p class="meta">' + " · ".join(meta) + "</p>")
    out.append('<hr class="rule"/>')

    figures_after: dict[int, list[int]] = {}
    for number, figure in enumerate(article.figures):
        figures_after.setdefault(figure.after_paragraph, []).append(number)

    def figures(after: int) -> None:
        for number in figures_after.get(after, ()):
            figure = article.figures[number]
            out.append('<table class="figure" width="100%" cellspacing="0" cellpadding="8"><tr><td>')
            out.append(
                '<p class="figure-label">Photo caption</p>'
                if figure.caption
                else '<p class="figure-label">Photo</p>'
            )
            if figure.caption:
                block("p", "caption", "figure", number, figure.caption, field="caption")
            if figure.credit:
                block("p", "credit", "figure", number, figure.credit, field="credit")
            out.append("</td></tr></table>")

    list_open = False

    def open_list(wanted: bool) -> None:
        """Open or close the list around consecutive list items."""
        nonlocal list_open
        if wanted and not list_open:
            out.append('<ul class="list">')
        elif list_open and not wanted:
            out.append("</ul>")
        list_open = wanted

    figures(-1)
    for number, paragraph in enumerate(article.paragraphs):
        if budget <= 0:
            truncated = True
            break
        text = paragraph if len(paragraph) <= budget else paragraph[:budget]
        truncated = truncated or len(text) < len(paragraph)
        budget -= len(text)
        kind = article.kind_of(number)
        open_list(kind == "list")
        tag, css = _KIND_MARKUP.get(kind, _KIND_MARKUP["text"])
        block(tag, css, "paragraph", number, text)
        if number in figures_after:
            open_list(False)  # a figure stands apart, never inside a list
        figures(number)
    open_list(False)
    if budget <= 0 or truncated:
        out.append('<p class="note">Parts of this article are too long to show here in full.</p>')
    if budget > 0:
        # Figures whose paragraph index lies past the end still belong to the article.
        for after in sorted(k for k in figures_after if k >= len(article.paragraphs)):
            figures(after)
    if article.contributors:
        out.append('<p class="contributors">' + _e(article.contributors) + "</p>")
    has_long_word = any(_LONG_RUN.search(u.text) for u in units)
    return Rendered("\n".join(out), tuple(units), truncated, has_long_word)


def render_failure(failure: ReadFailure) -> Rendered:
    name = record_label(failure.path, failure.record)
    what = (
        "This file" if failure.record is None else f"Record {locale_number(failure.record + 1)} of this file"
    )
    parts = [
        f'<h1 class="title">{_e(name)}</h1>',
        f'<p class="error">{what} could not be read.</p>',
        f'<p class="body">{_e(failure.message)}</p>',
        f'<p class="meta">{_e(failure.path)}</p>',
    ]
    return Rendered("\n".join(parts), (), False, False)


def render_message(title: str, message: str) -> Rendered:
    return Rendered(f'<h1 class="title">{_e(title)}</h1><p class="body">{_e(message)}</p>', (), False, False)
