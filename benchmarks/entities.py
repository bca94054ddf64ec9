"""How fast entity recognition is: ``python -m viewer bench entities [DIR] [--limit N]``.

Reads the articles under DIR (default: the BBC News set of the evaluation data), then times
:func:`viewer.core.entities.find_entities_many` (only the components NER needs, every part of
every article in one ``nlp.pipe`` run, cleaning and merging included) against plain
``nlp.pipe`` with the full pipeline on the same texts. Then the whole analysis,
:func:`viewer.core.analyse.analyse_many` (entities, then quotes: direct quotes and reported
speech, with the dependency parse of the paragraphs that may report), against the same plain
``nlp.pipe``. Prints articles per second; loading the pipelines is timed apart. Reading the
files is not timed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from benchmarks.common import EVAL_DATA
from viewer.core import entities, nlp
from viewer.core.model import Article
from viewer.core.readers import read_paths

DEFAULT_DIR = EVAL_DATA / "news_bbc"


def _articles(folder: Path, limit: int) -> list[Article]:
    found = [item for item in read_paths([folder]) if isinstance(item, Article)]
    return found[:limit] if limit > 0 else found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m viewer bench entities", description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR, metavar="DIR")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
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
    results = entities.find_entities_many(articles)
    time_ours = time.perf_counter() - start

    import spacy

    start = time.perf_counter()
    full = None
    for name in nlp.candidate_models():  # the same choice the loader made
        try:
            full = spacy.load(name)
            break
        except OSError:
            continue
    assert full is not None, "the pipeline loaded a moment ago"
    load_full = time.perf_counter() - start
    start = time.perf_counter()
    raw_ents = sum(len(doc.ents) for doc in full.pipe(texts))
    time_full = time.perf_counter() - start

    n = len(articles)
    found = sum(len(r.entities) for r in results)
    print(f"{n} articles, {len(texts)} texts, {words} words from {args.folder}")
    print(
        f"ours  ({', '.join(ours.pipe_names)}; batched, cleaned, merged): {n / time_ours:7.1f} articles/s"
        f"  ({time_ours:.1f} s, {found} entities; load {load_ours:.1f} s)"
    )
    print(
        f"plain nlp.pipe, full pipeline ({', '.join(full.pipe_names)}): {n / time_full:7.1f} articles/s"
        f"  ({time_full:.1f} s, {raw_ents} raw spans; load {load_full:.1f} s)"
    )
    print(f"speed-up: {time_full / time_ours:.2f}x")
    from viewer.core.analyse import analyse_many
    from viewer.core.quotes import clear_caches

    clear_caches()
    start = time.perf_counter()
    quotes = sum(len(a.quotes) for a in analyse_many(articles))
    time_all = time.perf_counter() - start
    print(
        f"ours, entities and quotes (analyse_many, the parse included): {n / time_all:7.1f} articles/s"
        f"  ({time_all:.1f} s, {quotes} quotes)"
    )
    print(f"speed-up of the whole analysis: {time_full / time_all:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
