"""Jobs the window runs on a worker thread (reading and entity analysis run in child
processes, see :mod:`viewer.ui.background.child`). They call core functions only and never touch a widget.
"""

from __future__ import annotations

from viewer.core.model import AnalysedArticle, Article
from viewer.ui.background.workers import Progress


def analyse_quotes(article: Article, progress: Progress) -> AnalysedArticle:
    """Quotes only: fast, so the panel fills at once while entities are found elsewhere."""
    from viewer.core.analyse import analyse

    return analyse(article, with_entities=False)
