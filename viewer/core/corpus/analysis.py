"""Quotes and entities for every article of a store, persisted as they are found.

:func:`analyse_store` is a generator: it analyses articles in small batches (entity
recognition is batched across them), writes each batch's results, and yields an
:class:`AnalysisProgress` after each, so the caller can stop it between batches (the window
does when the user opens another article, whose analysis comes first) and start it again
later: it takes up where it stopped, since what is stored is never analysed twice.

As it goes, the folder's agreement on entity types is brought up to date with the votes of
the articles analysed (every :data:`AGREE_EVERY_S` at most, and at the end): see
:meth:`~viewer.core.corpus.store.CorpusStore.agree_types`.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from viewer.core.corpus.store import FAULT_WORDS, StoreUnavailable, attach_store, fault_of
from viewer.core.model import AnalysedArticle, Article

#: Articles per batch: enough for spaCy to batch well, few enough to stop soon when asked.
BATCH = 16
#: Times the folder is gone through, at most: the articles left behind by the first time
#: (changed while analysed, or left by another process analysing too) are done by the next.
SWEEPS = 3
#: Seconds between two agreements on entity types while the folder is analysed.
AGREE_EVERY_S = 2.0


@dataclass(frozen=True, slots=True)
class AnalysisProgress:
    done: int
    total: int
    notes: tuple[str, ...] = ()


#: How a batch of articles is analysed: every article, in order, gets its result.
Analyser = Callable[[list[Article]], list[AnalysedArticle]]


def analyse_articles(articles: Iterable[Article], *, with_entities: bool) -> list[AnalysedArticle]:
    """Quotes and entities of a batch; an article whose analysis failed gets a note saying so."""
    from viewer.core.batch import analyse_batch

    batch = list(articles)
    return [
        result
        if isinstance(result, AnalysedArticle)
        else AnalysedArticle(article, notes=(result.message[:1].upper() + result.message[1:],))
        for article, result in zip(batch, analyse_batch(batch, with_entities), strict=True)
    ]


def analyse_store(
    db_path: Path | str, *, with_entities: bool = True, batch: int = BATCH, analyser: Analyser | None = None
) -> Generator[AnalysisProgress, None, int]:
    """Analyse every article of the store that has no analysis by this extractor; returns how
    many were analysed. ``analyser`` replaces :func:`analyse_articles` (tests)."""
    analyse = analyser or (lambda articles: analyse_articles(articles, with_entities=with_entities))
    store = attach_store(Path(db_path))
    analysed = 0
    notes: set[str] = set()
    try:
        done, total = store.analysed_count()
        yield AnalysisProgress(done, total)
        after, sweeps = 0, 1
        agreed_at = time.monotonic()
        while True:
            ids = store.unanalysed(batch, after)
            if not ids:
                if after == 0 or sweeps == SWEEPS:
                    break
                # Back to the start: articles that changed while they were analysed (their
                # file was read again), or that another process left, are behind us.
                after, sweeps = 0, sweeps + 1
                continue
            after = ids[-1]
            pairs = [(i, a) for i in ids if isinstance(a := store.item(i), Article)]
            results = analyse([a for _i, a in pairs])
            # Another process analysing the folder (a second window, an export) did some of
            # these meanwhile: it is at work on the same articles, so go on from the middle
            # of what is left rather than step behind it doing everything twice.
            others = store.analysed_among(ids)
            for (article_id, _article), result in zip(pairs, results, strict=True):
                if article_id not in others:
                    store.put_analysis(article_id, result)
                notes.update(result.notes)
            analysed += len(results)
            if others:
                rest = store.unanalysed(-1, after)
                if len(rest) > 2 * batch:
                    after = rest[len(rest) // 2 - 1]
            if time.monotonic() - agreed_at >= AGREE_EVERY_S:
                store.agree_types()
                agreed_at = time.monotonic()
            done, total = store.analysed_count()
            yield AnalysisProgress(done, total, tuple(sorted(notes)))
        store.agree_types()
        if analysed or not store.quote_groups_current():
            # Every quote is known now: group the folder's statements across articles (also
            # when this process analysed nothing: the one that analysed last may have been
            # closed or killed before its grouping ended).
            store.group_quotes()
        return analysed
    finally:
        store.close()


def analyse_one(
    db_path: Path | str | None,
    article_id: int | None,
    article: Article,
    *,
    with_entities: bool = True,
    analyser: Analyser | None = None,
) -> AnalysedArticle:
    """One article's analysis, kept in the store when one is given. A store that cannot keep
    it (gone, locked, read-only, full) costs only the keeping, never the result: the result
    then carries a note saying so (the article is analysed again next time)."""
    analyse = analyser or (lambda articles: analyse_articles(articles, with_entities=with_entities))
    result = analyse([article])[0]
    if db_path is None or article_id is None:
        return result
    try:
        store = attach_store(Path(db_path))
    except StoreUnavailable as err:
        return _not_kept(result, str(err))
    try:
        store.put_analysis(article_id, result)
    except sqlite3.Error as err:
        return _not_kept(result, FAULT_WORDS[fault_of(err)])
    finally:
        store.close()
    return result


def _not_kept(result: AnalysedArticle, why: str) -> AnalysedArticle:
    note = f"This analysis could not be kept in the folder's store ({why}); it is made again next time."
    return replace(result, notes=(*result.notes, note))
