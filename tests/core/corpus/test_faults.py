"""Every fault a store can be found in ends with a usable store, or a session-only one.

Corrupt and foreign files are set aside (never deleted), a locked, read-only or full store
is unavailable (the caller falls back), and a writer killed mid-transaction leaves nothing
half-written.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.corpus.conftest import Corpus, bulletins, drain, fill_sample
from tests.core.corpus.writers import story
from viewer.core.corpus import groups as groups_module
from viewer.core.corpus import sync as sync_module
from viewer.core.corpus.analysis import analyse_articles, analyse_store
from viewer.core.corpus.store import StoreUnavailable, attach_store, fault_of, is_disk_full, open_store
from viewer.core.corpus.store import opening as opening_module
from viewer.core.corpus.sync import open_or_bypass, sync
from viewer.core.model import Article

REPO = Path(__file__).resolve().parents[3]


def _siblings(path: Path, why: str) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.{why}-*"))


def _integrity(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        db.close()


def _assert_fresh_store_works(corpus: Corpus) -> None:
    fill_sample(corpus.folder)
    summary = corpus.sync()
    assert summary.store == str(corpus.db)
    assert summary.written == 8
    with corpus.open() as store:
        assert store.notice is None
        assert store.count() == 8
        assert store.integrity_ok()


# corrupt, foreign, old ----------------------------------------------------------------------


def test_random_bytes_at_the_store_path_are_set_aside(corpus: Corpus) -> None:
    corpus.db.parent.mkdir(parents=True)
    junk = random.Random(7).randbytes(16384)
    corpus.db.write_bytes(junk)

    store = open_store(corpus.db)
    try:
        assert store.notice is not None and "damaged" in store.notice
        assert store.count() == 0
        assert store.integrity_ok()
    finally:
        store.close()
    (aside,) = _siblings(corpus.db, "corrupt")
    assert aside.read_bytes() == junk
    _assert_fresh_store_works(corpus)


def test_a_truncated_store_is_set_aside(corpus: Corpus) -> None:
    (corpus.folder / "tides.jsonl").write_text(bulletins(400), encoding="utf-8")
    corpus.sync()
    size = corpus.db.stat().st_size
    assert size > 16 * 4096
    with corpus.db.open("r+b") as stream:
        stream.truncate(size // 2)
    (corpus.folder / "tides.jsonl").unlink()

    with open_store(corpus.db) as store:
        assert store.notice is not None and "damaged" in store.notice
        assert store.count() == 0
        assert store.integrity_ok()
    (aside,) = _siblings(corpus.db, "corrupt")
    assert aside.stat().st_size == size // 2
    _assert_fresh_store_works(corpus)


def test_a_foreign_database_is_set_aside_never_deleted(corpus: Corpus) -> None:
    corpus.db.parent.mkdir(parents=True)
    other = sqlite3.connect(corpus.db)
    other.execute("CREATE TABLE invoices(id INTEGER PRIMARY KEY, customer TEXT)")
    other.execute("INSERT INTO invoices(customer) VALUES ('Lantern Supplies Ltd')")
    other.commit()
    other.close()

    with open_store(corpus.db) as store:
        assert store.notice is not None and "not an Article Viewer store" in store.notice
        assert store.integrity_ok()
    (aside,) = _siblings(corpus.db, "foreign")
    kept = sqlite3.connect(aside)
    try:
        assert kept.execute("SELECT customer FROM invoices").fetchall() == [("Lantern Supplies Ltd",)]
    finally:
        kept.close()
    _assert_fresh_store_works(corpus)


def test_a_store_of_another_schema_is_rebuilt(corpus: Corpus) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    db = sqlite3.connect(corpus.db)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with open_store(corpus.db) as store:
        assert store.notice is not None and "another version" in store.notice
        assert store.count() == 0
    assert len(_siblings(corpus.db, "old")) == 1
    assert corpus.sync().written == 8


def test_an_empty_database_left_by_an_interrupted_creation_is_reused(corpus: Corpus) -> None:
    # What a creation that failed (disk full) or was killed before its COMMIT leaves: a
    # database with a header and no tables (the switch to WAL is written at once).
    corpus.db.parent.mkdir(parents=True)
    empty = sqlite3.connect(corpus.db)
    empty.execute("PRAGMA journal_mode = WAL")
    empty.close()
    assert corpus.db.stat().st_size > 0

    with open_store(corpus.db) as store:
        assert store.integrity_ok()
        assert store.notice is None  # nothing of anyone's was in the way
    assert _siblings(corpus.db, "foreign") == []


# locked ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def _held_lock(path: Path, style: str) -> Iterator[None]:
    other = sqlite3.connect(path, isolation_level=None)
    try:
        if style == "locking-mode-exclusive":
            other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        other.execute("INSERT INTO meta(key, value) VALUES ('held', 'by another program')")
        yield
        other.execute("ROLLBACK")
    finally:
        other.close()


@pytest.mark.parametrize("style", ["begin-exclusive", "locking-mode-exclusive"])
def test_a_locked_store_is_unavailable_and_sync_falls_back(
    corpus: Corpus, style: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    quick = functools.partial(open_store, timeout=0.2)
    monkeypatch.setattr(sync_module, "open_store", quick)
    with _held_lock(corpus.db, style):
        with pytest.raises(StoreUnavailable, match="in use"):
            open_store(corpus.db, timeout=0.2).close()
        store, notice = open_or_bypass(corpus.db, corpus.fallback)
        try:
            assert store.path == corpus.fallback
            assert notice is not None and "not available" in notice
        finally:
            store.close()
        events, summary = drain(sync([corpus.folder], corpus.db, corpus.fallback))
        assert summary.store == str(corpus.fallback)
        assert events[0].notice is not None
        assert summary.written == 8
    with corpus.open() as store:
        assert store.integrity_ok()
        assert store.count() == 8
        assert store.meta("held") is None


# read-only --------------------------------------------------------------------------------------

# Root writes through any permission bits. The child drops CAP_DAC_OVERRIDE and
# CAP_DAC_READ_SEARCH from its bounding set and execs Python again: that Python runs as root
# without them, so the permission bits apply to it as to anyone.
_LAUNCH = textwrap.dedent(
    """
    import ctypes, os, sys
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            sys.exit(77)
    os.execv(sys.executable, [sys.executable, "-c", sys.argv[1], *sys.argv[2:]])
    """
)
_READ_ONLY_CHILD = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from viewer.core.corpus.store import StoreUnavailable, open_store
    from viewer.core.corpus.sync import open_or_bypass
    db, fallback = Path(sys.argv[1]), Path(sys.argv[2])
    out = {}
    try:
        if sys.argv[3] == "folder":
            (db.parent / "probe").touch()
        else:
            open(db, "r+b").close()
        out["can_write"] = True
    except PermissionError:
        out["can_write"] = False
    try:
        store = open_store(db, timeout=0.2)
        out["open"] = "opened"
        try:
            store.begin_file("probe.txt", "text")
            out["write"] = "ok"
        except Exception as err:
            out["write"] = type(err).__name__ + ": " + str(err)
        store.close()
    except StoreUnavailable as err:
        out["open"] = "unavailable: " + str(err)
    store, notice = open_or_bypass(db, fallback)
    out["bypass"] = str(store.path)
    out["notice"] = notice
    try:
        store.begin_file("probe.txt", "text")
        out["bypass_writes"] = store.integrity_ok()
    except Exception as err:
        out["bypass_writes"] = type(err).__name__ + ": " + str(err)
    store.close()
    print(json.dumps(out))
    """
)


@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_read_only_store_is_unavailable_and_sync_falls_back(corpus: Corpus, what: str) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    with corpus.open() as store:
        count = store.count()
    target = corpus.db.parent if what == "folder" else corpus.db
    mode = target.stat().st_mode
    target.chmod(0o500 if what == "folder" else 0o400)
    try:
        done = subprocess.run(
            [sys.executable, "-c", _LAUNCH, _READ_ONLY_CHILD, str(corpus.db), str(corpus.fallback), what],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=60,
            check=False,
        )
    finally:
        target.chmod(mode)
    if done.returncode == 77:
        pytest.skip("cannot drop CAP_DAC_OVERRIDE here (no CAP_SETPCAP): permission bits cannot be tested")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["can_write"] is False  # the child really cannot write the store
    assert out["open"].startswith("unavailable: ") and "read-only" in out["open"], out
    assert out["bypass"] == str(corpus.fallback)
    assert out["notice"] is not None and "not available" in out["notice"]
    assert out["bypass_writes"] is True
    assert _integrity(corpus.db) == "ok"
    with corpus.open() as store:
        assert store.count() == count


def test_a_read_only_connection_cannot_write(corpus: Corpus) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    with attach_store(corpus.db, read_only=True) as reader:
        assert reader.count() == 8
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.begin_file("probe.txt", "text")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.remove_files([os.fsencode(str(corpus.folder / "harbour.txt"))])
        assert reader.count() == 8
        assert reader.integrity_ok()


def test_attaching_to_a_missing_store_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match="no store"):
        attach_store(tmp_path / "nothing.sqlite3")


# full disk --------------------------------------------------------------------------------------


def _limit_pages(monkeypatch: pytest.MonkeyPatch, under: Path, pages: int) -> None:
    """Connections to stores under ``under`` see a disk with room for ``pages`` pages."""
    connect = opening_module.connect

    def limited(path: Path, timeout: float) -> sqlite3.Connection:
        db = connect(path, timeout)
        if under in path.parents:
            db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(opening_module, "connect", limited)


def test_a_full_disk_fails_the_write_and_leaves_the_store_usable(corpus: Corpus) -> None:
    fill_sample(corpus.folder)
    corpus.sync()
    with corpus.open() as store:
        db = store._db
        (pages,) = db.execute("PRAGMA page_count").fetchone()
        db.execute(f"PRAGMA max_page_count = {pages}")
        file_id = store.begin_file(str(corpus.folder / "big.txt"), "text")
        big = [
            Article(
                str(corpus.folder / "big.txt"), "text", f"Long read {i}", ("Lighthouse. " * 400,), record=i
            )
            for i in range(20)
        ]
        with pytest.raises(sqlite3.OperationalError, match="full"):
            store.put_items(file_id, big)
        assert store.count() == 8
        assert store.integrity_ok()
        db.execute(f"PRAGMA max_page_count = {pages * 100}")
        assert store.put_items(file_id, big) == 20
        assert store.count() == 28
        assert store.integrity_ok()


def test_a_full_disk_when_opening_makes_the_store_unavailable(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    _limit_pages(monkeypatch, corpus.db.parent, 2)
    with pytest.raises(StoreUnavailable, match="full"):
        open_store(corpus.db)
    store, notice = open_or_bypass(corpus.db, corpus.fallback)
    try:
        assert store.path == corpus.fallback
        assert notice is not None and "full" in notice
        assert store.integrity_ok()
    finally:
        store.close()


def test_a_disk_filling_during_a_sync_goes_on_in_the_session_store(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The folder's store fills up part-way: reading goes on in the session's store (the
    # fallback), said in a notice; the folder's store stays consistent, and once there is room
    # again the next sync completes it.
    (corpus.folder / "tides.jsonl").write_text(bulletins(3000), encoding="utf-8")
    _limit_pages(monkeypatch, corpus.db.parent, 80)
    events = []
    generator = sync([corpus.folder], corpus.db, corpus.fallback)
    while True:
        try:
            events.append(next(generator))
        except StopIteration as stop:
            summary = stop.value
            break
    opened = [e for e in events if e.kind == "open"]
    assert [e.store for e in opened] == [str(corpus.db), str(corpus.fallback)]
    assert opened[1].notice is not None and "full" in opened[1].notice
    assert summary.store == str(corpus.fallback)
    monkeypatch.undo()
    assert _integrity(corpus.db) == "ok"
    with corpus.open() as store:
        (state,) = [s for p, s in store.file_states().items() if p.endswith(b"tides.jsonl")]
        assert not state.complete
    summary = corpus.sync()
    assert summary.read >= 1
    with corpus.open() as store:
        assert store.integrity_ok()
        assert len(store.ids("Bulletin")) == 3000


# faults told apart by SQLite's error codes -----------------------------------------------------


def _error(code: int, message: str) -> sqlite3.OperationalError:
    err = sqlite3.OperationalError(message)
    err.sqlite_errorcode = code  # type: ignore[attr-defined]
    return err


def test_faults_are_told_by_sqlite_error_codes(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(random.Random(3).randbytes(8192))
    with contextlib.closing(sqlite3.connect(junk)) as db, pytest.raises(sqlite3.DatabaseError) as not_a_db:
        db.execute("PRAGMA user_version")
    assert fault_of(not_a_db.value) == "corrupt"

    path = tmp_path / "held.sqlite3"
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as holder:
        holder.execute("CREATE TABLE t(x)")
        holder.execute("BEGIN EXCLUSIVE")
        with (
            contextlib.closing(sqlite3.connect(path, timeout=0)) as other,
            pytest.raises(sqlite3.Error) as busy,
        ):
            other.execute("SELECT * FROM t")
        holder.execute("ROLLBACK")
    assert fault_of(busy.value) == "busy"

    with (
        contextlib.closing(sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)) as reader,
        pytest.raises(sqlite3.Error) as read_only,
    ):
        reader.execute("INSERT INTO t VALUES (1)")
    assert fault_of(read_only.value) == "read-only"

    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as db:
        (pages,) = db.execute("PRAGMA page_count").fetchone()
        db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(sqlite3.Error) as full:
            db.execute("INSERT INTO t SELECT zeroblob(100000)")
    assert fault_of(full.value) == "full"
    assert is_disk_full(full.value)

    # Extended codes count by their primary code; the words of the message count for nothing.
    assert fault_of(_error(sqlite3.SQLITE_READONLY_DIRECTORY, "whatever the words")) == "read-only"
    assert fault_of(_error(sqlite3.SQLITE_IOERR_SHORT_READ, "database or disk is full")) == "io"
    assert fault_of(_error(sqlite3.SQLITE_CANTOPEN, "the disk is locked")) == "read-only"
    assert fault_of(sqlite3.OperationalError("database is locked")) == "other"  # no code: not SQLite's


def test_a_disk_error_when_opening_leaves_the_store_where_it_is(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An I/O error says nothing of the file: it is not set aside as if it were damaged, and
    # the session goes on in a store of its own.
    fill_sample(corpus.folder)
    corpus.sync()
    before = corpus.db.read_bytes()

    def failing(_db: sqlite3.Connection) -> None:
        raise _error(sqlite3.SQLITE_IOERR_READ, "disk I/O error")

    monkeypatch.setattr(opening_module, "_problem", failing)
    with pytest.raises(StoreUnavailable, match="disk failed"):
        open_store(corpus.db)
    store, notice = open_or_bypass(corpus.db, corpus.fallback)
    try:
        assert store.path == corpus.fallback
        assert notice is not None and "not available" in notice
    finally:
        store.close()
    monkeypatch.undo()
    assert _siblings(corpus.db, "corrupt") == []
    assert corpus.db.read_bytes() == before
    with corpus.open() as store:
        assert store.notice is None
        assert store.count() == 8


def test_a_disk_error_that_passes_is_tried_again_and_the_store_opens(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Processes creating one store at once saw a rare I/O error from one another's switch to
    # WAL mode: a second try opens the folder's own store, not a session-only one.
    fill_sample(corpus.folder)
    corpus.sync()
    problem = opening_module._problem
    failures = iter([_error(sqlite3.SQLITE_IOERR_SHORT_READ, "disk I/O error")])

    def once(db: sqlite3.Connection) -> object:
        for err in failures:
            raise err
        return problem(db)

    monkeypatch.setattr(opening_module, "_problem", once)
    store, notice = open_or_bypass(corpus.db, corpus.fallback)
    try:
        assert store.path == corpus.db
        assert notice is None
        assert store.count() == 8
    finally:
        store.close()


# a writer killed mid-transaction -------------------------------------------------------------

_KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from viewer.core.corpus.store import _UPSERT, attach_store, prepare_row
    from viewer.core.corpus.sync import sync
    from viewer.core.model import Article
    folder, db, fallback = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    path = os.path.join(folder, "tides.jsonl")
    for event in sync([folder], db, fallback):
        if event.kind == "rows" and event.written > 0:
            break  # the first rows of the file are committed, the file is not finished
    other = attach_store(db)
    file_id = other.file_states()[os.fsencode(path)].id
    rows = [
        prepare_row(Article(path, "jsonl", "Half written", ("Never committed.",), record=10_000 + i))
        for i in range(200)
    ]
    other._db.execute("BEGIN IMMEDIATE")
    other._db.executemany(_UPSERT, [(file_id, *row) for row in rows])
    other._db.execute("UPDATE files SET complete = 1 WHERE id = ?", (file_id,))
    print("in transaction", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_a_writer_killed_mid_transaction_leaves_nothing_half_written(corpus: Corpus) -> None:
    tides = corpus.folder / "tides.jsonl"
    tides.write_text(bulletins(2000), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_WRITER, str(corpus.folder), str(corpus.db), str(corpus.fallback)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert done.stdout.strip() == "in transaction"

    with corpus.open() as store:
        assert store.notice is None
        assert store.integrity_ok()
        (state,) = store.file_states().values()
        assert not state.complete  # the interrupted file, as the last commit left it
        assert 0 < store.count() < 2000
        assert store.id_of(str(tides), 10_000) is None
        rows = store.rows(store.ids())
        assert all(r.title != "Half written" for r in rows.values())

    summary = corpus.sync()
    assert summary.read == 1
    with corpus.open() as store:
        assert store.count() == 2000
        assert sorted(r.record for r in store.rows(store.ids()).values()) == list(range(2000))
        assert store.integrity_ok()
    assert corpus.sync().read == 0


def test_quote_groups_a_kill_left_behind_the_analysis_are_made_again(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The window analysed two articles and grouped their quotes, then analysed a third and
    # was closed (or killed) before grouping again: the quotes of a big folder take tens of
    # seconds to group. Its next analysis finds nothing to analyse, and must group anyway.
    for number in (0, 1, 10):  # the same words, said in three articles
        title, paragraphs = story(number)
        (corpus.folder / f"{number}.txt").write_text("\n\n".join([title, *paragraphs]), encoding="utf-8")
    corpus.sync()
    with corpus.open() as store:
        ids = store.ids()
        articles = [a for i in ids if isinstance(a := store.item(i), Article)]
        found = analyse_articles(articles, with_entities=False)
        for article_id, analysed in zip(ids[:2], found[:2], strict=True):
            store.put_analysis(article_id, analysed)
        assert store.group_quotes() == 1
        store.put_analysis(ids[2], found[2])
        assert sorted(a for a, _q in store.quote_group(ids[0], 0)) == ids[:2]
    _progress, analysed = drain(analyse_store(corpus.db, with_entities=False))
    assert analysed == 0
    with corpus.open() as store:
        assert sorted(a for a, _q in store.quote_group(ids[0], 0)) == ids
    # Once the groups are the analysis's, an analysis with nothing to do leaves them be.
    grouped: list[int] = []
    real = groups_module.group_quotes

    def counting(versions: list[groups_module.Version]) -> list[list[object]]:
        grouped.append(len(versions))
        return real(versions)  # type: ignore[return-value]

    monkeypatch.setattr(groups_module, "group_quotes", counting)
    assert drain(analyse_store(corpus.db, with_entities=False))[1] == 0
    assert grouped == []
