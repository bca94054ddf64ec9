"""The analysis controller: one request per article, answered at once from the store or by
signal when worked out, always as the store hands it out (corrections applied there, once);
and the real path end to end: rule quotes on a worker thread, spaCy in the analysis process,
the result in the panel."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.ui.conftest import FERRY_PARAGRAPHS, fake_analyse, ferry_article
from viewer.core.corpus.corrections import EntityRef, Rename
from viewer.core.corpus.store import CorpusStore, open_store
from viewer.core.model import AnalysedArticle, Article
from viewer.ui import loading
from viewer.ui.background.workers import Progress
from viewer.ui.panes.insights import group_of
from viewer.ui.shell.analysis import AnalysisController
from viewer.ui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]
OLSEN = EntityRef("Mira Olsen", "PERSON")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CorpusStore]:
    made = open_store(tmp_path / "store.sqlite3")
    yield made
    made.close()


def _put(store: CorpusStore, article: Article) -> int:
    file_id = store.begin_file(article.path, article.format)
    store.put_items(file_id, [article])
    store.index_pending(10)
    article_id = store.id_of(article.path, article.record)
    assert article_id is not None
    return article_id


def _controller(store: CorpusStore, analyse_fn: loading.AnalyseFn = fake_analyse) -> AnalysisController:
    return AnalysisController(lambda: str(store.path), lambda: False, analyse_fn=analyse_fn)


def test_a_new_analysis_comes_by_signal_and_is_kept_then_answered_at_once(
    qtbot: object, store: CorpusStore
) -> None:
    article = ferry_article()
    article_id = _put(store, article)
    controller = _controller(store)
    try:
        with qtbot.wait_signal(controller.full, timeout=10_000) as full:  # type: ignore[attr-defined]
            assert controller.request(article, article_id) is None
            assert controller.is_analysing()
            # Nothing runs yet: the work starts once the window has painted the article.
            assert controller.threads.active() == 0
        shown = full.args[0]
        assert isinstance(shown, AnalysedArticle) and shown.article is article
        assert shown.quotes[0].speaker == "Mira Olsen"
        assert [e.name for e in shown.entities] == ["Mira Olsen", "Harbour Board", "Monday"]
        # Kept in the store: the next request is answered at once, with the caller's article.
        again = controller.request(article, article_id)
        assert again == shown and again is not None and again.article is article
        assert not controller.is_analysing()
    finally:
        controller.close()


def test_a_correction_holds_in_what_the_controller_hands_out(qtbot: object, store: CorpusStore) -> None:
    article = ferry_article()
    article_id = _put(store, article)
    store.add_correction(Rename(OLSEN, "Mira Olsen-Berg"))
    controller = _controller(store)
    try:
        with qtbot.wait_signal(controller.full, timeout=10_000) as full:  # type: ignore[attr-defined]
            controller.request(article, article_id)
        names = [e.name for e in full.args[0].entities]
        assert names == ["Mira Olsen-Berg", "Harbour Board", "Monday"]
        assert full.args[0].quotes[0].speaker == "Mira Olsen-Berg"
        # The store keeps the analysis as found; it corrects it each time it hands it out.
        raw = store.analysis(article_id, corrected=False)
        assert raw is not None and raw.entities[0].name == "Mira Olsen"
    finally:
        controller.close()


def test_a_correction_made_while_an_article_is_analysed_holds_in_its_result(
    qtbot: object, store: CorpusStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = ferry_article()
    article_id = _put(store, article)
    read_back = threading.Event()
    go_on = threading.Event()
    real_as_stored = loading.as_stored

    def as_stored(db_path: str | None, article_id: int | None, fresh: AnalysedArticle) -> AnalysedArticle:
        kept = real_as_stored(db_path, article_id, fresh)
        read_back.set()
        go_on.wait(10)
        return kept

    monkeypatch.setattr(loading, "as_stored", as_stored)
    controller = _controller(store)
    try:
        controller.request(article, article_id)
        qtbot.wait_until(read_back.is_set)  # type: ignore[attr-defined]
        # The analysis is kept and read back from the store, its result on its way to the
        # window, when the user renames:
        store.add_correction(Rename(OLSEN, "Mira Olsen-Berg"))
        controller.corrections_changed()
        with qtbot.wait_signal(controller.full, timeout=10_000) as full:  # type: ignore[attr-defined]
            go_on.set()
        assert [e.name for e in full.args[0].entities] == ["Mira Olsen-Berg", "Harbour Board", "Monday"]
    finally:
        go_on.set()
        controller.close()


def test_work_for_an_article_left_says_nothing(qtbot: object, store: CorpusStore) -> None:
    first = ferry_article()
    second = ferry_article("/articles/1-ferry.txt", "Ferry sails on")
    first_id, second_id = _put(store, first), _put(store, second)
    controller = _controller(store)
    shown: list[AnalysedArticle] = []
    controller.full.connect(shown.append)
    try:
        controller.request(first, first_id)
        with qtbot.wait_signal(controller.full, timeout=10_000):  # type: ignore[attr-defined]
            controller.request(second, second_id)
        qtbot.wait_until(lambda: not controller.is_analysing())  # type: ignore[attr-defined]
        assert [a.article for a in shown] == [second]
    finally:
        controller.close()


@pytest.mark.model
def test_the_real_analysis_shows_quotes_first_then_entities_from_the_analysis_process(
    make_window: MakeWindow, qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No stand-in: the quotes are found on a worker thread of the window's process, the
    entities by spaCy in the analysis process, kept in the folder's store and shown."""
    threads: list[bool] = []
    real_quotes = loading.analyse_quotes

    def watched_quotes(article: Article, progress: Progress) -> AnalysedArticle:
        threads.append(threading.current_thread() is threading.main_thread())
        return real_quotes(article, progress)

    monkeypatch.setattr(loading, "analyse_quotes", watched_quotes)
    folder = tmp_path / "news"
    folder.mkdir()
    body = "\n\n".join(FERRY_PARAGRAPHS)
    (folder / "a.txt").write_text(f"Ferry sails again\n\n{body}\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        "Bridge opens\n\nThe new bridge in Port Alder opened on Friday.\n", encoding="utf-8"
    )
    window = make_window(analyse_fn=None)
    quick: list[AnalysedArticle] = []
    full: list[AnalysedArticle] = []
    window.analysis.quick.connect(quick.append)
    window.analysis.full.connect(full.append)
    window.prepare_background()
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=30_000):  # type: ignore[attr-defined]
        pass
    qtbot.wait_until(lambda: bool(full), timeout=120_000)  # type: ignore[attr-defined]
    current = window.current_item()
    assert isinstance(current, Article) and current.title == "Ferry sails again"
    # The quotes came first, from a worker thread, without entities...
    assert threads and not any(threads)
    assert quick and quick[0].article is current and not quick[0].entities
    assert [q.speaker for q in quick[0].quotes][:1] == ["Mira Olsen"]
    # ...then the whole analysis, with the entities spaCy found, as the store keeps it.
    done = full[-1]
    assert done.article is current
    # (the full path finds reported speech too, which the quick rule path leaves out)
    direct = [q.speaker for q in done.quotes if q.kind == "direct"]
    assert direct == [q.speaker for q in quick[0].quotes]
    assert "Mira Olsen" in {e.name for e in done.entities if e.type == "PERSON"}
    assert window.insights.analysis() == done and not window.insights.is_busy()
    assert window.insights.quote_count() == len(done.quotes)
    listed = [e for e in done.entities if group_of(e.type) != "Dates and numbers"]
    assert window.insights.entities_title.text() == f"Entities ({len(listed)})"
    store = window.list_pane.model.store()
    assert store is not None
    # The folder's analysis follows in the analysis process; the other article is then
    # answered from the store at once.
    qtbot.wait_until(lambda: store.analysed_count() == (2, 2), timeout=120_000)  # type: ignore[attr-defined]
    window.list_pane.select_row(1)
    assert window.current_item() is not None and window.current_item().title == "Bridge opens"  # type: ignore[union-attr]
    assert not window.is_analysing() and not window.insights.is_busy()
    assert len(full) == 1
