"""How long quote finding takes: ``python -m viewer bench quotes [RUNS]``.

Times :func:`viewer.core.quotes.find_quotes` (no named-entity recognition: the rule-only path
of the first paint) on a generated article of about 800 words with the patterns news uses:
split quotes, quotes running over paragraphs, pronouns, titles, descriptions and scare quotes.
Then times the full path on the same article, :func:`viewer.core.analyse.analyse` (entities,
then quotes attributed with the dependency parse, and reported speech labelled on it), and the
share of the parse and the labelling. Prints the
median and the 95th percentile in milliseconds per article, each run with cold caches.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from viewer.core.model import Article
from viewer.core.quotes import clear_caches, find_quotes

_PEOPLE = [
    ("Harbour Authority chair", "Ines Marlow", "Marlow", "she"),
    ("Transport Minister", "Colm Adeyemi", "Adeyemi", "he"),
    ("union organiser", "Petra Lindqvist", "Lindqvist", "she"),
    ("Mayor", "Otto Brennan", "Brennan", "he"),
]

_TEMPLATES = [
    '{role} {full} said the ferry timetable would change in spring. "We have listened to every '
    'crossing, every complaint and every suggestion," {last} said on Tuesday. "Now we have to act."',
    '"Nobody wants a winter without a night boat," {pronoun} said, adding that the budget was '
    '"tight but honest" and that the board would meet again before the end of the month.',
    "{last} told reporters at the terminal: \"The numbers don't lie, and they won't go away if we "
    "ignore them. I'd rather say it now than after a year of delays.\"",
    '"If the service runs at a loss for another season, the whole network pays for it," said '
    "{full}, the {role_lower} who has followed the route since the '90s.",
    '"The first thing we did was count the cars. Then we counted the people who could not get '
    "on the boat at all.",
    '"Both numbers went up every summer, and both were ignored," {pronoun} added.',
    'Residents call the late sailing the "milk run" and say it is the only way to reach the '
    "hospital after dark. The council's statement was short.",
]


def sample_article(words: int = 800) -> Article:
    """A made-up article of about ``words`` words, built from the templates above."""
    paragraphs: list[str] = []
    count = 0
    i = 0
    while count < words:
        role, full, last, pronoun = _PEOPLE[i % len(_PEOPLE)]
        template = _TEMPLATES[i % len(_TEMPLATES)]
        text = template.format(role=role, role_lower=role.lower(), full=full, last=last, pronoun=pronoun)
        paragraphs.append(text)
        count += len(text.split())
        i += 1
    return Article(
        path="sample.txt", format="text", title="Ferry timetable to change", paragraphs=tuple(paragraphs)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m viewer bench quotes", description=__doc__)
    parser.add_argument(
        "runs", nargs="?", type=int, default=500, metavar="RUNS", help="runs of find_quotes (default 500)"
    )
    runs = parser.parse_args(argv).runs
    article = sample_article()
    words = sum(len(p.split()) for p in article.paragraphs)
    found = find_quotes(article)  # warm-up: compiles the regular expressions
    times = []
    for _ in range(runs):
        clear_caches()  # every run starts cold, as a newly opened article does
        start = time.perf_counter()
        find_quotes(article)
        times.append((time.perf_counter() - start) * 1000)
    print(f"find_quotes: {words} words, {len(found)} quotes, {runs} runs: {_summary(times)} per article")
    _full_path(article, max(5, runs // 10))
    return 0


def _summary(times: list[float]) -> str:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return f"median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms"


def _full_path(article: Article, runs: int) -> None:
    """The analysis process's work on one article: entities, then quotes with the parse."""
    from viewer.core import nlp
    from viewer.core.analyse import analyse

    reason = nlp.unavailable_reason()
    if reason is not None:
        print(f"analyse: skipped ({reason})")
        return
    analyse(article)  # warm-up: the pipeline loads once per process
    full, parse = [], []
    for _ in range(runs):
        clear_caches()
        start = time.perf_counter()
        analysed = analyse(article)
        full.append((time.perf_counter() - start) * 1000)
        clear_caches()
        start = time.perf_counter()
        find_quotes(article, analysed.entities, parser=nlp.parse)
        with_parse = time.perf_counter() - start
        clear_caches()
        start = time.perf_counter()
        find_quotes(article, analysed.entities)
        parse.append((with_parse - (time.perf_counter() - start)) * 1000)
    print(f"analyse (entities + quotes with the parse), {runs} runs: {_summary(full)} per article")
    print(
        f"  of which the parse (paragraphs with quotations or verbs of saying) and reported speech: {_summary(parse)}"
    )


if __name__ == "__main__":
    sys.exit(main())
