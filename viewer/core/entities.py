"""Named entities: spaCy NER, cleaned and merged. (Placeholder until the entities issue lands.)"""

from __future__ import annotations

from viewer.core.model import Article, Entity

__all__ = ["Entity", "find_entities"]


def find_entities(article: Article) -> tuple[tuple[Entity, ...], tuple[str, ...]]:
    """The article's entities and notes on what could not be done."""
    return (), ()
