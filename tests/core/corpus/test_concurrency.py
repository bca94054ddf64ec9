"""Reading while a sync writes, and the first rows of a big file shown before it is read through."""

from __future__ import annotations

import threading

from tests.core.corpus.conftest import Corpus, bulletins, drain
from viewer.core.corpus.store import attach_store, prepare_row
from viewer.core.corpus.sync import sync
from viewer.core.model import Article
from viewer.core.readers import read_paths


def test_a_reader_is_never_locked_out_while_a_sync_writes(corpus: Corpus) -> None:
    total = 3000
    (corpus.folder / "tides.jsonl").write_text(bulletins(total), encoding="utf-8")
    opened = threading.Event()
    first_rows = threading.Event()
    looked = threading.Event()
    errors: list[BaseException] = []

    def write() -> None:
        try:
            for event in sync([corpus.folder], corpus.db, corpus.fallback):
                if event.kind == "open":
                    opened.set()
                if event.kind == "rows" and event.written > 0 and not first_rows.is_set():
                    first_rows.set()
                    # Hold on until the reader has seen this first, partial state.
                    assert looked.wait(30)
        except BaseException as err:
            errors.append(err)
        finally:
            opened.set()
            first_rows.set()

    writer = threading.Thread(target=write)
    writer.start()
    counts: list[int] = []
    found: list[int] = []
    try:
        assert opened.wait(30)
        assert first_rows.wait(30)
        # busy timeout 0: any lock would raise "database is locked" at once.
        with attach_store(corpus.db, read_only=True, timeout=0) as reader:
            counts.append(reader.count())
            looked.set()
            while writer.is_alive():
                counts.append(reader.count())
                found.append(len(reader.ids("tide")))  # the full-text index, written last
            counts.append(reader.count())
            found.append(len(reader.ids("tide")))
    finally:
        looked.set()
        writer.join(30)
    assert not errors, errors
    assert 0 < counts[0] < total
    assert counts == sorted(counts)  # only ever grows
    assert counts[-1] == total
    assert found == sorted(found) and found[-1] == total


def test_a_reader_reads_while_a_write_transaction_is_open(corpus: Corpus) -> None:
    (corpus.folder / "tides.jsonl").write_text(bulletins(10), encoding="utf-8")
    corpus.sync()
    path = str(corpus.folder / "tides.jsonl")
    with corpus.open() as writer, attach_store(corpus.db, read_only=True, timeout=0) as reader:
        file_id = writer.begin_file(path, "jsonl")
        rows = [
            prepare_row(Article(path, "jsonl", f"Late bulletin {i}", ("Fog.",), record=10 + i))
            for i in range(5)
        ]
        with writer.transaction() as db:
            db.executemany(
                "INSERT INTO articles(file_id, record, sort_path, title, title_key, date, undated, source, "
                "error, data, meta, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(file_id, *row) for row in rows],
            )
            assert reader.count() == 10  # not locked out; the uncommitted rows are not seen
            assert reader.ids("Late") == []
        assert reader.count() == 15
        assert reader.integrity_ok()


def test_first_rows_show_before_a_big_file_is_read_through(corpus: Corpus) -> None:
    total = 5000
    (corpus.folder / "tides.jsonl").write_text(bulletins(total), encoding="utf-8")
    gen = sync([corpus.folder], corpus.db, corpus.fallback)
    seen_early = None
    for event in gen:
        if event.kind == "rows" and event.written > 0:
            with attach_store(corpus.db, read_only=True) as reader:
                (state,) = reader.file_states().values()
                seen_early = (event.written, reader.count(), reader.rows(reader.ids()[:1]), state.complete)
            break
    assert seen_early is not None
    written, count, first, complete = seen_early
    assert not complete  # the file is still being read
    assert 0 < written < total
    assert count == written
    assert [r.title for r in first.values()] == ["Bulletin 0"]
    events, summary = drain(gen)  # the rest of the file
    assert summary.written == total
    assert [e.kind for e in events][-1] == "done"
    with attach_store(corpus.db, read_only=True) as reader:
        assert reader.count() == total
        assert reader.unindexed_count() == 0


def test_parsing_in_other_processes_gives_the_same_rows_in_order(corpus: Corpus) -> None:
    (corpus.folder / "tides.jsonl").write_text(
        bulletins(700) + '{"title": "Cut off", "text": "Half\n' + bulletins(700, start=700),
        encoding="utf-8",
    )
    events, summary = drain(sync([corpus.folder], corpus.db, corpus.fallback, jobs=2))
    assert (summary.written, summary.failures) == (1401, 1)
    written = [e.written for e in events if e.kind == "rows"]
    assert written == sorted(written) and 0 < written[1] < 1401
    expected = [item.to_json() for item in read_paths([corpus.folder])]
    with attach_store(corpus.db, read_only=True) as reader:
        assert [item.to_json() for item in map(reader.item, reader.ids()) if item is not None] == expected


def test_the_last_rows_event_comes_once_every_file_is_read_before_indexing(corpus: Corpus) -> None:
    (corpus.folder / "tides.jsonl").write_text(bulletins(1200), encoding="utf-8")
    (corpus.folder / "more.jsonl").write_text(bulletins(300, start=1200), encoding="utf-8")
    events, summary = drain(sync([corpus.folder], corpus.db, corpus.fallback))
    kinds = [e.kind for e in events]
    last_rows = max(i for i, kind in enumerate(kinds) if kind == "rows")
    assert kinds.index("index") > last_rows
    final = events[last_rows]
    assert final.done == final.total == 2 and final.written == summary.written == 1500
    # Before it, no "rows" event said every file was read.
    assert all(e.done < e.total for e in events[:last_rows] if e.kind == "rows" and e.written)
    # Nothing to read the second time: no such event.
    again, _ = drain(sync([corpus.folder], corpus.db, corpus.fallback))
    assert [e.done == e.total for e in again if e.kind == "rows"] == [True]
