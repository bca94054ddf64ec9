from __future__ import annotations

import json
from dataclasses import replace

import pytest

from viewer.core.cite import (
    DEFAULT_TEMPLATE,
    FORMATS,
    TemplateError,
    byline_names,
    cite,
    cite_csl_json,
    cite_html,
    cite_markdown,
    cite_plain,
    cite_template,
    csl_date,
    csl_id,
    csl_item,
    parse_template,
    parts_of_text,
    quote_words,
)
from viewer.core.model import Article, Quote, Span

PARAGRAPHS = (
    "The council met on Tuesday.",
    "“Not yet,” said Ana Ruiz, the port chief, “but soon & <b>surely</b>.”",
    "“We *will* sail,” Ruiz added.",
)


def _article(**changes: object) -> Article:
    article = Article(
        path="/news/ferry.txt",
        format="text",
        title="Ferry [sails] again",
        paragraphs=PARAGRAPHS,
        byline="By Ana Costa and Tom Reid",
        date="2024-05-06",
        source="The Test Gazette",
        url="https://example.org/ferry?id=1&x=2",
    )
    return replace(article, **changes)  # type: ignore[arg-type]


def _span(paragraph: int, words: str) -> Span:
    start = PARAGRAPHS[paragraph].index(words)
    return Span(paragraph, start, start + len(words))


SPLIT = Quote(
    "Not yet, but soon & <b>surely</b>.",
    "Ana Ruiz",
    "said",
    (_span(1, "Not yet,"), _span(1, "but soon & <b>surely</b>.")),
    role="the port chief",
)
ONE = Quote("We *will* sail,", "Ana Ruiz", "added", (_span(2, "We *will* sail,"),))

# The CSL-JSON item properties of the CSL 1.0.2 input schema (csl-data.json) that we use, with
# their JSON types; the schema allows no other property (additionalProperties: false).
CSL_PROPERTIES = {
    "id": (str, int),
    "type": str,
    "title": str,
    "author": list,
    "container-title": str,
    "issued": dict,
    "URL": str,
    "note": str,
    "custom": dict,
}


def test_plain_text_joins_the_parts_of_a_split_quote() -> None:
    assert cite_plain(SPLIT, _article()) == (
        "“Not yet, … but soon & <b>surely</b>.” — Ana Ruiz, the port chief, “Ferry [sails] again”, "
        "The Test Gazette, 6 May 2024, https://example.org/ferry?id=1&x=2"
    )


def test_plain_text_leaves_out_what_the_article_lacks() -> None:
    article = _article(source=None, date=None, url="javascript:alert(1)")
    assert (
        cite_plain(Quote("Hello", None, None, ()), article) == "“Hello” — unattributed, “Ferry [sails] again”"
    )


def test_markdown_escapes_markup_and_links_the_title() -> None:
    text = cite_markdown(ONE, _article())
    assert text.startswith("> “We \\*will\\* sail,”\n>\n> — **Ana Ruiz**")
    assert "[*Ferry \\[sails\\] again*](https://example.org/ferry?id=1&x=2)" in text
    split = cite_markdown(SPLIT, _article())
    assert split.startswith("> “Not yet, … but soon & \\<b\\>surely\\</b\\>.”")


def test_html_escapes_every_piece_of_article_text() -> None:
    text = cite_html(SPLIT, _article(title="A <script>x</script> title", source='"Gazette" & co'))
    assert text.startswith('<blockquote cite="https://example.org/ferry?id=1&amp;x=2"><p>')
    assert "“Not yet, … but soon &amp; &lt;b&gt;surely&lt;/b&gt;.”" in text
    assert "<cite>A &lt;script&gt;x&lt;/script&gt; title</cite>" in text
    assert "&quot;Gazette&quot; &amp; co" in text
    assert "<script>" not in text and "<b>" not in text
    unsafe = cite_html(ONE, _article(url="javascript:alert(1)"))
    assert "javascript" not in unsafe and "<a " not in unsafe


def test_csl_json_is_an_array_of_one_valid_newspaper_item() -> None:
    items = json.loads(cite_csl_json(SPLIT, _article()))
    assert isinstance(items, list) and len(items) == 1
    item = items[0]
    assert set(item) <= set(CSL_PROPERTIES)
    for key, value in item.items():
        assert isinstance(value, CSL_PROPERTIES[key]), key
    assert item["type"] == "article-newspaper"
    assert item["title"] == "Ferry [sails] again"
    assert item["container-title"] == "The Test Gazette"
    assert item["issued"] == {"date-parts": [[2024, 5, 6]]}
    assert item["URL"] == "https://example.org/ferry?id=1&x=2"
    assert item["author"] == [{"family": "Costa", "given": "Ana"}, {"family": "Reid", "given": "Tom"}]
    assert item["note"] == "“Not yet, … but soon & <b>surely</b>.” — Ana Ruiz, the port chief (paragraph 2)"
    assert item["custom"]["spans"] == [s.to_json() for s in SPLIT.spans]
    assert item["custom"]["path"] == "/news/ferry.txt"


def test_csl_json_leaves_out_missing_metadata_and_keeps_ids_stable() -> None:
    item = csl_item(ONE, _article(byline=None, source=None, date=None, url=None))
    assert {"author", "container-title", "issued", "URL"}.isdisjoint(item)
    assert item["id"] == csl_id(ONE, _article()) == csl_item(ONE, _article())["id"]
    assert csl_id(ONE, _article()) != csl_id(SPLIT, _article())
    assert csl_id(ONE, _article()) != csl_id(ONE, _article(record=3))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-06", {"date-parts": [[2024, 5, 6]]}),
        ("2024-05-06T10:30:00+02:00", {"date-parts": [[2024, 5, 6]]}),
        ("2024-05", {"date-parts": [[2024, 5]]}),
        ("2024", {"date-parts": [[2024]]}),
        ("Spring 2024", {"literal": "Spring 2024"}),
        ("2024-13-01", {"literal": "2024-13-01"}),
        ("", None),
        (None, None),
    ],
)
def test_csl_dates(value: str | None, expected: object) -> None:
    assert csl_date(value) == expected


def test_byline_names_keep_people_and_drop_job_titles() -> None:
    assert byline_names("By Greta Olsen") == [{"family": "Olsen", "given": "Greta"}]
    assert byline_names("Tom Reid, Ana Costa & Li") == [
        {"family": "Reid", "given": "Tom"},
        {"family": "Costa", "given": "Ana"},
        {"literal": "Li"},
    ]
    assert byline_names("Jane Doe, political editor") == [{"family": "Doe", "given": "Jane"}]
    assert byline_names(None) == [] and byline_names("staff") == []


def test_template_fills_every_field() -> None:
    template = "{quote}|{speaker}|{role}|{title}|{source}|{date}|{url}|{path}|{paragraph}"
    assert cite_template(SPLIT, _article(), template) == (
        "Not yet, … but soon & <b>surely</b>.|Ana Ruiz|the port chief|Ferry [sails] again|"
        "The Test Gazette|6 May 2024|https://example.org/ferry?id=1&x=2|/news/ferry.txt|2"
    )


def test_template_missing_values_become_empty_and_double_braces_are_braces() -> None:
    article = _article(source=None, date=None, url=None)
    quote = Quote("Hello", None, None, (Span(0, 4, 11), Span(2, 0, 2)))
    assert cite_template(quote, article, "{{{speaker}}}[{source}{date}{url}] ¶{paragraph}") == "{}[] ¶1, 3"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{quote} by {author}", "Unknown field {author} at character 12"),
        ("{quote.__class__}", "Unknown field {quote.__class__} at character 1"),
        ("{0}", "Unknown field {0} at character 1"),
        ("{quote!r}", "Unknown field {quote!r}"),
        ("say {quote", "“{” at character 5 is never closed"),
        ("{quote} }", "“}” at character 9 closes nothing"),
        ("{{quote}", "“}” at character 8 closes nothing"),
    ],
)
def test_bad_templates_say_what_is_wrong(template: str, message: str) -> None:
    with pytest.raises(
        TemplateError, match=message.replace("{", r"\{").replace("}", r"\}").replace(".", r"\.")
    ):
        parse_template(template)
    with pytest.raises(TemplateError):
        cite(ONE, _article(), "template", template)


def test_separators_after_fields_the_article_lacks_go_with_them() -> None:
    quote = Quote("Hello", "Ana Ruiz", None, (Span(0, 4, 11),))
    bare = _article(source=None, date=None, url=None)
    assert cite_template(quote, bare, DEFAULT_TEMPLATE) == "“Hello” — Ana Ruiz, Ferry [sails] again"
    nobody = Quote("Hello", None, None, (Span(0, 4, 11),))
    assert cite_template(nobody, _article(url=None), DEFAULT_TEMPLATE) == (
        "“Hello” — Ferry [sails] again, The Test Gazette, 6 May 2024"
    )
    # What is not a separator stays: the closing quotation mark, the brackets.
    assert cite_template(nobody, bare, "“{quote}” ({speaker})") == "“Hello” ()"


def test_parsed_template_lists_its_fields() -> None:
    assert parse_template("“{quote}” ({ speaker })").fields() == ("quote", "speaker")
    assert parse_template("no fields at all").fields() == ()


def test_every_format_is_reachable_through_cite() -> None:
    made = {fmt: cite(SPLIT, _article(), fmt, "{speaker}: {quote}") for fmt in FORMATS}
    assert made["plain"] == cite_plain(SPLIT, _article())
    assert made["markdown"] == cite_markdown(SPLIT, _article())
    assert made["html"] == cite_html(SPLIT, _article())
    assert json.loads(made["csl-json"])[0]["type"] == "article-newspaper"
    assert made["template"] == "Ana Ruiz: Not yet, … but soon & <b>surely</b>."


def test_a_quote_whose_spans_no_longer_fit_falls_back_to_its_text() -> None:
    stale = Quote("Words the article lost", "Ana Ruiz", "said", (Span(7, 0, 5),))
    assert cite_plain(stale, _article()).startswith("“Words the article lost” — Ana Ruiz")


def test_a_split_quotes_parts_come_back_from_its_text_without_the_article() -> None:
    assert parts_of_text("We will listen. But not again.", [15, 14]) == ["We will listen.", "But not again."]
    assert parts_of_text("one part only", [13]) == ["one part only"]
    assert parts_of_text("lengths that do not fit", [3, 4]) == ["lengths that do not fit"]
    quote = Quote("We will listen. But not again.", "Ana Ruiz", "said", (Span(0, 1, 16), Span(0, 30, 44)))
    assert quote_words(quote, None) == "We will listen. … But not again."


def test_a_file_name_that_is_not_utf8_is_cited_as_a_file_manager_shows_it() -> None:
    # os.fsdecode gives the bytes of "café.txt" written in Latin-1 as a lone surrogate; the
    # clipboard and JSON text cannot carry one (found by the fuzzing harness).
    article = _article(path="/news/caf\udce9 \udcff.txt")
    for fmt in FORMATS:
        cite(ONE, article, fmt, "{path}").encode("utf-8")
    assert cite_template(ONE, article, "{path}") == "/news/caf\ufffd \ufffd.txt"
    assert csl_item(ONE, article)["custom"]["path"] == "/news/caf\ufffd \ufffd.txt"
    assert cite_template(ONE, _article(path="/news/two\nlines.txt"), "{path}") == "/news/two lines.txt"
