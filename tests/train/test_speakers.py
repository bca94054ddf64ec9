"""The speaker ranker learned from a tiny invented corpus: it names the speaker the
annotations teach it to find, and nobody where they name nobody."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from viewer.core.model import Article, Quote
from viewer.core.quotes import find_quotes
from viewer.core.quotes.attribution import draft_quotes
from viewer.core.quotes.ranker import SpeakerRanker, load_ranker
from viewer.train.corpus import read_annotated
from viewer.train.speakers import (
    analyse_corpus,
    fit,
    labelled_quotes,
    pick_threshold,
    train_ranker,
)

pycrfsuite = pytest.importorskip("pycrfsuite")

PEOPLE = [
    ("Dana Holt", "Holt", "she"),
    ("Owen Lusk", "Lusk", "he"),
    ("Marta Kovac", "Kovac", "she"),
    ("Tomas Berg", "Berg", "he"),
    ("Ines Marlow", "Marlow", "she"),
    ("Colm Adeyemi", "Adeyemi", "he"),
]
SAYINGS = [
    "The night ferry will sail again next spring",
    "We counted every car that could not get on board",
    "Nobody wants a winter without a late boat",
    "The budget is tight but it is honest",
    "Divers checked the hull twice before the trip",
    "The pier needs new timber before the autumn storms",
]


def _rules_only(
    articles: list[Article], statements: list[tuple[Quote, ...] | None]
) -> list[tuple[object, ...]]:
    return [draft_quotes(a, statements=s) for a, s in zip(articles, statements, strict=True)]


def _article(k: int) -> tuple[str, list[tuple[str, str | None]]]:
    """An invented article: title, then paragraphs; each quote with its annotated source."""
    full, last, pronoun = PEOPLE[k % len(PEOPLE)]
    other, _, _ = PEOPLE[(k + 1) % len(PEOPLE)]
    a, b, c, d = (SAYINGS[(k + j) % len(SAYINGS)] for j in range(4))
    paragraphs = [
        f"{full} spoke at the harbour on Monday.",
        f'"{a}," {last} said.',
        f'{other} arrived later. "{b}," {pronoun} told reporters after greeting {other}.',
        f'The crowd watched {other} leave the pier. Banners along the road read "{c} today".',
        f'{last} said: "{d}."',
    ]
    quotes = [(a, last), (b, pronoun), (c + " today", None), (d + ".", last)]
    return "Harbour news\n\n" + "\n\n".join(paragraphs), quotes


def _corpus(tmp_path: Path, count: int) -> tuple[Path, Path]:
    texts = tmp_path / "text"
    texts.mkdir()
    lines = []
    for k in range(count):
        raw, quotes = _article(k)
        (texts / f"a{k}.txt").write_text(raw, encoding="utf-8")
        entries = []
        for words, source in quotes:
            start = raw.index(words)
            entries.append(
                {"type": "direct", "content": [[start, start + len(words)]], "cue": "said",
                 "speaker_surface": source}
            )  # fmt: skip
        lines.append(json.dumps({"doc": f"a{k}", "quotes": entries}))
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return gold, texts


def _examples(tmp_path: Path, count: int = 24) -> list:  # type: ignore[type-arg]
    gold, texts = _corpus(tmp_path, count)
    docs = analyse_corpus(read_annotated(gold, texts), _rules_only)  # type: ignore[arg-type]
    return [e for d in docs for e in labelled_quotes(d)]


def test_the_annotated_source_labels_one_candidate(tmp_path: Path) -> None:
    examples = _examples(tmp_path, 2)
    labels = [(e.candidates[e.label].mention.text if e.label is not None else None) for e in examples]
    assert labels[:4] == ["Holt", "she", None, "Holt"]


def test_a_ranker_trained_on_an_invented_corpus_names_the_speaker_and_abstains(tmp_path: Path) -> None:
    ranker = train_ranker(_examples(tmp_path), folds=3)
    article = Article(
        path="new.txt",
        format="text",
        title="Ferry news",
        paragraphs=(
            "Ruth Amsel spoke at the pier on Friday.",
            '"Every seat on the morning boat was sold by nine," Amsel said.',
            'The crowd watched Piet Vos cut the ribbon. Banners along the road read "Welcome back our ferry".',
        ),
    )
    quotes = find_quotes(article, ranker=ranker)
    spoken, banner = quotes
    assert spoken.speaker == "Ruth Amsel"
    assert spoken.speaker_mention is not None
    assert (spoken.speaker_mention.text, spoken.speaker_mention.via) == ("Amsel", "name")
    assert banner.speaker is None


def test_the_weights_give_crfsuite_s_own_probabilities(tmp_path: Path) -> None:
    examples = _examples(tmp_path, 6)
    keep = tmp_path / "model.crfsuite"
    weights = fit(examples, keep=keep)
    ranker = SpeakerRanker(weights, {"": 0.5})
    tagger = pycrfsuite.Tagger()
    tagger.open(str(keep))
    try:
        for example in examples:
            for candidate in example.candidates:
                tagger.set([dict(candidate.features)])
                assert ranker.score(candidate.features) == pytest.approx(tagger.marginal("yes", 0), abs=1e-6)
    finally:
        tagger.close()


def test_the_weights_file_round_trips(tmp_path: Path) -> None:
    ranker = SpeakerRanker(
        {"bias": -1.5, "pos=after_same|cue_right": 2.25},
        {"": 0.4, "indirect": 0.6},
        {"trained_on": "invented"},
        0.75,
    )
    path = tmp_path / "w.json"
    path.write_text(json.dumps(ranker.to_json()), encoding="utf-8")
    again = load_ranker(path)
    assert again.weights == ranker.weights
    assert again.thresholds == ranker.thresholds
    assert again.override == 0.75
    assert (again.threshold("indirect"), again.threshold("mixed")) == (0.6, 0.4)
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="not a speaker model"):
        load_ranker(path)


def test_the_threshold_keeps_wrong_speakers_rare() -> None:
    from viewer.train.speakers import _Scored

    scored = [_Scored(s, right) for s, right in [(0.9, True), (0.8, True), (0.6, False), (0.5, True)]]
    assert pick_threshold(scored, wrong_at_most=0.0) == pytest.approx(0.6, abs=1e-6)
    assert pick_threshold(scored, wrong_at_most=0.25) == 0.0


def test_python_m_viewer_train_speakers_writes_a_model_the_extractor_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from viewer.__main__ import main
    from viewer.core import nlp
    from viewer.core.quotes.ranker import MODEL_ENV

    if nlp.parse(["A test."]) is None:
        pytest.skip("no spaCy pipeline with a parser")
    data = tmp_path / "data"
    (data / "attributions_polnear_train").mkdir(parents=True)
    (data / "quotes_polnear_train").mkdir()
    gold, _ = _corpus(data / "quotes_polnear_train", 8)
    gold.rename(data / "attributions_polnear_train" / "gold.jsonl")
    out = tmp_path / "models"
    assert main(["train", "speakers", "--data", str(data), "--out", str(out)]) == 0
    assert "speakers: analysed 8 articles" in capsys.readouterr().out
    monkeypatch.setenv(MODEL_ENV, str(out / "speakers.json"))
    article = Article(
        path="new.txt",
        format="text",
        title="Ferry news",
        paragraphs=("Ruth Amsel spoke at the pier.", '"The boat is full every morning," Amsel said.'),
    )
    [quote] = find_quotes(article, parser=nlp.parse)
    assert quote.speaker == "Ruth Amsel"
