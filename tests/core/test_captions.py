"""Caption and credit recognition on single lines."""

from __future__ import annotations

import pytest

from viewer.core.captions import (
    CaptionLine,
    caption_key,
    is_furniture,
    parse_credit,
    split_caption_credit,
    split_caption_run,
    split_leading_credit,
    standalone_credit,
    strip_leading_marker,
)


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        (
            "A ferry leaves the harbour. (photo credit: Mara Lind/Coastal Wire)",
            "A ferry leaves the harbour.",
            "Mara Lind/Coastal Wire",
        ),
        (
            "Volunteers sort parcels. (credit: Tomas Berg/Getty Images)",
            "Volunteers sort parcels.",
            "Tomas Berg/Getty Images",
        ),
        ("Volunteers sort parcels. (Credit: Tomas Berg)", "Volunteers sort parcels.", "Tomas Berg"),
        ("The mayor at the opening. (Ana Ruiz/Reuters)", "The mayor at the opening.", "Ana Ruiz/Reuters"),
        (
            "The mayor at the opening. ( Ana Ruiz / The Daily Star )",
            "The mayor at the opening.",
            "Ana Ruiz/The Daily Star",
        ),
        (
            "Rescue crews at work. (Lee Chan/AFP/Getty Images)",
            "Rescue crews at work.",
            "Lee Chan/AFP/Getty Images",
        ),
        ("A view of the bay. Photo: Sam Okoro/AP", "A view of the bay.", "Sam Okoro/AP"),
        (
            "Harbour stock fell after the results. Photograph by Lee Chan/AFP/Getty Images",
            "Harbour stock fell after the results.",
            "Lee Chan/AFP/Getty Images",
        ),
        ("Tap the map to explore. (Photo: City of Lakeside)", "Tap the map to explore.", "City of Lakeside"),
        (
            "Open this photo in gallery The council chamber. Ida Moss/The Valley Press.",
            "The council chamber.",
            "Ida Moss/The Valley Press",
        ),
        ("A student reads. [Image: Pat Doyle/Campus News]", "A student reads.", "Pat Doyle/Campus News"),
    ],
)
def test_caption_with_credit_is_split(line: str, caption: str, credit: str) -> None:
    assert split_caption_credit(line) == CaptionLine(caption, credit)


@pytest.mark.parametrize(
    "line",
    [
        "The company said profits rose (see table).",
        "Shares closed 2% higher on Monday (Reuters).",
        "The vote was split 50/50 in the end.",
        "He said the deal was off (and/or delayed).",
        "The minister spoke to reporters on Friday.",
        "Revenue grew to $42bn (£22bn), the firm said.",
        "Results are due in the first quarter (Q1/Q2 overlap expected).",
    ],
)
def test_ordinary_sentence_has_no_credit(line: str) -> None:
    assert split_caption_credit(line) is None


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("(photo credit: Mara Lind/Coastal Wire)", "Mara Lind/Coastal Wire"),
        ("(credit: Tomas Berg)", "Tomas Berg"),
        ("Credit: Tomas Berg/Getty Images", "Tomas Berg/Getty Images"),
        ("Photo: Sam Okoro", "Sam Okoro"),
        ("(Ana Ruiz/Reuters)", "Ana Ruiz/Reuters"),
    ],
)
def test_standalone_credit_lines(line: str, credit: str) -> None:
    assert standalone_credit(line) == credit


@pytest.mark.parametrize(
    "line",
    ["Source: the ministry said talks would resume next week after the holiday.", "(see below)", "Photo", ""],
)
def test_not_a_credit_line(line: str) -> None:
    assert standalone_credit(line) is None


def test_parse_credit_needs_a_credit_shape() -> None:
    assert parse_credit("(Reuters)") is None
    assert parse_credit("(courtesy of the Lind family)") == "the Lind family"


def test_two_captions_on_one_line() -> None:
    run = split_caption_run("A dog in the park. (Ann Lee/Star) A cat on a wall. ( Bo Li / Star )")
    assert run == [
        CaptionLine("A dog in the park.", "Ann Lee/Star"),
        CaptionLine("A cat on a wall.", "Bo Li/Star"),
    ]
    assert split_caption_run("A dog in the park. (Ann Lee/Star)") is None
    assert split_caption_run("A dog. (Ann Lee/Star) And then the text went on.") is None


def test_leading_marker_and_furniture() -> None:
    assert strip_leading_marker("Open this photo in gallery A quiet street.") == "A quiet street."
    assert strip_leading_marker("A quiet street.") is None
    assert is_furniture("Story continues below advertisement")
    assert is_furniture("ADVERTISEMENT")
    assert not is_furniture("The advertisement ran for weeks.")


def test_caption_key_folds_case_and_punctuation() -> None:
    assert caption_key(" A woman  trains. ") == caption_key("a woman trains")


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        (
            "Jo Bell / The Harbour Press Ana Lind, right, opens the new pier on Monday.",
            "Ana Lind, right, opens the new pier on Monday.",
            "Jo Bell/The Harbour Press",
        ),
        (
            "Lee Chan/AFP/Getty Images Rescuers search the rubble in Carrow on Monday.",
            "Rescuers search the rubble in Carrow on Monday.",
            "Lee Chan/AFP/Getty Images",
        ),
        (
            "Sam Okoro / Coast Images via Getty Images Tomas Berg at the harbour ceremony in Carrow.",
            "Tomas Berg at the harbour ceremony in Carrow.",
            "Sam Okoro/Coast Images via Getty Images",
        ),
    ],
)
def test_credit_that_opens_a_caption_is_split(line: str, caption: str, credit: str) -> None:
    assert split_leading_credit(line) == CaptionLine(caption, credit)


@pytest.mark.parametrize(
    "line",
    [
        "Sales at Harbour/Northgate Press rose as the firm said it grew.",  # no agency before a name
        "Jo Bell / The Harbour Press Ltd",  # no caption after it
        "Jo Bell / The Harbour Press Ana Lind Tomas Berg",  # names, no sentence
        "The vote was split 50/50 in the end, the Press reported on Monday.",
    ],
)
def test_ordinary_lines_have_no_opening_credit(line: str) -> None:
    assert split_leading_credit(line) is None
