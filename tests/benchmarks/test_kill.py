"""A writer killed again and again leaves a whole store (a short run of ``python -m viewer bench
kill``, which kills it 200 times and more), and the checks that say so find what is not whole."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.common import CHECKOUT
from benchmarks.kill import POINTS, add_file, check_store, kill_runs, start_writer


def test_a_writer_killed_21_times_leaves_a_whole_store_every_time(tmp_path: Path) -> None:
    # Two kills in three after a random delay, the third at a chosen point inside a
    # transaction (each of the seven points once).
    *_, run = kill_runs(tmp_path, 21, seed=5)
    assert run.problems == [] and run.failures == 0
    assert run.kills == 21 and run.integrity_failures == 0
    assert run.lost_max <= 1
    assert run.point_kills == 7 and set(run.points) == {name for name, _sql, _most in POINTS}
    # The writer got far enough for the checks to mean something.
    assert run.kept_reported >= 10 and run.analysed >= 10
    assert sum(run.phases.values()) == 21 and len(run.phases) >= 3
    assert run.caught_up_as_one_writer is True


def _catch_up(folder: Path, db: Path) -> None:
    command = [sys.executable, "-m", "benchmarks.kill", "--catch-up", str(folder), str(db)]
    subprocess.run(
        [*command, str(db.parent / "session.sqlite3"), "0"],
        cwd=CHECKOUT,
        capture_output=True,
        timeout=120,
        check=True,
    )


@pytest.fixture(scope="module")
def whole_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    """A store of four articles (one text file, one JSON Lines file of three) written to the
    end, and the keys of their analyses."""
    work = tmp_path_factory.mktemp("whole")
    folder = work / "news"
    folder.mkdir()
    add_file(folder, 0, 1)
    add_file(folder, 1, 3)
    db = work / "store.sqlite3"
    _catch_up(folder, db)
    return db, {"one-00000.txt#-1", *(f"batch-00001-3.jsonl#{r}" for r in range(3))}


def _broken(whole: tuple[Path, set[str]], where: Path, *statements: str) -> Path:
    db, _kept = whole
    copy = where / "store.sqlite3"
    for suffix in ("", "-wal"):
        if Path(f"{db}{suffix}").exists():
            shutil.copy(f"{db}{suffix}", f"{copy}{suffix}")
    con = sqlite3.connect(copy)
    try:
        for statement in statements:
            con.execute(statement)
        con.commit()
    finally:
        con.close()
    return copy


def test_the_checks_pass_a_whole_store(whole_store: tuple[Path, set[str]], tmp_path: Path) -> None:
    _db, kept = whole_store
    check = check_store(_broken(whole_store, tmp_path), kept, set())
    assert check.problems == [] and check.integrity_ok
    assert (check.articles, check.analysed, check.lost) == (4, 4, 0)


_JSONL_ARTICLE = "(SELECT a.id FROM articles a JOIN files f ON f.id = a.file_id WHERE CAST(f.path AS TEXT) LIKE '%jsonl' AND record = 1)"


@pytest.mark.parametrize(
    ("statements", "found"),
    [
        ([f"DELETE FROM analysis_fts WHERE rowid = {_JSONL_ARTICLE}"], "has no search index entry"),
        ([f"UPDATE analysis SET quotes = '[]' WHERE article_id = {_JSONL_ARTICLE}"], "is not whole"),
        ([f"DELETE FROM analysis WHERE article_id = {_JSONL_ARTICLE}"], "said kept are gone"),
        (
            [f"DELETE FROM analysis WHERE article_id = {_JSONL_ARTICLE}"],
            "search index entries of no analysis",
        ),
        (
            [f"UPDATE analysis_fts SET speakers = 'Someone Else' WHERE rowid = {_JSONL_ARTICLE}"],
            "is not its analysis's",
        ),
        ([f"DELETE FROM articles WHERE id = {_JSONL_ARTICLE}"], "is marked read with [0, 2] of its 3"),
        (
            [f"UPDATE articles SET body = replace(body, 'Tuesday', 'Monday') WHERE id = {_JSONL_ARTICLE}"],
            "is not the article its file holds",
        ),
        (["INSERT INTO quote_groups(article_id, quote, group_id) VALUES (1, 7, 99)"], "quote group members"),
    ],
)
def test_the_checks_find_what_is_half_written(
    whole_store: tuple[Path, set[str]], tmp_path: Path, statements: list[str], found: str
) -> None:
    _db, kept = whole_store
    check = check_store(_broken(whole_store, tmp_path, *statements), kept, set())
    assert any(found in problem for problem in check.problems), check.problems


def test_the_checks_count_what_was_in_flight(whole_store: tuple[Path, set[str]], tmp_path: Path) -> None:
    gone = "DELETE FROM analysis WHERE article_id IN (SELECT id FROM articles WHERE record IN (-1, 0))"
    check = check_store(
        _broken(whole_store, tmp_path, gone), set(), {"one-00000.txt#-1", "batch-00001-3.jsonl#0"}
    )
    assert check.lost == 2 and "2 analyses lost at once" in check.problems


@pytest.mark.parametrize("point", ["CREATE TABLE@1", "CREATE TRIGGER@5"])
def test_a_writer_killed_while_it_creates_the_store_leaves_one_that_opens(tmp_path: Path, point: str) -> None:
    # Killed inside the transaction that creates the tables: the next opening finds an empty
    # database and makes the store in place (nothing is set aside), and writing goes on.
    folder, db = tmp_path / "news", tmp_path / "cache" / "store.sqlite3"
    folder.mkdir()
    child = start_writer(folder, db, tmp_path / "session.sqlite3", 1, point)
    assert child.process.wait(60) == -signal.SIGKILL
    child.finish()
    assert child.lines[-2:] == ["phase open", f"dies at {point.split('@', maxsplit=1)[0]}"]
    check = check_store(db, set(), set())
    assert check.problems == [] and check.articles == 0
    _catch_up(folder, db)
    check = check_store(db, set(), set())
    assert check.problems == [] and check.articles >= 1
