"""A folder analysed elsewhere and imported (``python -m viewer import``) opens at once, its
quotes, entities, quote groups and speaker pages there, without a single article analysed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.conftest import FERRY_PARAGRAPHS, ferry_analysis
from viewer.__main__ import main
from viewer.core.batch import WorkUnit, encoded, read_unit, work_units
from viewer.core.model import AnalysedArticle, Article
from viewer.ui.background.workers import Progress
from viewer.ui.panes.speaker_page import SpeakerPage
from viewer.ui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]


def _analysed_elsewhere(folder: Path, out: Path) -> None:
    """The extract output a cluster would write for ``folder``, its analysis made by the tests'
    stand-in for the language model (the ferry text quotes Mira Olsen)."""
    lines = []
    for unit in work_units([str(folder)]):
        assert isinstance(unit, WorkUnit)
        for item in read_unit(unit):
            if isinstance(item, Article):
                result = (
                    ferry_analysis(item) if item.paragraphs == FERRY_PARAGRAPHS else AnalysedArticle(item)
                )
                lines.append(encoded(result).line)
    out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def test_an_imported_folder_shows_its_analysis_without_analysing(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    ferry = "\n\n".join(FERRY_PARAGRAPHS)
    records = [
        {"title": "Ferry sails again", "text": ferry, "date": "2024-05-06", "source": "Gazette"},
        {"title": "Zeppelin lands", "text": "A zeppelin landed in the square.", "date": "2024-05-07"},
        {"title": "Island link restored", "text": ferry, "date": "2024-06-02", "source": "Courier"},
    ]
    (folder / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    analysis = tmp_path / "analysis.jsonl"
    _analysed_elsewhere(folder, analysis)
    assert main(["import", str(analysis), "--for", str(folder)]) == 0  # into the window's cache

    analysed: list[str] = []

    def never(article: Article, progress: Progress) -> AnalysedArticle:
        analysed.append(article.title)
        return AnalysedArticle(article)

    window = make_window(analyse_fn=never)
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=10_000):  # type: ignore[attr-defined]
        pass
    store = window.list_pane.model.store()
    assert store is not None
    assert window.list_pane.model.rowCount() == 3 and store.analysed_count() == (3, 3)
    window.list_pane.select_row(0)
    qtbot.wait_until(lambda: window.insights.quote_count() == 1)  # type: ignore[attr-defined]
    # The quote and its speaker, and the statement's other version, grouped at import.
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Q)  # type: ignore[attr-defined]
    quote = window.insights.current_quote()
    assert quote is not None and quote.speaker == "Mira Olsen"
    qtbot.wait_until(lambda: window.insights.version_count() == 1)  # type: ignore[attr-defined]
    assert window.insights.versions_title.text() == "Also in 1 other article"
    # The speaker's page, from the imported analysis.
    window.list_pane.view.setFocus()
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_P)  # type: ignore[attr-defined]
    page = window.findChild(SpeakerPage)
    assert page is not None and page.isVisible()
    qtbot.wait_until(lambda: page.profile() is not None, timeout=10_000)  # type: ignore[attr-defined]
    profile = page.profile()
    assert profile is not None and profile.speaker.name == "Mira Olsen" and profile.quoted_articles == 2
    page.close()
    window.list_pane.select_row(1)
    window.list_pane.select_row(2)
    qtbot.wait_until(lambda: window.insights.quote_count() == 1)  # type: ignore[attr-defined]
    assert analysed == []
