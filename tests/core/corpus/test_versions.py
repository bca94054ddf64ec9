"""The other versions of a selected quote across the folder: earliest first, a page of them,
each with its difference, and the count of all of them.

Every article here is ours, written for these tests.
"""

from __future__ import annotations

from viewer.core.corpus.analysis import analyse_store
from viewer.core.corpus.groups import Version
from viewer.core.corpus.versions import other_versions

from .conftest import Corpus, drain, jsonl

STATEMENT = "We checked every bolt on the ramp twice before we let a single car on board"


def _record(n: int, date: str | None, quote: str = STATEMENT) -> dict[str, str]:
    record = {"title": f"Ferry story {n}", "text": f'"{quote}," said Mira Olsen, the harbour master.'}
    if date:
        record["date"] = date
    record["source"] = f"Outlet {n}"
    return record


def _fill(corpus: Corpus) -> None:
    records = [
        _record(0, "2025-03-04"),
        _record(1, "2025-03-02", STATEMENT.replace("car", "lorry")),
        _record(2, None),
        _record(3, "2025-03-03", STATEMENT + " and nobody cut corners"),
        _record(4, "2025-03-01"),
        {"title": "Budget", "text": '"The council will publish the full budget in March," said Ines Varga.'},
    ]
    (corpus.folder / "wire.jsonl").write_text(jsonl(records), encoding="utf-8")
    corpus.sync()
    drain(analyse_store(corpus.db, with_entities=False))


def _ids(corpus: Corpus) -> dict[str, int]:
    with corpus.open() as store:
        return {store.rows([i])[i].title: i for i in store.ids()}


def test_other_versions_are_the_earliest_first_each_with_its_difference(corpus: Corpus) -> None:
    _fill(corpus)
    ids = _ids(corpus)
    with corpus.open() as store:
        found = other_versions(store, ids["Ferry story 0"], 0, Version(0, STATEMENT, "Mira Olsen"))
    assert found.total == 4
    assert [v.title for v in found.shown] == [
        "Ferry story 4",
        "Ferry story 1",
        "Ferry story 3",
        "Ferry story 2",
    ]
    by_title = {v.title: v for v in found.shown}
    assert by_title["Ferry story 4"].difference.identical
    assert by_title["Ferry story 1"].difference.summary() == "1 word changed"
    assert "4 words added" in by_title["Ferry story 3"].difference.summary()
    assert by_title["Ferry story 4"].date == "2025-03-01" and by_title["Ferry story 4"].source == "Outlet 4"


def test_a_page_of_versions_and_the_count_of_all(corpus: Corpus) -> None:
    _fill(corpus)
    ids = _ids(corpus)
    with corpus.open() as store:
        found = other_versions(store, ids["Ferry story 2"], 0, Version(0, STATEMENT), limit=2)
        alone = other_versions(store, ids["Budget"], 0, Version(0, "The council will publish"))
        every = store.all_quote_groups()
    assert found.total == 4 and [v.title for v in found.shown] == ["Ferry story 4", "Ferry story 1"]
    assert alone.total == 0 and alone.shown == ()
    # One read of every group for an export: the same groups and sizes, one per article's quote.
    ferry = {ids[f"Ferry story {n}"] for n in range(5)}
    assert {article for article, _quote in every} == ferry
    assert {size for _group, size in every.values()} == {5}


def test_a_speaker_the_user_fixed_shows_in_the_other_versions(corpus: Corpus) -> None:
    from viewer.core.corpus.corrections import FixSpeaker

    _fill(corpus)
    ids = _ids(corpus)
    with corpus.open() as store:
        analysed = store.analysis(ids["Ferry story 4"])
        assert analysed is not None
        article, words = analysed.article, analysed.quotes[0].text
        store.add_correction(FixSpeaker(article.path, article.record, 0, words, "Tomas Berg", "Mira Olsen"))
        found = other_versions(store, ids["Ferry story 0"], 0, Version(0, STATEMENT, "Mira Olsen"))
    by_title = {v.title: v for v in found.shown}
    assert by_title["Ferry story 4"].speaker == "Tomas Berg"
    assert not by_title["Ferry story 4"].difference.identical  # another speaker is a difference
    assert by_title["Ferry story 2"].speaker == "Mira Olsen"
