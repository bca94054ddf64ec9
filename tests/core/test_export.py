"""Exports with provenance: every quote row points at exactly the quoted words in its file."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.core.export import QUOTE_FIELDS, export

# Ours, written for this test: one statement carried by two outlets, one of them hard-wrapping
# its lines (the reader joins them; the export must still find the words in the file).
GAZETTE = """Ferry back in service

The island ferry sailed again on Monday after four days in port.

"We checked every bolt on the ramp twice before we let a single car on board," said Mira Olsen, the
harbour master. "Nobody cut corners."

Repairs cost less than feared.
"""
COURIER = """Harbour reopens

Passengers queued from dawn as the ramp reopened.

"We checked every bolt on the ramp twice before we let a single car
on board," Olsen told the Courier.
"""


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    (news / "gazette.txt").write_text(GAZETTE, encoding="utf-8")
    (news / "courier.txt").write_text(COURIER, encoding="utf-8")
    return news


def _export(folder: Path, tmp_path: Path, fmt: str) -> str:
    out = io.StringIO()
    export(
        [str(folder)],
        out,
        fmt=fmt,  # type: ignore[arg-type]
        what="quotes",
        db=tmp_path / "store" / "s.sqlite3",
        fallback=tmp_path / "fallback.sqlite3",
        with_entities=False,
    )
    return out.getvalue()


def test_every_quote_row_points_at_its_words_in_the_file(folder: Path, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(folder, tmp_path, "csv"))))
    assert rows and list(rows[0]) == list(QUOTE_FIELDS)
    for row in rows:
        data = Path(row["path"]).read_bytes()
        assert row["sha256"] == hashlib.sha256(data).hexdigest()
        text = data.decode("utf-8")
        start, end = int(row["file_start"]), int(row["file_end"])
        assert _words(text[start:end]) == _words(row["quote"])
    # The split quote is one row per span; the statement both outlets carry is one group.
    gazette = [r for r in rows if r["path"].endswith("gazette.txt")]
    assert [r["quote"] for r in gazette][-1] == "Nobody cut corners."
    bolt = [r for r in rows if r["quote"].startswith("We checked every bolt")]
    assert len(bolt) == 2 and bolt[0]["group"] == bolt[1]["group"] and bolt[0]["group_size"] == "2"


def test_jsonl_and_markdown_carry_the_same_rows(folder: Path, tmp_path: Path) -> None:
    lines = [json.loads(line) for line in _export(folder, tmp_path, "jsonl").splitlines()]
    table = _export(folder, tmp_path, "md").splitlines()
    assert len(table) == 2 + len(lines)
    assert table[0].startswith("| path | sha256 |")
    assert all(set(line) == set(QUOTE_FIELDS) for line in lines)


def test_the_command_line_writes_a_file_and_counts_rows(folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "quotes.csv"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "viewer",
            "export",
            str(folder),
            "--no-entities",
            "--output",
            str(target),
            "--store",
            str(tmp_path / "stores"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with target.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert (
        f"{len(rows)} quotes rows written" in done.stderr or f"{len(rows)} quote rows written" in done.stderr
    )
    assert len(rows) == 3  # two spans of the gazette's split quote, one in the courier
