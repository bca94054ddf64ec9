"""Who a pronoun after a newly introduced voice stands for (invented sentences)."""

from __future__ import annotations

from viewer.core.model import Article
from viewer.core.quotes import find_quotes


def article(*paragraphs: str) -> Article:
    return Article(path="t.txt", format="text", title="A test article", paragraphs=tuple(paragraphs))


def test_a_person_introduced_with_an_age_ending_the_sentence_is_the_next_voice() -> None:
    art = article(
        "Ann Roe, who runs the walking club, says members keep coming back. "
        "\u201cThey tell their friends,\u201d she says. "
        "The walks also brought better sleep for retired nurse Mara Lind, 61. "
        "\u201cI sleep through the night now,\u201d she says."
    )
    speakers = {q.text: q.speaker for q in find_quotes(art)}
    assert speakers["They tell their friends,"] == "Ann Roe"
    assert speakers["I sleep through the night now,"] == "Mara Lind"


def test_an_amount_after_a_name_is_not_an_age() -> None:
    art = article(
        "Ann Roe, who runs the walking club, says members keep coming back. "
        "The club paid Mara Lind, 3.5 per cent of its budget. "
        "\u201cThey tell their friends,\u201d she says."
    )
    assert [q.speaker for q in find_quotes(art)] == ["Ann Roe"]


def test_words_a_witness_heard_others_shout_are_theirs() -> None:
    art = article(
        "Ann Roe said she heard marchers shout, \u201cOpen the gates!\u201d and \u201cNo more waiting!\u201d "
        "Others were seen waving flags."
    )
    quotes = find_quotes(art)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Open the gates!", "marchers"),
        ("No more waiting!", "marchers"),
    ]


def test_a_witness_who_heard_an_unnamed_person_is_not_the_speaker() -> None:
    quotes = find_quotes(article("Ann Roe said she heard him shout, \u201cGet out of here!\u201d"))
    assert len(quotes) == 1
    assert quotes[0].speaker is None


def test_a_witness_saying_what_she_heard_is_still_the_speaker() -> None:
    art = article("Ann Roe said, \u201cI heard them, and I saw it all happen.\u201d")
    assert [q.speaker for q in find_quotes(art)] == ["Ann Roe"]


def test_staff_or_police_of_a_named_place_are_kept_as_written() -> None:
    art = article(
        "Safe Harbour is the town's road safety campaign.",
        "Harbour staff explained the delay this way: \u201cThe parts arrived late from the supplier.\u201d",
        "\u201cWe are looking into the crash carefully,\u201d Harbour police said.",
    )
    assert [q.speaker for q in find_quotes(art)] == ["Harbour staff", "Harbour police"]
