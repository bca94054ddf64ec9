"""The same statement across articles: grouped with its versions, and what each changed.

The quotes are ours, written for these tests: one statement by a fictional harbour master as
several outlets might carry it, and others that must stay apart.
"""

from __future__ import annotations

import pytest

from viewer.core.corpus.groups import Version, differences, group_quotes, same_statement, words_of

ORIGINAL = (
    "We checked every bolt on the ramp twice before we let a single car on board. "
    "Nobody cut corners, and nobody will while I run this harbour."
)
VERSIONS = {
    "wire": Version("wire", ORIGINAL, "Mira Olsen"),
    # trimmed to the first sentence
    "trimmed": Version(
        "trimmed",
        "We checked every bolt on the ramp twice before we let a single car on board.",
        "Mira Olsen",
    ),
    # a word changed
    "changed": Version(
        "changed",
        "We checked every bolt on the ramp twice before we let a single lorry on board. "
        "Nobody cut corners, and nobody will while I run this harbour.",
        "Mira Olsen",
    ),
    # the middle sentence dropped, and given to someone else
    "other": Version("other", "Nobody cut corners, and nobody will while I run this harbour.", "Tomas Berg"),
}
UNRELATED = [
    Version("budget", "The council will publish the full budget before the vote in March.", "Ines Varga"),
    # Two statements that share only a stock phrase.
    Version(
        "strike", "We will not back down until the depot reopens and every driver is paid.", "Kofi Mensah"
    ),
    Version("clinic", "We will not back down on the night clinic, whatever the board decides.", "Ana Lee"),
]


def test_versions_of_one_statement_are_one_group_and_others_stay_apart() -> None:
    groups = group_quotes([*VERSIONS.values(), *UNRELATED])
    assert groups == [["wire", "trimmed", "changed", "other"]]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (ORIGINAL, ORIGINAL.upper(), True),  # case and punctuation do not matter
        ("It is on track.", "It is on track!", True),  # short, but the same words
        ("It is on track.", "It is not on track.", False),  # short and different
        (UNRELATED[1].text, UNRELATED[2].text, False),
        (ORIGINAL, "Nobody cut corners.", False),  # too little of the longer one to be sure
    ],
)
def test_same_statement(a: str, b: str, same: bool) -> None:
    assert same_statement(words_of(a), words_of(b)) is same


def test_differences_say_what_each_version_changed() -> None:
    wire = VERSIONS["wire"]
    trimmed = differences(wire, VERSIONS["trimmed"])
    assert trimmed.truncated and not trimmed.other_speaker
    assert trimmed.summary() == "shortened; 11 words dropped"
    changed = differences(wire, VERSIONS["changed"])
    assert [(k, a, b) for k, a, b in changed.pieces if k != "same"] == [("changed", "car", "lorry")]
    assert changed.summary() == "1 word changed"
    other = differences(wire, VERSIONS["other"])
    assert other.other_speaker and other.truncated
    assert "another speaker" in other.summary()
    assert differences(wire, wire).identical


def test_a_stock_phrase_in_very_many_quotes_proposes_no_pair() -> None:
    stock = [
        Version(n, f"We will not back down, said speaker number {n} about topic {n * 7}.") for n in range(80)
    ]
    assert group_quotes(stock) == []
