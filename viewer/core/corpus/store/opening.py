"""Opening a store, whatever state it is found in.

A store that cannot be used as it is (corrupt, not ours, of another schema) is moved aside,
never deleted, and built anew; one that cannot be used here (locked by another program,
read-only, on a full disk) raises :class:`StoreUnavailable`, and the caller opens a store for
this session only instead. Only the opener repairs: other connections just attach.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path
from typing import Literal

from viewer.core.corpus.store import schema
from viewer.core.corpus.store.connection import (
    FAULT_WORDS,
    Connection,
    Fault,
    StoreUnavailable,
    connect,
    connect_existing,
    fault_of,
)

#: Faults that leave the store as it is (it may be sound): the caller uses another for now.
#: A disk that failed to read or write is one: the store is not set aside for it.
_UNAVAILABLE: frozenset[Fault] = frozenset({"busy", "read-only", "full", "io"})


def _is_ours(db: sqlite3.Connection) -> bool:
    (app_id,) = db.execute("PRAGMA application_id").fetchone()
    return int(app_id) == schema.APPLICATION_ID


def _set_up(db: sqlite3.Connection, timeout: float) -> None:
    _write_ahead(db, timeout)
    # The opener is the reading process's connection. In WAL mode, NORMAL keeps the store
    # whole whatever happens (a killed process loses nothing it committed; a power cut may
    # lose the last commits, never the file's consistency) without a disk flush per commit:
    # what a power cut takes is read again, since a file is marked read only after its rows.
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")


def _write_ahead(db: sqlite3.Connection, timeout: float) -> None:
    """Put the store in WAL mode (kept in the file: once is enough). When several processes
    open a new store at once (two windows, or a window and an export), the first to switch
    needs the file to itself, and SQLite says "busy" at once rather than wait for it: so
    wait here, up to ``timeout``, instead of giving up the store for a session-only one."""
    if str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return
    deadline = time.monotonic() + timeout
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as err:
            if fault_of(err) != "busy" or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


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


#: Pauses before opening again after the disk failed to read or write: several processes that
#: create one store at once (two windows, or a window and an export, on a folder's first
#: opening) saw a rare I/O error from one another's switch to WAL mode (1 opener in 240 on a
#: loaded machine) that a second try does not see. A failing disk fails every try.
_IO_PAUSES_S = (0.02, 0.05, 0.1, 0.2)


def open_connection(path: Path, timeout: float, extractor: str) -> tuple[Connection, str | None]:
    """:func:`_open_connection`, tried again a few times when the disk failed to read or write."""
    for pause in _IO_PAUSES_S:
        try:
            return _open_connection(path, timeout, extractor)
        except StoreUnavailable as err:
            cause = err.__cause__
            if not (isinstance(cause, sqlite3.Error) and fault_of(cause) == "io"):
                raise
        time.sleep(pause)
    return _open_connection(path, timeout, extractor)


def _open_connection(path: Path, timeout: float, extractor: str) -> tuple[Connection, str | None]:
    """Open the store at ``path``, creating it, or rebuilding it when it cannot be used.

    - corrupt, or not a database, or a database that is not ours, or of another schema:
      moved aside (``NAME.corrupt-DATE``, ``NAME.foreign-DATE``...) and built anew, with a
      notice saying so, returned with the connection (but a store of schema 3 is brought up
      to date in place, keeping its analysis: see :data:`.schema.UPGRADES`);
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
            db = connect(path, timeout)
        except sqlite3.Error as err:
            raise StoreUnavailable(f"cannot open the store ({err})") from err
        try:
            why = _problem(db) if existed else None
            if why is None:
                _set_up(db, timeout)
                if not existed or db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
                    schema.create(db, extractor)
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
                return Connection(db), notice
        except sqlite3.DatabaseError as err:
            db.close()
            fault = fault_of(err)
            if fault in _UNAVAILABLE:
                raise StoreUnavailable(FAULT_WORDS[fault]) from err
            why = "corrupt"  # damaged, not a database, or not the tables we know
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


def attach_connection(path: Path, timeout: float, *, read_only: bool) -> Connection:
    """Another connection to a store that :func:`open_connection` has opened (no checks, no
    rebuilding: only the opener repairs). Raises :class:`StoreUnavailable` if it is not there."""
    if not path.exists():
        raise StoreUnavailable(f"no store at {path}")
    try:
        db = connect_existing(path, timeout, read_only=read_only)
    except sqlite3.Error as err:
        raise StoreUnavailable(f"cannot open the store ({err})") from err
    return Connection(db)


def _problem(db: sqlite3.Connection) -> Literal["corrupt", "foreign", "old"] | None:
    """Why an existing store cannot be used as it is, or None. Raises for locks and I/O."""
    (version,) = db.execute("PRAGMA user_version").fetchone()  # fails on a file that is not a database
    if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
        return None  # empty (a creation that was interrupted): made anew in place
    if not _is_ours(db):
        return "foreign"
    while int(version) in schema.UPGRADES:
        schema.UPGRADES[int(version)](db)
        (version,) = db.execute("PRAGMA user_version").fetchone()
    if int(version) != schema.SCHEMA_VERSION:
        return "old"
    if db.execute("PRAGMA quick_check").fetchone() != ("ok",):
        return "corrupt"
    return None
