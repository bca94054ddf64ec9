"""Quoted names of works, headlines with bylines and markup values are not quotes.

Every sentence is invented, in a shape news writing uses. Each rejecting case has a twin that
keeps the quote, so a rule that swallowed everything would fail.
"""

from __future__ import annotations

import pytest

from viewer.core.model import Article
from viewer.core.quotes import find_quotes


def article(*paragraphs: str) -> Article:
    return Article(path="t.txt", format="text", title="A test article", paragraphs=tuple(paragraphs))


def said(*paragraphs: str) -> list[str]:
    return [q.text for q in find_quotes(article(*paragraphs))]


def terms(*paragraphs: str) -> list[str]:
    return [q.text for q in find_quotes(article(*paragraphs), with_terms=True) if q.kind == "term"]


@pytest.mark.parametrize(
    ("paragraph", "title"),
    [
        ('"Harbour Lights" star Nell Okafor opened up about her first role.', "Harbour Lights"),
        ('"Late Desk" host Omar Blyth said on Friday that he would retire.', "Late Desk"),
        ('Ivo Marsh edits the column and co-hosts the podcast "So, That Happened."', "So, That Happened."),
        (
            'The senator spoke with Ann Roe for her documentary "The Long Count" last spring.',
            "The Long Count",
        ),
        ('In his memoir "Tough Rooms," Ivo Marsh says he never wanted office.', "Tough Rooms,"),
    ],
)
def test_a_title_beside_a_noun_for_its_work_is_a_term(paragraph: str, title: str) -> None:
    assert said(paragraph) == []
    assert terms(paragraph) == [title]


@pytest.mark.parametrize(
    "paragraph",
    [
        '"Welcome Back Everyone," host Omar Blyth said as the show opened.',
        '"Far Too Late," star witness Nell Okafor told the court.',
    ],
)
def test_a_role_noun_after_a_comma_starts_an_attribution(paragraph: str) -> None:
    quotes = find_quotes(article(paragraph))
    assert len(quotes) == 1
    assert quotes[0].speaker in {"Omar Blyth", "Nell Okafor"}


def test_headlines_with_their_writers_in_a_newsletter_are_not_quotes() -> None:
    paragraph = (
        'CLOSING TIME—"The old pier cafe will shut at the end of May," by the Ledger\'s Ann Roe: '
        '"The cafe has served the harbour for forty years, its owners said on Monday."'
    )
    assert "The old pier cafe will shut at the end of May," not in said(paragraph)
    assert terms(paragraph) == ["The old pier cafe will shut at the end of May,"]


def test_a_book_title_then_its_author_is_a_term() -> None:
    paragraph = 'One of his recent reads, "Cold Harbour Nights," by R.J. Penn, shaped his view of the war.'
    assert said(paragraph) == []
    assert terms(paragraph) == ["Cold Harbour Nights,"]


@pytest.mark.parametrize(
    "paragraph",
    [
        'Ivo Marsh said the rival had been "rocked" by the result.',
        'He called the mayor "anointed" by the party bosses, a charge the mayor denied.',
        '"If there had not been that help" by the coast guard, Ivo Marsh said, the crew would have drowned.',
    ],
)
def test_a_passive_agent_after_a_quoted_phrase_is_not_a_byline(paragraph: str) -> None:
    assert len(find_quotes(article(paragraph), with_terms=True)) == 1


def test_attribute_values_left_from_markup_are_not_quotes() -> None:
    paragraph = (
        '<tweet tweet-author="@harbourdesk" tweet-date="May 2, 2016">Storm warning for the coast '
        'tonight</tweet> Watch the video at <a href="http://video.example.com">the site</a>.'
    )
    assert find_quotes(article(paragraph), with_terms=True) == ()


def test_an_equals_sign_in_prose_before_a_quote_is_not_markup() -> None:
    paragraph = 'Ivo Marsh wrote E = mc2 on the board and said: "Energy is everything here."'
    assert said(paragraph) == ["Energy is everything here."]


def test_a_transcript_note_in_brackets_is_not_a_quote() -> None:
    paragraphs = ('"(CROSSTALK.)"', 'He added: "[W]e will build it, and soon."')
    assert said(*paragraphs) == ["[W]e will build it, and soon."]
    assert terms(*paragraphs) == []


def test_a_title_after_a_verb_of_the_lexicons_work_words_is_a_term() -> None:
    paragraph = 'Ivo Marsh hosted "Harbour Nights" for a decade before he ran for office.'
    assert said(paragraph) == []
    assert terms(paragraph) == ["Harbour Nights"]


def test_words_sung_from_a_stage_are_a_quote() -> None:
    paragraph = 'Ann Roe, the band leader, said the night was theirs, singing "It\'s Our Turn."'
    assert said(paragraph) == ["It's Our Turn."]


def test_titles_in_a_list_are_terms_whoever_the_sentence_cites() -> None:
    paragraph = (
        "According to Harbour Live, expect the band's hits, including “Harbour Lights,” “Late Tide,”"
        " “North Isle Rain” and “Keep The Ferry Running.”"
    )
    assert said(paragraph) == []
    assert terms(paragraph) == ["Harbour Lights,", "Late Tide,", "North Isle Rain", "Keep The Ferry Running."]


def test_a_list_of_quoted_sentences_is_speech() -> None:
    # the twin: words said in a row, not titles, stay quotes
    paragraph = (
        "Ines Marlow told the crowd: “We will fund our schools,” “we will put every child first,”"
        " and “we will pay the teachers what they are owed.”"
    )
    assert len(said(paragraph)) == 3


def test_what_follows_entitled_is_a_title_whatever_its_case() -> None:
    paragraph = (
        "Former aide Ines Marlow wrote a column in the Harbour Gazette, entitled, “Why the ferry is"
        " more important than the bridge.”"
    )
    assert said(paragraph) == []
    assert terms(paragraph) == ["Why the ferry is more important than the bridge."]
