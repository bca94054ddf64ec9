"""Article -> AnalysedArticle: the one entry point for quotes and entities.

The headless extractor and the window both call this, so what the scorers measure is what
users see. Entities come first because quote attribution uses them to name speakers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from viewer.core import entities, nlp, quotes
from viewer.core.model import AnalysedArticle, Article

# Articles per ``nlp.pipe`` run: large enough to batch well, small enough to stream.
BATCH_ARTICLES = 64


def analyse(article: Article, *, with_entities: bool = True) -> AnalysedArticle:
    """Quotes and (unless turned off) entities of one article."""
    return next(analyse_many([article], with_entities=with_entities))


def analyse_many(articles: Iterable[Article], *, with_entities: bool = True) -> Iterator[AnalysedArticle]:
    """Analyse articles in order; entity recognition is batched across them.

    When the language model cannot load, every article still gets its quotes, and its
    ``notes`` say why entities are missing.
    """
    pending = iter(articles)
    while batch := list(islice(pending, BATCH_ARTICLES)):
        found = [entities.EntityResult() for _ in batch]
        if with_entities:
            found = entities.find_entities_many(batch)
        # The parse of the whole batch in one call; each article takes its own from it. An
        # article the recogniser read and found no names in still has its statements parsed
        # ("The harbour authority said that ..."); one it failed on (a note says why) has none.
        parses = quotes.ParseCache(nlp.parse)
        if with_entities:
            parses(
                [
                    t
                    for a, r in zip(batch, found, strict=True)
                    if not r.notes
                    for t in quotes.texts_to_parse(a)
                ]
            )
        for article, result in zip(batch, found, strict=True):
            parser = parses if with_entities and not result.notes else None
            found_quotes = quotes.find_quotes(article, result.entities, parser=parser)
            yield AnalysedArticle(article, found_quotes, result.entities, result.notes)
