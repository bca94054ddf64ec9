"""JSON Lines corpora and JSON files."""

from __future__ import annotations

import json
from pathlib import Path

from viewer.core.model import Article, ReadFailure
from viewer.core.readers import FoundFile, read_file
from viewer.core.readers.jsonfile import title_from_url


def _read(path: Path, fmt: str = "jsonl") -> list[Article | ReadFailure]:
    return read_file(FoundFile(path, path.parent, fmt))  # type: ignore[arg-type]


def test_jsonl_records_with_common_field_names(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    rows = [
        {
            "headline": "One",
            "body": "First para.\n\nSecond para.",
            "published": "2021-05-04T10:00:00Z",
            "authors": ["Ann Lee", "Bo Li"],
            "outlet": {"name": "Daily Star"},
            "link": "https://x.test/one",
        },
        {"title": "Two", "articleBody": "Text.\n\nA dog. (Ann Lee/Star)\n\nMore.", "source": "Star"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    first, second = _read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.title, first.record, first.format) == ("One", 0, "jsonl")
    assert first.paragraphs == ("First para.", "Second para.")
    assert first.date == "2021-05-04T10:00:00Z"
    assert first.byline == "Ann Lee, Bo Li"
    assert first.source == "Daily Star"
    assert first.url == "https://x.test/one"
    assert second.paragraphs == ("Text.", "More.")
    assert [(f.caption, f.credit) for f in second.figures] == [("A dog.", "Ann Lee/Star")]


def test_bad_lines_fail_alone(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    path.write_text(
        "\n".join(
            [
                json.dumps({"title": "Good", "text": "Body."}),
                '{"title": "Truncated", "text": "Bo',
                deep,
                json.dumps(["not", "an", "object"]),
                json.dumps({"title": "No body"}),
                '{"title": "Surrogate \\ud800", "text": "Lone \\udc00 here."}',
                "",
                json.dumps({"title": "Last", "text": "End."}),
            ]
        ),
        encoding="utf-8",
    )
    results = _read(path)
    assert [type(r).__name__ for r in results] == [
        "Article",
        "ReadFailure",
        "ReadFailure",
        "ReadFailure",
        "ReadFailure",
        "Article",
        "Article",
    ]
    assert [r.record for r in results] == [0, 1, 2, 3, 4, 5, 6]
    messages = [r.message for r in results if isinstance(r, ReadFailure)]
    assert messages[0].startswith("not valid JSON")
    assert "nested too deeply" in messages[1]
    assert "expected an object" in messages[2]
    assert "no article text" in messages[3]
    surrogate = results[5]
    assert isinstance(surrogate, Article)
    assert surrogate.title == "Surrogate \ufffd"
    assert surrogate.paragraphs == ("Lone \ufffd here.",)


def test_json_file_single_object_list_and_wrapper(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"title": "Solo", "content": "Body."}), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps({"articles": [{"title": "A", "text": "x."}, {"title": "B", "text": "y."}]}))
    solo = _read(one, "json")
    assert [(a.title, a.record) for a in solo if isinstance(a, Article)] == [("Solo", None)]
    both = _read(many, "json")
    assert [(a.title, a.record) for a in both if isinstance(a, Article)] == [("A", 0), ("B", 1)]


def test_truncated_json_file_is_one_clear_failure(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('{"title": "x", "text": "abc', encoding="utf-8")
    (failure,) = _read(path, "json")
    assert isinstance(failure, ReadFailure)
    assert failure.message.startswith("not valid JSON")


def test_title_from_url_slug() -> None:
    assert title_from_url("https://news.test/canada/lake-ferry-returns-1.4934897") == "Lake ferry returns"
    assert title_from_url("https://news.test/") is None
    assert title_from_url(None) is None


def test_record_without_title_uses_url_then_body(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        json.dumps({"url": "https://n.test/big-storm-hits-coast", "text": "Body."})
        + "\n"
        + json.dumps({"text": "Winds of 100 km/h hit the coast overnight."})
        + "\n",
        encoding="utf-8",
    )
    first, second = _read(path)
    assert isinstance(first, Article) and first.title == "Big storm hits coast"
    assert isinstance(second, Article) and second.title.startswith("Winds of 100")


def test_the_records_byline_repeated_as_the_first_line_is_not_body_text(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    body = (
        "Ann Lee, The Harbour Press\n\nFerries ran again on Tuesday.\n\nAnn Lee, a ferry captain, was glad."
    )
    path.write_text(
        json.dumps({"title": "Ferries", "body": body, "author": "Ann Lee"}) + "\n", encoding="utf-8"
    )
    (article,) = _read(path)
    assert isinstance(article, Article)
    assert article.byline == "Ann Lee"
    # only the first line goes: the same name later in the story is body text
    assert article.paragraphs == ("Ferries ran again on Tuesday.", "Ann Lee, a ferry captain, was glad.")


def test_a_record_over_16_mb_is_skipped_and_the_next_ones_load(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    huge = json.dumps({"title": "Huge", "text": "word " * (17_000_000 // 5)})
    path.write_text("\n".join([huge, json.dumps({"title": "After", "text": "Body."})]) + "\n", "utf-8")
    skipped, after = _read(path)
    assert isinstance(skipped, ReadFailure) and skipped.message == "record over 16 MB; skipped"
    assert skipped.record == 0
    assert isinstance(after, Article) and after.title == "After" and after.record == 1


def test_an_empty_list_is_one_clear_failure(tmp_path: Path) -> None:
    path = tmp_path / "none.json"
    path.write_text("[]", "utf-8")
    [failure] = _read(path, "json")
    assert isinstance(failure, ReadFailure) and failure.message == "an empty list: no articles"


def test_a_number_too_long_to_read_fails_its_record_only(tmp_path: Path) -> None:
    # An invented record with an integer of 5,000 digits: Python refuses to read it as a number.
    long_number = "7" * 5000
    good = json.dumps({"title": "Market day", "text": "The stalls opened early."})
    bad = '{"title": "Counts", "text": "A tally.", "tally": [1, ' + long_number + "]}"
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join([good, bad, good]) + "\n", encoding="utf-8")
    first, failure, last = _read(path)
    assert isinstance(first, Article) and isinstance(last, Article)
    assert isinstance(failure, ReadFailure) and failure.record == 1
    assert "number too long to read" in failure.message
    assert "4,300 digits" in failure.message

    listed = tmp_path / "c.json"
    listed.write_text("[" + ", ".join([good, bad, good]) + "]", encoding="utf-8")
    first, failure, last = _read(listed, "json")
    assert isinstance(first, Article) and isinstance(last, Article)
    assert isinstance(failure, ReadFailure) and failure.record == 1
    assert "number too long to read" in failure.message
