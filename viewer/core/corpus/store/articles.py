"""The files and articles room: what was read from the folder, its full-text index of the
articles' text, and the folder's order (for the list and its search)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from viewer.core.corpus.idlist import fetch_ids
from viewer.core.corpus.search import Query, parse_query
from viewer.core.corpus.store.connection import Connection
from viewer.core.corpus.store.rows import (
    FileState,
    ItemRow,
    ListRow,
    PreparedRow,
    item_from_row,
    path_bytes,
    path_text,
    prepare_row,
)
from viewer.core.model import Article, ReadFailure

SortKey = Literal["title", "date", "file"]
#: Up to this many hits a search is sorted by SQLite; above it, the folder's order is filtered.
FEW_HITS = 2000
ORDER_BY: dict[SortKey, str] = {
    "file": "sort_path, record",
    "title": "title_key, sort_path, record",
    # Newest first; undated articles (and unreadable files) after every dated one.
    "date": "undated, date DESC, sort_path, record",
}

#: Insert a prepared row (after its file's id, the columns of :class:`PreparedRow`, in order),
#: or replace the row of the same file and record. A row whose content changed leaves the text
#: index (``indexed`` 0: :meth:`Articles.index_pending` adds it back); an unchanged one is left
#: alone (its id, index entry and analysis kept).
UPSERT = """
INSERT INTO articles(file_id, record, sort_path, title, title_key, date, undated, source, error, data, meta, body)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(file_id, record) DO UPDATE SET
    sort_path = excluded.sort_path, title = excluded.title, title_key = excluded.title_key,
    date = excluded.date, undated = excluded.undated, source = excluded.source,
    error = excluded.error, data = excluded.data, meta = excluded.meta, body = excluded.body,
    indexed = CASE WHEN data IS excluded.data AND error IS excluded.error AND meta IS excluded.meta
        AND body IS excluded.body THEN indexed ELSE 0 END
WHERE data IS NOT excluded.data OR error IS NOT excluded.error OR meta IS NOT excluded.meta
    OR body IS NOT excluded.body OR sort_path IS NOT excluded.sort_path
"""


class Articles:
    """Files and articles: reading writes them, the list and search read them."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._db = connection.db
        self._order_cache: dict[str, tuple[tuple[object, ...], list[int]]] = {}

    # files ------------------------------------------------------------------------------
    def file_states(self) -> dict[bytes, FileState]:
        rows = self._db.execute(
            "SELECT path, id, size, mtime_ns, sha256, read_bytes, records, complete, extractor, format FROM files"
        )
        return {
            bytes(r[0]): FileState(r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]), r[8], r[9]) for r in rows
        }

    def begin_file(self, path: str, fmt: str | None, *, keep_rows: bool = True) -> int:
        """The file's id, marked incomplete until :meth:`finish_file`; its rows are kept
        (they are replaced record by record) unless ``keep_rows`` is false."""
        raw = path_bytes(path)
        with self._connection.transaction() as db:
            db.execute(
                "INSERT INTO files(path, format) VALUES (?, ?) "
                "ON CONFLICT(path) DO UPDATE SET complete = 0, format = excluded.format",
                (raw, fmt),
            )
            (file_id,) = db.execute("SELECT id FROM files WHERE path = ?", (raw,)).fetchone()
            if not keep_rows:
                db.execute("DELETE FROM articles WHERE file_id = ?", (file_id,))
        return int(file_id)

    def finish_file(
        self,
        file_id: int,
        *,
        size: int,
        mtime_ns: int,
        sha256: str | None,
        read_bytes: int,
        records: int,
        next_record: int | None = None,
        whole_file_row: bool = False,
        extractor: str,
    ) -> None:
        """Mark a file read through. Rows it no longer has go: records from ``records`` on
        (a file that shrank), and the row for the whole file (record -1) unless
        ``whole_file_row`` (a single article, or a failure of the whole file).
        ``next_record`` is the number the record at ``read_bytes`` will take when the file
        grows (the default: ``records``)."""
        with self._connection.transaction() as db:
            db.execute(
                "DELETE FROM articles WHERE file_id = ? AND (record >= ? OR (record < 0 AND NOT ?))",
                (file_id, records, whole_file_row),
            )
            db.execute(
                "UPDATE files SET size = ?, mtime_ns = ?, sha256 = ?, read_bytes = ?, records = ?, "
                "complete = 1, extractor = ? WHERE id = ?",
                (
                    size,
                    mtime_ns,
                    sha256,
                    read_bytes,
                    records if next_record is None else next_record,
                    extractor,
                    file_id,
                ),
            )

    def touch_file(self, file_id: int, *, size: int, mtime_ns: int) -> None:
        """Same content under a new time stamp: nothing to read again."""
        with self._connection.transaction() as db:
            db.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?", (size, mtime_ns, file_id))

    def remove_files(self, paths: Iterable[bytes]) -> int:
        gone = 0
        with self._connection.transaction() as db:
            for raw in paths:
                row = db.execute("SELECT id FROM files WHERE path = ?", (raw,)).fetchone()
                if row is None:
                    continue
                db.execute("DELETE FROM articles WHERE file_id = ?", (row[0],))
                db.execute("DELETE FROM files WHERE id = ?", (row[0],))
                gone += 1
        return gone

    # articles ---------------------------------------------------------------------------
    def put_items(self, file_id: int, items: Sequence[Article | ReadFailure]) -> int:
        """Insert or replace rows of one file (matched by record number); see :meth:`put_rows`."""
        return self.put_rows(file_id, [prepare_row(item) for item in items])

    def put_rows(self, file_id: int, rows: Sequence[PreparedRow]) -> int:
        """Insert or replace prepared rows of one file, matched by record number.

        A row whose content changed loses its analysis and its place in the full-text index
        (both are made again); an unchanged row keeps them, and its id. Rows enter the
        full-text index later, in :meth:`index_pending`, so that reading is not slowed by it.
        """
        with self._connection.transaction() as db:
            db.executemany(UPSERT, [(file_id, *row) for row in rows])
        return len(rows)

    def index_pending(self, limit: int = 2000) -> int:
        """Add up to ``limit`` rows to the full-text index; how many were added."""
        with self._connection.transaction() as db:
            ids = [
                r[0]
                for r in db.execute("SELECT id FROM articles WHERE indexed = 0 ORDER BY id LIMIT ?", (limit,))
            ]
            if ids:
                low, high = ids[0], ids[-1]
                db.execute(
                    "INSERT INTO text_fts(rowid, meta, body) SELECT id, meta, body FROM articles "
                    "WHERE indexed = 0 AND id BETWEEN ? AND ?",
                    (low, high),
                )
                db.execute(
                    "UPDATE articles SET indexed = 1 WHERE indexed = 0 AND id BETWEEN ? AND ?", (low, high)
                )
        return len(ids)

    def unindexed_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles WHERE indexed = 0").fetchone()[0])

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def failure_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles WHERE error IS NOT NULL").fetchone()[0])

    def max_id(self) -> int:
        return int(self._db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])

    def ids(self, query: Query | str | None = None, sort: SortKey = "file") -> list[int]:
        """Ids of the articles matching ``query`` (everything for None), in ``sort`` order.

        A search that matches few articles is one SQL query. One that matches many (a common
        word in 100,000 articles) would make SQLite sort every hit; instead the hits are
        taken from the full-text index as a set and the folder's order, kept from one call to
        the next while the store does not change, is filtered by it (several times faster).
        """
        parsed = parse_query(query) if isinstance(query, str) else query
        if parsed is None or parsed.empty:
            return list(self._ordered(sort))
        hits: set[int] | None = None
        for table, match in parsed.matches():
            found = set(
                fetch_ids(self._db, f"SELECT rowid AS id FROM {table} WHERE {table} MATCH ?", (match,))
            )
            hits = found if hits is None else hits & found
        for labels, words in parsed.typed():
            hits = (hits or set()) & self._shown_as(labels, words, hits or set())
        if not hits:
            return []
        if len(hits) <= FEW_HITS:
            marks = ",".join("?" * len(hits))
            sql = f"SELECT id FROM articles WHERE id IN ({marks}) ORDER BY {ORDER_BY[sort]}"
            return [row[0] for row in self._db.execute(sql, list(hits))]
        return [i for i in self._ordered(sort) if i in hits]

    def _shown_as(self, labels: Sequence[str], words: Sequence[str], among: set[int]) -> set[int]:
        """Those of ``among`` that show a name holding ``words`` (folded) as one of ``labels``
        after the folder's agreement on types (see :mod:`.entity_types`)."""
        holds = " AND ".join("instr(name, ?) > 0" for _ in words) or "1"
        kinds = ",".join("?" * len(labels))
        found: set[int] = set()
        if len(among) <= FEW_HITS:
            ids = sorted(among)
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                found.update(
                    r[0]
                    for r in self._db.execute(
                        f"SELECT article_id FROM type_votes WHERE article_id IN ({','.join('?' * len(chunk))}) "
                        f"AND shown IN ({kinds}) AND {holds}",
                        [*chunk, *labels, *words],
                    )
                )
            return found
        rows = self._db.execute(
            f"SELECT article_id FROM type_votes WHERE shown IN ({kinds}) AND {holds}", [*labels, *words]
        )
        return {r[0] for r in rows} & among

    def _ordered(self, sort: SortKey) -> list[int]:
        """Every id in ``sort`` order, remembered until the list of articles changes."""
        # Bumped by triggers whenever a row is added, removed or re-sorted (not by analysis,
        # which writes all the time while the folder is analysed).
        (version,) = self._db.execute("SELECT version FROM list_version WHERE id = 1").fetchone()
        key = (sort, version)
        cached = self._order_cache.get(sort)
        if cached is not None and cached[0] == key:
            return cached[1]
        ids = fetch_ids(self._db, f"SELECT id FROM articles ORDER BY {ORDER_BY[sort]}")
        self._order_cache[sort] = (key, ids)
        return ids

    def rows(self, ids: Sequence[int]) -> dict[int, ListRow]:
        """List rows by id (at most a page of them at a time)."""
        out: dict[int, ListRow] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._db.execute(
                f"SELECT a.id, f.path, a.record, a.title, a.date, a.source, a.error "
                f"FROM articles a JOIN files f ON f.id = a.file_id WHERE a.id IN ({marks})",
                chunk,
            ):
                record = r[2] if r[2] >= 0 else None
                out[r[0]] = ListRow(r[0], path_text(bytes(r[1])), record, r[3], r[4], r[5], r[6])
        return out

    def item(self, article_id: int) -> Article | ReadFailure | None:
        row = self._db.execute(
            "SELECT f.path, f.format, a.record, a.data, a.error, a.body FROM articles a "
            "JOIN files f ON f.id = a.file_id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return item_from_row(ItemRow._make(row))  # the columns in ItemRow's order

    def readable_with_hash(self) -> list[tuple[int, str | None]]:
        """(id, the file's SHA-256) of every readable article, in file order."""
        return self._db.execute(
            "SELECT a.id, f.sha256 FROM articles a JOIN files f ON f.id = a.file_id "
            "WHERE a.error IS NULL ORDER BY a.sort_path, a.record"
        ).fetchall()

    def record_ids(self, file_id: int, first: int, last: int) -> dict[int, int]:
        """Record number -> article id of one file's rows ``first`` to ``last``, and of its
        whole-file row (record -1) if it has one."""
        rows = self._db.execute(
            "SELECT record, id FROM articles WHERE file_id = ? AND (record BETWEEN ? AND ? OR record < 0)",
            (file_id, first, last),
        )
        return {int(record): int(article_id) for record, article_id in rows}

    def id_of(self, path: str, record: int | None) -> int | None:
        row = self._db.execute(
            "SELECT a.id FROM articles a JOIN files f ON f.id = a.file_id WHERE f.path = ? AND a.record = ?",
            (path_bytes(path), -1 if record is None else record),
        ).fetchone()
        return None if row is None else int(row[0])
