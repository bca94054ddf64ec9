"""Citation formats for a quote, and the one clipboard seam.

Plain text: “quote” — Speaker, role, “Article title”, source, date, URL
HTML: the same inside a ``<blockquote>``, every part escaped; Markdown on request.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from viewer.core.model import Article, Quote
from viewer.ui.panes.render import safe_link
from viewer.ui.text import display_date, one_line, quote_words

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _attribution(quote: Quote) -> list[str]:
    parts = [one_line(quote.speaker, 200)] if quote.speaker else ["unattributed"]
    if quote.role:
        parts.append(one_line(quote.role, 200))
    return parts


def _article_parts(article: Article) -> list[str]:
    return [one_line(p, 200) for p in (article.source, display_date(article.date)) if p]


def quote_text(quote: Quote, article: Article) -> str:
    """The quoted words; the parts of a split quote joined with " … ", each as written."""
    return quote_words(quote, article)


def quote_plain(quote: Quote, article: Article) -> str:
    parts = [*_attribution(quote), f"“{one_line(article.title, 500)}”", *_article_parts(article)]
    link = safe_link(article.url)
    if link:
        parts.append(one_line(link, 2000))
    return f"“{quote_text(quote, article)}” — " + ", ".join(parts)


def quote_html(quote: Quote, article: Article) -> str:
    e = html.escape
    speaker, *rest = _attribution(quote)
    title = e(one_line(article.title, 500))
    link = safe_link(article.url)
    cite = f'<a href="{e(link, quote=True)}"><cite>{title}</cite></a>' if link else f"<cite>{title}</cite>"
    parts = [
        f"<strong>{e(speaker)}</strong>",
        *(e(p) for p in rest),
        cite,
        *(e(p) for p in _article_parts(article)),
    ]
    cite_attr = f' cite="{e(link, quote=True)}"' if link else ""
    return f"<blockquote{cite_attr}><p>“{e(quote_text(quote, article))}”</p><footer>— {', '.join(parts)}</footer></blockquote>"


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def quote_markdown(quote: Quote, article: Article) -> str:
    speaker, *rest = _attribution(quote)
    title = _md(one_line(article.title, 500))
    link = safe_link(article.url)
    title_part = f"[*{title}*]({link.replace(')', '%29').replace(' ', '%20')})" if link else f"*{title}*"
    parts = [
        f"**{_md(speaker)}**",
        *(_md(p) for p in rest),
        title_part,
        *(_md(p) for p in _article_parts(article)),
    ]
    return f"> “{_md(quote_text(quote, article))}”\n>\n> — " + ", ".join(parts)


def put_on_clipboard(plain: str, rich_html: str | None = None) -> None:
    """The one place that writes the clipboard: plain text, plus HTML when given."""
    mime = QMimeData()
    mime.setText(plain)
    if rich_html is not None:
        mime.setHtml(rich_html)
    clipboard = QGuiApplication.clipboard()
    clipboard.setMimeData(mime)
