"""The benchmark of quotes across articles runs end to end on a small synthetic folder."""

from __future__ import annotations

import csv
from pathlib import Path

from benchmarks.common import write_corpus
from benchmarks.groups import group_numbers


def test_group_numbers_measure_grouping_lookup_and_export(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 40)
    numbers = group_numbers(tmp_path / "corpus", tmp_path / "work")
    assert {"quote_groups_s", "quote_groups_cpu_s", "group_lookup_ms", "export_all_quotes_s"} <= set(numbers)
    # Every article carries "We will finish <topic> on time": six topics, so six statements
    # at least, one of them in several articles.
    assert numbers["quote_groups"] >= 1 and numbers["largest_quote_group"] >= 4
    with (tmp_path / "work" / "quotes.csv").open(encoding="utf-8", newline="") as exported:
        rows = list(csv.DictReader(exported))
    assert len(rows) == numbers["export_quote_rows"] >= numbers["quotes_grouped"]
    sizes = [int(r["group_size"]) for r in rows if r["quote"].startswith("We will finish")]
    assert sizes and min(sizes) >= 2
