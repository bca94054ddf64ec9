"""Copying a quote in each citation format, the Shift+C menu, and the citation preferences."""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu

from tests.ui.conftest import ferry_article
from viewer.ui.clipboard import CSL_JSON_MIME
from viewer.ui.settings import Settings
from viewer.ui.shell.main_window import MainWindow
from viewer.ui.shell.preferences import CitationPreferences

MakeWindow = Callable[..., MainWindow]
QUOTE = "We checked every bolt twice, … Nobody cut corners."


def _ferry_window(make_window: MakeWindow, qtbot: object) -> MainWindow:
    window = make_window()
    window.list_pane.model.append_items([ferry_article()])
    window.list_pane.ensure_selection()
    window.list_pane.view.setFocus()
    qtbot.wait_until(lambda: window.insights.quote_count() == 1 and not window.insights.is_busy())  # type: ignore[attr-defined]
    return window


def test_shift_c_offers_every_format_and_csl_json_is_copied_with_its_type(
    make_window: MakeWindow, qtbot: object
) -> None:
    window = _ferry_window(make_window, qtbot)
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_C, Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
    qtbot.wait_until(lambda: isinstance(QApplication.activePopupWidget(), QMenu))  # type: ignore[attr-defined]
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    titles = [a.text().replace("&", "") for a in menu.actions()]
    assert titles == [
        "Plain Text",
        "Markdown",
        "HTML",
        "CSL-JSON (Zotero, pandoc)",
        "Template (Citation Preferences)",
    ]
    assert window.insights.current_quote_row() == 0  # the first quote was selected to copy
    menu.actions()[3].trigger()
    menu.close()
    mime = QGuiApplication.clipboard().mimeData()
    items = json.loads(mime.text())
    assert items[0]["type"] == "article-newspaper"
    assert items[0]["container-title"] == "The Test Gazette"
    assert items[0]["author"] == [{"family": "Writer", "given": "Test"}]
    assert QUOTE in items[0]["note"]
    assert json.loads(bytes(mime.data(CSL_JSON_MIME).data()).decode("utf-8")) == items
    assert window.status_text() == "Copied quote by Mira Olsen as CSL-JSON"


def test_html_goes_on_the_clipboard_as_html_with_plain_text_beside_it(
    make_window: MakeWindow, qtbot: object
) -> None:
    window = _ferry_window(make_window, qtbot)
    window.actions_by_id["copy-quote-html"].trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.html().startswith('<blockquote cite="https://example.org/ferry">')
    assert mime.text().startswith(f"“{QUOTE}” — Mira Olsen, the harbour master")


def test_c_copies_in_the_default_format_chosen(make_window: MakeWindow, qtbot: object) -> None:
    settings = Settings()
    settings.set_citation_format("template")
    settings.set_citation_template("{speaker} ({source}, ¶{paragraph}): {quote}")
    window = _ferry_window(make_window, qtbot)
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_C)  # type: ignore[attr-defined]
    assert QGuiApplication.clipboard().text() == f"Mira Olsen (The Test Gazette, ¶2): {QUOTE}"
    window.actions_by_id["copy-quote-plain"].trigger()
    assert QGuiApplication.clipboard().text().startswith(f"“{QUOTE}” — Mira Olsen")


def test_a_broken_template_copies_nothing_and_says_why(make_window: MakeWindow, qtbot: object) -> None:
    Settings().set_citation_template("{quote} by {author}")
    window = _ferry_window(make_window, qtbot)
    QGuiApplication.clipboard().setText("before")
    window.actions_by_id["copy-quote-template"].trigger()
    assert QGuiApplication.clipboard().text() == "before"
    assert "Unknown field {author}" in window.status_text()


def test_preferences_check_the_template_as_it_is_typed_and_save_it(
    make_window: MakeWindow, qtbot: object
) -> None:
    window = _ferry_window(make_window, qtbot)
    window.actions_by_id["citation-preferences"].trigger()
    dialog = window.findChild(CitationPreferences)
    assert isinstance(dialog, CitationPreferences) and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.template_edit.setText("{quote} — {speaker")
    assert not ok.isEnabled()
    assert dialog.feedback.text().startswith("⚠ “{” at character 11 is never closed")
    dialog.template_edit.clear()
    qtbot.keyClicks(dialog.template_edit, "{speaker}: {quote} [{url}]")  # type: ignore[attr-defined]
    assert ok.isEnabled()
    # The preview cites the quote selected in the window (its first, when none is).
    assert dialog.feedback.text() == f"Preview: Mira Olsen: {QUOTE} [https://example.org/ferry]"
    dialog.format_box.setCurrentIndex(dialog.format_box.findText("Template"))
    ok.click()
    assert not dialog.isVisible()
    assert window.settings.citation_format() == "template"
    assert window.settings.citation_template() == "{speaker}: {quote} [{url}]"
    assert window.status_text() == "Citation preferences saved"
    window.list_pane.view.setFocus()
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_C)  # type: ignore[attr-defined]
    assert QGuiApplication.clipboard().text() == f"Mira Olsen: {QUOTE} [https://example.org/ferry]"


def test_preferences_cancelled_change_nothing(make_window: MakeWindow, qtbot: object) -> None:
    window = _ferry_window(make_window, qtbot)
    window.actions_by_id["citation-preferences"].trigger()
    dialog = window.findChild(CitationPreferences)
    assert isinstance(dialog, CitationPreferences)
    dialog.template_edit.setText("{title}")
    dialog.format_box.setCurrentIndex(dialog.format_box.findText("Markdown"))
    dialog.reject()
    assert window.settings.citation_format() == "plain"
    assert window.settings.citation_template() != "{title}"
