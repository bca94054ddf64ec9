"""The ``reported`` entry of ``python -m viewer train``: build the labeller, or score it out of fold."""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from viewer.train.corpus import AnnotatedArticle, read_annotated
from viewer.train.reported import MemoParser, examples, folds, model_file, scratch_folder, train_model

__all__ = ["cross_validate", "read_corpus", "train"]

#: The training split, inside the data folder: annotations, and the texts they point into.
GOLD = Path("attributions_polnear_train") / "gold.jsonl"
TEXTS = Path("quotes_polnear_train") / "text"


def read_corpus(data: Path, limit: int = 0) -> list[AnnotatedArticle]:
    gold, texts = data / GOLD, data / TEXTS
    if not gold.is_file() or not texts.is_dir():
        raise ValueError(f"{data} has no {GOLD} with {TEXTS} beside it")
    corpus = []
    for annotated in read_annotated(gold, texts):
        corpus.append(annotated)
        if limit and len(corpus) >= limit:
            break
    return corpus


def _parser() -> MemoParser:
    from viewer.core import nlp

    if nlp.parse(["A test."]) is None:
        raise RuntimeError(nlp.unavailable_reason() or "the language model has no dependency parser")
    return MemoParser(nlp.parse)


def train(data: Path, out: Path, log: TextIO, limit: int = 0) -> None:
    """Build the labeller from every article of the corpus and write it into ``out``."""
    started = time.perf_counter()
    corpus = read_corpus(data, limit)
    dropped = sum(a.dropped for a in corpus)
    kept = sum(len(a.attributions) for a in corpus)
    print(f"reported: {len(corpus)} articles, {kept} attributions placed ({dropped} not)", file=log)
    found = list(examples(corpus, _parser()))
    positive = sum(any(label != "O" for label in e.labels) for e in found)
    print(f"reported: {len(found)} candidates, {positive} reporting a statement", file=log)
    path = model_file(out)
    train_model(found, path)
    size = path.stat().st_size
    print(
        f"reported: wrote {path} ({size / 1024:.0f} KiB) in {time.perf_counter() - started:.0f} s", file=log
    )


def cross_validate(data: Path, k: int, log: TextIO, limit: int = 0) -> None:
    """Score the labeller out of fold: each fold of articles analysed by the whole extractor
    with a model trained on the other folds, scored by the evaluation's scorer."""
    from viewer.core import entities
    from viewer.core.quotes import find_quotes
    from viewer.core.quotes.learned import clear_models, use_models

    scorer = _scorer(data)
    started = time.perf_counter()
    corpus = read_corpus(data, limit)
    parser = _parser()
    found = list(examples(corpus, parser))
    print(
        f"reported: {len(corpus)} articles, {len(found)} candidates ({time.perf_counter() - started:.0f} s)",
        file=log,
    )
    recognised = entities.find_entities_many([a.article for a in corpus])
    gold = _gold(data, scorer)
    total: Counter[str] = Counter()
    scratch = scratch_folder()
    try:
        for number, fold in enumerate(folds([a.doc for a in corpus], k)):
            folder = scratch / f"fold{number}"
            train_model([e for e in found if e.doc not in fold], model_file(folder))
            use_models(folder)
            counts: Counter[str] = Counter()
            for annotated, result in zip(corpus, recognised, strict=True):
                if annotated.doc not in fold:
                    continue
                quotes = find_quotes(
                    annotated.article, result.entities, parser=parser if not result.notes else None
                )
                preds = [q.to_json() for q in quotes]
                if scorer is not None:
                    counts += scorer.score_doc(preds, gold.get(annotated.doc, []), "polnear")
            total += counts
            if scorer is not None:
                print(f"fold {number + 1} of {k}: {len(fold)} articles", file=log)
                scorer.report(f"fold {number + 1}", counts)
    finally:
        use_models(None)
        clear_models()
        _remove(scratch)
    if scorer is not None:
        print(f"out of fold, all {k} folds ({len(corpus)} articles):", file=log)
        sys.stdout.flush()
        scorer.report("out-of-fold (speech)", total)
    else:
        print("the evaluation's scorer (score_attributions.py) is not beside the data: no scores", file=log)
    print(f"reported: cross-validated in {time.perf_counter() - started:.0f} s", file=log)


def _scorer(data: Path) -> Any:
    """The evaluation's own ``score_attributions`` module, when it stands beside the data
    (``data/..``), so that these numbers are the scorer's."""
    folder = (data / "..").resolve()
    if not (folder / "score_attributions.py").is_file():
        return None
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    import score_attributions

    return score_attributions


def _gold(data: Path, scorer: Any) -> dict[str, list[dict[str, Any]]]:
    """The raw annotations per article, those of speech only, as the scorer reads them."""
    import json

    out: dict[str, list[dict[str, Any]]] = {}
    if scorer is None:
        return out
    with (data / GOLD).open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                entry = json.loads(line)
                out[entry["doc"]] = [q for q in entry["quotes"] if scorer.is_speech(q.get("cue"))]
    return out


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
