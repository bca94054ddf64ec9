from __future__ import annotations

import time
from dataclasses import replace

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextBlock, QTextCharFormat, QTextCursor, QTextDocument, QTextOption

from tests.ui.conftest import ferry_article
from viewer.core.cite import web_link
from viewer.core.model import Article, Figure, ReadFailure
from viewer.ui.panes.reader import ReaderPane, ReaderView, SafeDocument, TextRange
from viewer.ui.panes.render import LONG_WORD, render_article


def _reader(qtbot: object) -> ReaderView:
    pane = ReaderPane()
    qtbot.add_widget(pane)  # type: ignore[attr-defined]
    pane.resize(700, 500)
    pane.show()
    return pane.view


def test_render_escapes_article_text() -> None:
    article = replace(
        ferry_article(),
        title='<img src="file:///dev/zero">',
        paragraphs=("<table><tr><td>" * 3 + "<script>x</script>",),
    )
    rendered = render_article(article)
    assert "<img" not in rendered.html
    assert '&lt;img src="file:///dev/zero"&gt;' in rendered.html
    assert "<table><tr>" not in rendered.html
    assert "&lt;script&gt;" in rendered.html


def test_hostile_markup_shows_as_text(qtbot: object) -> None:
    view = _reader(qtbot)
    body = "<table>" * 200 + '<img src="file:///etc/passwd"><a href="file:///etc">x</a>'
    view.show_article(replace(ferry_article(), title='<img src="file:///dev/zero">', paragraphs=(body,)))
    text = view.toPlainText()
    assert '<img src="file:///dev/zero">' in text
    assert body in text


def test_figures_stand_apart_with_caption_and_credit(qtbot: object) -> None:
    view = _reader(qtbot)
    view.show_article(ferry_article())
    document = view.document()
    blocks = []
    block = document.begin()
    while block.isValid():
        blocks.append(block)
        block = block.next()
    texts = [b.text() for b in blocks]
    caption = texts.index("Passengers board at dawn.")
    credit = texts.index("Jo Smith/Harbour Photos")
    first_paragraph = texts.index(ferry_article().paragraphs[0])
    # The figure follows paragraph 0, in its own blocks inside a frame (table cell), not in the body.
    assert first_paragraph < caption < credit
    assert QTextCursor(blocks[caption]).currentTable() is not None
    assert QTextCursor(blocks[first_paragraph]).currentTable() is None

    def first_char_format(block: QTextBlock) -> QTextCharFormat:
        return block.begin().fragment().charFormat()

    caption_format = first_char_format(blocks[caption])
    credit_format = first_char_format(blocks[credit])
    # The credit is set off in smaller, italic type.
    assert credit_format.fontItalic()
    assert not caption_format.fontItalic()
    assert credit_format.font().pointSizeF() < caption_format.font().pointSizeF()


def test_document_loads_no_resources() -> None:
    document = SafeDocument()
    document.setHtml('<img src="file:///dev/zero"><img src="http://example.org/a.png">')
    for url in ("file:///dev/zero", "file:///etc/passwd", "http://example.org/a.png"):
        image = document.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(url))
        assert image.width() == 1
    css = document.loadResource(
        QTextDocument.ResourceType.StyleSheetResource.value, QUrl("file:///etc/passwd")
    )
    assert css == ""


def test_links_are_not_followed(qtbot: object) -> None:
    view = _reader(qtbot)
    view.show_article(ferry_article())
    before = view.toPlainText()
    refused: list[str] = []
    view.link_refused.connect(refused.append)
    view.anchorClicked.emit(QUrl("file:///etc/passwd"))
    view.anchorClicked.emit(QUrl("relative/page.html"))
    assert refused == ["file:///etc/passwd", "relative/page.html"]
    assert view.toPlainText() == before
    assert not view.openLinks()
    assert view.source().isEmpty()
    assert web_link("javascript:alert(1)") is None
    assert web_link("https://example.org/x") == "https://example.org/x"


def test_copy_is_plain_text_of_the_selection(qtbot: object) -> None:
    view = _reader(qtbot)
    view.show_article(ferry_article())
    found = view.document().find("island ferry")
    view.setTextCursor(found)
    mime = view.createMimeDataFromSelection()
    assert mime.text() == "island ferry"
    assert not mime.hasHtml()


def test_copy_across_a_caption_box_has_no_frame_markers(qtbot: object) -> None:
    view = _reader(qtbot)
    view.show_article(ferry_article())
    cursor = view.document().find("island ferry")
    end = view.document().find("Nobody cut corners")
    cursor.setPosition(end.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert "\ufdd0" in cursor.selectedText() or "\ufdd1" in cursor.selectedText()  # Qt's own markers
    text = view.createMimeDataFromSelection().text()
    assert not {"\ufdd0", "\ufdd1", "\u2029", "\ufffc"} & set(text)
    assert "Passengers board at dawn." in text
    assert text.endswith("Nobody cut corners")


def test_ranges_map_to_document_despite_wide_and_control_characters(qtbot: object) -> None:
    view = _reader(qtbot)
    paragraph = "Emoji 😀😀 first\x00then \U0001f680 Name here"
    view.show_article(replace(ferry_article(), paragraphs=(paragraph,), figures=()))
    start = paragraph.index("Name here")
    located = view.document_range(TextRange("paragraph", 0, start, start + 4))
    assert located is not None
    cursor = QTextCursor(view.document())
    cursor.setPosition(located[0])
    cursor.setPosition(located[1], QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "Name"
    assert view.document_range(TextRange("paragraph", 5, 0, 3)) is None


def test_giant_word_wraps_anywhere_and_lays_out_fast(qtbot: object) -> None:
    view = _reader(qtbot)
    started = time.perf_counter()
    view.show_article(replace(ferry_article(), paragraphs=("x" * 400_000,)))
    view.document().size()
    assert view.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    assert time.perf_counter() - started < 3.0
    assert "too long to show" in view.toPlainText()
    view.show_article(replace(ferry_article(), paragraphs=("y" * (LONG_WORD - 1) + " normal words",)))
    assert view.wordWrapMode() == QTextOption.WrapMode.WordWrap


def test_failure_page_explains_in_words(qtbot: object) -> None:
    view = _reader(qtbot)
    view.show_article(ReadFailure("/tmp/x/<b>bad</b>.json", "not valid JSON", "json"))
    text = view.toPlainText()
    assert "could not be read" in text
    assert "not valid JSON" in text
    assert "<b>bad</b>.json" in text


def test_find_highlights_every_hit_and_steps(qtbot: object) -> None:
    pane = ReaderPane()
    qtbot.add_widget(pane)  # type: ignore[attr-defined]
    pane.show()
    pane.view.show_article(ferry_article())
    bar = pane.find_bar
    bar.open_bar()
    bar.edit.setText("harbour")
    hits = bar.hits()
    # "harbour master" in the body and "Harbour Board", plus "Harbour Photos" in the credit.
    assert len(hits) == 3
    assert pane.view.layer("find") == hits
    assert bar.current() == 0
    assert pane.view.layer("find-current") == [hits[0]]
    bar.next_hit()
    assert pane.view.layer("find-current") == [hits[1]]
    bar.previous_hit()
    bar.previous_hit()
    assert bar.current() == 2
    assert bar.count.text() == "3 of 3"
    bar.edit.setText("no such words")
    assert bar.hits() == []
    assert bar.count.text() == "no matches"
    bar.close_bar()
    assert pane.view.layer("find") == []


def test_very_long_article_is_cut_with_a_note(qtbot: object) -> None:
    view = _reader(qtbot)
    paragraphs = tuple("word " * 20_000 for _ in range(10))
    view.show_article(Article("/a.txt", "text", "Long", paragraphs))
    assert "too long to show" in view.toPlainText()


def test_caption_equal_to_the_label_is_still_found(qtbot: object) -> None:
    view = _reader(qtbot)
    view.show_article(replace(ferry_article(), figures=(Figure("caption", None, 0),)))
    located = view.document_range(TextRange("figure", 0, 0, 7, "caption"))
    assert located is not None
    cursor = QTextCursor(view.document())
    cursor.setPosition(located[0])
    assert cursor.block().text() == "caption"


def test_headings_lists_quotes_and_tables_are_shown_as_such(qtbot: object) -> None:
    article = replace(
        ferry_article(),
        paragraphs=("Opening text.", "What next", "First point", "Second point", "A quoted line.", "Jan | 3"),
        paragraph_kinds=("text", "heading", "list", "list", "quote", "table"),
        figures=(Figure("", "Jo Smith/Harbour Photos", 0),),
    )
    rendered = render_article(article)
    assert '<h3 class="heading">What next</h3>' in rendered.html
    assert '<ul class="list">\n<li class="list-item">First point</li>' in rendered.html
    assert '<blockquote class="quote">A quoted line.</blockquote>' in rendered.html
    assert "(no caption)" not in rendered.html
    view = _reader(qtbot)
    view.show_article(article)
    # Every paragraph is still one block of its own, so highlights land where they should.
    for index, text in enumerate(article.paragraphs):
        assert view.document_range(TextRange("paragraph", index, 0, len(text))) is not None
    block = view.document().begin()
    while block.isValid() and block.text() != "First point":
        block = block.next()
    assert block.textList() is not None


def test_right_to_left_text_is_laid_out_right_to_left(qtbot: object) -> None:
    arabic = "قال مدير الميناء إن جدول الرحلات سيتغير قبل الربيع."
    article = replace(ferry_article(), paragraphs=(arabic, "The harbour master spoke in English too."))
    rendered = render_article(article)
    assert f'<p class="body" dir="rtl">{arabic}</p>' in rendered.html
    view = _reader(qtbot)
    view.show_article(article)
    block = view.document().begin()
    while block.isValid() and block.text() != arabic:
        block = block.next()
    assert block.isValid()
    assert block.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
