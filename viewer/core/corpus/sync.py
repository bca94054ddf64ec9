"""Bring a store up to date with the folder, streaming: rows are committed as they are read.

:func:`sync` is a generator: it yields a :class:`SyncEvent` after each commit, so a caller
(the window's reading process) can show the first rows of a 100,000-record JSON Lines file
long before the file is read through. What is read again:

- a new file, or one whose size or modification time changed; it is hashed first, and a file
  whose content is the same (a touched file) is not read again;
- a JSON Lines file or a web archive that grew, with its old content unchanged: only its new
  lines or records;
- a file whose reading was interrupted (the process was killed): read again;
- every file read by another version of the extractor: read again after the rest, while its
  old rows stay visible (rows are replaced in place, one file at a time).

Files gone from the folder lose their rows.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from viewer.core.corpus.store import (
    EXTRACTOR_VERSION,
    CorpusStore,
    FileState,
    PreparedRow,
    StoreUnavailable,
    is_disk_full,
    open_store,
    path_bytes,
    prepare_row,
)
from viewer.core.model import ReadFailure
from viewer.core.readers import APPEND_ONLY, FoundFile, discover, iter_file
from viewer.core.readers.safe_io import UnreadableFile

if TYPE_CHECKING:
    from viewer.core.readers.warc import PagePayload

#: Commit (and tell the caller) after this many rows, or this many seconds, whichever first.
COMMIT_ROWS = 500
#: The first rows of a file come in a smaller batch, so that they show at once.
FIRST_CHUNK = 50
#: While a sync writes, the log is folded into the database every this many pages (4 KB
#: each) instead of SQLite's 1,000: readers (the window) then meet fewer log restarts.
CHECKPOINT_PAGES = 20_000
#: Rows added to the full-text index per transaction, after reading.
INDEX_ROWS = 2000
#: A web archive's pages are read by the HTML reader (tens of milliseconds each, not tenths
#: like a JSON Lines record): its first few show at once, then a pool job reads this many.
FIRST_PAGES = 4
ARCHIVE_PAGES = 24


@dataclass(frozen=True, slots=True)
class SyncEvent:
    """Where a sync is: ``kind`` "open" (the store is ready: ``store`` names it), "rows"
    (rows were committed; ``done`` of ``total`` files looked at; the last "rows" event,
    once every file is read, has ``done == total``), "index" (``done`` of
    ``total`` rows added to the full-text index) or "done". ``written``: rows written by this
    sync so far; ``notice``: said once to the user (a store rebuilt or bypassed)."""

    kind: Literal["open", "rows", "index", "done"]
    store: str
    done: int
    total: int
    written: int
    removed: int = 0
    name: str = ""
    notice: str | None = None


@dataclass(frozen=True, slots=True)
class SyncSummary:
    """``skipped``: files unchanged since the last reading; ``skipped_records``: records of web
    archives that were not web pages (requests, images, redirects...), read and passed over."""

    store: str
    files: int
    read: int
    skipped: int
    written: int
    removed: int
    failures: int
    skipped_records: int = 0


def open_or_bypass(path: Path, fallback: Path) -> tuple[CorpusStore, str | None]:
    """The store at ``path``, or a store for this session only at ``fallback`` when that
    one cannot be used (locked by another program, read-only, disk full)."""
    try:
        store = open_store(path)
        return store, store.notice
    except StoreUnavailable as err:
        store = open_store(fallback)
        return store, f"The folder's store is not available ({err}); results are kept for this session only."


def hash_file(path: Path, limit: int | None = None) -> str:
    digest = hashlib.sha256()
    left = limit
    with open(path, "rb") as stream:
        while left is None or left > 0:
            chunk = stream.read(1 << 20 if left is None else min(1 << 20, left))
            if not chunk:
                break
            digest.update(chunk)
            if left is not None:
                left -= len(chunk)
    return digest.hexdigest()


@dataclass(slots=True)
class _Plan:
    found: FoundFile
    state: FileState | None
    size: int
    mtime_ns: int
    stale: bool  # read by another extractor version: after the rest
    parsed: bool = False  # set once the file was read (not just hashed)
    skipped_records: int = 0  # a web archive's records that are not pages


def sync(
    paths: Sequence[str | os.PathLike[str]], db_path: Path, fallback: Path, *, jobs: int = 1
) -> Generator[SyncEvent, None, SyncSummary]:
    """Read what changed under ``paths`` into the store at ``db_path`` (see the module);
    ``jobs`` processes parse big JSON Lines files. When the disk fills up part-way, reading
    goes on in a store for this session only, at ``fallback`` (said once, in a notice)."""
    store, notice = open_or_bypass(db_path, fallback)
    try:
        try:
            return (yield from _sync_into(store, paths, jobs, notice))
        except sqlite3.OperationalError as err:
            if not is_disk_full(err) or store.path == fallback:
                raise
        store.close()
        store = open_store(fallback)
        notice = (
            "The disk is full: the folder's store could not grow; results are kept for this session only."
        )
        return (yield from _sync_into(store, paths, jobs, notice))
    finally:
        store.close()


def _sync_into(
    store: CorpusStore, paths: Sequence[str | os.PathLike[str]], jobs: int, notice: str | None
) -> Generator[SyncEvent, None, SyncSummary]:
    name = str(store.path)
    pool = _Pool(jobs)
    store.defer_checkpoints(CHECKPOINT_PAGES)
    try:
        yield SyncEvent("open", name, 0, 0, 0, notice=notice)
        found, failures = discover(paths)
        states = store.file_states()
        wanted = {path_bytes(str(f.path)) for f in found} | {path_bytes(f.path) for f in failures}
        removed = store.remove_files([p for p in states if p not in wanted])
        written = 0
        for failure in failures:
            file_id = store.begin_file(failure.path, None)
            store.put_items(file_id, [failure])
            store.finish_file(
                file_id, size=-1, mtime_ns=-1, sha256=None, read_bytes=0, records=0, whole_file_row=True
            )
            written += 1
        plans = _plan(found, states)
        total = len(found)
        done = total - len(plans)
        yield SyncEvent("rows", name, done, total, written, removed)
        for plan in plans:
            for event_written in _read_one(store, plan, pool):
                written += event_written
                yield SyncEvent(
                    "rows", name, done, total, written, removed, os.path.basename(plan.found.path)
                )
            done += 1
        if plans:  # everything is read: said at once, before indexing (the list shows it all)
            yield SyncEvent("rows", name, done, total, written, removed)
        pool.close()
        left = store.unindexed_count()
        indexed = 0
        while added := store.index_pending(INDEX_ROWS):
            indexed += added
            yield SyncEvent("index", name, indexed, left, written, removed)
        store.checkpoint()
        yield SyncEvent("done", name, total, total, written, removed)
        read = sum(1 for plan in plans if plan.parsed)
        not_pages = sum(plan.skipped_records for plan in plans)
        return SyncSummary(
            name, total, read, total - read, written, removed, store.failure_count(), not_pages
        )
    finally:
        pool.close()


def files_to_read(found: list[FoundFile], store: CorpusStore) -> list[FoundFile]:
    """The files a sync would read into ``store`` (new, changed, interrupted, or read by
    another extractor version), in the order it would read them."""
    return [plan.found for plan in _plan(found, store.file_states())]


def _plan(found: list[FoundFile], states: dict[bytes, FileState]) -> list[_Plan]:
    """Files to look at (new, changed or interrupted first; another extractor's after)."""
    fresh: list[_Plan] = []
    stale: list[_Plan] = []
    for item in found:
        state = states.get(path_bytes(str(item.path)))
        try:
            st = os.stat(item.path)
            size, mtime = st.st_size, st.st_mtime_ns
        except OSError:
            size, mtime = -1, -1
        if state is not None and state.complete and state.size == size and state.mtime_ns == mtime:
            if state.extractor == EXTRACTOR_VERSION:
                continue
            stale.append(_Plan(item, state, size, mtime, stale=True))
            continue
        fresh.append(_Plan(item, state, size, mtime, stale=False))
    return fresh + stale


def _read_one(store: CorpusStore, plan: _Plan, pool: _Pool) -> Iterator[int]:
    """Read one file into the store; yields the rows written at each commit."""
    found, state = plan.found, plan.state
    path = str(found.path)
    same_extractor = state is not None and state.extractor == EXTRACTOR_VERSION
    # Hashed before reading only when there is a hash to compare with (a touched file is
    # then not read again); a new JSON Lines file or web archive is hashed once, after reading.
    comparable = state is not None and state.complete and same_extractor and state.sha256 is not None
    append_only = found.format in APPEND_ONLY
    try:
        digest = hash_file(found.path) if plan.size >= 0 and (comparable or not append_only) else None
    except OSError:
        digest = None
    if (
        state is not None
        and state.complete
        and same_extractor
        and digest is not None
        and digest == state.sha256
    ):
        store.touch_file(state.id, size=plan.size, mtime_ns=plan.mtime_ns)
        return
    start, first = 0, 0
    if (
        append_only
        and state is not None
        and state.complete
        and same_extractor
        and state.sha256 is not None
        and 0 < state.read_bytes <= plan.size
        and _prefix_unchanged(found.path, state)
    ):
        start, first = state.read_bytes, state.records  # it grew: only the new lines or records
    plan.parsed = True
    file_id = store.begin_file(path, found.format)
    records = first  # rows kept: record numbers below this
    restart = first  # the record after the last complete line (JSON Lines)
    whole_row = False
    read_bytes = start
    if found.format == "jsonl":
        rows = _rows(found, start, first, pool)
    elif found.format == "warc":
        rows = _archive_rows(found, start, first, pool, plan)
    else:
        rows = _file_rows(found)
    for batch, end, batch_restart in rows:
        store.put_rows(file_id, batch)
        for row in batch:
            if row.record < 0:
                whole_row = True
            else:
                records = max(records, row.record + 1)
        read_bytes, restart = end, batch_restart
        yield len(batch)
    if append_only:
        # The hash covers what was read through to the last complete line or record.
        digest = hash_file(found.path, read_bytes) if read_bytes else None
    store.finish_file(
        file_id,
        size=plan.size,
        mtime_ns=plan.mtime_ns,
        sha256=digest,
        read_bytes=read_bytes if append_only else max(plan.size, 0),
        records=records,
        next_record=restart if append_only else records,
        whole_file_row=whole_row,
    )


def _prefix_unchanged(path: Path, state: FileState) -> bool:
    try:
        return hash_file(path, state.read_bytes) == state.sha256
    except OSError:
        return False


def _file_rows(found: FoundFile) -> Iterator[tuple[list[PreparedRow], int, int]]:
    """A text, HTML or JSON file: its rows, in batches (a JSON list can be long)."""
    batch: list[PreparedRow] = []
    for item in iter_file(found):
        batch.append(prepare_row(item))
        if len(batch) >= COMMIT_ROWS:
            yield batch, 0, 0
            batch = []
    if batch:
        yield batch, 0, 0


def parse_lines(path: str, lines: list[tuple[int, bytes]]) -> list[PreparedRow]:
    """JSON Lines records to rows; runs in a pool process for big files."""
    from viewer.core.readers.jsonfile import parse_jsonl_line

    return [prepare_row(parse_jsonl_line(raw, path, index)) for index, raw in lines]


def read_pages(path: str, pages: list[PagePayload]) -> list[PreparedRow]:
    """A web archive's captured pages to rows (the HTML reader); runs in a pool process."""
    from viewer.core.readers.warc import read_page

    return [prepare_row(read_page(page)) for page in pages]


def _archive_rows(
    found: FoundFile, start: int, first: int, pool: _Pool, plan: _Plan
) -> Iterator[tuple[list[PreparedRow], int, int]]:
    """A web archive's rows in batches, each with where to start again: the offset where the
    record after the last whole one starts, and that record's number (a record cut short at
    the end, perhaps still being written, is read again next time, under the same number).

    The first few pages are read here, so that they show at once; the rest by the pool while
    this process writes. Records that are not pages are counted on ``plan``; a whole archive
    without a page is a failure of the file.
    """
    from viewer.core.readers.warc import ArchiveTally, iter_archive

    path = str(found.path)
    pending: deque[tuple[Future[list[PreparedRow]] | list[PreparedRow], int, int]] = deque()
    pages: list[PagePayload] = []
    failures: list[PreparedRow] = []
    tally = ArchiveTally()
    size = FIRST_PAGES
    end, restart = start, first
    try:
        for record in iter_archive(found.path, found.root, start=start, first_index=first):
            tally.add(record)
            if not record.damaged:
                end, restart = record.end, record.index + 1
            if record.page is not None:
                pages.append(record.page)
            elif record.failure is not None:
                failures.append(prepare_row(record.failure))
            if len(pages) >= size or len(failures) >= COMMIT_ROWS:
                # The first pages of every archive are read here, whatever the pool is doing.
                first_batch = size == FIRST_PAGES
                job = (
                    failures + read_pages(path, pages)
                    if first_batch
                    else pool.submit(read_pages, path, pages, failures)
                )
                pending.append((job, end, restart))
                pages, failures = [], []
                size = ARCHIVE_PAGES
                while pending and (len(pending) > pool.depth or _ready(pending[0][0])):
                    yield _take(pending.popleft())
        if start == 0 and not (tally.pages or tally.failed or tally.damaged):
            detail = f" ({tally.skipped_text()})" if tally.skipped_count else ""
            failures.append(prepare_row(ReadFailure(path, f"no web page in this archive{detail}", "warc")))
    except UnreadableFile as err:
        failures.append(prepare_row(ReadFailure(path, str(err), "warc")))
    if pages or failures:
        pending.append((pool.submit(read_pages, path, pages, failures), end, restart))
    while pending:
        yield _take(pending.popleft())
    plan.skipped_records = tally.skipped_count


def _rows(
    found: FoundFile, start: int, first: int, pool: _Pool
) -> Iterator[tuple[list[PreparedRow], int, int]]:
    """A JSON Lines file's rows in batches, each with where to start again: the offset past
    the last complete line and the number of the record after it (a last line with no end of
    line yet, still being written, is read again next time, under the same number).

    The first batch is small and parsed here, so the first rows show at once; the rest are
    parsed by the pool (when there is one) while this process writes.
    """
    from viewer.core.readers.jsonfile import iter_jsonl_lines

    path = str(found.path)
    pending: deque[tuple[Future[list[PreparedRow]] | list[PreparedRow], int, int]] = deque()
    chunk: list[tuple[int, bytes]] = []
    failures: list[PreparedRow] = []
    size = FIRST_CHUNK
    end, restart = start, first
    try:
        for index, line, line_end in iter_jsonl_lines(found.path, found.root, start=start, first_index=first):
            if line_end > end:
                restart = index + 1
            end = line_end
            if isinstance(line, ReadFailure):
                failures.append(prepare_row(line))
            else:
                chunk.append((index, line))
            if len(chunk) + len(failures) >= size:
                pending.append((pool.submit(parse_lines, path, chunk, failures), end, restart))
                chunk, failures = [], []
                size = COMMIT_ROWS
                while pending and (len(pending) > pool.depth or _ready(pending[0][0])):
                    yield _take(pending.popleft())
        if chunk or failures:
            pending.append((pool.submit(parse_lines, path, chunk, failures), end, restart))
        while pending:
            yield _take(pending.popleft())
    except UnreadableFile as err:
        while pending:
            yield _take(pending.popleft())
        yield [prepare_row(ReadFailure(path, str(err), "jsonl"))], start, first


def _ready(job: Future[list[PreparedRow]] | list[PreparedRow]) -> bool:
    return isinstance(job, list) or job.done()


def _take(
    item: tuple[Future[list[PreparedRow]] | list[PreparedRow], int, int],
) -> tuple[list[PreparedRow], int, int]:
    job, end, restart = item
    return (job if isinstance(job, list) else job.result()), end, restart


class _Pool:
    """Parsing in ``jobs - 1`` other processes (none for 1), started on the first big file."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self.depth = 3 * self.jobs
        self._executor: ProcessPoolExecutor | None = None
        self._submitted = 0

    def submit(
        self,
        parse: Callable[[str, list[Any]], list[PreparedRow]],
        path: str,
        items: list[Any],
        failures: list[PreparedRow],
    ) -> Future[list[PreparedRow]] | list[PreparedRow]:
        """``parse(path, items)`` (JSON Lines lines, or a web archive's pages) with the rows of
        failures already made put first."""
        self._submitted += 1
        # The first chunk of a file is parsed here, at once; with one job, every chunk is.
        if self.jobs == 1 or self._submitted == 1:
            return failures + parse(path, items)
        if self._executor is None:
            import multiprocessing

            self._executor = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"))
        future = self._executor.submit(parse, path, items)
        if failures:
            done: Future[list[PreparedRow]] = Future()
            future.add_done_callback(lambda f: done.set_result(failures + f.result()))
            return done
        return future

    def close(self) -> None:
        """Stop the parsing processes: chunks not started are dropped, the one a process is
        parsing is finished, and every process has exited on return. Not waiting let the
        process exit first, and at exit it waited forever for a parser still waiting for work
        (seen in the five-writer test, about one run in three on a loaded machine)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
