"""The reading path's quick checks give what the plain rules give, on awkward text too.

Reading skips work when a cheap test shows it cannot change anything: lines with nothing to
fold, text with no control character, paragraphs no caption rule can take. Each skip is
checked here against the plain rule it stands in for.
"""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.core import captions
from viewer.core.readers import text as text_reader
from viewer.core.readers.safe_io import _CONTROL, clean_text

# Pieces that reach every branch: spaces of all kinds, line ends, controls, surrogates,
# brackets, colons, slashes, dashes, caption markers, credit words.
PIECES = [
    " ",
    "  ",
    "\t",
    "\u00a0",
    "\u2003",
    "\u3000",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u2028",
    "\u2029",
    "\x00",
    "\x1e",
    "\x7f",
    "\x85",
    "\ud800",
    "Ann Lee",
    "the council said",
    "in Porto.",
    "(AP)",
    "(Ann Lee/Reuters)",
    "[CBC]",
    "Photo:",
    "Credit -",
    "—",
    "–",
    "/",
    "AFP/Getty Images",
    "Open this photo in gallery",
    "Enlarge this image",
    "Image caption",
    "Advertisement",
    "READ MORE: ",
    "Story continues below advertisement",
    "courtesy of",
    "file photo",
    "é",
    "“Yes,” she said.",
    "word " * 30,
    "x" * 130,
    "y" * 700,
]

texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def _reference_units(text: str) -> list[tuple[str, int, bool]]:
    """The units as the reader first built them: every line split and joined again."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    units: list[list[object]] = []
    block, previous_blank = 0, True
    for raw in text.split("\n"):
        line = raw.replace("\u00a0", " ").replace("\t", " ")
        stripped = " ".join(line.split())
        if not stripped:
            if not previous_blank:
                block += 1
            previous_blank = True
            continue
        last = units[-1] if units else None
        if last is not None and not previous_blank and text_reader._continues(str(last[0]), stripped):
            previous = str(last[0])
            last[0] = f"{previous[:-1]}{stripped}" if previous.endswith("-") else f"{previous} {stripped}"
        else:
            units.append([stripped, block, line[:1] == " "])
        previous_blank = False
    return [(str(t), int(b), bool(i)) for t, b, i in units]  # type: ignore[call-overload]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_units_fold_white_space_like_splitting_every_line(text: str) -> None:
    got = [(u.text, u.block, u.indented) for u in text_reader._units(text)]
    assert got == _reference_units(text)


def test_the_other_white_space_characters_are_all_of_them() -> None:
    every = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(text_reader._OTHER_SPACES) == every - {" ", "\n"}


@settings(max_examples=400, deadline=None)
@given(texts)
def test_clean_text_drops_what_the_pattern_drops(text: str) -> None:
    expected = _CONTROL.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else "", text)
    assert clean_text(text) == expected


def test_clean_text_keeps_clean_text_as_it_is() -> None:
    assert clean_text("Tabs\tand lines\nand “quotes” stay.") == "Tabs\tand lines\nand “quotes” stay."
    assert clean_text("a\x00b\ud800c\x1fd") == "ab\ufffdcd"


def _rules_say_nothing(line: str) -> bool:
    return (
        not captions.is_furniture(line)
        and captions.split_caption_run(line) is None
        and captions.split_caption_credit(line) is None
        and captions.standalone_credit(line) is None
        and captions.strip_leading_marker(line) is None
    )


@settings(max_examples=600, deadline=None)
@given(texts)
def test_a_line_beyond_the_caption_rules_is_one_no_rule_takes(text: str) -> None:
    line = " ".join(text.split())
    if line and captions.beyond_caption_rules(line):
        assert _rules_say_nothing(line)


def test_body_paragraphs_skip_the_caption_rules_and_captions_do_not() -> None:
    body = "The council in Porto approved the budget on Monday after a long debate about the new line."
    assert captions.beyond_caption_rules(body)
    for line in (
        "Ann Lee at the depot in Porto on Monday morning, before the vote. (Ann Lee/Reuters)",
        "Ann Lee at the depot in Porto on Monday morning, before the vote. Photo: Ann Lee/AP",
        "Ann Lee at the depot in Porto on Monday morning, before the vote. Ann Lee/Reuters",
        "Open this photo in gallery Ann Lee at the depot in Porto on Monday morning, before the vote",
        "Photo - Ann Lee of the Harbour Board and Northern Rail Press Office Team",
        "Advertisement",
    ):
        assert not captions.beyond_caption_rules(line), line
        assert not _rules_say_nothing(line), line
