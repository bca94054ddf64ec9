"""``kind:`` search: the kinds of statement in the analysis index, each kind's speakers apart
(``speaker:X kind:reported`` is X's reported statement, not X beside someone's), the index of
an import the same as the index of an analysis, and a store of schema 4 brought up to date in
place with the user's corrections. Every article is invented (see :mod:`.voices`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.corpus.voices import mill, pier, voices_store
from viewer.core.corpus import codec
from viewer.core.corpus.corrections import FixSpeaker
from viewer.core.corpus.search import KIND_NAMES, STATEMENT_KINDS, parse_query
from viewer.core.corpus.store import SCHEMA_VERSION, VALUE_BREAK, CorpusStore, open_store, path_bytes
from viewer.core.corpus.store.schema import ANALYSIS_INDEX_COLUMNS


@pytest.fixture(scope="module")
def voices(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[CorpusStore, dict[str, int]]]:
    root = tmp_path_factory.mktemp("kinds")
    store, ids = voices_store(root / "news", root / "store.sqlite3")
    try:
        yield store, ids
    finally:
        store.close()


# (text typed, the kinds each kind term means)
PARSED_KINDS = [
    ("kind:reported", [("indirect",)]),
    ("kind:Reported", [("indirect",)]),
    ("KIND:indirect", [("indirect",)]),
    ("kind:direct", [("direct",)]),
    ("kind:mixed", [("mixed",)]),
    ("kind:rep", [("indirect",)]),  # being typed: the start of a kind's name
    ("kind:rep ", [("rep",)]),  # typed whole: no kind is called that
    ("kind:d kind:m", [("d",), ("mixed",)]),  # only the last word typed is a start
    ('kind:"direct mixed"', [("direct", "mixed")]),
    ("kind:term", [("term",)]),  # a quoted term is nobody's statement
    ("kind:", []),
]


@pytest.mark.parametrize(("text", "expected"), PARSED_KINDS)
def test_kind_terms_name_a_kind(text: str, expected: list[tuple[str, ...]]) -> None:
    query = parse_query(text)
    assert [t.words for t in query.terms if t.field == "kind"] == expected
    assert all(not t.prefix for t in query.terms if t.field == "kind")
    assert query.searches_analysis is bool(expected)


def test_reported_is_the_readers_word_for_indirect() -> None:
    assert KIND_NAMES["reported"] == "indirect"
    assert set(KIND_NAMES.values()) == set(STATEMENT_KINDS) == {"direct", "mixed", "indirect"}


def test_the_index_has_a_speakers_column_per_kind(voices: tuple[CorpusStore, dict[str, int]]) -> None:
    store, _ids = voices
    columns = [row[1] for row in store._db.execute("PRAGMA table_info(analysis_fts)")]
    assert columns == list(ANALYSIS_INDEX_COLUMNS)
    assert {f"speakers_{kind}" for kind in STATEMENT_KINDS} <= set(columns)


SEARCHES = [
    ("kind:reported", ["pier", "mill", "fair"]),
    ("kind:indirect", ["pier", "mill", "fair"]),
    ("kind:direct", ["pier", "mill"]),
    ("kind:mixed", ["pier", "mill"]),
    ("kind:rep", ["pier", "mill", "fair"]),
    ("kind:rep ", []),
    ("kind:term", []),
    ("kind:quoted", []),
    ("kind:direct kind:reported", ["pier", "mill"]),
    ("kind:reported visitors", ["fair"]),
    # A speaker and a kind: that speaker's statements of that kind.
    ("speaker:Holt kind:reported", ["pier"]),
    ("speaker:Holt kind:direct", ["pier"]),
    ("speaker:Holt kind:mixed", []),
    ("speaker:Berg kind:reported", ["mill"]),  # in the pier article she is only paraphrased
    ("speaker:Berg kind:mixed", ["pier", "mill"]),
    ("speaker:Berg kind:direct", []),
    ("speaker:Vos kind:reported", []),  # the mill article reports Berg, quotes Vos
    ("speaker:Vos kind:direct", ["mill"]),
    ('speaker:"Anna Berg" kind:reported', ["mill"]),
    ("kind:reported speaker:Ber", ["mill"]),  # the speaker being typed
    ("speaker:Holt kind:direct kind:reported", ["pier"]),
    ("speaker:Berg kind:direct kind:reported", []),
    ("speaker:Berg kind:quoted", []),  # no such kind: nothing, and no error
    # With quote: the kind narrows the article only (documented).
    ("quote:council kind:reported", ["pier"]),
    ("quote:council kind:direct", ["pier"]),
    ("quote:sad kind:mixed", ["mill"]),
    # Without a kind, every kind's speaker is a speaker.
    ("speaker:Berg", ["pier", "mill"]),
    ('quote:"pop up"', []),  # a quoted term is not a statement
]


@pytest.mark.parametrize(("text", "expected"), SEARCHES)
def test_kind_search(voices: tuple[CorpusStore, dict[str, int]], text: str, expected: list[str]) -> None:
    store, ids = voices
    assert sorted(store.ids(text)) == sorted(ids[name] for name in expected)


def _index_rows(store: CorpusStore) -> dict[int, tuple[str, ...]]:
    columns = ", ".join(ANALYSIS_INDEX_COLUMNS)
    return {row[0]: tuple(row[1:]) for row in store._db.execute(f"SELECT rowid, {columns} FROM analysis_fts")}


def test_the_index_holds_kinds_and_each_kinds_speakers(voices: tuple[CorpusStore, dict[str, int]]) -> None:
    store, ids = voices
    row = dict(zip(ANALYSIS_INDEX_COLUMNS, _index_rows(store)[ids["mill"]], strict=True))
    assert row["kinds"] == "direct mixed indirect"
    assert row["speakers_indirect"] == "Anna Berg"
    assert row["speakers_direct"] == "Piet Vos"
    assert row["speakers_mixed"] == "Anna Berg"
    assert row["speakers"] == VALUE_BREAK.join(["Anna Berg", "Piet Vos", "Anna Berg"])
    fair_row = dict(zip(ANALYSIS_INDEX_COLUMNS, _index_rows(store)[ids["fair"]], strict=True))
    assert fair_row["kinds"] == "indirect"
    assert fair_row["speakers_indirect"] == ""  # "according to the organisers": nobody named


def test_an_import_is_indexed_as_an_analysis_is(
    tmp_path: Path, voices: tuple[CorpusStore, dict[str, int]]
) -> None:
    analysed_store, analysed_ids = voices
    store, ids = voices_store(tmp_path / "news", tmp_path / "imported.sqlite3")
    with store:
        found = []
        for article_id in ids.values():
            stored = store.analysis(article_id)
            assert stored is not None
            found.append(
                codec.found_analysis(
                    article_id,
                    [q.to_json() for q in stored.quotes],
                    [e.to_json() for e in stored.entities],
                    [],
                    "elsewhere",
                )
            )
        store._db.execute("DELETE FROM analysis_fts")
        store.put_found_analyses(found)
        imported = _index_rows(store)
        expected = _index_rows(analysed_store)
        assert {name: imported[i] for name, i in ids.items()} == {
            name: expected[i] for name, i in analysed_ids.items()
        }


def _make_schema_4(path: Path) -> None:
    """Turn a store of this version into one as schema 4 made it: the analysis index had
    three columns (what they held is kept), and the index showed every correction."""
    db = sqlite3.connect(path)
    rows = list(db.execute("SELECT rowid, quotes, speakers, entities FROM analysis_fts"))
    db.executescript(
        "DROP TABLE analysis_fts;"
        "CREATE VIRTUAL TABLE analysis_fts USING fts5("
        "quotes, speakers, entities, tokenize='unicode61 remove_diacritics 2');"
    )
    db.executemany("INSERT INTO analysis_fts(rowid, quotes, speakers, entities) VALUES (?, ?, ?, ?)", rows)
    db.execute("DELETE FROM stale_names")
    db.execute("UPDATE meta SET value = '4' WHERE key = 'schema'")
    db.execute("PRAGMA user_version = 4")
    db.commit()
    db.close()


def test_a_schema_4_store_is_upgraded_in_place_keeping_corrections(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    store, ids = voices_store(tmp_path / "news", path)
    # The user says the mill's reported statement was Piet Vos's, not Anna Berg's.
    said = store.analysis(ids["mill"], corrected=False)
    assert said is not None
    store.add_correction(FixSpeaker(said.article.path, None, 0, said.quotes[0].text, "Piet Vos", "Anna Berg"))
    assert store.reindex_stale() >= 1
    assert store.ids("speaker:Vos kind:reported") == [ids["mill"]]
    fresh = _index_rows(store)
    store.close()
    _make_schema_4(path)
    db = sqlite3.connect(path)
    db.execute("UPDATE analysis SET quotes = 'not json' WHERE article_id = ?", (ids["fair"],))
    db.commit()
    db.close()

    upgraded = open_store(path)
    with upgraded:
        assert upgraded.notice is None  # brought up to date, not rebuilt
        # Through schema 5 (the kinds) to the newest.
        assert upgraded._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert upgraded.meta("schema") == str(SCHEMA_VERSION)
        assert [c.correction.kind for c in upgraded.corrections()] == ["speaker"]
        # What the old index held (as corrected) is searchable at once...
        assert upgraded.ids("speaker:Vos") == [ids["mill"]]
        assert sorted(upgraded.ids("kind:reported")) == sorted(
            [ids["pier"], ids["mill"]]
        )  # the fair's JSON is broken
        assert upgraded.ids("speaker:Holt kind:reported") == [ids["pier"]]
        # ... and the corrected speakers by kind once the stale names are indexed again.
        assert upgraded.has_stale_index()
        assert upgraded.reindex_stale() >= 1
        assert not upgraded.has_stale_index()
        assert upgraded.ids("speaker:Vos kind:reported") == [ids["mill"]]
        assert upgraded.ids("speaker:Berg kind:reported") == []
        rows = _index_rows(upgraded)
        for name in ("pier", "mill"):
            assert rows[ids[name]] == fresh[ids[name]]
        # New analysis is indexed with the new columns; an article that goes leaves the index.
        analysed = pier(str(tmp_path / "news" / "pier.txt"))
        assert upgraded.put_analysis(ids["pier"], analysed)
        assert sorted(upgraded.ids("speaker:Berg kind:mixed")) == sorted([ids["pier"], ids["mill"]])
        upgraded.remove_files([path_bytes(str(tmp_path / "news" / "pier.txt"))])
        assert upgraded.ids("kind:direct") == [ids["mill"]]


def test_the_upgrade_gives_the_index_a_fresh_analysis_gives(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    store, _ids = voices_store(tmp_path / "news", path)
    fresh = _index_rows(store)
    store.close()
    _make_schema_4(path)
    with open_store(path) as upgraded:
        assert upgraded.notice is None
        assert _index_rows(upgraded) == fresh


def test_a_store_of_schema_4_written_before_kinds_is_all_direct(tmp_path: Path) -> None:
    """Quotes stored without a kind (or with the old "quote") are direct, as the codec reads them."""
    path = tmp_path / "store.sqlite3"
    store, ids = voices_store(tmp_path / "news", path)
    store.close()
    _make_schema_4(path)
    db = sqlite3.connect(path)
    analysed = mill(str(tmp_path / "news" / "mill.txt"))
    old = [{k: v for k, v in q.to_json().items() if k != "kind"} for q in analysed.quotes]
    old[1]["kind"] = "quote"
    db.execute("UPDATE analysis SET quotes = ? WHERE article_id = ?", (codec.dumps(old), ids["mill"]))
    db.commit()
    db.close()
    with open_store(path) as upgraded:
        row = dict(zip(ANALYSIS_INDEX_COLUMNS, _index_rows(upgraded)[ids["mill"]], strict=True))
        assert row["kinds"] == "direct"
        assert row["speakers_direct"] == VALUE_BREAK.join(["Anna Berg", "Piet Vos", "Anna Berg"])
        assert upgraded.ids("speaker:Berg kind:direct") == [ids["mill"]]
