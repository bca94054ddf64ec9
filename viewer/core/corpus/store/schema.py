"""What a store looks like: its tables, indexes and triggers, its version, how it is created,
and how an older store is brought up to date in place.

The tables, by room: ``files`` and ``articles`` with the text index ``text_fts`` and
``list_version`` (:mod:`.articles`); ``analysis`` with ``analysis_fts`` (:mod:`.analysis`);
``corrections`` and ``stale_names`` (:mod:`.corrections`); ``quote_groups`` (:mod:`.groups`);
``type_votes``, ``type_tally``, ``folder_types`` and ``unagreed_names`` (:mod:`.entity_types`);
``meta`` (the opener's). A room writes only its own tables (triggers keep the others in step
when an article goes or changes); it may read any.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable

from viewer.core.corpus import codec
from viewer.core.corpus import corrections as fixes
from viewer.core.corpus.agreement import name_key
from viewer.core.corpus.search import STATEMENT_KINDS, speakers_column

#: The store's own format; a store of another schema is rebuilt (but for those in
#: :data:`UPGRADES`, brought up to date in place).
SCHEMA_VERSION = 6
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

#: The folder's agreement on entity types (see :mod:`.entity_types`): each analysed article's
#: vote on the type of each name it names (``name`` is the name's key, ``strength`` how strongly
#: the article's own evidence holds its ``label``, ``shown`` the type the article shows after
#: agreement), each name's running tally (the weight of its votes per label: the room adds
#: the votes it casts, a trigger takes off those deleted), the type the folder agreed on per name (``user``: the user's), and
#: the names whose votes moved since. An article's votes go with its analysis.
ENTITY_TYPE_TABLES = (
    """CREATE TABLE IF NOT EXISTS type_votes(
    name TEXT NOT NULL,
    article_id INTEGER NOT NULL,
    label TEXT NOT NULL,
    strength REAL NOT NULL DEFAULT 0,
    shown TEXT NOT NULL,
    PRIMARY KEY (name, article_id)
) WITHOUT ROWID;""",
    "CREATE INDEX IF NOT EXISTS type_votes_by_article ON type_votes(article_id);",
    "CREATE INDEX IF NOT EXISTS type_votes_retyped ON type_votes(article_id) WHERE shown != label;",
    """CREATE TABLE IF NOT EXISTS folder_types(
    name TEXT PRIMARY KEY, type TEXT NOT NULL, user INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;""",
    "CREATE TABLE IF NOT EXISTS unagreed_names(name TEXT PRIMARY KEY) WITHOUT ROWID;",
    """CREATE TABLE IF NOT EXISTS type_tally(
    name TEXT NOT NULL, label TEXT NOT NULL, weight REAL NOT NULL, PRIMARY KEY (name, label)
) WITHOUT ROWID;""",
    """CREATE TRIGGER IF NOT EXISTS type_vote_withdrawn AFTER DELETE ON type_votes BEGIN
    UPDATE type_tally SET weight = weight - (1.0 + old.strength) WHERE name = old.name AND label = old.label;
    DELETE FROM type_tally WHERE name = old.name AND label = old.label AND weight < 1e-6;
END;""",
    """CREATE TRIGGER IF NOT EXISTS analysis_gone_votes AFTER DELETE ON analysis BEGIN
    INSERT OR IGNORE INTO unagreed_names(name) SELECT name FROM type_votes WHERE article_id = old.article_id;
    DELETE FROM type_votes WHERE article_id = old.article_id;
END;""",
)

#: Between two values of one column of the analysis index (two speakers, two names): a token
#: of its own (a private-use character, which the FTS5 tokenizer counts as a letter), so that
#: no phrase matches across two values; a search cannot contain it (queries keep \w
#: characters only).
VALUE_BREAK = " \ue000 "
#: The analysis index's columns (see :mod:`.analysis` for what each holds): one column of
#: speakers per kind of statement, so that ``speaker:X kind:reported`` asks for X among the
#: speakers of reported statements.
ANALYSIS_INDEX_COLUMNS = ("quotes", "speakers", "entities", "kinds", *map(speakers_column, STATEMENT_KINDS))
ANALYSIS_INDEX = (
    f"CREATE VIRTUAL TABLE analysis_fts USING fts5(\n    {', '.join(ANALYSIS_INDEX_COLUMNS)}, "
    "tokenize='unicode61 remove_diacritics 2'\n);"
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
{chr(10).join(ENTITY_TYPE_TABLES)}
CREATE VIRTUAL TABLE text_fts USING fts5(
    meta, body, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
{ANALYSIS_INDEX}
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


def _steps_3(db: sqlite3.Connection) -> None:
    """Schema 3 to 4: the corrections table (nothing else changed: the analysis stays)."""
    for statement in CORRECTIONS_TABLES:
        db.execute(statement)


def _stored_kind(item: str) -> str:
    """SQL for the kind of a stored quote (a row of ``json_each``), as the codec reads it:
    a store written before kinds existed says nothing, or "quote", for a direct quote."""
    known = " ".join(f"WHEN '{k}' THEN '{k}'" for k in (*STATEMENT_KINDS, "term"))
    return f"(CASE json_extract({item}.value, '$.kind') {known} ELSE 'direct' END)"


def _fill_index_sql() -> str:
    """The analysis index of schema 5 from schema 4's (its quotes, speakers and names, which
    show the user's corrections) and the stored analysis (the kinds, and each kind's
    speakers). Malformed analysis JSON gives empty values, never an error."""
    quotes = "(CASE WHEN json_valid(n.quotes) AND json_type(n.quotes) = 'array' THEN n.quotes ELSE '[]' END)"
    kind = _stored_kind("j")

    def holds(k: str) -> str:
        return f"EXISTS (SELECT 1 FROM json_each({quotes}) j WHERE j.type = 'object' AND {kind} = '{k}')"

    kinds = " || ".join(f"(CASE WHEN {holds(k)} THEN ' {k}' ELSE '' END)" for k in STATEMENT_KINDS)
    speakers = [
        f"coalesce((SELECT group_concat(json_extract(j.value, '$.speaker'), :brk) FROM json_each({quotes}) j "
        f"WHERE j.type = 'object' AND {kind} = '{k}' AND json_type(j.value, '$.speaker') = 'text' "
        "AND json_extract(j.value, '$.speaker') != ''), '')"
        for k in STATEMENT_KINDS
    ]
    return (
        f"INSERT INTO analysis_fts(rowid, {', '.join(ANALYSIS_INDEX_COLUMNS)}) "
        f"SELECT o.id, o.quotes, o.speakers, o.entities, ltrim({kinds}), {', '.join(speakers)} "
        "FROM temp.analysis_fts_4 o JOIN analysis n ON n.article_id = o.id"
    )


def _steps_4(db: sqlite3.Connection) -> None:
    """Schema 4 to 5: the analysis index gains the kinds of statement each article holds and
    each kind's speakers (``kind:`` search). An FTS5 table takes no new column: the index is
    made again, in one transaction, from the old one and the stored analysis; nothing is
    analysed again and nothing the user corrected is lost. The old index showed the user's
    corrections, the stored analysis does not: the names of the corrections in force are
    marked stale, so that their articles' speakers by kind are indexed again as corrected
    (the window catches up on stale names when it opens the store)."""
    db.execute(
        "CREATE TEMP TABLE analysis_fts_4 AS SELECT rowid AS id, quotes, speakers, entities FROM analysis_fts"
    )
    db.execute("DROP TABLE analysis_fts")
    db.execute(ANALYSIS_INDEX)
    db.execute(_fill_index_sql(), {"brk": VALUE_BREAK})
    db.execute("DROP TABLE temp.analysis_fts_4")
    _mark_corrections_stale(db)


def _mark_corrections_stale(db: sqlite3.Connection) -> None:
    """Every name the corrections in force touch: their articles are to be indexed again."""
    held = []
    for kind, payload in db.execute("SELECT kind, payload FROM corrections WHERE active"):
        with contextlib.suppress(fixes.BadCorrection):
            held.append(fixes.from_json(kind, payload))
    db.executemany(
        "INSERT INTO stale_names(name, gen) VALUES (?, 0) ON CONFLICT(name) DO UPDATE SET gen = gen + 1",
        [(name,) for name in fixes.names_of(held)],
    )


def _steps_5(db: sqlite3.Connection) -> None:
    """Schema 5 to 6: the tables of the folder's agreement on entity types, with the votes of
    every article analysed so far (nothing agreed yet: every name is weighed at the next
    agreement; the analysis stays)."""
    for statement in ENTITY_TYPE_TABLES:
        db.execute(statement)
    for table in ("type_votes", "type_tally", "folder_types", "unagreed_names"):
        db.execute(f"DELETE FROM {table}")  # (none in a store of schema 5: cast anew)
    for article_id, entities in db.execute("SELECT article_id, entities FROM analysis").fetchall():
        votes: dict[str, tuple[str, float]] = {}  # one per name: its strongest
        for name, label, strength in codec.entity_votes(entities):
            key = name_key(name)
            if key and (key not in votes or strength > votes[key][1]):
                votes[key] = (label, strength)
        db.executemany(
            "INSERT INTO type_votes(name, article_id, label, strength, shown) VALUES (?, ?, ?, ?, ?)",
            [(key, article_id, label, strength, label) for key, (label, strength) in votes.items()],
        )
    db.execute(
        "INSERT INTO type_tally(name, label, weight) "
        "SELECT name, label, sum(1.0 + strength) FROM type_votes GROUP BY name, label"
    )
    db.execute("INSERT OR IGNORE INTO unagreed_names(name) SELECT DISTINCT name FROM type_votes")


def _upgrade(db: sqlite3.Connection, version: int, steps: Callable[[sqlite3.Connection], None]) -> None:
    """Schema ``version`` to the next, in one transaction: ``steps``, then the new version
    written; nothing when another process upgraded it meanwhile."""
    db.execute("BEGIN IMMEDIATE")
    try:
        (found,) = db.execute("PRAGMA user_version").fetchone()
        if int(found) == version:
            steps(db)
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', ?)", (str(version + 1),))
            db.execute(f"PRAGMA user_version = {version + 1}")
        db.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise


#: Older schemas brought up to date in place (the user's store and corrections kept); each
#: brings one version to the next.
UPGRADES: dict[int, Callable[[sqlite3.Connection], None]] = {
    3: lambda db: _upgrade(db, 3, _steps_3),
    4: lambda db: _upgrade(db, 4, _steps_4),
    5: lambda db: _upgrade(db, 5, _steps_5),
}
