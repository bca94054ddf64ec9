"""Quotes and entities for every article of a store, persisted as they are found.

:func:`analyse_store` is a generator: it analyses articles in small batches (entity
recognition is batched across them), writes each batch's results, and yields an
:class:`AnalysisProgress` after each, so the caller can stop it between batches (the window
does when the user opens another article, whose analysis comes first) and start it again
later: it takes up where it stopped, since what is stored is never analysed twice.
"""

from __future__ import annotations

import contextlib
from collections.abc import Generator, Iterable
from dataclasses import dataclass
from pathlib import Path

from viewer.core.corpus.store import CorpusStore, attach_store
from viewer.core.model import AnalysedArticle, Article

#: Articles per batch: enough for spaCy to batch well, few enough to stop soon when asked.
BATCH = 16


@dataclass(frozen=True, slots=True)
class AnalysisProgress:
    done: int
    total: int
    notes: tuple[str, ...] = ()


def analyse_articles(articles: Iterable[Article], *, with_entities: bool) -> list[AnalysedArticle]:
    from viewer.core.analyse import analyse, analyse_many

    batch = list(articles)
    try:
        return list(analyse_many(batch, with_entities=with_entities))
    except Exception:
        # A fault on one article must not cost the batch: one by one, the faulty one with no results.
        out = []
        for article in batch:
            try:
                out.append(analyse(article, with_entities=with_entities))
            except Exception as err:
                note = f"Analysis failed ({type(err).__name__}: {err})"
                out.append(AnalysedArticle(article, notes=(note,)))
        return out


def analyse_store(
    db_path: Path | str, *, with_entities: bool = True, batch: int = BATCH
) -> Generator[AnalysisProgress, None, int]:
    """Analyse every article of the store that has no analysis by this extractor; returns how
    many were analysed."""
    store = attach_store(Path(db_path))
    analysed = 0
    notes: set[str] = set()
    try:
        done, total = store.analysed_count()
        yield AnalysisProgress(done, total)
        after = 0
        while ids := store.unanalysed(batch, after):
            after = ids[-1]
            pairs = [(i, a) for i in ids if isinstance(a := store.item(i), Article)]
            results = analyse_articles([a for _i, a in pairs], with_entities=with_entities)
            for (article_id, _article), result in zip(pairs, results, strict=True):
                store.put_analysis(article_id, result)
                notes.update(result.notes)
            analysed += len(results)
            done, total = store.analysed_count()
            yield AnalysisProgress(done, total, tuple(sorted(notes)))
        if analysed or not store.has_quote_groups():
            # Every quote is known now: group the folder's statements across articles.
            store.group_quotes()
        return analysed
    finally:
        store.close()


def analyse_one(
    db_path: Path | str | None, article_id: int | None, article: Article, *, with_entities: bool = True
) -> AnalysedArticle:
    """One article's analysis, kept in the store when one is given (a store that cannot be
    written to costs only the keeping, never the result)."""
    result = analyse_articles([article], with_entities=with_entities)[0]
    if db_path is not None and article_id is not None:
        try:
            store: CorpusStore = attach_store(Path(db_path))
        except Exception:
            return result
        try:
            with contextlib.suppress(Exception):
                store.put_analysis(article_id, result)
        finally:
            store.close()
    return result
