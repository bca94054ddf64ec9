"""Full-text search over articles."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.core.index import CorpusIndex, build_match
from viewer.core.model import Article, Figure


def _article(title: str, *paragraphs: str, caption: str = "") -> Article:
    figures = (Figure(caption, "Ann Lee/Star", 0),) if caption else ()
    return Article(path=f"{title}.txt", format="text", title=title, paragraphs=paragraphs, figures=figures)


@pytest.fixture
def index() -> CorpusIndex:
    idx = CorpusIndex()
    idx.add(
        "ferry",
        _article("Ferry returns", "The harbour ferry sailed on Tuesday.", caption="A crane on the pier."),
    )
    idx.add("bridge", _article("Bridge vote", "The council approved the bridge.", "Mayor Helen Osei spoke."))
    idx.add("cafe", _article("Café rents", "Owners of cafés in the old quarter fear rent rises."))
    return idx


def test_words_must_all_occur(index: CorpusIndex) -> None:
    assert index.search("council bridge") == ["bridge"]
    assert index.search("council ferry") == []


def test_last_word_is_a_prefix_while_typing(index: CorpusIndex) -> None:
    assert index.search("harb") == ["ferry"]
    assert index.search("harb ") == []


def test_phrase_and_captions_and_diacritics(index: CorpusIndex) -> None:
    assert index.search('"helen osei"') == ["bridge"]
    assert index.search('"osei helen"') == []
    assert index.search("crane") == ["ferry"]
    assert index.search("cafe") == ["cafe"]


def test_title_hits_rank_first() -> None:
    idx = CorpusIndex()
    idx.add("body", _article("Other news", "A story that mentions a ferry once."))
    idx.add("title", _article("Ferry news", "Nothing else here."))
    assert idx.search("ferry") == ["title", "body"]


def test_reindex_replaces_and_clear(index: CorpusIndex) -> None:
    index.add("ferry", _article("Ferry returns", "Now about a tram."))
    assert index.search("harbour") == []
    assert index.search("tram") == ["ferry"]
    assert len(index) == 3
    index.clear()
    assert len(index) == 0 and index.search("tram") == []


def test_no_words_means_no_filter(index: CorpusIndex) -> None:
    assert build_match("  !? ") is None
    assert index.search("") is None


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_any_input_is_a_valid_query(query: str) -> None:
    idx = CorpusIndex()
    idx.add(1, _article("T", "Body text."))
    result = idx.search(query)
    assert result is None or result in ([], [1])
