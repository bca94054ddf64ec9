"""What a store holds, read in one snapshot, and whether all of it is whole.

Shared by the tests that write one store from several processes at once and the test that
kills a writer again and again. A :class:`Snapshot` is read in one read transaction (what
one moment of the store holds, as a reader of the window sees it); :func:`problems` compares
it with a reference made by one writer alone: every row, analysis and index entry present
must be the reference's own (nothing half-written, nothing of another version), a file
marked read through must have all its rows, and an analysis must have its search index
entry and no other.

Rows are keyed by (file path, record), never by id: ids are handed out in the order rows
are first written, which differs when several processes write.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from viewer.core.corpus import codec
from viewer.core.corpus.store import PARAGRAPH_SEPARATOR

Key = tuple[bytes, int]

#: Every article the tests write carries one such word in its title, found by no other.
TITLE_TAG = re.compile(r"\bref\d{4}\b")


@dataclass(frozen=True)
class Snapshot:
    rows: dict[Key, tuple[object, ...]]
    #: path -> (complete, size, mtime, sha256, read_bytes, records, extractor)
    files: dict[bytes, tuple[object, ...]]
    indexed: frozenset[Key]
    #: For every row with a title tag, the rows the text index finds by that tag (None: a
    #: row that is gone).
    tag_hits: dict[Key, frozenset[Key | None]]
    analysis: dict[Key, tuple[str, str, str, str]]
    analysis_index: dict[Key, tuple[str, str, str]]
    #: Entries of the analysis index whose article is gone.
    orphan_entries: int
    groups: frozenset[frozenset[tuple[Key, int]]]
    #: Group members whose article has no analysis, or fewer quotes than the member's number.
    stray_members: int


def snapshot(db: sqlite3.Connection) -> Snapshot:
    """What the store holds at one moment (one read transaction)."""
    db.execute("BEGIN")
    try:
        return _read(db)
    finally:
        db.execute("COMMIT")


def open_snapshot(path: Path) -> Snapshot:
    """A snapshot through a connection of its own, read-only."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, timeout=10)
    try:
        return snapshot(db)
    finally:
        db.close()


def _read(db: sqlite3.Connection) -> Snapshot:
    key_of: dict[int, Key] = {}
    rows: dict[Key, tuple[object, ...]] = {}
    indexed: set[Key] = set()
    tags: dict[Key, str] = {}
    for article_id, path, record, is_indexed, *columns in db.execute(
        "SELECT a.id, f.path, a.record, a.indexed, a.sort_path, a.title, a.title_key, a.date, a.undated, "
        "a.source, a.error, a.data, a.meta, a.body FROM articles a JOIN files f ON f.id = a.file_id"
    ):
        key = (bytes(path), int(record))
        key_of[article_id] = key
        rows[key] = tuple(bytes(c) if isinstance(c, bytes) else c for c in columns)
        if is_indexed:
            indexed.add(key)
        tag = TITLE_TAG.search(str(columns[1]))
        if tag is not None:
            tags[key] = tag.group()
    tag_hits = {
        key: frozenset(
            key_of.get(r[0]) for r in db.execute("SELECT rowid FROM text_fts WHERE text_fts MATCH ?", (tag,))
        )
        for key, tag in tags.items()
    }
    files = {
        bytes(r[0]): tuple(r[1:])
        for r in db.execute(
            "SELECT path, complete, size, mtime_ns, sha256, read_bytes, records, extractor FROM files"
        )
    }
    analysis = {
        key_of[r[0]]: (r[1], r[2], r[3], r[4])
        for r in db.execute("SELECT article_id, quotes, entities, notes, extractor FROM analysis")
    }
    index: dict[Key, tuple[str, str, str]] = {}
    orphans = 0
    for rowid, quotes, speakers, entities in db.execute(
        "SELECT rowid, quotes, speakers, entities FROM analysis_fts"
    ):
        if rowid in key_of:
            index[key_of[rowid]] = (quotes, speakers, entities)
        else:
            orphans += 1
    quote_counts = {key: len(codec.quotes_from_json(value[0])) for key, value in analysis.items()}
    members: dict[int, set[tuple[Key, int]]] = {}
    stray = 0
    for article_id, quote, group in db.execute("SELECT article_id, quote, group_id FROM quote_groups"):
        key = key_of.get(article_id)
        if key is None or quote >= quote_counts.get(key, 0):
            stray += 1
            continue
        members.setdefault(group, set()).add((key, quote))
    return Snapshot(
        rows,
        files,
        frozenset(indexed),
        tag_hits,
        analysis,
        index,
        orphans,
        frozenset(frozenset(m) for m in members.values()),
        stray,
    )


def problems(seen: Snapshot, reference: Snapshot) -> list[str]:
    """What in ``seen`` is not whole: anything not the reference's own, a file marked read
    through without all its rows, an analysis without its index entry (or the other way
    round), an index entry that disagrees. Empty when all is well."""
    found: list[str] = []
    for key, row in seen.rows.items():
        if reference.rows.get(key) != row:
            found.append(f"row {key} is not the one the file holds")
    for path, state in seen.files.items():
        if not state[0]:
            continue  # being read (or its reading was interrupted): rows come and go
        if reference.files.get(path) != state:
            found.append(f"file {path!r} is marked read with {state}, not {reference.files.get(path)}")
        wanted = {k for k in reference.rows if k[0] == path}
        have = {k for k in seen.rows if k[0] == path}
        if have != wanted:
            found.append(f"file {path!r} is marked read but has {len(have)} of its {len(wanted)} rows")
    for key, value in seen.analysis.items():
        if key not in seen.rows:
            found.append(f"analysis of {key} without its article")
        elif reference.analysis.get(key) != value:
            found.append(f"analysis of {key} is not the reference's")
    if set(seen.analysis_index) != set(seen.analysis):
        missing = set(seen.analysis) - set(seen.analysis_index)
        extra = set(seen.analysis_index) - set(seen.analysis)
        found.append(f"analysis index out of step: {len(missing)} without entry, {len(extra)} extra")
    for key, entry in seen.analysis_index.items():
        if key in seen.analysis and reference.analysis_index.get(key) != entry:
            found.append(f"analysis index entry of {key} is not the reference's")
    if seen.orphan_entries:
        found.append(f"{seen.orphan_entries} analysis index entries of no article")
    if seen.stray_members:
        found.append(f"{seen.stray_members} quote group members of no stored quote")
    for key, hits in seen.tag_hits.items():
        if hits != ({key} if key in seen.indexed else set()):
            found.append(
                f"text index out of step for {key}: indexed {key in seen.indexed}, found {len(hits)}"
            )
    return found


def differences(seen: Snapshot, reference: Snapshot) -> list[str]:
    """Where a finished store differs from the reference (empty when they are the same)."""
    out = problems(seen, reference)
    for name in ("rows", "files", "analysis", "analysis_index", "indexed", "groups"):
        mine, theirs = getattr(seen, name), getattr(reference, name)
        if mine != theirs:
            out.append(f"{name} differ: {len(mine)} here, {len(theirs)} in the reference")
    return out


def check_reference(reference: Snapshot) -> None:
    """The reference itself is whole: every analysis decodes and lies inside its article."""
    assert problems(reference, reference) == []
    for key, (quotes_json, entities_json, _notes, _extractor) in reference.analysis.items():
        body = str(reference.rows[key][9])
        paragraphs = body.split(PARAGRAPH_SEPARATOR)
        for quote in codec.quotes_from_json(quotes_json):
            for span in quote.spans:
                assert 0 <= span.start < span.end <= len(paragraphs[span.paragraph]), (key, quote)
        for entity in codec.entities_from_json(entities_json):
            assert entity.name
