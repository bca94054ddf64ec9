"""Long id lists fetched in one SQLite call give what a row-by-row read gives."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from tests.core.corpus.conftest import bulletins, drain
from viewer.core.corpus.idlist import fetch_ids
from viewer.core.corpus.store import ORDER_BY, open_store
from viewer.core.corpus.sync import sync


@pytest.fixture
def numbers() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER)")
    rng = random.Random(5)
    values = {0, 1, -1, 2**63 - 1, -(2**63), 255, 256, *(rng.randrange(-(2**40), 2**40) for _ in range(2000))}
    db.executemany("INSERT INTO t(id, k) VALUES (?, ?)", [(v, rng.randrange(50)) for v in values])
    return db


@pytest.mark.parametrize("order", ["id", "id DESC", "k, id DESC"])
def test_ids_come_back_whole_and_in_the_querys_order(numbers: sqlite3.Connection, order: str) -> None:
    sql = f"SELECT id FROM t ORDER BY {order}"
    assert fetch_ids(numbers, sql) == [row[0] for row in numbers.execute(sql)]


def test_parameters_and_no_rows(numbers: sqlite3.Connection) -> None:
    assert fetch_ids(
        numbers,
        "SELECT id FROM t WHERE k = ? AND id BETWEEN 0 AND 1",
        (numbers.execute("SELECT k FROM t WHERE id = 1").fetchone()[0],),
    ) == [1]
    assert fetch_ids(numbers, "SELECT id FROM t WHERE k < ?", (-1,)) == []


def test_the_stores_orders_and_a_search_with_many_hits(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "tides.jsonl").write_text(bulletins(3000), encoding="utf-8")
    db = tmp_path / "cache" / "corpus.sqlite3"
    drain(sync([folder], db, tmp_path / "session" / "corpus.sqlite3"))
    with open_store(db) as store:
        raw = sqlite3.connect(db)
        for sort, order in ORDER_BY.items():
            expected = [row[0] for row in raw.execute(f"SELECT id FROM articles ORDER BY {order}")]
            assert store.ids(sort=sort) == expected
        # A word in every record: the hits are a set taken in one call, filtered by the order.
        everything = store.ids(sort="title")
        assert store.ids("lighthouse", sort="title") == everything
        assert len(store.ids("lighthouse 2999")) == 1
        raw.close()
