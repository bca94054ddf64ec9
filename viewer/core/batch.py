"""Batch extraction in several processes, output in input order (``extract --jobs N``).

The work is cut into units: a whole file, or a run of a JSON Lines file's lines (so one big
corpus spreads over every process too). Units go to a pool of processes, which read and
analyse them and send back finished JSON lines; the caller writes them in the order the units
were made, so the output is the same as with one process, line for line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from viewer.core.model import AnalysedArticle, Article, ReadFailure


def analyse_one(article: Article, with_entities: bool) -> AnalysedArticle | ReadFailure:
    from viewer.core.analyse import analyse

    try:
        return analyse(article, with_entities=with_entities)
    except Exception as err:  # a bug of ours on odd input: report it for this article only
        return ReadFailure(
            article.path, f"analysis failed ({type(err).__name__}: {err})", article.format, article.record
        )


def analyse_batch(articles: Sequence[Article], with_entities: bool) -> list[AnalysedArticle | ReadFailure]:
    """Articles analysed together (entity recognition batched); a fault in analysis costs one
    article, never the batch: then they are redone one by one, the faulty one a failure."""
    from viewer.core.analyse import analyse_many

    try:
        return list(analyse_many(articles, with_entities=with_entities))
    except Exception:
        return [analyse_one(article, with_entities) for article in articles]


#: One output line: the JSON text, the error line for stderr (None if read), notes.
Encoded = tuple[str, str | None, tuple[str, ...]]


def encoded(item: AnalysedArticle | ReadFailure) -> Encoded:
    line = json.dumps(item.to_json(), ensure_ascii=False)
    if isinstance(item, ReadFailure):
        where = item.path if item.record is None else f"{item.path} (record {item.record})"
        return line, f"error: {where}: {item.message}", ()
    return line, None, item.notes


def _units(paths: Sequence[str]) -> Iterator[tuple[str, object]]:
    """Work for the pool, in output order: whole files, or runs of JSON Lines lines."""
    from viewer.core.readers import discover
    from viewer.core.readers.jsonfile import iter_jsonl_lines
    from viewer.core.readers.safe_io import UnreadableFile

    found, failures = discover(paths)
    for failure in failures:
        yield "done", [encoded(failure)]
    for item in found:
        if item.format != "jsonl":
            yield "file", item
            continue
        lines: list[tuple[int, bytes | ReadFailure]] = []
        try:
            for index, line, _end in iter_jsonl_lines(item.path, item.root):
                lines.append((index, line))
                if len(lines) >= UNIT_LINES:
                    yield "lines", (str(item.path), lines)
                    lines = []
        except UnreadableFile as err:
            lines.append((-1, ReadFailure(str(item.path), str(err), "jsonl")))
        if lines:
            yield "lines", (str(item.path), lines)


#: JSON Lines records per unit of work: enough to batch entity recognition well.
UNIT_LINES = 64


def _work(kind: str, payload: object, with_entities: bool) -> list[Encoded]:
    """In a pool process: read and analyse one unit, return its output lines."""
    from viewer.core.readers import FoundFile, read_file
    from viewer.core.readers.jsonfile import parse_jsonl_line

    notes: list[str] = []
    if kind == "file":
        assert isinstance(payload, FoundFile)
        read = read_file(payload, notes.append)
    else:
        assert isinstance(payload, tuple)
        path: str = payload[0]
        lines: list[tuple[int, bytes | ReadFailure]] = payload[1]
        read = [
            line if isinstance(line, ReadFailure) else parse_jsonl_line(line, path, index)
            for index, line in lines
        ]
    results = iter(analyse_batch([item for item in read if isinstance(item, Article)], with_entities))
    out = [encoded(next(results) if isinstance(item, Article) else item) for item in read]
    if notes and out:  # said with the file's last line, as one process says it after the file
        line, error, said = out[-1]
        out[-1] = (line, error, (*said, *notes))
    return out


def in_parallel(paths: Sequence[str], with_entities: bool, jobs: int) -> Iterator[Encoded]:
    """Units of work spread over ``jobs`` processes, their output in input order."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    pending: deque[Future[list[Encoded]] | list[Encoded]] = deque()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        for kind, payload in _units(paths):
            if kind == "done":
                pending.append(payload)  # type: ignore[arg-type]
            else:
                pending.append(pool.submit(_work, kind, payload, with_entities))
            while len(pending) > 4 * jobs:
                yield from _result(pending.popleft())
        while pending:
            yield from _result(pending.popleft())


def _result(job: object) -> list[Encoded]:
    return job if isinstance(job, list) else job.result()  # type: ignore[attr-defined]
