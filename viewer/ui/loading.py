"""The long jobs the window runs through :mod:`viewer.ui.workers`: reading and analysing.

They call core functions only and hand results back through :class:`Progress`; they never
touch a widget. Core modules (and spaCy, loaded by analysis on first use) are imported
inside the functions, on the worker thread, so start-up stays light.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence

from viewer.core.model import AnalysedArticle, Article, ReadFailure
from viewer.ui.workers import Progress

#: Hand rows to the list at most this many at a time, so each UI update stays short.
BATCH_ROWS = 1_000
#: ... and at least this often (seconds) while a big folder is read.
BATCH_SECONDS = 0.15


def load_articles(paths: Sequence[str], progress: Progress) -> tuple[int, int]:
    """Read every article under ``paths``, publishing lists of items as they come.

    Returns (articles, failures) counted.
    """
    from viewer.core.readers import discover, read_file

    progress.report(0, 0, "Looking for articles…")
    found, failures = discover(paths)
    articles = 0
    failed = len(failures)
    batch: list[Article | ReadFailure] = list(failures)
    last = time.monotonic()
    total = len(found)

    def flush() -> None:
        nonlocal batch, last
        for start in range(0, len(batch), BATCH_ROWS):
            progress.publish(batch[start : start + BATCH_ROWS])
        batch = []
        last = time.monotonic()

    for done, item in enumerate(found, start=1):
        progress.check()
        read = read_file(item)
        good = sum(1 for r in read if isinstance(r, Article))
        articles += good
        failed += len(read) - good
        batch.extend(read)
        if len(batch) >= BATCH_ROWS or time.monotonic() - last >= BATCH_SECONDS:
            flush()
            progress.report(done, total, os.path.basename(item.path))
    flush()
    progress.report(total, total, "")
    return articles, failed


def analyse_article(article: Article, progress: Progress) -> AnalysedArticle:
    """Quotes first (fast, published at once), then quotes and entities (loads spaCy once)."""
    from viewer.core.analyse import analyse

    quick = analyse(article, with_entities=False)
    progress.publish(quick)
    progress.check()
    return analyse(article, with_entities=True)
