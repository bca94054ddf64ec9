"""The side panel: the article's quotes (speaker, words, cue) and its entities by kind.

Every statement the analysis found is listed in the order of the text: direct quotes in
quotation marks, reported speech without them and under a "REPORTED" badge, mixed quotes
(a paraphrase carrying quoted words) under "PARTLY QUOTED" with only the article's own marks.
A filter shows all kinds or direct quotes only; the title counts each kind the analysis found.
When the speaker was resolved from a pronoun or a description, the row says from which words
("speaker from ‘she’, paragraph 4").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Literal

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.core.cite import statement_line
from viewer.core.model import AnalysedArticle, Article, Entity, Quote, QuoteKind
from viewer.ui.focus import on_tab_focus
from viewer.ui.panes.views import OpaqueListView, OpaqueTreeWidget
from viewer.ui.text import one_line, quote_words, tooltip

AnyIndex = QModelIndex | QPersistentModelIndex

#: Entity kinds shown by default, grouped as a reader thinks of them (spaCy labels).
GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    ("People", frozenset({"PERSON", "PER"})),
    ("Organisations", frozenset({"ORG"})),
    ("Places", frozenset({"GPE", "LOC", "FAC"})),
    ("Groups", frozenset({"NORP"})),
)
DATES_AND_NUMBERS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
ENTITY_ROLE = Qt.ItemDataRole.UserRole + 1
QUOTE_LINES = 6
#: The current quote opens up to this many lines (the whole quote, but for a giant one).
OPEN_QUOTE_LINES = 60
QUOTE_PREVIEW = 240
#: A tooltip shows a quote whole up to this length (Qt wraps it).
QUOTE_TOOLTIP = 4000
ANALYSING = "analysing…"
#: After a name or speaker the user corrected.
CORRECTED_MARK = "✎"

#: Which quotes the panel lists: every statement, or only the words in quotation marks.
QuoteFilter = Literal["all", "direct"]
QUOTE_FILTERS: tuple[tuple[QuoteFilter, str], ...] = (("all", "All kinds"), ("direct", "Direct quotes only"))
#: The badge before the speaker of a statement that is not a direct quote (words, not only a colour).
KIND_BADGES: dict[QuoteKind, str] = {"indirect": "REPORTED", "mixed": "PARTLY QUOTED", "term": "TERM"}
#: Each kind as the panel's title counts it, in this order.
KIND_COUNTS: tuple[tuple[QuoteKind, str], ...] = (
    ("direct", "direct"),
    ("indirect", "reported"),
    ("mixed", "partly quoted"),
)


def group_of(entity_type: str) -> str:
    for name, labels in GROUPS:
        if entity_type in labels:
            return name
    return "Dates and numbers" if entity_type in DATES_AND_NUMBERS else "Other"


class QuoteRole(IntEnum):
    QUOTE = Qt.ItemDataRole.UserRole + 1
    SPEAKER = Qt.ItemDataRole.UserRole + 2
    CUE = Qt.ItemDataRole.UserRole + 3
    #: The whole quote (the display text is a preview).
    WORDS = Qt.ItemDataRole.UserRole + 4
    #: The badge of its kind ("REPORTED"; empty for a direct quote).
    BADGE = Qt.ItemDataRole.UserRole + 5
    #: Which words decided the speaker, when not a name ("from ‘she’, paragraph 4").
    EVIDENCE = Qt.ItemDataRole.UserRole + 6


def speaker_label(quote: Quote) -> str:
    if quote.speaker:
        name = one_line(quote.speaker, 120)
    elif quote.document:
        name = f"Source: {one_line(quote.document, 120)} (no speaker named)"
    else:
        name = "Unattributed"
    return f"{name}, {one_line(quote.role, 120)}" if quote.role else name


def speaker_evidence(quote: Quote) -> str:
    """Where the speaker was found when the words that decided it are a pronoun or a
    description ("from ‘she’, paragraph 4", paragraphs counted from 1 as the reader shows
    them); empty for a name (it speaks for itself), for a description that is the speaker as
    written ("a person familiar with the talks"), or when nothing decided it."""
    mention = quote.speaker_mention
    if mention is None or mention.via == "name" or not quote.speaker or mention.text == quote.speaker:
        return ""
    return f"from ‘{one_line(mention.text, 60)}’, paragraph {mention.paragraph + 1}"


def quote_tooltip(quote: Quote, article: Article | None) -> str:
    """The whole quote, its parts joined with " … ", and who said it (escaped rich text): in
    quotation marks only when the words are the speaker's own."""
    if quote.is_verbatim:
        line = f"“{quote_words(quote, article)}” — {speaker_label(quote)}"
    else:
        line = statement_line(quote, article)
    evidence = speaker_evidence(quote)
    return tooltip(f"{line} (speaker {evidence})" if evidence else line, QUOTE_TOOLTIP)


def shown_words(quote: Quote, words: str) -> str:
    """A quote's words as the panel shows them: a direct quote in quotation marks, any other
    kind without marks of ours (a mixed one keeps the article's marks around its fragment)."""
    return f"“{words}”" if quote.is_verbatim else words


def kind_counts(quotes: tuple[Quote, ...]) -> list[tuple[str, int]]:
    """(what, how many) of each kind of statement among ``quotes``, the kinds found only."""
    return [(word, n) for kind, word in KIND_COUNTS if (n := sum(q.kind == kind for q in quotes))]


def is_listed(quote: Quote, kinds: QuoteFilter) -> bool:
    """Whether the panel lists ``quote`` under the filter ``kinds`` (never a quoted term)."""
    return quote.is_statement and (kinds == "all" or quote.is_verbatim)


@dataclass(frozen=True, slots=True)
class QuoteText:
    """A quote as the panel shows it, worked out once per list of quotes (not at each paint)."""

    speaker: str
    preview: str
    whole: str
    cue: str
    badge: str
    #: For a speaker found from a pronoun or a description: "speaker from ‘she’, paragraph 4".
    evidence: str


class QuoteListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quotes: list[Quote] = []
        #: The number of each listed quote among the analysis's quotes.
        self._numbers: list[int] = []
        self._article: Article | None = None
        self._texts: list[QuoteText | None] = []

    def text(self, row: int) -> QuoteText:
        """What the row shows: the speaker, the quote's first lines and whole, the cue."""
        text = self._texts[row]
        if text is None:
            quote = self._quotes[row]
            words = self.words(quote)
            cue = one_line(quote.cue, 60) if quote.cue else ""
            evidence = speaker_evidence(quote)
            text = self._texts[row] = QuoteText(
                speaker_label(quote) + (f" {CORRECTED_MARK}" if quote.corrected else ""),
                # The list shows a few lines; the full words are in the reader and the tooltip.
                shown_words(quote, one_line(words, QUOTE_PREVIEW)),
                shown_words(quote, one_line(words, 20_000)),
                cue,
                KIND_BADGES.get(quote.kind, ""),
                f"speaker {evidence}" if evidence else "",
            )
        return text

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._quotes)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._quotes):
            return None
        quote = self._quotes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row()).preview
        if role == Qt.ItemDataRole.AccessibleTextRole:
            cue = f", {one_line(quote.cue, 60)}" if quote.cue else ""
            badge = self.text(index.row()).badge
            kind = f"{badge.capitalize()}: " if badge else ""
            return f"{kind}{speaker_label(quote)}{cue}: {one_line(self.words(quote), 2000)}"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            what = {"indirect": "Reported statement", "mixed": "Partly quoted statement"}.get(
                quote.kind, "Quote"
            )
            evidence = speaker_evidence(quote)
            return (
                f"{what} by {speaker_label(quote)}"
                + (f", speaker {evidence}" if evidence else "")
                + (" (speaker corrected)" if quote.corrected else "")
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return quote_tooltip(quote, self._article)
        if role == QuoteRole.QUOTE:
            return quote
        if role == QuoteRole.SPEAKER:
            return self.text(index.row()).speaker
        if role == QuoteRole.CUE:
            return self.text(index.row()).cue
        if role == QuoteRole.WORDS:
            return self.text(index.row()).whole
        if role == QuoteRole.BADGE:
            return self.text(index.row()).badge
        if role == QuoteRole.EVIDENCE:
            return speaker_evidence(quote)
        return None

    def words(self, quote: Quote) -> str:
        """The quote's words, the parts of a split quote joined with " … "."""
        return quote_words(quote, self._article)

    def set_quotes(
        self, quotes: tuple[Quote, ...], article: Article | None = None, kinds: QuoteFilter = "all"
    ) -> None:
        """Another list of quotes (a reset: no row is current, none open): the statements
        ``kinds`` lets through, in the order of the text."""
        places: list[tuple[int, int, int]] = []
        at = (-1, -1)
        for n, quote in enumerate(quotes):
            at = _place(quote) if quote.spans else at  # one without a place stays after the one before
            if is_listed(quote, kinds):
                places.append((*at, n))
        listed = [n for *_at, n in sorted(places)]
        self.beginResetModel()
        self._numbers = listed
        self._quotes = [quotes[n] for n in listed]
        self._article = article
        self._texts = [None] * len(self._quotes)
        self.endResetModel()

    def quote_at(self, row: int) -> Quote | None:
        return self._quotes[row] if 0 <= row < len(self._quotes) else None

    def number_at(self, row: int) -> int:
        """The number of the quote of ``row`` among the analysis's quotes (-1: no such row)."""
        return self._numbers[row] if 0 <= row < len(self._numbers) else -1

    def row_of_number(self, number: int) -> int:
        """The row listing the analysis's quote ``number`` (-1: not listed)."""
        return self._numbers.index(number) if number in self._numbers else -1


class QuoteDelegate(QStyledItemDelegate):
    """Speaker in bold, the quote (up to a few lines; the current one whole), the cue in muted
    type: plain text only.

    Each row's wrapped height is measured once for a width and font, not at every paint and
    size question (Qt asks for every row's size whenever the list is laid out)."""

    PAD = 6
    #: Measured heights kept (a few articles' quotes at a few widths).
    KEEP = 2000

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        #: The row shown whole: set before the view is told its size changed.
        self.open_row = -1
        self._font: QFont | None = None
        self._fonts: tuple[QFont, QFont, int, int, int, int] | None = None
        #: (text, width, lines) -> the text's wrapped height, for the font of :attr:`_font`.
        self._heights: dict[tuple[str, int, int], int] = {}

    def _fonts_for(self, font: QFont) -> tuple[QFont, QFont, int, int, int, int]:
        """(bold, italic, bold height, line spacing, line height, italic height) of ``font``."""
        if self._fonts is None or font != self._font:
            bold = QFont(font)
            bold.setBold(True)
            italic = QFont(font)
            italic.setItalic(True)
            metrics = QFontMetrics(font)
            self._font = QFont(font)
            self._fonts = (
                bold,
                italic,
                QFontMetrics(bold).height(),
                metrics.lineSpacing(),
                metrics.height(),
                QFontMetrics(italic).height(),
            )
            self._heights.clear()
        return self._fonts

    def _text(self, index: AnyIndex) -> str:
        role = QuoteRole.WORDS if index.row() == self.open_row else Qt.ItemDataRole.DisplayRole
        return str(index.data(role) or "")

    def _layout(self, option: QStyleOptionViewItem, index: AnyIndex) -> tuple[int, int, int]:
        # The view's width, not the option's: Qt asks for a size with rectangles of other
        # widths (or none), and every answer must agree for the rows not to overlap.
        width = max(self._view.viewport().width() - 2 * self.PAD, 60)
        _bold, _italic, head, line, _height, _small = self._fonts_for(option.font)
        lines = OPEN_QUOTE_LINES if index.row() == self.open_row else QUOTE_LINES
        text = self._text(index)
        key = (text, width, lines)
        body = self._heights.get(key)
        if body is None:
            if len(self._heights) > self.KEEP:
                self._heights.clear()
            bounds = QFontMetrics(option.font).boundingRect(
                QRect(0, 0, width, line * lines), int(Qt.TextFlag.TextWordWrap), text
            )
            body = self._heights[key] = min(bounds.height(), line * lines)
        return width, head, body

    def open(self, row: int) -> None:
        """Show ``row`` whole and the one shown before as a preview again."""
        before, self.open_row = self.open_row, row
        model = self._view.model()
        for changed in {before, row}:
            if 0 <= changed < model.rowCount():
                self.sizeHintChanged.emit(model.index(changed, 0))

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        width, head, body = self._layout(option, index)
        small = self._fonts_for(option.font)[5]
        model = index.model()
        evidence = isinstance(model, QuoteListModel) and bool(model.text(index.row()).evidence)
        return QSize(width, head + body + small + 4 * self.PAD + (small + self.PAD // 2 if evidence else 0))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        widget = option.widget
        if widget is not None:
            # The row's background, selection and focus; its text is drawn below.
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        color = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = color if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        width, head, body = self._layout(option, index)
        bold, italic, _head, _line, _height, small_height = self._fonts_for(option.font)
        model = index.model()
        shown = model.text(index.row()) if isinstance(model, QuoteListModel) else None
        left, top = option.rect.left() + self.PAD, option.rect.top() + self.PAD
        painter.save()
        painter.setFont(bold)
        painter.setPen(color)
        speaker = shown.speaker if shown is not None else ""
        badge = shown.badge if shown is not None else ""
        speaker_left = left
        if badge:
            # The kind in words in a box drawn in the text's own colour: readable in either
            # theme and selected or not, and never told by a colour alone.
            small = QFont(option.font)
            small.setBold(True)
            small.setPointSizeF(max(option.font.pointSizeF() * 0.8, 6.0))
            metrics = QFontMetrics(small)
            box = QRect(
                left,
                top + (head - metrics.height() - 2) // 2,
                metrics.horizontalAdvance(badge) + 8,
                metrics.height() + 2,
            )
            painter.setPen(QPen(color, 1))
            painter.drawRoundedRect(box.adjusted(0, 0, -1, -1), 3, 3)
            painter.setFont(small)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), badge)
            painter.setFont(bold)
            speaker_left = box.right() + self.PAD
        painter.drawText(
            QRect(speaker_left, top, width - (speaker_left - left), head),
            int(Qt.AlignmentFlag.AlignLeft),
            QFontMetrics(bold).elidedText(
                speaker, Qt.TextElideMode.ElideRight, width - (speaker_left - left)
            ),
        )
        painter.setFont(option.font)
        text = self._text(index)
        body_rect = QRect(left, top + head + self.PAD, width, body)
        painter.drawText(body_rect, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft), text)
        lines = [shown.cue, shown.evidence] if shown is not None else []
        painter.setPen(muted)
        painter.setFont(italic)
        top = body_rect.bottom() + self.PAD
        for line in lines:
            if line:
                painter.drawText(
                    QRect(left, top, width, small_height),
                    int(Qt.AlignmentFlag.AlignLeft),
                    QFontMetrics(italic).elidedText(line, Qt.TextElideMode.ElideRight, width),
                )
            top += small_height + self.PAD // 2
        painter.restore()


class _KeepArrowKeys(QObject):
    """Let a panel list keep Up/Down for itself instead of the window's next-article shortcut."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        is_arrow = (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            and not event.modifiers()
        )
        if is_arrow:
            event.accept()
            return True
        return False


class InsightsPanel(QWidget):
    """Quotes above, entities below; emits what the user selects."""

    quote_selected = Signal(object)  # Quote | None
    #: Another article's analysis, or more of it, is shown.
    analysis_shown = Signal()
    entity_selected = Signal(object)  # Entity | None
    #: An article carrying another version of the selected quote was chosen (its store id).
    version_chosen = Signal(int)
    #: The user chose which kinds of quote to list ("all" or "direct").
    quote_filter_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._analysis: AnalysedArticle | None = None
        self._busy = False
        #: Dates and numbers of the shown article (found on request, apart from the analysis).
        self._amounts: tuple[Entity, ...] = ()
        self.quotes_title = _pane_title("Quotes", self)
        self.quotes_title.setWordWrap(True)  # "Quotes (3 direct, 5 reported, …)" never widens the panel
        self._kinds: QuoteFilter = "all"
        self.kind_filter = QComboBox(self)
        for value, title in QUOTE_FILTERS:
            self.kind_filter.addItem(title, value)
        self.kind_filter.setAccessibleName("Which quotes to list")
        self.kind_filter.setAccessibleDescription(
            "All kinds: direct quotes, reported speech and partly quoted statements; "
            "or direct quotes only (the words in quotation marks)"
        )
        self.kind_filter.setToolTip("List every statement, or only the words in quotation marks")
        self.kind_filter.currentIndexChanged.connect(self._on_kind_filter_changed)
        self.quote_model = QuoteListModel(self)
        self.quote_view = OpaqueListView(self)
        self.quote_view.setModel(self.quote_model)
        self.quote_delegate = QuoteDelegate(self.quote_view)
        self.quote_view.setItemDelegate(self.quote_delegate)
        self.quote_view.setWordWrap(True)
        self.quote_view.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap quotes when the panel resizes
        self.quote_view.setUniformItemSizes(False)
        self.quote_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.quote_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.quote_view.setAccessibleName("Quotes")
        self.quote_view.setAccessibleDescription(
            "The article's quotes, reported speech and partly quoted statements with their speakers, "
            "in the order of the text; q and Shift+q step through them, c copies one"
        )
        self.quote_view.selectionModel().currentChanged.connect(self._on_quote_changed)

        self.versions_title = _pane_title("Also in", self)
        self.versions_view = QListWidget(self)
        self.versions_view.setAccessibleName("Other versions of the quote")
        self.versions_view.setAccessibleDescription(
            "Articles carrying the selected quote, earliest first, with how each version differs; "
            "Enter opens one"
        )
        self.versions_view.setWordWrap(True)
        # Each version is two lines (the article; what changed): spaced and shaded in turn so
        # that one entry never runs into the next.
        self.versions_view.setSpacing(2)
        self.versions_view.setAlternatingRowColors(True)
        self.versions_view.itemActivated.connect(self._on_version_activated)
        self.versions_view.setMaximumHeight(220)

        self.entities_title = _pane_title("Entities", self)
        self.show_dates = QCheckBox("Show dates and numbers", self)
        self.show_dates.setAccessibleName("Show dates and numbers among entities")
        self.show_dates.setAccessibleDescription("Lists dates, times, money, percentages and numbers too")
        self.show_dates.toggled.connect(lambda _on: self._fill_entities())
        self.entity_view = OpaqueTreeWidget(self)
        self.entity_view.setHeaderHidden(True)
        self.entity_view.setColumnCount(1)
        self.entity_view.setAccessibleName("Entities")
        self.entity_view.setAccessibleDescription(
            "People, organisations and places the article names, by kind; e steps through mentions"
        )
        self.entity_view.setRootIsDecorated(True)
        self.entity_view.currentItemChanged.connect(self._on_entity_changed)
        on_tab_focus(self.quote_view, self.ensure_quote_selected)
        on_tab_focus(self.entity_view, self._entity_on_focus)

        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Analysis status")
        self.status.setAccessibleDescription("What the analysis of this article is doing or found")

        self._arrow_filter = _KeepArrowKeys(self)
        self.quote_view.installEventFilter(self._arrow_filter)
        self.kind_filter.installEventFilter(self._arrow_filter)  # Up/Down choose, not change article
        self.entity_view.installEventFilter(self._arrow_filter)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.quotes_title)
        top_layout.addWidget(self.kind_filter)
        top_layout.addWidget(self.quote_view, 1)
        top_layout.addWidget(self.versions_title)
        top_layout.addWidget(self.versions_view)
        self.set_versions([])
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.entities_title)
        bottom_layout.addWidget(self.show_dates)
        bottom_layout.addWidget(self.entity_view, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
        self.setAccessibleName("Quotes and entities")
        self.setAccessibleDescription("The side panel: the current article's quotes and named entities")
        self.quotes_title.setAccessibleName("Quotes heading")
        self.quotes_title.setAccessibleDescription("How many quotes of each kind the article has")
        self.entities_title.setAccessibleName("Entities heading")
        self.entities_title.setAccessibleDescription("How many entities the article names")
        self.set_analysis(None)

    # the same quote elsewhere -------------------------------------------------------------
    def set_versions(self, rows: list[tuple[int, str, str]], total: int | None = None) -> None:
        """Show the other articles carrying the selected quote: (article id, line, tooltip),
        earliest first; hidden when the quote stands alone. ``total``: how many there are in
        all, when ``rows`` are only the earliest of them."""
        self.versions_view.clear()
        for article_id, line, tip in rows:
            item = QListWidgetItem(line)
            item.setData(Qt.ItemDataRole.UserRole, article_id)
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{line}. {tip}")
            self.versions_view.addItem(item)
        count = max(len(rows), total or 0)
        title = f"Also in {count:,} other article{'s' if count != 1 else ''}"
        if count > len(rows):
            title += f" (the earliest {len(rows):,} listed)"
        self.versions_title.setText(title)
        self.versions_title.setVisible(count > 0)
        self.versions_view.setVisible(count > 0)

    def version_count(self) -> int:
        return self.versions_view.count()

    def focus_versions(self) -> bool:
        if self.versions_view.count() == 0:
            return False
        if self.versions_view.currentRow() < 0:
            self.versions_view.setCurrentRow(0)
        self.versions_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def _on_version_activated(self, item: QListWidgetItem) -> None:
        article_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(article_id, int):
            self.version_chosen.emit(article_id)

    # content -----------------------------------------------------------------------
    def analysis(self) -> AnalysedArticle | None:
        return self._analysis

    def is_busy(self) -> bool:
        """More of the shown article's analysis is on its way."""
        return self._busy

    def set_analysis(self, analysis: AnalysedArticle | None, *, busy: bool = False) -> None:
        """Show an article's quotes and entities; ``busy`` says more is on its way."""
        same_article = (
            analysis is not None and self._analysis is not None and analysis.article is self._analysis.article
        )
        if not same_article:
            self.set_versions([])
        keep_quote = self.current_quote() if same_article else None
        keep_entity = self.current_entity() if same_article else None
        if (
            analysis is None
            or self._analysis is None
            or not _same_article(analysis.article, self._analysis.article)
        ):
            self._amounts = ()
        self._analysis = analysis
        self._busy = busy and analysis is not None
        self._fill_quotes(keep_quote)
        if keep_quote is not None and self.current_quote() is None:
            self.quote_selected.emit(None)  # no highlight or status left for a quote not listed
        self._fill_entities(keep_entity)
        notes = list(analysis.notes) if analysis else []
        if busy:
            notes.insert(0, "Finding entities… (the first article takes a few seconds)")
        elif analysis is not None and not analysis.quotes and not analysis.entities:
            notes.insert(0, "No quotes or entities found.")
        self.status.setText("\n".join(one_line(n) for n in notes))
        self.status.setVisible(bool(notes))
        self.analysis_shown.emit()

    def _fill_quotes(self, keep: Quote | None = None) -> None:
        """List the shown analysis's quotes under the filter, ``keep`` (the same words at the
        same place) selected again when it is still listed."""
        analysis = self._analysis
        quotes = analysis.quotes if analysis else ()
        self.quote_delegate.open_row = -1
        self.quote_model.set_quotes(quotes, analysis.article if analysis else None, self._kinds)
        self.quotes_title.setText(self._quotes_title(quotes))
        if keep is not None:
            rows = range(self.quote_model.rowCount())
            row = next((r for r in rows if _same_place(self.quote_model.quote_at(r), keep)), -1)
            if row < 0:  # a fragment the full analysis found a mixed statement around
                row = next((r for r in rows if _carries(self.quote_model.quote_at(r), keep)), -1)
            if row >= 0:
                self.quote_view.setCurrentIndex(self.quote_model.index(row, 0))

    def _quotes_title(self, quotes: tuple[Quote, ...]) -> str:
        """ "Quotes (3 direct, 5 reported)": each kind the analysis found, counted; under the
        direct-only filter, what is listed and what is not."""
        if self._analysis is None:
            return "Quotes"
        counts = kind_counts(quotes)
        if not counts:
            # No "Quotes (0)" while they are still being looked for.
            return f"Quotes ({ANALYSING})" if self._busy else "Quotes (0)"
        said = [f"{n:,} {word}" for word, n in counts]
        if self._kinds == "direct" and len(counts) > (1 if counts[0][0] == "direct" else 0):
            shown = said[0] if counts[0][0] == "direct" else "0 direct"
            hidden = said[1:] if counts[0][0] == "direct" else said
            text = f"Quotes ({shown} listed; {', '.join(hidden)} hidden)"
        else:
            text = f"Quotes ({', '.join(said)})"
        return text[:-1] + f", {ANALYSING})" if self._busy else text

    # the filter -----------------------------------------------------------------------
    def quote_filter(self) -> QuoteFilter:
        return self._kinds

    def set_quote_filter(self, kinds: QuoteFilter) -> None:
        """List all kinds of statement or direct quotes only (the selected quote stays
        selected when it is still listed)."""
        at = next((n for n, (value, _title) in enumerate(QUOTE_FILTERS) if value == kinds), 0)
        if self.kind_filter.currentIndex() != at:
            self.kind_filter.setCurrentIndex(at)  # lists again through _on_kind_filter_changed
        elif self._kinds != kinds:
            self._apply_kinds(kinds)

    def _on_kind_filter_changed(self, at: int) -> None:
        value = QUOTE_FILTERS[at][0] if 0 <= at < len(QUOTE_FILTERS) else "all"
        if value != self._kinds:
            self._apply_kinds(value)
            self.quote_filter_changed.emit(value)

    def _apply_kinds(self, kinds: QuoteFilter) -> None:
        keep = self.current_quote()
        self._kinds = kinds
        self._fill_quotes(keep)
        if self.current_quote() is None and keep is not None:
            self.quote_selected.emit(None)  # the selected quote is no longer listed
        self.analysis_shown.emit()

    def set_amounts(self, article: Article, amounts: tuple[Entity, ...]) -> None:
        """Dates, times, money, percentages and numbers of ``article`` (ignored if another
        article is shown by now), listed under "Dates and numbers" when asked for."""
        if self._analysis is None or not _same_article(article, self._analysis.article):
            return
        keep = self.current_entity()
        self._amounts = amounts
        self._fill_entities(keep)

    def _fill_entities(self, keep: Entity | None = None) -> None:
        self.entity_view.clear()
        analysis = self._analysis
        entities = analysis.entities if analysis else ()
        known = {(e.type, e.name) for e in entities}
        entities = (*entities, *(a for a in self._amounts if (a.type, a.name) not in known))
        show_all = self.show_dates.isChecked()
        groups: dict[str, list[Entity]] = {}
        for entity in entities:
            group = group_of(entity.type)
            if group == "Dates and numbers" and not show_all:
                continue
            groups.setdefault(group, []).append(entity)
        order = [name for name, _ in GROUPS] + ["Other", "Dates and numbers"]
        shown = 0
        for name in order:
            members = sorted(groups.get(name, []), key=lambda e: (-e.count, e.name.casefold()))
            if not members:
                continue
            parent = QTreeWidgetItem([f"{name} ({len(members)})"])
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            bold = parent.font(0)
            bold.setBold(True)
            parent.setFont(0, bold)
            self.entity_view.addTopLevelItem(parent)
            for entity in members:
                label = f"{one_line(entity.name, 120)}  ×{entity.count}"
                if entity.corrected:
                    label += f"  {CORRECTED_MARK}"
                child = QTreeWidgetItem([label])
                child.setData(0, ENTITY_ROLE, entity)
                child.setData(
                    0,
                    Qt.ItemDataRole.AccessibleTextRole,
                    f"{one_line(entity.name, 120)}, {entity.count} mentions"
                    + (", corrected" if entity.corrected else ""),
                )
                variants = [v for v in entity.variants if v != entity.name]
                tip = ["Also: " + "; ".join(variants)] if variants else []
                if entity.corrected:
                    tip.append("Corrected by you (Edit › Corrections… lists every correction)")
                if tip:
                    child.setToolTip(0, tooltip(" · ".join(tip)))
                parent.addChild(child)
                shown += 1
                if keep is not None and entity == keep:
                    self.entity_view.setCurrentItem(child)
            parent.setExpanded(True)
        if analysis is None:
            self.entities_title.setText("Entities")
        else:
            waiting = self._busy and not shown
            self.entities_title.setText(f"Entities ({ANALYSING})" if waiting else f"Entities ({shown})")

    # quotes ------------------------------------------------------------------------
    def quotes(self) -> tuple[Quote, ...]:
        return self._analysis.quotes if self._analysis else ()

    def current_quote_row(self) -> int:
        index = self.quote_view.currentIndex()
        return index.row() if index.isValid() else -1

    def current_quote(self) -> Quote | None:
        return self.quote_model.quote_at(self.current_quote_row())

    def quote_count(self) -> int:
        """How many quotes the panel lists (under its filter)."""
        return self.quote_model.rowCount()

    def select_quote_number(self, number: int) -> bool:
        """Select the analysis's quote ``number`` (as a speaker page names it); the filter
        lists all kinds when it hid that quote. False when the article has no such quote."""
        quotes = self.quotes()
        if not 0 <= number < len(quotes) or not quotes[number].is_statement:
            return False
        if self.quote_model.row_of_number(number) < 0:
            self.set_quote_filter("all")
        row = self.quote_model.row_of_number(number)
        if row < 0:
            return False
        self.quote_view.setCurrentIndex(self.quote_model.index(row, 0))
        return True

    def step_quote(self, direction: int) -> Quote | None:
        count = self.quote_model.rowCount()
        if count == 0:
            return None
        row = self.current_quote_row()
        row = (0 if direction > 0 else count - 1) if row < 0 else (row + direction) % count
        index = self.quote_model.index(row, 0)
        self.quote_view.setCurrentIndex(index)
        self.quote_view.scrollTo(index)
        return self.quote_model.quote_at(row)

    def ensure_quote_selected(self) -> None:
        """Select the first quote when none is: the quote the keys act on (c, Shift+F2) is shown
        chosen, not only outlined as Qt's focus would leave it."""
        if self.current_quote_row() < 0 and self.quote_count():
            self.step_quote(1)

    def _on_quote_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        # The current quote opens to its full length (the panel is where it can be read).
        self.quote_delegate.open(current.row() if current.isValid() else -1)
        if current.isValid():
            self.quote_view.scrollTo(current)
        self.quote_selected.emit(self.quote_model.quote_at(current.row()) if current.isValid() else None)

    # entities ----------------------------------------------------------------------
    def current_entity(self) -> Entity | None:
        item = self.entity_view.currentItem()
        entity = item.data(0, ENTITY_ROLE) if item is not None else None
        return entity if isinstance(entity, Entity) else None

    def select_first_entity(self) -> Entity | None:
        for top in range(self.entity_view.topLevelItemCount()):
            group = self.entity_view.topLevelItem(top)
            child = group.child(0) if group is not None else None
            if child is not None:
                self.entity_view.setCurrentItem(child)
                return self.current_entity()
        return None

    def select_entity_near(self, before: Entity) -> Entity | None:
        """Select the entity that now has most of ``before``'s mentions (a correction renamed,
        merged or split it); None when none has any (it is no entity any more)."""
        best, shared = None, 0
        mentions = set(before.mentions)
        for top in range(self.entity_view.topLevelItemCount()):
            group = self.entity_view.topLevelItem(top)
            for n in range(group.childCount() if group is not None else 0):
                child = group.child(n) if group is not None else None
                entity = child.data(0, ENTITY_ROLE) if child is not None else None
                if isinstance(entity, Entity) and len(mentions & set(entity.mentions)) > shared:
                    best, shared = child, len(mentions & set(entity.mentions))
        if best is not None:
            self.entity_view.setCurrentItem(best)
        return self.current_entity() if best is not None else None

    def _entity_on_focus(self) -> None:
        """Tabbing into the entities lands on one, not on a kind's heading: F2, m and Delete
        act on it at once."""
        if self.current_entity() is None:
            self.select_first_entity()

    def _on_entity_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        entity = current.data(0, ENTITY_ROLE) if current is not None else None
        self.entity_selected.emit(entity if isinstance(entity, Entity) else None)


def _place(quote: Quote) -> tuple[int, int]:
    """Where a quote starts in the text (paragraph, offset): the panel's order."""
    return min(((s.paragraph, s.start) for s in quote.spans), default=(-1, -1))


def _same_place(a: Quote | None, b: Quote) -> bool:
    """The same statement (its words at the same place), whatever its speaker now is."""
    return a is not None and a.spans == b.spans and a.kind == b.kind


def _carries(a: Quote | None, b: Quote) -> bool:
    """``a`` holds every part of ``b`` (a mixed statement around a quoted fragment)."""
    return (
        a is not None
        and bool(b.spans)
        and all(
            any(s.paragraph == t.paragraph and s.start <= t.start and t.end <= s.end for s in a.spans)
            for t in b.spans
        )
    )


def _same_article(a: Article, b: Article) -> bool:
    return (a.path, a.record) == (b.path, b.record)


def _pane_title(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("paneTitle")
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
