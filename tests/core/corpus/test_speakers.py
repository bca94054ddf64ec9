"""Speaker pages: one speaker's quotes across the folder, quoted against only mentioned.

The articles are written here, for these tests (fictional outlets; the names are only names),
and stored with hand-made analysis: no language model is involved.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from viewer.core.corpus.speakers import (
    NO_SOURCE,
    Speaker,
    Tally,
    analysis_match,
    month_of,
    name_key,
    speaker_profile,
)
from viewer.core.corpus.store import CorpusStore, open_store
from viewer.core.model import AnalysedArticle, Article, Entity, Mention, Quote, Span

EntitySpec = tuple[str, str, tuple[str, ...]]


def add_article(
    store: CorpusStore,
    name: str,
    *,
    source: str | None,
    date: str | None,
    quotes: Sequence[tuple[str, str]] = (),
    entities: Sequence[EntitySpec] = (),
) -> int:
    """One stored article with its analysis: quotes as (words, speaker), entities as
    (name, type, variants)."""
    path = f"/news/{name}.txt"
    article = Article(path, "text", name.replace("-", " ").title(), ("Body.",), date=date, source=source)
    file_id = store.begin_file(path, "text")
    store.put_items(file_id, [article])
    store.finish_file(file_id, size=1, mtime_ns=1, sha256=None, read_bytes=1, records=0, whole_file_row=True)
    article_id = store.id_of(path, None)
    assert article_id is not None
    analysed = AnalysedArticle(
        article,
        tuple(Quote(text, speaker, "said", (Span(0, 0, 1),)) for text, speaker in quotes),
        tuple(Entity(n, t, (n, *variants), (Mention("paragraph", 0, 0, 1),)) for n, t, variants in entities),
    )
    store.put_analysis(article_id, analysed)
    return article_id


JOE: EntitySpec = ("Joe Biden", "PERSON", ("Biden",))
HUNTER: EntitySpec = ("Hunter Biden", "PERSON", ("Biden",))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CorpusStore]:
    with open_store(tmp_path / "store.sqlite3") as opened:
        yield opened


@pytest.fixture
def folder(store: CorpusStore) -> dict[str, int]:
    ids = {}
    ids["jan"] = add_article(
        store,
        "budget-talks",
        source="Gazette",
        date="2024-01-05",
        quotes=[
            ("We will pass it.", "Joe Biden"),
            ("Not this week.", "Kamala Harris"),
            ("Soon.", "Joe Biden"),
        ],
        entities=[JOE, ("Kamala Harris", "PERSON", ("Harris",))],
    )
    # Only the surname in this article, as its own cluster: the same person.
    ids["undated"] = add_article(
        store,
        "rally",
        source="Herald",
        date=None,
        quotes=[("Thank you all.", "Biden")],
        entities=[("Biden", "PERSON", ())],
    )
    # Named, not quoted.
    ids["march"] = add_article(
        store,
        "senate-vote",
        source="Gazette",
        date="2024-03-02",
        quotes=[("The vote holds.", "Kamala Harris")],
        entities=[JOE, ("Kamala Harris", "PERSON", ())],
    )
    # Another Biden only: not him, though "Biden" is a variant of both.
    ids["hunter"] = add_article(
        store,
        "laptop",
        source="Herald",
        date="2024-02-11",
        quotes=[("No comment.", "Hunter Biden"), ("I said no comment.", "Biden")],
        entities=[HUNTER],
    )
    # Both Bidens: a bare "Biden" could be either and is left out; "Joe Biden" is his.
    ids["both"] = add_article(
        store,
        "family",
        source=None,
        date="2024-03-15",
        quotes=[("Ambiguous words.", "Biden"), ("Clear words.", "Joe Biden")],
        entities=[JOE, HUNTER],
    )
    # No entities at all (analysis without the language model): the speaker's name decides.
    ids["may"] = add_article(
        store, "speech", source="Observer", date="2024-05-01", quotes=[("Hello, Ohio.", "Joe Biden")]
    )
    ids["other"] = add_article(
        store,
        "harris-tour",
        source="Gazette",
        date="2024-05-09",
        quotes=[("On the road.", "Kamala Harris")],
        entities=[("Kamala Harris", "PERSON", ())],
    )
    ids["empty"] = add_article(store, "weather", source="Gazette", date="2024-05-10")
    return ids


def test_quoted_and_mentioned_articles_are_counted_by_source_and_month(
    store: CorpusStore, folder: dict[str, int]
) -> None:
    profile = speaker_profile(store, Speaker("Joe Biden", "PERSON", ("Biden",)))
    assert (profile.quoted_articles, profile.mentioned_articles, profile.articles) == (4, 1, 5)
    assert profile.by_source == (
        Tally("Gazette", 1, 1),
        Tally(NO_SOURCE, 1, 0),
        Tally("Herald", 1, 0),
        Tally("Observer", 1, 0),
    )
    assert profile.by_month == (
        Tally("2024-01", 1, 0),
        Tally("2024-02", 0, 0),  # an empty month stays on the time line
        Tally("2024-03", 1, 1),
        Tally("2024-04", 0, 0),
        Tally("2024-05", 1, 0),
    )
    assert profile.undated == Tally("", 1, 0)
    # The index proposed every article naming a Biden; the two others were never read.
    assert profile.searched == 6


def test_quotes_are_listed_newest_first_with_their_article(
    store: CorpusStore, folder: dict[str, int]
) -> None:
    profile = speaker_profile(store, Speaker("Joe Biden", "PERSON", ("Biden",)))
    assert [(q.article_id, q.quote, q.text) for q in profile.quotes] == [
        (folder["may"], 0, "Hello, Ohio."),
        (folder["both"], 1, "Clear words."),
        (folder["jan"], 0, "We will pass it."),
        (folder["jan"], 2, "Soon."),
        (folder["undated"], 0, "Thank you all."),
    ]
    first = profile.quotes[0]
    assert (first.title, first.source, first.date, first.speaker) == (
        "Speech",
        "Observer",
        "2024-05-01",
        "Joe Biden",
    )
    # The variants written in the articles are merged under one page.
    assert profile.names == ("Joe Biden", "Biden")


def test_a_bare_surname_from_a_search_takes_every_holder_of_it(
    store: CorpusStore, folder: dict[str, int]
) -> None:
    profile = speaker_profile(store, Speaker("Biden"))
    assert {q.speaker for q in profile.quotes} == {"Joe Biden", "Biden", "Hunter Biden"}
    assert "Hunter Biden" in profile.names and "Joe Biden" in profile.names


def test_another_holder_of_the_surname_is_another_speaker(store: CorpusStore, folder: dict[str, int]) -> None:
    profile = speaker_profile(store, Speaker.of_entity(Entity(*HUNTER[:2], ("Hunter Biden", "Biden"), ())))
    assert [(q.article_id, q.text) for q in profile.quotes] == [
        (folder["hunter"], "No comment."),
        (folder["hunter"], "I said no comment."),
    ]
    assert (profile.quoted_articles, profile.mentioned_articles) == (1, 1)  # quoted in one, named in "both"


def test_a_place_with_the_name_of_a_person_is_not_that_person(store: CorpusStore) -> None:
    add_article(store, "trip", source="Wire", date="2023-07-01", entities=[("Jordan", "GPE", ())])
    person = add_article(
        store,
        "game",
        source="Wire",
        date="2023-07-02",
        quotes=[("Practice wins.", "Jordan")],
        entities=[("Jordan", "PERSON", ())],
    )
    profile = speaker_profile(store, Speaker("Michael Jordan", "PERSON", ("Jordan",)))
    assert (profile.quoted_articles, profile.mentioned_articles) == (1, 0)
    assert [q.article_id for q in profile.quotes] == [person]


def test_an_organisation_with_a_leading_article_and_nobody_named(store: CorpusStore) -> None:
    add_article(
        store,
        "ferry",
        source="Gazette",
        date="2025-02-03",
        quotes=[("Repairs are done.", "the Harbour Board")],
        entities=[("Harbour Board", "ORG", ())],
    )
    profile = speaker_profile(store, Speaker("The Harbour Board", "ORG"))
    assert [q.speaker for q in profile.quotes] == ["the Harbour Board"]
    assert speaker_profile(store, Speaker("Nobody Known")).articles == 0


def test_names_are_compared_without_case_accents_titles_or_possessives() -> None:
    assert name_key("Mr. José Núñez's") == "jose nunez"
    assert name_key("the  Harbour-Board") == "harbour board"
    assert name_key("The") == "the"
    assert month_of("2024-03-02T10:00:00Z") == "2024-03"
    assert month_of("2024-13-01") is None and month_of("March 2024") is None and month_of(None) is None


def test_no_name_can_inject_query_syntax(store: CorpusStore, folder: dict[str, int]) -> None:
    assert (
        analysis_match(['Joe "Biden" OR x*', "NEAR(a)"])
        == '{speakers entities} : ("Joe Biden OR x" OR "NEAR a")'
    )
    profile = speaker_profile(store, Speaker('Biden" OR "Harris'))
    assert profile.articles == 0
    with pytest.raises(ValueError, match="letter or digit"):
        speaker_profile(store, Speaker("?!"))


def test_checking_for_cancellation_stops_the_work(store: CorpusStore, folder: dict[str, int]) -> None:
    class Stop(Exception):
        pass

    def stop() -> None:
        raise Stop

    with pytest.raises(Stop):
        speaker_profile(store, Speaker("Joe Biden"), check=stop)


def test_a_speaker_page_sees_the_users_corrections(store: CorpusStore, folder: dict[str, int]) -> None:
    from viewer.core.corpus.corrections import EntityRef, FixSpeaker, Rename

    store.add_correction(Rename(EntityRef("Kamala Harris", "PERSON"), "Kamala D. Harris"))
    # The first quote of the January article was Harris's, not Biden's.
    store.add_correction(
        FixSpeaker("/news/budget-talks.txt", None, 0, "We will pass it.", "Kamala D. Harris", "Joe Biden")
    )
    store.reindex_stale()
    renamed = speaker_profile(store, Speaker("Kamala D. Harris", "PERSON"))
    assert renamed.quoted_articles == 3
    assert {q.speaker for q in renamed.quotes} == {"Kamala D. Harris"}
    joe = speaker_profile(store, Speaker("Joe Biden", "PERSON", ("Biden",)))
    assert "We will pass it." not in {q.text for q in joe.quotes}
    assert "Soon." in {q.text for q in joe.quotes}
