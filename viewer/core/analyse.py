"""Article -> AnalysedArticle: the one entry point for quotes and entities.

The headless extractor and the window both call this, so what the scorers measure is what
users see.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from viewer.core import entities, quotes
from viewer.core.model import AnalysedArticle, Article


def analyse(article: Article, *, with_entities: bool = True) -> AnalysedArticle:
    """Quotes and (unless turned off) entities of one article."""
    return next(analyse_many([article], with_entities=with_entities))


def analyse_many(articles: Iterable[Article], *, with_entities: bool = True) -> Iterator[AnalysedArticle]:
    """Analyse articles in order; entity recognition is batched across them."""
    for article in articles:
        found_quotes = quotes.find_quotes(article)
        found_entities: tuple[entities.Entity, ...] = ()
        notes: tuple[str, ...] = ()
        if with_entities:
            found_entities, notes = entities.find_entities(article)
        yield AnalysedArticle(article, found_quotes, found_entities, notes)
