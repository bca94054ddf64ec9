"""The speaker page's widgets on hand-made profiles: the month chart, the quote table, keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from viewer.core.corpus.speakers import NO_SOURCE, Speaker, SpeakerProfile, SpeakerQuote, Tally
from viewer.ui.panes.speaker_page import (
    DARK_SERIES,
    LIGHT_SERIES,
    MonthChart,
    SpeakerPage,
    SpeakerQuoteModel,
    grouped,
    month_label,
    series_colors,
)
from viewer.ui.themes import DARK, LIGHT, palette_for

MONTHS = (Tally("2024-01", 2, 1), Tally("2024-02", 0, 0), Tally("2024-03", 1, 3))


def quote(article_id: int, number: int, text: str, date: str | None = "2024-03-02") -> SpeakerQuote:
    return SpeakerQuote(
        article_id, number, text, "Mira Olsen", "the harbour master", f"Article {article_id}", "Gazette", date
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
    assert model.rowCount() == 2 and model.columnCount() == 5
    assert model.index(0, 1).data() == "“Nobody cut corners.”"
    assert model.index(1, 0).data() == "9 Jan 2024"
    assert model.index(0, 2).data() == "Mira Olsen, the harbour master"


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
