"""The corpus store: one SQLite database per opened folder, in the user's cache folder.

It keeps, per file, its path (as bytes: any name the file system allows), size, modification
time and content hash; per article its fields; per analysed article its quotes and entities;
and two full-text indexes (FTS5): the article's text (title, standfirst, byline, source, body,
captions), and what analysis found (quote text, speakers, entity names and variants); and the
user's corrections to the analysis (see :mod:`viewer.core.corpus.corrections`), applied
whenever an analysis is read or indexed, never written into it.

Several processes use one store at once: the reading process writes articles, the analysis
process writes results, and the window reads. WAL mode lets readers go on while a writer
writes; every write is a short transaction. A store that cannot be used as it is (corrupt,
not ours, locked, read-only, full) raises :class:`StoreUnavailable` when opened, or is moved
aside and rebuilt: see :func:`open_store`. Nothing here imports Qt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import viewer
from viewer.core.corpus import codec
from viewer.core.corpus import corrections as fixes
from viewer.core.corpus.idlist import fetch_ids
from viewer.core.corpus.search import Query, parse_query
from viewer.core.model import AnalysedArticle, Article, ReadFailure

#: The store's own format; a store of another schema is rebuilt (but for those in
#: :data:`_UPGRADES`, brought up to date in place).
SCHEMA_VERSION = 4
#: What produced the rows. A store written by another version is re-extracted in the
#: background (its rows stay visible meanwhile). Bump the suffix when readers or analysis
#: change what they produce.
EXTRACTOR_VERSION = f"{viewer.__version__}+6"
APPLICATION_ID = 0x41565731  # "AVW1", in the database header: tells our stores from others

SortKey = Literal["title", "date", "file"]
#: Up to this many hits a search is sorted by SQLite; above it, the folder's order is filtered.
FEW_HITS = 2000
ORDER_BY: dict[SortKey, str] = {
    "file": "sort_path, record",
    "title": "title_key, sort_path, record",
    # Newest first; undated articles (and unreadable files) after every dated one.
    "date": "undated, date DESC, sort_path, record",
}

#: The user's corrections (see :mod:`viewer.core.corpus.corrections`), in the order made.
#: ``active`` is 0 once undone; ``undone`` orders the undone ones for redo (the last undone
#: is redone first). A new correction forgets the undone ones. ``stale_names``: names whose
#: articles' search index does not show the last correction, undo or redo yet (``gen`` tells
#: a name marked again while it was being indexed).
_CORRECTIONS_TABLES = (
    """CREATE TABLE IF NOT EXISTS corrections(
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    created TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    undone INTEGER
);""",
    "CREATE TABLE IF NOT EXISTS stale_names(name TEXT PRIMARY KEY, gen INTEGER NOT NULL DEFAULT 0);",
)

_SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(
    id INTEGER PRIMARY KEY,
    path BLOB NOT NULL UNIQUE,
    format TEXT,
    size INTEGER NOT NULL DEFAULT -1,
    mtime_ns INTEGER NOT NULL DEFAULT -1,
    sha256 TEXT,
    read_bytes INTEGER NOT NULL DEFAULT 0,
    records INTEGER NOT NULL DEFAULT 0,
    complete INTEGER NOT NULL DEFAULT 0,
    extractor TEXT
);
CREATE TABLE articles(
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    record INTEGER NOT NULL,
    sort_path BLOB NOT NULL,
    title TEXT NOT NULL,
    title_key TEXT NOT NULL,
    date TEXT,
    undated INTEGER NOT NULL,
    source TEXT,
    error TEXT,
    data TEXT,
    meta TEXT NOT NULL,
    body TEXT NOT NULL,
    indexed INTEGER NOT NULL DEFAULT 0,
    UNIQUE(file_id, record)
);
CREATE INDEX articles_by_file ON articles(sort_path, record);
CREATE INDEX articles_by_title ON articles(title_key, sort_path, record);
CREATE INDEX articles_by_date ON articles(undated, date DESC, sort_path, record);
CREATE INDEX articles_unindexed ON articles(id) WHERE indexed = 0;
CREATE INDEX articles_failed ON articles(id) WHERE error IS NOT NULL;
CREATE TABLE list_version(id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT INTO list_version(id, version) VALUES (1, 0);
CREATE TRIGGER list_grew AFTER INSERT ON articles BEGIN
    UPDATE list_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER list_shrank AFTER DELETE ON articles BEGIN
    UPDATE list_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER list_reordered AFTER UPDATE OF sort_path, title_key, date, undated, record ON articles BEGIN
    UPDATE list_version SET version = version + 1 WHERE id = 1;
END;
CREATE TABLE analysis(
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    quotes TEXT NOT NULL,
    entities TEXT NOT NULL,
    notes TEXT NOT NULL,
    extractor TEXT NOT NULL
);
CREATE TABLE quote_groups(
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    quote INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    PRIMARY KEY (article_id, quote)
);
CREATE INDEX quote_groups_by_group ON quote_groups(group_id);
{chr(10).join(_CORRECTIONS_TABLES)}
CREATE VIRTUAL TABLE text_fts USING fts5(
    meta, body, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE analysis_fts USING fts5(
    quotes, speakers, entities, tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_gone AFTER DELETE ON articles BEGIN
    INSERT INTO text_fts(text_fts, rowid, meta, body)
        SELECT 'delete', old.id, old.meta, old.body WHERE old.indexed;
    DELETE FROM analysis_fts WHERE rowid = old.id;
    DELETE FROM analysis WHERE article_id = old.id;
    DELETE FROM quote_groups WHERE article_id = old.id;
END;
CREATE TRIGGER articles_changed BEFORE UPDATE OF data, error, meta, body ON articles
WHEN old.data IS NOT new.data OR old.error IS NOT new.error OR old.meta IS NOT new.meta
    OR old.body IS NOT new.body
BEGIN
    INSERT INTO text_fts(text_fts, rowid, meta, body)
        SELECT 'delete', old.id, old.meta, old.body WHERE old.indexed;
    DELETE FROM analysis_fts WHERE rowid = old.id;
    DELETE FROM analysis WHERE article_id = old.id;
END;
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {SCHEMA_VERSION};
"""


class StoreUnavailable(Exception):
    """The store cannot be used here (locked by another process, read-only, disk full...)."""


@dataclass(frozen=True, slots=True)
class FileState:
    """What the store knows of one file."""

    id: int
    size: int
    mtime_ns: int
    sha256: str | None
    read_bytes: int
    records: int
    complete: bool
    extractor: str | None
    format: str | None


@dataclass(frozen=True, slots=True)
class StoredCorrection:
    """One correction as the store keeps it: its number, when it was made, whether it holds."""

    seq: int
    correction: fixes.Correction
    created: str
    active: bool


@dataclass(frozen=True, slots=True)
class ListRow:
    """What the article list shows of one row, without the article's text."""

    id: int
    path: str
    record: int | None
    title: str
    date: str | None
    source: str | None
    error: str | None


@dataclass(frozen=True, slots=True)
class AnalysedRow:
    """One article's stored analysis with its title, date and source (no text). Quotes and
    entities stay the JSON the store keeps (see :mod:`~viewer.core.corpus.codec`): a reader
    of thousands of rows decodes only what it needs (rarely the mentions)."""

    id: int
    title: str
    date: str | None
    source: str | None
    quotes_json: str
    entities_json: str


def default_cache_dir() -> Path:
    """The program's one cache folder, for the window and the command line alike:
    $ARTICLE_VIEWER_CACHE when set, else the platform's user cache folder plus
    ``article-viewer`` (``$XDG_CACHE_HOME`` or ``~/.cache`` on Linux, ``~/Library/Caches``
    on macOS, ``%LOCALAPPDATA%`` on Windows). Stores go in its ``corpus`` folder."""
    env = os.environ.get("ARTICLE_VIEWER_CACHE")
    if env:
        return Path(env)
    home = os.path.expanduser("~")
    if sys.platform == "darwin":
        base = os.path.join(home, "Library", "Caches")
    elif sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.join(home, "AppData", "Local")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache")
    return Path(base) / "article-viewer"


def store_key(paths: Sequence[str | os.PathLike[str]]) -> str:
    """One store per set of opened paths (usually one folder), by their absolute paths."""
    absolute = sorted(os.fsencode(os.path.abspath(os.fspath(p))) for p in paths)
    return hashlib.sha256(b"\0".join(absolute)).hexdigest()[:24]


def store_path(paths: Sequence[str | os.PathLike[str]], cache_dir: Path | None = None) -> Path:
    folder = cache_dir if cache_dir is not None else default_cache_dir()
    return folder / "corpus" / f"{store_key(paths)}.sqlite3"


def path_bytes(path: str) -> bytes:
    return os.fsencode(path)


def path_text(raw: bytes) -> str:
    return os.fsdecode(raw)


def _display(path: str) -> str:
    """A path safe to put in SQLite text: undecodable bytes shown as U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _meta_text(article: Article) -> str:
    """What the index searches besides the paragraphs: metadata, file name, captions, credits."""
    name = os.path.basename(_display(article.path))
    parts = [article.title, article.standfirst, article.byline, article.source, article.date, name]
    parts.extend(f"{f.caption} {f.credit or ''}" for f in article.figures)
    parts.append(article.contributors)
    return "\n".join(p for p in parts if p)


class CorpusStore:
    """One connection to a store. Not shared between threads: each thread opens its own."""

    def __init__(self, db: sqlite3.Connection, path: Path, notice: str | None = None) -> None:
        self._db = db
        self.path = path
        self._order_cache: dict[str, tuple[tuple[object, ...], list[int]]] = {}
        self._corrections_cache: tuple[tuple[object, ...], fixes.Compiled] | None = None
        #: Said once to the user when the store had to be rebuilt or bypassed.
        self.notice = notice

    # opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, timeout: float = 5.0) -> CorpusStore:
        """Open (creating it if needed) the store at ``path``; see :func:`open_store`."""
        return open_store(Path(path), timeout=timeout)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    def __enter__(self) -> CorpusStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction (BEGIN IMMEDIATE: the write lock is taken at once)."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise
        else:
            db.execute("COMMIT")

    def defer_checkpoints(self, pages: int) -> None:
        """Fold the write-ahead log into the database only every ``pages`` pages (a long
        write: fewer log restarts, which make readers wait), until :meth:`checkpoint`."""
        self._db.execute(f"PRAGMA wal_autocheckpoint = {int(pages)}")

    def checkpoint(self) -> None:
        """Fold what the log holds into the database, without waiting for readers."""
        self._db.execute("PRAGMA wal_autocheckpoint = 1000")
        self._db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def integrity_ok(self) -> bool:
        rows = self._db.execute("PRAGMA integrity_check").fetchall()
        return rows == [("ok",)]

    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

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
        with self.transaction() as db:
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
        extractor: str | None = None,
    ) -> None:
        """Mark a file read through. Rows it no longer has go: records from ``records`` on
        (a file that shrank), and the row for the whole file (record -1) unless
        ``whole_file_row`` (a single article, or a failure of the whole file).
        ``next_record`` is the number the record at ``read_bytes`` will take when the file
        grows (the default: ``records``)."""
        with self.transaction() as db:
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
                    extractor or EXTRACTOR_VERSION,
                    file_id,
                ),
            )

    def touch_file(self, file_id: int, *, size: int, mtime_ns: int) -> None:
        """Same content under a new time stamp: nothing to read again."""
        with self.transaction() as db:
            db.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?", (size, mtime_ns, file_id))

    def remove_files(self, paths: Iterable[bytes]) -> int:
        gone = 0
        with self.transaction() as db:
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
        with self.transaction() as db:
            db.executemany(_UPSERT, [(file_id, *row) for row in rows])
        return len(rows)

    def index_pending(self, limit: int = 2000) -> int:
        """Add up to ``limit`` rows to the full-text index; how many were added."""
        with self.transaction() as db:
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
        if not hits:
            return []
        if len(hits) <= FEW_HITS:
            marks = ",".join("?" * len(hits))
            sql = f"SELECT id FROM articles WHERE id IN ({marks}) ORDER BY {ORDER_BY[sort]}"
            return [row[0] for row in self._db.execute(sql, list(hits))]
        return [i for i in self._ordered(sort) if i in hits]

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
        return item_from_row((bytes(row[0]), row[1], row[2], row[3], row[4], row[5]))

    def readable_with_hash(self) -> list[tuple[int, str | None]]:
        """(id, the file's SHA-256) of every readable article, in file order."""
        return self._db.execute(
            "SELECT a.id, f.sha256 FROM articles a JOIN files f ON f.id = a.file_id "
            "WHERE a.error IS NULL ORDER BY a.sort_path, a.record"
        ).fetchall()

    def id_of(self, path: str, record: int | None) -> int | None:
        row = self._db.execute(
            "SELECT a.id FROM articles a JOIN files f ON f.id = a.file_id WHERE f.path = ? AND a.record = ?",
            (path_bytes(path), -1 if record is None else record),
        ).fetchone()
        return None if row is None else int(row[0])

    # analysis ---------------------------------------------------------------------------
    def put_analysis(
        self, article_id: int, analysed: AnalysedArticle, extractor: str = EXTRACTOR_VERSION
    ) -> None:
        quotes = analysed.quotes
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
                return  # the article went (its file changed) while it was analysed
            db.execute(
                "INSERT OR REPLACE INTO analysis(article_id, quotes, entities, notes, extractor) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    article_id,
                    codec.quotes_json(quotes),
                    codec.entities_json(analysed.entities),
                    codec.dumps(list(analysed.notes)),
                    extractor or EXTRACTOR_VERSION,
                ),
            )
            # Search finds what the user sees: the analysis with the corrections applied.
            self._index_analysis(db, article_id, self.compiled_corrections().apply(analysed))

    @staticmethod
    def _index_analysis(db: sqlite3.Connection, article_id: int, analysed: AnalysedArticle) -> None:
        quotes = analysed.quotes
        speakers = VALUE_BREAK.join(q.speaker for q in quotes if q.speaker)
        names = VALUE_BREAK.join(
            VALUE_BREAK.join(dict.fromkeys((e.name, *e.variants))) for e in analysed.entities
        )
        db.execute("DELETE FROM analysis_fts WHERE rowid = ?", (article_id,))
        db.execute(
            "INSERT INTO analysis_fts(rowid, quotes, speakers, entities) VALUES (?, ?, ?, ?)",
            (article_id, VALUE_BREAK.join(q.text for q in quotes if q.is_statement), speakers, names),
        )

    def analysis(self, article_id: int, *, corrected: bool = True) -> AnalysedArticle | None:
        """The stored analysis of one article, if it was made by this extractor, with the
        user's corrections applied (unless not ``corrected``)."""
        row = self._db.execute(
            "SELECT quotes, entities, notes, extractor FROM analysis WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None or row[3] != EXTRACTOR_VERSION:
            return None
        article = self.item(article_id)
        if not isinstance(article, Article):
            return None
        notes = tuple(str(n) for n in json.loads(row[2]))
        analysed = AnalysedArticle(
            article, codec.quotes_from_json(row[0]), codec.entities_from_json(row[1]), notes
        )
        return self.compiled_corrections().apply(analysed) if corrected else analysed

    # corrections -------------------------------------------------------------------------
    def _corrections_version(self) -> tuple[object, ...]:
        return tuple(
            self._db.execute(
                "SELECT count(*), coalesce(max(seq), 0), coalesce(sum(active * seq), 0), "
                "coalesce(sum(active), 0), coalesce(max(undone), 0) FROM corrections"
            ).fetchone()
        )

    def active_corrections(self) -> tuple[fixes.Correction, ...]:
        """The corrections that hold, in the order made. One this version cannot read is
        left out (it was written by another version)."""
        return self.compiled_corrections().corrections

    def compiled_corrections(self) -> fixes.Compiled:
        """The corrections that hold, ready to apply (remembered while none changes)."""
        version = self._corrections_version()
        if self._corrections_cache is not None and self._corrections_cache[0] == version:
            return self._corrections_cache[1]
        compiled = fixes.compile_corrections([c.correction for c in self.corrections() if c.active])
        self._corrections_cache = (version, compiled)
        return compiled

    def corrections(self) -> list[StoredCorrection]:
        """Every correction kept, undone ones too, in the order made."""
        out = []
        for seq, kind, payload, created, active in self._db.execute(
            "SELECT seq, kind, payload, created, active FROM corrections ORDER BY seq"
        ):
            try:
                correction = fixes.from_json(kind, payload)
            except fixes.BadCorrection:
                continue
            out.append(StoredCorrection(seq, correction, created, bool(active)))
        return out

    def add_correction(self, correction: fixes.Correction) -> StoredCorrection:
        """Keep a new correction (the undone ones can no longer be redone)."""
        created = time.strftime("%Y-%m-%dT%H:%M:%S")
        with self.transaction() as db:
            db.execute("DELETE FROM corrections WHERE NOT active")
            cursor = db.execute(
                "INSERT INTO corrections(kind, payload, created) VALUES (?, ?, ?)",
                (correction.kind, fixes.to_json(correction), created),
            )
            _mark_stale(db, correction)
        return StoredCorrection(int(cursor.lastrowid or 0), correction, created, True)

    def undo_correction(self, seq: int | None = None) -> StoredCorrection | None:
        """Undo correction ``seq`` (None: the last one made that holds); what was undone."""
        with self.transaction() as db:
            if seq is None:
                row = db.execute("SELECT max(seq) FROM corrections WHERE active").fetchone()
                seq = row[0] if row else None
            if seq is None:
                return None
            changed = db.execute(
                "UPDATE corrections SET active = 0, "
                "undone = (SELECT coalesce(max(undone), 0) + 1 FROM corrections) WHERE seq = ? AND active",
                (seq,),
            ).rowcount
            undone = self._stored(seq) if changed else None
            if undone is not None:
                _mark_stale(db, undone.correction)
        return undone

    def redo_correction(self) -> StoredCorrection | None:
        """Make the correction undone last hold again; what was redone (None: nothing to redo)."""
        with self.transaction() as db:
            row = db.execute(
                "SELECT seq FROM corrections WHERE NOT active ORDER BY undone DESC LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            db.execute("UPDATE corrections SET active = 1, undone = NULL WHERE seq = ?", (row[0],))
            redone = self._stored(int(row[0]))
            if redone is not None:
                _mark_stale(db, redone.correction)
        return redone

    def can_redo(self) -> bool:
        return self._db.execute("SELECT 1 FROM corrections WHERE NOT active LIMIT 1").fetchone() is not None

    def _stored(self, seq: int) -> StoredCorrection | None:
        return next((c for c in self.corrections() if c.seq == seq), None)

    def articles_naming(self, names: Sequence[str]) -> list[int]:
        """Analysed articles whose text, or whose indexed speakers and entities, carry any of
        ``names``: every article a correction of those names may change (and a few more)."""
        phrases = [" ".join(words) for n in names if (words := _NAME_WORD.findall(n))]
        if not phrases:
            return []
        match = " OR ".join(f'"{p}"' for p in dict.fromkeys(phrases))
        rows = self._db.execute(
            "SELECT article_id FROM analysis WHERE article_id IN "
            "(SELECT rowid FROM text_fts WHERE text_fts MATCH ? "
            "UNION SELECT rowid FROM analysis_fts WHERE analysis_fts MATCH ?) ORDER BY article_id",
            (match, "{speakers entities} : (" + match + ")"),
        )
        return [r[0] for r in rows]

    def has_stale_index(self) -> bool:
        """Some articles' search index does not show the corrections as they stand yet (a
        correction made, undone or redone whose indexing was interrupted, or is running)."""
        return self._db.execute("SELECT 1 FROM stale_names LIMIT 1").fetchone() is not None

    def reindex_stale(self, report: Callable[[int, int], object] | None = None) -> int:
        """Index again every analysed article naming a name a correction changed (made,
        undone or redone) since it was last indexed; how many articles were indexed.
        ``report(done, total)`` is called after each chunk (raising there stops it: what is
        not done is done next time)."""
        stale = self._db.execute("SELECT name, gen FROM stale_names").fetchall()
        if not stale:
            return 0
        ids = self.articles_naming([name for name, _gen in stale])
        done = 0
        for start in range(0, len(ids), 500):
            done += self.reindex_analysis(ids[start : start + 500])
            if report is not None:
                report(done, len(ids))
        with self.transaction() as db:
            db.executemany("DELETE FROM stale_names WHERE name = ? AND gen = ?", stale)
        return done

    def reindex_analysis(self, article_ids: Sequence[int]) -> int:
        """Index again the speakers and entities of these articles as corrected now (after a
        correction was made or undone); how many were indexed."""
        done = 0
        corrections = self.compiled_corrections()
        for start in range(0, len(article_ids), 200):
            chunk = article_ids[start : start + 200]
            found = [(i, a) for i in chunk if (a := self.analysis(i, corrected=False)) is not None]
            with self.transaction() as db:
                for article_id, analysed in found:
                    self._index_analysis(db, article_id, corrections.apply(analysed))
            done += len(found)
        return done

    def analysis_hits(self, match: str) -> set[int]:
        """Ids of the articles whose analysis (quotes, speakers, entity names) matches an FTS5
        expression. The caller builds it from words it has quoted itself (see
        :func:`viewer.core.corpus.speakers.analysis_match`): user input never goes here raw."""
        return {
            row[0]
            for row in self._db.execute("SELECT rowid FROM analysis_fts WHERE analysis_fts MATCH ?", (match,))
        }

    def analysed_rows(self, ids: Sequence[int]) -> Iterator[AnalysedRow]:
        """The stored analysis of these articles with what the list shows of each (title,
        date, source), in id order; articles without analysis are left out. Streams, a few
        hundred rows per query, so a caller can stop between them."""
        wanted = sorted(set(ids))
        compiled = self.compiled_corrections()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT a.id, a.title, a.date, a.source, n.quotes, n.entities FROM analysis n "
                f"JOIN articles a ON a.id = n.article_id WHERE n.article_id IN ({marks}) ORDER BY a.id",
                chunk,
            ).fetchall()
            for r in rows:
                row = AnalysedRow(*r)
                yield self._corrected_row(row, compiled) if compiled.corrections else row

    def _corrected_row(self, row: AnalysedRow, compiled: fixes.Compiled) -> AnalysedRow:
        """The row with the user's corrections applied, re-encoded; the row itself when none
        can touch it (decided from the entity names in its JSON, without decoding the article)."""
        if not compiled.articles:
            keys = {
                (str(e.get("type")), fixes.name_key(str(e.get("name") or "")))
                for e in json.loads(row.entities_json)
                if isinstance(e, dict)
            }
            if keys.isdisjoint(compiled.any_target):
                return row
        analysed = self.analysis(row.id)
        if analysed is None:
            return row
        return AnalysedRow(
            row.id,
            row.title,
            row.date,
            row.source,
            codec.quotes_json(analysed.quotes),
            codec.entities_json(analysed.entities),
        )

    # the same statement across articles ------------------------------------------------
    def group_quotes(self) -> int:
        """Group every stored quote with its versions in other articles (see
        :mod:`viewer.core.corpus.groups`) and keep the groups; how many groups there are."""
        from viewer.core.corpus.groups import Version, group_quotes

        versions = []
        for article_id, quotes in self._db.execute(
            "SELECT article_id, quotes FROM analysis ORDER BY article_id"
        ):
            for n, quote in enumerate(json.loads(quotes)):
                if quote.get("kind") != "term":
                    versions.append(
                        Version((article_id, n), str(quote.get("text") or ""), quote.get("speaker"))
                    )
        groups = group_quotes(versions)
        with self.transaction() as db:
            db.execute("DELETE FROM quote_groups")
            db.executemany(
                "INSERT INTO quote_groups(article_id, quote, group_id) VALUES (?, ?, ?)",
                [(key[0], key[1], number) for number, keys in enumerate(groups, 1) for key in keys],  # type: ignore[index]
            )
        return len(groups)

    def has_quote_groups(self) -> bool:
        return self._db.execute("SELECT 1 FROM quote_groups LIMIT 1").fetchone() is not None

    def quote_group(self, article_id: int, quote: int) -> list[tuple[int, int]]:
        """Every (article id, quote number) of the statement this quote belongs to, earliest
        first (by date, undated last, then file order); empty when it stands alone."""
        row = self._db.execute(
            "SELECT group_id FROM quote_groups WHERE article_id = ? AND quote = ?", (article_id, quote)
        ).fetchone()
        if row is None:
            return []
        return [
            (r[0], r[1])
            for r in self._db.execute(
                "SELECT g.article_id, g.quote FROM quote_groups g JOIN articles a ON a.id = g.article_id "
                "WHERE g.group_id = ? ORDER BY a.undated, a.date, a.sort_path, a.record, g.quote",
                (row[0],),
            )
        ]

    def quote_versions(self, article_id: int, quote: int, limit: int) -> tuple[int, list[StoredVersion]]:
        """The statement this quote belongs to, in other articles than this one: how many
        quotes (0 when it stands alone) and the first ``limit`` of them, earliest first as
        :meth:`quote_group` orders them, each with its article's title, date, source and quotes
        (JSON), never the article's text."""
        row = self._db.execute(
            "SELECT group_id FROM quote_groups WHERE article_id = ? AND quote = ?", (article_id, quote)
        ).fetchone()
        if row is None:
            return 0, []
        size = self._db.execute(
            "SELECT count(*) FROM quote_groups WHERE group_id = ? AND article_id != ?", (row[0], article_id)
        ).fetchone()
        members = [
            StoredVersion(r[0], r[1], r[2], r[3], r[4], r[5])
            for r in self._db.execute(
                "SELECT m.article_id, m.quote, m.title, m.date, m.source, n.quotes FROM ("
                "SELECT g.article_id, g.quote, a.title, a.date, a.source, a.undated, a.sort_path, a.record "
                "FROM quote_groups g JOIN articles a ON a.id = g.article_id "
                "WHERE g.group_id = ? AND g.article_id != ? "
                "ORDER BY a.undated, a.date, a.sort_path, a.record, g.quote LIMIT ?"
                ") m JOIN analysis n ON n.article_id = m.article_id "
                "ORDER BY m.undated, m.date, m.sort_path, m.record, m.quote",
                (row[0], article_id, limit),
            )
        ]
        return int(size[0]), members

    def all_quote_groups(self) -> dict[tuple[int, int], tuple[int, int]]:
        """(article id, quote number) -> (group id, group size) for every grouped quote: one
        read for a whole export instead of one query per article."""
        sizes = dict(
            self._db.execute("SELECT group_id, count(*) FROM quote_groups GROUP BY group_id").fetchall()
        )
        return {
            (a, q): (g, sizes[g])
            for a, q, g in self._db.execute("SELECT article_id, quote, group_id FROM quote_groups")
        }

    def groups_of(self, article_id: int) -> dict[int, tuple[int, int]]:
        """Quote number -> (group id, group size) for one article's grouped quotes."""
        rows = self._db.execute(
            "SELECT g.quote, g.group_id, (SELECT count(*) FROM quote_groups h WHERE h.group_id = g.group_id) "
            "FROM quote_groups g WHERE g.article_id = ?",
            (article_id,),
        )
        return {r[0]: (r[1], r[2]) for r in rows}

    def unanalysed(self, limit: int, after: int = 0) -> list[int]:
        """Readable articles with no analysis by this extractor, by id, from ``after`` on."""
        rows = self._db.execute(
            "SELECT a.id FROM articles a LEFT JOIN analysis n ON n.article_id = a.id "
            "WHERE a.error IS NULL AND a.id > ? AND (n.article_id IS NULL OR n.extractor != ?) "
            "ORDER BY a.id LIMIT ?",
            (after, EXTRACTOR_VERSION, limit),
        )
        return [r[0] for r in rows]

    def analysed_count(self) -> tuple[int, int]:
        """(articles analysed by this extractor, readable articles)."""
        done = self._db.execute(
            "SELECT count(*) FROM analysis WHERE extractor = ?", (EXTRACTOR_VERSION,)
        ).fetchone()[0]
        total = self._db.execute("SELECT count(*) FROM articles WHERE error IS NULL").fetchone()[0]
        return int(done), int(total)


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """One member of a quote group as the store keeps it (see :meth:`CorpusStore.quote_versions`)."""

    article_id: int
    quote: int
    title: str
    date: str | None
    source: str | None
    quotes_json: str


#: A row as :meth:`CorpusStore.put_rows` takes it: (record, sort path, title, title key,
#: date, undated, source, error, data, meta, body). Made by :func:`prepare_row`, which may run
#: in another process (reading in parallel); the store only inserts.
PreparedRow = tuple[int, bytes, str, str, str | None, int, str | None, str | None, str | None, str, str]

_UPSERT = """
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

#: Between two values of one column (two speakers, two names): a token of its own (a
#: private-use character, which the FTS5 tokenizer counts as a letter), so that no phrase
#: matches across two values; a search cannot contain it (queries keep \w characters only).
VALUE_BREAK = " \ue000 "

#: Paragraphs are kept joined by this character, which readers never leave in text (it is a
#: control character): the full-text index reads the same column, so text is stored once.
PARAGRAPH_SEPARATOR = "\x1e"


def prepare_row(item: Article | ReadFailure) -> PreparedRow:
    """What the store keeps of one article or failure."""
    record = -1 if item.record is None else item.record
    sort_path = path_bytes(item.path)
    if isinstance(item, ReadFailure):
        name = os.path.basename(_display(item.path)) or _display(item.path)
        return (
            record,
            sort_path,
            name,
            name.casefold(),
            None,
            1,
            None,
            item.message,
            None,
            name,
            item.message,
        )
    joined = PARAGRAPH_SEPARATOR.join(item.paragraphs)
    # A paragraph holding the separator (one more in the joined text than the joins) or a
    # lone empty paragraph would not split back the same: kept in the JSON instead.
    inline = joined.count(PARAGRAPH_SEPARATOR) > max(len(item.paragraphs) - 1, 0) or (
        len(item.paragraphs) == 1 and not item.paragraphs[0]
    )
    data = codec.article_json(item, with_paragraphs=inline)
    return (
        record,
        sort_path,
        item.title,
        item.title.casefold(),
        item.date,
        0 if item.date else 1,
        item.source,
        None,
        data,
        _meta_text(item),
        joined,
    )


def item_from_row(row: tuple[bytes, str | None, int, str | None, str | None, str]) -> Article | ReadFailure:
    """An article or failure from (path, format, record, data, error, body) of the store."""
    raw_path, fmt, record, data, error, body = row
    path = path_text(raw_path)
    number = record if record >= 0 else None
    if error is not None or data is None:
        known = fmt if fmt in ("text", "html", "jsonl", "json", "warc") else None
        return ReadFailure(path, error or "no text", known, number)  # type: ignore[arg-type]
    paragraphs = tuple(body.split(PARAGRAPH_SEPARATOR)) if body else ()
    return codec.article_from_json(data, path, paragraphs)


# opening, with every fault handled ---------------------------------------------------------


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    # isolation_level=None: we say BEGIN and COMMIT ourselves (short, explicit transactions).
    db = sqlite3.connect(str(path), timeout=timeout, isolation_level=None, check_same_thread=False)
    db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    return db


def _is_ours(db: sqlite3.Connection) -> bool:
    (app_id,) = db.execute("PRAGMA application_id").fetchone()
    return int(app_id) == APPLICATION_ID


def _set_up(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")


def _create(db: sqlite3.Connection) -> None:
    created = time.strftime("%Y-%m-%dT%H:%M:%S")
    script = (
        "BEGIN IMMEDIATE;\n"
        + _SCHEMA
        + "INSERT INTO meta(key, value) VALUES ('application', 'article-viewer'), "
        + f"('schema', '{SCHEMA_VERSION}'), ('extractor', '{EXTRACTOR_VERSION}'), ('created', '{created}');\n"
        + "COMMIT;"
    )
    try:
        db.executescript(script)
    except sqlite3.OperationalError as err:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        if "already exists" not in str(err):  # another process created it first: fine
            raise


def _move_aside(path: Path, why: str) -> Path:
    """Keep a store we cannot use next to the new one (never delete what may be someone's)."""
    aside = path.with_name(f"{path.name}.{why}-{time.strftime('%Y%m%d%H%M%S')}")
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        extra = Path(str(path) + suffix)
        if extra.exists():
            with contextlib.suppress(OSError):
                os.replace(extra, Path(str(aside) + suffix))
    return aside


def open_store(path: Path, *, timeout: float = 5.0) -> CorpusStore:
    """Open the store at ``path``, creating it, or rebuilding it when it cannot be used.

    - corrupt, or not a database, or a database that is not ours, or of another schema:
      moved aside (``NAME.corrupt-DATE``, ``NAME.foreign-DATE``...) and built anew, with a
      :attr:`CorpusStore.notice` saying so (but a store of schema 3 is brought up to date
      in place, keeping its analysis: see :data:`_UPGRADES`);
    - locked by another process past ``timeout``, on a read-only folder or file, or on a
      full disk: :class:`StoreUnavailable` (the caller opens a temporary store instead).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreUnavailable(f"cannot create the store's folder ({err.strerror or err})") from err
    notice = None
    for _attempt in range(2):
        existed = path.exists() and path.stat().st_size > 0
        try:
            db = _connect(path, timeout)
        except sqlite3.Error as err:
            raise StoreUnavailable(f"cannot open the store ({err})") from err
        try:
            why = _problem(db) if existed else None
            if why is None:
                _set_up(db)
                if not existed or db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
                    _create(db)
                # Can we write? A lock held by another program, or a read-only file (which
                # SQLite opens read-only without a word), shows here.
                db.execute("BEGIN IMMEDIATE")
                try:
                    db.execute(
                        "INSERT OR REPLACE INTO meta(key, value) VALUES ('opened', ?)",
                        (time.strftime("%Y-%m-%dT%H:%M:%S"),),
                    )
                    db.execute("COMMIT")
                except sqlite3.Error:
                    with contextlib.suppress(sqlite3.Error):
                        db.execute("ROLLBACK")
                    raise
                return CorpusStore(db, path, notice)
        except sqlite3.DatabaseError as err:
            db.close()
            message = str(err).lower()
            if "locked" in message or "busy" in message:
                raise StoreUnavailable("the store is in use by another program") from err
            if "readonly" in message or "read-only" in message or "unable to open" in message:
                raise StoreUnavailable("the store is read-only") from err
            if "full" in message:
                raise StoreUnavailable("the disk is full") from err
            why = "corrupt"
        db.close()
        try:
            _move_aside(path, why)
        except OSError as err:
            raise StoreUnavailable(f"the store is {why} and cannot be moved aside ({err})") from err
        notice = {
            "corrupt": "The folder's store was damaged; it was set aside and is being rebuilt.",
            "foreign": "A file that is not an Article Viewer store was in the way; it was set aside.",
            "old": "The folder's store was made by another version; it is being rebuilt.",
        }[why]
    raise StoreUnavailable("the store could not be rebuilt")


def attach_store(path: Path, *, timeout: float = 5.0, read_only: bool = False) -> CorpusStore:
    """Another connection to a store that :func:`open_store` has opened (no checks, no
    rebuilding: only the opener repairs). Raises :class:`StoreUnavailable` if it is not there."""
    if not path.exists():
        raise StoreUnavailable(f"no store at {path}")
    try:
        uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "")
        db = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)
        db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        if read_only:
            db.execute("PRAGMA query_only = ON")
    except sqlite3.Error as err:
        raise StoreUnavailable(f"cannot open the store ({err})") from err
    return CorpusStore(db, path)


def _upgrade_3(db: sqlite3.Connection) -> None:
    """Schema 3 to 4: the corrections table (nothing else changed: the analysis stays)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        (version,) = db.execute("PRAGMA user_version").fetchone()
        if int(version) == 3:  # another process may have upgraded it meanwhile
            for statement in _CORRECTIONS_TABLES:
                db.execute(statement)
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', '4')")
            db.execute("PRAGMA user_version = 4")
        db.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise


def _mark_stale(db: sqlite3.Connection, correction: fixes.Correction) -> None:
    db.executemany(
        "INSERT INTO stale_names(name, gen) VALUES (?, 0) ON CONFLICT(name) DO UPDATE SET gen = gen + 1",
        [(name,) for name in fixes.names_of([correction])],
    )


#: Older schemas brought up to date in place (the user's store and corrections kept).
_UPGRADES = {3: _upgrade_3}

#: The words of a name, as the full-text index sees them.
_NAME_WORD = re.compile(r"\w+", re.UNICODE)


def _problem(db: sqlite3.Connection) -> Literal["corrupt", "foreign", "old"] | None:
    """Why an existing store cannot be used as it is, or None. Raises for locks and I/O."""
    (version,) = db.execute("PRAGMA user_version").fetchone()  # fails on a file that is not a database
    if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
        return None  # empty (a creation that was interrupted): made anew in place
    if not _is_ours(db):
        return "foreign"
    while int(version) in _UPGRADES:
        _UPGRADES[int(version)](db)
        (version,) = db.execute("PRAGMA user_version").fetchone()
    if int(version) != SCHEMA_VERSION:
        return "old"
    if db.execute("PRAGMA quick_check").fetchone() != ("ok",):
        return "corrupt"
    return None


def temporary_store_path(paths: Sequence[str | os.PathLike[str]]) -> Path:
    """Where a store goes for this session only, when the usual one is unavailable."""
    import tempfile

    folder = Path(tempfile.gettempdir()) / f"article-viewer-{os.getpid()}"
    return folder / f"{store_key(paths)}.sqlite3"
