"""The folder's agreement on entity types, through the store: what the panel (an analysis read
from the store), search, speaker pages and exports see. Every article here is invented."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from tests.core.corpus.conftest import drain
from viewer.core.corpus import agreement, codec
from viewer.core.corpus import corrections as fixes
from viewer.core.corpus.analysis import analyse_store
from viewer.core.corpus.corrections import EntityRef, Retype
from viewer.core.corpus.search import parse_query
from viewer.core.corpus.store import SCHEMA_VERSION, CorpusStore, open_store
from viewer.core.export import entity_rows
from viewer.core.model import AnalysedArticle, Article, Entity, Mention

#: (name, type, strength of the article's own evidence) of the names an article names.
Named = Sequence[tuple[str, str, float]]


def article(n: int, names: Named) -> Article:
    words = " and ".join(name for name, _t, _s in names)
    return Article(f"/folder/a{n:02}.txt", "text", f"Story {n}", (f"News today about {words} in town.",))


def analysed(n: int, names: Named) -> AnalysedArticle:
    art = article(n, names)
    text = art.paragraphs[0]
    entities = []
    for name, label, strength in names:
        start = text.index(name)
        mention = Mention("paragraph", 0, start, start + len(name))
        entities.append(Entity(name, label, (name,), (mention,), evidence=strength))
    return AnalysedArticle(art, (), tuple(entities))


def store_with(tmp_path: Path, folder: Sequence[Named]) -> tuple[CorpusStore, list[int]]:
    store = open_store(tmp_path / "store.sqlite3")
    ids = []
    for n, names in enumerate(folder):
        found = analysed(n, names)
        file_id = store.begin_file(found.article.path, "text")
        store.put_items(file_id, [found.article])
        store.index_pending(10)
        article_id = store.id_of(found.article.path, None)
        assert article_id is not None
        assert store.put_analysis(article_id, found)
        ids.append(article_id)
    return store, ids


def types_of(store: CorpusStore, ids: Sequence[int], name: str) -> list[str]:
    """The type each article shows ``name`` as, as the panel reads it."""
    out = []
    for article_id in ids:
        found = store.analysis(article_id)
        assert found is not None
        out.extend(e.type for e in found.entities if e.name == name)
    return out


# One article of ten types the firm a person (the model's label, no evidence of its own).
TEN_FIRM = [[("Lindqvist Marine", "PERSON" if n == 3 else "ORG", 0.0)] for n in range(10)]


def test_a_name_typed_wrong_in_one_article_of_ten_is_typed_right_in_all_ten(tmp_path: Path) -> None:
    store, ids = store_with(tmp_path, TEN_FIRM)
    assert types_of(store, ids, "Lindqvist Marine").count("PERSON") == 1  # not agreed yet
    agreed = store.agree_types()
    assert agreed.names == 1 and agreed.retyped_names == 1 and agreed.retyped_votes == 1
    assert store.folder_type("lindqvist  MARINE") == "ORG"
    # the panel
    assert types_of(store, ids, "Lindqvist Marine") == ["ORG"] * 10
    # search
    assert sorted(store.ids("org:Lindqvist")) == sorted(ids)
    assert store.ids('person:"Lindqvist Marine"') == []
    assert sorted(store.ids("entity:Lindqvist")) == sorted(ids)
    where, params = parse_query("org:lindqvist marine").sql()  # the same terms as one SQL clause
    assert sorted(r[0] for r in store._db.execute(f"SELECT id FROM articles {where}", params)) == sorted(ids)
    where, params = parse_query("person:Lindqvist").sql()
    assert store._db.execute(f"SELECT id FROM articles {where}", params).fetchall() == []
    # exports and speaker pages (rows read in bulk)
    assert {row["type"] for row in entity_rows(store)} == {"ORG"}
    rows = list(store.analysed_rows(ids))
    assert len(rows) == 10
    assert {name.type for row in rows for name in codec.entity_names(row.entities_json)} == {"ORG"}
    # the analysis as found is kept as it was
    raw = store.analysis(ids[3], corrected=False)
    assert raw is not None and raw.entities[0].type == "PERSON"
    store.close()


JORDAN = [[("Jordan", "GPE", 0.0)] for _ in range(8)] + [
    [("Jordan", "PERSON", 2.5)],  # "Jordan, 23, said she ...": the article's own evidence is strong
    [("Jordan", "PERSON", 0.0)],  # only the model's label: the folder's type wins
]  # a place by 8 votes to 4.5 (the strong article's vote weighs 1 + 2.5): 64%, a majority


def test_an_article_with_strong_evidence_keeps_its_own_type(tmp_path: Path) -> None:
    store, ids = store_with(tmp_path, JORDAN)
    store.agree_types()
    assert store.folder_type("Jordan") == "GPE"
    assert types_of(store, ids, "Jordan") == ["GPE"] * 8 + ["PERSON", "GPE"]
    assert store.ids("person:Jordan") == [ids[8]]
    assert sorted(store.ids("place:Jordan")) == sorted([*ids[:8], ids[9]])
    store.close()


def test_the_users_type_outvotes_the_folder_and_the_articles_evidence(tmp_path: Path) -> None:
    store, ids = store_with(tmp_path, JORDAN)
    store.agree_types()
    retype = store.add_correction(Retype(EntityRef("Jordan", "PERSON"), "GPE"))
    assert retype.correction.describe() == "“Jordan” is a place, not a person"
    shown = store.analysis(ids[8])  # the panel sees it at once (the correction applies)
    assert shown is not None and shown.entities[0].type == "GPE" and shown.entities[0].corrected
    store.reindex_stale()  # what the window runs off the UI thread after a correction
    assert store.folder_type("Jordan") == "GPE"
    assert store.ids("person:Jordan") == []
    assert sorted(store.ids("place:Jordan")) == sorted(ids)
    # Undone: the folder's agreement holds again, and the strong article keeps its own.
    store.undo_correction()
    store.reindex_stale()
    assert types_of(store, ids, "Jordan") == ["GPE"] * 8 + ["PERSON", "GPE"]
    assert store.ids("person:Jordan") == [ids[8]]
    # The user says person: every article shows a person, the folder's majority outvoted.
    store.add_correction(Retype(EntityRef("Jordan", "GPE"), "PERSON"))
    store.reindex_stale()
    assert types_of(store, ids, "Jordan") == ["PERSON"] * 10
    assert sorted(store.ids("person:Jordan")) == sorted(ids)
    store.close()


def test_votes_follow_analysis_again_and_articles_removed_and_only_moved_names_are_weighed(
    tmp_path: Path,
) -> None:
    store, ids = store_with(tmp_path, [[*names, ("Harbour Board", "ORG", 0.0)] for names in TEN_FIRM])
    first = store.agree_types()
    assert first.names == 2 and first.retyped_names == 2
    assert store.agree_types().names == 0  # nothing moved: nothing weighed
    # One article analysed again (same types): its names are weighed again, nothing changes.
    assert store.put_analysis(ids[0], analysed(0, [*TEN_FIRM[0], ("Harbour Board", "ORG", 0.0)]))
    again = store.agree_types()
    assert (again.names, again.retyped_names, again.retyped_votes) == (2, 0, 0)
    # Eight of the nine articles that say "organisation" go: one against one is no majority,
    # and each article shows its own type again.
    assert store.remove_files([f"/folder/a{n:02}.txt".encode() for n in (0, 1, 2, 4, 5, 6, 7, 8)]) == 8
    store.agree_types()
    assert store.folder_type("Lindqvist Marine") is None
    # The running tallies (kept by triggers) are the sums of the votes left.
    tally = store._db.execute("SELECT name, label, round(weight, 6) FROM type_tally ORDER BY 1, 2").fetchall()
    summed = store._db.execute(
        "SELECT name, label, round(sum(1.0 + strength), 6) FROM type_votes GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()
    assert (
        tally
        == summed
        == [
            ("harbour board", "ORG", 2.0),
            ("lindqvist marine", "ORG", 1.0),
            ("lindqvist marine", "PERSON", 1.0),
        ]
    )
    assert types_of(store, [ids[3], ids[9]], "Lindqvist Marine") == ["PERSON", "ORG"]
    store.close()


def test_the_folder_analysis_agrees_types_as_it_goes(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store.sqlite3")
    ids = []
    for n, names in enumerate(TEN_FIRM):
        art = article(n, names)
        file_id = store.begin_file(art.path, "text")
        store.put_items(file_id, [art])
        article_id = store.id_of(art.path, None)
        assert article_id is not None
        ids.append(article_id)
    by_path = {article(n, names).path: analysed(n, names) for n, names in enumerate(TEN_FIRM)}

    def analyser(articles: list[Article]) -> list[AnalysedArticle]:
        return [by_path[a.path] for a in articles]

    _progress, done = drain(analyse_store(store.path, analyser=analyser, batch=4))
    assert done == 10
    assert store.unagreed_count() == 0
    assert types_of(store, ids, "Lindqvist Marine") == ["ORG"] * 10
    store.close()


def test_a_store_of_schema_5_is_upgraded_with_the_votes_of_its_analysis(tmp_path: Path) -> None:
    store, ids = store_with(tmp_path, JORDAN)
    store.close()
    db = sqlite3.connect(tmp_path / "store.sqlite3")
    db.executescript(
        "DROP TRIGGER analysis_gone_votes; DROP TABLE type_votes; DROP TABLE folder_types; "
        "DROP TABLE unagreed_names; DROP TABLE type_tally; PRAGMA user_version = 5;"
    )
    db.close()
    upgraded = open_store(tmp_path / "store.sqlite3")
    assert upgraded.notice is None  # not rebuilt: the analysis is kept
    assert upgraded.unagreed_count() == 1
    upgraded.agree_types()
    assert types_of(upgraded, ids, "Jordan") == ["GPE"] * 8 + ["PERSON", "GPE"]  # strengths kept in the JSON
    upgraded.close()
    (version,) = sqlite3.connect(tmp_path / "store.sqlite3").execute("PRAGMA user_version").fetchone()
    assert version == SCHEMA_VERSION == 6


def test_the_strength_of_evidence_is_kept_by_the_store_but_not_written_to_the_output() -> None:
    entity = analysed(0, [("Jordan", "PERSON", 2.5)]).entities[0]
    assert "evidence" not in entity.to_json()
    (back,) = codec.entities_from_json(codec.entities_json((entity,)))
    assert back.evidence == 2.5 and back == entity
    assert codec.entity_votes(codec.entities_json((entity,))) == [("Jordan", "PERSON", 2.5)]


def test_typed_entity_terms_search_names_of_one_kind() -> None:
    query = parse_query('person:"Jordan Reyes" org:Acme place:Jordan text')
    assert query.typed() == [
        (("PERSON",), ("jordan", "reyes")),
        (("ORG", "PRODUCT"), ("acme",)),
        (("FAC", "GPE", "LOC"), ("jordan",)),
    ]
    assert [table for table, _match in query.matches()] == ["text_fts", "analysis_fts"]


def test_a_retyping_is_kept_as_json_and_applies_to_every_type_of_the_name() -> None:
    retype = Retype(EntityRef("Jordan", "PERSON"), "GPE")
    assert fixes.from_json("retype", fixes.to_json(retype)) == retype
    found = analysed(0, [("Jordan", "ORG", 0.0), ("Harbour Board", "ORG", 0.0)])
    fixed = fixes.compile_corrections([retype]).apply(found)
    assert [(e.name, e.type, e.corrected) for e in fixed.entities] == [
        ("Jordan", "GPE", True),
        ("Harbour Board", "ORG", False),
    ]


def test_the_store_shows_what_the_pure_agreement_gives_on_random_folders(tmp_path: Path) -> None:
    """The store's types (kept per article, rewritten in SQL) are those of
    :func:`agreement.agree_types` over the same votes, as articles come and go."""
    rng = random.Random(5)
    labels = ["PERSON", "ORG", "PRODUCT", "GPE", "LOC", "NORP"]
    names = ["Kessa", "Brannock", "Ilvo Tarn", "Mereth", "Port Alda"]
    folder = [
        [(name, rng.choice(labels), rng.choice([0.0, 0.0, 1.0, 2.5])) for name in rng.sample(names, 3)]
        for _ in range(40)
    ]
    store, ids = store_with(tmp_path, folder)
    numbers = list(range(len(folder)))  # each article's file
    user = {"mereth": "GPE"}
    store.add_correction(Retype(EntityRef("Mereth", "PERSON"), "GPE"))
    for step in range(3):
        store.agree_types()
        votes = [
            agreement.NameVote(article_id, agreement.name_key(name), label, strength)
            for article_id, names_of in zip(ids, folder, strict=True)
            for name, label, strength in names_of
        ]
        expected = agreement.agree_types(votes, user)
        shown = dict(
            ((article_id, name), kind)
            for article_id, name, kind in store._db.execute("SELECT article_id, name, shown FROM type_votes")
        )
        assert shown == expected, step
        # Some articles analysed again with other types, some removed.
        for n in rng.sample(range(len(ids)), 5):
            folder[n] = [(name, rng.choice(labels), strength) for name, _label, strength in folder[n]]
            assert store.put_analysis(ids[n], analysed(numbers[n], folder[n]))
        gone = rng.sample(range(len(ids)), 3)
        assert store.remove_files([f"/folder/a{numbers[n]:02}.txt".encode() for n in gone]) == 3
        kept = [n for n in range(len(ids)) if n not in gone]
        ids, numbers, folder = [ids[n] for n in kept], [numbers[n] for n in kept], [folder[n] for n in kept]
    store.close()
