"""The search box's syntax, and searching a synced store with stored analyses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.corpus.conftest import ORCHARD, drain, fill_sample, jsonl, text_article
from viewer.core.corpus.search import parse_query
from viewer.core.corpus.store import CorpusStore, open_store
from viewer.core.corpus.sync import sync
from viewer.core.model import AnalysedArticle, Article, Entity, Mention, Quote, Span

# (text typed, expected terms as (field, words, phrase, prefix))
PARSED = [
    ("ferry harbour", [("text", ("ferry",), False, False), ("text", ("harbour",), False, True)]),
    ("ferry harbour ", [("text", ("ferry",), False, False), ("text", ("harbour",), False, False)]),
    ('"night shift" crew', [("text", ("night", "shift"), True, False), ("text", ("crew",), False, True)]),
    ('crew "night shift"', [("text", ("crew",), False, False), ("text", ("night", "shift"), True, False)]),
    ("speaker:Holt", [("speaker", ("Holt",), False, True)]),
    ("SPEAKER:Holt", [("speaker", ("Holt",), False, True)]),
    ('speaker:"Dana Holt"', [("speaker", ("Dana", "Holt"), True, False)]),
    ('entity:"Green Valley Cooperative"', [("entity", ("Green", "Valley", "Cooperative"), True, False)]),
    ('quote:"worked through"', [("quote", ("worked", "through"), True, False)]),
    ("text:lamps", [("text", ("lamps",), False, True)]),
    ("http://example.test/page", [("text", ("http", "example", "test", "page"), False, True)]),
    ("colour:red", [("text", ("colour", "red"), False, True)]),
    ('"unbalanced phrase', [("text", ("unbalanced", "phrase"), True, False)]),
    ('quote:"no end', [("quote", ("no", "end"), True, False)]),
    ('speaker:"" ferry', [("text", ("ferry",), False, True)]),
    ("speaker:", [("text", ("speaker",), False, True)]),
    (
        'apple* OR (pear NOT "fig',
        [
            ("text", ("apple",), False, False),
            ("text", ("OR",), False, False),
            ("text", ("pear",), False, False),
            ("text", ("NOT",), False, False),
            ("text", ("fig",), True, False),
        ],
    ),
    ("", []),
    ("   ", []),
    ("!!! ... ,,, --", []),
    ('""', []),
]


@pytest.mark.parametrize(("text", "expected"), PARSED)
def test_parse_query(text: str, expected: list[tuple[str, tuple[str, ...], bool, bool]]) -> None:
    query = parse_query(text)
    assert [(t.field, t.words, t.phrase, t.prefix) for t in query.terms] == expected
    assert query.empty is (not expected)
    where, params = query.sql()
    assert bool(where) is bool(expected)
    assert len(params) == len({"text" if t.field == "text" else "analysis" for t in query.terms})
    for term in query.terms:
        for word in term.words:
            assert word not in where  # the user's words go in parameters only


def _analysed(
    store: CorpusStore, article_id: int, quotes: tuple[Quote, ...], entities: tuple[Entity, ...]
) -> None:
    article = store.item(article_id)
    assert isinstance(article, Article)
    store.put_analysis(article_id, AnalysedArticle(article, quotes, entities))


class Searchable:
    def __init__(self, store: CorpusStore, folder: Path) -> None:
        self.store = store
        self.folder = folder

    def id(self, name: str, record: int | None = None) -> int:
        found = self.store.id_of(str(self.folder / name), record)
        assert found is not None
        return found


@pytest.fixture(scope="module")
def searchable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Searchable]:
    root = tmp_path_factory.mktemp("search")
    folder = root / "news"
    folder.mkdir()
    fill_sample(folder)
    db = root / "cache" / "corpus.sqlite3"
    drain(sync([folder], db, root / "session" / "corpus.sqlite3"))
    store = open_store(db)
    s = Searchable(store, folder)
    holt = Entity("Dana Holt", "PERSON", ("Dana Holt", "D. Holt", "Holt"), (Mention("paragraph", 1, 38, 47),))
    _analysed(
        store,
        s.id("harbour.txt"),
        (Quote("We worked through the night,", "Dana Holt", "said", (Span(1, 1, 29),)),),
        (holt,),
    )
    _analysed(
        store,
        s.id("orchard.txt"),
        (Quote("The apples came early this year,", "Oleh Marchenko", "said", (Span(1, 1, 33),)),),
        (
            Entity("Oleh Marchenko", "PERSON", ("Marchenko",), (Mention("paragraph", 1, 43, 57),)),
            Entity(
                "Green Valley Cooperative", "ORG", ("the cooperative",), (Mention("paragraph", 1, 65, 89),)
            ),
        ),
    )
    _analysed(
        store,
        s.id("library.txt"),
        (Quote("quiet zone", None, None, (Span(1, 47, 57),), kind="term"),),
        (),
    )
    try:
        yield s
    finally:
        store.close()


SEARCHES = [
    ("speaker:Holt", ["harbour.txt"]),
    ("speaker:holt", ["harbour.txt"]),
    ("speaker:Hol", ["harbour.txt"]),  # the last word typed is a prefix
    ('speaker:"Oleh Marchenko"', ["orchard.txt"]),
    ('speaker:"Marchenko Oleh"', []),
    ('entity:"D. Holt"', ["harbour.txt"]),  # a variant
    ('entity:"Green Valley Cooperative"', ["orchard.txt"]),
    ("entity:cooperative", ["orchard.txt"]),
    ("entity:Pickers", []),  # in the text, not an entity
    ('quote:"worked through"', ["harbour.txt"]),
    ('quote:"apples came early"', ["orchard.txt"]),
    ('quote:"quiet zone"', []),  # a scare quote (a term) is not a quote
    ('"quiet zone"', ["library.txt"]),
    ("speaker:Holt ferry", ["harbour.txt"]),
    ("speaker:Holt apples", []),
    ("speaker:Holt entity:Marchenko", []),
    ('speaker:Marchenko entity:"Green Valley" quote:apples harvest', ["orchard.txt"]),
    ("harb", ["harbour.txt"]),
    ("harb ", []),
    ('"crossed the bay"', ["harbour.txt"]),
    ('"bay the crossed"', []),
    ("choir", [("wire.jsonl", 1)]),
    ("Riverside", [("wire.jsonl", 0)]),  # the source
    ("Nordin", [("wire.jsonl", 1)]),  # the byline
    ("http://x", []),
    ("reading room", ["library.txt"]),
    ("READING ROOM", ["library.txt"]),
]


@pytest.mark.parametrize(("text", "expected"), SEARCHES)
def test_search_finds(searchable: Searchable, text: str, expected: list[str | tuple[str, int]]) -> None:
    want = [searchable.id(e) if isinstance(e, str) else searchable.id(*e) for e in expected]
    assert searchable.store.ids(text) == want


def test_an_empty_search_is_everything(searchable: Searchable) -> None:
    everything = searchable.store.ids()
    assert len(everything) == 8
    for text in ("", "   ", "!!!", '""', 'speaker:""'):
        assert searchable.store.ids(text) == everything


def test_search_is_in_the_order_asked(searchable: Searchable) -> None:
    store = searchable.store
    found = store.ids("the", sort="title")
    titles = [store.rows(found)[i].title.casefold() for i in found]
    assert titles == sorted(titles)
    assert len(found) >= 3


@pytest.mark.parametrize("field", ["speaker", "entity", "quote"])
def test_a_phrase_does_not_span_two_different_values(tmp_path: Path, field: str) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "pier.txt").write_text(
        text_article("Pier reopens", '"It is done," said Dana Holt.', '"Come back," said Anna Berg.'),
        encoding="utf-8",
    )
    db = tmp_path / "cache" / "corpus.sqlite3"
    drain(sync([folder], db, tmp_path / "session" / "corpus.sqlite3"))
    with open_store(db) as store:
        (pier,) = store.ids()
        _analysed(
            store,
            pier,
            (
                Quote("It is done,", "Dana Holt", "said", (Span(0, 1, 12),)),
                Quote("Come back,", "Anna Berg", "said", (Span(1, 1, 11),)),
            ),
            (
                Entity("Dana Holt", "PERSON", ("Dana Holt",), (Mention("paragraph", 0, 19, 28),)),
                Entity("Anna Berg", "PERSON", ("Anna Berg",), (Mention("paragraph", 1, 18, 27),)),
            ),
        )
        assert store.ids(f'{field}:"Dana Holt"' if field != "quote" else 'quote:"is done"') == [pier]
        # The end of one speaker's (entity's, quote's) text and the start of the next are not a phrase.
        across = {"speaker": '"Holt Anna"', "entity": '"Holt Anna"', "quote": '"done Come"'}[field]
        assert store.ids(f"{field}:{across}") == []


def test_sorting_by_title_date_and_file(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    records = [
        {"title": "delta", "text": "Fourth story.", "date": "2024-03-01"},
        {"title": "Alpha", "text": "First story."},
        {"title": "Charlie", "text": "Third story.", "date": "2025-01-15T08:30:00Z"},
        {"title": "bravo", "text": "Second story.", "date": "2023-12-31"},
    ]
    (folder / "dates.jsonl").write_text(jsonl(records), encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"")
    (folder / "orchard.txt").write_text(ORCHARD, encoding="utf-8")
    db = tmp_path / "cache" / "corpus.sqlite3"
    drain(sync([folder], db, tmp_path / "session" / "corpus.sqlite3"))
    with open_store(db) as store:
        rows = store.rows(store.ids())

        def names(sort: str) -> list[str]:
            return [rows[i].title for i in store.ids(sort=sort)]  # type: ignore[arg-type]

        assert names("file") == [
            "bad.txt",
            "delta",
            "Alpha",
            "Charlie",
            "bravo",
            "Orchard harvest starts early",
        ]
        assert names("title") == [
            "Alpha",
            "bad.txt",
            "bravo",
            "Charlie",
            "delta",
            "Orchard harvest starts early",
        ]
        # Newest first; undated (and unreadable) after every dated one, then by file.
        assert names("date") == [
            "Charlie",
            "delta",
            "bravo",
            "bad.txt",
            "Alpha",
            "Orchard harvest starts early",
        ]
        assert [rows[i].title for i in store.ids("story", sort="date")] == [
            "Charlie",
            "delta",
            "bravo",
            "Alpha",
        ]


_SYNTAX = st.sampled_from(
    [
        "speaker:",
        "entity:",
        "quote:",
        "text:",
        "kind:",
        "KIND:",
        "reported",
        "rep",
        "mixed",
        "indirect",
        "term",
        "http:",
        '"',
        "'",
        "*",
        "(",
        ")",
        "{",
        "}",
        "^",
        ":",
        "-",
        "+",
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "NEAR(",
        ",",
        " ",
        "  ",
        "\t",
        "\n",
        "\x00",
        "_",
        "é",
        "\u0301",
        "\ud800",
        "İ",
        "ﬁ",
        "²",
        "harbour",
        "Holt",
        "apples",
        "the",
        "ß",
        "日本",
        "🙂",
        "\\",
        "%",
        "''",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.lists(_SYNTAX, max_size=12).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_no_input_makes_search_raise(searchable: Searchable, text: str) -> None:
    everything = set(searchable.store.ids())
    for sort in ("file", "title", "date"):
        found = searchable.store.ids(text, sort=sort)  # type: ignore[arg-type]
        assert set(found) <= everything
        assert len(found) == len(set(found))
