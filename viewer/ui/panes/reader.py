"""The reader: an article rendered from our escaped template, with highlights and find.

Defences against hostile article text (see issue 5): the document loads no resources at all
(``SafeDocument.loadResource`` answers every request with a placeholder), link navigation is
off (only http/https/mailto open, in the system browser, on an explicit click), copying puts
only the selected plain text on the clipboard, and a document with a giant unbroken word
wraps anywhere so that laying it out stays fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QMimeData,
    QObject,
    QRegularExpression,
    QSizeF,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QImage,
    QKeySequence,
    QPaintEvent,
    QResizeEvent,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from viewer.core.cite import web_link
from viewer.core.model import Article, MentionPlace, ReadFailure
from viewer.ui.panes.render import Rendered, Unit, render_article, render_failure, render_message
from viewer.ui.panes.views import make_opaque, paint_background
from viewer.ui.themes import LIGHT, Colors, reader_css

MAX_FIND_HITS = 5_000
#: The widest a line of text gets, in average characters (a readable measure); a wider reader
#: gets side margins instead.
MEASURE_CHARS = 80
_PLACEHOLDER = QImage(1, 1, QImage.Format.Format_ARGB32)
_PLACEHOLDER.fill(Qt.GlobalColor.transparent)


def _placeholder(kind: int) -> Any:
    if kind == QTextDocument.ResourceType.ImageResource.value:
        return _PLACEHOLDER
    if kind == QTextDocument.ResourceType.StyleSheetResource.value:
        return ""
    return QByteArray()


class SafeDocument(QTextDocument):
    """A document that never reads a file or the network for anything a page names."""

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        return _placeholder(int(kind))


_SELECTION_MARKERS = str.maketrans({"\u2029": "\n", "\u2028": "\n", "\ufffc": None})
#: Qt's frame boundaries (a caption's box), with the paragraph breaks around them: one break.
_FRAME_MARKERS = re.compile("[\u2029\u2028]*[\ufdd0\ufdd1][\ufdd0\ufdd1\u2029\u2028]*")


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True, slots=True)
class TextRange:
    """A range of an article part: ``where``/``index``/``field`` as in Mention, Python offsets."""

    where: MentionPlace
    index: int
    start: int
    end: int
    field: str | None = None


class ReaderView(QTextBrowser):
    """The text browser, hardened; knows where each article part starts in its document."""

    link_refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocument(SafeDocument(self))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.setAccessibleName("Article reader")
        self.setAccessibleDescription("The current article; Space pages down, q steps through quotes")
        self.anchorClicked.connect(self._open_link)
        self._units: dict[tuple[str, int, str | None], tuple[int, Unit]] = {}
        self._colors = LIGHT
        #: The colours the document's style sheet was made for.
        self._css_colors: Colors | None = None
        self._base_point_size = max(self.font().pointSizeF(), 9.0) + 1.5
        self._zoom = 0
        self._layers: dict[str, list[tuple[int, int]]] = {}
        #: (start, end, tooltip) of document ranges that explain themselves on hover (quotes).
        self._tips: list[tuple[int, int, str]] = []
        self._rendered: Rendered = render_message("", "")
        self._apply_font()
        make_opaque(self)

    # resources and links --------------------------------------------------------
    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        return _placeholder(int(kind))

    def _open_link(self, url: QUrl) -> None:
        text = url.toString()
        if url.scheme().lower() == "mailto" or web_link(text):
            QDesktopServices.openUrl(url)
        else:
            self.link_refused.emit(text)

    def createMimeDataFromSelection(self) -> QMimeData:
        mime = QMimeData()
        mime.setText(self.selected_text())
        return mime

    def selected_text(self) -> str:
        """The selection as plain text: paragraph breaks as new lines, and none of Qt's own
        markers (U+FDD0/U+FDD1 frame boundaries around a caption box, U+FFFC objects)."""
        text = _FRAME_MARKERS.sub("\n", self.textCursor().selectedText())
        return text.translate(_SELECTION_MARKERS).strip("\n")

    # content ---------------------------------------------------------------------
    def set_colors(self, colors: Colors) -> None:
        self._colors = colors
        self._show(self._rendered)

    def _use_colors(self) -> None:
        """The style sheet for the theme's colours, set again only when they changed: each
        setting is read from disk, filled in and parsed anew by the next document."""
        if self._css_colors != self._colors:
            self.document().setDefaultStyleSheet(reader_css(self._colors))
            self._css_colors = self._colors

    def show_article(self, item: Article | ReadFailure | None) -> None:
        if item is None:
            rendered = render_message("No article", "Open a folder or files with Ctrl+O.")
        elif isinstance(item, ReadFailure):
            rendered = render_failure(item)
        else:
            rendered = render_article(item)
        self._show(rendered)

    def show_message(self, title: str, message: str) -> None:
        self._show(render_message(title, message))

    def _show(self, rendered: Rendered) -> None:
        if rendered is not self._rendered:
            self._tips = []  # another document: its own tooltips come with its analysis
        self._rendered = rendered
        self._layers.clear()
        self.setExtraSelections([])
        wrap = QTextOption.WrapMode.WrapAnywhere if rendered.has_long_word else QTextOption.WrapMode.WordWrap
        self.setWordWrapMode(wrap)
        self._use_colors()
        # The text is laid out once, with the side margins it will have. Qt would lay it out
        # as the HTML goes in, and then the whole document again, at once, for new margins
        # (setHtml resets them): no layout happens while the page size is null.
        doc = self.document()
        size = doc.pageSize()
        doc.setPageSize(QSizeF(0, 0))
        try:
            self.setHtml(rendered.html)
            self._fit_measure()
        finally:
            doc.setPageSize(size)
        doc.documentLayout().documentSize()  # the rest of the layout now, as before, not in steps
        self._units = self._locate(rendered.units)
        self.verticalScrollBar().setValue(0)

    def _locate(self, units: tuple[Unit, ...]) -> dict[tuple[str, int, str | None], tuple[int, Unit]]:
        """Match each unit to its block, in order (every unit is a block of its own)."""
        found: dict[tuple[str, int, str | None], tuple[int, Unit]] = {}
        block = self.document().begin()
        for unit in units:
            probe = block
            while probe.isValid() and probe.text() != unit.text:
                probe = probe.next()
            if not probe.isValid():
                continue  # Qt changed the text; this part cannot be highlighted
            found[(unit.where, unit.index, unit.field)] = (probe.position(), unit)
            block = probe.next()
        return found

    def document_range(self, part: TextRange) -> tuple[int, int] | None:
        """Document positions of an article range, or ``None`` when that part is not shown."""
        field = part.field if part.where == "figure" else None
        if part.where == "figure" and field is None:
            field = "caption"
        located = self._units.get((part.where, part.index, field))
        if located is None:
            return None
        base, unit = located
        start = max(0, min(part.start, len(unit.text)))
        end = max(start, min(part.end, len(unit.text)))
        if end == start:
            return None
        return base + _utf16_len(unit.text[:start]), base + _utf16_len(unit.text[:end])

    # highlights --------------------------------------------------------------------
    def set_layer(self, name: str, ranges: list[tuple[int, int]]) -> None:
        """Highlight layers, drawn in order: quote, mention, find, then the current ones on top."""
        self._layers[name] = ranges
        self._refresh_selections()

    def layer(self, name: str) -> list[tuple[int, int]]:
        return list(self._layers.get(name, []))

    def layer_formats(self) -> dict[str, QTextCharFormat]:
        """How each highlight layer looks, in the order they are drawn. The selected quote's
        words, its cue and its speaker's mention differ by more than colour: the cue has a
        dashed underline, the speaker's words a solid one (extra selections paint; a font
        weight would not be drawn)."""
        colors = self._colors
        underline = QTextCharFormat.UnderlineStyle
        styles: dict[str, tuple[str, QTextCharFormat.UnderlineStyle | None]] = {
            "quote": (colors.quote_hl, None),
            "quote-cue": (colors.cue_hl, underline.DashUnderline),
            "quote-speaker": (colors.speaker_hl, underline.SingleUnderline),
            "mention": (colors.mention_hl, None),
            "mention-current": (colors.current_hl, underline.SingleUnderline),
            "search": (colors.find_hl, None),
            "search-current": (colors.find_current, underline.SingleUnderline),
            "find": (colors.find_hl, None),
            "find-current": (colors.find_current, underline.SingleUnderline),
        }
        formats = {}
        for name, (color, line) in styles.items():
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(color))
            if line is not None:
                fmt.setFontUnderline(True)
                fmt.setUnderlineStyle(line)
                fmt.setUnderlineColor(QColor(colors.text))
            formats[name] = fmt
        return formats

    def _refresh_selections(self) -> None:
        selections: list[QTextEdit.ExtraSelection] = []
        for name, fmt in self.layer_formats().items():
            for start, end in self._layers.get(name, []):
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.document())
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selection.format = fmt
                selections.append(selection)
        self.setExtraSelections(selections)

    # tooltips ----------------------------------------------------------------------------
    def set_tooltips(self, tips: list[tuple[int, int, str]]) -> None:
        """Tooltips (already escaped rich text) for document ranges, shown on hover."""
        self._tips = list(tips)

    def tooltip_at(self, position: int) -> str | None:
        for start, end, tip in self._tips:
            if start <= position < end:
                return tip
        return None

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:
            make_opaque(self)

    def paintEvent(self, event: QPaintEvent) -> None:
        paint_background(self, event)  # the page is opaque: see viewer.ui.panes.views
        super().paintEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(self.cursorForPosition(event.pos()).position())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def scroll_to(self, position: int) -> None:
        """Bring a document position into view, a third of the way down the page."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        target = bar.value() + rect.top() - self.viewport().height() // 3
        bar.setValue(max(bar.minimum(), min(bar.maximum(), target)))

    # paging and zoom -------------------------------------------------------------------
    def at_end(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum()

    def page(self, forward: bool) -> None:
        bar = self.verticalScrollBar()
        step = max(bar.pageStep() - 2 * self.fontMetrics().height(), 1)
        bar.setValue(bar.value() + (step if forward else -step))

    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        self._zoom = steps
        self._apply_font()

    def _apply_font(self) -> None:
        font = QFont(self.font())
        font.setPointSizeF(max(self._base_point_size * (1.1**self._zoom), 5.0))
        self.document().setDefaultFont(font)
        self._fit_measure()

    # measure ---------------------------------------------------------------------------
    def line_chars(self) -> float:
        """How many average characters a line of body text holds now."""
        frame = self.document().rootFrame().frameFormat()
        width = self.viewport().width() - 2 * self.document().documentMargin()
        width -= frame.leftMargin() + frame.rightMargin()
        return width / max(QFontMetricsF(self.document().defaultFont()).averageCharWidth(), 1.0)

    def _fit_measure(self) -> None:
        """Side margins that keep lines to about :data:`MEASURE_CHARS` characters when the
        reader is wide (the root frame's margins: the page colour stays under them)."""
        average = QFontMetricsF(self.document().defaultFont()).averageCharWidth()
        room = self.viewport().width() - 2 * self.document().documentMargin()
        margin = max(0.0, (room - MEASURE_CHARS * average) / 2)
        root = self.document().rootFrame()
        frame = root.frameFormat()
        if abs(frame.leftMargin() - margin) < 1 and abs(frame.rightMargin() - margin) < 1:
            return
        frame.setLeftMargin(margin)
        frame.setRightMargin(margin)
        root.setFrameFormat(frame)

    def resizeEvent(self, event: QResizeEvent) -> None:
        doc = self.document()
        size = doc.pageSize()
        if event.oldSize().width() != event.size().width():
            # New margins without a layout of their own: Qt lays the text out for the new
            # width next, margins included (a scroll bar that comes or goes does this).
            doc.setPageSize(QSizeF(0, 0))
            self._fit_measure()
        super().resizeEvent(event)
        if doc.pageSize().isNull():
            doc.setPageSize(size)  # Qt did not lay it out again after all
        elif event.oldSize().width() != event.size().width():
            doc.documentLayout().documentSize()  # all of it now, as before, not in steps
        self._fit_measure()

    # find ------------------------------------------------------------------------------
    def find_all(self, needle: str) -> list[tuple[int, int]]:
        hits: list[tuple[int, int]] = []
        if not needle:
            return hits
        cursor = QTextCursor(self.document())
        while len(hits) < MAX_FIND_HITS:
            cursor = self.document().find(needle, cursor)
            if cursor.isNull():
                break
            hits.append((cursor.selectionStart(), cursor.selectionEnd()))
        return hits

    def find_words(self, words: list[str]) -> list[tuple[int, int]]:
        """Where words start a word of the document (any case, any ending: "minister" finds
        "Ministers"), for the words of the list search."""
        hits: list[tuple[int, int]] = []
        words = [w for w in words if w]
        if not words:
            return hits
        alternatives = "|".join(
            QRegularExpression.escape(w) for w in sorted(set(words), key=len, reverse=True)
        )
        pattern = QRegularExpression(
            rf"\b(?:{alternatives})\w*", QRegularExpression.PatternOption.CaseInsensitiveOption
        )
        cursor = QTextCursor(self.document())
        while len(hits) < MAX_FIND_HITS:
            cursor = self.document().find(pattern, cursor)
            if cursor.isNull() or not cursor.hasSelection():
                break
            hits.append((cursor.selectionStart(), cursor.selectionEnd()))
        return hits


class FindBar(QWidget):
    """Ctrl+F: find in the article; Enter/F3 next, Shift+Enter/Shift+F3 previous, Esc closes."""

    closed = Signal()

    def __init__(self, reader: ReaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._hits: list[tuple[int, int]] = []
        self._current = -1
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in article")
        self.edit.setAccessibleName("Find in article")
        self.edit.setAccessibleDescription(
            "Enter or F3 goes to the next match, Shift+F3 to the previous, Esc closes"
        )
        self.edit.textChanged.connect(self.search)
        self.edit.returnPressed.connect(self.next_hit)
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setAccessibleName("Find results")
        self.count.setAccessibleDescription("Which match is shown, of how many")
        previous = QToolButton(self)
        previous.setText("↑")
        previous.setAccessibleName("Previous match")
        previous.setAccessibleDescription("Go to the previous match in the article (Shift+F3)")
        previous.clicked.connect(self.previous_hit)
        following = QToolButton(self)
        following.setText("↓")
        following.setAccessibleName("Next match")
        following.setAccessibleDescription("Go to the next match in the article (F3)")
        following.clicked.connect(self.next_hit)
        close = QToolButton(self)
        close.setText("✕")
        close.setAccessibleName("Close find")
        close.setAccessibleDescription("Close the find bar and clear its highlights (Esc)")
        close.clicked.connect(self.close_bar)
        self._buttons = (previous, following, close)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        for keys, slot in (
            (QKeySequence(Qt.Key.Key_Escape), self.close_bar),
            (QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_Return), self.previous_hit),
            (QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_Enter), self.previous_hit),
        ):
            shortcut = QShortcut(keys, self.edit)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.hide()

    def buttons(self) -> tuple[QToolButton, ...]:
        """Previous, next, close: in this order on screen."""
        return self._buttons

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if self.edit.text():
            self.search(self.edit.text())

    def close_bar(self) -> None:
        self.hide()
        self._hits = []
        self._current = -1
        self._reader.set_layer("find", [])
        self._reader.set_layer("find-current", [])
        self.closed.emit()

    def hits(self) -> list[tuple[int, int]]:
        return list(self._hits)

    def current(self) -> int:
        return self._current

    def search(self, needle: str) -> None:
        self._hits = self._reader.find_all(needle)
        self._current = -1
        self._reader.set_layer("find", self._hits)
        self._reader.set_layer("find-current", [])
        if self._hits:
            self.next_hit()
        else:
            self.count.setText("no matches" if needle else "")

    def refresh(self) -> None:
        """The article changed: search again if the bar is open."""
        if self.isVisible() and self.edit.text():
            self.search(self.edit.text())

    def next_hit(self) -> None:
        self._step(1)

    def previous_hit(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if not self._hits:
            return
        self._current = (self._current + direction) % len(self._hits)
        start, end = self._hits[self._current]
        self._reader.set_layer("find-current", [(start, end)])
        self._reader.scroll_to(start)
        more = "+" if len(self._hits) >= MAX_FIND_HITS else ""
        self.count.setText(f"{self._current + 1} of {len(self._hits)}{more}")


class ReaderPane(QWidget):
    """The reader with its find bar."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent if isinstance(parent, QWidget) else None)
        self.view = ReaderView(self)
        self.find_bar = FindBar(self.view, self)
        self.find_bar.setAccessibleName("Find bar")
        self.find_bar.setAccessibleDescription("Find words in the current article")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.find_bar)
        self.find_bar.closed.connect(lambda: self.view.setFocus(Qt.FocusReason.OtherFocusReason))
