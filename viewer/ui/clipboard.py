"""The one clipboard seam, and what each citation format puts on the clipboard.

The formats themselves are made in :mod:`viewer.core.cite` (pure functions); here they become
clipboard contents: the plain citation also carries its HTML, HTML carries the plain citation
as its fallback, CSL-JSON carries its own MIME type beside the text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QMimeData
from PySide6.QtGui import QGuiApplication

from viewer.core.cite import (
    DEFAULT_TEMPLATE,
    CitationFormat,
    cite,
    cite_html,
    cite_markdown,
    cite_plain,
)
from viewer.core.model import Article, Quote

#: The registered media type of CSL-JSON (IANA), for programs that look for it.
CSL_JSON_MIME = "application/vnd.citationstyles.csl+json"


def quote_plain(quote: Quote, article: Article) -> str:
    return cite_plain(quote, article)


def quote_html(quote: Quote, article: Article) -> str:
    return cite_html(quote, article)


def quote_markdown(quote: Quote, article: Article) -> str:
    return cite_markdown(quote, article)


@dataclass(frozen=True, slots=True)
class ClipboardContent:
    """What one copy puts on the clipboard: text, optionally HTML and other MIME types."""

    text: str
    html: str | None = None
    extra: tuple[tuple[str, bytes], ...] = ()


def citation_content(
    quote: Quote, article: Article, fmt: CitationFormat, template: str = DEFAULT_TEMPLATE
) -> ClipboardContent:
    """The clipboard content for a quote cited in ``fmt``. Raises
    :class:`~viewer.core.cite.TemplateError` for a bad template."""
    if fmt in ("plain", "html"):
        return ClipboardContent(cite_plain(quote, article), cite_html(quote, article))
    text = cite(quote, article, fmt, template)
    if fmt == "csl-json":
        return ClipboardContent(text, None, ((CSL_JSON_MIME, text.encode("utf-8")),))
    return ClipboardContent(text)


def put_content(content: ClipboardContent) -> None:
    put_on_clipboard(content.text, content.html, dict(content.extra))


def put_on_clipboard(
    plain: str, rich_html: str | None = None, extra: Mapping[str, bytes] | None = None
) -> None:
    """The one place that writes the clipboard: plain text, plus HTML and other types when given."""
    mime = QMimeData()
    mime.setText(plain)
    if rich_html is not None:
        mime.setHtml(rich_html)
    for kind, data in (extra or {}).items():
        mime.setData(kind, QByteArray(data))
    clipboard = QGuiApplication.clipboard()
    clipboard.setMimeData(mime)
