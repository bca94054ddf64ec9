"""Types agreed across a folder: one name, one type, unless an article says otherwise.

The model types each mention from a few words around it, so the same company is a person in
one article and an organisation in nine others. Once a folder is analysed, every article that
names a name casts a vote for its type there; the folder's type is the kind with a clear
majority of the weight (an article's vote weighs more when its own evidence backs it), and an
article takes it unless its own evidence is strong: "Jordan, 23, said" keeps its person in a
folder where Jordan is a country. A type the user gave the name outvotes everything.

Everything here is pure and works one name at a time, so a store can keep a running
:class:`NameTally` per name, add and remove one article's :class:`NameVote` as analysis goes
on, and re-type only the articles of the names whose folder type moved:

- :func:`name_votes` turns one article's entities (and the strengths of their evidence,
  :attr:`EntityResult.strengths`) into votes;
- :func:`NameTally.add` / :func:`NameTally.remove` keep a name's tally;
- :func:`folder_type` is a name's folder type from its tally (None: no clear majority);
- :func:`agreed_type` is one article's type of the name, given the folder type;
- :func:`agree_types` does it all at once for a whole folder;
- :func:`retyped` gives an analysis with the types the folder agreed on (what the store
  hands out: the panel, search, speaker pages and exports read it).

It lives beside the corpus store, which keeps the votes (see
:mod:`viewer.core.corpus.store.entity_types`) and must not import the entities package.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from viewer.core.lexicon import LABEL_KINDS
from viewer.core.model import AnalysedArticle, Entity

__all__ = [
    "AGREEMENT_SHARE",
    "STRONG_EVIDENCE",
    "NameTally",
    "NameVote",
    "agree_types",
    "agreed_type",
    "folder_type",
    "label_kind",
    "name_key",
    "name_votes",
    "retyped",
]

#: An article whose own evidence holds its type at least this strongly keeps it.
STRONG_EVIDENCE = 2.0
#: The folder agrees on a kind when it has at least this share of a name's votes.
AGREEMENT_SHARE = 0.6


def name_key(text: str) -> str:
    """The form every spelling of one name shares: case, spacing, dashes and quotes folded."""
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    return " ".join(text.casefold().split())


def label_kind(label: str) -> str:
    """The kind of thing a label names (see :data:`~viewer.core.lexicon.LABEL_KINDS`)."""
    return LABEL_KINDS.get(label, label)


@dataclass(frozen=True, slots=True)
class NameVote:
    """One article's type for one name, and how strongly the article's own evidence holds it
    (0 when only the model's labels typed it)."""

    article: int
    key: str
    label: str
    strength: float = 0.0

    @property
    def weight(self) -> float:
        """How much the vote counts in the folder: evidence-backed types count more."""
        return 1.0 + self.strength


@dataclass(frozen=True, slots=True)
class NameTally:
    """The summed votes for one name's types over the folder: weight per label."""

    weights: Mapping[str, float] = field(default_factory=dict)

    def add(self, vote: NameVote) -> NameTally:
        weights = dict(self.weights)
        weights[vote.label] = weights.get(vote.label, 0.0) + vote.weight
        return NameTally(weights)

    def remove(self, vote: NameVote) -> NameTally:
        """The tally without ``vote`` (an article re-analysed or deleted)."""
        weights = dict(self.weights)
        left = weights.get(vote.label, 0.0) - vote.weight
        if left > 1e-9:
            weights[vote.label] = left
        else:
            weights.pop(vote.label, None)
        return NameTally(weights)


def name_votes(article: int, entities: Sequence[Entity], strengths: Sequence[float] = ()) -> list[NameVote]:
    """One vote per named entity of an article (``strengths`` parallel to ``entities``; each
    entity's own :attr:`~viewer.core.model.Entity.evidence` when not given). A name standing
    twice in the article votes once, for its strongest."""
    votes: dict[str, NameVote] = {}
    for i, entity in enumerate(entities):
        strength = strengths[i] if i < len(strengths) else entity.evidence
        vote = NameVote(article, name_key(entity.name), entity.type, strength)
        if vote.key not in votes or vote.strength > votes[vote.key].strength:
            votes[vote.key] = vote
    return list(votes.values())


def folder_type(tally: NameTally, corrected: str | None = None) -> str | None:
    """The type the folder agrees a name has: the user's if they gave one; else the label of
    the kind (person, organisation or brand, place ...) that holds :data:`AGREEMENT_SHARE` of
    the votes, the most voted label within it; None when no kind has such a majority."""
    if corrected is not None:
        return corrected
    total = sum(tally.weights.values())
    if total <= 0:
        return None
    by_kind: dict[str, float] = defaultdict(float)
    for label, weight in tally.weights.items():
        by_kind[label_kind(label)] += weight
    kind = max(by_kind, key=lambda k: (by_kind[k], k))
    if by_kind[kind] < AGREEMENT_SHARE * total:
        return None
    labels = [label for label in tally.weights if label_kind(label) == kind]
    return max(labels, key=lambda label: (tally.weights[label], label))


def agreed_type(vote: NameVote, folder: str | None, *, corrected: bool = False) -> str:
    """The type of the name in the article that cast ``vote``, given the folder's type: the
    article keeps its own when the folder has none, when its label is of the folder's kind
    (a brand may be an organisation in one article and a product in another), or when its own
    evidence is strong (unless the folder's type is the user's)."""
    if folder is None or label_kind(vote.label) == label_kind(folder):
        return folder if corrected and folder is not None else vote.label
    if vote.strength >= STRONG_EVIDENCE and not corrected:
        return vote.label
    return folder


def agree_types(
    votes: Iterable[NameVote], corrected: Mapping[str, str] | None = None
) -> dict[tuple[int, str], str]:
    """The agreed type of every (article, name key) the votes cover, for a whole folder.

    ``corrected`` maps name keys to the type the user gave them (it outvotes everything).
    """
    corrected = corrected or {}
    by_name: dict[str, list[NameVote]] = defaultdict(list)
    for vote in votes:
        by_name[vote.key].append(vote)
    agreed: dict[tuple[int, str], str] = {}
    for key, of_name in by_name.items():
        weights: dict[str, float] = defaultdict(float)
        for vote in of_name:
            weights[vote.label] += vote.weight
        user = corrected.get(key)
        folder = folder_type(NameTally(weights), user)
        for vote in of_name:
            agreed[(vote.article, key)] = agreed_type(vote, folder, corrected=user is not None)
    return agreed


def retyped(
    analysed: AnalysedArticle, shown: Mapping[str, str], *, user: frozenset[str] = frozenset()
) -> AnalysedArticle:
    """The analysis with each entity of a name in ``shown`` (name key -> the type the folder's
    agreement gives the name in this article) of that type; the analysis itself when none
    changes. A name in ``user`` took the user's type: its entity is marked corrected."""
    if not shown:
        return analysed
    entities = []
    changed = False
    for entity in analysed.entities:
        key = name_key(entity.name)
        agreed = shown.get(key)
        if agreed is None or agreed == entity.type:
            entities.append(entity)
            continue
        changed = True
        entities.append(replace(entity, type=agreed, corrected=entity.corrected or key in user))
    if not changed:
        return analysed
    return replace(analysed, entities=tuple(entities))
