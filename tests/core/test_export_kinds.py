"""Exports say each statement's kind and the evidence for its speaker (the cue's span, the
mention that decided the speaker and its span); a reported statement is never wrapped in
quotation marks, in any format; ``extract`` writes the same kinds and spans the export does.
Every article is invented for these tests."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.core.corpus.voices import FAIR, MILL, PIER, voices_store
from viewer.core.export import QUOTE_FIELDS, export, quote_rows, write

EVIDENCE = (
    "kind",
    "cue_paragraph",
    "cue_start",
    "cue_end",
    "speaker_mention",
    "speaker_via",
    "speaker_paragraph",
    "speaker_start",
    "speaker_end",
)
MARKS = "\"“”„«»‘’'"


def test_the_quote_columns_include_kind_cue_and_speaker_evidence() -> None:
    assert set(EVIDENCE) <= set(QUOTE_FIELDS)
    assert QUOTE_FIELDS.index("cue") < QUOTE_FIELDS.index("kind") < QUOTE_FIELDS.index("title")


@pytest.fixture
def rows(tmp_path: Path) -> list[dict[str, Any]]:
    store, _ids = voices_store(tmp_path / "news", tmp_path / "store.sqlite3")
    with store:
        return list(quote_rows(store))


def test_every_statement_is_a_row_with_its_kind(rows: list[dict[str, Any]]) -> None:
    by_text = {r["quote"]: r for r in rows}
    assert by_text["the council had found the money for repairs"]["kind"] == "indirect"
    assert by_text["The pier will reopen in May,"]["kind"] == "direct"
    assert by_text[PIER[2][:-1]]["kind"] == "mixed"
    assert by_text["the fair drew four thousand visitors"]["kind"] == "indirect"
    assert "pop-up" not in by_text  # a quoted term is nobody's statement
    assert len(rows) == 7


def test_cue_and_speaker_mention_point_at_their_words(rows: list[dict[str, Any]]) -> None:
    texts = {"pier.txt": PIER, "mill.txt": MILL, "fair.txt": FAIR}
    for row in rows:
        paragraphs = texts[Path(row["path"]).name]
        if row["cue_paragraph"] is not None:
            assert paragraphs[row["cue_paragraph"]][row["cue_start"] : row["cue_end"]] == row["cue"]
        if row["speaker_mention"] is not None:
            said_by = paragraphs[row["speaker_paragraph"]][row["speaker_start"] : row["speaker_end"]]
            assert said_by == row["speaker_mention"]
    pronoun = next(r for r in rows if r["speaker_mention"] == "She")
    assert (pronoun["speaker"], pronoun["speaker_via"], pronoun["kind"]) == ("Anna Berg", "pronoun", "mixed")
    assert (pronoun["speaker_paragraph"], pronoun["speaker_start"], pronoun["speaker_end"]) == (2, 0, 3)
    unnamed = next(r for r in rows if r["cue"] == "According to")
    assert (
        unnamed["speaker"] is None and unnamed["speaker_mention"] is None and unnamed["speaker_via"] is None
    )
    assert (unnamed["cue_paragraph"], unnamed["cue_start"], unnamed["cue_end"]) == (0, 0, 12)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "md"])
def test_a_reported_statement_is_never_in_quotation_marks(rows: list[dict[str, Any]], fmt: str) -> None:
    out = io.StringIO()
    write(iter(rows), QUOTE_FIELDS, fmt, out)  # type: ignore[arg-type]
    text = out.getvalue()
    if fmt == "csv":  # the file's own quoting is CSV syntax: read the cells
        cells = [(r["kind"], r["quote"]) for r in csv.DictReader(text.splitlines())]
    elif fmt == "jsonl":
        cells = [(r["kind"], r["quote"]) for r in map(json.loads, text.splitlines())]
    else:  # a Markdown table: the cell between its bars, as written
        header, _rule, *lines = text.splitlines()
        names = [c.strip() for c in header.strip("|").split(" | ")]
        cells = []
        for line in lines:
            values = [c.strip() for c in line.strip("|").split(" | ")]
            cells.append((values[names.index("kind")], values[names.index("quote")]))
    reported = [words for kind, words in cells if kind == "indirect"]
    assert sorted(reported) == sorted(r["quote"] for r in rows if r["kind"] == "indirect")
    assert len(reported) == 3
    for words in reported:
        assert words[0] not in MARKS and words[-1] not in MARKS, (fmt, words)


ARTICLE = """Pier to reopen

The harbour master, Dana Holt, said the council had found the money for repairs.

"We will reopen in May," Holt said.

Anna Berg called the plan "a long overdue fix" for the town.
"""


def test_extract_and_export_agree_on_kinds_and_evidence(tmp_path: Path) -> None:
    """On the full analysis: extract's quote objects and the export's rows tell the same
    kinds, cues and speaker mentions (the export adds nothing of its own)."""
    news = tmp_path / "news"
    news.mkdir()
    (news / "pier.txt").write_text(ARTICLE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "viewer", "extract", str(news)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (article,) = [json.loads(line) for line in done.stdout.splitlines()]
    extracted = article["quotes"]
    kinds = {q["kind"] for q in extracted}
    assert "indirect" in kinds and "direct" in kinds  # the reported statement is found
    reported = next(q for q in extracted if q["kind"] == "indirect")
    assert {"cue_span", "speaker_mention"} <= set(reported)
    mention = reported["speaker_mention"]
    assert article["paragraphs"][mention["paragraph"]][mention["start"] : mention["end"]] == mention["text"]
    assert mention["via"] in {"name", "pronoun", "description"}

    out = io.StringIO()
    export(
        [str(news)],
        out,
        fmt="jsonl",
        what="quotes",
        db=tmp_path / "store" / "s.sqlite3",
        fallback=tmp_path / "fallback.sqlite3",
    )
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    expected = []
    for q in extracted:
        if q["kind"] == "term":
            continue
        cue, said_by = q.get("cue_span") or {}, q.get("speaker_mention") or {}
        for span in q["spans"]:
            expected.append(
                (
                    span["paragraph"],
                    span["start"],
                    q["kind"],
                    q["speaker"],
                    q["cue"],
                    cue.get("paragraph"),
                    cue.get("start"),
                    cue.get("end"),
                    said_by.get("text"),
                    said_by.get("via"),
                    said_by.get("paragraph"),
                    said_by.get("start"),
                    said_by.get("end"),
                )
            )
    got = [
        (
            r["paragraph"],
            r["start"],
            r["kind"],
            r["speaker"],
            r["cue"],
            *(r[f] for f in EVIDENCE[1:]),
        )
        for r in rows
    ]
    assert got == expected
    for row in rows:
        if row["kind"] == "indirect":
            assert row["quote"][0] not in MARKS and row["quote"][-1] not in MARKS
