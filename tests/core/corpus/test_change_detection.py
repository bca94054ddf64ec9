"""Only what changed is read again: modified, touched, deleted, added and grown files."""

from __future__ import annotations

import json
import os

import pytest

from tests.core.corpus.conftest import (
    SAMPLE_FILES,
    Corpus,
    ReadSpy,
    bulletin,
    bulletins,
    bump_mtime,
    fill_sample,
    ids_by_key,
    jsonl,
    text_article,
)
from viewer.core.corpus import store as store_module
from viewer.core.corpus import sync as sync_module
from viewer.core.corpus.store import attach_store
from viewer.core.corpus.sync import sync
from viewer.core.model import AnalysedArticle, Article, Quote, Span


def _analyse(corpus: Corpus, name: str, record: int | None, speaker: str) -> int:
    """Store a hand-made analysis for one article; its id."""
    with corpus.open() as store:
        article_id = store.id_of(str(corpus.folder / name), record)
        assert article_id is not None
        article = store.item(article_id)
        assert isinstance(article, Article)
        quote = Quote("A line for the test", speaker, "said", (Span(0, 0, 4),))
        store.put_analysis(article_id, AnalysedArticle(article, (quote,)))
        assert store.analysis(article_id) is not None
    return article_id


def test_a_modified_file_alone_is_read_again(corpus: Corpus, read_spy: ReadSpy) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    with corpus.open() as store:
        before = ids_by_key(store)
        assert store.ids("Tuesday") == [before[("harbour.txt", None)]]
    harbour = corpus.folder / "harbour.txt"
    harbour.write_text(
        text_article("Harbour ferry resumes after storm", "The ferry crossed the bay on Wednesday."),
        encoding="utf-8",
    )
    bump_mtime(harbour)
    read_spy.reads.clear()

    summary = corpus.sync()
    assert read_spy.names == ["harbour.txt"]
    assert (summary.read, summary.skipped, summary.written, summary.removed) == (1, 4, 1, 0)
    with corpus.open() as store:
        assert ids_by_key(store) == before
        harbour_id = before[("harbour.txt", None)]
        item = store.item(harbour_id)
        assert isinstance(item, Article)
        assert item.paragraphs == ("The ferry crossed the bay on Wednesday.",)
        assert store.ids("Wednesday") == [harbour_id]
        assert store.ids("Tuesday") == []
        assert store.integrity_ok()


def test_a_touched_file_is_not_read_but_its_new_time_is_kept(corpus: Corpus, read_spy: ReadSpy) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    orchard_id = _analyse(corpus, "orchard.txt", None, "Oleh Marchenko")
    with corpus.open() as store:
        before = ids_by_key(store)
    orchard = corpus.folder / "orchard.txt"
    new_mtime = bump_mtime(orchard)
    read_spy.reads.clear()

    summary = corpus.sync()
    assert read_spy.names == []  # hashed, same content: not parsed
    assert summary.written == 0
    with corpus.open() as store:
        state = store.file_states()[os.fsencode(str(orchard))]
        assert state.mtime_ns == new_mtime
        assert state.complete
        assert ids_by_key(store) == before
        assert store.analysis(orchard_id) is not None

    again = corpus.sync()  # the new time was recorded: nothing even to hash
    assert (again.read, again.skipped, again.written) == (0, 5, 0)


def test_a_deleted_file_loses_its_rows_and_leaves_search(corpus: Corpus) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    with corpus.open() as store:
        count = store.count()
        orchard_id = store.id_of(str(corpus.folder / "orchard.txt"), None)
        assert orchard_id is not None
        assert store.ids("apples") == [orchard_id]
    _analyse(corpus, "orchard.txt", None, "Oleh Marchenko")
    (corpus.folder / "orchard.txt").unlink()

    summary = corpus.sync()
    assert (summary.files, summary.removed, summary.read) == (4, 1, 0)
    with corpus.open() as store:
        assert store.count() == count - 1
        assert store.item(orchard_id) is None
        assert store.id_of(str(corpus.folder / "orchard.txt"), None) is None
        assert store.ids("apples") == []
        assert store.ids("speaker:Marchenko") == []
        assert os.fsencode(str(corpus.folder / "orchard.txt")) not in store.file_states()
        assert store.integrity_ok()


def test_an_added_file_appears(corpus: Corpus, read_spy: ReadSpy) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    (corpus.folder / "museum.txt").write_text(
        text_article("Museum opens a lantern gallery", "The lantern gallery shows ninety lamps."),
        encoding="utf-8",
    )
    read_spy.reads.clear()
    summary = corpus.sync()
    assert read_spy.names == ["museum.txt"]
    assert (summary.files, summary.read, summary.written) == (6, 1, 1)
    with corpus.open() as store:
        museum = store.id_of(str(corpus.folder / "museum.txt"), None)
        assert museum is not None
        assert store.ids("lantern") == [museum]


def test_a_grown_jsonl_file_reads_only_its_new_lines(corpus: Corpus, read_spy: ReadSpy) -> None:
    path = corpus.folder / "tides.jsonl"
    path.write_text(bulletins(5), encoding="utf-8")
    corpus.sync()
    kept_id = _analyse(corpus, "tides.jsonl", 1, "Ina Falk")
    with corpus.open() as store:
        before = ids_by_key(store)
    old_size = path.stat().st_size
    with path.open("a", encoding="utf-8") as stream:
        stream.write(bulletins(3, start=5))
    bump_mtime(path)
    read_spy.reads.clear()

    summary = corpus.sync()
    assert read_spy.reads == [("tides.jsonl", old_size)]
    assert summary.written == 3
    with corpus.open() as store:
        after = ids_by_key(store)
        assert {k: after[k] for k in before} == before
        assert sorted(r for _n, r in after if r is not None) == list(range(8))
        item = store.item(after[("tides.jsonl", 7)])
        assert isinstance(item, Article) and item.title == "Bulletin 7"
        assert store.analysis(kept_id) is not None
        assert store.file_states()[os.fsencode(str(path))].read_bytes == path.stat().st_size


def test_a_rewritten_jsonl_file_is_read_whole_and_only_changed_records_lose_analysis(
    corpus: Corpus, read_spy: ReadSpy
) -> None:
    path = corpus.folder / "tides.jsonl"
    path.write_text(bulletins(4), encoding="utf-8")
    corpus.sync()
    unchanged = _analyse(corpus, "tides.jsonl", 0, "Ina Falk")
    changed = _analyse(corpus, "tides.jsonl", 2, "Ina Falk")
    with corpus.open() as store:
        before = ids_by_key(store)
    records = [bulletin(i) for i in range(4)]
    records[2] = {"title": "Bulletin 2", "text": "Storm warning issued for the northern cove."}
    path.write_text(jsonl(records), encoding="utf-8")
    bump_mtime(path)
    read_spy.reads.clear()

    summary = corpus.sync()
    assert read_spy.reads == [("tides.jsonl", 0)]
    assert summary.written == 4
    with corpus.open() as store:
        assert ids_by_key(store) == before  # replaced in place, record by record
        assert store.analysis(unchanged) is not None
        assert store.analysis(changed) is None
        assert store.unanalysed(10) == [before[("tides.jsonl", r)] for r in (1, 2, 3)]
        assert store.ids("cove") == [changed]
        assert store.ids("speaker:Falk") == [unchanged]


def test_a_shrunk_jsonl_file_loses_its_last_records(corpus: Corpus) -> None:
    path = corpus.folder / "tides.jsonl"
    path.write_text(bulletins(6), encoding="utf-8")
    corpus.sync()
    path.write_text(bulletins(2), encoding="utf-8")
    bump_mtime(path)
    corpus.sync()
    with corpus.open() as store:
        assert sorted(ids_by_key(store)) == [("tides.jsonl", 0), ("tides.jsonl", 1)]
        assert store.ids("Bulletin") == store.ids()
        assert store.ids('"number 5"') == []


def test_a_new_extractor_version_reads_every_file_again_keeping_rows_visible(
    corpus: Corpus, read_spy: ReadSpy, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    with corpus.open() as store:
        before = ids_by_key(store)
        count = store.count()
    monkeypatch.setattr(store_module, "EXTRACTOR_VERSION", "next-extractor")
    monkeypatch.setattr(sync_module, "EXTRACTOR_VERSION", "next-extractor")
    read_spy.reads.clear()

    seen: list[int] = []
    gen = sync([corpus.folder], corpus.db, corpus.fallback)
    with attach_store(corpus.db, read_only=True) as reader:
        for event in gen:
            if event.kind == "rows":
                # Every old row stays visible while the files are read again.
                assert set(ids_by_key(reader).items()) >= set(before.items())
                seen.append(reader.count())
    assert seen and all(c == count for c in seen)
    assert sorted(read_spy.names) == sorted(SAMPLE_FILES)
    with corpus.open() as store:
        assert ids_by_key(store) == before
        assert store.integrity_ok()


@pytest.mark.parametrize(
    ("initial", "later", "titles"),
    [
        pytest.param(
            jsonl([bulletin(0), bulletin(1)]) + json.dumps(bulletin(2)),
            "\n" + jsonl([bulletin(3)]),
            ["Bulletin 0", "Bulletin 1", "Bulletin 2", "Bulletin 3"],
            id="no-final-newline-then-grown",
        ),
        pytest.param(
            jsonl([bulletin(0), bulletin(1)]) + json.dumps(bulletin(2)),
            "",
            ["Bulletin 0", "Bulletin 1", "Bulletin 2"],
            id="no-final-newline-then-touched",
        ),
        pytest.param(
            jsonl([bulletin(0), bulletin(1)]) + json.dumps(bulletin(2))[:20],
            json.dumps(bulletin(2))[20:] + "\n",
            ["Bulletin 0", "Bulletin 1", "Bulletin 2"],
            id="last-line-still-being-written",
        ),
    ],
)
def test_a_jsonl_file_whose_last_line_has_no_newline_gets_no_duplicate_records(
    corpus: Corpus, initial: str, later: str, titles: list[str]
) -> None:
    path = corpus.folder / "tides.jsonl"
    path.write_text(initial, encoding="utf-8")
    corpus.sync()
    with path.open("a", encoding="utf-8") as stream:
        stream.write(later)
    bump_mtime(path)
    corpus.sync()
    with corpus.open() as store:
        items = [store.item(i) for i in store.ids(sort="file")]
    assert [(i.record, i.title if isinstance(i, Article) else None) for i in items if i is not None] == list(
        enumerate(titles)
    )


def test_a_file_made_unreadable_becomes_a_failure_row(corpus: Corpus) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    library = corpus.folder / "library.txt"
    library.write_bytes(b"")
    bump_mtime(library)
    summary = corpus.sync()
    assert summary.failures == 3
    with corpus.open() as store:
        item = store.item(store.id_of(str(library), None) or -1)
        assert item is not None and not isinstance(item, Article)
        assert store.ids("reading room") == []
