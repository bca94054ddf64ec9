"""The store's JSON round trip keeps every field a reader sets, paragraph kinds included."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from viewer.core.corpus.store import ItemRow, PreparedRow, item_from_row, open_store, prepare_row
from viewer.core.corpus.store.articles import UPSERT
from viewer.core.model import Article, Figure, ReadFailure


def test_paragraph_kinds_and_figures_survive_the_store(tmp_path: Path) -> None:
    article = Article(
        path=str(tmp_path / "page.html"),
        format="html",
        title="Harbour works",
        paragraphs=("Intro text.", "What happens next", "First step", "Alpha | Beta"),
        paragraph_kinds=("text", "heading", "list", "table"),
        figures=(Figure("Cranes at dawn.", "Ana Lee/Star", 0),),
        byline="By A. Writer",
    )
    with open_store(tmp_path / "store.sqlite3") as store:
        file_id = store.begin_file(article.path, "html")
        (article_id,) = store.ids() or [None]
        assert article_id is None
        store.put_items(file_id, [article])
        (article_id,) = store.ids()
        back = store.item(article_id)
    assert back == article
    assert isinstance(back, Article) and back.kind_of(1) == "heading"


@pytest.mark.parametrize(
    "paragraphs",
    [(), ("",), ("", ""), ("One.", "Two."), ("A\x1eB",), ("One.", "Tw\x1eo.", ""), ("\x1e",)],
)
def test_a_row_gives_back_the_paragraphs_it_was_made_from(paragraphs: tuple[str, ...]) -> None:
    """Paragraphs are kept joined by a separator; those that would not split back the same
    (one holding the separator, a lone empty one) are kept whole."""
    article = Article(path="/news/a.txt", format="text", title="T", paragraphs=paragraphs)
    row = prepare_row(article)
    back = item_from_row(ItemRow(b"/news/a.txt", "text", -1, row.data, row.error, row.body))
    assert isinstance(back, Article) and back.paragraphs == paragraphs


def test_a_prepared_row_names_the_columns_it_fills_in_their_order() -> None:
    failure = prepare_row(ReadFailure("/news/broken.html", "not a page", "html", 3))
    assert (failure.record, failure.title, failure.undated) == (3, "broken.html", 1)
    assert (failure.error, failure.data, failure.body) == ("not a page", None, "not a page")
    inserted = re.search(r"INSERT INTO articles\(([^)]*)\)", UPSERT)
    assert inserted is not None
    assert [c.strip() for c in inserted.group(1).split(",")] == ["file_id", *PreparedRow._fields]
