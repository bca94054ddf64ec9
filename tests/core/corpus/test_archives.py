"""Web archives in the store: their pages are rows, read as they stream, and an archive that
grows (a crawl still being written) is read on from its last whole record."""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests import webarchive as wa
from tests.core.corpus.conftest import Corpus, bump_mtime, ids_by_key
from viewer.core.corpus import sync as sync_module
from viewer.core.model import Article, ReadFailure
from viewer.core.readers.warc import iter_archive


@pytest.fixture
def archive_reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, int]]:
    """Where each sync started reading an archive: (file name, byte offset, record number)."""
    reads: list[tuple[str, int, int]] = []
    real = sync_module._archive_rows

    def spy(found: Any, start: int, first: int, pool: Any, plan: Any) -> Any:
        reads.append((found.path.name, start, first))
        return real(found, start, first, pool, plan)

    monkeypatch.setattr(sync_module, "_archive_rows", spy)
    return reads


def test_an_archive_s_pages_are_rows_and_what_it_skipped_is_counted(corpus: Corpus) -> None:
    wa.write(corpus.folder / "crawl.warc.gz", wa.crawl())
    events, summary = corpus.sync_events()
    assert (summary.written, summary.failures, summary.skipped_records) == (3, 0, 6)
    # The first pages are written before the rest of the archive is read.
    first_rows = next(e for e in events if e.kind == "rows" and e.written)
    assert first_rows.written == 3 and first_rows.name == "crawl.warc.gz"
    with corpus.open() as store:
        keys = ids_by_key(store)
        assert sorted(keys) == [("crawl.warc.gz", 2), ("crawl.warc.gz", 6), ("crawl.warc.gz", 8)]
        market = store.item(keys[("crawl.warc.gz", 8)])
        assert isinstance(market, Article) and market.format == "warc"
        assert market.url == wa.ARCHIVE_PAGES[2][0] and market.title == "Market hall reopens after repairs"
        assert store.ids("crêpes") == [keys[("crawl.warc.gz", 8)]]


def test_a_growing_archive_is_read_on_from_its_last_whole_record(
    corpus: Corpus, archive_reads: list[tuple[str, int, int]]
) -> None:
    path = wa.write(corpus.folder / "crawl.warc", wa.crawl())
    last = list(iter_archive(path))[8]
    path.write_bytes(path.read_bytes()[: last.offset + 200])  # the crawler is writing the last page
    summary = corpus.sync()
    assert summary.written == 3  # two pages and the damage
    with corpus.open() as store:
        before = ids_by_key(store)
        assert set(before) == {("crawl.warc", None), ("crawl.warc", 2), ("crawl.warc", 6)}
        damage = store.item(before[("crawl.warc", None)])
        assert isinstance(damage, ReadFailure) and "the archive ends inside it" in damage.message
        state = store.file_states()[os.fsencode(str(path))]
        assert (state.read_bytes, state.records) == (last.offset, 8)

    wa.write(path, wa.crawl())
    bump_mtime(path)
    archive_reads.clear()
    summary = corpus.sync()
    assert archive_reads == [("crawl.warc", last.offset, 8)]
    assert (summary.written, summary.failures) == (1, 0)
    with corpus.open() as store:
        after = ids_by_key(store)
        assert set(after) == {("crawl.warc", 2), ("crawl.warc", 6), ("crawl.warc", 8)}
        assert {k: after[k] for k in before if k[1] is not None} == {
            k: v for k, v in before.items() if k[1] is not None
        }
        assert store.file_states()[os.fsencode(str(path))].read_bytes == path.stat().st_size


def test_an_archive_without_pages_is_a_failure_row(corpus: Corpus) -> None:
    wa.write(corpus.folder / "requests.warc", [wa.request("https://news.example.org/a", 1)])
    summary = corpus.sync()
    assert (summary.written, summary.failures, summary.skipped_records) == (1, 1, 1)
    with corpus.open() as store:
        [row] = store.rows(store.ids()).values()
        item = store.item(row.id)
        assert isinstance(item, ReadFailure)
        assert item.message == "no web page in this archive (1 record skipped: 1 request)"


def test_a_file_that_is_no_archive_is_a_failure_row(corpus: Corpus) -> None:
    (corpus.folder / "notes.warc").write_text("Shopping list\n", encoding="utf-8")
    summary = corpus.sync()
    assert (summary.written, summary.failures) == (1, 1)


def test_archive_pages_are_read_by_the_pool_too(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    from concurrent.futures import Future

    pooled: list[bool] = []
    submit = sync_module._Pool.submit

    def spy(self: Any, *args: Any) -> Any:
        job = submit(self, *args)
        pooled.append(isinstance(job, Future))
        return job

    monkeypatch.setattr(sync_module._Pool, "submit", spy)
    many = [wa.crawl()[0]]
    for n in range(40):
        url = f"https://news.example.org/ferry-{n}"
        many.append(
            wa.response(url, wa.FERRY.replace("for winter", f"for winter, part {n}").encode(), number=n)
        )
    wa.write(corpus.folder / "big.warc.gz", many)
    from tests.core.corpus.conftest import drain
    from viewer.core.corpus.sync import sync

    _events, summary = drain(sync([corpus.folder], corpus.db, corpus.fallback, jobs=2))
    assert (summary.written, summary.failures) == (40, 0)
    assert any(pooled)
    with corpus.open() as store:
        titles = sorted(
            item.title for item in (store.item(i) for i in store.ids()) if isinstance(item, Article)
        )
    assert titles == sorted(f"Ferry timetable changes for winter, part {n}" for n in range(40))
