"""Every registered shortcut, pressed with a real key event, does something you can see.

The walk goes through the action table itself: an action added later with a shortcut is
pressed here too. Each key gets a small setup that puts the window where the key has work to
do (an article that scrolls, a quote to step to, a selection to copy), then the window's
visible state is compared before and after the press.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.ui.conftest import ferry_article
from viewer.core.model import Article
from viewer.ui.shell import commands
from viewer.ui.shell.actions import SPECS, ActionSpec
from viewer.ui.shell.main_window import MainWindow
from viewer.ui.shell.shortcut_sheet import ShortcutSheet

MakeWindow = Callable[..., MainWindow]
#: Pressed last, in this order: they replace the list (open) or end the window (quit).
LAST = ("open", "open-files", "reload", "quit")


def _long_article() -> Article:
    words = " ".join(f"word{n}" for n in range(60))
    paragraphs = tuple(f"Paragraph {n}: {words}." for n in range(60))
    return Article("/aaa/long.txt", "text", "A long article", paragraphs)


def _snapshot(window: MainWindow) -> dict[str, object]:
    sheet = window.findChild(ShortcutSheet)
    current = window.current_item()
    entity = window.insights.current_entity()
    return {
        "article": current.title if isinstance(current, Article) else None,
        "focus": id(QApplication.focusWidget()),
        "status": window.status_text(),
        "clipboard": QGuiApplication.clipboard().text(),
        "zoom": window.reader_pane.view.zoom(),
        "scroll": window.reader_pane.view.verticalScrollBar().value(),
        "find bar": window.reader_pane.find_bar.isVisible(),
        "sheet": sheet is not None and sheet.isVisible(),
        "quote": window.insights.current_quote_row(),
        "entity": entity.name if entity else None,
        "mention": window.mention_position(),
        "list shown": window.list_pane.isVisible(),
        "panel shown": window.insights.isVisible(),
        "search": window.list_pane.filter_edit.text(),
        "opened": window.opened_paths(),
        "loading": window.is_loading(),
        "window shown": window.isVisible(),
    }


def _press(qtbot: object, keys: object) -> None:
    combo = QKeySequence(keys)[0]  # type: ignore[call-overload,index]
    target = QApplication.focusWidget() or QApplication.activeWindow()
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())  # type: ignore[attr-defined]


def test_every_shortcut_does_something(
    make_window: MakeWindow, qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "walk"
    folder.mkdir()
    (folder / "a.txt").write_text("Opened story\n\nWords of the opened story.\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(folder))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_args: ([str(folder / "a.txt")], ""))
    quits: list[bool] = []
    monkeypatch.setattr(commands.QApplication, "quit", lambda: quits.append(True))

    window = make_window()
    window.resize(900, 600)
    ferry = ferry_article()
    articles = [_long_article(), ferry, replace(ferry, path="/walk/2-ferry.txt", title="Ferry again")]
    window.list_pane.model.append_items(articles)
    window.list_pane.ensure_selection()
    view, reader, panel = window.list_pane.view, window.reader_pane.view, window.insights

    def show(row: int, *, analysed: bool = False) -> None:
        window.list_pane.select_row(row)
        if analysed:
            qtbot.wait_until(lambda: panel.quote_count() == 1 and not panel.is_busy())  # type: ignore[attr-defined]

    def select_words() -> None:
        show(0)
        reader.setTextCursor(reader.document().find("Paragraph 3"))
        reader.setFocus()

    def scrolled() -> None:
        show(0)
        reader.verticalScrollBar().setValue(reader.verticalScrollBar().maximum())

    def no_quote() -> None:
        show(1, analysed=True)
        panel.quote_view.setCurrentIndex(QModelIndex())
        panel.entity_view.setCurrentItem(None)  # type: ignore[arg-type]

    setups: dict[str, Callable[[], None]] = {
        "copy": select_words,
        "next-article": lambda: show(0),
        "previous-article": lambda: show(1),
        "page-down": lambda: show(0),
        "page-up": scrolled,
        "next-quote": no_quote,
        "previous-quote": no_quote,
        "next-mention": no_quote,
        "previous-mention": no_quote,
        "copy-quote": no_quote,
        "copy-quote-as": no_quote,
        "articles-naming-entity": no_quote,
        "quotes-by-speaker": no_quote,
        # Corrections need a selected entity or quote; without one they say so.
        "rename-entity": no_quote,
        "merge-entity": no_quote,
        "split-entity": no_quote,
        "not-entity": no_quote,
        "retype-entity": no_quote,
        "fix-speaker": no_quote,
        "focus-list": reader.setFocus,
        "zoom-reset": lambda: reader.set_zoom(3),
    }

    def reset() -> None:
        """Between keys: no sheet, no menu, no find bar, no search, both panes, the window active."""
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        sheet = window.findChild(ShortcutSheet)
        if sheet is not None:
            sheet.close()
        window.reader_pane.find_bar.close_bar()
        window.list_pane.filter_edit.clear()
        for pane in ("list", "panel"):
            if not window.is_pane_shown(pane):
                window.set_pane_shown(pane, True)
        if window.is_loading():
            qtbot.wait_until(lambda: not window.is_loading(), timeout=10_000)  # type: ignore[attr-defined]
        window.activateWindow()
        qtbot.wait_until(lambda: QApplication.activeWindow() is window)  # type: ignore[attr-defined]
        view.setFocus()
        window.show_status("")
        QGuiApplication.clipboard().setText("")

    specs: list[ActionSpec] = sorted(
        (s for s in SPECS if s.shortcuts), key=lambda s: LAST.index(s.id) if s.id in LAST else -1
    )
    pressed: list[str] = []
    for spec in specs:
        for keys in spec.shortcuts:
            reset()
            setups.get(spec.id, lambda: None)()
            before = _snapshot(window)
            _press(qtbot, keys)
            after = _snapshot(window)
            changed = {name for name in before if before[name] != after[name]}
            label = f"{spec.id} ({QKeySequence(keys).toString()})"
            assert changed, f"{label} did nothing visible: {before}"
            pressed.append(label)
    assert quits == [True]
    assert not window.isVisible()
    # Every shortcut of the table was pressed, the eight never pressed before among them.
    assert len(pressed) == sum(len(s.shortcuts) for s in SPECS)
    for label in ("Shift+C", "Shift+Space", "Shift+F3", "Ctrl+C", "?", "Ctrl+-", "F5", "Ctrl+Q", "N)", "S)"):
        assert any(label in p for p in pressed), label
