"""How fast a speaker page is built: ``python -m viewer bench speakers [--articles N] [--json]``.

Writes a store of N synthetic analysed articles (100,000 by default; 10,000 with ``--quick``)
straight from hand-made analysis records (no reading, no language model): 2,000 invented
people named with a skewed frequency (a few in a fifth of the articles, most in a handful),
sharing surnames (one mention in ten by the surname alone), with organisations, places and two to four quotes per article. Then times
:func:`viewer.core.corpus.speakers.speaker_profile` for the most named person, one of median
frequency and a rare one, each by full name with the surname as a variant (as an entity
cluster gives them), wall-clock and CPU time. Prints one line per speaker, or one JSON
object with ``--json``. The store goes to a temporary folder, removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from viewer.core.corpus.speakers import Speaker, speaker_profile
from viewer.core.corpus.store import open_store, prepare_row
from viewer.core.model import AnalysedArticle, Article, Entity, Mention, Quote, Span

FIRST = [
    "Ada",
    "Bram",
    "Cleo",
    "Dov",
    "Edda",
    "Finn",
    "Gita",
    "Hal",
    "Ilse",
    "Jory",
    "Kai",
    "Lior",
    "Maud",
    "Nils",
    "Odile",
    "Pim",
    "Quill",
    "Rhea",
    "Sami",
    "Tova",
    "Ugo",
    "Vera",
    "Wim",
    "Xena",
    "Yann",
    "Zora",
    "Arlo",
    "Bea",
    "Cas",
    "Dara",
    "Elio",
    "Fern",
    "Gus",
    "Hedda",
    "Ivo",
    "Juna",
    "Kit",
    "Luz",
    "Mads",
    "Nia",
]
LAST = [
    "Aalto",
    "Brisk",
    "Corwen",
    "Dahl",
    "Eske",
    "Farrow",
    "Gage",
    "Holm",
    "Ibsen",
    "Jessup",
    "Kask",
    "Lund",
    "Marsh",
    "Nyberg",
    "Oakes",
    "Pell",
    "Quist",
    "Rusk",
    "Sallow",
    "Thorne",
    "Ulven",
    "Vance",
    "Wendt",
    "Yarrow",
    "Zell",
    "Abery",
    "Birch",
    "Coyle",
    "Dunmore",
    "Ekberg",
    "Falk",
    "Greaves",
    "Hale",
    "Iver",
    "Joss",
    "Kerr",
    "Lomax",
    "Moss",
    "Norrell",
    "Orme",
    "Penrose",
    "Ryle",
    "Stenby",
    "Tully",
    "Usher",
    "Voss",
    "Wray",
    "Yeo",
    "Zander",
    "Ames",
]
ORGS = ["Port Authority", "Transit Board", "Water Trust", "Grain Guild", "Civic League", "Tide Office"]
PLACES = ["Harlow Bay", "Ostmark", "Velden", "Carrick", "Somerby", "Lunde"]
SOURCES = ["Gazette", "Courier", "Herald", "Observer", "Ledger", "Bulletin", "Post"]


def _people(rng: random.Random) -> list[str]:
    """Every first name with every surname, in a shuffled order of fame."""
    people = [f"{first} {last}" for last in LAST for first in FIRST]
    rng.shuffle(people)
    return people


def _article(n: int, rng: random.Random, people: list[str], weights: list[float]) -> AnalysedArticle:
    named = list(dict.fromkeys(rng.choices(people, weights, k=4)))
    date = f"20{rng.randint(18, 25):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    article = Article(
        path="/bench/corpus.jsonl",
        format="jsonl",
        title=f"{named[0]} on the {rng.choice(ORGS).lower()} ({n})",
        paragraphs=("Body text of a synthetic article.",),
        record=n,
        date=date if rng.random() < 0.92 else None,
        source=rng.choice(SOURCES),
    )
    where = (Mention("paragraph", 0, 0, 4),)
    # One named person in ten appears by surname alone (the article never gives the full
    # name): the page must then decide whose surname it is.
    named = [p.split()[1] if rng.random() < 0.1 else p for p in named]
    entities = [
        Entity(p, "PERSON", tuple(dict.fromkeys((p, p.split()[-1]))), where * rng.randint(1, 4))
        for p in named
    ]
    entities.append(Entity(rng.choice(ORGS), "ORG", (), where))
    entities.append(Entity(rng.choice(PLACES), "GPE", (), where))
    quotes = tuple(
        Quote(
            f"Statement {k} of article {n} about the {rng.choice(ORGS).lower()} and its plans.",
            rng.choice(named[:2]),
            "said",
            (Span(0, 0, 4),),
            role="a spokesperson" if rng.random() < 0.3 else None,
        )
        for k in range(rng.randint(2, 4))
    )
    return AnalysedArticle(article, quotes, tuple(entities))


def build_store(path: Path, count: int, seed: int = 12) -> list[str]:
    """The synthetic store at ``path``; returns the people, most named first."""
    rng = random.Random(seed)
    people = _people(rng)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(people))]
    store = open_store(path)
    try:
        store.defer_checkpoints(100_000)
        file_id = store.begin_file("/bench/corpus.jsonl", "jsonl", keep_rows=False)
        analysed = [_article(n, rng, people, weights) for n in range(count)]
        for start in range(0, count, 5000):
            store.put_rows(file_id, [prepare_row(a.article) for a in analysed[start : start + 5000]])
        store.finish_file(file_id, size=1, mtime_ns=1, sha256=None, read_bytes=1, records=count)
        for result in analysed:
            article_id = store.id_of(result.article.path, result.article.record)
            if article_id is not None:
                store.put_analysis(article_id, result)
        store.checkpoint()
    finally:
        store.close()
    return people


def time_profile(path: Path, speaker: Speaker, repeats: int = 3) -> dict[str, float | int]:
    """Median wall-clock and CPU milliseconds of one profile (a fresh connection each time,
    as the window's background task opens), with its counts."""
    walls, cpus = [], []
    profile = None
    for _ in range(repeats):
        store = open_store(path)
        try:
            wall, cpu = time.perf_counter(), time.process_time()
            profile = speaker_profile(store, speaker)
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
        finally:
            store.close()
    assert profile is not None
    return {
        "wall_ms": round(statistics.median(walls), 1),
        "cpu_ms": round(statistics.median(cpus), 1),
        "candidates": profile.searched,
        "quoted_articles": profile.quoted_articles,
        "mentioned_articles": profile.mentioned_articles,
        "quotes": len(profile.quotes),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m viewer bench speakers", description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="10,000 articles")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    args = parser.parse_args(argv)
    count = 10_000 if args.quick else args.articles
    with tempfile.TemporaryDirectory(prefix="speakers-bench-") as folder:
        path = Path(folder) / "store.sqlite3"
        started = time.perf_counter()
        people = build_store(path, count)
        built = time.perf_counter() - started
        picks = {"most_named": people[0], "median": people[len(people) // 2], "rare": people[-1]}
        results = {
            label: {"name": name, **time_profile(path, Speaker(name, "PERSON", (name.split()[1],)))}
            for label, name in picks.items()
        }
    out = {"articles": count, "build_s": round(built, 1), **results}
    if args.json:
        print(json.dumps(out))
    else:
        print(f"{count} articles, store built in {built:.1f} s")
        for label, row in results.items():
            print(f"{label}: {json.dumps(row)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
