"""Beyond one machine: ``python -m viewer bench scale [--json] [--only import|archive|engines] [--articles N] [--pages N] [--import N]``.

Measures, in one run, and prints one JSON object (``--json``) or a few lines:

- **web archives**: the pages of a synthetic crawl (a request before each page, one gzip member
  per record) read from the archive, against the same pages read as saved ``.html`` files
  (the same HTML reader behind both): ``archive_records_per_s``, ``archive_pages_per_s``,
  ``files_pages_per_s`` and ``archive_vs_files`` (time from the archive / time from files);
- **engines**: ``python -m viewer extract`` of the same synthetic articles (2,000 by default,
  with entities) in one process, with ``--jobs 2``, and with ``--engine dask --jobs 2`` (a
  LocalCluster of 2 worker processes, started by the command): wall seconds of each command
  as a user runs it (start-up, model loading and cluster start included), the speed-ups
  against one process, and the processor seconds of each (all its processes); the three
  outputs are checked to be the same;
- **import**: ``python -m viewer import`` of an analysis of 100,000 synthetic articles
  (articles read by our JSON Lines reader, an analysis of invented quotes and entities per
  article in the shape extract writes) into a fresh store: wall seconds and the command's
  peak resident memory.

``load_before``/``load_after`` are the machine's load averages: the numbers mean little on a
busy machine. Everything is written to a temporary folder.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import FIRST, LAST, ORGS, PLACES, asks_for_help, synthetic_record, write_corpus


def _page(record: dict[str, Any]) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in record["text"].split("\n\n"))
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{record['title']}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>{record['title']}</h1>"
        f"{paragraphs}</article><footer>Copyright the Bench Gazette</footer></body></html>"
    ).encode()


def _warc(kind: str, uri: str, block: bytes, content_type: str) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{random.getrandbits(128):032x}>\r\n"
        f"WARC-Date: 2024-03-02T09:30:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def _crawl(folder: Path, pages: int) -> tuple[Path, Path, int]:
    """A crawl of ``pages`` pages (each after its request) as a .warc.gz, and the same pages
    as .html files; how many records the archive holds."""
    rng = random.Random(5)
    files = folder / "pages"
    files.mkdir(parents=True)
    records = []
    for n in range(pages):
        html = _page(synthetic_record(n, rng))
        (files / f"page-{n:05d}.html").write_bytes(html)
        uri = f"https://news.example/{n}"
        request = f"GET /{n} HTTP/1.1\r\nHost: news.example\r\n\r\n".encode()
        response = (
            f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {len(html)}\r\n\r\n"
        ).encode() + html
        records.append(_warc("request", uri, request, "application/http; msgtype=request"))
        records.append(_warc("response", uri, response, "application/http; msgtype=response"))
    archive = folder / "crawl.warc.gz"
    archive.write_bytes(b"".join(gzip.compress(r) for r in records))
    return archive, files, len(records)


def archive_numbers(folder: Path, pages: int) -> dict[str, float]:
    from viewer.core.readers import discover, read_file
    from viewer.core.readers.html import read_html_file

    archive, files, records = _crawl(folder, pages)
    start = time.perf_counter()
    found, _failures = discover([archive])
    read = read_file(found[0])
    from_archive = time.perf_counter() - start
    assert len(read) == pages, len(read)
    start = time.perf_counter()
    for path in sorted(files.iterdir()):
        read_html_file(path)
    from_files = time.perf_counter() - start
    return {
        "archive_pages": pages,
        "archive_records_per_s": round(records / from_archive, 1),
        "archive_pages_per_s": round(pages / from_archive, 1),
        "files_pages_per_s": round(pages / from_files, 1),
        "archive_vs_files": round(from_archive / from_files, 2),
    }


def _timed(command: list[str], out: Path) -> tuple[float, float]:
    """Wall seconds of a command, and the processor seconds of it and every process it
    started and waited for (a local cluster's workers included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with out.open("w", encoding="utf-8") as stream:
        subprocess.run(command, stdout=stream, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def engine_numbers(folder: Path, articles: int) -> dict[str, Any]:
    corpus = write_corpus(folder / "corpus", articles, seed=11)
    extract = [sys.executable, "-m", "viewer", "extract", str(corpus.parent)]
    one, one_cpu = _timed(extract, folder / "one.jsonl")
    jobs, jobs_cpu = _timed([*extract, "--jobs", "2"], folder / "jobs.jsonl")
    dask, dask_cpu = _timed([*extract, "--engine", "dask", "--jobs", "2"], folder / "dask.jsonl")
    same = (
        (folder / "one.jsonl").read_bytes()
        == (folder / "jobs.jsonl").read_bytes()
        == (folder / "dask.jsonl").read_bytes()
    )
    lines = len((folder / "one.jsonl").read_bytes().splitlines())
    return {
        "engine_articles": articles,
        "one_process_s": round(one, 1),
        "jobs2_s": round(jobs, 1),
        "dask2_s": round(dask, 1),
        "jobs2_speedup": round(one / jobs, 2),
        "dask2_speedup": round(one / dask, 2),
        # Processor seconds of each run, every process counted: what the second process and
        # the cluster cost on top of the analysis itself.
        "one_process_cpu_s": round(one_cpu, 1),
        "jobs2_cpu_s": round(jobs_cpu, 1),
        "dask2_cpu_s": round(dask_cpu, 1),
        "engine_outputs_identical": same and lines == articles,
    }


def _analysis(corpus: Path, out: Path) -> int:
    """The extract output of every article of ``corpus`` (read by our reader), with an
    invented analysis per article: 2 to 4 quotes, a few people, an organisation, a place."""
    from viewer.core.batch import encoded
    from viewer.core.model import AnalysedArticle, Article, Entity, Mention, Quote, Span
    from viewer.core.readers import discover, iter_file

    rng = random.Random(9)
    found, _failures = discover([corpus])
    count = 0
    with out.open("w", encoding="utf-8") as stream:
        for item in iter_file(found[0]):
            if not isinstance(item, Article):
                continue
            paragraph = min(1, len(item.paragraphs) - 1)
            size = len(item.paragraphs[paragraph])
            people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 3))]
            quotes = tuple(
                Quote(
                    item.paragraphs[paragraph][: min(size, 40)],
                    rng.choice(people),
                    "said",
                    (Span(paragraph, 0, min(size, 40)),),
                    kind="direct",
                )
                for _ in range(rng.randint(2, 4))
            )
            where = tuple(Mention("paragraph", paragraph, 0, min(size, 4)) for _ in range(rng.randint(1, 3)))
            entities = (
                *tuple(Entity(p, "PERSON", (p, p.split()[1]), where) for p in dict.fromkeys(people)),
                Entity(rng.choice(ORGS), "ORG", (), where),
                Entity(rng.choice(PLACES), "GPE", (), where),
            )
            stream.write(encoded(AnalysedArticle(item, quotes, entities)).line + "\n")
            count += 1
    return count


def import_numbers(folder: Path, articles: int) -> dict[str, Any]:
    corpus = write_corpus(folder / "corpus", articles, seed=13)
    analysis = folder / "analysis.jsonl"
    count = _analysis(corpus, analysis)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "viewer",
            "import",
            str(analysis),
            "--for",
            str(corpus.parent),
            "--store",
            str(folder / "stores"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    peak = after.ru_maxrss  # KB: the largest child so far (this is the first)
    return {
        "import_articles": count,
        "import_s": round(seconds, 1),
        "import_cpu_s": round(cpu, 1),
        "import_peak_mb": round(peak / 1024, 1) if peak > before.ru_maxrss else None,
        "import_ok": done.returncode == 0,
        "analysis_mb": round(analysis.stat().st_size / 2**20, 1),
    }


def _option(args: list[str], name: str, default: int) -> int:
    return int(args[args.index(name) + 1]) if name in args else default


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if asks_for_help(args, __doc__):
        return 0
    results: dict[str, Any] = {"load_before": [round(x, 2) for x in os.getloadavg()]}
    with tempfile.TemporaryDirectory(prefix="article-viewer-scale-") as temp:
        root = Path(temp)
        only = args[args.index("--only") + 1] if "--only" in args else None
        # Import first: its peak memory is read as the largest child process so far.
        if only in (None, "import"):
            results.update(import_numbers(root / "import", _option(args, "--import", 100_000)))
        if only in (None, "archive"):
            results.update(archive_numbers(root / "archive", _option(args, "--pages", 500)))
        if only in (None, "engines"):
            results.update(engine_numbers(root / "engines", _option(args, "--articles", 2000)))
    results["load_after"] = [round(x, 2) for x in os.getloadavg()]
    if "--json" in args:
        print(json.dumps(results, indent=1))
    else:
        for key, value in results.items():
            print(f"{key}: {value}")
    return 0
