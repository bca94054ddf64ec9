"""Whole-folder analysis: every readable article once, persisted, resumable."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable

import pytest

from tests.core.corpus.conftest import Corpus, bump_mtime, drain, fill_sample, text_article
from viewer.core.corpus import analysis as analysis_module
from viewer.core.corpus.analysis import AnalysisProgress, analyse_one, analyse_store
from viewer.core.corpus.store import CorpusStore, attach_store
from viewer.core.model import AnalysedArticle, Article

READABLE = 6  # three text files and three good JSON Lines records of the sample


@pytest.fixture
def analysed_titles(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each article (by title) went through analysis."""
    seen: Counter[str] = Counter()
    real = analysis_module.analyse_articles

    def counting(articles: Iterable[Article], *, with_entities: bool) -> list[AnalysedArticle]:
        assert with_entities is False  # no language model in these tests
        batch = list(articles)
        seen.update(a.title for a in batch)
        return real(batch, with_entities=with_entities)

    monkeypatch.setattr(analysis_module, "analyse_articles", counting)
    return seen


def test_every_readable_article_is_analysed_once(corpus: Corpus, analysed_titles: Counter[str]) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    progress, analysed = drain(analyse_store(corpus.db, with_entities=False, batch=4))
    assert analysed == READABLE
    assert len(analysed_titles) == READABLE and set(analysed_titles.values()) == {1}
    assert progress[0] == AnalysisProgress(0, READABLE)
    assert all(p.total == READABLE for p in progress)
    done = [p.done for p in progress]
    assert done == sorted(done) and done[-1] == READABLE
    assert len(progress) == 1 + 2  # the start, then batches of 4 and 2

    with corpus.open() as store:
        assert store.analysed_count() == (READABLE, READABLE)
        assert store.unanalysed(100) == []
        for article_id in store.ids():
            item = store.item(article_id)
            result = store.analysis(article_id)
            assert (result is not None) is isinstance(item, Article)
        harbour = store.id_of(str(corpus.folder / "harbour.txt"), None)
        assert harbour is not None
        stored = store.analysis(harbour)
        assert stored is not None
        assert [(q.text, q.speaker) for q in stored.quotes] == [("We worked through the night,", "Dana Holt")]
        assert store.ids("speaker:Holt") == [harbour]
        assert store.ids('quote:"worked through"') == [harbour]


def test_a_second_run_analyses_nothing(corpus: Corpus, analysed_titles: Counter[str]) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    drain(analyse_store(corpus.db, with_entities=False))
    analysed_titles.clear()
    progress, analysed = drain(analyse_store(corpus.db, with_entities=False))
    assert analysed == 0
    assert progress == [AnalysisProgress(READABLE, READABLE)]
    assert not analysed_titles


def test_a_stopped_run_takes_up_where_it_stopped(corpus: Corpus, analysed_titles: Counter[str]) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    gen = analyse_store(corpus.db, with_entities=False, batch=2)
    assert next(gen) == AnalysisProgress(0, READABLE)
    assert next(gen).done == 2
    gen.close()  # the window stops it between batches
    _progress, analysed = drain(analyse_store(corpus.db, with_entities=False, batch=2))
    assert analysed == READABLE - 2
    assert set(analysed_titles.values()) == {1}


def test_only_a_changed_article_is_analysed_again(corpus: Corpus, analysed_titles: Counter[str]) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    drain(analyse_store(corpus.db, with_entities=False))
    library = corpus.folder / "library.txt"
    library.write_text(
        text_article("Library reopens its reading room", '"Quiet, please," said the librarian, Ivo Brandt.'),
        encoding="utf-8",
    )
    bump_mtime(library)
    corpus.sync()
    analysed_titles.clear()
    _progress, analysed = drain(analyse_store(corpus.db, with_entities=False))
    assert analysed == 1
    assert analysed_titles == Counter({"Library reopens its reading room": 1})
    with corpus.open() as store:
        assert store.analysed_count() == (READABLE, READABLE)
        assert store.ids("speaker:Brandt") == [store.id_of(str(library), None)]


def test_analyse_one_keeps_its_result_and_survives_a_missing_store(corpus: Corpus) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    with corpus.open() as store:
        orchard = store.id_of(str(corpus.folder / "orchard.txt"), None)
        assert orchard is not None
        article = store.item(orchard)
    assert isinstance(article, Article)
    result = analyse_one(corpus.db, orchard, article, with_entities=False)
    assert [q.speaker for q in result.quotes] == ["Oleh Marchenko"]
    with corpus.open() as store:
        stored = store.analysis(orchard)
        assert stored is not None and stored.to_json() == result.to_json()
    missing = analyse_one(corpus.db.parent / "gone.sqlite3", 1, article, with_entities=False)
    assert missing.to_json() == result.to_json()


def test_analyse_one_says_when_its_result_could_not_be_kept(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    with corpus.open() as store:
        orchard = store.id_of(str(corpus.folder / "orchard.txt"), None)
        assert orchard is not None
        article = store.item(orchard)
    assert isinstance(article, Article)
    kept = analyse_one(corpus.db, orchard, article, with_entities=False)
    assert not any("could not be kept" in note for note in kept.notes)

    missing = analyse_one(corpus.db.parent / "gone.sqlite3", 1, article, with_entities=False)
    assert missing.quotes == kept.quotes
    (note,) = [n for n in missing.notes if "could not be kept" in n]
    assert "no store" in note

    # A store this process cannot write to (here: a read-only connection).
    read_only = functools.partial(attach_store, read_only=True)
    monkeypatch.setattr(analysis_module, "attach_store", read_only)
    with corpus.open() as store:
        other = store.id_of(str(corpus.folder / "harbour.txt"), None)
        assert other is not None
        harbour = store.item(other)
    assert isinstance(harbour, Article)
    refused = analyse_one(corpus.db, other, harbour, with_entities=False)
    assert [q.speaker for q in refused.quotes] == ["Dana Holt"]
    (note,) = [n for n in refused.notes if "could not be kept" in n]
    assert "read-only" in note
    with corpus.open() as store:
        assert store.analysis(other) is None  # nothing kept: made again next time


def test_a_fault_of_ours_while_keeping_an_analysis_is_not_swallowed(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    with corpus.open() as store:
        orchard = store.id_of(str(corpus.folder / "orchard.txt"), None)
        assert orchard is not None
        article = store.item(orchard)
    assert isinstance(article, Article)

    def broken(self: CorpusStore, article_id: int, analysed: AnalysedArticle, extractor: str = "") -> None:
        raise TypeError("a bug in keeping")

    monkeypatch.setattr(CorpusStore, "put_analysis", broken)
    with pytest.raises(TypeError, match="a bug in keeping"):
        analyse_one(corpus.db, orchard, article, with_entities=False)
