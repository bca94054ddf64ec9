"""Corrections: each kind applied to an analysis, kept in the store, undone and redone, and
seen by search and exports. Every article here is invented for the tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from viewer.core.corpus import corrections as fixes
from viewer.core.corpus.corrections import EntityRef, FixSpeaker, Merge, NotEntity, Rename, Split
from viewer.core.corpus.store import SCHEMA_VERSION, CorpusStore, open_store
from viewer.core.export import entity_rows, quote_rows
from viewer.core.model import AnalysedArticle, Article, Entity, Mention, Quote, Span

SENATE = (
    '"We will fund the bridge," Joe Biden said on Friday.',
    "Biden spoke after Hunter met the Harbour Board. Biden left early.",
)
DOCKS = ('"The docks need work," said Biden.', "Acme Legion staff agreed with Biden.")


def _mention(article: Article, paragraph: int, words: str, nth: int = 0) -> Mention:
    text = article.paragraphs[paragraph]
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Mention("paragraph", paragraph, start, start + len(words))


def _quote(article: Article, paragraph: int, words: str, speaker: str | None) -> Quote:
    start = article.paragraphs[paragraph].index(words)
    return Quote(words, speaker, "said", (Span(paragraph, start, start + len(words)),))


def senate(path: str = "/news/senate.txt") -> AnalysedArticle:
    article = Article(path, "text", "Bridge money", SENATE)
    people = Entity(
        "Joe Biden",
        "PERSON",
        ("Joe Biden", "Biden"),
        (_mention(article, 0, "Joe Biden"), _mention(article, 1, "Biden"), _mention(article, 1, "Biden", 1)),
    )
    hunter = Entity("Hunter", "PERSON", ("Hunter",), (_mention(article, 1, "Hunter"),))
    board = Entity("Harbour Board", "ORG", ("Harbour Board",), (_mention(article, 1, "Harbour Board"),))
    quotes = (_quote(article, 0, "We will fund the bridge,", "Joe Biden"),)
    return AnalysedArticle(article, quotes, (people, hunter, board))


def docks(path: str = "/news/docks.txt") -> AnalysedArticle:
    article = Article(path, "text", "Docks", DOCKS)
    biden = Entity(
        "Biden", "PERSON", ("Biden",), (_mention(article, 0, "Biden"), _mention(article, 1, "Biden"))
    )
    legion = Entity("Acme Legion", "ORG", ("Acme Legion",), (_mention(article, 1, "Acme Legion"),))
    quotes = (_quote(article, 0, "The docks need work,", "Biden"),)
    return AnalysedArticle(article, quotes, (biden, legion))


JOE = EntityRef("Joe Biden", "PERSON")
BIDEN = EntityRef("Biden", "PERSON")


def _names(analysed: AnalysedArticle) -> list[str]:
    return [e.name for e in analysed.entities]


# applying: pure, one kind at a time ---------------------------------------------------------


def test_no_corrections_give_the_analysis_back_unchanged() -> None:
    analysed = senate()
    assert fixes.apply(analysed, ()) is analysed


def test_merge_joins_variants_and_mentions_and_the_speaker_follows() -> None:
    merge = Merge((JOE, BIDEN), "Joe Biden", "PERSON")
    both = AnalysedArticle(
        senate().article,
        senate().quotes,
        (*senate().entities, Entity("biden", "PERSON", ("biden",), (Mention("title", 0, 0, 0),))),
    )
    before = both
    merged = fixes.apply(both, [merge])
    assert both == before  # pure: the input is untouched
    (joe,) = [e for e in merged.entities if e.type == "PERSON" and "Biden" in e.name]
    assert joe.name == "Joe Biden" and joe.corrected
    assert joe.count == 4  # the three mentions and the one of the other entity
    assert set(joe.variants) == {"Joe Biden", "Biden", "biden"}
    assert _names(merged) == ["Joe Biden", "Hunter", "Harbour Board"]
    # An article with only one of them: it takes the merged name, and so does its quote.
    other = fixes.apply(docks(), [merge])
    assert _names(other) == ["Joe Biden", "Acme Legion"]
    assert other.entities[0].corrected and not other.entities[1].corrected
    assert other.quotes[0].speaker == "Joe Biden" and other.quotes[0].corrected


def test_rename_matches_by_type_and_name_without_case_and_renames_the_speaker() -> None:
    renamed = fixes.apply(docks(), [Rename(EntityRef("BIDEN", "PERSON"), "Joseph R. Biden")])
    assert renamed.entities[0].name == "Joseph R. Biden"
    assert "Biden" in renamed.entities[0].variants
    assert renamed.quotes[0].speaker == "Joseph R. Biden"
    # Another type with the same name is another entity.
    untouched = fixes.apply(docks(), [Rename(EntityRef("Biden", "ORG"), "Someone")])
    assert untouched == docks()


def test_split_moves_the_mentions_written_as_the_variants_to_a_new_entity() -> None:
    split = Split(JOE, ("Biden",), "Hunter Biden")
    result = fixes.apply(senate(), [split])
    joe = next(e for e in result.entities if e.name == "Joe Biden")
    moved = next(e for e in result.entities if e.name == "Hunter Biden")
    assert joe.count == 1 and joe.variants == ("Joe Biden",) and joe.corrected
    assert moved.count == 2 and moved.variants == ("Biden",) and moved.type == "PERSON"
    # The quote was by "Joe Biden", which stays: the speaker is not moved.
    assert result.quotes[0].speaker == "Joe Biden" and not result.quotes[0].corrected
    # In an article where the entity is not written that way nothing changes.
    assert fixes.apply(docks(), [split]) == docks()


def test_not_an_entity_removes_it_and_leaves_the_rest() -> None:
    result = fixes.apply(docks(), [NotEntity(EntityRef("acme legion", "ORG"))])
    assert _names(result) == ["Biden"]
    assert result.quotes == docks().quotes


def test_fix_speaker_changes_one_quote_of_one_article() -> None:
    fix = FixSpeaker("/news/docks.txt", None, 0, "The docks need work,", "Dana Holt", "Biden")
    result = fixes.apply(docks(), [fix])
    assert result.quotes[0].speaker == "Dana Holt" and result.quotes[0].corrected
    assert result.entities == docks().entities
    cleared = fixes.apply(
        docks(), [FixSpeaker("/news/docks.txt", None, 0, "The docks need work,", None, "Biden")]
    )
    assert cleared.quotes[0].speaker is None and cleared.quotes[0].role is None
    # Another article with the same words is not this quote.
    assert fixes.apply(docks("/news/elsewhere.txt"), [fix]) == docks("/news/elsewhere.txt")


def test_corrections_apply_in_order_and_a_rename_follows_a_merge() -> None:
    steps = [Merge((JOE, BIDEN), "Joe Biden", "PERSON"), Rename(JOE, "President Biden")]
    result = fixes.apply(docks(), steps)
    assert result.entities[0].name == "President Biden"
    assert result.quotes[0].speaker == "President Biden"


@pytest.mark.parametrize(
    "correction",
    [
        Rename(JOE, "J. B."),
        Merge((JOE, BIDEN), "Joe Biden", "PERSON"),
        Split(JOE, ("Biden", "biden"), "Hunter Biden"),
        NotEntity(BIDEN),
        FixSpeaker("/a.txt", 3, 1, "words", None, "Joe"),
    ],
)
def test_a_correction_reads_back_as_it_was_written(correction: fixes.Correction) -> None:
    assert fixes.from_json(correction.kind, fixes.to_json(correction)) == correction
    assert correction.describe()


def test_an_unreadable_correction_is_an_explicit_error() -> None:
    with pytest.raises(fixes.BadCorrection, match="rename"):
        fixes.from_json("rename", '{"name": 3}')
    with pytest.raises(fixes.BadCorrection, match="unknown"):
        fixes.from_json("teleport", "{}")


# in the store ------------------------------------------------------------------------------


def _store_with(tmp_path: Path, *analyses: AnalysedArticle) -> tuple[CorpusStore, list[int]]:
    store = open_store(tmp_path / "store.sqlite3")
    ids = []
    for analysed in analyses:
        file_id = store.begin_file(analysed.article.path, "text")
        store.put_items(file_id, [analysed.article])
        store.index_pending(10)
        article_id = store.id_of(analysed.article.path, None)
        assert article_id is not None
        store.put_analysis(article_id, analysed)
        ids.append(article_id)
    return store, ids


def test_the_store_applies_keeps_undoes_and_redoes_corrections(tmp_path: Path) -> None:
    store, (senate_id, docks_id) = _store_with(tmp_path, senate(), docks())
    merge = store.add_correction(Merge((JOE, BIDEN), "Joe Biden", "PERSON"))
    analysed = store.analysis(docks_id)
    assert analysed is not None and _names(analysed) == ["Joe Biden", "Acme Legion"]
    raw = store.analysis(docks_id, corrected=False)
    assert raw is not None and _names(raw) == ["Biden", "Acme Legion"]
    store.add_correction(NotEntity(EntityRef("Acme Legion", "ORG")))
    assert [c.correction.kind for c in store.corrections()] == ["merge", "not_entity"]

    undone = store.undo_correction()
    assert undone is not None and undone.correction == NotEntity(EntityRef("Acme Legion", "ORG"))
    assert _names(store.analysis(docks_id)) == ["Joe Biden", "Acme Legion"]  # type: ignore[arg-type]
    assert store.can_redo()
    redone = store.redo_correction()
    assert redone is not None and redone.correction.kind == "not_entity"
    assert _names(store.analysis(docks_id)) == ["Joe Biden"]  # type: ignore[arg-type]
    # Undo one from the middle of the list ("undo this one" in the Corrections view).
    assert store.undo_correction(merge.seq) is not None
    assert _names(store.analysis(docks_id)) == ["Biden"]  # type: ignore[arg-type]
    assert [c.active for c in store.corrections()] == [False, True]
    # A new correction forgets what could be redone.
    store.add_correction(Rename(BIDEN, "Joseph Biden"))
    assert not store.can_redo() and store.redo_correction() is None
    store.close()

    reopened = open_store(tmp_path / "store.sqlite3")
    assert [c.correction.kind for c in reopened.corrections()] == ["not_entity", "rename"]
    assert _names(reopened.analysis(docks_id)) == ["Joseph Biden"]  # type: ignore[arg-type]
    assert _names(reopened.analysis(senate_id)) == ["Joe Biden", "Hunter", "Harbour Board"]  # type: ignore[arg-type]
    reopened.close()


def test_another_connection_sees_a_new_correction_at_once(tmp_path: Path) -> None:
    store, (_senate_id, docks_id) = _store_with(tmp_path, senate(), docks())
    other = CorpusStore.open(tmp_path / "store.sqlite3")
    assert _names(other.analysis(docks_id)) == ["Biden", "Acme Legion"]  # type: ignore[arg-type]
    store.add_correction(Rename(BIDEN, "Joseph Biden"))
    assert _names(other.analysis(docks_id))[0] == "Joseph Biden"  # type: ignore[index]
    other.close()
    store.close()


def test_search_finds_the_corrected_names_once_reindexed(tmp_path: Path) -> None:
    store, (senate_id, docks_id) = _store_with(tmp_path, senate(), docks())
    assert store.ids('entity:"Acme Legion"') == [docks_id]
    assert not store.has_stale_index()
    correction = NotEntity(EntityRef("Acme Legion", "ORG"))
    store.add_correction(correction)
    assert store.articles_naming(correction.names()) == [docks_id]
    # Until it is indexed, the store remembers that it must be (even when reopened).
    assert store.has_stale_index()
    store.close()
    store = open_store(tmp_path / "store.sqlite3")
    assert store.has_stale_index()
    reports: list[tuple[int, int]] = []
    assert store.reindex_stale(lambda done, total: reports.append((done, total))) == 1
    assert reports == [(1, 1)] and not store.has_stale_index()
    assert store.ids('entity:"Acme Legion"') == []
    store.add_correction(Rename(BIDEN, "Joseph Biden"))
    store.reindex_stale()
    assert store.ids('speaker:"Joseph Biden"') == [docks_id]
    assert store.ids('entity:"Joseph Biden"') == [docks_id]
    # Undone: found under the old names again.
    store.undo_correction()
    store.undo_correction()
    assert store.has_stale_index()
    store.reindex_stale()
    assert store.ids('speaker:"Joseph Biden"') == []
    assert store.ids('entity:"Acme Legion"') == [docks_id]
    # An article analysed after a correction is indexed corrected at once.
    store.add_correction(Rename(JOE, "President Biden"))
    store.put_analysis(senate_id, senate())
    assert store.ids('speaker:"President Biden"') == [senate_id]
    store.close()


def test_exports_apply_corrections_and_mark_the_rows(tmp_path: Path) -> None:
    store, _ids = _store_with(tmp_path, senate(), docks())
    store.add_correction(
        FixSpeaker("/news/senate.txt", None, 0, "We will fund the bridge,", "Dana Holt", "Joe Biden")
    )
    store.add_correction(Rename(EntityRef("Harbour Board", "ORG"), "Harbour Trust"))
    quotes = {row["quote"]: row for row in quote_rows(store)}
    assert quotes["We will fund the bridge,"]["speaker"] == "Dana Holt"
    assert quotes["We will fund the bridge,"]["corrected"] is True
    assert quotes["The docks need work,"]["corrected"] is False
    entities = {row["name"]: row for row in entity_rows(store)}
    assert entities["Harbour Trust"]["corrected"] is True
    assert "Harbour Board" not in entities
    assert entities["Hunter"]["corrected"] is False
    store.close()


def test_a_store_of_the_previous_schema_is_upgraded_keeping_its_analysis(tmp_path: Path) -> None:
    store, (_senate_id, docks_id) = _store_with(tmp_path, senate(), docks())
    store.close()
    db = sqlite3.connect(tmp_path / "store.sqlite3")
    db.execute("DROP TABLE corrections")
    db.execute("DROP TABLE stale_names")
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()
    upgraded = open_store(tmp_path / "store.sqlite3")
    assert upgraded.notice is None  # not rebuilt
    assert upgraded.analysis(docks_id) is not None
    upgraded.add_correction(Rename(BIDEN, "Joseph Biden"))
    assert _names(upgraded.analysis(docks_id))[0] == "Joseph Biden"  # type: ignore[index]
    assert upgraded.reindex_stale() == 2  # both articles write "Biden": both are looked at
    assert upgraded.ids('entity:"Joseph Biden"') == [docks_id]
    upgraded.close()
    (version,) = sqlite3.connect(tmp_path / "store.sqlite3").execute("PRAGMA user_version").fetchone()
    assert version == SCHEMA_VERSION  # brought up to date in place, version by version


def test_compiled_corrections_give_what_applying_them_one_by_one_gives() -> None:
    steps = [
        Merge((JOE, BIDEN), "Joe Biden", "PERSON"),
        Rename(JOE, "President Biden"),
        NotEntity(EntityRef("Harbour Board", "ORG")),
        FixSpeaker("/news/docks.txt", None, 0, "The docks need work,", "Dana Holt", "Biden"),
    ]
    for n in range(len(steps) + 1):
        compiled = fixes.compile_corrections(steps[:n])
        for analysed in (senate(), docks(), docks("/news/other.txt")):
            assert compiled.apply(analysed) == fixes.apply(analysed, steps[:n])
    # An article none of them names comes back as it is, not a copy.
    untouched = AnalysedArticle(Article("/x.txt", "text", "X", ("Nothing here.",)))
    assert fixes.compile_corrections(steps).apply(untouched) is untouched
