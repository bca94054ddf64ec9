"""The store's connection: the one place that holds the SQLite connection, runs its write
transactions and tells its faults apart.

Every room of the store (:mod:`.articles`, :mod:`.analysis`, :mod:`.corrections`,
:mod:`.groups`) reads through :attr:`Connection.db` and writes only inside
:meth:`Connection.transaction`: one short transaction per write, the write lock taken at once,
so that the reading process, the analysing process and the window can share a store (WAL mode
lets readers go on while a writer writes).

Faults are told apart by SQLite's error codes (never by the wording of a message, which
changes between SQLite versions): see :func:`fault_of`.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Literal


class StoreUnavailable(Exception):
    """The store cannot be used here (locked by another process, read-only, disk full...)."""


#: What went wrong, as far as the caller must know: another program holds the lock; the file
#: or its folder cannot be written; the disk is full; the file is damaged or not a database;
#: the disk failed to read or write; or something else (a bug, a schema we do not know).
Fault = Literal["busy", "read-only", "full", "corrupt", "io", "other"]

_FAULTS: dict[int, Fault] = {
    sqlite3.SQLITE_BUSY: "busy",
    sqlite3.SQLITE_LOCKED: "busy",
    sqlite3.SQLITE_READONLY: "read-only",
    sqlite3.SQLITE_CANTOPEN: "read-only",
    sqlite3.SQLITE_PERM: "read-only",
    sqlite3.SQLITE_FULL: "full",
    sqlite3.SQLITE_CORRUPT: "corrupt",
    sqlite3.SQLITE_NOTADB: "corrupt",
    sqlite3.SQLITE_IOERR: "io",
}


#: Each fault in a user's words.
FAULT_WORDS: dict[Fault, str] = {
    "busy": "the store is in use by another program",
    "read-only": "the store is read-only",
    "full": "the disk is full",
    "corrupt": "the store is damaged",
    "io": "the disk failed to read or write the store",
    "other": "the store could not be used",
}


def fault_of(err: sqlite3.Error) -> Fault:
    """The kind of fault, from the error's SQLite code (its primary code: the low byte of an
    extended one such as SQLITE_READONLY_DIRECTORY). An error raised by Python's module
    rather than by SQLite has no code: "other"."""
    code = getattr(err, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return "other"
    return _FAULTS.get(code & 0xFF, "other")


def is_disk_full(err: sqlite3.Error) -> bool:
    return fault_of(err) == "full"


#: How long a writer waits for another process's write to end before it gives up ("busy").
#: The longest write is keeping a big folder's quote groups (500,000 quotes: 6 s on a 2-core
#: machine with other work on it, 16-22 s before they were written in the table's order), and
#: two windows, or a window and an export, write one store. Every writer runs off the
#: window's thread (the reading and analysis processes, worker threads): waiting stalls
#: nothing the user sees.
WRITE_WAIT_S = 60.0
#: Readers never wait for writers (WAL mode); only, rarely, for a log being recovered.
READ_WAIT_S = 5.0


def connect(path: Path, timeout: float) -> sqlite3.Connection:
    """A connection for the opener, which may create the file."""
    # isolation_level=None: we say BEGIN and COMMIT ourselves (short, explicit transactions).
    db = sqlite3.connect(str(path), timeout=timeout, isolation_level=None, check_same_thread=False)
    db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    return db


def connect_existing(path: Path, timeout: float, *, read_only: bool) -> sqlite3.Connection:
    """A connection to a store that exists (never created here), read-only if asked."""
    uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "")
    db = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)
    db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    if read_only:
        db.execute("PRAGMA query_only = ON")
    else:
        # The user's corrections and the analysis are written here: each commit is on disk
        # before it returns (the reading, which the folder can make again, commits with
        # NORMAL: see .opening).
        db.execute("PRAGMA synchronous = FULL")
    return db


class Connection:
    """One connection to a store, shared by its rooms. Not shared between threads: each
    thread opens its own."""

    def __init__(self, db: sqlite3.Connection) -> None:
        #: For reading. Writing goes through :meth:`transaction`.
        self.db = db

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction (BEGIN IMMEDIATE: the write lock is taken at once);
        rolled back if anything raises inside it. Inside another one (CorpusStore joining
        the writes of two rooms), it is part of that one: committed or rolled back with it."""
        db = self.db
        if db.in_transaction:
            yield db
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise
        else:
            db.execute("COMMIT")

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """Reads that must see the store at one moment (one read transaction: what other
        processes commit meanwhile is not seen, so two queries agree with each other).
        Inside a transaction, part of it. Only for reading: a write here is not one of
        :meth:`transaction`'s."""
        db = self.db
        if db.in_transaction:
            yield db
            return
        db.execute("BEGIN")
        try:
            yield db
        finally:
            with contextlib.suppress(sqlite3.Error):
                db.execute("COMMIT")

    def data_version(self) -> int:
        """SQLite's count of other connections' commits, as this connection last saw the
        store (in a transaction: as it began)."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def defer_checkpoints(self, pages: int) -> None:
        """Fold the write-ahead log into the database only every ``pages`` pages (a long
        write: fewer log restarts, which make readers wait), until :meth:`checkpoint`."""
        self.db.execute(f"PRAGMA wal_autocheckpoint = {int(pages)}")

    def checkpoint(self) -> None:
        """Fold what the log holds into the database, without waiting for readers."""
        self.db.execute("PRAGMA wal_autocheckpoint = 1000")
        self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def integrity_ok(self) -> bool:
        rows = self.db.execute("PRAGMA integrity_check").fetchall()
        return rows == [("ok",)]

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])
