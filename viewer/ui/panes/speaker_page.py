"""The speaker page: every statement by one person or organisation across the folder, each
with its kind (direct, mixed, reported: a reported statement is never shown in quotation
marks), how many of each kind, and how often they are quoted (in any kind) against only
named, by month (a chart painted here) and by source.

The page is a window of its own beside the main one. The profile is built off the UI thread
(:func:`viewer.core.corpus.speakers.speaker_profile` through the background helper); the
widgets only show the finished record. Keys: arrows move through the quotes, Enter opens the
article at the quote (the page closes), Esc closes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QHelpEvent, QHideEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.core.corpus.speakers import (
    NO_SOURCE,
    Speaker,
    SpeakerProfile,
    SpeakerQuote,
    Tally,
    speaker_profile,
)
from viewer.core.corpus.store import attach_store
from viewer.core.model import QuoteKind
from viewer.ui.background.workers import BackgroundRunner, Progress, Task
from viewer.ui.text import display_date, number, one_line, tooltip

AnyIndex = QModelIndex | QPersistentModelIndex
#: Colours of the two series (quoted, only named), one pair per theme: both readable on
#: the theme's background and apart from each other (also for the common colour blindnesses:
#: blue against amber).
LIGHT_SERIES = ("#2f5d9e", "#d9901a")
DARK_SERIES = ("#7aa7ec", "#e0a43c")
#: Narrowest bar before months are grouped into quarters, then years.
MIN_BAR = 6
#: Widest bar (a page over a few months).
MAX_BAR = 48
#: How the page names each kind of statement.
KIND_LABELS: dict[QuoteKind, str] = {
    "direct": "direct",
    "mixed": "mixed",
    "indirect": "reported",
    "term": "term",
}
#: What each kind is, for tooltips.
KIND_MEANINGS: dict[QuoteKind, str] = {
    "direct": "Direct quote: the speaker's own words, in quotation marks",
    "mixed": "Mixed: the article's paraphrase carrying some of the speaker's own words",
    "indirect": "Reported speech: the article's words, not the speaker's (no quotation marks)",
    "term": "A quoted term",
}


def statement_words(quote: SpeakerQuote, limit: int = 300) -> str:
    """A statement as the page shows it: a direct quote in quotation marks; a mixed or
    reported one as the article words it, never wrapped in quotation marks (a mixed one keeps
    the marks around its quoted fragment)."""
    words = one_line(quote.text, limit)
    return f"“{words}”" if quote.kind == "direct" else words


def profile_of(db_path: str, speaker: Speaker, progress: Progress) -> SpeakerProfile:
    """On a worker thread: the speaker's profile, from a connection of its own."""
    store = attach_store(Path(db_path), read_only=True)
    try:
        return speaker_profile(store, speaker, check=progress.check)
    finally:
        store.close()


def series_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """(quoted, only named) for the palette's theme, told by its window colour."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    quoted, named = DARK_SERIES if dark else LIGHT_SERIES
    return QColor(quoted), QColor(named)


def month_label(key: str) -> str:
    """ "2024-03" as "Mar 2024"; quarters ("2024-Q1") and years stay as they are."""
    if len(key) == 7 and key[4] == "-" and key[5:].isdigit():
        names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return f"{names[int(key[5:]) - 1]} {key[:4]}"
    return key


def grouped(tallies: Sequence[Tally], slots: int) -> tuple[Tally, ...]:
    """Months as they are when they fit in ``slots`` bars, else summed by quarter, else by year."""
    if len(tallies) <= max(slots, 1):
        return tuple(tallies)
    for size in ("quarter", "year"):
        buckets: dict[str, list[int]] = {}
        for tally in tallies:
            year, month = tally.key[:4], int(tally.key[5:7])
            key = f"{year}-Q{(month - 1) // 3 + 1}" if size == "quarter" else year
            counts = buckets.setdefault(key, [0, 0])
            counts[0] += tally.quoted
            counts[1] += tally.mentioned
        merged = tuple(Tally(key, quoted, named) for key, (quoted, named) in buckets.items())
        if len(merged) <= slots or size == "year":
            return merged
    return tuple(tallies)  # not reached


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar as painted: its tally and where it stands (for tooltips and tests)."""

    tally: Tally
    rect: QRect


class MonthChart(QWidget):
    """Stacked bars per month: articles quoting the speaker (below) and articles naming them
    without a quote (above), with a legend, the highest count and the first and last month."""

    PAD = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tallies: tuple[Tally, ...] = ()
        self._bars: list[Bar] = []
        self.setMinimumSize(QSize(240, 150))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Quoted and named by month")

    def set_tallies(self, tallies: Sequence[Tally]) -> None:
        self._tallies = tuple(tallies)
        quoted = sum(t.quoted for t in tallies)
        named = sum(t.mentioned for t in tallies)
        span = f" from {month_label(tallies[0].key)} to {month_label(tallies[-1].key)}" if tallies else ""
        self.setAccessibleDescription(
            f"Bars per month{span}: {number(quoted)} articles quoting, {number(named)} only naming"
        )
        self.update()

    def tallies(self) -> tuple[Tally, ...]:
        """The months given (the chart's data)."""
        return self._tallies

    def bars(self) -> list[Bar]:
        """The bars of the last paint (months, or quarters or years when many)."""
        return list(self._bars)

    def _plot_area(self) -> QRect:
        line = self.fontMetrics().height()
        return self.rect().adjusted(
            self.PAD + self.fontMetrics().horizontalAdvance("0000"),
            line + 2 * self.PAD,
            -self.PAD,
            -(line + self.PAD),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        palette = self.palette()
        text, muted = (
            palette.color(QPalette.ColorRole.WindowText),
            palette.color(QPalette.ColorRole.PlaceholderText),
        )
        quoted_color, named_color = series_colors(palette)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        metrics = self.fontMetrics()
        line = metrics.height()
        # Legend.
        x = self.PAD
        for label, color in (("Quoted (any kind)", quoted_color), ("Named, not quoted", named_color)):
            painter.fillRect(QRect(x, self.PAD + 2, line - 4, line - 4), color)
            x += line
            painter.setPen(text)
            painter.drawText(QPoint(x, self.PAD + metrics.ascent()), label)
            x += metrics.horizontalAdvance(label) + 2 * line
        area = self._plot_area()
        self._bars = []
        if not self._tallies or area.width() <= 0 or area.height() <= 0:
            painter.setPen(muted)
            painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter), "No dated articles")
            return
        shown = grouped(self._tallies, area.width() // MIN_BAR)
        top = max([1, *(t.total for t in shown)])
        painter.setPen(muted)
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawText(
            QRect(self.PAD, area.top() - line // 2, area.left() - self.PAD - 2, line),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            number(top),
        )
        painter.drawText(
            QRect(self.PAD, area.bottom() - line // 2, area.left() - self.PAD - 2, line),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            "0",
        )
        slot = area.width() / len(shown)
        gap = 1 if slot < 8 else max(2, int(slot * 0.2))
        for n, tally in enumerate(shown):
            left = area.left() + int(n * slot)
            width = max(1, int((n + 1) * slot) - int(n * slot) - gap)
            if width > MAX_BAR:  # a few months: narrow bars in the middle of their slots
                left += (width - MAX_BAR) // 2
                width = MAX_BAR
            quoted_h = round(area.height() * tally.quoted / top)
            named_h = round(area.height() * tally.mentioned / top)
            bottom = area.bottom()
            if quoted_h:
                painter.fillRect(QRect(left, bottom - quoted_h + 1, width, quoted_h), quoted_color)
            if named_h:
                painter.fillRect(QRect(left, bottom - quoted_h - named_h + 1, width, named_h), named_color)
            self._bars.append(Bar(tally, QRect(left, area.top(), width, area.height())))
        # Labels under the bars, as many as fit without touching (the first always).
        painter.setPen(muted)
        room = metrics.horizontalAdvance("Mmm 0000") + line
        step = max(1, math.ceil(room / slot))
        for n in range(0, len(shown), step):
            centre = area.left() + int((n + 0.5) * slot)
            box = QRect(centre - room // 2, area.bottom() + 2, room, line + 2)
            box.moveLeft(max(0, min(box.left(), self.width() - room)))
            painter.drawText(
                box, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), month_label(shown[n].key)
            )

    def bar_at(self, point: QPoint) -> Bar | None:
        return next((bar for bar in self._bars if bar.rect.contains(point)), None)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            bar = self.bar_at(event.pos())
            if bar is None:
                QToolTip.hideText()
            else:
                t = bar.tally
                QToolTip.showText(
                    event.globalPos(),
                    tooltip(
                        f"{month_label(t.key)}: quoted in {number(t.quoted)}, named without a quote in {number(t.mentioned)}"
                    ),
                    self,
                )
            return True
        return super().event(event)


class QuoteColumn(IntEnum):
    DATE = 0
    QUOTE = 1
    KIND = 2
    SPEAKER = 3
    TITLE = 4
    SOURCE = 5


HEADERS = {
    QuoteColumn.DATE: "Date",
    QuoteColumn.QUOTE: "Statement",
    QuoteColumn.KIND: "Kind",
    QuoteColumn.SPEAKER: "Speaker as written",
    QuoteColumn.TITLE: "Article",
    QuoteColumn.SOURCE: "Source",
}


class QuoteRole(IntEnum):
    ARTICLE_ID = Qt.ItemDataRole.UserRole + 1
    QUOTE_NUMBER = Qt.ItemDataRole.UserRole + 2
    KIND = Qt.ItemDataRole.UserRole + 3


class SpeakerQuoteModel(QAbstractTableModel):
    """The speaker's quotes, one row each (a thin adapter over the profile's records)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quotes: tuple[SpeakerQuote, ...] = ()

    def set_quotes(self, quotes: Sequence[SpeakerQuote]) -> None:
        self.beginResetModel()
        self._quotes = tuple(quotes)
        self.endResetModel()

    def quote_at(self, row: int) -> SpeakerQuote | None:
        return self._quotes[row] if 0 <= row < len(self._quotes) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._quotes)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(QuoteColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(QuoteColumn)
        ):
            return HEADERS[QuoteColumn(section)]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        quote = self.quote_at(index.row()) if index.isValid() else None
        if quote is None or not 0 <= index.column() < len(QuoteColumn):
            return None
        column = QuoteColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(quote, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            who = f"{quote.speaker}, {quote.role}" if quote.role else quote.speaker
            if column == QuoteColumn.KIND:
                return tooltip(KIND_MEANINGS[quote.kind])
            words = statement_words(quote, 2000)
            said = words if quote.kind == "direct" else f"{KIND_LABELS[quote.kind].capitalize()}: {words}"
            return tooltip(f"{said} — {who}. {quote.title}", 2000)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column == QuoteColumn.QUOTE and quote.kind != "direct":
                return f"{KIND_LABELS[quote.kind]}: {self._cell(quote, column)}"
            return f"{self._cell(quote, column)}"
        if role == QuoteRole.ARTICLE_ID:
            return quote.article_id
        if role == QuoteRole.QUOTE_NUMBER:
            return quote.quote
        if role == QuoteRole.KIND:
            return quote.kind
        return None

    @staticmethod
    def _cell(quote: SpeakerQuote, column: QuoteColumn) -> str:
        if column == QuoteColumn.DATE:
            return display_date(quote.date) or "undated"
        if column == QuoteColumn.QUOTE:
            return statement_words(quote)
        if column == QuoteColumn.KIND:
            return KIND_LABELS[quote.kind]
        if column == QuoteColumn.SPEAKER:
            return one_line(f"{quote.speaker}, {quote.role}" if quote.role else quote.speaker, 120)
        if column == QuoteColumn.TITLE:
            return one_line(quote.title, 160)
        return one_line(quote.source or "", 80)


def kinds_said(profile: SpeakerProfile) -> str:
    """ "4 statements: 2 direct, 1 mixed, 1 reported" (every kind said, none counted twice);
    "4 quotes" for a profile that does not tell kinds apart."""
    total = len(profile.quotes)
    if not profile.by_kind:
        return f"{number(total)} quote{'s' if total != 1 else ''}"
    each = ", ".join(f"{number(c.statements)} {KIND_LABELS[c.kind]}" for c in profile.by_kind)
    return f"{number(total)} statement{'s' if total != 1 else ''}: {each}"


def kinds_by_article(profile: SpeakerProfile) -> str:
    """The articles quoting the speaker, by kind (an article may hold several kinds)."""
    each = "; ".join(
        f"{KIND_LABELS[c.kind]} in {number(c.articles)} article{'s' if c.articles != 1 else ''}"
        for c in profile.by_kind
    )
    return f"Articles quoting them, by kind of statement: {each}"


class SpeakerPage(QDialog):
    """One speaker across the folder: a summary, the month chart, the sources and the quotes."""

    #: The user chose a quote: (article id, the quote's number in that article).
    quote_chosen = Signal(int, int)
    #: A profile was shown, or building it failed.
    profile_shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("speakerPage")
        self.setWindowTitle("Speaker — Article Viewer")
        self._runner = BackgroundRunner(1, self)
        self._task: Task | None = None
        self._profile: SpeakerProfile | None = None
        #: (speaker, article id, quote number) of the quote opened last from the page.
        self._last_opened: tuple[Speaker, int, int] | None = None
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAccessibleName("Speaker")
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Summary")
        self.summary.setAccessibleDescription(
            "How many articles quote the speaker and how many only name them"
        )
        self.chart = MonthChart(self)
        self.sources = QTreeWidget(self)
        self.sources.setColumnCount(3)
        self.sources.setHeaderLabels(["Source", "Quoted", "Named only"])
        self.sources.setRootIsDecorated(False)
        self.sources.setAccessibleName("Sources")
        self.sources.setAccessibleDescription(
            "Per source: articles quoting the speaker and articles only naming them"
        )
        self.sources.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.sources.header().setStretchLastSection(False)
        self.model = SpeakerQuoteModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Rows are chosen whole: Tab leaves the table (it would only walk unseen cells).
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QuoteColumn.QUOTE, QHeaderView.ResizeMode.Stretch)
        for column in (QuoteColumn.DATE, QuoteColumn.KIND, QuoteColumn.SPEAKER, QuoteColumn.SOURCE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(QuoteColumn.TITLE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(QuoteColumn.TITLE, 260)
        self.table.setAccessibleName("Statements by the speaker")
        self.table.setAccessibleDescription(
            "Newest first; arrows move, Enter opens the article at the quote, Esc closes"
        )
        self.table.activated.connect(self._on_activated)
        self.hint = QLabel(
            "↑/↓ move through the quotes · Enter opens the article at the quote · Esc closes", self
        )
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setObjectName("hint")

        upper = QWidget(self)
        upper_layout = QHBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.chart, 3)
        upper_layout.addWidget(self.sources, 2)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.hint)
        self.resize(1000, 680)

    # building ------------------------------------------------------------------------
    def show_for(self, db_path: str, speaker: Speaker) -> Task:
        """Build the speaker's profile from the store in the background and show it."""
        if self._task is not None:
            self._task.cancel()
        self._profile = None
        self._set_heading(speaker)
        self.summary.setText("Looking through the folder…")
        self.model.set_quotes(())
        self.sources.clear()
        self.chart.set_tallies(())
        task = self._runner.start("speaker-page", profile_of, db_path, speaker)
        task.succeeded.connect(self._on_profile)
        task.failed.connect(self._on_failed)
        self._task = task
        return task

    def _set_heading(self, speaker: Speaker) -> None:
        kind = {"PERSON": "person", "ORG": "organisation"}.get(speaker.type or "", "")
        self.heading.setText(one_line(speaker.name, 120) + (f" ({kind})" if kind else ""))
        self.setWindowTitle(f"{one_line(speaker.name, 80)} — Speaker — Article Viewer")

    def _on_profile(self, profile: object) -> None:
        if isinstance(profile, SpeakerProfile):
            self.set_profile(profile)
        self.profile_shown.emit()

    def _on_failed(self, message: str) -> None:
        if message != "cancelled":
            self.summary.setText(f"Could not look through the folder: {one_line(message, 200)}")
        self.profile_shown.emit()

    def set_profile(self, profile: SpeakerProfile) -> None:
        """Show a finished profile."""
        self._profile = profile
        self._set_heading(profile.speaker)
        parts = [
            f"Quoted in {number(profile.quoted_articles)} article{'s' if profile.quoted_articles != 1 else ''}"
            f" ({kinds_said(profile)})",
            f"named without a quote in {number(profile.mentioned_articles)}",
        ]
        undated = profile.undated.total
        if undated:
            parts.append(f"{number(undated)} undated (not in the chart)")
        others = [n for n in profile.names if n != profile.speaker.name]
        if others:
            parts.append("also written: " + ", ".join(one_line(n, 60) for n in others[:6]))
        if not profile.articles:
            parts = [
                "No article of the folder names or quotes them yet (the folder's analysis may still be running)"
            ]
        self.summary.setText(" · ".join(parts))
        self.summary.setToolTip(tooltip(kinds_by_article(profile)) if profile.by_kind else "")
        self.chart.set_tallies(profile.by_month)
        self.sources.clear()
        for tally in profile.by_source:
            item = QTreeWidgetItem(
                [
                    tally.key if tally.key != NO_SOURCE else "(no source)",
                    number(tally.quoted),
                    number(tally.mentioned),
                ]
            )
            for column in (1, 2):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.sources.addTopLevelItem(item)
        for column in (1, 2):
            self.sources.resizeColumnToContents(column)
        self.model.set_quotes(profile.quotes)
        if profile.quotes:
            # Back on the page of the last quote opened: at that quote again, else the newest.
            row = next(
                (
                    n
                    for n, q in enumerate(profile.quotes)
                    if (profile.speaker, q.article_id, q.quote) == self._last_opened
                ),
                0,
            )
            self.table.setCurrentIndex(self.model.index(row, QuoteColumn.QUOTE))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def profile(self) -> SpeakerProfile | None:
        return self._profile

    def is_building(self) -> bool:
        return self._task is not None and not self._task.is_finished()

    # choosing ------------------------------------------------------------------------
    def current_quote(self) -> SpeakerQuote | None:
        index = self.table.currentIndex()
        return self.model.quote_at(index.row()) if index.isValid() else None

    def _on_activated(self, index: QModelIndex) -> None:
        quote = self.model.quote_at(index.row())
        if quote is not None and self._profile is not None:
            self._last_opened = (self._profile.speaker, quote.article_id, quote.quote)
            self.accept()
            self.quote_chosen.emit(quote.article_id, quote.quote)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self._task is not None:
            self._task.cancel()
        # Hand the keyboard back to the window (no window manager may do it).
        parent = self.parentWidget()
        if parent is not None:
            parent.activateWindow()

    def shutdown(self) -> None:
        self._runner.shutdown(2000)
