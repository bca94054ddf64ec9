"""Jobs the window runs on a worker thread (reading and entity analysis run in child
processes, see :mod:`viewer.ui.background.child`). They call core functions only and never
touch a widget.
"""

from __future__ import annotations

from collections.abc import Callable

from viewer.core.corpus.analysis import analyse_one, analyse_store
from viewer.core.model import AnalysedArticle, Article
from viewer.ui.background.child import as_stored, corrected
from viewer.ui.background.workers import Progress

#: An analysis that replaces the real one (tests: no language model), run on a worker thread.
AnalyseFn = Callable[[Article, Progress], AnalysedArticle]


def analyse_quotes(article: Article, progress: Progress) -> AnalysedArticle:
    """Quotes only: fast, so the panel fills at once while entities are found elsewhere."""
    from viewer.core.analyse import analyse

    return analyse(article, with_entities=False)


def quick_quotes(db_path: str | None, article: Article, progress: Progress) -> AnalysedArticle:
    """The quotes found first, with the user's corrections applied by the store."""
    return corrected(db_path, analyse_quotes(article, progress))


def analyse_and_keep_with(
    analyse_fn: AnalyseFn, db_path: str | None, article_id: int | None, article: Article, progress: Progress
) -> AnalysedArticle:
    """The analysis process's job (:func:`~viewer.ui.background.child.analyse_and_store`) with
    ``analyse_fn`` analysing: kept in the store and given back as the store gives it."""
    fresh = analyse_one(
        db_path, article_id, article, analyser=lambda articles: [analyse_fn(articles[0], progress)]
    )
    return as_stored(db_path, article_id, fresh)


def analyse_folder_with(analyse_fn: AnalyseFn, db_path: str, progress: Progress) -> int:
    """The analysis process's whole-folder analysis with ``analyse_fn`` analysing: the same
    loop, with a check for cancellation between batches."""
    steps = analyse_store(db_path, analyser=lambda articles: [analyse_fn(a, progress) for a in articles])
    while True:
        try:
            step = next(steps)
        except StopIteration as done:
            return int(done.value)
        progress.publish(step)
        if progress.cancelled:
            steps.close()
            progress.check()
