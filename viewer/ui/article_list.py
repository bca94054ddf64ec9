"""The article list: a model over read results that filters and sorts, and the pane."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum
from itertools import pairwise
from typing import Any, Literal

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from viewer.core.index import CorpusIndex
from viewer.core.model import Article, ReadFailure
from viewer.ui.text import display_date, one_line, tooltip

Item = Article | ReadFailure
SortKey = Literal["title", "date", "file"]
SORT_KEYS: tuple[SortKey, ...] = ("title", "date", "file")
SORT_LABELS: dict[SortKey, str] = {"title": "Title", "date": "Date", "file": "File"}
AnyIndex = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    ITEM = Qt.ItemDataRole.UserRole + 1
    IS_ERROR = Qt.ItemDataRole.UserRole + 2
    DETAIL = Qt.ItemDataRole.UserRole + 3


def item_title(item: Item) -> str:
    if isinstance(item, ReadFailure):
        return one_line(_file_label(item.path, item.record))
    return one_line(item.title) or one_line(_file_label(item.path, item.record))


def item_detail(item: Item) -> str:
    """The second line of a row: source and date, or what went wrong."""
    if isinstance(item, ReadFailure):
        return one_line(f"Unreadable: {item.message}")
    parts = [p for p in (item.source, display_date(item.date)) if p]
    return one_line(" · ".join(parts) if parts else _file_label(item.path, item.record))


def _file_label(path: str, record: int | None) -> str:
    name = os.path.basename(path) or path
    return name if record is None else f"{name} #{record}"


@dataclass(frozen=True, slots=True)
class _Keys:
    title: str
    date: tuple[int, str]
    file: tuple[str, int]
    haystack: str


def _keys(item: Item) -> _Keys:
    title = item_title(item).casefold()
    date = item.date if isinstance(item, Article) else None
    # Newest first; undated articles (and unreadable files) after every dated one.
    date_key = (0, _invert(date)) if date else (1, "")
    return _Keys(
        title, date_key, (item.path, item.record if item.record is not None else -1), _haystack(item)
    )


def _invert(text: str) -> str:
    return "".join(chr(0x10FFFF - ord(ch)) if ord(ch) < 0xD800 else ch for ch in text)


class ArticleListModel(QAbstractListModel):
    """Articles and unreadable files, filtered and sorted here, in Python.

    Sort keys and search text are computed once per item, so sorting or filtering tens of
    thousands of rows costs one ``sorted()`` call, not a Python call per comparison.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Item] = []
        self._keys: list[_Keys] = []
        self._rows: list[int] = []  # visible rows: indexes into _items, in display order
        self._failures = 0
        self._words: tuple[str, ...] = ()
        self._query = ""
        self._sort_key: SortKey = "file"
        # Full text (body, captions) is searched through an index filled off the UI thread;
        # until an article is indexed, the filter matches its title, source and date only.
        self.search_index = CorpusIndex()
        self._indexed = 0
        self._text_hits: frozenset[int] = frozenset()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._items[self._rows[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return item_title(item)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if isinstance(item, ReadFailure):
                return f"Unreadable file {item_title(item)}: {one_line(item.message)}"
            return f"{item_title(item)}. {item_detail(item)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"{item_title(item)} — {item_detail(item)} — {item.path}")
        if role == Role.ITEM:
            return item
        if role == Role.IS_ERROR:
            return isinstance(item, ReadFailure)
        if role == Role.DETAIL:
            return item_detail(item)
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update({int(r): QByteArray(r.name.lower().encode()) for r in Role})
        return names

    # content -------------------------------------------------------------------------
    def items(self) -> list[Item]:
        """Every item read, in reading order, whatever the filter."""
        return list(self._items)

    def visible_items(self) -> list[Item]:
        return [self._items[i] for i in self._rows]

    def total_count(self) -> int:
        return len(self._items)

    def article_count(self) -> int:
        return len(self._items) - self._failures

    def failure_count(self) -> int:
        return self._failures

    def append_items(self, items: Iterable[Item]) -> None:
        new = list(items)
        if not new:
            return
        first = len(self._items)
        self._failures += sum(1 for item in new if isinstance(item, ReadFailure))
        self._items.extend(new)
        self._keys.extend(_keys(item) for item in new)
        shown = [i for i in range(first, len(self._items)) if self._accepts(i)]
        if not shown:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(shown) - 1)
        self._rows.extend(shown)
        self.endInsertRows()
        key = self._key_function()
        # Rows arrive in file order; only re-sort when the new rows break the current order.
        tail = self._rows[max(len(self._rows) - len(shown) - 1, 0) :]
        if any(key(a) > key(b) for a, b in pairwise(tail)):
            self._relayout(sorted(self._rows, key=key))

    def clear(self) -> None:
        self.beginResetModel()
        # A new index: an indexing task still running writes into the old one, harmlessly.
        self.search_index = CorpusIndex()
        self._indexed = 0
        self._text_hits = frozenset()
        self._items.clear()
        self._failures = 0
        self._keys.clear()
        self._rows.clear()
        self.endResetModel()

    # filter and sort -------------------------------------------------------------------
    def filter_text(self) -> str:
        return " ".join(self._words)

    def set_filter_text(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words == self._words and text == self._query:
            return
        self._words = words
        self._query = text
        self._text_hits = self._search_hits()
        self._apply_filter()

    def refresh_filter(self) -> None:
        """Show articles that now match in their text, after more of them were indexed.

        Cheap when nothing new matches (the usual case while a big folder is indexed): one
        index query, no pass over the rows.
        """
        if not self._words:
            return
        hits = self._search_hits()
        new = hits - self._text_hits
        self._text_hits = hits
        if new and not new <= set(self._rows):
            self._apply_filter()

    def _search_hits(self) -> frozenset[int]:
        hits = self.search_index.search(self._query) if self._words else None
        return frozenset(k for k in hits or () if isinstance(k, int))

    def _apply_filter(self) -> None:
        rows = sorted((i for i in range(len(self._items)) if self._accepts(i)), key=self._key_function())
        if rows == self._rows:
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def take_unindexed(self) -> list[tuple[int, Article]]:
        """Articles not yet handed to the full-text index, marked as handed over."""
        pending = [
            (i, item)
            for i, item in enumerate(self._items[self._indexed :], self._indexed)
            if isinstance(item, Article)
        ]
        self._indexed = len(self._items)
        return pending

    def is_filtered(self) -> bool:
        return bool(self._words)

    def sort_key(self) -> SortKey:
        return self._sort_key

    def set_sort_key(self, key: SortKey) -> None:
        self._sort_key = key
        self._relayout(sorted(self._rows, key=self._key_function()))

    def row_of(self, item: Item) -> int:
        for row, index in enumerate(self._rows):
            if self._items[index] is item:
                return row
        return -1

    def _accepts(self, index: int) -> bool:
        haystack = self._keys[index].haystack
        return all(word in haystack for word in self._words) or index in self._text_hits

    def _key_function(self) -> Callable[[int], Any]:
        keys = self._keys
        if self._sort_key == "title":
            return lambda i: (keys[i].title, keys[i].file)
        if self._sort_key == "date":
            return lambda i: (keys[i].date, keys[i].file)
        return lambda i: keys[i].file

    def _relayout(self, rows: list[int]) -> None:
        """Reorder visible rows, keeping selections and the current row on the same items."""
        if rows == self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        new_position = {index: row for row, index in enumerate(rows)}
        moved = [
            self.index(new_position[self._rows[i.row()]], 0)
            if 0 <= i.row() < len(self._rows)
            else QModelIndex()
            for i in old
        ]
        self._rows = rows
        self.changePersistentIndexList(old, moved)
        self.layoutChanged.emit()


def _haystack(item: Item) -> str:
    if isinstance(item, ReadFailure):
        return f"{item.path}\n{item.message}".casefold()
    fields = (item.title, item.source, item.byline, item.date, item.standfirst, item.path)
    return "\n".join(f for f in fields if f).casefold()


class ArticleRowDelegate(QStyledItemDelegate):
    """Two lines per row, drawn as plain text: the title, then source/date or the error."""

    PADDING = 6

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        small = QFontMetrics(_small_font(option.font))
        return QSize(200, metrics.height() + small.height() + 3 * self.PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect: QRect = option.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        is_error = bool(index.data(Role.IS_ERROR))
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        detail = str(index.data(Role.DETAIL) or "")
        if is_error:
            title = "⚠ " + title
        painter.save()
        title_font = QFont(option.font)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(palette.color(text_role))
        metrics = QFontMetrics(title_font)
        title_rect = QRect(rect.left(), rect.top(), rect.width(), metrics.height())
        painter.drawText(
            title_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, rect.width()),
        )
        small_font = _small_font(option.font)
        painter.setFont(small_font)
        small = QFontMetrics(small_font)
        if is_error and not selected:
            light = palette.color(QPalette.ColorRole.Base).lightness() > 128
            painter.setPen(QColor("#b00020") if light else QColor("#ff8a80"))
        elif not selected:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        detail_rect = QRect(
            rect.left(), title_rect.bottom() + self.PADDING // 2, rect.width(), small.height()
        )
        painter.drawText(
            detail_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            small.elidedText(detail, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()


def _small_font(font: QFont) -> QFont:
    small = QFont(font)
    size = font.pointSizeF()
    if size > 0:
        small.setPointSizeF(max(size * 0.88, 6.0))
    return small


class ArticleListPane(QWidget):
    """Filter box, sort choice and the list; says which article is current."""

    current_changed = Signal(object)  # Article | ReadFailure | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ArticleListModel(self)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Search articles (Ctrl+L or /)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Search articles")
        self.filter_edit.setToolTip(
            "<qt>Words in the title, source, date or anywhere in the text; &quot;a phrase&quot; in quotes</qt>"
        )
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.filter_edit.returnPressed.connect(self._focus_list)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.filter_edit)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self._clear_filter)

        self.sort_box = QComboBox(self)
        self.sort_box.setAccessibleName("Sort articles by")
        for key in SORT_KEYS:
            self.sort_box.addItem(SORT_LABELS[key], key)
        self.sort_box.currentIndexChanged.connect(lambda _i: self.set_sort_key(self.sort_box.currentData()))

        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(ArticleRowDelegate(self.view))
        self.view.setUniformItemSizes(True)
        # Lay out rows in slices so that appending to a long list never stalls the window.
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(200)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAccessibleName("Article list")
        self.view.setAccessibleDescription("Articles in the opened folder; j and k move between them")
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(self._emit_current)

        sort_label = QLabel("Sort:", self)
        sort_label.setTextFormat(Qt.TextFormat.PlainText)
        sort_label.setBuddy(self.sort_box)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(sort_label)
        top.addWidget(self.sort_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.set_sort_key("file")

    # selection --------------------------------------------------------------
    def current_item(self) -> Item | None:
        index = self.view.currentIndex()
        item = index.data(Role.ITEM) if index.isValid() else None
        return item if isinstance(item, Article | ReadFailure) else None

    def select_row(self, row: int) -> bool:
        if not 0 <= row < self.model.rowCount():
            return False
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def select_next(self) -> bool:
        current = self.view.currentIndex()
        return self.select_row(current.row() + 1 if current.isValid() else 0)

    def select_previous(self) -> bool:
        current = self.view.currentIndex()
        return self.select_row(current.row() - 1 if current.isValid() else 0)

    def ensure_selection(self) -> None:
        if not self.view.currentIndex().isValid():
            self.select_row(0)

    # filter and sort --------------------------------------------------------
    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def set_sort_key(self, key: SortKey) -> None:
        self.model.set_sort_key(key)
        position = self.sort_box.findData(key)
        if position >= 0 and position != self.sort_box.currentIndex():
            self.sort_box.setCurrentIndex(position)
        current = self.view.currentIndex()
        if current.isValid():
            self.view.scrollTo(current)

    def _on_filter_changed(self, text: str) -> None:
        current = self.current_item()
        self.model.set_filter_text(text)
        row = self.model.row_of(current) if current is not None else -1
        self.select_row(row if row >= 0 else 0)
        if self.model.rowCount() == 0:
            self._emit_current()

    def refresh_search(self) -> None:
        """Re-run the search after more text was indexed, keeping the current article."""
        if not self.model.is_filtered():
            return
        current = self.current_item()
        self.model.refresh_filter()
        row = self.model.row_of(current) if current is not None else -1
        if row != self.view.currentIndex().row() or not self.view.currentIndex().isValid():
            self.select_row(row if row >= 0 else 0)

    def _clear_filter(self) -> None:
        """Esc in the filter box: show every article again and go back to the list."""
        self.filter_edit.clear()
        self._focus_list()

    def _focus_list(self) -> None:
        self.ensure_selection()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._emit_current()

    def _emit_current(self) -> None:
        self.current_changed.emit(self.current_item())
