"""Web archives: pages read from WARC and ARC records, everything else skipped and counted,
damage named with the pages before it kept. Every archive here is written by the test."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import webarchive as wa
from viewer.core.model import Article, ReadFailure
from viewer.core.readers import FoundFile, discover, format_of, read_file
from viewer.core.readers.safe_io import UnreadableFile
from viewer.core.readers.warc import ArchiveTally, dechunk, decompress, iter_archive, read_page

PAGE_RECORDS = [2, 6, 8]  # the crawl's pages among its nine records


def _read(path: Path, notes: list[str] | None = None) -> list[Article | ReadFailure]:
    return read_file(FoundFile(path, path.parent, "warc"), None if notes is None else notes.append)


def _articles(items: list[Article | ReadFailure]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def test_web_archive_names_are_a_kind_of_their_own(tmp_path: Path) -> None:
    for name in ("crawl.warc", "crawl.WARC.GZ", "old.arc", "old.arc.gz"):
        assert format_of(tmp_path / name) == "warc", name
    assert format_of(tmp_path / "notes.gz") is None
    assert format_of(tmp_path / "page.html.gz") is None
    for name in ("b.warc.gz", "a.arc", "skip.tar.gz"):
        (tmp_path / name).write_bytes(b"")
    found, _ = discover([tmp_path])
    assert [(f.path.name, f.format) for f in found] == [("a.arc", "warc"), ("b.warc.gz", "warc")]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_every_html_page_is_an_article_with_its_capture(tmp_path: Path, name: str) -> None:
    notes: list[str] = []
    items = _read(wa.write(tmp_path / name, wa.crawl()), notes)
    assert all(isinstance(item, Article) for item in items), items
    ferry, orchard, market = _articles(items)
    assert [a.record for a in (ferry, orchard, market)] == PAGE_RECORDS
    assert [a.url for a in (ferry, orchard, market)] == [url for url, _ in wa.ARCHIVE_PAGES]
    assert {a.format for a in items if isinstance(a, Article)} == {"warc"}
    assert ferry.title == "Ferry timetable changes for winter"
    assert ferry.paragraphs[1].startswith("Captain Ines Varga said the morning crossing")
    # No date on the page: the capture's; the orchard page states its own.
    assert ferry.date == wa.CAPTURED
    assert orchard.date is not None and orchard.date.startswith("2024-02-28")
    # The orchard page came gzip-compressed and chunked.
    assert orchard.paragraphs[0].startswith("Pickers in the valley began the apple harvest")
    # The market page is in Windows-1252, said only by the HTTP header (the page claims UTF-8).
    assert "the first crêpes of the season" in market.paragraphs[1]
    assert "the town’s building works" in market.paragraphs[2]
    assert notes == [
        f"{name}: 3 web pages; 6 records skipped: 2 requests, 1 record of crawl information, "
        "1 file that is not a web page, 1 redirect, 1 revisit"
    ]


def test_what_is_skipped_is_counted_by_reason(tmp_path: Path) -> None:
    tally = ArchiveTally()
    for item in iter_archive(wa.write(tmp_path / "crawl.warc", wa.crawl())):
        tally.add(item)
    assert (tally.pages, tally.failed, tally.damaged) == (3, 0, False)
    assert dict(tally.skipped) == {
        "request": 2,
        "crawl information": 1,
        "not a web page": 1,
        "redirect": 1,
        "revisit": 1,
    }


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_run_of_records_starts_at_a_record_and_stops_after_n(tmp_path: Path, name: str) -> None:
    path = wa.write(tmp_path / name, wa.crawl())
    whole = list(iter_archive(path))
    assert [r.index for r in whole] == list(range(9))
    assert [r.offset for r in whole[1:]] == [r.end for r in whole[:-1]]
    assert whole[-1].end == path.stat().st_size
    # From record 5 (its offset and number), three records: the same as read from the start.
    run = list(iter_archive(path, start=whole[5].offset, first_index=5, limit=3))
    assert run == whole[5:8]
    assert [r.index for r in run if r.page is not None] == [6]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_truncated_archive_is_read_up_to_the_damage(tmp_path: Path, name: str) -> None:
    path = wa.write(tmp_path / name, wa.crawl())
    whole = list(iter_archive(path))
    cut = whole[8].offset + 300  # inside the last page's record
    path.write_bytes(path.read_bytes()[:cut])
    items = _read(path)
    assert [a.record for a in _articles(items)] == PAGE_RECORDS[:2]
    failure = items[-1]
    assert isinstance(failure, ReadFailure) and failure.record is None and failure.path == str(path)
    assert failure.message.startswith(
        f"damaged at byte {whole[8].offset:,} (record 9): the archive ends inside it"
    )
    # Read again from the damaged record once the crawler has written the rest.
    damage = list(iter_archive(path))[-1]
    assert damage.damaged and (damage.index, damage.offset, damage.end) == (
        8,
        whole[8].offset,
        whole[8].offset,
    )
    wa.write(path, wa.crawl())
    [rest] = iter_archive(path, start=damage.offset, first_index=damage.index)
    assert rest.page is not None and rest.page.url == wa.ARCHIVE_PAGES[2][0]


def test_a_record_with_a_wrong_length_stops_the_reading_there(tmp_path: Path) -> None:
    records = wa.crawl()
    # The redirect's block says it is ten bytes longer than it is.
    records[4] = records[4].replace(b"Content-Length: ", b"Content-Length: 1", 1)
    items = _read(wa.write(tmp_path / "crawl.warc", records))
    assert [a.record for a in _articles(items)] == [2]
    failure = items[-1]
    assert isinstance(failure, ReadFailure) and failure.record is None
    assert "damaged at byte" in failure.message and "the rest of the archive" in failure.message


def test_a_damaged_gzip_member_keeps_the_pages_before_it(tmp_path: Path) -> None:
    members = [gzip.compress(r) for r in wa.crawl()]
    broken = bytearray(members[6])
    broken[len(broken) // 2 : len(broken) // 2 + 16] = b"\xff" * 16
    members[6] = bytes(broken)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(members))
    items = _read(path)
    assert [a.record for a in _articles(items)] == [2]
    failure = items[-1]
    assert isinstance(failure, ReadFailure) and failure.record is None
    assert failure.message.startswith(f"damaged at byte {sum(map(len, members[:6])):,} (record 7)")


def test_gzip_layouts_the_standard_forbids_are_named(tmp_path: Path) -> None:
    whole = tmp_path / "one-stream.warc.gz"
    whole.write_bytes(gzip.compress(b"".join(wa.crawl())))
    [failure] = _read(whole)
    assert isinstance(failure, ReadFailure) and "several records share one gzip member" in failure.message
    # A record whose block is compressed apart from its headers.
    first = wa.crawl()[2]
    split = first.index(b"<!doctype")
    spread = tmp_path / "spread.warc.gz"
    spread.write_bytes(gzip.compress(first[:split]) + gzip.compress(first[split:]))
    [failure] = _read(spread)
    assert isinstance(failure, ReadFailure) and "runs on past the end of its gzip member" in failure.message


def test_files_that_are_not_archives_or_hold_no_page_are_failures(tmp_path: Path) -> None:
    text = tmp_path / "notes.warc"
    text.write_text("Shopping list\n\nbread, cheese\n", encoding="utf-8")
    [failure] = _read(text)
    assert isinstance(failure, ReadFailure)
    assert (
        failure.message
        == "not a web archive (a WARC file starts with “WARC/”; this one with “Shopping list”)"
    )
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    assert [f.message for f in _read(empty) if isinstance(f, ReadFailure)] == ["the file is empty"]
    requests = wa.write(tmp_path / "requests.warc.gz", [wa.request("https://news.example.org/a", 1)] * 2)
    [failure] = _read(requests)
    assert isinstance(failure, ReadFailure)
    assert failure.message == "no web page in this archive (2 records skipped: 2 requests)"


def test_a_page_that_cannot_be_read_fails_alone(tmp_path: Path) -> None:
    empty_page = wa.response("https://news.example.org/blank", b"   ", number=10)
    records = [*wa.crawl()[:3], empty_page, *wa.crawl()[3:]]
    items = _read(wa.write(tmp_path / "crawl.warc", records))
    failures = [item for item in items if isinstance(item, ReadFailure)]
    assert [(f.record, f.message) for f in failures] == [(3, "the page is empty")]
    assert len(_articles(items)) == 3


def test_an_arc_file_is_read_like_a_warc(tmp_path: Path) -> None:
    html = wa.FERRY.encode()
    block = wa.http("200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(html)))], html)
    version = b"1 0 Test Crawler\nURL IP-address Archive-date Content-type Archive-length\n\n"
    records = [
        b"filedesc://old.arc 0.0.0.0 20090504101500 text/plain "
        + str(len(version)).encode()
        + b"\n"
        + version,
        b"http://news.example.org/ferry 192.0.2.1 20090504101512 text/html "
        + str(len(block)).encode()
        + b"\n"
        + block
        + b"\n",
    ]
    compressed = b"".join(gzip.compress(r) for r in records)
    for name, data in (("old.arc", b"".join(records)), ("old.arc.gz", compressed)):
        path = tmp_path / name
        path.write_bytes(data)
        [article] = _read(path)
        assert isinstance(article, Article), article
        assert (article.record, article.url, article.date) == (
            1,
            "http://news.example.org/ferry",
            "2009-05-04T10:15:12Z",
        )
        assert article.title == "Ferry timetable changes for winter"


def test_http_bodies_are_decoded_strictly_and_kindly() -> None:
    text = b"<p>The tide table for the week.</p>" * 20
    assert dechunk(wa.chunked(text, 37)) == text
    assert dechunk(text) == text  # stored de-chunked under its original header
    assert dechunk(wa.chunked(text, 50)[:120]) == text[:96]  # cut short in its second chunk: what came
    assert decompress(gzip.compress(text), "gzip") == text
    assert decompress(gzip.compress(text)[:-6], "gzip") == text  # its trailer lost
    assert decompress(text, "gzip") == text  # said to be compressed, but is not
    assert decompress(wa.deflate(text, raw=False), "deflate") == text
    assert decompress(wa.deflate(text, raw=True), "deflate") == text
    with pytest.raises(UnreadableFile, match="encoded as 'compress'"):
        decompress(text, "compress")


def test_a_decompression_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from viewer.core.readers import warc

    monkeypatch.setattr(warc, "MAX_PAGE_BYTES", 1000)
    with pytest.raises(UnreadableFile, match="too large once decompressed"):
        decompress(gzip.compress(b"a" * 5000), "gzip")


def test_a_page_is_read_apart_from_its_archive(tmp_path: Path) -> None:
    [*_, market] = [r for r in iter_archive(wa.write(tmp_path / "crawl.warc", wa.crawl())) if r.page]
    assert market.page is not None
    article = read_page(market.page)
    assert (
        isinstance(article, Article) and article.record == 8 and article.path == str(tmp_path / "crawl.warc")
    )


_CRAWL = wa.crawl()
_PLAIN = b"".join(_CRAWL)
_GZIP = b"".join(gzip.compress(r) for r in _CRAWL)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    compressed=st.booleans(),
    cut=st.floats(0, 1),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=4),
)
def test_any_cut_or_damage_keeps_the_records_before_it(
    tmp_path: Path, compressed: bool, cut: float, flips: list[tuple[float, int]]
) -> None:
    whole = _GZIP if compressed else _PLAIN
    path = tmp_path / ("fuzz.warc.gz" if compressed else "fuzz.warc")
    path.write_bytes(whole)
    intact = list(iter_archive(path))
    data = bytearray(whole[: int(len(whole) * cut)])
    for where, value in flips:
        if data:
            data[int(where * (len(data) - 1))] = value
    path.write_bytes(bytes(data))
    first_change = min([len(data)] + [int(where * (len(data) - 1)) for where, _ in flips if data])
    try:
        records = list(iter_archive(path))
    except UnreadableFile:
        assert first_change < intact[0].end  # only damage to its first record makes it no archive at all
        return
    assert all(r.damaged for r in records if r.failure is not None and r.failure.record is None)
    assert sum(r.damaged for r in records) <= 1 and not any(r.damaged for r in records[:-1])
    # Every record that ended before the first changed byte is read as it was.
    before = [r for r in intact if r.end <= first_change]
    assert records[: len(before)] == before
