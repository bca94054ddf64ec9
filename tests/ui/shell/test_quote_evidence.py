"""The evidence for a quote, with real key presses: q selects a reported statement and the
reader lights its words, its cue and the words that decided its speaker, each in its own
style; the filter is remembered; c never copies reported speech in quotation marks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QTextCharFormat, QTextFormat
from PySide6.QtWidgets import QApplication

from tests.ui.voices import COUNCIL, LIND, NEARLY, SCANDAL, analyse_pier, pier_article
from viewer.core.model import AnalysedArticle, Article, Quote
from viewer.ui.panes.reader import TextRange
from viewer.ui.settings import Settings
from viewer.ui.shell.main_window import MainWindow
from viewer.ui.themes import DARK, LIGHT

MakeWindow = Callable[..., MainWindow]


def _pier_window(make_window: MakeWindow, qtbot: object, listed: int = 4) -> MainWindow:
    window = make_window(analyse_fn=analyse_pier)
    window.list_pane.model.append_items([pier_article()])
    window.list_pane.ensure_selection()
    window.list_pane.view.setFocus()
    qtbot.wait_until(  # type: ignore[attr-defined]
        lambda: window.insights.quote_count() == listed and not window.insights.is_busy()
    )
    return window


def _where(window: MainWindow, paragraph: int, start: int, end: int) -> tuple[int, int]:
    located = window.reader_pane.view.document_range(TextRange("paragraph", paragraph, start, end))
    assert located is not None
    return located


def _lit(window: MainWindow) -> dict[tuple[int, int], QTextCharFormat]:
    """Each range the reader lights, with its format."""
    selections = window.reader_pane.view.extraSelections()
    return {
        (s.cursor.selectionStart(), s.cursor.selectionEnd()): QTextCharFormat(s.format) for s in selections
    }


def _evidence(window: MainWindow, quote: Quote) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    (words,) = quote.spans
    cue, mention = quote.cue_span, quote.speaker_mention
    assert cue is not None and mention is not None
    return (
        _where(window, words.paragraph, words.start, words.end),
        _where(window, cue.paragraph, cue.start, cue.end),
        _where(window, mention.paragraph, mention.start, mention.end),
    )


def test_q_selects_a_reported_statement_and_the_reader_lights_words_cue_and_speaker(
    make_window: MakeWindow, qtbot: object
) -> None:
    window = _pier_window(make_window, qtbot)
    with qtbot.wait_signal(window.insights.quote_selected):  # type: ignore[attr-defined]
        qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Q)  # type: ignore[attr-defined]
    assert window.insights.current_quote() == COUNCIL  # the first in the text, reported
    words, cue, speaker = _evidence(window, COUNCIL)
    lit = _lit(window)
    assert {words, cue, speaker} <= set(lit)
    assert lit[words].background().color() == QColor(LIGHT.quote_hl)
    assert lit[cue].background().color() == QColor(LIGHT.cue_hl)
    assert lit[speaker].background().color() == QColor(LIGHT.speaker_hl)
    # Told apart by more than colour: the cue dash-underlined, the speaker underlined.
    assert lit[cue].underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
    assert lit[speaker].underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline
    assert not lit[words].hasProperty(QTextFormat.Property.TextUnderlineStyle)
    assert window.status_text() == (
        "Reported statement 1 of 4: the cue ‘said’ dash-underlined, the speaker's words ‘the council’ underlined"
    )
    reader = window.reader_pane.view
    assert reader.layer("quote") == [words]
    assert reader.layer("quote-cue") == [cue] and reader.layer("quote-speaker") == [speaker]

    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Q)  # type: ignore[attr-defined]
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Q)  # type: ignore[attr-defined]
    assert window.insights.current_quote() == NEARLY
    words, cue, speaker = _evidence(window, NEARLY)
    assert reader.layer("quote-speaker") == [speaker]  # "she", the pronoun that decided it
    assert window.insights.quote_model.text(2).evidence == "speaker from ‘she’, paragraph 3"
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
    assert window.insights.current_quote() == LIND


def test_the_evidence_keeps_its_styles_in_the_dark_theme(make_window: MakeWindow, qtbot: object) -> None:
    window = _pier_window(make_window, qtbot)
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
    assert window.insights.current_quote() == SCANDAL  # Shift+Q from nothing: the last
    window.actions_by_id["theme-dark"].trigger()
    words, cue, speaker = _evidence(window, SCANDAL)
    lit = _lit(window)
    assert lit[words].background().color() == QColor(DARK.quote_hl)
    assert lit[cue].background().color() == QColor(DARK.cue_hl)
    assert lit[speaker].background().color() == QColor(DARK.speaker_hl)


def test_c_copies_a_reported_statement_as_reported_never_in_quotation_marks(
    make_window: MakeWindow, qtbot: object
) -> None:
    window = _pier_window(make_window, qtbot)
    for _ in range(2):
        qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Q)  # type: ignore[attr-defined]
    assert window.insights.current_quote() == LIND
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_C)  # type: ignore[attr-defined]
    text = QGuiApplication.clipboard().text()
    assert text.startswith(
        "Reported: Ana Lind, the mayor, said the pier would open in May (paraphrase, not the speaker's own words)"
    )
    assert "“the pier" not in text and "May”" not in text
    assert QGuiApplication.clipboard().mimeData().html().startswith('<p class="reported-speech">')
    # the status bar does not call it a quote either
    assert window.status_text().startswith("Copied reported statement by Ana Lind")


def test_direct_quotes_only_is_chosen_with_keys_and_remembered(
    make_window: MakeWindow, qtbot: object
) -> None:
    window = _pier_window(make_window, qtbot)
    panel = window.insights
    panel.kind_filter.setFocus()
    qtbot.wait_until(lambda: QApplication.focusWidget() is panel.kind_filter)  # type: ignore[attr-defined]
    qtbot.keyClick(panel.kind_filter, Qt.Key.Key_Down)  # type: ignore[attr-defined]
    assert panel.quote_count() == 1
    assert Settings().quote_filter() == "direct"
    assert window.actions_by_id["direct-quotes-only"].isChecked()
    window.list_pane.view.setFocus()
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Q)  # type: ignore[attr-defined]
    assert panel.current_quote() == NEARLY  # q steps through the quotes listed
    window.close()

    again = _pier_window(make_window, qtbot, listed=1)
    assert again.insights.quote_filter() == "direct"
    assert again.insights.kind_filter.currentText() == "Direct quotes only"
    again.actions_by_id["direct-quotes-only"].trigger()
    assert again.insights.quote_count() == 4 and Settings().quote_filter() == "all"


def test_a_document_source_is_lit_and_named_as_the_source(make_window: MakeWindow, qtbot: object) -> None:
    mention = COUNCIL.speaker_mention
    assert mention is not None
    sourced = replace(COUNCIL, speaker=None, speaker_mention=replace(mention, via="document"))

    def analyse(article: Article, progress: object) -> AnalysedArticle:
        return AnalysedArticle(article, (sourced, LIND, NEARLY, SCANDAL))

    window = make_window(analyse_fn=analyse)
    window.list_pane.model.append_items([pier_article()])
    window.list_pane.ensure_selection()
    window.list_pane.view.setFocus()
    qtbot.wait_until(  # type: ignore[attr-defined]
        lambda: window.insights.quote_count() == 4 and not window.insights.is_busy()
    )
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Q)  # type: ignore[attr-defined]
    assert window.insights.current_quote() == sourced
    _, _, source = _evidence(window, sourced)
    assert window.reader_pane.view.layer("quote-speaker") == [source]
    assert window.status_text() == (
        "Reported statement 1 of 4: the cue ‘said’ dash-underlined, the source's words ‘the council’ underlined"
    )


def test_a_quote_no_longer_listed_takes_its_highlight_and_status_with_it(
    make_window: MakeWindow, qtbot: object
) -> None:
    window = _pier_window(make_window, qtbot)
    qtbot.keyClick(window.list_pane.view, Qt.Key.Key_Q)  # type: ignore[attr-defined]
    assert window.insights.current_quote() == COUNCIL
    assert window.status_text().startswith("Reported statement 1 of 4")
    shown = window.insights.analysis()
    assert shown is not None
    others = tuple(q for q in shown.quotes if q != COUNCIL)
    with qtbot.wait_signal(window.insights.quote_selected):  # type: ignore[attr-defined]
        window.insights.set_analysis(AnalysedArticle(shown.article, others, shown.entities))  # corrected away
    assert window.insights.current_quote() is None
    reader = window.reader_pane.view
    assert reader.layer("quote") == [] and reader.layer("quote-cue") == []
    assert window.status_text() == ""
