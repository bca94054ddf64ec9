"""The corpus benchmark's numbers across articles (part of ``python -m viewer bench --json``;
``python -m viewer bench groups [--quick] [ARTICLES]`` measures them alone).

On the benchmark's corpus, read into a store of its own and analysed for quotes (no entity
recognition: the groups need the quotes only, and analysis has its own number):

- ``quote_groups_s``: grouping every quote of the folder with its versions in other articles,
  as the end of the folder's analysis does it (read the quotes, group, write the groups);
  ``quote_groups_cpu_s`` the processor time of it (the machine may be shared);
- ``group_lookup_ms``: p95 of the "Also in N other articles" list for one selected quote, with
  each version's difference, as the window builds it (:func:`other_versions`), over quotes of
  the largest groups, of two-quote groups and of no group;
- ``export_all_quotes_s``: every quote row of the folder written as CSV (what ``python -m
  viewer export`` writes once the store is up to date).
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

from benchmarks.common import asks_for_help, percentile, write_corpus


def _timed_analysis(db: Path) -> tuple[float, float]:
    """Analyse the store (quotes only); the (wall, processor) seconds of the grouping that
    ends it: from its last progress report to its end."""
    from viewer.core.corpus.analysis import analyse_store

    wall, cpu = time.perf_counter(), time.process_time()
    for _progress in analyse_store(db, with_entities=False, batch=64):
        wall, cpu = time.perf_counter(), time.process_time()
    return time.perf_counter() - wall, time.process_time() - cpu


def group_numbers(corpus_folder: Path, work: Path) -> dict[str, Any]:
    """Read the corpus into a store of its own, analyse it for quotes, and measure."""
    from viewer.core.corpus.sync import sync

    work.mkdir(parents=True, exist_ok=True)
    db = work / "groups.sqlite"
    for _event in sync([str(corpus_folder)], db, work / "fallback.sqlite", jobs=2):
        pass
    wall, cpu = _timed_analysis(db)
    return {"quote_groups_s": round(wall, 2), "quote_groups_cpu_s": round(cpu, 2), **lookup_and_export(db)}


def lookup_and_export(db: Path) -> dict[str, Any]:
    """``group_lookup_ms`` and ``export_all_quotes_s`` on a store analysed and grouped."""
    from viewer.core.corpus.groups import Version
    from viewer.core.corpus.store import attach_store
    from viewer.core.corpus.versions import other_versions
    from viewer.core.export import QUOTE_FIELDS, quote_rows, write

    out: dict[str, Any] = {}
    store = attach_store(db, read_only=True)
    try:
        every = store.all_quote_groups()
        out["quotes_grouped"] = len(every)
        sizes: dict[int, int] = {}
        for group, size in every.values():
            sizes[group] = size
        out["quote_groups"] = len(sizes)
        out["largest_quote_group"] = max(sizes.values(), default=0)
        rng = random.Random(11)
        by_size = sorted(every.items(), key=lambda item: -item[1][1])
        pairs = [key for key, (_g, size) in every.items() if size == 2]
        picked = by_size[:10] + rng.sample(by_size, min(20, len(by_size)))
        selected = [key for key, _found in picked] + rng.sample(pairs, min(10, len(pairs)))
        loose = [
            (article_id, n)
            for article_id, _sha in rng.sample(store.readable_with_hash(), 10)
            for n in range(3)
            if (article_id, n) not in every
        ][:10]
        times = []
        for article_id, number in [*selected, *loose]:
            analysis = store.analysis(article_id)  # the window has it already: not timed
            if analysis is None or number >= len(analysis.quotes):
                continue
            quote = analysis.quotes[number]
            start = time.perf_counter()
            other_versions(store, article_id, number, Version(0, quote.text, quote.speaker))
            times.append(1000 * (time.perf_counter() - start))
        out["group_lookup_ms"] = round(percentile(times, 0.95), 1)

        start = time.perf_counter()
        with (db.parent / "quotes.csv").open("w", encoding="utf-8", newline="") as sink:
            rows = write(quote_rows(store), QUOTE_FIELDS, "csv", sink)
        out["export_all_quotes_s"] = round(time.perf_counter() - start, 2)
        out["export_quote_rows"] = rows
    finally:
        store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m viewer bench groups [--quick] [ARTICLES]``: these numbers alone, on the
    corpus benchmark's synthetic corpus (100,000 articles; 10,000 with ``--quick``)."""
    import json
    import sys
    import tempfile

    args = list(sys.argv[1:] if argv is None else argv)
    if asks_for_help(args, __doc__):
        return 0
    counts = [int(a) for a in args if a.isdigit()]
    count = counts[0] if counts else 10_000 if "--quick" in args else 100_000
    with tempfile.TemporaryDirectory(prefix="article-viewer-bench-") as temp:
        root = Path(temp)
        write_corpus(root / "corpus", count)
        results: dict[str, Any] = {"articles": count, **group_numbers(root / "corpus", root / "groups")}
    print(json.dumps(results, indent=1))
    return 0
