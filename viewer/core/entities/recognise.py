"""Recognising the entities of many articles: one ``nlp.pipe`` run over all their parts, then
each article's mentions cleaned, found again where the model missed them, typed and merged."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from viewer.core import nlp as nlp_loader
from viewer.core.entities.cleaning import drop_capitalised_common_words
from viewer.core.entities.clustering import typed_entities
from viewer.core.entities.records import FoundMention, TextPart
from viewer.core.entities.repeats import trusted_shouted, unrecognised_repeats
from viewer.core.entities.spans import (
    article_parts,
    credit_mention,
    is_shouting,
    mentions_in_doc,
    named_words,
    recognised_docs,
)
from viewer.core.lexicon import headline_case
from viewer.core.model import Article, Entity

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def entities_of_article(
    article: Article, parts: Sequence[TextPart], docs: Sequence[Doc]
) -> tuple[Entity, ...]:
    """Clean, type and merge what the recogniser found in the parts of one article."""
    return tuple(entity for entity, _ in _typed_entities_of_article(parts, docs))


def _typed_entities_of_article(parts: Sequence[TextPart], docs: Sequence[Doc]) -> list[tuple[Entity, float]]:
    found: list[FoundMention] = []
    shouted: list[FoundMention] = []
    loud: list[TextPart] = []  # text in capitals, which the model reads poorly
    calm: list[TextPart] = []
    for part, doc in zip(parts, docs, strict=True):
        if part.field == "credit":
            credit = credit_mention(doc, part)
            if credit is not None:
                found.append(credit)
        elif is_shouting(part.text):
            shouted.extend(mentions_in_doc(doc, part))
            loud.append(part)
        else:
            found.extend(mentions_in_doc(doc, part))
            calm.append(part)
    found = drop_capitalised_common_words(found, parts)
    found.extend(unrecognised_repeats(found, calm))
    found.extend(trusted_shouted(shouted, found, loud))
    return typed_entities(found, parts)


@dataclass(frozen=True, slots=True)
class EntityResult:
    """The entities of one article and, in words a user understands, what could not be done.

    ``strengths`` (parallel to ``entities``, or empty) says how strongly the article's own
    evidence holds each entity's type: what folder agreement weighs (:mod:`.agreement`).
    """

    entities: tuple[Entity, ...] = ()
    notes: tuple[str, ...] = ()
    strengths: tuple[float, ...] = ()


def find_entities_many(articles: Sequence[Article], *, batch_size: int = 256) -> list[EntityResult]:
    """The entities of each article, in the same order.

    All parts of all articles go through one ``nlp.pipe`` call. Without spaCy or its model,
    every article gets no entities and a note saying why. If the recogniser fails on some
    text, the articles are retried one by one so that only the article at fault goes without.
    """
    try:
        nlp = nlp_loader.ner_pipeline()
    except nlp_loader.ModelUnavailable as err:
        return [EntityResult((), (str(err),)) for _ in articles]
    try:
        return [
            EntityResult(
                tuple(replace(e, evidence=s) if s else e for e, s in typed), (), tuple(s for _, s in typed)
            )
            for typed in _recognise(nlp, articles, batch_size)
        ]
    except Exception as err:  # a failure on one text must not cost the other articles
        if len(articles) == 1:
            note = f"Named entities could not be found in this article ({type(err).__name__}: {err})."
            return [EntityResult((), (note,))]
        return [result for a in articles for result in find_entities_many([a], batch_size=batch_size)]


def _recognise(
    nlp: Language, articles: Sequence[Article], batch_size: int
) -> list[list[tuple[Entity, float]]]:
    all_parts = [article_parts(a) for a in articles]
    # Only a headline in Title Case needs the article's own names (see sentence_case_headline).
    named = [named_words(a.paragraphs) if headline_case(a.title) else None for a in articles]
    per_part = [words for parts, words in zip(all_parts, named, strict=True) for _ in parts]
    docs = iter(recognised_docs(nlp, [p for parts in all_parts for p in parts], batch_size, per_part))
    results = []
    for parts in all_parts:
        article_docs = [next(docs) for _ in parts]
        results.append(_typed_entities_of_article(parts, article_docs))
    return results


def find_entities(article: Article) -> tuple[tuple[Entity, ...], tuple[str, ...]]:
    """The article's entities and notes on what could not be done."""
    (result,) = find_entities_many([article])
    return result.entities, result.notes
