"""The extract pipeline (``python -m viewer extract``), for one job and many: the same code.

1. :func:`work_units` cuts the input into :class:`WorkUnit` s, in output order: a whole file,
   or a run of a JSON Lines file's records (so one big corpus spreads over every process too).
2. :func:`run_unit` reads and analyses one unit and returns its output lines. It is a plain
   top-level function of plain values: a unit can be sent to another process, or machine
   (one that sees the same files).
3. :func:`extract_lines` runs the units, in this process for one job (no process is started)
   or in one pool of ``jobs`` processes, and yields their lines in the order the units were
   made: the output is the same, line for line, whatever the number of jobs.

Another engine (a cluster's, say) plugs in at the same seams: take the units from
:func:`work_units`, run :func:`run_unit` on each wherever it likes, and write each unit's lines
in unit order (:func:`output_of` gives the lines of a unit or of a path that failed outright).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from viewer.core.model import AnalysedArticle, Article, Format, ReadFailure

if TYPE_CHECKING:
    from concurrent.futures import Future

    from viewer.core.readers import Notes

#: JSON Lines records per unit of work: enough to batch entity recognition well.
UNIT_LINES = 64


@dataclass(frozen=True, slots=True)
class WorkUnit:
    """A piece of the input, read and analysed as one.

    A whole file (``first_record`` 0, ``last_record`` None, ``start`` 0), or the records
    ``first_record`` to ``last_record`` of a JSON Lines file, whose lines begin at byte
    ``start`` (``last_record`` None: to the end of the file). ``root`` is the folder the file
    was found in (links may not leave it), None for a file named on its own.
    """

    path: str
    format: Format
    root: str | None = None
    first_record: int = 0
    last_record: int | None = None
    start: int = 0


class Encoded(NamedTuple):
    """One output line: the JSON text, the error line for stderr (None when read), notes."""

    line: str
    error: str | None
    notes: tuple[str, ...]


def encoded(item: AnalysedArticle | ReadFailure) -> Encoded:
    line = json.dumps(item.to_json(), ensure_ascii=False)
    if isinstance(item, ReadFailure):
        where = item.path if item.record is None else f"{item.path} (record {item.record})"
        return Encoded(line, f"error: {where}: {item.message}", ())
    return Encoded(line, None, item.notes)


def work_units(paths: Sequence[str], *, unit_lines: int = UNIT_LINES) -> Iterator[WorkUnit | ReadFailure]:
    """The units of work under ``paths``, in output order (``unit_lines`` JSON Lines records
    each at most); a path that cannot be read at all (missing, of an unknown kind) comes
    first, as its failure."""
    from viewer.core.readers import discover

    found, failures = discover(paths)
    yield from failures
    for item in found:
        root = None if item.root is None else str(item.root)
        if item.format == "jsonl":
            yield from _runs(str(item.path), root, unit_lines)
        else:
            yield WorkUnit(str(item.path), item.format, root)


def _runs(path: str, root: str | None, unit_lines: int) -> Iterator[WorkUnit]:
    """A JSON Lines file in runs of ``unit_lines`` records. Its lines are only numbered
    here; a unit's process reads them again. A file that cannot be read ends in a unit that
    runs to the end of the file, whose reading then meets the fault and reports it."""
    from pathlib import Path

    from viewer.core.readers.jsonfile import iter_jsonl_lines
    from viewer.core.readers.safe_io import UnreadableFile

    first, start, count = 0, 0, 0
    try:
        for index, _line, end in iter_jsonl_lines(Path(path), None if root is None else Path(root)):
            count += 1
            if count == unit_lines:
                yield WorkUnit(path, "jsonl", root, first, index, start)
                first, start, count = index + 1, end, 0
        if count:
            yield WorkUnit(path, "jsonl", root, first, first + count - 1, start)
    except UnreadableFile:
        yield WorkUnit(path, "jsonl", root, first, None, start)


def read_unit(unit: WorkUnit, notes: Notes | None = None) -> list[Article | ReadFailure]:
    """The articles of one unit, with a failure for each bad record or for the file;
    ``notes`` hears what the file skipped on purpose (a web archive's images, redirects...)."""
    from pathlib import Path

    from viewer.core.readers import FoundFile, iter_file

    found = FoundFile(Path(unit.path), None if unit.root is None else Path(unit.root), unit.format)
    return list(
        iter_file(
            found, notes, start=unit.start, first_record=unit.first_record, last_record=unit.last_record
        )
    )


def run_unit(unit: WorkUnit, with_entities: bool) -> list[Encoded]:
    """Read and analyse one unit (entity recognition batched over it); its output lines.

    What the file skipped on purpose is said with its last line, after its articles."""
    notes: list[str] = []
    read = read_unit(unit, notes.append)
    results = iter(analyse_batch([item for item in read if isinstance(item, Article)], with_entities))
    out = [encoded(next(results) if isinstance(item, Article) else item) for item in read]
    if notes and out:
        last = out[-1]
        out[-1] = Encoded(last.line, last.error, (*last.notes, *notes))
    return out


def output_of(unit: WorkUnit | ReadFailure, with_entities: bool) -> list[Encoded]:
    """The output lines of one item of :func:`work_units`."""
    return [encoded(unit)] if isinstance(unit, ReadFailure) else run_unit(unit, with_entities)


def extract_lines(paths: Sequence[str], with_entities: bool, jobs: int = 1) -> Iterator[Encoded]:
    """Every output line for ``paths``, in input order: in this process for one job, else
    spread over one pool of ``jobs`` processes (a few units ahead of the writing, no more)."""
    units = work_units(paths)
    if jobs <= 1:
        for unit in units:
            yield from output_of(unit, with_entities)
        return

    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    pending: deque[Future[list[Encoded]] | list[Encoded]] = deque()
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        for unit in units:
            if isinstance(unit, ReadFailure):
                pending.append([encoded(unit)])
            else:
                pending.append(pool.submit(run_unit, unit, with_entities))
            while len(pending) > 4 * jobs:
                yield from _lines(pending.popleft())
        while pending:
            yield from _lines(pending.popleft())


def _lines(job: Future[list[Encoded]] | list[Encoded]) -> list[Encoded]:
    return job if isinstance(job, list) else job.result()


def analyse_batch(articles: Sequence[Article], with_entities: bool) -> list[AnalysedArticle | ReadFailure]:
    """Articles analysed together (entity recognition batched); a fault in analysis costs one
    article, never the batch: then they are redone one by one, the faulty one a failure."""
    from viewer.core.analyse import analyse_many

    try:
        return list(analyse_many(articles, with_entities=with_entities))
    except Exception:
        return [_analysed_alone(article, with_entities) for article in articles]


def _analysed_alone(article: Article, with_entities: bool) -> AnalysedArticle | ReadFailure:
    from viewer.core.analyse import analyse

    try:
        return analyse(article, with_entities=with_entities)
    except Exception as err:  # a bug of ours on odd input: report it for this article only
        return ReadFailure(
            article.path, f"analysis failed ({type(err).__name__}: {err})", article.format, article.record
        )
