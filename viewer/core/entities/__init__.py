"""Named entities: spaCy NER per part of an article, cleaned, typed by vote and by the article's evidence, merged.

One module per stage, in the order they run:

- :mod:`.spans`: the parts of an article (title, standfirst, paragraphs, captions, credit
  pieces), one recogniser run over them, its spans read back as mentions;
- :mod:`.cleaning`: each span cleaned (articles, forms of address, roles, possessives, sentence
  ends cut; what is not a name dropped), and capitalised common words dropped;
- :mod:`.repeats`: names the model found once located where it missed them;
- :mod:`.kinds`: each mention's label weighed with the words around it, each name typed by vote;
- :mod:`.evidence`: what the article says a name names (a company, a place, a brand, a person),
  weighed against the recogniser's label;
- :mod:`.clustering`: the variants of one entity merged (surname, first word, acronym);
- :mod:`.recognise`: the whole run over many articles, :func:`find_entities_many`;
- :mod:`viewer.core.corpus.agreement`: once a folder is analysed, each name's type agreed
  over its articles (beside the store, which keeps the votes).

The word tables the rules read are in :mod:`viewer.core.lexicon`.
"""

from __future__ import annotations

from viewer.core.corpus.agreement import (
    NameTally,
    NameVote,
    agree_types,
    agreed_type,
    folder_type,
    name_votes,
)
from viewer.core.entities.cleaning import clean_entity, drop_capitalised_common_words
from viewer.core.entities.clustering import find_acronym_definitions, merge_mentions
from viewer.core.entities.recognise import (
    EntityResult,
    entities_of_article,
    find_entities,
    find_entities_many,
)
from viewer.core.entities.records import KEPT_LABELS, FoundMention, TextPart
from viewer.core.entities.spans import (
    article_parts,
    credit_pieces,
    is_shouting,
    mentions_in_doc,
    named_words,
    sentence_case_headline,
    title_case_shouting,
)
from viewer.core.model import Entity

__all__ = [
    "KEPT_LABELS",
    "Entity",
    "EntityResult",
    "FoundMention",
    "NameTally",
    "NameVote",
    "TextPart",
    "agree_types",
    "agreed_type",
    "article_parts",
    "clean_entity",
    "credit_pieces",
    "drop_capitalised_common_words",
    "entities_of_article",
    "find_acronym_definitions",
    "find_entities",
    "find_entities_many",
    "folder_type",
    "is_shouting",
    "mentions_in_doc",
    "merge_mentions",
    "name_votes",
    "named_words",
    "sentence_case_headline",
    "title_case_shouting",
]
