"""The menus from the keyboard: every item of a menu has a letter of its own (Alt+E then the
letter runs it; two items sharing one would only toggle between them)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMenu

from viewer.ui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]


def _mnemonic(text: str) -> str | None:
    at = text.replace("&&", "").find("&")
    return text.replace("&&", "")[at + 1].casefold() if at >= 0 else None


def test_every_menu_item_has_its_own_letter(make_window: MakeWindow) -> None:
    window = make_window()
    menus = window.menuBar().findChildren(QMenu)
    assert len(menus) >= 7  # File, Edit, Go, Article, View, Help and the Copy Quote submenu
    for menu in menus:
        if not menu.title():
            continue  # the menu bar's own overflow menu, when the window is narrow
        seen: dict[str, str] = {}
        for action in menu.actions():
            if action.isSeparator():
                continue
            letter = _mnemonic(action.text())
            assert letter is not None, f"{menu.title()} › {action.text()} has no letter"
            assert letter not in seen, (
                f"{menu.title()}: “{action.text()}” and “{seen[letter]}” share the letter {letter}"
            )
            seen[letter] = action.text()
