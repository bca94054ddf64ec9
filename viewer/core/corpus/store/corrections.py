"""The corrections room: the user's corrections to the analysis (see
:mod:`viewer.core.corpus.corrections` for what a correction is and does), in the order made,
with undo and redo, and the names whose articles' search index does not show them yet."""

from __future__ import annotations

import sqlite3
import time

from viewer.core.corpus import corrections as fixes
from viewer.core.corpus.store.connection import Connection
from viewer.core.corpus.store.rows import StoredCorrection


class Corrections:
    """The corrections table and the stale names (the index catches up with them later)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._db = connection.db
        self._cache: tuple[tuple[object, ...], fixes.Compiled] | None = None

    def _version(self) -> tuple[object, ...]:
        return tuple(
            self._db.execute(
                "SELECT count(*), coalesce(max(seq), 0), coalesce(sum(active * seq), 0), "
                "coalesce(sum(active), 0), coalesce(max(undone), 0) FROM corrections"
            ).fetchone()
        )

    def active(self) -> tuple[fixes.Correction, ...]:
        """The corrections that hold, in the order made. One this version cannot read is
        left out (it was written by another version)."""
        return self.compiled().corrections

    def compiled(self) -> fixes.Compiled:
        """The corrections that hold, ready to apply (remembered while none changes)."""
        version = self._version()
        if self._cache is not None and self._cache[0] == version:
            return self._cache[1]
        compiled = fixes.compile_corrections([c.correction for c in self.all() if c.active])
        self._cache = (version, compiled)
        return compiled

    def all(self) -> list[StoredCorrection]:
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

    def add(self, correction: fixes.Correction) -> StoredCorrection:
        """Keep a new correction (the undone ones can no longer be redone)."""
        created = time.strftime("%Y-%m-%dT%H:%M:%S")
        with self._connection.transaction() as db:
            db.execute("DELETE FROM corrections WHERE NOT active")
            cursor = db.execute(
                "INSERT INTO corrections(kind, payload, created) VALUES (?, ?, ?)",
                (correction.kind, fixes.to_json(correction), created),
            )
            _mark_stale(db, correction)
        return StoredCorrection(int(cursor.lastrowid or 0), correction, created, True)

    def undo(self, seq: int | None = None) -> StoredCorrection | None:
        """Undo correction ``seq`` (None: the last one made that holds); what was undone."""
        with self._connection.transaction() as db:
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

    def redo(self) -> StoredCorrection | None:
        """Make the correction undone last hold again; what was redone (None: nothing to redo)."""
        with self._connection.transaction() as db:
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
        return next((c for c in self.all() if c.seq == seq), None)

    def has_stale_index(self) -> bool:
        """Some articles' search index does not show the corrections as they stand yet (a
        correction made, undone or redone whose indexing was interrupted, or is running)."""
        return self._db.execute("SELECT 1 FROM stale_names LIMIT 1").fetchone() is not None

    def stale_names(self) -> list[tuple[str, int]]:
        """(name, generation) of each name whose articles are to be indexed again."""
        return [(str(name), int(gen)) for name, gen in self._db.execute("SELECT name, gen FROM stale_names")]

    def forget_stale(self, stale: list[tuple[str, int]]) -> None:
        """These names' articles were indexed again: forget them, unless marked again since
        (their generation moved on)."""
        with self._connection.transaction() as db:
            db.executemany("DELETE FROM stale_names WHERE name = ? AND gen = ?", stale)


def _mark_stale(db: sqlite3.Connection, correction: fixes.Correction) -> None:
    db.executemany(
        "INSERT INTO stale_names(name, gen) VALUES (?, 0) ON CONFLICT(name) DO UPDATE SET gen = gen + 1",
        [(name,) for name in fixes.names_of([correction])],
    )
