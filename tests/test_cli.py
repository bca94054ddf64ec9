"""``python -m viewer extract``: the JSON Lines contract of SCHEMA.md."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests import webarchive

FIELDS = {
    "path",
    "record",
    "format",
    "title",
    "standfirst",
    "byline",
    "date",
    "source",
    "url",
    "contributors",
    "paragraphs",
    "figures",
    "quotes",
    "entities",
    "error",
}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "viewer", "extract", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_extract_writes_one_object_per_article_and_reports_failures(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Bee title\n\nBody.", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text('{"title": "A0", "text": "x."}\n{broken\n', encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"")
    done = _run(str(tmp_path), "--no-entities")
    assert done.returncode == 1
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(Path(r["path"]).name, r["record"]) for r in rows] == [
        ("a.jsonl", 0),
        ("a.jsonl", 1),
        ("b.txt", None),
        ("c.txt", None),
    ]
    good = rows[0]
    assert set(good) >= FIELDS
    assert good["error"] is None and good["entities"] == [] and good["format"] == "jsonl"
    assert rows[1]["error"].startswith("not valid JSON")
    assert rows[3]["error"] == "the file is empty"
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 2 and "Traceback" not in done.stderr
    assert errors[0].startswith("error: ") and "(record 1)" in errors[0]


def test_extract_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("T\n\nBody.", encoding="utf-8")
    assert _run(str(tmp_path), "--no-entities").returncode == 0
    assert _run().returncode == 2
    assert _run("--bogus", str(tmp_path)).returncode == 2


def test_a_fault_in_analysis_costs_one_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from viewer import __main__ as cli
    from viewer.core import analyse

    (tmp_path / "a.txt").write_text("Good\n\nBody.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Poison\n\nBody.", encoding="utf-8")
    real = analyse.analyse_many

    def flaky(articles, *, with_entities=True):  # type: ignore[no-untyped-def]
        for article in articles:
            if article.title == "Poison":
                raise ValueError("boom")
            yield from real([article], with_entities=with_entities)

    monkeypatch.setattr(analyse, "analyse_many", flaky)
    monkeypatch.setattr(
        analyse, "analyse", lambda a, with_entities=True: next(flaky([a], with_entities=with_entities))
    )
    assert cli.main(["extract", str(tmp_path), "--no-entities"]) == 1
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["title"] if r["error"] is None else r["error"] for r in rows] == [
        "Good",
        "analysis failed (ValueError: boom)",
    ]
    assert "Traceback" not in err


def test_jobs_give_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    lines = [
        json.dumps({"title": f"Story {n}", "text": f'Body {n}. "We will see," said Ana Lee {n}.'})
        for n in range(150)
    ]
    lines.insert(70, "{not json")
    (folder / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for n in range(5):
        (folder / f"{n}.txt").write_text(f"Headline {n}\n\nBody text {n}.\n", encoding="utf-8")
    (folder / "broken.json").write_text("[", encoding="utf-8")
    one = _run(str(folder), "--no-entities")
    two = _run(str(folder), "--no-entities", "--jobs", "2")
    assert one.returncode == two.returncode == 1  # the bad line and file fail alone
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr
    assert len(one.stdout.splitlines()) == 151 + 5 + 1


def test_web_archives_give_their_pages_and_say_what_they_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "crawls"
    folder.mkdir()
    webarchive.write(folder / "a.warc.gz", webarchive.crawl())
    cut = webarchive.write(folder / "b.warc", webarchive.crawl())
    cut.write_bytes(cut.read_bytes()[:-500])  # the last page's record cut short
    (folder / "c.warc").write_bytes(webarchive.crawl()[1])  # a request alone: no page
    one = _run(str(folder), "--no-entities")
    two = _run(str(folder), "--no-entities", "--jobs", "2")
    assert one.returncode == two.returncode == 1
    assert two.stdout == one.stdout and two.stderr == one.stderr
    rows = [json.loads(line) for line in one.stdout.splitlines()]
    assert [(Path(r["path"]).name, r["record"], r["error"] is None) for r in rows] == [
        ("a.warc.gz", 2, True),
        ("a.warc.gz", 6, True),
        ("a.warc.gz", 8, True),
        ("b.warc", 2, True),
        ("b.warc", 6, True),
        ("b.warc", None, False),
        ("c.warc", None, False),
    ]
    assert {r["format"] for r in rows} == {"warc"}
    assert rows[0]["url"] == webarchive.ARCHIVE_PAGES[0][0] and rows[0]["date"] == webarchive.CAPTURED
    assert rows[5]["error"].startswith("damaged at byte") and rows[6]["error"] == (
        "no web page in this archive (1 record skipped: 1 request)"
    )
    lines = one.stderr.splitlines()
    assert lines == [
        "note: a.warc.gz: 3 web pages; 6 records skipped: 2 requests, 1 record of crawl information, "
        "1 file that is not a web page, 1 redirect, 1 revisit",
        f"error: {cut}: {rows[5]['error']}",
        "note: b.warc: 2 web pages; 6 records skipped: 2 requests, 1 record of crawl information, "
        "1 file that is not a web page, 1 redirect, 1 revisit",
        f"error: {folder / 'c.warc'}: {rows[6]['error']}",
    ]


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_number(jobs: str) -> None:
    done = _run("seeds", "--jobs", jobs)
    assert done.returncode == 2
    assert "--jobs" in done.stderr
