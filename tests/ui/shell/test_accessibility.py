"""Accessibility (issue 11): names and descriptions, the quote list through QAccessible, tab
order, and the contrast of both themes (WCAG AA: text at least 4.5:1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTextBrowser,
    QWidget,
)

from tests.ui.conftest import ferry_article
from viewer.ui.shell.main_window import MainWindow
from viewer.ui.themes import DARK, LIGHT, Colors, palette_for

MakeWindow = Callable[..., MainWindow]
AA_TEXT = 4.5


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(one: QColor, two: QColor) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("colors", [LIGHT, DARK], ids=["light", "dark"])
def test_every_text_colour_of_both_themes_reads_at_aa(qapp: object, colors: Colors) -> None:
    palette = palette_for(colors)
    role = QPalette.ColorRole
    pairs = {
        "text on base": (role.Text, role.Base),
        "text on alternate rows": (role.Text, role.AlternateBase),
        "window text": (role.WindowText, role.Window),
        "button text": (role.ButtonText, role.Button),
        "selected text": (role.HighlightedText, role.Highlight),
        "muted text on base": (role.PlaceholderText, role.Base),
        "tooltip": (role.ToolTipText, role.ToolTipBase),
        "link": (role.Link, role.Base),
    }
    ratios = {name: contrast(palette.color(fg), palette.color(bg)) for name, (fg, bg) in pairs.items()}
    # The reader: its text on the page, on a caption's box and under every highlight.
    text = QColor(colors.text)
    for background in (
        "base",
        "figure_bg",
        "quote_hl",
        "cue_hl",
        "speaker_hl",
        "mention_hl",
        "current_hl",
        "find_hl",
        "find_current",
    ):
        ratios[f"reader text on {background}"] = contrast(text, QColor(getattr(colors, background)))
    for background in ("base", "window", "figure_bg"):
        ratios[f"muted on {background}"] = contrast(QColor(colors.muted), QColor(getattr(colors, background)))
    low = {name: round(ratio, 2) for name, ratio in ratios.items() if ratio < AA_TEXT}
    assert low == {}


def test_every_pane_list_and_control_has_a_name_and_a_description(
    make_window: MakeWindow, qtbot: object
) -> None:
    window = make_window()
    kinds = (QAbstractItemView, QTextBrowser, QLineEdit, QComboBox, QAbstractButton)
    widgets: list[QWidget] = [w for kind in kinds for w in window.findChildren(kind)]
    widgets += [window.list_pane, window.reader_pane, window.insights, window.reader_pane.find_bar]

    def made_by_qt(widget: QWidget) -> bool:
        """Parts Qt builds inside its own widgets (a line edit's clear button, a combo box's
        popup list, the menu bar's overflow button, a hidden header) speak for themselves."""
        parent = widget.parentWidget()
        grandparent = parent.parentWidget() if parent is not None else None
        return (
            widget.objectName().startswith("qt_")
            or isinstance(parent, QLineEdit)
            or isinstance(grandparent, QComboBox)
            or (isinstance(widget, QHeaderView) and widget.isHidden())
        )

    missing = [
        f"{type(w).__name__} {w.accessibleName()!r}"
        for w in widgets
        if not made_by_qt(w) and (not w.accessibleName() or not w.accessibleDescription())
    ]
    assert missing == []
    for widget in (window.list_pane.view, window.reader_pane.view, window.insights.quote_view):
        interface = QAccessible.queryAccessibleInterface(widget)
        assert interface is not None
        assert interface.text(QAccessible.Text.Name) == widget.accessibleName()
        assert interface.text(QAccessible.Text.Description) == widget.accessibleDescription()


def test_the_current_quote_is_read_out_with_its_speaker(make_window: MakeWindow, qtbot: object) -> None:
    window = make_window()
    window.list_pane.model.append_items([ferry_article()])
    window.list_pane.ensure_selection()
    window.list_pane.view.setFocus()
    qtbot.wait_until(lambda: window.insights.quote_count() == 1 and not window.insights.is_busy())  # type: ignore[attr-defined]
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Q)  # type: ignore[attr-defined]
    index = window.insights.quote_view.currentIndex()
    assert index.isValid()
    interface = QAccessible.queryAccessibleInterface(window.insights.quote_view)
    assert interface is not None
    assert interface.role() == QAccessible.Role.List
    assert interface.childCount() == 1
    cell = interface.child(index.row())
    assert cell is not None and cell.role() == QAccessible.Role.ListItem
    spoken = cell.text(QAccessible.Text.Name)
    assert "Mira Olsen, the harbour master" in spoken
    assert "We checked every bolt twice, … Nobody cut corners." in spoken
    assert cell.state().selected


def test_tab_follows_the_layout_left_to_right(make_window: MakeWindow, qtbot: object) -> None:
    window = make_window()
    window.list_pane.model.append_items([ferry_article()])
    window.list_pane.ensure_selection()
    pane = window.list_pane
    pane.filter_edit.setFocus()
    order = [QApplication.focusWidget()]
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # type: ignore[attr-defined]
        if QApplication.focusWidget() is not order[-1]:  # the reader first visits its links
            order.append(QApplication.focusWidget())
    expected = [
        pane.filter_edit,
        pane.sort_box,
        pane.view,
        window.reader_pane.view,
        window.insights.kind_filter,
        window.insights.quote_view,
        window.insights.show_dates,
    ]
    assert order[: len(expected)] == expected
