"""What a store looks like: its tables, indexes and triggers, its version, how it is created,
and how an older store is brought up to date in place.

The tables, by room: ``files`` and ``articles`` with the text index ``text_fts`` and
``list_version`` (:mod:`.articles`); ``analysis`` with ``analysis_fts`` (:mod:`.analysis`);
``corrections`` and ``stale_names`` (:mod:`.corrections`); ``quote_groups`` (:mod:`.groups`);
``meta`` (the opener's). A room writes only its own tables (triggers keep the others in step
when an article goes or changes); it may read any.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable

#: The store's own format; a store of another schema is rebuilt (but for those in
#: :data:`UPGRADES`, brought up to date in place).
SCHEMA_VERSION = 4
APPLICATION_ID = 0x41565731  # "AVW1", in the database header: tells our stores from others

#: The user's corrections (see :mod:`viewer.core.corpus.corrections`), in the order made.
#: ``active`` is 0 once undone; ``undone`` orders the undone ones for redo (the last undone
#: is redone first). A new correction forgets the undone ones. ``stale_names``: names whose
#: articles' search index does not show the last correction, undo or redo yet (``gen`` tells
#: a name marked again while it was being indexed).
CORRECTIONS_TABLES = (
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

SCHEMA = f"""
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
{chr(10).join(CORRECTIONS_TABLES)}
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


def create(db: sqlite3.Connection, extractor: str) -> None:
    """Create the tables in an empty database (no harm done if another process did first)."""
    created = time.strftime("%Y-%m-%dT%H:%M:%S")
    script = (
        "BEGIN IMMEDIATE;\n"
        + SCHEMA
        + "INSERT INTO meta(key, value) VALUES ('application', 'article-viewer'), "
        + f"('schema', '{SCHEMA_VERSION}'), ('extractor', '{extractor}'), ('created', '{created}');\n"
        + "COMMIT;"
    )
    try:
        db.executescript(script)
    except sqlite3.OperationalError:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        if not _has_tables(db):  # else another process created them first: fine
            raise


def _has_tables(db: sqlite3.Connection) -> bool:
    return (
        db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
        is not None
    )


def _upgrade_3(db: sqlite3.Connection) -> None:
    """Schema 3 to 4: the corrections table (nothing else changed: the analysis stays)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        (version,) = db.execute("PRAGMA user_version").fetchone()
        if int(version) == 3:  # another process may have upgraded it meanwhile
            for statement in CORRECTIONS_TABLES:
                db.execute(statement)
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', '4')")
            db.execute("PRAGMA user_version = 4")
        db.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise


#: Older schemas brought up to date in place (the user's store and corrections kept).
UPGRADES: dict[int, Callable[[sqlite3.Connection], None]] = {3: _upgrade_3}
