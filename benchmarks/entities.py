"""How fast entity recognition is: ``python -m viewer bench entities [DIR] [--limit N] [--repeat N]``.

Reads the articles under DIR (default: the BBC News set of the evaluation data), then times
:func:`viewer.core.entities.find_entities_many` (only the components NER needs, every part of
every article in one ``nlp.pipe`` run, cleaning and merging included) against plain
``nlp.pipe`` with the full pipeline on the same texts. Then the whole analysis,
:func:`viewer.core.analyse.analyse_many` (entities, then quotes: direct quotes and reported
speech, with the dependency parse of the paragraphs that may report), against the same plain
``nlp.pipe``. Prints articles per second; loading the pipelines is timed apart. Reading the
files is not timed.

Our pipeline multiplies matrices with NumPy's BLAS, not thinc's default ``blis``
(:func:`viewer.core.nlp.use_numpy_matrix_product`); plain ``nlp.pipe`` is timed as spaCy
loads it, and once more with the same switch, so that the speed-up the switch brings is
printed apart from the speed-up of our own choices.

Each of the three is run ``--repeat`` times, in turns (plain, ours, the whole analysis, plain,
...), and its fastest run counts, as with ``timeit``: on a shared machine a run is only ever
slowed by others' work, and taking turns spreads that over all three alike. The slowest run of
each is printed beside it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.common import EVAL_DATA
from viewer.core import entities, nlp
from viewer.core.model import Article
from viewer.core.readers import read_paths

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_DIR = EVAL_DATA / "news_bbc"


def _articles(folder: Path, limit: int) -> list[Article]:
    found = [item for item in read_paths([folder]) if isinstance(item, Article)]
    return found[:limit] if limit > 0 else found


def _timed(run: Callable[[], int]) -> tuple[float, int]:
    """Seconds ``run`` took, and what it counted."""
    start = time.perf_counter()
    counted = run()
    return time.perf_counter() - start, counted


def _spread(times: list[float]) -> str:
    return f"fastest of {len(times)}; slowest {max(times):.1f} s" if len(times) > 1 else "one run"


def _full_pipeline() -> Language:
    """The whole pipeline, as plain ``spacy.load`` gives it, of the model our loader chose."""
    import spacy

    for name in nlp.candidate_models():  # the same choice the loader made
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise AssertionError("the pipeline loaded a moment ago")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m viewer bench entities", description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR, metavar="DIR")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest counts")
    args = parser.parse_args(argv)

    articles = _articles(args.folder, args.limit)
    if not articles:
        print(f"no articles found under {args.folder}", file=sys.stderr)
        return 1
    texts = [p.text for a in articles for p in entities.article_parts(a)]
    words = sum(len(t.split()) for t in texts)

    start = time.perf_counter()
    try:
        ours = nlp.ner_pipeline()
    except nlp.ModelUnavailable as err:
        print(err, file=sys.stderr)
        return 1
    load_ours = time.perf_counter() - start

    start = time.perf_counter()
    full = _full_pipeline()
    load_full = time.perf_counter() - start
    same_product = _full_pipeline()
    nlp.use_numpy_matrix_product(same_product)

    from viewer.core.analyse import analyse_many
    from viewer.core.quotes import clear_caches

    def plain() -> int:
        return sum(len(doc.ents) for doc in full.pipe(texts))

    def plain_same_product() -> int:
        return sum(len(doc.ents) for doc in same_product.pipe(texts))

    def ner() -> int:
        return sum(len(r.entities) for r in entities.find_entities_many(articles))

    def whole() -> int:
        clear_caches()
        return sum(len(a.quotes) for a in analyse_many(articles))

    runs: dict[str, list[float]] = {"plain": [], "same": [], "ner": [], "whole": []}
    counts: dict[str, int] = {}
    for _ in range(max(1, args.repeat)):
        for name, run in (("plain", plain), ("same", plain_same_product), ("ner", ner), ("whole", whole)):
            seconds, counts[name] = _timed(run)
            runs[name].append(seconds)
    time_full, time_same, time_ours, time_all = (min(runs[k]) for k in ("plain", "same", "ner", "whole"))

    n = len(articles)
    print(f"{n} articles, {len(texts)} texts, {words} words from {args.folder}")
    print(
        f"ours  ({', '.join(ours.pipe_names)}; batched, cleaned, merged): {n / time_ours:7.1f} articles/s"
        f"  ({time_ours:.1f} s, {_spread(runs['ner'])}; {counts['ner']} entities; load {load_ours:.1f} s)"
    )
    print(
        f"plain nlp.pipe, full pipeline ({', '.join(full.pipe_names)}): {n / time_full:7.1f} articles/s"
        f"  ({time_full:.1f} s, {_spread(runs['plain'])}; {counts['plain']} raw spans; load {load_full:.1f} s)"
    )
    print(
        f"plain nlp.pipe, full pipeline, NumPy's matrix product as ours: {n / time_same:7.1f} articles/s"
        f"  ({time_same:.1f} s, {_spread(runs['same'])})"
    )
    print(
        f"speed-up: {time_full / time_ours:.2f}x (against the same matrix product: {time_same / time_ours:.2f}x)"
    )
    print(
        f"ours, entities and quotes (analyse_many, the parse included): {n / time_all:7.1f} articles/s"
        f"  ({time_all:.1f} s, {_spread(runs['whole'])}; {counts['whole']} quotes)"
    )
    print(
        f"speed-up of the whole analysis: {time_full / time_all:.2f}x"
        f" (against the same matrix product: {time_same / time_all:.2f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
