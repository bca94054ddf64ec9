"""The same statement across articles: grouped with its versions, and what each changed.

The quotes are ours, written for these tests: one statement by a fictional harbour master as
several outlets might carry it, and others that must stay apart.
"""

from __future__ import annotations

import random

import pytest

from viewer.core.corpus.groups import (
    SURE_WORDS,
    Version,
    candidate_pairs,
    difference_details,
    differences,
    group_quotes,
    same_statement,
    shared_shingles_needed,
    shingles_of,
    words_of,
)

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
    assert difference_details(changed) == "“car” → “lorry”"
    assert difference_details(trimmed).startswith("dropped “")
    other = differences(wire, VERSIONS["other"])
    assert other.other_speaker and other.truncated
    assert "another speaker" in other.summary()
    assert differences(wire, wire).identical


def test_a_stock_phrase_in_very_many_quotes_proposes_no_pair() -> None:
    stock = [
        Version(n, f"We will not back down, said speaker number {n} about topic {n * 7}.") for n in range(80)
    ]
    assert group_quotes(stock) == []


def _chance_text(rng: random.Random, vocabulary: list[str], words: int) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(words)) + "."


def test_shingles_common_by_chance_propose_few_pairs_and_near_duplicates_are_still_found() -> None:
    """Text from sixteen words: most four-word runs are in several quotes, so sharing one would
    propose many pairs by chance; two shared runs are asked for, which chance seldom gives,
    and the real versions of a statement (one word changed, trimmed) still meet."""
    rng = random.Random(5)
    vocabulary = [
        "plan",
        "vote",
        "board",
        "rail",
        "city",
        "water",
        "price",
        "court",
        "share",
        "storm",
        "season",
        "school",
        "road",
        "week",
        "health",
        "energy",
    ]
    texts = [_chance_text(rng, vocabulary, rng.randint(12, 20)) for _ in range(3000)]
    original = words_of(texts[0])
    changed = [*original[:6], "lorry", *original[7:]]
    texts += [" ".join(changed), " ".join(original[:10])]
    words = [tuple(words_of(t)) for t in texts]
    holders: dict[str, list[int]] = {}
    for n, ws in enumerate(words):
        for shingle in shingles_of(ws):
            holders.setdefault(shingle, []).append(n)
    sharing_one = {(a, b) for ns in holders.values() for i, a in enumerate(ns) for b in ns[i + 1 :]}
    candidates = set(candidate_pairs([" ".join(ws) for ws in words]))
    assert {(0, 3000), (0, 3001)} <= candidates <= sharing_one
    assert len(sharing_one) > 5_000  # the worst case this test is about...
    assert len(candidates) < len(sharing_one) / 8  # ...and how little of it is compared
    groups = group_quotes(Version(n, t) for n, t in enumerate(texts))
    assert [0, 3000, 3001] in groups


def test_two_long_quotes_sharing_one_run_of_words_are_not_compared() -> None:
    a = tuple(words_of("The harbour will stay open all winter, whatever the board says about it."))
    b = tuple(words_of("Nobody expected whatever the board says to matter at the depot this year."))
    assert len(shingles_of(a) & shingles_of(b)) == 1
    assert list(candidate_pairs([" ".join(a), " ".join(b)])) == []


@pytest.mark.parametrize("changed_at", range(SURE_WORDS))
def test_one_changed_word_anywhere_still_proposes_the_pair(changed_at: int) -> None:
    """The shortest quote that must share two shingles loses no single-word edit."""
    original = tuple(f"word{n}" for n in range(SURE_WORDS))
    edited = tuple("other" if n == changed_at else w for n, w in enumerate(original))
    assert list(candidate_pairs([" ".join(original), " ".join(edited)])) == [(0, 1)]
    assert shared_shingles_needed(SURE_WORDS) == 2 and shared_shingles_needed(SURE_WORDS - 1) == 1
