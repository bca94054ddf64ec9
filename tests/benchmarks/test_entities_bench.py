"""The entities benchmark runs on any folder of articles, each of its three runs taken in turn,
and prints the fastest of each with the ratios."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks import entities as bench
from viewer.core import nlp


def test_bench_entities_prints_the_fastest_of_its_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if nlp.unavailable_reason() is not None:
        pytest.skip("no language model installed")
    (tmp_path / "ferry.txt").write_text(
        "Night ferry runs late\n\nThe harbour master, Dana Holt, said the new timetable would start in May."
        ' "We owe the islands a boat they can trust," she told reporters in Portree.\n'
    )
    assert bench.main([str(tmp_path), "--repeat", "2"]) == 0
    out = capsys.readouterr().out
    assert out.count("fastest of 2; slowest") == 4  # plain twice (as loaded, same product), ours, whole
    assert re.search(
        r"speed-up of the whole analysis: \d+\.\d\dx \(against the same matrix product: \d+\.\d\dx\)", out
    )
    assert re.search(r"\(\d+\.\d s, fastest of 2; slowest \d+\.\d s; [1-9]\d* quotes\)", out)


def test_bench_entities_on_an_empty_folder(tmp_path: Path) -> None:
    assert bench.main([str(tmp_path)]) == 1
