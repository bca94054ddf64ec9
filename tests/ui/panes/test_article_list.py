from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import plain_article
from viewer.core.model import ReadFailure
from viewer.ui.panes import article_list
from viewer.ui.panes.article_list import ArticleListModel, ArticleListPane, Role


def _filled_model() -> ArticleListModel:
    model = ArticleListModel()
    model.append_items(
        [
            plain_article(2, date="2024-02-01", source="Gazette"),
            ReadFailure("/articles/broken.json", "not valid JSON (line 1)", "json"),
            plain_article(1, date="2023-12-31", source="Courier"),
            plain_article(3),
        ]
    )
    return model


def test_model_passes_qt_model_tester(qtmodeltester: object) -> None:
    model = _filled_model()
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.append_items([plain_article(9)])
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_filtered_and_sorted_model_passes_qt_model_tester(qtmodeltester: object) -> None:
    model = _filled_model()
    model.set_filter_text("article")
    model.set_sort_key("title")
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.append_items([plain_article(0), ReadFailure("/a/zzz.txt", "gone")])
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_rows_show_title_and_source_date_and_error_rows_are_marked() -> None:
    model = _filled_model()
    # Sorted by file by default: 001, 002, 003, broken.json.
    first = model.index(1, 0)
    assert first.data() == "Article number 2"
    assert first.data(Role.DETAIL) == "Gazette · 1 Feb 2024"
    assert first.data(Role.IS_ERROR) is False
    broken = model.index(3, 0)
    assert broken.data() == "broken.json"
    assert broken.data(Role.IS_ERROR) is True
    assert "not valid JSON" in broken.data(Role.DETAIL)
    assert broken.data(Qt.ItemDataRole.AccessibleTextRole).startswith("Unreadable file broken.json")
    assert model.article_count() == 3
    assert model.failure_count() == 1
    assert model.data(first, Qt.ItemDataRole.DecorationRole) is None
    assert model.visible_items()[3] == ReadFailure("/articles/broken.json", "not valid JSON (line 1)", "json")


def test_hostile_title_stays_plain_text_and_tooltip_is_escaped() -> None:
    model = ArticleListModel()
    hostile = replace(plain_article(1), title='<img src="file:///dev/zero"><b>x')
    model.append_items([hostile])
    index = model.index(0, 0)
    assert index.data() == '<img src="file:///dev/zero"><b>x'
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip
    assert "&lt;img src=&quot;file:///dev/zero&quot;&gt;" in tip


def test_filter_matches_every_word_case_insensitively() -> None:
    proxy = _filled_model()
    proxy.set_filter_text("GAZETTE number")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Article number 2"]
    proxy.set_filter_text("broken")
    assert proxy.rowCount() == 1
    proxy.set_filter_text("")
    assert proxy.rowCount() == 4


def test_sort_by_title_date_and_file() -> None:
    proxy = _filled_model()

    def titles() -> list[str]:
        return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]

    proxy.set_sort_key("title")
    assert titles() == ["Article number 1", "Article number 2", "Article number 3", "broken.json"]
    proxy.set_sort_key("date")
    assert titles()[:2] == ["Article number 2", "Article number 1"]  # dated first, newest first
    proxy.set_sort_key("file")
    assert titles() == ["Article number 1", "Article number 2", "Article number 3", "broken.json"]


def test_pane_selects_next_and_previous(qtbot: object) -> None:
    pane = ArticleListPane()
    qtbot.add_widget(pane)  # type: ignore[attr-defined]
    pane.model.append_items([plain_article(n) for n in range(3)])
    seen: list[object] = []
    pane.current_changed.connect(seen.append)
    assert pane.current_item() == plain_article(0)  # rows arrived: the first is current
    assert pane.select_next()
    assert pane.select_next()
    assert not pane.select_next()  # at the end, stays
    assert pane.current_item() == plain_article(2)
    assert pane.select_previous()
    assert pane.current_item() == plain_article(1)
    assert seen[-1] == plain_article(1)


def test_sorting_keeps_the_current_article_selected(qtbot: object) -> None:
    pane = ArticleListPane()
    qtbot.add_widget(pane)  # type: ignore[attr-defined]
    articles = [plain_article(1, date="2020-01-01"), plain_article(2, date="2024-01-01"), plain_article(3)]
    pane.model.append_items(articles)
    pane.select_row(0)
    pane.set_sort_key("date")
    assert pane.current_item() == articles[0]
    assert pane.view.currentIndex().row() == 1
    pane.filter_edit.setText("number 1")
    assert pane.current_item() == articles[0]
    pane.filter_edit.setText("no such article")
    assert pane.current_item() is None


def test_rows_arriving_out_of_order_are_sorted() -> None:
    model = ArticleListModel()
    model.set_sort_key("title")
    model.append_items([plain_article(5), plain_article(3)])
    model.append_items([plain_article(4)])
    assert [model.index(r, 0).data() for r in range(3)] == [f"Article number {n}" for n in (3, 4, 5)]


def test_search_reaches_body_text_and_reports_counts() -> None:
    model = _filled_model()
    body_only = replace(plain_article(7), paragraphs=("A zeppelin landed in the square.",))
    model.append_items([body_only])
    model.set_filter_text("zeppelin")
    assert model.visible_items() == [body_only]
    assert (model.rowCount(), model.total_count(), model.article_count()) == (1, 5, 4)
    model.set_filter_text('"landed in the"')
    assert model.visible_items() == [body_only]
    model.set_filter_text('"the landed"')
    assert model.rowCount() == 0
    model.set_filter_text("")
    assert model.rowCount() == 5


def test_a_big_store_is_asked_on_a_worker_thread(qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _filled_model()
    monkeypatch.setattr(article_list, "SYNC_QUERY_LIMIT", 0)
    with qtbot.wait_signal(model.refreshed, timeout=5000):  # type: ignore[attr-defined]
        model.set_filter_text("gazette")
        assert model.is_refreshing()  # not answered yet: the answer comes by signal
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Article number 2"]
    # Requests made while one runs: only the newest one's answer is shown.
    with qtbot.wait_signal(model.refreshed, timeout=5000):  # type: ignore[attr-defined]
        model.set_filter_text("courier")
        model.set_filter_text("number")
    qtbot.wait_until(lambda: not model.is_refreshing())  # type: ignore[attr-defined]
    assert model.rowCount() == 3
    model.close()


def test_rows_are_fetched_by_page_and_not_kept() -> None:
    model = ArticleListModel()
    model.append_items([plain_article(n) for n in range(article_list.PAGE * 3)])
    assert len(model._cache) == 0  # nothing painted, nothing fetched
    assert model.index(article_list.PAGE * 2, 0).data() == f"Article number {article_list.PAGE * 2}"
    assert 0 < len(model._cache) <= article_list.PAGE * 2
    model.close()


def test_attaching_another_store_empties_the_list(qtmodeltester: object) -> None:
    model = _filled_model()
    model.attach(None)
    assert model.rowCount() == 0 and model.total_count() == 0
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_showing_an_article_the_search_hides_clears_the_search(qtbot: object) -> None:
    pane = ArticleListPane()
    qtbot.add_widget(pane)  # type: ignore[attr-defined]
    pane.model.append_items([plain_article(n) for n in range(3)])
    hidden = pane.model.id_at(2)
    pane.filter_edit.setText("number 1")
    assert pane.model.rowCount() == 1 and hidden is not None
    pane.show_id(hidden)
    qtbot.wait_until(lambda: pane.current_item() == plain_article(2))  # type: ignore[attr-defined]
    assert pane.filter_edit.text() == ""
    assert pane.model.rowCount() == 3
