"""What runs inside the analysis process. Deliberately free of Qt: the child never loads it.

spaCy holds Python's global lock for long stretches (a 400,000-character token kept it for
0.4 s), which would freeze the window if analysis ran on a thread of the UI process. In a
process of its own it cannot: the window only waits for a message.
"""

from __future__ import annotations

import contextlib
import os
import time
import traceback
from collections.abc import Callable, Generator
from dataclasses import dataclass
from multiprocessing.queues import Queue
from multiprocessing.sharedctypes import Synchronized
from typing import Any

from viewer.core.model import Article, Entity, Quote, ReadFailure

#: A job: (job id, function, arguments). A reply: (job id, kind, payload) where kind is
#: "partial" (something a generator yielded), "ok" (the result) or "error" (a message).
Job = tuple[int, Callable[..., Any], tuple[Any, ...]]
Reply = tuple[int, str, Any]

#: Send rows to the window at most this many at a time, so each UI update stays short.
BATCH_ROWS = 500
#: ... and at least this often (seconds) while a big folder is read.
BATCH_SECONDS = 0.15


@dataclass(frozen=True, slots=True)
class LoadBatch:
    """Items read so far and how far the reading is: ``done`` of ``total`` files."""

    items: list[Article | ReadFailure]
    done: int
    total: int
    name: str


def serve(jobs: Queue[Job | None], replies: Queue[Reply], wanted_from: Synchronized[int]) -> None:
    """The child's loop: run jobs in order, skip those superseded before they started."""
    # Background work yields the processor to the window when both want it.
    with contextlib.suppress(AttributeError, OSError):
        os.nice(10)
    while True:
        job = jobs.get()
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
    while True:
        if job_id < wanted_from.value:
            chunks.close()
            raise _Superseded
        try:
            chunk = next(chunks)
        except StopIteration as stop:
            return stop.value
        replies.put((job_id, "partial", chunk))


def read_in_batches(paths: list[str]) -> Generator[LoadBatch, None, tuple[int, int]]:
    """Read every article under ``paths``, yielding batches; return (articles, failures)."""
    from viewer.core.readers import discover, read_file

    found, failures = discover(paths)
    total = len(found)
    yield LoadBatch([], 0, total, "")
    articles, failed = 0, len(failures)
    batch: list[Article | ReadFailure] = list(failures)
    last = time.monotonic()
    for done, item in enumerate(found, start=1):
        read = read_file(item)
        good = sum(1 for r in read if isinstance(r, Article))
        articles += good
        failed += len(read) - good
        batch.extend(read)
        if len(batch) >= BATCH_ROWS or time.monotonic() - last >= BATCH_SECONDS or done == total:
            for start in range(0, max(len(batch), 1), BATCH_ROWS):
                yield LoadBatch(batch[start : start + BATCH_ROWS], done, total, os.path.basename(item.path))
            batch = []
            last = time.monotonic()
    if batch:
        yield LoadBatch(batch, total, total, "")
    return articles, failed


def analyse_full(article: Article) -> tuple[tuple[Quote, ...], tuple[Entity, ...], tuple[str, ...]]:
    """Quotes, entities and notes; the article itself is not sent back (the window has it)."""
    from viewer.core.analyse import analyse

    done = analyse(article, with_entities=True)
    return done.quotes, done.entities, done.notes


def warm_up() -> None:
    """Load the analysis pipeline (spaCy) before the first article needs it."""
    analyse_full(Article("warm-up", "text", "Warm-up", ("Ada Lovelace said, “Hello.”",)))
