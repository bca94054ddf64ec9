"""Citing statements that are not verbatim: a reported statement is never put in quotation
marks, a mixed one keeps only the article's own marks, and every format says which it is."""

from __future__ import annotations

import json
import re

import pytest

from viewer.core.cite import DEFAULT_TEMPLATE, FORMATS, cite, cite_template, csl_item, statement_line
from viewer.core.model import Article, Quote, Span, SpeakerMention

PARAGRAPHS = (
    "The mayor, Ana Lind, called the delay “a scandal for the whole harbour” on Monday.",
    "Ana Lind said the pier would open in May.",
    "According to the council, 300 workers have applied.",
)
ARTICLE = Article(
    path="/news/pier.txt",
    format="text",
    title="Pier opens late",
    paragraphs=PARAGRAPHS,
    date="2024-05-06",
    source="The Test Gazette",
    url="https://example.org/pier",
)


def _span(paragraph: int, words: str) -> Span:
    start = PARAGRAPHS[paragraph].index(words)
    return Span(paragraph, start, start + len(words))


REPORTED = Quote(
    "the pier would open in May",
    "Ana Lind",
    "said",
    (_span(1, "the pier would open in May"),),
    kind="indirect",
    cue_span=_span(1, "said"),
)
ACCORDING = Quote(
    "300 workers have applied",
    "the council",
    "According to",
    (_span(2, "300 workers have applied"),),
    kind="indirect",
    cue_span=_span(2, "According to"),
)
MIXED_WORDS = "the delay “a scandal for the whole harbour” on Monday"
MIXED = Quote(
    MIXED_WORDS,
    "Ana Lind",
    "called",
    (_span(0, MIXED_WORDS),),
    role="the mayor",
    kind="mixed",
    cue_span=_span(0, "called"),
)
#: Quotation marks of ours: any pair of marks around the whole statement, or a mark straight
#: before or after it.
MARKS = "\"“”„«»‘’'"


def _wrapped(text: str, words: str) -> bool:
    """Whether ``words`` stand in ``text`` with a quotation mark touching either end."""
    at = text.find(words)
    assert at >= 0, f"{words!r} not in {text!r}"
    before = text[at - 1] if at > 0 else ""
    after = text[at + len(words)] if at + len(words) < len(text) else ""
    return (before in MARKS and before != "") or (after in MARKS and after != "")


def _every_format(quote: Quote, template: str = DEFAULT_TEMPLATE) -> dict[str, str]:
    return {fmt: cite(quote, ARTICLE, fmt, template) for fmt in FORMATS}


def test_a_reported_statement_is_never_in_quotation_marks_and_says_it_is_reported() -> None:
    made = _every_format(REPORTED)
    assert made["plain"] == (
        "Reported: Ana Lind said the pier would open in May (paraphrase, not the speaker's own words)"
        " — “Pier opens late”, The Test Gazette, 6 May 2024, https://example.org/pier"
    )
    assert made["markdown"].startswith(
        "**Reported** (paraphrase, not the speaker's own words): Ana Lind said the pier would open in May — "
    )
    assert not made["markdown"].startswith(">")  # a block quote reads as someone's own words
    assert made["html"].startswith(
        '<p class="reported-speech"><strong>Reported</strong> (paraphrase, not the speaker&#x27;s own words): '
        "Ana Lind said the pier would open in May — "
    )
    assert "<blockquote" not in made["html"] and "<q>" not in made["html"]
    assert made["template"].startswith(
        "Reported: the pier would open in May (paraphrase, not the speaker's own words) — Ana Lind, "
    )
    item = json.loads(made["csl-json"])[0]
    assert item["note"].startswith("Reported: Ana Lind said the pier would open in May (paraphrase")
    assert item["custom"]["kind"] == "indirect"
    assert item["custom"]["statement"] == "the pier would open in May"
    assert "quote" not in item["custom"]
    assert item["custom"]["cue_span"] == {"paragraph": 1, "start": 9, "end": 13}
    for fmt, text in made.items():
        shown = text if fmt != "csl-json" else item["note"]
        assert not _wrapped(shown, "the pier would open in May"), fmt
        assert "“" not in shown.replace("“Pier opens late”", ""), fmt


def test_according_to_leads_with_the_source_and_an_unknown_speaker_is_said_to_be_unknown() -> None:
    assert statement_line(ACCORDING, ARTICLE) == (
        "Reported: According to the council, 300 workers have applied (paraphrase, not the speaker's own words)"
    )
    nobody = Quote(ACCORDING.text, None, ACCORDING.cue, ACCORDING.spans, kind="indirect")
    assert cite(nobody, ARTICLE, "plain").startswith(
        "Reported: 300 workers have applied (paraphrase, not the speaker's own words) — unattributed, "
    )


@pytest.mark.parametrize(
    ("sentence", "words", "line"),
    [
        # the words the verb needs before what was said are the article's, kept
        ("Tomas Berg told reporters he had thrown away bread.", "he had thrown away bread",
         "Tomas Berg told reporters he had thrown away bread"),
        ("Tomas Berg said on Monday that the boats were late.", "the boats were late",
         "Tomas Berg said on Monday that the boats were late"),
        # nothing between: as before; what says more than that is left out
        ("Tomas Berg said the boats were late.", "the boats were late", "Tomas Berg said the boats were late"),
        ("Tomas Berg said, as the storm rose over the harbour on Monday night, the boats were late.",
         "the boats were late", "Tomas Berg said the boats were late"),
        # words from before the verb go on in lower case after the lead; a name keeps its capital
        ("That leaves room for a rise, Tomas Berg said.", "That leaves room for a rise",
         "Tomas Berg said that leaves room for a rise"),
        ("Harbour Lines will cut fares, Tomas Berg said.", "Harbour Lines will cut fares",
         "Tomas Berg said Harbour Lines will cut fares"),
        ("More than 300 loaves went unsold, Tomas Berg said.", "More than 300 loaves went unsold",
         "Tomas Berg said more than 300 loaves went unsold"),
    ],
)  # fmt: skip
def test_a_reported_statement_reads_as_a_sentence_with_the_words_between_verb_and_statement(
    sentence: str, words: str, line: str
) -> None:
    start = sentence.index(words)
    cue = sentence.index("told") if "told" in sentence else sentence.index("said")
    article = Article(path="/news/bread.txt", format="text", title="Bread", paragraphs=(sentence,))
    quote = Quote(
        words, "Tomas Berg", sentence[cue : cue + 4], (Span(0, start, start + len(words)),),
        kind="indirect", cue_span=Span(0, cue, cue + 4),
    )  # fmt: skip
    assert statement_line(quote, article) == f"Reported: {line} (paraphrase, not the speaker's own words)"


def test_a_document_is_cited_as_the_source_and_never_as_a_speaker() -> None:
    council = _span(2, "the council")
    memo = SpeakerMention(council.paragraph, council.start, council.end, "the council", "document")
    sourced = Quote(
        ACCORDING.text, None, ACCORDING.cue, ACCORDING.spans, kind="indirect", speaker_mention=memo
    )
    assert sourced.document == "the council"
    assert statement_line(sourced, ARTICLE) == (
        "Reported: According to the council, 300 workers have applied (paraphrase, not the speaker's own words)"
    )
    direct = Quote("We open in May.", None, "said", (Span(1, 0, 8),), speaker_mention=memo)
    assert cite(direct, ARTICLE, "plain").startswith(
        "“We open in May.” — source: the council (no speaker named), “Pier opens late”"
    )
    # a speaker's mention is never a document
    assert (
        Quote("We open in May.", "Ana Lind", "said", (Span(1, 0, 8),), speaker_mention=memo).document is None
    )


def test_a_mixed_quote_keeps_the_articles_marks_around_its_fragment_and_no_others() -> None:
    made = _every_format(MIXED)
    assert made["plain"].startswith(
        "Partly quoted: Ana Lind, the mayor, called the delay “a scandal for the whole harbour” on Monday "
        "(paraphrase; only the words in quotation marks are the speaker's) — “Pier opens late”"
    )
    item = json.loads(made["csl-json"])[0]
    assert item["custom"]["kind"] == "mixed" and item["custom"]["statement"] == MIXED_WORDS
    assert "quote" not in item["custom"]
    for fmt, text in made.items():
        shown = item["note"] if fmt == "csl-json" else text
        assert "“a scandal for the whole harbour”" in shown, fmt
        assert "Partly quoted" in shown, fmt
        assert not _wrapped(shown, MIXED_WORDS), fmt
    assert made["markdown"].startswith("**Partly quoted**") and '<p class="partly-quoted">' in made["html"]


@pytest.mark.parametrize(
    "template",
    ["“{quote}” — {speaker}", '"{quote}" — {speaker}', "« {quote} » — {speaker}", "„{quote}“ — {speaker}"],
)
def test_a_templates_marks_around_the_quote_are_left_out_for_a_reported_statement(template: str) -> None:
    text = cite_template(REPORTED, ARTICLE, template)
    assert text == "Reported: the pier would open in May (paraphrase, not the speaker's own words) — Ana Lind"
    direct = Quote("We open in May.", "Ana Lind", "said", (Span(1, 0, 8),))
    assert re.match(
        r"^[“\"«„] ?We open in May\. ?[”\"»“] — Ana Lind$", cite_template(direct, ARTICLE, template)
    )


def test_marks_closed_further_on_or_only_closing_are_left_out_too_and_other_text_stays() -> None:
    words = "Reported: the pier would open in May (paraphrase, not the speaker's own words)"
    assert cite_template(REPORTED, ARTICLE, "{speaker}’s words: “{quote} (¶{paragraph})”") == (
        f"Ana Lind’s words: {words} (¶2)"
    )
    assert cite_template(REPORTED, ARTICLE, "{quote}” ({speaker})") == f"{words} (Ana Lind)"
    assert cite_template(REPORTED, ARTICLE, "‘{quote}’ — {title} ‘{speaker}’") == (
        f"{words} — Pier opens late ‘Ana Lind’"
    )


def test_a_direct_quote_is_cited_as_before_with_its_kind_in_csl_json() -> None:
    direct = Quote("We open in May.", "Ana Lind", "said", (Span(1, 0, 8),))
    item = csl_item(direct, ARTICLE)
    assert item["custom"]["kind"] == "direct" and item["custom"]["quote"] == "We open in May."
    assert cite(direct, ARTICLE, "plain").startswith("“We open in May.” — Ana Lind, “Pier opens late”")
