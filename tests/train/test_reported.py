"""``python -m viewer train reported`` on a tiny invented corpus, then the model at work."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from viewer.__main__ import main
from viewer.core import nlp
from viewer.core.model import Article
from viewer.core.quotes import find_quotes
from viewer.core.quotes.learned import MODELS_ENV, clear_models, use_models

# Invented articles in the shape of the annotated corpus: a title line, then paragraphs; each
# annotation gives its content by offsets into the text file, its cue and its source as written.
ARTICLES = {
    "harbour": [
        "Harbour works run late",
        "The harbour master said the new pier would open in the spring.",
        "Dana Holt told reporters that divers had checked the hull twice.",
        "Work on the breakwater has stopped, the council said on Monday.",
        "The crane arrived on a barge from the north.",
    ],
    "school": [
        "School roof repaired",
        "Principal Owen Lusk said the classrooms were dry again.",
        "According to the district, the repairs cost less than planned.",
        "The builders left on Friday.",
        "Parents said the children were glad to be back.",
    ],
    "market": [
        "Market moves indoors",
        "The market will move into the old depot, the mayor announced.",
        "Traders said the rent was fair.",
        "A stall holder told the council that the roof leaked.",
        "The depot has stood empty since the railway closed.",
    ],
    "library": [
        "Library hours grow",
        "The librarian said the reading room would stay open until nine.",
        "Students have asked for longer hours for years.",
        "The city said the extra staff would be paid from the arts budget.",
        "Readers wrote that the old hours were too short.",
    ],
}
ANNOTATIONS = {
    "harbour": [
        ("the new pier would open in the spring", "said", "The harbour master"),
        ("divers had checked the hull twice", "told", "Dana Holt"),
        ("Work on the breakwater has stopped", "said", "the council"),
    ],
    "school": [
        ("the classrooms were dry again", "said", "Principal Owen Lusk"),
        ("the repairs cost less than planned", "According to", "the district"),
        ("the children were glad to be back", "said", "Parents"),
    ],
    "market": [
        ("The market will move into the old depot", "announced", "the mayor"),
        ("the rent was fair", "said", "Traders"),
        ("the roof leaked", "told", "A stall holder"),
    ],
    "library": [
        ("the reading room would stay open until nine", "said", "The librarian"),
        ("the extra staff would be paid from the arts budget", "said", "The city"),
        ("the old hours were too short", "wrote", "Readers"),
    ],
}


def _write_corpus(root: Path) -> Path:
    gold = root / "attributions_polnear_train"
    texts = root / "quotes_polnear_train" / "text"
    gold.mkdir(parents=True)
    texts.mkdir(parents=True)
    with (gold / "gold.jsonl").open("w", encoding="utf-8") as out:
        for doc, lines in ARTICLES.items():
            text = "\n\n".join(lines)
            (texts / f"{doc}.txt").write_text(text, encoding="utf-8")
            quotes = []
            for content, cue, source in ANNOTATIONS[doc]:
                start = text.index(content)
                quotes.append({"type": "indirect", "content": [[start, start + len(content)]], "cue": cue,
                               "speaker_surface": source, "text": content})  # fmt: skip
            out.write(json.dumps({"doc": doc, "quotes": quotes}) + "\n")
    return root


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    if nlp.parse(["A test."]) is None:
        pytest.skip("no spaCy pipeline with a parser")
    folder = tmp_path / "models"
    monkeypatch.delenv(MODELS_ENV, raising=False)
    yield folder
    use_models(None)
    clear_models()


def test_a_model_trained_on_an_invented_corpus_finds_an_invented_statement(
    tmp_path: Path, models: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _write_corpus(tmp_path / "data")
    assert main(["train", "reported", "--data", str(data), "--out", str(models)]) == 0
    assert (models / "reported.crfsuite").is_file()
    assert "4 articles, 12 attributions placed" in capsys.readouterr().out

    use_models(models)
    article = Article(
        path="new.txt",
        format="text",
        title="Bridge to reopen",
        paragraphs=(
            "Mara Quist said the old bridge would reopen in May.",
            "The bridge was closed after a storm in the winter.",
        ),
    )
    quotes = find_quotes(article, parser=nlp.parse)
    reported = [q for q in quotes if q.kind == "indirect"]
    assert [q.text for q in reported] == ["the old bridge would reopen in May"]
    assert reported[0].cue == "said"
    assert reported[0].speaker == "Mara Quist"
    cue_span = reported[0].cue_span
    assert cue_span is not None and cue_span.start == article.paragraphs[0].index("said")
    # Nothing in the second paragraph reports speech.
    assert all(q.spans[0].paragraph == 0 for q in quotes)


def test_train_refuses_an_unknown_model_and_missing_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["train", "nonsense", "--data", str(tmp_path)]) == 2
    assert "no model named nonsense" in capsys.readouterr().err
    assert main(["train", "reported", "--data", str(tmp_path / "nowhere")]) == 2
    assert "no training data" in capsys.readouterr().err
    assert main(["train", "reported", "--data", str(tmp_path), "--out", str(tmp_path / "m")]) == 1
    assert "has no attributions_polnear_train" in capsys.readouterr().err
