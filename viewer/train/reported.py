"""Training the reported-speech labeller (:mod:`viewer.core.quotes.reported`).

Every verb of saying (and "according to") in an annotated article is a candidate, read with
the same features the extractor computes; its labels are the words of the annotated content
whose cue it is (all "O" when it reports nothing annotated). A linear-chain CRF
(python-crfsuite) learns from them.

``cross_validate`` scores the model honestly on its own training corpus: the articles are cut
into k folds, and each fold is analysed (the whole extractor: entities, direct quotes, reported
statements) with a model trained on the other folds, then scored with the evaluation's own
scorer when it is there.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from viewer.core.quotes.attribution import REPORTED_MODEL, quoted_words, speech_passages
from viewer.core.quotes.parse import ArticleParse
from viewer.core.quotes.reported import Candidate, candidates, features
from viewer.core.quotes.statements import reported_paragraphs
from viewer.train.corpus import AnnotatedArticle, GoldAttribution

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "PARAMS",
    "Example",
    "MemoParser",
    "examples",
    "gold_labels",
    "train_model",
]

#: python-crfsuite's training parameters: L-BFGS with both penalties, few iterations (the
#: features are many and sparse; more iterations learn the training set, not news). A strong L1
#: penalty keeps few of them: chosen out of fold (5 folds by article, ``--cross-validate``)
#: among c1 0.05 to 12 and c2 0.01 to 0.2; F1 rose from c1 0.1 to 3 and fell past 6, and the
#: model shrank from 2.4 MB to well under 1 MB.
PARAMS: dict[str, Any] = {
    "c1": 3.0,
    "c2": 0.05,
    "max_iterations": 150,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}


@dataclass(frozen=True, slots=True)
class Example:
    """One candidate's features and gold labels, and the article it comes from."""

    doc: str
    rows: list[list[str]]
    labels: list[str]


class MemoParser:
    """A parser that remembers every text it parsed (training reads each article twice)."""

    def __init__(self, parser: Callable[[Sequence[str]], Sequence[Doc] | None]) -> None:
        self._parser = parser
        self._docs: dict[str, Doc] = {}

    def __call__(self, texts: Sequence[str]) -> Sequence[Doc] | None:
        missing = list(dict.fromkeys(t for t in texts if t not in self._docs))
        if missing:
            docs = self._parser(missing)
            if docs is None:
                return None
            self._docs.update(zip(missing, docs, strict=True))
        return [self._docs[t] for t in texts]


def article_parse(
    annotated: AnnotatedArticle, parser: Callable[[Sequence[str]], Sequence[Doc] | None]
) -> ArticleParse:
    """The article's parse as the extractor makes it (the same quotations masked)."""
    paragraphs = annotated.article.paragraphs
    parse = ArticleParse(paragraphs, quoted_words(speech_passages(paragraphs)), parser)
    parse.prefetch(reported_paragraphs(paragraphs))
    return parse


def examples(
    corpus: Iterable[AnnotatedArticle], parser: Callable[[Sequence[str]], Sequence[Doc] | None]
) -> Iterator[Example]:
    """Every candidate of every article, with its features and gold labels."""
    for annotated in corpus:
        parse = article_parse(annotated, parser)
        if parse.failed:
            raise RuntimeError("the dependency parser is unavailable: install the spaCy pipeline")
        for p in reported_paragraphs(annotated.article.paragraphs):
            golds = [g for g in annotated.attributions if g.cue is not None and g.cue.paragraph == p]
            for candidate in candidates(parse, p):
                rows = features(parse, candidate)
                yield Example(annotated.doc, rows, gold_labels(parse, candidate, golds))


def gold_labels(parse: ArticleParse, candidate: Candidate, golds: Sequence[GoldAttribution]) -> list[str]:
    """ "B"/"I" for the words of the content of the annotated attributions whose cue is the
    candidate's, "O" for the rest."""
    p = candidate.paragraph
    cue = parse.original(p, candidate.cue)
    mine = [
        g
        for g in golds
        if cue is not None and g.cue is not None and g.cue.start < cue[1] and g.cue.end > cue[0]
    ]
    content = [(s.start, s.end) for g in mine for s in g.content if s.paragraph == p]
    labels: list[str] = []
    previous = "O"
    for token in candidate.sentence:
        where = parse.original(p, token)
        inside = False
        if where is not None and content and token.i != candidate.cue.i:
            a, b = where
            middle = (a + b) / 2
            inside = any(s <= middle < e for s, e in content)
        label = ("I" if previous != "O" else "B") if inside else "O"
        labels.append(label)
        previous = label
    return labels


def train_model(train: Sequence[Example], path: Path, params: dict[str, Any] | None = None) -> None:
    """Train the CRF on ``train`` and write it to ``path``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for example in train:
        trainer.append(example.rows, example.labels)
    trainer.set_params(dict(PARAMS, **(params or {})))
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))


def folds(docs: Sequence[str], k: int, seed: int = 17) -> list[set[str]]:
    """The articles cut into ``k`` folds of about the same size (a fixed shuffle)."""
    order = sorted(set(docs))
    random.Random(seed).shuffle(order)
    return [set(order[i::k]) for i in range(k)]


def timed(label: str, started: float) -> str:
    return f"{label} in {time.perf_counter() - started:.0f} s"


def model_file(folder: Path) -> Path:
    from viewer.core.quotes.learned import SUFFIX

    return folder / f"{REPORTED_MODEL}{SUFFIX}"


def scratch_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="viewer-train-"))
