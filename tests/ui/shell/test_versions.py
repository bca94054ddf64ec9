"""The same quote in other articles: listed under the quotes, opened with the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import FERRY_PARAGRAPHS
from viewer.core.corpus.groups import Version, differences
from viewer.core.corpus.versions import OtherVersion, OtherVersions
from viewer.ui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]


def test_the_same_quote_in_another_article_is_listed_and_opens(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    body = "\n\n".join(FERRY_PARAGRAPHS)
    (folder / "a.txt").write_text(f"Ferry sails again\n\n{body}\n", encoding="utf-8")
    (folder / "b.txt").write_text("Town news\n\nA zeppelin landed in the square.\n", encoding="utf-8")
    (folder / "c.txt").write_text(f"Island link restored\n\n{body}\n", encoding="utf-8")
    window = make_window()
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=10_000):  # type: ignore[attr-defined]
        pass
    store = window.list_pane.model.store()
    assert store is not None
    qtbot.wait_until(lambda: store.analysed_count() == (3, 3) and store.has_quote_groups(), timeout=10_000)  # type: ignore[attr-defined]
    window.list_pane.select_row(0)
    qtbot.wait_until(lambda: window.insights.quote_count() == 1)  # type: ignore[attr-defined]
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Q)  # type: ignore[attr-defined]
    quote = window.insights.current_quote()
    assert quote is not None
    same = differences(Version(0, quote.text), Version(1, quote.text))
    qtbot.wait_until(lambda: window.insights.version_count() == 1)  # type: ignore[attr-defined]  # looked up off the UI thread
    assert window.insights.versions_title.text() == "Also in 1 other article"
    line = window.insights.versions_view.item(0).text()
    assert line.startswith("Island link restored") and line.endswith("the same words")
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_A)  # type: ignore[attr-defined]
    assert QApplication.focusWidget() is window.insights.versions_view
    qtbot.keyClick(window.insights.versions_view, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert window.windowTitle().startswith("Island link restored")
    # A quote found in no other article shows no list.
    window.list_pane.select_row(1)
    assert window.insights.version_count() == 0
    assert not window.insights.versions_view.isVisible()
    # A lookup that comes back after the user moved on to another article shows nothing.
    stale = OtherVersions(1, (OtherVersion(3, "Island link restored", None, None, "words", None, same),))
    window._on_versions(1, quote, stale)
    assert window.insights.version_count() == 0
