"""The annotated corpus is placed in the reader's paragraphs, cue and source found nearby."""

from __future__ import annotations

import json
from pathlib import Path

from viewer.train.corpus import read_annotated

TEXT = (
    "Ferry back in service\n\n"
    "The harbour\u00a0ferry  returned on Monday. Its operator said the crossing was safe again.\n\n"
    "Dana Holt told reporters that divers had checked the hull twice."
)


def _corpus(tmp_path: Path, quotes: list[dict[str, object]]) -> tuple[Path, Path]:
    texts = tmp_path / "text"
    texts.mkdir()
    (texts / "ferry.txt").write_text(TEXT, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "ferry", "quotes": quotes}) + "\n", encoding="utf-8")
    return gold, texts


def _raw(words: str) -> list[int]:
    start = TEXT.index(words)
    return [start, start + len(words)]


def test_content_cue_and_source_land_on_the_reader_paragraphs(tmp_path: Path) -> None:
    gold, texts = _corpus(
        tmp_path,
        [
            {"type": "indirect", "content": [_raw("the crossing was safe again")], "cue": "said",
             "speaker_surface": "Its operator"},
            {"type": "indirect", "content": [_raw("divers had checked the hull twice")], "cue": "told",
             "speaker_surface": "Dana Holt"},
        ],
    )  # fmt: skip
    [doc] = read_annotated(gold, texts)
    paragraphs = doc.article.paragraphs
    assert doc.dropped == 0

    def words(span: object) -> str:
        assert span is not None
        return paragraphs[span.paragraph][span.start : span.end]  # type: ignore[attr-defined]

    first, second = doc.attributions
    assert [words(s) for s in first.content] == ["the crossing was safe again"]
    assert (words(first.cue), words(first.source)) == ("said", "Its operator")
    assert [words(s) for s in second.content] == ["divers had checked the hull twice"]
    assert (words(second.cue), words(second.source)) == ("told", "Dana Holt")


def test_an_attribution_that_cannot_be_placed_is_counted_not_kept(tmp_path: Path) -> None:
    gold, texts = _corpus(
        tmp_path, [{"type": "indirect", "content": [_raw("Ferry back in service")], "cue": None}]
    )
    [doc] = read_annotated(gold, texts)  # the title line is not a body paragraph
    assert doc.attributions == ()
    assert doc.dropped == 1
