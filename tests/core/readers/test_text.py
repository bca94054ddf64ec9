"""Plain-text articles: layout, captions repeated and credited in every scraped shape."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.core.model import Figure
from viewer.core.readers.text import article_from_text, parse_plain, read_text_file

SCRAPE = """Harbour ferry service resumes after storm

Crews restored the crossing within two days of the storm, the operator said.

 Passengers board the first ferry at dawn. (photo credit: Mara Lind/Coastal Wire)
Passengers board the first ferry at dawn.
(photo credit: Mara Lind/Coastal Wire)

The harbour ferry carried its first passengers on Tuesday after a storm closed the route.

"We worked through the night," said the operator's chief, Dana Holt.

 A crane lifts debris from the pier. (credit: Ravi Singh/Getty Images)
A crane lifts debris from the pier. (credit: Ravi Singh/Getty Images)

Repairs to the pier will take another month.

Ola Berg and Coastal Wire contributed to this report."""


def test_seed_like_layout() -> None:
    parsed = parse_plain(SCRAPE)
    assert parsed.title == "Harbour ferry service resumes after storm"
    assert parsed.standfirst == "Crews restored the crossing within two days of the storm, the operator said."
    assert parsed.contributors == "Ola Berg and Coastal Wire contributed to this report."
    assert parsed.paragraphs == [
        "The harbour ferry carried its first passengers on Tuesday after a storm closed the route.",
        '"We worked through the night," said the operator\'s chief, Dana Holt.',
        "Repairs to the pier will take another month.",
    ]
    assert parsed.figures == [
        Figure("Passengers board the first ferry at dawn.", "Mara Lind/Coastal Wire", -1),
        Figure("A crane lifts debris from the pier.", "Ravi Singh/Getty Images", 1),
    ]


def test_no_caption_text_left_in_body() -> None:
    parsed = parse_plain(SCRAPE)
    body = " ".join(parsed.paragraphs)
    for figure in parsed.figures:
        assert figure.caption not in body
        assert figure.credit is not None and figure.credit not in body


def test_ordinary_news_has_no_figures_and_keeps_every_paragraph() -> None:
    text = """Markets rise on trade hopes

Shares rose on Monday as investors bet on a trade deal (see below).

"We are cautiously optimistic," said analyst Lee Park of the firm.

The index closed 1.2% higher, its best day in a month.

The index closed 1.2% higher, its best day in a month."""
    parsed = parse_plain(text)
    assert parsed.figures == []
    assert parsed.standfirst is None
    assert len(parsed.paragraphs) == 4


def test_caption_repeated_without_credit_comes_out_once() -> None:
    text = """Title here

First paragraph of the story, long enough to be a paragraph.

Second paragraph.

A child feeds the ducks by the lake in spring.
A child feeds the ducks by the lake in spring.

Second paragraph of the story."""
    parsed = parse_plain(text)
    assert parsed.figures == [Figure("A child feeds the ducks by the lake in spring.", None, 1)]
    assert parsed.paragraphs == [
        "First paragraph of the story, long enough to be a paragraph.",
        "Second paragraph.",
        "Second paragraph of the story.",
    ]


def test_credit_on_its_own_line_joins_caption_above() -> None:
    text = "Title\n\nBody one.\n\nBody two.\n\nThe old mill at night.\nCredit: Jo Park/Mill Archive\n\nBody three."
    parsed = parse_plain(text)
    assert parsed.figures == [Figure("The old mill at night.", "Jo Park/Mill Archive", 1)]
    assert parsed.paragraphs == ["Body one.", "Body two.", "Body three."]


def test_lead_line_before_a_lead_photo_is_the_standfirst() -> None:
    text = "Title\n\nA short summary.\n\nA photo. (Ann Lee/Star)\n\nBody one.\n\nBody two."
    parsed = parse_plain(text)
    assert parsed.standfirst == "A short summary."
    assert parsed.figures == [Figure("A photo.", "Ann Lee/Star", -1)]
    assert parsed.paragraphs == ["Body one.", "Body two."]


def test_byline_and_dateline_lines() -> None:
    text = "A title\n\nBy Jane Roe and Sam Poe\n\nPublished: March 3, 2022\n\nThe story begins here.\n\nIt ends here."
    parsed = parse_plain(text)
    assert parsed.byline == "Jane Roe and Sam Poe"
    assert parsed.date == "2022-03-03"
    assert parsed.paragraphs == ["The story begins here.", "It ends here."]


def test_hard_wrapped_paragraph_is_joined() -> None:
    text = (
        "Title\n\nThis paragraph was wrapped by an old mail program at a fixed\n"
        "column, so its lines must be joined back into one paragraph.\n\nNext."
    )
    parsed = parse_plain(text)
    assert parsed.paragraphs[0].endswith("fixed column, so its lines must be joined back into one paragraph.")


def test_page_furniture_is_dropped() -> None:
    text = (
        "Title\n\nOne.\n\nStory continues below advertisement\n\nStory continues below advertisement\n\nTwo."
    )
    parsed = parse_plain(text)
    assert parsed.paragraphs == ["One.", "Two."]
    assert parsed.figures == []


def test_windows_newlines_and_nbsp() -> None:
    parsed = parse_plain("Title\r\n\r\nBody\u00a0one.\r\n\r\nBody two.")
    assert parsed.paragraphs == ["Body one.", "Body two."]


def test_title_falls_back_to_first_words() -> None:
    article = article_from_text("Only body text here.", path="x.jsonl", fmt="jsonl", title_line=False)
    assert article.title == "Only body text here."
    assert article.paragraphs == ("Only body text here.",)


def test_read_text_file_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Caf\u00e9 title\n\nA na\u00efve fa\u00e7ade \u201cquoted\u201d.".encode("cp1252"))
    article = read_text_file(path)
    assert article.title == "Café title"
    assert article.paragraphs == ("A naïve façade “quoted”.",)


_LINES = st.sampled_from(
    [
        "",
        "",
        " ",
        "A plain sentence of the story.",
        "Another paragraph, with a comma.",
        "A photo of the pier. (credit: Ann Lee/Star)",
        "A photo of the pier.",
        "(photo credit: Ann Lee/Star)",
        "Photo: Bo Li/AP",
        "By Jane Roe",
        "Story continues below advertisement",
        "Ann Lee contributed to this report.",
        "\u201cA quote,\u201d she said.",
    ]
)


@given(st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=30))
@settings(max_examples=300, deadline=None)
def test_parse_plain_never_invents_text(lines: list[str]) -> None:
    source = "\n".join(lines)
    parsed = parse_plain(source)
    folded = " ".join(source.split())
    for paragraph in parsed.paragraphs:
        assert paragraph.strip()
        assert paragraph in folded or all(word in folded for word in paragraph.split())
    for figure in parsed.figures:
        assert figure.caption
        assert -1 <= figure.after_paragraph < max(1, len(parsed.paragraphs))


def test_lone_name_credit_and_file_photo_credit() -> None:
    text = (
        "Title\n\nBody one.\n\nBody two.\n\nThe mayor serves dinner at a shelter downtown. (CBC)\n\n"
        "Porters board a train in 1972. ( Toronto Star file photo )\n\nBody three ends (Reuters).\n\n"
        '"(CROSSTALK.)\n\nThe speech ended. (Applause)'
    )
    parsed = parse_plain(text)
    assert [(f.caption, f.credit) for f in parsed.figures] == [
        ("The mayor serves dinner at a shelter downtown.", "CBC"),
        ("Porters board a train in 1972.", "Toronto Star"),
    ]
    assert parsed.paragraphs[-3:] == [
        "Body three ends (Reuters).",
        '"(CROSSTALK.)',
        "The speech ended. (Applause)",
    ]


def test_source_line_after_a_paragraph_keeps_the_paragraph() -> None:
    text = (
        "Title\n\nBody one.\n\nOnly five members spend 2% of output on defence.\n\nSource: NATO.\n\nBody two."
    )
    parsed = parse_plain(text)
    assert parsed.figures == []
    assert parsed.paragraphs == [
        "Body one.",
        "Only five members spend 2% of output on defence.",
        "Source: NATO.",
        "Body two.",
    ]


def test_link_lines_are_dropped() -> None:
    text = "Title\n\nBody one.\n\nREAD MORE: Another story entirely\n\nWATCH: A video of the day\n\nCURRENCIES: The dollar rose."
    assert parse_plain(text).paragraphs == ["Body one.", "CURRENCIES: The dollar rose."]


def test_a_credit_under_a_line_of_punctuation_makes_no_empty_caption() -> None:
    article = parse_plain("Title\n\nA plain sentence of the story.\n|\n(photo credit: Ann Lee/Star)")
    assert all(figure.caption for figure in article.figures)


def test_a_caption_that_opens_with_its_credit_is_a_figure() -> None:
    text = (
        "Title\n\nThe council met on Monday.\n\nIt voted for the pier.\n\n"
        "Jo Bell / The Harbour Press Ana Lind, right, opens the new pier in Carrow on Monday.\n\n"
        "The pier cost $2 million."
    )
    parsed = parse_plain(text)
    assert parsed.paragraphs == [
        "The council met on Monday.",
        "It voted for the pier.",
        "The pier cost $2 million.",
    ]
    assert parsed.figures == [
        Figure("Ana Lind, right, opens the new pier in Carrow on Monday.", "Jo Bell/The Harbour Press", 1)
    ]


def test_end_matter_about_the_writer_is_not_body_text() -> None:
    text = (
        "Title\n\nThe pier opened on Monday.\n\nIt cost $2 million.\n\n"
        "– With files from Ola Berg and Sam Poe\n\n"
        "• Email: alee@harbour.test | Twitter: annlee_writes\n\nAlso on Harbour Daily:"
    )
    parsed = parse_plain(text)
    assert parsed.paragraphs == ["The pier opened on Monday.", "It cost $2 million."]
    assert parsed.contributors == (
        "– With files from Ola Berg and Sam Poe • Email: alee@harbour.test | Twitter: annlee_writes"
    )


def test_an_address_inside_the_story_stays() -> None:
    text = "Title\n\nReaders wrote to us.\n\nEmail: letters@harbour.test was flooded, she said.\n\nThe end."
    assert parse_plain(text).paragraphs[-1] == "The end."


def test_a_dump_on_one_line_is_body_text_under_a_title_of_its_first_words(tmp_path: Path) -> None:
    # Found with the fuzzing harness's huge shapes: the one line became the title (megabytes of
    # it) and the body was empty, so no quote was ever looked for.
    line = "“The ferry will run all winter,” said Dana Holt, the harbour master, on Monday. " * 10
    path = tmp_path / "one-line.txt"
    path.write_text(line, encoding="utf-8")
    article = read_text_file(path)
    assert article.paragraphs == (line.strip(),)
    assert article.title == "“The ferry will run all winter,” said Dana Holt, the harbour master,…"
