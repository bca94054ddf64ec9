"""Exporting some articles of an analysed store to a file (what the window's File > Export runs)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.core.test_export import COURIER, GAZETTE
from viewer.core.corpus.store import attach_store
from viewer.core.corpus.sync import sync
from viewer.core.export import QUOTE_FIELDS, prepare
from viewer.core.export_file import export_store, with_suffix

LATE = "Late news\n\n“The bridge opens in June,” said Ana Ruiz.\n"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    (news / "gazette.txt").write_text(GAZETTE, encoding="utf-8")
    (news / "courier.txt").write_text(COURIER, encoding="utf-8")
    return prepare([str(news)], tmp_path / "s.sqlite3", tmp_path / "fallback.sqlite3", with_entities=False)


def _ids(store: Path) -> dict[str, int]:
    db = attach_store(store, read_only=True)
    try:
        return {Path(db.item(i).path).name: i for i, _sha in db.readable_with_hash()}  # type: ignore[union-attr]
    finally:
        db.close()


def test_only_the_articles_asked_for_are_exported(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "quotes.csv"
    out.parent.mkdir()
    summary = export_store(store, out, fmt="csv", what="quotes", ids=[_ids(store)["courier.txt"]])
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert list(rows[0]) == list(QUOTE_FIELDS)
    assert {Path(r["path"]).name for r in rows} == {"courier.txt"}
    assert summary.rows == len(rows) == 1 and summary.articles == 1 and summary.unanalysed == 0
    # The group still counts the statement's versions across the whole folder.
    assert rows[0]["group_size"] == "2"
    assert [p.name for p in out.parent.iterdir()] == ["quotes.csv"]


def test_every_article_and_progress_when_no_ids_are_given(store: Path, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    out = tmp_path / "quotes.jsonl"
    summary = export_store(store, out, fmt="jsonl", what="quotes", progress=lambda d, t: seen.append((d, t)))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {Path(r["path"]).name for r in rows} == {"courier.txt", "gazette.txt"}
    assert summary.rows == len(rows) and summary.articles == 2
    assert seen == [(0, 2), (1, 2)]


def test_articles_without_analysis_are_counted_not_exported(store: Path, tmp_path: Path) -> None:
    (tmp_path / "news" / "late.txt").write_text(LATE, encoding="utf-8")
    for _event in sync([str(tmp_path / "news")], store, tmp_path / "fallback.sqlite3"):
        pass
    out = tmp_path / "entities.md"
    summary = export_store(store, out, fmt="md", what="entities")
    assert summary.articles == 3 and summary.unanalysed == 1
    assert "late.txt" not in out.read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8").startswith("| path | sha256 | record | name |")


def test_a_stopped_export_leaves_no_file(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "quotes.csv"

    def stop(done: int, total: int) -> None:
        if done == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_store(store, out, fmt="csv", what="quotes", progress=stop)
    assert list(tmp_path.glob("*.csv")) == [] and list(tmp_path.glob(".*.part")) == []


def test_suffix_added_only_when_missing() -> None:
    assert with_suffix("/tmp/quotes", "jsonl") == "/tmp/quotes.jsonl"
    assert with_suffix("/tmp/quotes.txt", "csv") == "/tmp/quotes.txt"
