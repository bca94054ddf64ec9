"""A store outlives the session: a second sync of an unchanged folder reads nothing."""

from __future__ import annotations

import os

from tests.core.corpus.conftest import SAMPLE_FILES, Corpus, fill_sample, ids_by_key, text_article
from viewer.core.corpus.store import CorpusStore
from viewer.core.model import AnalysedArticle, Article, Entity, Mention, Quote, ReadFailure, Span
from viewer.core.readers import read_paths


def _harbour_analysis(store: CorpusStore, article_id: int) -> AnalysedArticle:
    article = store.item(article_id)
    assert isinstance(article, Article)
    quote = Quote(
        "We worked through the night,", "Dana Holt", "said", (Span(1, 1, 29),), role="harbour master"
    )
    entity = Entity("Dana Holt", "PERSON", ("Dana Holt", "Holt"), (Mention("paragraph", 1, 38, 47),))
    return AnalysedArticle(article, (quote,), (entity,), ("entities from a test",))


def test_second_sync_of_an_unchanged_folder_reads_nothing(corpus: Corpus) -> None:
    fill_sample(corpus.folder)
    first = corpus.sync()
    assert (first.files, first.read, first.skipped, first.removed) == (5, 5, 0, 0)
    # harbour, orchard, library, 4 wire records (one bad), the empty file
    assert first.written == 8
    assert first.failures == 2
    with corpus.open() as store:
        rows_before = store.rows(store.ids())
        keys_before = ids_by_key(store)
    assert len(rows_before) == 8

    second = corpus.sync()
    assert (second.files, second.read, second.skipped, second.written, second.removed) == (5, 0, 5, 0, 0)
    assert second.failures == 2
    with corpus.open() as store:
        assert store.notice is None
        assert store.rows(store.ids()) == rows_before
        assert ids_by_key(store) == keys_before
        assert {name for name, _record in keys_before} == set(SAMPLE_FILES)
        assert store.integrity_ok()


def test_items_round_trip_equal_to_what_the_readers_give(corpus: Corpus) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    expected = [item.to_json() for item in read_paths([corpus.folder])]
    with corpus.open() as store:
        stored = [store.item(i) for i in store.ids(sort="file")]
        assert all(item is not None for item in stored)
        assert [item.to_json() for item in stored if item is not None] == expected
        kinds = [type(item).__name__ for item in stored]
        assert kinds.count("ReadFailure") == 2
        assert store.item(store.max_id() + 1) is None


def test_failures_keep_their_message_format_and_record(corpus: Corpus) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    with corpus.open() as store:
        empty = store.item(store.id_of(str(corpus.folder / "broken.txt"), None) or -1)
        bad_line = store.item(store.id_of(str(corpus.folder / "wire.jsonl"), 2) or -1)
    assert isinstance(empty, ReadFailure)
    assert (empty.format, empty.record, empty.message) == ("text", None, "the file is empty")
    assert isinstance(bad_line, ReadFailure)
    assert (bad_line.format, bad_line.record) == ("jsonl", 2)
    assert bad_line.message.startswith("not valid JSON")


def test_stored_analysis_round_trips_and_survives_a_resync(corpus: Corpus) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    with corpus.open() as store:
        harbour = store.id_of(str(corpus.folder / "harbour.txt"), None)
        assert harbour is not None
        assert store.analysis(harbour) is None
        analysed = _harbour_analysis(store, harbour)
        store.put_analysis(harbour, analysed)
        back = store.analysis(harbour)
        assert back is not None
        assert back.to_json() == analysed.to_json()
        assert back.notes == analysed.notes
        assert store.analysed_count() == (1, 6)

    summary = corpus.sync()
    assert summary.read == 0
    with corpus.open() as store:
        kept = store.analysis(harbour)
        assert kept is not None
        assert kept.to_json() == analysed.to_json()
        assert store.ids("speaker:Holt") == [harbour]


def test_analysis_of_a_vanished_article_is_dropped_quietly(corpus: Corpus) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    with corpus.open() as store:
        harbour = store.id_of(str(corpus.folder / "harbour.txt"), None)
        assert harbour is not None
        analysed = _harbour_analysis(store, harbour)
    (corpus.folder / "harbour.txt").unlink()
    assert corpus.sync().removed == 1
    with corpus.open() as store:
        store.put_analysis(harbour, analysed)  # the file went while it was analysed
        assert store.analysis(harbour) is None
        assert store.ids("speaker:Holt") == []
        assert store.integrity_ok()


def test_a_file_name_that_is_not_utf8_is_kept_and_found(corpus: Corpus) -> None:
    raw = os.path.join(os.fsencode(str(corpus.folder)), b"caf\xe9 notes.txt")
    with open(raw, "wb") as stream:
        stream.write(text_article("Night market lanterns", "Stalls stayed open late.").encode())
    (corpus.folder / "empty.txt").write_bytes(b"")
    assert corpus.sync().written == 2
    assert corpus.sync().read == 0
    expected = [item.to_json() for item in read_paths([corpus.folder])]
    with corpus.open() as store:
        ids = store.ids()
        assert [item.to_json() for item in map(store.item, ids) if item is not None] == expected
        lantern = store.id_of(os.fsdecode(raw), None)
        assert lantern is not None
        assert os.fsencode(store.rows([lantern])[lantern].path) == raw
        assert store.ids("notes") == [lantern]  # the file name is searchable
        assert store.ids("lanterns") == [lantern]
