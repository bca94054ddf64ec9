"""p opens the speaker page: from an entity, a quote's speaker or a speaker: search; Enter on a
quote opens its article with the quote selected."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.conftest import FERRY_PARAGRAPHS, ferry_analysis
from viewer.core.model import AnalysedArticle, Article, Entity, Mention
from viewer.ui.background.workers import Progress
from viewer.ui.panes.speaker_page import QuoteColumn, SpeakerPage
from viewer.ui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]
NAMED_ONLY = "Mira Olsen opened the new waiting room at the pier."


def analyse(article: Article, progress: Progress) -> AnalysedArticle:
    """Stands in for spaCy: the ferry text quotes Mira Olsen; another article only names her."""
    if article.paragraphs == FERRY_PARAGRAPHS:
        return ferry_analysis(article)
    if NAMED_ONLY in article.paragraphs:
        mention = Mention("paragraph", article.paragraphs.index(NAMED_ONLY), 0, 10)
        return AnalysedArticle(article, (), (Entity("Mira Olsen", "PERSON", ("Mira Olsen",), (mention,)),))
    return AnalysedArticle(article)


def open_news(make_window: MakeWindow, qtbot: object, tmp_path: Path) -> MainWindow:
    folder = tmp_path / "news"
    folder.mkdir()
    ferry = "\n\n".join(FERRY_PARAGRAPHS)
    records = [
        {"title": "Ferry sails again", "text": ferry, "date": "2024-05-06", "source": "Gazette"},
        {"title": "Zeppelin lands", "text": "A zeppelin landed in the square.", "date": "2024-05-07"},
        {"title": "Island link restored", "text": ferry, "date": "2024-06-02", "source": "Courier"},
        {
            "title": "Pier news",
            "text": f"Pier news.\n\n{NAMED_ONLY}",
            "date": "2024-07-01",
            "source": "Gazette",
        },
    ]
    (folder / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    window = make_window(analyse_fn=analyse)
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=10_000):  # type: ignore[attr-defined]
        pass
    store = window.list_pane.model.store()
    assert store is not None
    qtbot.wait_until(lambda: store.analysed_count() == (4, 4), timeout=10_000)  # type: ignore[attr-defined]
    window.list_pane.select_row(0)
    qtbot.wait_until(lambda: window.insights.quote_count() == 1)  # type: ignore[attr-defined]
    return window


def shown_page(window: MainWindow, qtbot: object) -> SpeakerPage:
    page = window.findChild(SpeakerPage)
    assert page is not None and page.isVisible()
    qtbot.wait_until(lambda: page.profile() is not None, timeout=10_000)  # type: ignore[attr-defined]
    return page


def test_p_on_an_entity_opens_its_page_and_enter_opens_the_quote(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window = open_news(make_window, qtbot, tmp_path)
    assert window.insights.select_first_entity() is not None  # Mira Olsen, the only person
    window.insights.entity_view.setFocus()
    qtbot.keyClick(window.insights.entity_view, Qt.Key.Key_P)  # type: ignore[attr-defined]
    page = shown_page(window, qtbot)
    profile = page.profile()
    assert profile is not None and profile.speaker.name == "Mira Olsen" and profile.speaker.type == "PERSON"
    assert page.heading.text() == "Mira Olsen (person)"
    assert (profile.quoted_articles, profile.mentioned_articles) == (2, 1)
    assert page.model.rowCount() == 2
    assert [page.model.index(r, QuoteColumn.TITLE).data() for r in range(2)] == [
        "Island link restored",
        "Ferry sails again",
    ]
    assert [(t.key, t.quoted, t.mentioned) for t in page.chart.tallies()] == [
        ("2024-05", 1, 0),
        ("2024-06", 1, 0),
        ("2024-07", 0, 1),
    ]
    sources = [page.sources.topLevelItem(n).text(0) for n in range(page.sources.topLevelItemCount())]  # type: ignore[union-attr]
    assert sources == ["Gazette", "Courier"]
    # The newest quote is current; Enter opens its article with the quote selected.
    assert page.table.currentIndex().row() == 0 and page.current_quote() == profile.quotes[0]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert not page.isVisible()
    assert window.windowTitle().startswith("Island link restored")
    qtbot.wait_until(lambda: window.insights.current_quote_row() == 0)  # type: ignore[attr-defined]
    # The older quote opened, then p again (the opened quote's speaker): the page comes back
    # at that quote, not at the newest.
    qtbot.wait_until(window.isActiveWindow)  # type: ignore[attr-defined]  # the page handed the keyboard back
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_P)  # type: ignore[attr-defined]
    page = shown_page(window, qtbot)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)  # type: ignore[attr-defined]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert window.windowTitle().startswith("Ferry sails again")
    qtbot.wait_until(window.isActiveWindow)  # type: ignore[attr-defined]
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_P)  # type: ignore[attr-defined]
    page = shown_page(window, qtbot)
    assert page.table.currentIndex().row() == 1
    assert page.model.index(1, QuoteColumn.TITLE).data() == "Ferry sails again"


def test_p_on_a_quote_opens_the_page_of_its_speaker(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window = open_news(make_window, qtbot, tmp_path)
    window.insights.step_quote(1)
    window.insights.quote_view.setFocus()
    qtbot.keyClick(window.insights.quote_view, Qt.Key.Key_P)  # type: ignore[attr-defined]
    page = shown_page(window, qtbot)
    profile = page.profile()
    # The speaker's entity in the article gave the type and the variant "Olsen".
    assert profile is not None and profile.speaker.type == "PERSON" and "Olsen" in profile.speaker.variants
    assert len(profile.quotes) == 2


def test_p_after_a_speaker_search_opens_the_searched_speaker(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window = open_news(make_window, qtbot, tmp_path)
    window.list_pane.set_search('speaker:"Mira Olsen"')
    qtbot.wait_until(lambda: window.list_pane.model.rowCount() == 2)  # type: ignore[attr-defined]
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_P)  # type: ignore[attr-defined]
    page = shown_page(window, qtbot)
    profile = page.profile()
    assert profile is not None and profile.speaker.name == "Mira Olsen" and profile.articles == 3
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert not page.isVisible()


def test_p_with_nobody_selected_says_what_to_do(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window = open_news(make_window, qtbot, tmp_path)
    window.list_pane.select_row(1)  # the zeppelin: no quotes, no entities
    qtbot.wait_until(lambda: window.windowTitle().startswith("Zeppelin"))  # type: ignore[attr-defined]
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_P)  # type: ignore[attr-defined]
    assert window.findChild(SpeakerPage) is None
    assert window.status_text().startswith("No speaker")
