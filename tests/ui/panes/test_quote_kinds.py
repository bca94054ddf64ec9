"""The quotes panel lists every kind of statement in the order of the text, says which kind
each is in words, and filters to direct quotes only."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.voices import COUNCIL, NEARLY, PIER_QUOTES, pier_analysis, pier_article
from viewer.core.model import AnalysedArticle
from viewer.ui.panes.insights import InsightsPanel, QuoteRole


def _panel(qtbot: object) -> InsightsPanel:
    panel = InsightsPanel()
    qtbot.add_widget(panel)  # type: ignore[attr-defined]
    panel.set_analysis(pier_analysis(pier_article()))
    return panel


def _rows(panel: InsightsPanel, role: int) -> list[object]:
    return [panel.quote_model.index(row, 0).data(role) for row in range(panel.quote_count())]


def test_every_kind_is_listed_in_the_order_of_the_text_and_says_which_it_is(qtbot: object) -> None:
    panel = _panel(qtbot)
    assert _rows(panel, QuoteRole.QUOTE) == list(PIER_QUOTES)
    assert _rows(panel, Qt.ItemDataRole.DisplayRole) == [
        "The pier on Dock Road will open late",  # reported: no quotation marks of ours
        "the pier would open in May",
        "“We are nearly there,”",  # direct: the speaker's own words, in marks
        "the delay “a scandal for the whole harbour”",  # mixed: only the article's marks
    ]
    assert _rows(panel, QuoteRole.BADGE) == ["REPORTED", "REPORTED", "", "PARTLY QUOTED"]
    assert panel.quotes_title.text() == "Quotes (1 direct, 2 reported, 1 partly quoted)"
    spoken = _rows(panel, Qt.ItemDataRole.AccessibleTextRole)
    assert spoken[0] == "Reported: the council, said: The pier on Dock Road will open late"
    assert str(spoken[2]).startswith("Ana Lind, the mayor, said: We are nearly there,")


def test_the_panel_says_when_the_speaker_came_from_a_pronoun_or_a_description(qtbot: object) -> None:
    panel = _panel(qtbot)
    assert _rows(panel, QuoteRole.EVIDENCE) == [
        "",  # a description that is the speaker as written ("the council") speaks for itself
        "",  # a name speaks for itself
        "from ‘she’, paragraph 3",
        "from ‘She’, paragraph 4",
    ]
    assert panel.quote_model.text(2).evidence == "speaker from ‘she’, paragraph 3"
    assert panel.quote_model.text(2).cue == "said"
    described = panel.quote_model.index(2, 0).data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert described == "Quote by Ana Lind, the mayor, speaker from ‘she’, paragraph 3"


def test_tooltips_put_only_the_speakers_own_words_in_quotation_marks(qtbot: object) -> None:
    panel = _panel(qtbot)
    tips = [str(tip) for tip in _rows(panel, Qt.ItemDataRole.ToolTipRole)]
    assert "Reported: Ana Lind, the mayor, said the pier would open in May" in tips[1]
    assert "“the pier" not in tips[1]
    assert "“We are nearly there,” — Ana Lind, the mayor (speaker from ‘she’, paragraph 3)" in tips[2]
    assert "Partly quoted: Ana Lind called the delay “a scandal for the whole harbour”" in tips[3]


def test_direct_quotes_only_lists_them_and_the_title_says_what_is_hidden(qtbot: object) -> None:
    panel = _panel(qtbot)
    panel.quote_view.setCurrentIndex(panel.quote_model.index(2, 0))
    with qtbot.wait_signal(panel.quote_filter_changed) as changed:  # type: ignore[attr-defined]
        panel.kind_filter.setCurrentIndex(1)
    assert changed.args == ["direct"]
    assert _rows(panel, QuoteRole.QUOTE) == [NEARLY]
    assert panel.current_quote() == NEARLY  # still selected
    assert panel.quotes_title.text() == "Quotes (1 direct listed; 2 reported, 1 partly quoted hidden)"
    assert panel.step_quote(1) == NEARLY and panel.step_quote(-1) == NEARLY
    panel.set_quote_filter("all")
    assert panel.quote_count() == 4 and panel.current_quote() == NEARLY


def test_a_quote_hidden_by_the_filter_is_listed_again_when_asked_for_by_number(qtbot: object) -> None:
    panel = _panel(qtbot)
    panel.set_quote_filter("direct")
    analysis = panel.analysis()
    assert analysis is not None
    assert panel.select_quote_number(analysis.quotes.index(COUNCIL))
    assert panel.quote_filter() == "all" and panel.current_quote() == COUNCIL
    assert not panel.select_quote_number(len(analysis.quotes))


def test_the_filter_is_reached_with_the_keyboard(qtbot: object) -> None:
    panel = _panel(qtbot)
    panel.show()
    qtbot.wait_exposed(panel)  # type: ignore[attr-defined]
    panel.kind_filter.setFocus()
    qtbot.wait_until(lambda: QApplication.focusWidget() is panel.kind_filter)  # type: ignore[attr-defined]
    with qtbot.wait_signal(panel.quote_filter_changed):  # type: ignore[attr-defined]
        qtbot.keyClick(panel.kind_filter, Qt.Key.Key_Down)  # type: ignore[attr-defined]
    assert panel.quote_filter() == "direct" and panel.quote_count() == 1


def test_a_statement_from_a_document_shows_its_source_and_no_speaker(qtbot: object) -> None:
    mention = COUNCIL.speaker_mention
    assert mention is not None
    sourced = replace(
        COUNCIL, speaker=None, speaker_mention=replace(mention, text="City documents", via="document")
    )
    panel = InsightsPanel()
    qtbot.add_widget(panel)  # type: ignore[attr-defined]
    article = pier_article()
    panel.set_analysis(AnalysedArticle(article, (sourced,)))
    assert (
        panel.quote_model.index(0, 0).data(QuoteRole.SPEAKER) == "Source: City documents (no speaker named)"
    )
    assert panel.quote_model.index(0, 0).data(QuoteRole.EVIDENCE) == ""
