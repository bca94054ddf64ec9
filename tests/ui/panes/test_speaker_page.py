"""The speaker page's widgets on hand-made profiles: the month chart, the statement table (with
each statement's kind), the counts by kind, keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from viewer.core.corpus.speakers import (
    NO_SOURCE,
    KindCount,
    Speaker,
    SpeakerProfile,
    SpeakerQuote,
    Tally,
    count_kinds,
)
from viewer.core.model import QuoteKind
from viewer.ui.panes.speaker_page import (
    DARK_SERIES,
    LIGHT_SERIES,
    MonthChart,
    QuoteColumn,
    QuoteRole,
    SpeakerPage,
    SpeakerQuoteModel,
    grouped,
    month_label,
    series_colors,
)
from viewer.ui.themes import DARK, LIGHT, palette_for

MONTHS = (Tally("2024-01", 2, 1), Tally("2024-02", 0, 0), Tally("2024-03", 1, 3))


def quote(
    article_id: int, number: int, text: str, date: str | None = "2024-03-02", kind: QuoteKind = "direct"
) -> SpeakerQuote:
    return SpeakerQuote(
        article_id,
        number,
        text,
        "Mira Olsen",
        "the harbour master",
        f"Article {article_id}",
        "Gazette",
        date,
        kind,
    )


def voices() -> SpeakerProfile:
    """A profile with a statement of every kind (two in one article)."""
    quotes = (
        quote(7, 1, "Nobody cut corners."),
        quote(7, 3, 'the crossing was "safe as houses" all winter', kind="mixed"),
        quote(3, 0, "the ferry would sail at dawn", "2024-01-09", kind="indirect"),
        quote(2, 4, "the harbour needs a new crane", "2024-01-02", kind="indirect"),
    )
    return SpeakerProfile(
        speaker=Speaker("Mira Olsen", "PERSON", ("Olsen",)),
        quotes=quotes,
        by_source=(Tally("Gazette", 3, 0),),
        by_month=MONTHS,
        undated=Tally("", 0, 0),
        quoted_articles=3,
        mentioned_articles=0,
        names=("Mira Olsen",),
        searched=3,
        by_kind=count_kinds(quotes),
    )


def profile() -> SpeakerProfile:
    return SpeakerProfile(
        speaker=Speaker("Mira Olsen", "PERSON", ("Olsen",)),
        quotes=(quote(7, 1, "Nobody cut corners."), quote(3, 0, "We sail at dawn.", "2024-01-09")),
        by_source=(Tally("Gazette", 2, 3), Tally(NO_SOURCE, 1, 1)),
        by_month=MONTHS,
        undated=Tally("", 0, 1),
        quoted_articles=3,
        mentioned_articles=4,
        names=("Mira Olsen", "Olsen"),
        searched=9,
    )


def count_color(image: QImage, color: QColor) -> int:
    wanted = color.rgb()
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixel(x, y) == wanted
    )


def painted_height(image: QImage, x: int, colors: tuple[QColor, QColor]) -> int:
    wanted = {c.rgb() for c in colors}
    return sum(1 for y in range(image.height()) if image.pixel(x, y) in wanted)


def test_the_chart_paints_a_bar_per_month_in_both_colours(qtbot: object) -> None:
    chart = MonthChart()
    qtbot.add_widget(chart)  # type: ignore[attr-defined]
    chart.resize(420, 200)
    chart.set_tallies(MONTHS)
    image = chart.grab().toImage()
    assert chart.tallies() == MONTHS
    bars = chart.bars()
    assert [b.tally for b in bars] == list(MONTHS)
    assert bars[0].rect.right() < bars[1].rect.left() < bars[2].rect.left()
    quoted, named = series_colors(chart.palette())
    assert count_color(image, quoted) > 0 and count_color(image, named) > 0
    # Stacks as tall as their counts: March (4 articles) over January (3), February empty.
    heights = [painted_height(image, bar.rect.center().x(), (quoted, named)) for bar in bars]
    assert heights[1] == 0 and heights[2] > heights[0] > 0
    assert abs(heights[2] * 3 - heights[0] * 4) <= 4
    assert chart.bar_at(bars[2].rect.center()) == bars[2]
    description = chart.accessibleDescription()
    assert description == "Bars per month from Jan 2024 to Mar 2024: 3 articles quoting, 4 only naming"


def test_an_empty_chart_says_so_and_has_no_bars(qtbot: object) -> None:
    chart = MonthChart()
    qtbot.add_widget(chart)  # type: ignore[attr-defined]
    chart.resize(300, 160)
    chart.set_tallies(())
    chart.grab()
    assert chart.bars() == []


def test_many_months_are_summed_by_quarter_then_year() -> None:
    months = [Tally(f"{2010 + n // 12}-{n % 12 + 1:02d}", 1, n % 2) for n in range(120)]
    assert grouped(months, 200) == tuple(months)
    quarters = grouped(months, 40)
    assert len(quarters) == 40 and quarters[0] == Tally("2010-Q1", 3, 1)
    years = grouped(months, 12)
    assert len(years) == 10 and years[-1] == Tally("2019", 12, 6)
    assert sum(t.total for t in years) == sum(t.total for t in months)
    assert month_label("2024-03") == "Mar 2024" and month_label("2024-Q1") == "2024-Q1"


def test_the_series_colours_follow_the_theme() -> None:
    light = series_colors(palette_for(LIGHT))
    dark = series_colors(palette_for(DARK))
    assert [c.name() for c in light] == list(LIGHT_SERIES)
    assert [c.name() for c in dark] == list(DARK_SERIES)


def test_the_quote_model_passes_qt_model_tester(qtmodeltester: object) -> None:
    model = SpeakerQuoteModel()
    model.set_quotes(profile().quotes)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 2 and model.columnCount() == 6
    assert model.index(0, QuoteColumn.QUOTE).data() == "“Nobody cut corners.”"
    assert model.index(0, QuoteColumn.KIND).data() == "direct"
    assert model.index(1, QuoteColumn.DATE).data() == "9 Jan 2024"
    assert model.index(0, QuoteColumn.SPEAKER).data() == "Mira Olsen, the harbour master"


def test_counts_by_kind_are_counted_from_the_statements() -> None:
    counts = voices().by_kind
    assert counts == (KindCount("direct", 1, 1), KindCount("mixed", 1, 1), KindCount("indirect", 2, 2))
    assert voices().of_kind("mixed") == KindCount("mixed", 1, 1)
    assert count_kinds(()) == (
        KindCount("direct", 0, 0),
        KindCount("mixed", 0, 0),
        KindCount("indirect", 0, 0),
    )


def test_each_statement_says_its_kind_and_a_reported_one_has_no_quotation_marks(
    qtmodeltester: object,
) -> None:
    model = SpeakerQuoteModel()
    model.set_quotes(voices().quotes)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    words = [model.index(r, QuoteColumn.QUOTE).data() for r in range(4)]
    kinds = [model.index(r, QuoteColumn.KIND).data() for r in range(4)]
    assert kinds == ["direct", "mixed", "reported", "reported"]
    assert [model.index(r, 0).data(QuoteRole.KIND) for r in range(4)] == [
        "direct",
        "mixed",
        "indirect",
        "indirect",
    ]
    assert words[0] == "“Nobody cut corners.”"
    assert words[1] == 'the crossing was "safe as houses" all winter'  # only its fragment in marks
    assert words[2] == "the ferry would sail at dawn"
    for row in (2, 3):
        roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole)
        shown = [model.index(row, c).data(role) for c in range(6) for role in roles]
        assert not any(mark in str(text) for text in shown for mark in '“”"')
    tip = model.index(2, QuoteColumn.QUOTE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Reported: the ferry would sail at dawn — Mira Olsen" in tip
    assert model.index(2, QuoteColumn.QUOTE).data(Qt.ItemDataRole.AccessibleTextRole).startswith("reported: ")
    assert "Reported speech" in model.index(2, QuoteColumn.KIND).data(Qt.ItemDataRole.ToolTipRole)


def test_the_summary_says_how_many_statements_of_each_kind(qtbot: object) -> None:
    page = SpeakerPage()
    qtbot.add_widget(page)  # type: ignore[attr-defined]
    page.set_profile(voices())
    summary = page.summary.text()
    assert "Quoted in 3 articles (4 statements: 1 direct, 1 mixed, 2 reported)" in summary
    tip = page.summary.toolTip()
    assert "direct in 1 article; mixed in 1 article; reported in 2 articles" in tip


def test_the_page_shows_a_profile_and_enter_chooses_the_quote(qtbot: object) -> None:
    page = SpeakerPage()
    qtbot.add_widget(page)  # type: ignore[attr-defined]
    page.show()
    page.set_profile(profile())
    assert page.heading.text() == "Mira Olsen (person)"
    assert page.windowTitle().startswith("Mira Olsen — Speaker")
    assert page.model.rowCount() == 2
    assert page.sources.topLevelItemCount() == 2
    assert [page.sources.topLevelItem(1).text(c) for c in range(3)] == ["(no source)", "1", "1"]  # type: ignore[union-attr]
    summary = page.summary.text()
    assert "Quoted in 3 articles (2 quotes)" in summary and "named without a quote in 4" in summary
    assert "also written: Olsen" in summary
    assert page.chart.tallies() == MONTHS
    qtbot.keyClick(page.table, Qt.Key.Key_Down)  # type: ignore[attr-defined]
    assert page.current_quote() == profile().quotes[1]
    with qtbot.wait_signal(page.quote_chosen) as chosen:  # type: ignore[attr-defined]
        qtbot.keyClick(page.table, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert chosen.args == [3, 0]
    assert not page.isVisible()


def test_escape_closes_the_page(qtbot: object) -> None:
    page = SpeakerPage()
    qtbot.add_widget(page)  # type: ignore[attr-defined]
    page.show()
    page.set_profile(profile())
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert not page.isVisible()


def test_a_store_that_cannot_be_read_is_said_on_the_page(qtbot: object, tmp_path: Path) -> None:
    page = SpeakerPage()
    qtbot.add_widget(page)  # type: ignore[attr-defined]
    with qtbot.wait_signal(page.profile_shown, timeout=10_000):  # type: ignore[attr-defined]
        page.show_for(str(tmp_path / "missing.sqlite3"), Speaker("Mira Olsen"))
    assert page.heading.text() == "Mira Olsen"
    assert page.summary.text().startswith("Could not look through the folder: ")
    assert page.profile() is None and page.model.rowCount() == 0
