"""Property: whatever the article text, a range of it maps onto exactly those characters."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor

from viewer.core.model import Article, Figure
from viewer.ui.panes.reader import ReaderView, TextRange
from viewer.ui.panes.render import _para_text

paragraph_text = st.text(min_size=1, max_size=80)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    paragraphs=st.lists(paragraph_text, min_size=1, max_size=4),
    caption=paragraph_text,
    title=paragraph_text,
    data=st.data(),
)
def test_any_range_maps_to_its_own_characters(
    qapp: object, paragraphs: list[str], caption: str, title: str, data: st.DataObject
) -> None:
    view = ReaderView()  # owned by Python: freed when the example ends
    article = Article(
        "/p.txt", "text", title, tuple(paragraphs), (Figure(caption, "Credit", 0),), standfirst=title
    )
    view.show_article(article)
    index = data.draw(st.integers(0, len(paragraphs) - 1))
    text = paragraphs[index]
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    located = view.document_range(TextRange("paragraph", index, start, end))
    assert located is not None
    cursor = QTextCursor(view.document())
    cursor.setPosition(located[0])
    cursor.setPosition(located[1], QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == _para_text(text)[start:end]
    # Every part is found, the caption even when it repeats the label above it.
    # A blank title is shown as the file name instead.
    shown_title = title if title.strip() else "p.txt"
    for part, shown in (
        (TextRange("figure", 0, 0, len(caption), "caption"), caption),
        (TextRange("title", 0, 0, len(shown_title)), shown_title),
    ):
        located = view.document_range(part)
        assert located is not None
        cursor.setPosition(located[0])
        cursor.setPosition(located[1], QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == _para_text(shown)
    assert view.document_range(TextRange("standfirst", 0, 0, len(title))) is not None
