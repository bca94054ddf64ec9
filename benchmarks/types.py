"""The folder's agreement on entity types, through the store: ``python -m viewer bench types
[--quick] [ARTICLES]`` (part of ``python -m viewer bench --json``).

Reads the benchmark's synthetic corpus (100,000 articles; 10,000 with ``--quick``) into a
store of its own, gives every article an invented analysis (about 19 names each, drawn from
50,000 invented names of one kind each, the most common named in thousands of articles; one
vote in ten of the wrong kind, one in thirty held by strong evidence of the article's own) and
keeps it as an import does (votes with the analysis), then measures:

- ``type_agreement_s``: the whole folder's types agreed through the store
  (:meth:`~viewer.core.corpus.store.CorpusStore.agree_types` with every name to weigh, as after
  a folder analysed from scratch or a store upgraded), the rewritten shown types included;
  ``type_agreement_cpu_s`` its processor time (the machine may be shared);
- ``type_votes``, ``type_names``, ``type_retyped_names``, ``type_retyped_votes``: what it weighed
  and what it changed;
- ``type_reagree_ms``: a batch of 16 articles analysed again, then agreed (what the folder
  analysis does every few seconds);
- ``type_votes_write_s``: keeping every analysis with its votes (the import's cost).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import asks_for_help, write_corpus

#: Invented names, and the kinds they are of (the model's label the folder should agree on).
_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "sa",
    "tor",
    "vel",
    "an",
    "bru",
    "dek",
    "fi",
    "gan",
    "hol",
    "is",
    "jun",
]
_LABELS = ["PERSON", "PERSON", "ORG", "GPE", "ORG", "PRODUCT", "LOC", "PERSON"]
NAMES = 50_000
NAMES_PER_ARTICLE = 19


def _names(rng: random.Random) -> list[tuple[str, str]]:
    out: dict[str, str] = {}
    while len(out) < NAMES:
        words = [
            "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).title()
            for _ in range(rng.randint(1, 3))
        ]
        out.setdefault(" ".join(words), rng.choice(_LABELS))
    return list(out.items())


def _entities(
    rng: random.Random, names: list[tuple[str, str]], cumulative: list[float]
) -> list[dict[str, Any]]:
    chosen = dict.fromkeys(rng.choices(range(len(names)), cum_weights=cumulative, k=NAMES_PER_ARTICLE))
    out = []
    for i in chosen:
        name, label = names[i]
        if rng.random() < 0.1:
            label = rng.choice(_LABELS)  # the model's label wrong in this article
        entity: dict[str, Any] = {"name": name, "type": label, "count": 1, "variants": [name], "mentions": []}
        if rng.random() < 1 / 30:
            entity["evidence"] = 2.5  # "Jordan, 23, said": the article's own evidence holds it
        out.append(entity)
    return out


def type_numbers(corpus_folder: Path, work: Path) -> dict[str, Any]:
    """Read the corpus into a store of its own, keep an invented analysis of every article,
    and measure the folder's agreement on types."""
    from viewer.core.corpus import codec
    from viewer.core.corpus.store import EXTRACTOR_VERSION, attach_store
    from viewer.core.corpus.sync import sync

    work.mkdir(parents=True, exist_ok=True)
    db = work / "types.sqlite"
    for _event in sync([str(corpus_folder)], db, work / "fallback.sqlite", jobs=2):
        pass
    rng = random.Random(11)
    names = _names(rng)
    # A few names in thousands of articles, most in a handful.
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(names))))
    store = attach_store(db)
    try:
        ids = store.ids()
        start = time.perf_counter()
        for first in range(0, len(ids), 2000):
            store.put_found_analyses(
                [
                    codec.found_analysis(i, [], _entities(rng, names, weights), [], EXTRACTOR_VERSION)
                    for i in ids[first : first + 2000]
                ]
            )
        written = time.perf_counter() - start
        votes = store._db.execute("SELECT count(*) FROM type_votes").fetchone()[0]
        wall, cpu = time.perf_counter(), time.process_time()
        agreed = store.agree_types()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        batch = ids[len(ids) // 2 : len(ids) // 2 + 16]
        again = [
            codec.found_analysis(i, [], _entities(rng, names, weights), [], EXTRACTOR_VERSION) for i in batch
        ]
        start = time.perf_counter()
        store.put_found_analyses(again)
        store.agree_types()
        reagree = time.perf_counter() - start
    finally:
        store.close()
    return {
        "type_agreement_s": round(wall, 2),
        "type_agreement_cpu_s": round(cpu, 2),
        "type_votes": votes,
        "type_names": agreed.names,
        "type_retyped_names": agreed.retyped_names,
        "type_retyped_votes": agreed.retyped_votes,
        "type_reagree_ms": round(reagree * 1000, 1),
        "type_votes_write_s": round(written, 1),
    }


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if asks_for_help(args, __doc__):
        return 0
    numbers = [a for a in args if a.isdigit()]
    count = int(numbers[0]) if numbers else 10_000 if "--quick" in args else 100_000
    with tempfile.TemporaryDirectory(prefix="article-viewer-types-") as temp:
        root = Path(temp)
        corpus = write_corpus(root / "corpus", count)
        results: dict[str, Any] = {"articles": count, "load_before": os.getloadavg()[0]}
        results.update(type_numbers(corpus.parent, root / "types"))
        results["load_after"] = os.getloadavg()[0]
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
