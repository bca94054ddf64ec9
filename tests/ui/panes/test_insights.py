from __future__ import annotations

import dataclasses
import itertools

from PySide6.QtCore import Qt

from tests.ui.conftest import ferry_analysis, ferry_article
from viewer.core.model import AnalysedArticle
from viewer.ui.panes.insights import InsightsPanel, QuoteRole


def _panel(qtbot: object) -> InsightsPanel:
    panel = InsightsPanel()
    qtbot.add_widget(panel)  # type: ignore[attr-defined]
    return panel


def test_split_quote_reads_with_an_ellipsis_and_whole_in_the_tooltip(qtbot: object) -> None:
    panel = _panel(qtbot)
    analysis = ferry_analysis(ferry_article())
    panel.set_analysis(analysis)
    index = panel.quote_model.index(0, 0)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "“We checked every bolt twice, … Nobody cut corners.”"
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "We checked every bolt twice, … Nobody cut corners." in tip
    assert "Mira Olsen, the harbour master" in tip
    long_words = " ".join(["word"] * 200)
    quote = analysis.quotes[0].__class__(long_words, "Ana", None, ())
    panel.set_analysis(AnalysedArticle(analysis.article, (quote,)))
    index = panel.quote_model.index(0, 0)
    assert index.data(Qt.ItemDataRole.DisplayRole).endswith("…”")  # cut in the list
    assert long_words in index.data(Qt.ItemDataRole.ToolTipRole)  # whole in the tooltip


def test_titles_say_analysing_instead_of_zero_while_analysis_runs(qtbot: object) -> None:
    panel = _panel(qtbot)
    article = ferry_article()
    panel.set_analysis(AnalysedArticle(article), busy=True)
    assert panel.quotes_title.text() == "Quotes (analysing…)"
    assert panel.entities_title.text() == "Entities (analysing…)"
    panel.set_analysis(AnalysedArticle(article))
    assert panel.quotes_title.text() == "Quotes (0)"
    assert panel.entities_title.text() == "Entities (0)"
    panel.set_analysis(ferry_analysis(article))
    assert panel.quotes_title.text() == "Quotes (1 direct)"


def test_hovering_a_quote_in_the_reader_shows_it_whole(qtbot: object) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from tests.ui.conftest import fake_analyse
    from viewer.ui.shell.main_window import MainWindow

    window = MainWindow(analyse_fn=fake_analyse)
    qtbot.add_widget(window)  # type: ignore[attr-defined]
    window.show()
    window.list_pane.model.append_items([ferry_article()])
    window.list_pane.ensure_selection()
    qtbot.wait_until(lambda: window.insights.quote_count() == 1 and not window.insights.is_busy())  # type: ignore[attr-defined]
    view = window.reader_pane.view
    inside = view.document().find("Nobody cut corners").selectionStart() + 2
    tip = view.tooltip_at(inside)
    assert tip is not None
    assert "We checked every bolt twice, … Nobody cut corners." in tip
    assert "Mira Olsen, the harbour master" in tip
    assert view.tooltip_at(view.document().find("island ferry").selectionStart()) is None
    # A real hover event over the words shows the tooltip.
    cursor = view.document().find("Nobody cut corners")
    cursor.setPosition(cursor.selectionStart() + 3)
    point = view.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert "Nobody cut corners." in QToolTip.text()
    QToolTip.hideText()
    window.actions_by_id["theme-dark"].trigger()
    assert view.tooltip_at(inside) == tip  # a new theme keeps them


def test_the_current_quote_opens_whole_in_the_panel(qtbot: object) -> None:
    panel = _panel(qtbot)
    panel.resize(320, 900)
    panel.show()
    analysis = ferry_analysis(ferry_article())
    long_words = " ".join(f"word{n}" for n in range(150))
    long_quote = analysis.quotes[0].__class__(long_words, "Ana", None, ())
    quotes = (analysis.quotes[0], long_quote, analysis.quotes[0])
    panel.set_analysis(AnalysedArticle(analysis.article, quotes))
    view = panel.quote_view
    rows = [panel.quote_model.index(row, 0) for row in range(3)]
    closed = view.visualRect(rows[1]).height()
    assert rows[1].data(Qt.ItemDataRole.DisplayRole).endswith("…”")
    assert rows[1].data(QuoteRole.WORDS) == f"“{long_words}”"

    def no_overlap() -> None:
        for upper, lower in itertools.pairwise(rows):
            assert view.visualRect(upper).bottom() < view.visualRect(lower).top()

    panel.step_quote(1)
    panel.step_quote(1)  # the long one
    qtbot.wait_until(lambda: view.visualRect(rows[1]).height() > closed * 2)  # type: ignore[attr-defined]
    qtbot.wait_until(no_overlap)  # type: ignore[attr-defined]
    panel.step_quote(1)  # the next quote: the long one closes again
    qtbot.wait_until(lambda: view.visualRect(rows[1]).height() == closed)  # type: ignore[attr-defined]
    qtbot.wait_until(no_overlap)  # type: ignore[attr-defined]
    other = dataclasses.replace(analysis.article, path="/articles/other.txt")
    panel.set_analysis(AnalysedArticle(other, quotes))  # another article: none open
    assert panel.quote_delegate.open_row == -1


def test_the_full_analysis_keeps_the_quote_selected_or_says_it_is_gone(qtbot: object) -> None:
    """The first paint lists a quoted fragment; the full analysis finds the mixed statement
    around it: the statement is selected in its place. A quote no longer listed at all leaves
    nothing selected, and says so (the reader's highlight and the status go)."""
    panel = _panel(qtbot)
    article = ferry_article()
    fragment = ferry_analysis(article).quotes[0]
    first = dataclasses.replace(fragment, spans=fragment.spans[:1])
    panel.set_analysis(AnalysedArticle(article, (first,)), busy=True)
    panel.step_quote(1)
    assert panel.current_quote() == first
    whole = fragment.spans[0]
    mixed = dataclasses.replace(first, kind="mixed", spans=(dataclasses.replace(whole, start=0),))
    with qtbot.wait_signal(panel.quote_selected) as selected:  # type: ignore[attr-defined]
        panel.set_analysis(AnalysedArticle(article, (mixed,)))
    assert selected.args == [mixed]
    assert panel.current_quote() == mixed
    elsewhere = dataclasses.replace(mixed, spans=(dataclasses.replace(whole, paragraph=2),))
    with qtbot.wait_signal(panel.quote_selected) as selected:  # type: ignore[attr-defined]
        panel.set_analysis(AnalysedArticle(article, (elsewhere,)))
    assert selected.args == [None]
    assert panel.current_quote() is None
