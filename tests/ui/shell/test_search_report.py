"""Search that reports (issue 11): counts while reading, words searched for shown in the reader."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QTextCursor

from tests.ui.conftest import ferry_article, plain_article
from viewer.ui.shell.main_window import MainWindow
from viewer.ui.text import number

MakeWindow = Callable[..., MainWindow]


def _text_at(window: MainWindow, hit: tuple[int, int]) -> str:
    cursor = QTextCursor(window.reader_pane.view.document())
    cursor.setPosition(hit[0])
    cursor.setPosition(hit[1], QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def test_words_searched_for_are_highlighted_and_f3_steps_through_them(
    make_window: MakeWindow, qtbot: object
) -> None:
    window = make_window()
    window.list_pane.model.append_items([ferry_article(), plain_article(1)])
    window.list_pane.ensure_selection()
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    qtbot.keyClicks(window.list_pane.filter_edit, "harbour")  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: window.status.count_label.text() == "1 of 2 articles")  # type: ignore[attr-defined]
    qtbot.keyClick(window.list_pane.filter_edit, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    hits = window.search_hits()
    assert [_text_at(window, h) for h in hits] == ["Harbour", "harbour", "Harbour"]  # credit, body, body
    assert window.reader_pane.view.layer("search") == hits
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_F3)  # type: ignore[attr-defined]
    assert window.reader_pane.view.layer("search-current") == [hits[0]]
    assert window.status_text() == "Searched word 1 of 3"
    assert not window.reader_pane.find_bar.isVisible()
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_F3)  # type: ignore[attr-defined]
    assert window.reader_pane.view.layer("search-current") == [hits[1]]
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
    assert window.reader_pane.view.layer("search-current") == [hits[0]]
    # With no search, F3 opens the find bar as before.
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Slash)  # type: ignore[attr-defined]
    qtbot.keyClick(window.list_pane.filter_edit, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert window.search_hits() == []
    assert window.status_text() == ""  # "Searched word 1 of 3" went with the search
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_F3)  # type: ignore[attr-defined]
    assert window.reader_pane.find_bar.isVisible()


def test_the_count_says_how_far_reading_has_got(
    make_window: MakeWindow, qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(400):
        (folder / f"{n:04d}.txt").write_text(f"Story {n}\n\nWords of story {n}.\n", encoding="utf-8")
    window = make_window()
    shown: list[str] = []
    original = window.status.count_label.setText
    monkeypatch.setattr(
        window.status.count_label, "setText", lambda text: (shown.append(text), original(text))
    )
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=20_000):  # type: ignore[attr-defined]
        pass
    assert any(re.search(r"· Reading [\d,]+ of 400$", text) for text in shown), shown[-5:]
    assert window.status.count_label.text() == "400 articles"  # done: the reading part goes


def test_counts_use_the_locale_thousands_separator(qapp: object) -> None:
    before = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
        assert number(20000) == "20.000"
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        assert number(20000) == "20,000"
        QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
        assert number(20000) == "20\u202f000"
        QLocale.setDefault(QLocale.c())
        assert number(20000) == "20,000"
    finally:
        QLocale.setDefault(before)


def test_one_big_file_counts_its_articles_while_read(
    make_window: MakeWindow, qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    line = '{{"title": "Story {n}", "text": "Words of story {n}."}}\n'
    corpus.write_text("".join(line.format(n=n) for n in range(3000)), encoding="utf-8")
    window = make_window()
    shown: list[str] = []
    original = window.status.count_label.setText
    monkeypatch.setattr(
        window.status.count_label, "setText", lambda text: (shown.append(text), original(text))
    )
    with qtbot.wait_signal(window.open_paths([corpus]).ended, timeout=30_000):  # type: ignore[attr-defined]
        pass
    assert not any("of 1" in text for text in shown)  # never "Reading 0 of 1" (files)
    assert window.status.count_label.text() == "3,000 articles"
