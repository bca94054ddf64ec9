from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QTextBrowser

from viewer.ui.shell.actions import MENUS, SPECS, is_typing, shortcut_rows

# Standard keys (Copy) are resolved by the platform theme: every test here needs the qapp fixture.


def test_every_action_is_declared_once_with_distinct_shortcuts(qapp: object) -> None:
    ids = Counter(spec.id for spec in SPECS)
    assert all(count == 1 for count in ids.values())
    keys = Counter(QKeySequence(k).toString() for spec in SPECS for k in spec.shortcuts)
    duplicated = [k for k, count in keys.items() if count > 1]
    assert duplicated == []
    assert {spec.menu for spec in SPECS} <= set(MENUS)


def test_required_shortcuts_are_there(qapp: object) -> None:
    by_id = {spec.id: {QKeySequence(k).toString() for k in spec.shortcuts} for spec in SPECS}
    assert {"J", "Down"} <= by_id["next-article"]
    assert {"K", "Up"} <= by_id["previous-article"]
    assert by_id["next-quote"] == {"Q"}
    assert by_id["previous-quote"] == {"Shift+Q"}
    assert by_id["next-mention"] == {"E"}
    assert by_id["copy-quote"] == {"C"}
    assert {"Ctrl+L", "/"} <= by_id["filter"]
    assert {"F1", "?"} <= by_id["shortcuts"]
    assert by_id["quit"] == {"Ctrl+Q"}
    assert by_id["focus-list"] == {"Alt+1"}


def test_single_keys_are_marked_and_listed_on_the_sheet(qapp: object) -> None:
    single = {spec.id for spec in SPECS if spec.single_key}
    assert {"next-article", "next-quote", "copy-quote", "page-down", "filter"} <= single
    assert "open" not in single
    rows = shortcut_rows()
    assert (
        "Go",
        "Next Article",
        f"j, {QKeySequence('Down').toString(QKeySequence.SequenceFormat.NativeText)}",
    ) in rows


def test_the_sheet_shows_keys_as_typed(qapp: object) -> None:
    keys = {title: keys for _menu, title, keys in shortcut_rows()}
    assert keys["Next Quote"] == "q"
    assert keys["Previous Quote"] == "Shift+q"
    assert keys["Copy Quote with Attribution"] == "c"
    assert keys["Copy Quote As"] == "Shift+c"
    assert keys["Quit"] == "Ctrl+Q"  # a combination keeps Qt's spelling
    assert keys["Page Down (next article at the end)"] == "Space"


def test_typing_places(qtbot: object) -> None:
    edit, reader, view = QLineEdit(), QTextBrowser(), QListView()
    for widget in (edit, reader, view):
        qtbot.add_widget(widget)  # type: ignore[attr-defined]
    assert is_typing(edit)
    assert not is_typing(reader)  # read-only: letters are commands
    assert not is_typing(view)
    assert not is_typing(QLabel())
    assert not is_typing(None)
