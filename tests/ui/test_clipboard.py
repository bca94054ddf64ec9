from __future__ import annotations

import json
from dataclasses import replace

from PySide6.QtGui import QGuiApplication

from tests.ui.conftest import ferry_article
from tests.ui.voices import LIND, SCANDAL, pier_article
from viewer.core.cite import FORMATS
from viewer.core.model import Quote, Span
from viewer.ui.clipboard import (
    CSL_JSON_MIME,
    citation_content,
    put_on_clipboard,
    quote_html,
    quote_markdown,
    quote_plain,
)

QUOTE = Quote("Ships <b>sail</b> & *return*", "Ana <Ruiz>", "said", (Span(0, 0, 5),), role="port *chief*")


def test_plain_citation_has_quote_speaker_role_title_source_date() -> None:
    article = replace(ferry_article(), url=None)
    assert quote_plain(QUOTE, article) == (
        "“Ships <b>sail</b> & *return*” — Ana <Ruiz>, port *chief*, “Ferry sails again”, The Test Gazette, 6 May 2024"
    )


def test_unattributed_quote_says_so_and_missing_parts_are_left_out() -> None:
    article = replace(ferry_article(), source=None, date=None, url=None)
    text = quote_plain(Quote("Hello", None, None, ()), article)
    assert text == "“Hello” — unattributed, “Ferry sails again”"


def test_html_is_an_escaped_blockquote() -> None:
    html = quote_html(QUOTE, replace(ferry_article(), url="javascript:alert(1)"))
    assert html.startswith("<blockquote><p>“Ships &lt;b&gt;sail&lt;/b&gt; &amp; *return*”</p>")
    assert "<strong>Ana &lt;Ruiz&gt;</strong>" in html
    assert "javascript" not in html
    linked = quote_html(QUOTE, ferry_article())
    assert '<blockquote cite="https://example.org/ferry">' in linked
    assert '<a href="https://example.org/ferry"><cite>Ferry sails again</cite></a>' in linked


def test_markdown_escapes_markup_characters() -> None:
    text = quote_markdown(QUOTE, ferry_article())
    assert text.startswith("> “Ships \\<b\\>sail\\</b\\> & \\*return\\*”\n>\n> — **Ana \\<Ruiz\\>**")
    assert "[*Ferry sails again*](https://example.org/ferry)" in text


def test_clipboard_seam_sets_plain_and_html(qtbot: object) -> None:
    put_on_clipboard("plain words", "<blockquote>rich</blockquote>")
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == "plain words"
    assert "<blockquote>rich</blockquote>" in mime.html()
    put_on_clipboard("only plain")
    assert not QGuiApplication.clipboard().mimeData().hasHtml()


def test_split_quote_parts_are_joined_with_an_ellipsis_each_as_written() -> None:
    article = replace(ferry_article(), paragraphs=("“Not yet,” she said, “but soon.”",))
    first, second = article.paragraphs[0].index("Not"), article.paragraphs[0].index("but")
    quote = Quote(
        "Not yet, but soon.", "Ana", "said", (Span(0, first, first + 8), Span(0, second, second + 9))
    )
    assert quote_plain(quote, article).startswith("“Not yet, … but soon.” — Ana")
    assert quote_html(quote, article).startswith(
        '<blockquote cite="https://example.org/ferry"><p>“Not yet, … but soon.”</p>'
    )
    assert quote_markdown(quote, article).startswith("> “Not yet, … but soon.”")


def test_plain_citation_ends_with_the_url() -> None:
    assert quote_plain(QUOTE, ferry_article()).endswith("6 May 2024, https://example.org/ferry")


def test_every_format_on_the_clipboard_says_a_reported_statement_is_reported() -> None:
    for quote, label in ((LIND, "Reported"), (SCANDAL, "Partly quoted")):
        made = {fmt: citation_content(quote, pier_article(), fmt) for fmt in FORMATS}
        assert made["plain"].text.startswith(f"{label}: Ana Lind")
        assert made["plain"].html is not None and "<blockquote" not in made["plain"].html
        assert made["html"].html is not None and f"<strong>{label}</strong>" in made["html"].html
        assert made["markdown"].text.startswith(f"**{label}**")
        assert made["template"].text.startswith(f"{label}: ")  # the default template's “ ” left out
        [(mime, data)] = made["csl-json"].extra
        item = json.loads(data.decode("utf-8"))[0]
        assert mime == CSL_JSON_MIME and item["custom"]["kind"] == quote.kind
        assert item["note"].startswith(f"{label}: ") and "quote" not in item["custom"]
    assert "“the pier" not in citation_content(LIND, pier_article(), "template").text
