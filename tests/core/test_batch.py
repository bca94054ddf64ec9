"""The extract pipeline's units: whole files and runs of JSON Lines records, each read and
analysed on its own, together giving exactly what reading the files whole gives."""

from __future__ import annotations

import concurrent.futures
import json
import pickle
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import webarchive
from viewer.core.batch import WorkUnit, encoded, extract_lines, lines_of, output_of, run_unit, work_units
from viewer.core.model import ReadFailure
from viewer.core.readers import read_paths


def _record(n: int) -> str:
    return json.dumps(
        {"title": f"Ferry story {n}", "text": f'The crossing ran late. "Again," said Ana Lee {n}.'}
    )


def _whole(paths: list[str]) -> list[str]:
    """The output lines of reading every file whole, in one piece (analysis without NER)."""
    from viewer.core.batch import analyse_batch
    from viewer.core.model import Article

    items = list(read_paths(paths))
    results = iter(analyse_batch([i for i in items if isinstance(i, Article)], with_entities=False))
    return [encoded(next(results) if isinstance(i, Article) else i, False).line for i in items]


def _by_units(paths: list[str], unit_lines: int = 64, unit_pages: int = 64) -> list[str]:
    units = work_units(paths, unit_lines=unit_lines, unit_pages=unit_pages)
    done = ((unit, output_of(unit, with_entities=False)) for unit in units)
    return [out.line for out in lines_of(done, with_entities=False)]


def test_a_folder_s_units_in_output_order(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Harbour news\n\nThe ferry was late.\n", encoding="utf-8")
    lines = [_record(n) for n in range(150)]
    (tmp_path / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    units = list(work_units([str(tmp_path / "missing.txt"), str(tmp_path)]))
    assert isinstance(units[0], ReadFailure) and units[0].message == "no such file or folder"
    root = str(tmp_path)
    corpus = str(tmp_path / "b.jsonl")
    second = sum(len(line) + 1 for line in lines[:64])
    assert units[1:] == [
        WorkUnit(str(tmp_path / "a.txt"), "text", root),
        WorkUnit(corpus, "jsonl", root, 0, 63, 0),
        WorkUnit(corpus, "jsonl", root, 64, 127, second),
        WorkUnit(corpus, "jsonl", root, 128, 149, second + sum(len(line) + 1 for line in lines[64:128])),
    ]
    # A unit is plain values: it can be sent to another process as it is.
    assert pickle.loads(pickle.dumps(units[3])) == units[3]
    middle = [json.loads(out.line) for out in run_unit(units[3], with_entities=False).lines]
    assert [row["record"] for row in middle] == list(range(64, 128))
    assert middle[0]["title"] == "Ferry story 64"


def test_runs_read_apart_give_the_whole_file(tmp_path: Path) -> None:
    lines = ["\ufeff" + _record(0), "", _record(1), "{not json", "   ", _record(2), "[1, 2]", _record(3)]
    (tmp_path / "c.jsonl").write_text("\n".join(lines), encoding="utf-8")  # no end of line at the end
    paths = [str(tmp_path)]
    whole = _whole(paths)
    assert len(whole) == 6
    for size in (1, 2, 3, 64):
        assert _by_units(paths, size) == whole


def test_an_unreadable_corpus_is_one_failure(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_text("\n\n", encoding="utf-8")
    units = list(work_units([str(tmp_path)]))
    assert [(u.first_record, u.last_record) for u in units if isinstance(u, WorkUnit)] == [
        (0, None),
        (0, None),
    ]
    out = _by_units([str(tmp_path)], 64)
    assert out == _whole([str(tmp_path)])
    assert [json.loads(line)["error"] for line in out] == ["the file is empty", "the file is empty"]


@settings(max_examples=30, deadline=None)
@given(
    kinds=st.lists(st.sampled_from(["record", "blank", "bad", "list"]), min_size=0, max_size=20),
    size=st.integers(1, 6),
    newline_at_end=st.booleans(),
)
def test_any_cut_of_a_corpus_gives_the_same_output(kinds: list[str], size: int, newline_at_end: bool) -> None:
    text = {"blank": "", "bad": "{oops", "list": "[1]"}
    lines = [_record(n) if kind == "record" else text[kind] for n, kind in enumerate(kinds)]
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "feed.jsonl").write_text("\n".join(lines) + ("\n" if newline_at_end else ""), "utf-8")
        assert _by_units([folder], size) == _whole([folder])


def test_one_job_starts_no_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool was started for one job")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    (tmp_path / "feed.jsonl").write_text("\n".join(_record(n) for n in range(70)), encoding="utf-8")
    out = list(extract_lines([str(tmp_path)], with_entities=False, jobs=1))
    assert [json.loads(o.line)["record"] for o in out] == list(range(70))
    assert all(o.error is None for o in out)


def _crawl_of(pages: int) -> list[bytes]:
    """A crawl of ``pages`` invented pages, each after its request, a redirect among them."""
    records = [
        webarchive.record("warcinfo", None, b"software: test\r\n", content_type="application/warc-fields")
    ]
    for n in range(pages):
        url = f"https://news.example.org/story-{n}"
        html = webarchive.page(f"Harbour story {n}", [f"The ferry sailed {n} minutes late, the board said."])
        records += [webarchive.request(url, 2 * n), webarchive.response(url, html.encode(), number=2 * n + 1)]
        if n == 3:
            records.append(webarchive.crawl()[4])  # a redirect
    return records


def _archive_units(path: Path, unit_pages: int) -> list[tuple[int, int | None, int]]:
    units = list(work_units([str(path)], unit_pages=unit_pages))
    assert all(isinstance(u, WorkUnit) and u.format == "warc" for u in units)
    return [(u.first_record, u.last_record, u.start) for u in units if isinstance(u, WorkUnit)]


@pytest.mark.parametrize("compressed", [False, True])
def test_an_archive_in_runs_of_pages_cut_at_record_offsets(tmp_path: Path, compressed: bool) -> None:
    records = _crawl_of(7)
    path = webarchive.write(tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc"), records)
    units = _archive_units(path, unit_pages=3)
    # Record 0 is crawl information, then request/response pairs with a redirect (record 9)
    # after the fourth: pages are records 2, 4, 6, 8, 11, 13, 15; a run ends before its fourth
    # page, the records after its last page with it, and the last run goes to the end.
    assert [(first, last) for first, last, _start in units] == [(0, 7), (8, 14), (15, None)]
    sizes = [len(webarchive.gzip.compress(r)) if compressed else len(r) for r in records]
    assert [start for _f, _l, start in units] == [0, sum(sizes[:8]), sum(sizes[:15])]
    assert _by_units([str(path)], unit_pages=3) == _whole([str(path)])


def test_an_archive_s_note_and_failures_come_once_after_its_last_run(tmp_path: Path) -> None:
    whole = webarchive.write(tmp_path / "a.warc", _crawl_of(5))
    cut = webarchive.write(tmp_path / "b.warc", _crawl_of(5))
    cut.write_bytes(cut.read_bytes()[:-300])  # damage in the last page's record
    webarchive.write(tmp_path / "c.warc", _crawl_of(0))  # no page at all
    (tmp_path / "d.warc").write_bytes(b"not an archive\r\n")
    paths = [str(tmp_path)]
    units = list(work_units(paths, unit_pages=2))
    assert len(units) == 3 + 2 + 1 + 1
    got = list(lines_of(((unit, output_of(unit, with_entities=False)) for unit in units), False))
    assert [o.line for o in got] == _whole(paths)
    noted = [(json.loads(o.line)["path"], o.notes) for o in got if o.notes]
    assert noted == [
        (
            str(whole),
            (
                "a.warc: 5 web pages; 7 records skipped: 5 requests, 1 record of crawl information, 1 redirect",
            ),
        ),
        (
            str(cut),
            (
                "b.warc: 4 web pages; 7 records skipped: 5 requests, 1 record of crawl information, 1 redirect",
            ),
        ),
    ]
    errors = [o.error for o in got if o.error]
    assert errors[0].startswith(f"error: {cut}: damaged at byte")
    assert errors[1:] == [
        f"error: {tmp_path / 'c.warc'}: no web page in this archive (1 record skipped: 1 record of crawl information)",
        f"error: {tmp_path / 'd.warc'}: not a web archive (a WARC file starts with “WARC/”; this one with “not an archive”)",
    ]
