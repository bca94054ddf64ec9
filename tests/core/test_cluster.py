"""``--engine dask``: the extract pipeline's units on a real Dask cluster of worker processes
give the output of one process, byte for byte, even when a worker dies part-way."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from tests import webarchive
from viewer.core.batch import (
    Done,
    Encoded,
    UnitResult,
    WorkUnit,
    lines_of,
    results_here,
    run_unit,
    work_units,
)
from viewer.core.model import ReadFailure

distributed = pytest.importorskip("distributed")

from viewer.core import cluster  # noqa: E402  (needs distributed)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    """A cluster of two worker processes on this machine, one thread each, for this module."""
    with cluster.connect(None, 2) as dask_client:
        yield dask_client


def _mixed(folder: Path) -> Path:
    """A folder of every kind: text, a saved page, a JSON Lines corpus, a web archive (one
    with a damaged tail), a file that cannot be read."""
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Harbour board meets\n\nThe board met on Tuesday. \u201cWe will sail,\u201d said Ines Varga.\n",
        encoding="utf-8",
    )
    (folder / "b.html").write_text(webarchive.FERRY, encoding="utf-8")
    records = [
        json.dumps({"title": f"Quay story {n}", "text": f'The quay was busy. "Again," said Tom Reid {n}.'})
        for n in range(23)
    ]
    records[7] = "{not json"
    (folder / "c.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    webarchive.write(folder / "d.warc.gz", webarchive.crawl())
    cut = webarchive.write(folder / "e.warc", webarchive.crawl())
    cut.write_bytes(cut.read_bytes()[:-500])
    (folder / "f.txt").write_bytes(b"")
    return folder


def _lines(done: Iterable[Done], with_entities: bool = False) -> list[Encoded]:
    return list(lines_of(done, with_entities))


def _units(folder: Path) -> list[WorkUnit | ReadFailure]:
    # Small units, so that every file but the text ones is cut into several.
    return list(work_units([str(folder)], unit_lines=5, unit_pages=1))


def test_a_mixed_folder_on_the_cluster_is_the_output_of_one_process(
    client: distributed.Client, tmp_path: Path
) -> None:
    folder = _mixed(tmp_path / "mixed")
    units = _units(folder)
    assert sum(isinstance(u, WorkUnit) and u.format == "warc" for u in units) == 3 + 2
    here = _lines(results_here(units, with_entities=False))
    there = _lines(cluster.results_on_cluster(client, units, with_entities=False, window=3))
    assert there == here
    assert len(here) == 1 + 1 + 23 + 3 + 3 + 1
    assert [json.loads(line)["record"] for line, _e, _n in here[2:25]] == list(range(23))


def _dies_once(marker: str, unit: WorkUnit, with_entities: bool) -> UnitResult:
    """A unit runner whose worker process dies the first time it meets the corpus' third run."""
    if unit.format == "jsonl" and unit.first_record == 10 and not os.path.exists(marker):
        Path(marker).touch()
        os._exit(1)
    return run_unit(unit, with_entities)


def test_a_worker_that_dies_loses_no_article(client: distributed.Client, tmp_path: Path) -> None:
    folder = _mixed(tmp_path / "mixed")
    units = _units(folder)
    marker = tmp_path / "killed"
    before = set(client.scheduler_info()["workers"])
    here = _lines(results_here(units, with_entities=False))
    runner = functools.partial(_dies_once, str(marker))
    there = _lines(cluster.results_on_cluster(client, units, with_entities=False, window=4, run=runner))
    assert marker.exists()  # a worker did die
    assert not before <= set(client.scheduler_info()["workers"])  # and was replaced
    assert there == here


def test_entities_on_the_cluster_are_those_of_one_process(client: distributed.Client, tmp_path: Path) -> None:
    folder = tmp_path / "two"
    folder.mkdir()
    for name in ("sample_01_harbour_ferry.txt", "sample_02_council_vote.txt"):
        (folder / name).write_bytes((ROOT / "seeds" / name).read_bytes())
    units = list(work_units([str(folder)]))
    here = _lines(results_here(units, with_entities=True), True)
    there = _lines(cluster.results_on_cluster(client, units, with_entities=True, window=2), True)
    assert there == here
    assert all(json.loads(line)["entities"] for line, _e, _n in here)


def _extract(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "viewer", "extract", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_extract_with_the_dask_engine_writes_what_one_process_writes() -> None:
    """The command as a user runs it: a cluster of --jobs workers started for the run."""
    one = _extract("seeds", "--no-entities")
    dask = _extract("seeds", "--no-entities", "--engine", "dask", "--jobs", "2")
    assert dask.returncode == one.returncode == 0, dask.stderr
    assert dask.stdout == one.stdout and dask.stderr == one.stderr
    assert len(one.stdout.splitlines()) >= 8


def test_without_dask_the_engine_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    from viewer.__main__ import main

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else real(name, *a)
    )
    assert main(["extract", "seeds", "--engine", "dask"]) == 2
    assert 'pip install "article-viewer[cluster]"' in capsys.readouterr().err
    assert main(["extract", "seeds", "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    assert "--scheduler goes with --engine dask" in capsys.readouterr().err


def test_export_with_the_dask_engine_writes_what_one_process_writes(
    client: distributed.Client, tmp_path: Path
) -> None:
    import io

    from viewer.core.export import export

    folder = _mixed(tmp_path / "mixed")
    (folder / "g.txt").write_text(
        "Ferry news\n\n\u201cWe will sail,\u201d said Ines Varga on Tuesday.\n", encoding="utf-8"
    )  # a statement also in a.txt: one group

    def run(name: str, **engine: str) -> str:
        out = io.StringIO()
        db = tmp_path / f"{name}.sqlite3"
        export(
            [str(folder)], out, fmt="jsonl", what="quotes", db=db, fallback=db, with_entities=False, **engine
        )  # type: ignore[arg-type]
        return out.getvalue()

    one = run("one")
    there = run("dask", engine="dask", scheduler=client.scheduler.address)
    assert there == one
    rows = [json.loads(line) for line in one.splitlines()]
    assert len(rows) >= 23 and any(row["group_size"] == 2 for row in rows)
    # Run again, nothing changed: the store is up to date and nothing goes to the cluster.
    assert run("dask", engine="dask", scheduler="tcp://127.0.0.1:1") == one
