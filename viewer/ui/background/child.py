"""What runs inside the analysis process. Deliberately free of Qt: the child never loads it.

spaCy holds Python's global lock for long stretches (a 400,000-character token kept it for
0.4 s), which would freeze the window if analysis ran on a thread of the UI process. In a
process of its own it cannot: the window only waits for a message.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import queue
import sqlite3
import traceback
from collections.abc import Callable, Generator
from multiprocessing.queues import Queue
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

from viewer.core.corpus.analysis import AnalysisProgress
from viewer.core.corpus.store import StoreUnavailable, attach_store
from viewer.core.corpus.sync import SyncEvent, SyncSummary
from viewer.core.model import AnalysedArticle, Article, Entity, Quote

#: A job: (job id, function, arguments). A reply: (job id, kind, payload) where kind is
#: "partial" (something a generator yielded), "ok" (the result) or "error" (a message).
Job = tuple[int, Callable[..., Any], tuple[Any, ...]]
Reply = tuple[int, str, Any]


def serve(jobs: Queue[Job | None], replies: Queue[Reply], wanted_from: Synchronized[int]) -> None:
    """The child's loop: run jobs in order, skip those superseded before they started."""
    # Background work yields the processor to the window when both want it.
    with contextlib.suppress(AttributeError, OSError):
        os.nice(10)
    parent = os.getppid()
    while True:
        try:
            job = jobs.get(timeout=1.0)
        except queue.Empty:
            if os.getppid() != parent:
                return  # the window is gone (killed): do not linger
            continue
        if job is None:
            return
        job_id, fn, args = job
        if job_id < wanted_from.value:
            replies.put((job_id, "error", "cancelled"))
            continue
        try:
            result = fn(*args)
            if isinstance(result, Generator):
                result = _stream(job_id, result, replies, wanted_from)
        except _Superseded:
            replies.put((job_id, "error", "cancelled"))
        except Exception as err:
            replies.put((job_id, "error", traceback.format_exception_only(type(err), err)[-1].strip()))
        else:
            replies.put((job_id, "ok", result))


class _Superseded(Exception):
    pass


def _stream(
    job_id: int, chunks: Generator[Any, None, Any], replies: Queue[Reply], wanted_from: Synchronized[int]
) -> Any:
    parent = os.getppid()
    while True:
        if job_id < wanted_from.value or os.getppid() != parent:
            chunks.close()
            raise _Superseded
        try:
            chunk = next(chunks)
        except StopIteration as stop:
            return stop.value
        replies.put((job_id, "partial", chunk))


def sync_folder(
    paths: list[str], db_path: str, fallback: str, jobs: int = 1
) -> Generator[SyncEvent, None, SyncSummary]:
    """Bring the folder's store up to date, streaming events (see :mod:`viewer.core.corpus.sync`)."""
    from viewer.core.corpus.sync import sync

    return sync(paths, Path(db_path), Path(fallback), jobs=jobs)


def analyse_folder(db_path: str) -> Generator[AnalysisProgress, None, int]:
    """Quotes and entities for every article of the store not analysed yet, persisted."""
    from viewer.core.corpus.analysis import analyse_store

    return analyse_store(db_path)


def analyse_and_store(
    db_path: str | None, article_id: int | None, article: Article
) -> tuple[tuple[Quote, ...], tuple[Entity, ...], tuple[str, ...]]:
    """One article's quotes, entities and notes, kept in the store and given back as the
    store gives them (the user's corrections applied, by the store); the article itself is
    not sent back (the window has it)."""
    from viewer.core.corpus.analysis import analyse_one

    done = as_stored(db_path, article_id, analyse_one(db_path, article_id, article))
    return done.quotes, done.entities, done.notes


def as_stored(db_path: str | None, article_id: int | None, fresh: AnalysedArticle) -> AnalysedArticle:
    """A fresh analysis as the store hands it out: the copy it keeps, with the user's
    corrections applied (by the store, once), the caller's article object in it. When the
    store could not keep it, the store's corrections applied to ``fresh``; without a store,
    ``fresh`` as it is."""
    if db_path is None:
        return fresh
    try:
        store = attach_store(Path(db_path), read_only=True)
    except (StoreUnavailable, sqlite3.Error):
        return fresh
    try:
        kept = store.analysis(article_id) if article_id is not None else None
        if kept is None:
            return store.compiled_corrections().apply(fresh)
        return dataclasses.replace(kept, article=fresh.article)
    except sqlite3.Error:
        return fresh
    finally:
        store.close()


def corrected(db_path: str | None, fresh: AnalysedArticle) -> AnalysedArticle:
    """An analysis the store does not keep (the quotes found first) with the user's
    corrections applied by the store; as it is without a store."""
    if db_path is None:
        return fresh
    try:
        store = attach_store(Path(db_path), read_only=True)
    except (StoreUnavailable, sqlite3.Error):
        return fresh
    try:
        return store.compiled_corrections().apply(fresh)
    except sqlite3.Error:
        return fresh
    finally:
        store.close()


def analyse_full(article: Article) -> tuple[tuple[Quote, ...], tuple[Entity, ...], tuple[str, ...]]:
    """Quotes, entities and notes; the article itself is not sent back (the window has it)."""
    from viewer.core.analyse import analyse

    done = analyse(article, with_entities=True)
    return done.quotes, done.entities, done.notes


def warm_up() -> None:
    """Load the analysis pipeline (spaCy) before the first article needs it."""
    analyse_full(Article("warm-up", "text", "Warm-up", ("Ada Lovelace said, “Hello.”",)))
