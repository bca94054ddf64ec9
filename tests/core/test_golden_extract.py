"""A golden test of ``python -m viewer extract seeds/``: the whole output, reviewed by a person.

When a change alters what the extractor reports for the sample folder (a reader, a quote rule,
an entity rule), this test fails and shows which article and field moved. Review the
difference; when it is right, write the new output with

    VIEWER_UPDATE_GOLDEN=1 python -m pytest tests/core/test_golden_extract.py

and commit it with the change, so that the review is part of the history.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.core import nlp

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden" / "extract_seeds.jsonl"


def test_extract_of_the_sample_folder_is_the_reviewed_output() -> None:
    if nlp.unavailable_reason() is not None:
        pytest.skip("the golden output was made with the language model")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "viewer", "extract", "seeds"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    if os.environ.get("VIEWER_UPDATE_GOLDEN"):
        GOLDEN.write_text(done.stdout, encoding="utf-8")
    want = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    got = [json.loads(line) for line in done.stdout.splitlines()]
    assert [a["path"] for a in got] == [a["path"] for a in want]
    for new, old in zip(got, want, strict=True):
        # Fields may be added to the output (SCHEMA.md); the recorded ones must not move.
        for field in old:
            assert field in new, f"{old['path']}: {field} dropped"
            assert new[field] == old[field], f"{old['path']}: {field} changed"
