"""The learned choice of a quote's speaker among its candidate mentions.

A log-linear model: each candidate's score is the logistic of the sum of its features' weights
(:mod:`viewer.core.quotes.candidates` names the features). The best-scoring candidate speaks
for the quote when its score reaches the model's threshold for that kind of quote (reported
speech is harder to attribute than a quotation); below it the quote gets no speaker, since a
guessed speaker is worse than none. The weights are learned from an annotated corpus by
``python -m viewer train speakers`` (:mod:`viewer.train.speakers`) and shipped with the package
as a small JSON file beside the other learned models (``models/speakers.json``), read once per
process on first use; nothing is downloaded.

``ARTICLE_VIEWER_SPEAKER_MODEL`` chooses: ``shipped`` (the packaged weights), a weights file, or
``rules`` (the hand-written rules alone); unset, :data:`BY_DEFAULT` decides.
"""

from __future__ import annotations

import functools
import json
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from viewer.core.model import Quote
from viewer.core.quotes.candidates import Candidate, CandidatePool
from viewer.core.quotes.learned import model_path

__all__ = [
    "BY_DEFAULT",
    "MODEL_ENV",
    "MODEL_NAME",
    "QuoteDraft",
    "SpeakerRanker",
    "decide",
    "decide_among",
    "default_ranker",
    "load_ranker",
]

MODEL_ENV = "ARTICLE_VIEWER_SPEAKER_MODEL"
#: Whether the shipped ranker chooses the speakers when nothing else is asked for. On: the
#: shipped model only overrules the rules where it is confident and they are not (``override``),
#: which on news it never saw named as many sources right as the rules or more, with no more
#: wrong (README, "The speaker ranker"); choosing alone, it did worse there than the rules.
BY_DEFAULT = True
#: The ranker's weights file among the learned models: ``models/speakers.json``.
MODEL_NAME = "speakers"
SUFFIX = ".json"
FORMAT = 1


@dataclass(frozen=True, slots=True)
class SpeakerRanker:
    """Feature weights and, per kind of quote, the score below which the model names nobody
    (``thresholds[""]`` for a kind without its own)."""

    weights: Mapping[str, float]
    thresholds: Mapping[str, float]
    about: Mapping[str, Any] | None = None  # what it was trained on, for the record
    #: When set, the ranker only overrules: the rules' speaker stands unless the best candidate
    #: scores at least this and the rules' own mention below :data:`DOUBT` (then the best one
    #: speaks), or the rules' mention scores below the threshold (then nobody does).
    override: float | None = None

    def threshold(self, kind: str = "") -> float:
        return self.thresholds.get(kind, self.thresholds.get("", 0.0))

    def score(self, features: Mapping[str, float]) -> float:
        """The probability that a candidate with ``features`` is the speaker."""
        weight = self.weights.get
        z = 0.0
        for name, value in features.items():
            z += weight(name, 0.0) * value
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def best(self, candidates: Sequence[Candidate]) -> tuple[Candidate, float] | None:
        """The best-scoring candidate and its score (``None`` when there is none)."""
        scored = [(self.score(c.features), k) for k, c in enumerate(candidates)]
        if not scored:
            return None
        score, k = max(scored)
        return candidates[k], score

    def choose(self, candidates: Sequence[Candidate], kind: str = "") -> Candidate | None:
        """The candidate that speaks for a quote of ``kind``, or ``None`` when no score
        reaches its threshold."""
        found = self.best(candidates)
        if found is None or found[1] < self.threshold(kind):
            return None
        return found[0]

    def to_json(self) -> dict[str, Any]:
        weights = {k: round(v, 4) for k, v in sorted(self.weights.items()) if round(v, 4) != 0.0}
        thresholds = {k: round(v, 4) for k, v in sorted(self.thresholds.items())}
        out: dict[str, Any] = {"format": FORMAT, "thresholds": thresholds}
        if self.override is not None:
            out["override"] = round(self.override, 4)
        if self.about:
            out["about"] = dict(self.about)
        out["weights"] = weights
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SpeakerRanker:
        weights, thresholds = data.get("weights"), data.get("thresholds")
        if data.get("format") != FORMAT or not isinstance(weights, dict) or not isinstance(thresholds, dict):
            raise ValueError("not a speaker model of this version")
        return cls(
            {str(k): float(v) for k, v in weights.items()},
            {str(k): float(v) for k, v in thresholds.items()},
            data.get("about"),
            float(data["override"]) if data.get("override") is not None else None,
        )


@dataclass(frozen=True, slots=True)
class QuoteDraft:
    """A quote as the rules attribute it, and the mentions that may name its speaker."""

    quote: Quote
    candidates: tuple[Candidate, ...] = ()


def decide(draft: QuoteDraft, ranker: SpeakerRanker | None) -> Quote:
    """The quote with the speaker the ranker chooses (the rules' own when ``ranker`` is None
    or the quote is no statement)."""
    quote = draft.quote
    if ranker is None or not quote.is_statement:
        return quote
    if ranker.override is not None:
        found = ranker.best(draft.candidates)
        rules_score = _rules_score(draft, ranker)
        if found is not None and found[1] >= ranker.override and (rules_score is None or rules_score < DOUBT):
            chosen: Candidate | None = found[0]  # sure of another mention, unsure of theirs
        elif rules_score is not None and rules_score < ranker.threshold(quote.kind):
            chosen = None  # the rules' mention is too unlikely a speaker: nobody
        else:
            return quote  # the rules' choice stands
    else:
        chosen = ranker.choose(draft.candidates, quote.kind)
    if chosen is None or chosen.speaker is None:
        return replace(quote, speaker=None, role=None, speaker_mention=None)
    rules = quote.speaker_mention
    if rules is not None and quote.speaker == chosen.speaker and _same_place(rules, chosen):
        return quote  # the rules' own choice, with the role and cue they found for it
    return replace(
        quote,
        speaker=chosen.speaker,
        role=chosen.role,
        cue=chosen.cue or quote.cue,
        cue_span=chosen.cue_span or quote.cue_span,
        speaker_mention=chosen.mention,
    )


def decide_among(quote: Quote, pool: CandidatePool, ranker: SpeakerRanker | None) -> Quote:
    """``decide(QuoteDraft(quote, pool.all()), ranker)``, describing fewer candidates: a ranker
    that only overrules keeps the rules' speaker whenever it believes their own mention (it
    scores at least :data:`DOUBT` and the kind's threshold), whatever the others score, so
    those are scored only when it does not."""
    if ranker is not None and quote.is_statement and ranker.override is not None:
        rules = quote.speaker_mention
        if rules is not None and quote.speaker is not None:
            scores = [ranker.score(c.features) for c in pool.at(rules.paragraph, rules.start, rules.end)]
            if scores and max(scores) >= DOUBT and max(scores) >= ranker.threshold(quote.kind):
                return quote
    return decide(QuoteDraft(quote, pool.all()), ranker)


#: The score at which the rules' own mention is believed, when the ranker only overrules.
DOUBT = 0.5


def _rules_score(draft: QuoteDraft, ranker: SpeakerRanker) -> float | None:
    """The ranker's score for the mention the rules decided on (``None``: no such candidate)."""
    rules = draft.quote.speaker_mention
    if rules is None or draft.quote.speaker is None:
        return None
    scores = [ranker.score(c.features) for c in draft.candidates if _same_place(rules, c)]
    return max(scores) if scores else None


def _same_place(rules: Any, chosen: Candidate) -> bool:
    m = chosen.mention
    return bool(rules.paragraph == m.paragraph and rules.start < m.end and m.start < rules.end)


def load_ranker(path: Path) -> SpeakerRanker:
    """A ranker from a weights file written by ``python -m viewer train speakers``.

    Raises ``ValueError`` when the file is not one.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise ValueError(f"cannot read the speaker model {path}: {err}") from err
    return SpeakerRanker.from_json(data)


def default_ranker() -> SpeakerRanker | None:
    """The ranker ``find_quotes`` uses unless told otherwise: ``None`` (the rules' choice) when
    :data:`BY_DEFAULT` is off; ``ARTICLE_VIEWER_SPEAKER_MODEL`` chooses: ``rules``, ``shipped``
    (``speakers.json`` beside the other learned models, see
    :func:`~viewer.core.quotes.learned.model_path`) or a weights file. Read once per file."""
    chosen = os.environ.get(MODEL_ENV, "").strip() or ("shipped" if BY_DEFAULT else "rules")
    if chosen == "rules":
        return None
    if chosen == "shipped":
        return _read(model_path(MODEL_NAME).with_suffix(SUFFIX), required=False)
    return _read(Path(chosen), required=True)


@functools.lru_cache(maxsize=4)
def _read(path: Path, *, required: bool) -> SpeakerRanker | None:
    if not required and not path.is_file():
        return None
    return load_ranker(path)
