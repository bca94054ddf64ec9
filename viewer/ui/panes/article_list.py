"""The article list: a model over read results that filters and sorts, and the pane."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
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

from viewer.core.corpus.search import Query, parse_query
from viewer.core.corpus.store import (
    CorpusStore,
    ListRow,
    SortKey,
    StoreUnavailable,
    attach_store,
    open_store,
)
from viewer.core.model import Article, ReadFailure
from viewer.ui.background.workers import BackgroundRunner, Progress, Task
from viewer.ui.panes.views import OpaqueListView
from viewer.ui.text import display_date, one_line, record_label, tooltip

Item = Article | ReadFailure
SORT_KEYS: tuple[SortKey, ...] = ("title", "date", "file")
SORT_LABELS: dict[SortKey, str] = {"title": "Title", "date": "Date", "file": "File"}
AnyIndex = QModelIndex | QPersistentModelIndex
#: Rows fetched from the store at a time, around the row asked for.
PAGE = 200
#: Up to this many articles, the list asks the store on the UI thread (a millisecond or
#: two); above it, on a worker thread, so a search in 100,000 articles never stalls the window.
SYNC_QUERY_LIMIT = 5000


class Role(IntEnum):
    ITEM = Qt.ItemDataRole.UserRole + 1
    IS_ERROR = Qt.ItemDataRole.UserRole + 2
    DETAIL = Qt.ItemDataRole.UserRole + 3
    ID = Qt.ItemDataRole.UserRole + 4
    #: What the row's painter draws, in one answer (:class:`RowText`).
    TEXT = Qt.ItemDataRole.UserRole + 5


def item_title(item: Item | ListRow) -> str:
    if isinstance(item, ReadFailure) or (isinstance(item, ListRow) and item.error is not None):
        return one_line(_file_label(item.path, item.record))
    return one_line(item.title) or one_line(_file_label(item.path, item.record))


def item_detail(item: Item | ListRow) -> str:
    """The second line of a row: source and date, or what went wrong."""
    if isinstance(item, ReadFailure):
        return one_line(f"Unreadable: {item.message}")
    if isinstance(item, ListRow) and item.error is not None:
        return one_line(f"Unreadable: {item.error}")
    parts = [p for p in (item.source, display_date(item.date)) if p]
    return one_line(" · ".join(parts) if parts else _file_label(item.path, item.record))


def _file_label(path: str, record: int | None) -> str:
    return record_label(path, record)


@dataclass(frozen=True, slots=True)
class RowText:
    """A row as the list shows it: worked out once when the row is first shown (a row is
    painted again at every step through the list, and each cleaning of a title is a regular
    expression or two), forgotten with the row."""

    row: ListRow
    title: str
    detail: str

    @property
    def is_error(self) -> bool:
        return self.row.error is not None

    @classmethod
    def of(cls, row: ListRow) -> RowText:
        return cls(row, item_title(row), item_detail(row))


@dataclass(frozen=True, slots=True)
class _Result:
    """A query's answer: ids in display order and the store's counts."""

    generation: int
    ids: list[int]
    total: int
    failures: int
    error: str | None = None


#: One connection per (thread, store): the store remembers the folder's order between
#: queries on a connection, so a search in a big folder does not sort it again each time.
_connections = threading.local()


def _query(path: str, query: Query | None, sort: SortKey, generation: int) -> _Result:
    """Runs on any thread, with a connection of that thread's own."""
    stores: dict[str, CorpusStore] = getattr(_connections, "stores", None) or {}
    _connections.stores = stores
    store = stores.get(path)
    try:
        if store is None:
            for old in stores.values():
                old.close()
            stores.clear()
            store = stores[path] = attach_store(Path(path), read_only=True)
        ids = store.ids(query, sort)
        return _Result(generation, ids, store.count(), store.failure_count())
    except (StoreUnavailable, sqlite3.Error) as err:
        stores.pop(path, None)
        return _Result(generation, [], 0, 0, f"the store could not be read ({err})")


class ArticleListModel(QAbstractListModel):
    """A thin adapter over the corpus store: the ids of the rows shown, in display order, as
    the store's SQL gives them (filtered, sorted); the rows themselves are fetched a page at
    a time when the view paints them, and forgotten again. Nothing here holds the articles.
    """

    #: The rows or counts changed (after a refresh).
    refreshed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._store: CorpusStore | None = None
        self._ids: list[int] = []
        #: The rows read from the store around those shown, by id.
        self._cache: dict[int, ListRow] = {}
        #: The rows shown so far, as shown, by id (forgotten with :attr:`_cache`).
        self._texts: dict[int, RowText] = {}
        self._items: OrderedDict[int, Item] = OrderedDict()
        self._total = 0
        self._failures = 0
        self._query_text = ""
        self._query: Query | None = None
        self._sort_key: SortKey = "file"
        self._generation = 0
        self._attached_generation = 0
        self._pending = False  # a refresh was asked for while one runs
        self._running: Task | None = None
        self._runner = BackgroundRunner(1, self)
        self._temporary: str | None = None

    # the store ------------------------------------------------------------------------
    def attach(self, path: str | os.PathLike[str] | None) -> None:
        """Show the store at ``path`` (None: nothing); rows come with the next refresh."""
        self.beginResetModel()
        if self._store is not None:
            self._store.close()
        self._store = None
        if self._running is not None:
            self._running.cancel()
        self._running, self._pending = None, False
        self._generation += 1
        self._attached_generation = self._generation
        self._ids = []
        self._cache.clear()
        self._texts.clear()
        self._items.clear()
        self._total = self._failures = 0
        if path is not None:
            try:
                self._store = attach_store(Path(path), read_only=True)
            except StoreUnavailable:
                self._store = None
        self.endResetModel()
        if self._store is not None:
            self.refresh()

    def store_path(self) -> str | None:
        return str(self._store.path) if self._store is not None else None

    def store(self) -> CorpusStore | None:
        """The UI thread's read-only connection to the store (quick reads only)."""
        return self._store

    def append_items(self, items: Iterable[Item]) -> None:
        """Put articles in a store of this model's own and show them (tests, small demos):
        a real folder goes through :func:`viewer.core.corpus.sync.sync` instead."""
        new = list(items)
        if self._store is None:
            self._temporary = tempfile.mkdtemp(prefix="article-viewer-list-")
            weakref.finalize(self, shutil.rmtree, self._temporary, True)
            made = open_store(Path(self._temporary) / "list.sqlite3")
            made.close()
            self.attach(made.path)
        assert self._store is not None
        writer = attach_store(self._store.path)
        try:
            # Each item is a file of its own here (a record number keeps multi-record files apart).
            for item in new:
                file_id = writer.begin_file(item.path, item.format)
                writer.put_items(file_id, [item])
            writer.index_pending(len(new) + 1)
        finally:
            writer.close()
        self.refresh(wait=True)

    def close(self) -> None:
        self._runner.shutdown(1000)
        if self._store is not None:
            self._store.close()
            self._store = None
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary = None

    # Qt's model interface ---------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked for every role of every row painted: the roles no row has are answered first.
        if role not in _ROLES:
            return None
        row = index.row()
        if not 0 <= row < len(self._ids) or not index.isValid():
            return None
        if role == Role.ITEM:
            return self.item_at(row)
        if role == Role.ID:
            return self._ids[row]
        text = self._text(row)
        if text is None:
            return None
        if role == Role.TEXT:
            return text
        if role == Qt.ItemDataRole.DisplayRole:
            return text.title
        if role == Role.DETAIL:
            return text.detail
        if role == Role.IS_ERROR:
            return text.is_error
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if text.row.error is not None:
                return f"Unreadable file {text.title}: {one_line(text.row.error)}"
            return f"{text.title}. {text.detail}"
        return tooltip(f"{text.title} — {text.detail} — {text.row.path}")  # ToolTipRole

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update({int(r): QByteArray(r.name.lower().encode()) for r in Role})
        return names

    def _text(self, row: int) -> RowText | None:
        article_id = self._ids[row]
        text = self._texts.get(article_id)
        if text is None:
            found = self._row(row)
            if found is None:
                return None
            text = self._texts[article_id] = RowText.of(found)
        return text

    def _row(self, row: int) -> ListRow | None:
        article_id = self._ids[row]
        found = self._cache.get(article_id)
        if found is not None or self._store is None:
            return found
        if len(self._cache) > 20 * PAGE:
            self._cache.clear()
            self._texts.clear()
        page = self._ids[max(row - PAGE // 2, 0) : row + PAGE]
        try:
            self._cache.update(self._store.rows([i for i in page if i not in self._cache]))
        except sqlite3.Error:
            return None
        return self._cache.get(article_id)

    def item_at(self, row: int) -> Item | None:
        """The whole article (or failure) of a row, read from the store (a few are kept)."""
        if not 0 <= row < len(self._ids) or self._store is None:
            return None
        article_id = self._ids[row]
        item = self._items.get(article_id)
        if item is None:
            try:
                item = self._store.item(article_id)
            except sqlite3.Error:
                return None
            if item is None:
                return None
            self._items[article_id] = item
            while len(self._items) > 16:
                self._items.popitem(last=False)
        else:
            self._items.move_to_end(article_id)
        return item

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def id_of(self, path: str, record: int | None) -> int | None:
        """The store id of the article at ``path`` (``record``: its number in a corpus file),
        whether the list shows it or not; None when the store has no such article."""
        if self._store is None:
            return None
        try:
            return self._store.id_of(path, record)
        except sqlite3.Error:
            return None

    def row_of_id(self, article_id: int | None) -> int:
        if article_id is None:
            return -1
        try:
            return self._ids.index(article_id)
        except ValueError:
            return -1

    # counts -----------------------------------------------------------------------------
    def total_count(self) -> int:
        """Rows in the store (articles and unreadable files), whatever the search."""
        return self._total

    def article_count(self) -> int:
        return self._total - self._failures

    def failure_count(self) -> int:
        return self._failures

    def visible_items(self) -> list[Item]:
        """Every row shown, read from the store: for tests and small folders only."""
        return [item for row in range(len(self._ids)) if (item := self.item_at(row)) is not None]

    def items(self) -> list[Item]:
        return self.visible_items()

    # filter and sort --------------------------------------------------------------------
    def filter_text(self) -> str:
        return self._query_text

    def query(self) -> Query | None:
        return self._query

    def set_filter_text(self, text: str) -> None:
        if text == self._query_text:
            return
        self._query_text = text
        query = parse_query(text)
        self._query = None if query.empty else query
        self.refresh()

    def is_filtered(self) -> bool:
        return self._query is not None

    def sort_key(self) -> SortKey:
        return self._sort_key

    def set_sort_key(self, key: SortKey) -> None:
        if key == self._sort_key:
            return
        self._sort_key = key
        self.refresh()

    def refresh(self, *, wait: bool = False) -> None:
        """Ask the store again (rows were added, the search or sort changed). Small stores
        answer at once; a big one on a worker thread, the newest request winning."""
        if self._store is None:
            return
        self._generation += 1
        path = str(self._store.path)
        if wait or self._expected_rows() <= SYNC_QUERY_LIMIT:
            self._apply(_query(path, self._query, self._sort_key, self._generation))
            return
        if self._running is not None and not self._running.is_finished():
            self._pending = True
            return
        task = self._runner.start(
            "list-query", _query_job, path, self._query, self._sort_key, self._generation
        )
        task.succeeded.connect(self._on_query_done)
        task.ended.connect(self._on_query_ended)
        self._running = task

    def _expected_rows(self) -> int:
        """About how many rows a query may return: the store's highest id (instant to read)."""
        if self._store is None:
            return 0
        try:
            return self._store.max_id()
        except sqlite3.Error:
            return self._total

    def is_refreshing(self) -> bool:
        return self._pending or (self._running is not None and not self._running.is_finished())

    def _on_query_done(self, result: object) -> None:
        if isinstance(result, _Result):
            self._apply(result)

    def _on_query_ended(self) -> None:
        self._running = None
        if self._pending:
            self._pending = False
            self.refresh()

    def _apply(self, result: _Result) -> None:
        if result.generation < self._attached_generation or (
            result.generation != self._generation and self._pending
        ):
            return  # another store's answer, or a newer request follows
        old = self._ids
        self._total, self._failures = result.total, result.failures
        if result.ids == old:
            self.refreshed.emit()
            return
        if len(result.ids) > len(old) and result.ids[: len(old)] == old:
            # Rows arriving in display order (a folder read in file order): append.
            self.beginInsertRows(QModelIndex(), len(old), len(result.ids) - 1)
            self._ids = result.ids
            self.endInsertRows()
            self.refreshed.emit()
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        rows = [_position(result.ids, old[i.row()]) if 0 <= i.row() < len(old) else -1 for i in persistent]
        # The new rows first: index() checks a row against the new row count.
        self._ids = result.ids
        moved = [self.index(row, 0) if row >= 0 else QModelIndex() for row in rows]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
        self.refreshed.emit()


#: The roles a row answers (others are None without looking at the row).
_ROLES = frozenset(
    {
        *map(int, Role),
        int(Qt.ItemDataRole.DisplayRole),
        int(Qt.ItemDataRole.AccessibleTextRole),
        int(Qt.ItemDataRole.ToolTipRole),
    }
)


def _position(ids: list[int], article_id: int) -> int:
    try:
        return ids.index(article_id)  # a scan in C: a few persistent rows, not every row
    except ValueError:
        return -1


def _query_job(path: str, query: Query | None, sort: SortKey, generation: int, progress: Progress) -> _Result:
    return _query(path, query, sort, generation)


class ArticleRowDelegate(QStyledItemDelegate):
    """Two lines per row, drawn as plain text: the title, then source/date or the error.

    Painting asks the model one question per row (:attr:`Role.TEXT`), not one per role Qt's
    own item drawing would ask; the fonts are made once per font of the view."""

    PADDING = 6

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._font: QFont | None = None
        self._fonts: tuple[QFont, QFontMetrics, QFont, QFontMetrics] | None = None

    def _fonts_for(self, font: QFont) -> tuple[QFont, QFontMetrics, QFont, QFontMetrics]:
        if self._fonts is None or font != self._font:
            title = QFont(font)
            title.setBold(True)
            small = _small_font(font)
            self._font = QFont(font)
            self._fonts = (title, QFontMetrics(title), small, QFontMetrics(small))
        return self._fonts

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        small = QFontMetrics(_small_font(option.font))
        return QSize(200, metrics.height() + small.height() + 3 * self.PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        text = index.data(Role.TEXT)
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            # The row's background, selection and focus; its text is drawn below.
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        if not isinstance(text, RowText):
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect: QRect = option.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        title_font, metrics, small_font, small = self._fonts_for(option.font)
        title = "⚠ " + text.title if text.is_error else text.title
        painter.save()
        painter.setFont(title_font)
        painter.setPen(palette.color(text_role))
        title_rect = QRect(rect.left(), rect.top(), rect.width(), metrics.height())
        painter.drawText(
            title_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.setFont(small_font)
        if text.is_error and not selected:
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
            small.elidedText(text.detail, Qt.TextElideMode.ElideRight, rect.width()),
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
        self.filter_edit.setAccessibleDescription(
            'Searches the whole folder: words, "a phrase", speaker:, entity: or quote:; Esc clears it'
        )
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
        self.sort_box.setAccessibleDescription("The order of the article list: file, title or date")
        for key in SORT_KEYS:
            self.sort_box.addItem(SORT_LABELS[key], key)
        self.sort_box.currentIndexChanged.connect(lambda _i: self.set_sort_key(self.sort_box.currentData()))

        self.view = OpaqueListView(self)
        # Rows elide their text to the pane's width: a narrow list never scrolls sideways.
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        self._wanted_id: int | None = None
        self.model.refreshed.connect(self._after_refresh)

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

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select_id(self, article_id: int) -> bool:
        """Make the article with this store id current; False if the list does not show it."""
        return self.select_row(self.model.row_of_id(article_id))

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

    def set_search(self, text: str) -> None:
        """Search for ``text`` as if typed, and hand the keyboard to the list."""
        self.filter_edit.setText(text)
        self._focus_list()

    def _on_filter_changed(self, text: str) -> None:
        self.model.set_filter_text(text)

    def show_id(self, article_id: int) -> None:
        """Make this article current; when the search hides it, clear the search and make it
        current once the list has all rows again (the store answers off the UI thread)."""
        if self.select_id(article_id):
            return
        self._wanted_id = article_id
        self.filter_edit.clear()

    def _after_refresh(self) -> None:
        """Keep a current row: the article asked for, the same one when it is still shown,
        else the first."""
        wanted, self._wanted_id = self._wanted_id, None
        if wanted is not None and self.select_id(wanted):
            return
        if self.view.currentIndex().isValid():
            return
        if self.model.rowCount() > 0:
            self.select_row(0)
        else:
            self._emit_current()

    def refresh_search(self) -> None:
        """Ask the store again (more rows were read or indexed), keeping the current article."""
        self.model.refresh()

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
