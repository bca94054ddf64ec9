"""The speaker ranker, learned from an annotated attribution corpus (PolNeAR train).

1. Every article is analysed as ``extract`` analyses it: entities, then quotes with the parse,
   each quote with the rules' speaker and its candidate mentions
   (:func:`viewer.core.quotes.attribution.draft_quotes`).
2. Each quote is matched to the annotated attribution whose content it covers. Its candidates
   are labelled: the one standing at the annotated source is the speaker, the others are not;
   when the annotators gave no source, none is. A source that could not be placed in the text
   leaves the quote out (we do not know who it was).
3. A logistic regression, trained with python-crfsuite (each candidate a sequence of one item,
   labelled ``yes`` or ``no``), weighs the features; the weights are the difference of the two
   labels' weights, so a candidate's score is the probability crfsuite gives ``yes``.
4. The threshold below which the ranker names nobody is chosen on out-of-fold scores (folds by
   article), the lowest that keeps wrong speakers at most :data:`WRONG_AT_MOST` of the quotes.

``python -m viewer train speakers`` writes the packaged weights; ``--cross-validate`` scores
each fold's articles with a model trained on the other folds, with the evaluation's own scorers.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from viewer.core.lexicon import word_set
from viewer.core.model import Article, Quote, Span
from viewer.core.quotes.candidates import Candidate
from viewer.core.quotes.names import CUES
from viewer.core.quotes.ranker import MODEL_NAME, SUFFIX, QuoteDraft, SpeakerRanker, decide
from viewer.train.corpus import AnnotatedArticle, GoldAttribution, read_annotated

__all__ = [
    "AnalysedDoc",
    "Labelled",
    "analyse_corpus",
    "cross_validate",
    "fit",
    "labelled_quotes",
    "train",
    "train_ranker",
]

#: The share of quotes with a named source the chosen threshold may give a wrong speaker (out of
#: fold): the evaluation's "named speaker wrong".
WRONG_AT_MOST = 0.03
FOLDS = 5
#: The ranker overrules the rules only when its best candidate scores this much and the rules'
#: own mention scores below :data:`~viewer.core.quotes.ranker.DOUBT`. Chosen out of fold on
#: PolNeAR train (5 folds by article, named sources): of 0.7, 0.8, 0.9 and 0.95, 0.7 names the
#: most sources right (0.932 against the rules' 0.922) with as few wrong (0.025); choosing by
#: the ranker alone named more right (0.943) but more wrong too (0.037), and on news it never
#: saw (GGT, PolNeAR dev) fewer right than the rules.
OVERRIDE = 0.7
# Regularisation of the logistic regression (L1 keeps the model small, L2 smooths it).
C1 = 0.05
C2 = 0.5
#: L-BFGS iterations: the loss moves by less than 1% after a hundred.
ITERATIONS = 100


@dataclass(frozen=True, slots=True)
class AnalysedDoc:
    """One annotated article with the quotes our analysis drafts for it."""

    doc: str
    article: Article
    attributions: tuple[GoldAttribution, ...]
    drafts: tuple[QuoteDraft, ...]


@dataclass(frozen=True, slots=True)
class Labelled:
    """A drafted quote matched to an annotated attribution, its candidates labelled."""

    doc: str
    draft: QuoteDraft
    gold: GoldAttribution
    label: int | None  # the index of the candidate at the annotated source; None: no candidate

    @property
    def candidates(self) -> tuple[Candidate, ...]:
        return self.draft.candidates


# --- analysis ------------------------------------------------------------------------------


#: Articles, and per article the statements to draft beside its quotations (``None``: the ones
#: the article's own parse and the reported-speech labeller find, as ``extract`` does) -> drafts.
Analyser = Callable[[Sequence[Article], Sequence[Sequence[Quote] | None]], list[tuple[QuoteDraft, ...]]]


def _full_analysis(
    articles: Sequence[Article], statements: Sequence[Sequence[Quote] | None]
) -> list[tuple[QuoteDraft, ...]]:
    """What ``extract`` does (:func:`viewer.core.analyse.analyse_many`): entities and the
    parse batched, then each article's quotes drafted with its parse."""
    from viewer.core import entities, nlp, quotes
    from viewer.core.quotes.attribution import draft_quotes

    found = entities.find_entities_many(articles)
    parses = quotes.ParseCache(nlp.parse)
    parses([t for a, r in zip(articles, found, strict=True) if not r.notes for t in quotes.texts_to_parse(a)])
    out = []
    for article, result, extra in zip(articles, found, statements, strict=True):
        parser = parses if not result.notes else None
        out.append(draft_quotes(article, result.entities, parser=parser, statements=extra))
    return out


# Verbs and phrases of saying or writing (the statements a reported-speech finder reports);
# attributions of beliefs and plans ("thinks", "wants") are left out.
_SPEECH_WORDS = CUES | word_set(
    """say tell add announce claim argue write tweet post insist warn explain note suggest ask
    report recall reply respond answer acknowledge admit agree deny confirm declare describe
    emphasize emphasise stress predict promise vow pledge urge call charge accuse allege assert
    maintain contend complain concede caution conclude indicate mention observe point remark repeat
    reiterate reveal testify disclose estimate comment boast joke according"""
)


def _speech(cue: str | None) -> bool:
    return bool(cue) and any(
        w in _SPEECH_WORDS or w.rstrip("sd") in _SPEECH_WORDS or w.removesuffix("ing") in _SPEECH_WORDS
        for w in re.findall(r"[a-z]+", (cue or "").lower())
    )


def annotated_statements(item: AnnotatedArticle) -> tuple[Quote, ...]:
    """The annotated reported and mixed statements of an article (cues of saying or writing),
    as quotes without a speaker: what a reported-speech finder would hand the ranker."""
    out = []
    for gold in item.attributions:
        if gold.kind == "direct" or not _speech(gold.cue_text):
            continue
        text = " ".join(item.article.paragraphs[s.paragraph][s.start : s.end] for s in gold.content)
        out.append(Quote(text, None, gold.cue_text, gold.content, kind=gold.kind, cue_span=gold.cue))
    return tuple(out)


def analyse_corpus(
    annotated: Iterable[AnnotatedArticle],
    analyser: Analyser = _full_analysis,
    *,
    batch: int = 32,
    progress: Callable[[int], None] | None = None,
    with_annotated: bool = False,
) -> list[AnalysedDoc]:
    """Every annotated article with its drafted quotes: its quotations and the reported and
    mixed statements its analysis finds (``with_annotated``: the annotated ones instead, their words
    given, as an upper bound of what the ranker can do)."""
    out: list[AnalysedDoc] = []
    pending: list[AnnotatedArticle] = []

    def flush() -> None:
        articles = [a.article for a in pending]
        extra: list[Sequence[Quote] | None] = [
            annotated_statements(a) if with_annotated else None for a in pending
        ]
        for item, drafts in zip(pending, analyser(articles, extra), strict=True):
            out.append(AnalysedDoc(item.doc, item.article, item.attributions, drafts))
        pending.clear()
        if progress is not None:
            progress(len(out))

    for item in annotated:
        pending.append(item)
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    return out


# --- labels --------------------------------------------------------------------------------


def _overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
    return sum(
        max(0, min(x.end, y.end) - max(x.start, y.start)) for x in a for y in b if x.paragraph == y.paragraph
    )


def _size(spans: Sequence[Span]) -> int:
    return sum(s.end - s.start for s in spans)


def match_gold(spans: Sequence[Span], golds: Sequence[GoldAttribution]) -> GoldAttribution | None:
    """The annotated attribution whose content covers most of the quote (at least half); of
    nested ones covering as much, one with a source."""
    best: tuple[int, bool, GoldAttribution] | None = None
    for gold in golds:
        shared = _overlap(spans, gold.content)
        key = (shared, gold.source_text is not None)
        if shared and (best is None or key > best[:2]):
            best = (shared, gold.source_text is not None, gold)
    if best is None or best[0] < 0.5 * max(1, _size(spans)):
        return None
    return best[2]


# A candidate after one of these words inside an annotated source is not its head: "a
# spokesman for Marlow", "a close adviser to Hale", "released by the town hall".
_DEPENDENT_AFTER = re.compile(
    r"\b(?:of|for|to|at|from|with|on|by|in|about|advising|advises|runs|run)\s+(?:the\s+)?$", re.I
)


def source_candidate(candidates: Sequence[Candidate], source: Span, text: str) -> int | None:
    """The candidate that names an annotated source. Sources are whole noun phrases ("Senator
    Ida Brandt, a close adviser to Hale", "Marlow campaign manager Tom Reyes", "a
    spokesman for the ministry"): the head is in the first comma-separated part that has one,
    never a possessor ("Hale's director") or the object of a preposition; a person's name
    before any other name, the last one before the first."""
    inside = [
        k
        for k, c in enumerate(candidates)
        if c.mention.paragraph == source.paragraph and source.start <= c.mention.start < source.end
    ]
    if not inside:
        overlapping = [
            k
            for k, c in enumerate(candidates)
            if c.mention.paragraph == source.paragraph
            and c.mention.start < source.end
            and source.start < c.mention.end
        ]
        return max(overlapping, key=lambda k: candidates[k].mention.end) if overlapping else None
    cuts = [
        source.start,
        *(source.start + m.end() for m in re.finditer(r",\s*", text[source.start : source.end])),
    ]
    for a, b in itertools.pairwise([*cuts, source.end]):
        eligible = []
        for k in inside:
            mention = candidates[k].mention
            if not a <= mention.start < b:
                continue
            if text[mention.end : mention.end + 2] in ("’s", "'s") or _DEPENDENT_AFTER.search(
                text[a : mention.start]
            ):
                continue
            eligible.append(k)
        if not eligible:
            continue
        return max(
            eligible,
            key=lambda k: (
                "person" in candidates[k].features,
                candidates[k].mention.via == "name",
                candidates[k].mention.end,
            ),
        )
    return max(inside, key=lambda k: candidates[k].mention.end)


def labelled_quotes(
    doc: AnalysedDoc, *, kinds: frozenset[str] = frozenset({"direct", "mixed", "indirect"})
) -> list[Labelled]:
    """The drafted statements of ``doc`` (of ``kinds``) matched to annotated attributions,
    their candidates labelled; quotes whose annotated source could not be placed are left
    out."""
    out = []
    for draft in doc.drafts:
        quote = draft.quote
        if not quote.is_statement or quote.kind not in kinds or not draft.candidates:
            continue
        gold = match_gold(quote.spans, doc.attributions)
        if gold is None:
            continue
        if gold.source_text and gold.source is None:
            continue  # a source we cannot find in the text: unknown, not "nobody"
        if gold.source_text is None and gold.kind != "direct":
            continue  # a nested paraphrase without a source: it says nothing of the quote's
        label = None
        if gold.source is not None:
            text = doc.article.paragraphs[gold.source.paragraph]
            label = source_candidate(draft.candidates, gold.source, text)
        out.append(Labelled(doc.doc, draft, gold, label))
    return out


# --- the model -----------------------------------------------------------------------------


def fit(
    examples: Sequence[Labelled], *, c1: float = C1, c2: float = C2, keep: Path | None = None
) -> dict[str, float]:
    """Feature weights of a logistic regression over every candidate of ``examples``
    (``keep``: where to leave crfsuite's own model file as well)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for example in examples:
        for k, candidate in enumerate(example.candidates):
            trainer.append([dict(candidate.features)], ["yes" if k == example.label else "no"])
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": ITERATIONS, "feature.possible_states": True})
    with tempfile.TemporaryDirectory() as tmp:
        path = str(keep or Path(tmp) / "speakers.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        try:
            state = tagger.info().state_features
        finally:
            tagger.close()
    weights: dict[str, float] = {}
    for (name, label), weight in state.items():
        weights[name] = weights.get(name, 0.0) + (weight if label == "yes" else -weight)
    return {k: v for k, v in weights.items() if abs(v) > 1e-6}


def folds_of(docs: Sequence[str], folds: int, seed: int = 17) -> dict[str, int]:
    """Each article's fold, by a seeded shuffle of the articles."""
    order = sorted(set(docs))
    random.Random(seed).shuffle(order)
    return {doc: k % folds for k, doc in enumerate(order)}


@dataclass(frozen=True, slots=True)
class _Scored:
    score: float  # the best candidate's
    right: bool | None  # None: its speaker is nobody's (no speaker would be given)
    kind: str = "direct"


# Words that open a pronoun or a description, never a name.
_NOT_NAME_START = word_set(
    """he she they it i we you him her them his their its the a an one some many this that those
    these both"""
)


def _named(source: str) -> bool:
    """An annotated source written as a short name ("Sen. Ida Brandt", "Mr. Hale"), not
    a pronoun, a description or a long noun phrase around a name."""
    words = re.sub(r"[’']s\b", "", source).split()
    if not words or len(words) > 4 or words[0].lower() in _NOT_NAME_START:
        return False
    return all(w[:1].isupper() for w in words if w.isalpha()) and any(w[:1].isupper() for w in words)


def _last_word(name: str) -> str:
    """The last word of a name, without a parenthesis, a possessive or punctuation."""
    words = re.findall(r"[^\W\d_][\w'’-]*", re.sub(r"\([^)]*\)?|[’']s\b", "", name))
    return words[-1].casefold() if words else ""


def _scored(example: Labelled, ranker: SpeakerRanker) -> _Scored | None:
    """The best candidate's score and whether its speaker is the annotated one (it carries
    the surname of the name as written), for quotes whose annotated source is a name, or who
    have none (then any speaker is wrong); the others say little about wrong names."""
    source = example.gold.source_text
    if source is not None and not _named(source):
        return None
    found = ranker.best(example.candidates)
    if found is None:
        return None
    chosen, score = found
    kind = example.draft.quote.kind
    if chosen.speaker is None:
        return _Scored(score, None, kind)
    if source is None:
        return _Scored(score, False, kind)
    surname = _last_word(source.split(",")[0])
    return _Scored(score, surname in {_last_word(w) for w in chosen.speaker.split()}, kind)


def pick_threshold(scored: Sequence[_Scored], wrong_at_most: float = WRONG_AT_MOST) -> float:
    """The lowest score threshold at which the speakers given are wrong for at most
    ``wrong_at_most`` of the quotes."""
    total = len(scored)
    given = sorted((s for s in scored if s.right is not None), key=lambda s: -s.score)
    wrong = sum(1 for s in given if not s.right)
    threshold = 0.0
    # Raise the threshold past the lowest-scored speakers until few enough are wrong.
    k = len(given)
    while k > 0 and wrong > wrong_at_most * total:
        k -= 1
        wrong -= 0 if given[k].right else 1
        threshold = given[k].score + 1e-9
    return threshold


def out_of_fold(
    examples: Sequence[Labelled], folds: int, *, c1: float = C1, c2: float = C2
) -> tuple[list[_Scored], dict[int, SpeakerRanker]]:
    """Each example scored by a model trained on the other folds' articles."""
    fold = folds_of([e.doc for e in examples], folds)
    scored: list[_Scored] = []
    models: dict[int, SpeakerRanker] = {}
    for k in range(folds):
        model = SpeakerRanker(fit([e for e in examples if fold[e.doc] != k], c1=c1, c2=c2), {})
        models[k] = model
        for example in examples:
            if fold[example.doc] == k:
                found = _scored(example, model)
                if found is not None:
                    scored.append(found)
    return scored, models


def train_ranker(
    examples: Sequence[Labelled], *, folds: int = FOLDS, about: dict[str, Any] | None = None
) -> SpeakerRanker:
    """The ranker trained on every example, its thresholds chosen out of fold."""
    scored, _ = out_of_fold(examples, folds)
    return SpeakerRanker(fit(examples), pick_thresholds(scored), about, OVERRIDE)


#: Fewer scored quotes of a kind than this, and the kind takes the threshold of all kinds.
_FEWEST = 100


def pick_thresholds(scored: Sequence[_Scored], wrong_at_most: float = WRONG_AT_MOST) -> dict[str, float]:
    """A threshold per kind of quote (``""``: all kinds together), each the lowest that keeps
    that kind's wrong speakers at most ``wrong_at_most``."""
    out = {"": pick_threshold(scored, wrong_at_most)}
    for kind in sorted({s.kind for s in scored}):
        mine = [s for s in scored if s.kind == kind]
        if len(mine) >= _FEWEST:
            out[kind] = pick_threshold(mine, wrong_at_most)
    return out


# --- the command ---------------------------------------------------------------------------


#: The training split, inside the data folder: annotations, and the texts they point into.
GOLD = Path("attributions_polnear_train") / "gold.jsonl"
TEXTS = Path("quotes_polnear_train") / "text"


def _corpus(data: Path, limit: int = 0) -> Iterable[AnnotatedArticle]:
    if not (data / GOLD).is_file() or not (data / TEXTS).is_dir():
        raise ValueError(f"{data} has no {GOLD} with {TEXTS} beside it")
    corpus = read_annotated(data / GOLD, data / TEXTS)
    return itertools.islice(corpus, limit) if limit else corpus


def _shown(thresholds: dict[str, float] | Any) -> str:
    return ", ".join(f"{k or 'any'} {v:.3f}" for k, v in sorted(thresholds.items()))


def _analysed(data: Path, log: TextIO, limit: int = 0) -> list[AnalysedDoc]:
    from viewer.core import nlp

    if nlp.parse(["A test."]) is None:
        raise RuntimeError(nlp.unavailable_reason() or "the language model has no dependency parser")
    start = time.perf_counter()
    docs = analyse_corpus(
        _corpus(data, limit),
        progress=lambda n: (
            print(f"speakers: analysed {n} articles", file=log, flush=True) if n % 160 == 0 else None
        ),
    )
    print(
        f"speakers: analysed {len(docs)} articles in {time.perf_counter() - start:.0f} s",
        file=log,
        flush=True,
    )
    return docs


def _examples(docs: Sequence[AnalysedDoc], log: TextIO) -> list[Labelled]:
    examples = [e for d in docs for e in labelled_quotes(d)]
    counts = Counter("speaker" if e.label is not None else "no candidate" for e in examples)
    kinds = Counter(e.draft.quote.kind for e in examples)
    print(
        f"speakers: {len(examples)} quotes matched to annotations ({counts['speaker']} with their source among "
        f"the candidates; {', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}), "
        f"{sum(len(e.candidates) for e in examples)} candidates",
        file=log,
        flush=True,
    )
    return examples


def train(data: Path, out: Path, log: TextIO, limit: int = 0) -> None:
    """Train the ranker on every article of the corpus and write ``speakers.json`` into ``out``."""
    started = time.perf_counter()
    docs = _analysed(data, log, limit)
    examples = _examples(docs, log)
    if not examples:
        raise ValueError("no quote of the corpus matched an annotated attribution")
    about = {
        "trained_on": "PolNeAR train (Newell et al., LREC 2018): quotations, mixed and reported statements, "
        "with their annotated sources",
        "quotes": len(examples),
        "candidates": sum(len(e.candidates) for e in examples),
    }
    ranker = train_ranker(examples, about=about)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{MODEL_NAME}{SUFFIX}"
    path.write_text(json.dumps(ranker.to_json(), indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"speakers: wrote {path} ({path.stat().st_size / 1024:.0f} KiB, {len(ranker.weights)} weights, "
        f"thresholds {_shown(ranker.thresholds)}) in {time.perf_counter() - started:.0f} s",
        file=log,
        flush=True,
    )


def cross_validate(data: Path, k: int, log: TextIO, limit: int = 0) -> None:
    """Out-of-fold scores of the whole extractor with the evaluation's own scorers (found
    beside ``data``): each article's quotes get their speakers from a ranker trained on the
    other folds (its thresholds chosen out of fold within those folds), beside the rules alone
    and the ranker trained on everything (in sample). The reported statements are the ones
    the shipped labeller finds (trained on the whole of this corpus: in sample)."""
    eval_dir = data.resolve().parent
    sys.path.insert(0, str(eval_dir))
    score_quotes = importlib.import_module("score_quotes")
    score_attributions = importlib.import_module("score_attributions")
    docs = _analysed(data, log, limit)
    examples = _examples(docs, log)
    fold = folds_of([d.doc for d in docs], k)
    models: dict[int, SpeakerRanker] = {}
    for f in range(k):
        inside = [e for e in examples if fold[e.doc] != f]
        models[f] = train_ranker(inside)
        print(f"speakers: fold {f + 1}: trained on {len(inside)} quotes, thresholds {_shown(models[f].thresholds)}",
              file=log, flush=True)  # fmt: skip
    everything = train_ranker(examples)
    wanted = {d.doc for d in docs}
    quotes_gold = {
        g["doc"]: g["quotes"]
        for g in map(json.loads, (data / "quotes_polnear_train" / "gold.jsonl").open(encoding="utf-8"))
        if g["doc"] in wanted
    }
    attributions_gold = {
        g["doc"]: [q for q in g["quotes"] if score_attributions.is_speech(q.get("cue"))]
        for g in map(json.loads, (data / GOLD).open(encoding="utf-8"))
        if g["doc"] in wanted
    }
    runs: list[tuple[str, Callable[[AnalysedDoc], SpeakerRanker | None]]] = [
        ("rules only", lambda d: None),
        ("ranker, out of fold", lambda d: models[fold[d.doc]]),
        ("ranker, in sample", lambda d: everything),
    ]
    for name, pick in runs:
        quotes_counts: Counter[str] = Counter()
        attribution_counts: Counter[str] = Counter()
        for doc in docs:
            ranker = pick(doc)
            preds = [decide(d, ranker).to_json() for d in doc.drafts]
            preds = [p for p in preds if p["kind"] != "term"]
            direct = [p for p in preds if p["kind"] == "direct"]
            quotes_counts += score_quotes.score_doc(direct, quotes_gold.get(doc.doc, []), "named")
            attribution_counts += score_attributions.score_doc(
                preds, attributions_gold.get(doc.doc, []), "polnear"
            )
        print(f"== PolNeAR train, speakers: {name}", file=log)
        with contextlib.redirect_stdout(log):
            score_quotes.report(f"quotes ({name})", quotes_counts, False)
            score_attributions.report(f"attributions, every kind ({name})", attribution_counts)
