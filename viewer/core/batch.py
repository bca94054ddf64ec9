"""The extract pipeline (``python -m viewer extract``), for one job, many, or a cluster: the same code.

1. :func:`work_units` cuts the input into :class:`WorkUnit` s, in output order: a whole file,
   a run of a JSON Lines file's records, or a run of a web archive's records holding
   :data:`UNIT_PAGES` pages (so one big corpus or crawl spreads over every process too).
2. :func:`run_unit` reads and analyses one unit and returns its :class:`UnitResult`: its
   output lines, and for a run of an archive what it skipped. It is a plain top-level function
   of plain values, pure (it reads files and writes nothing), so a unit can be sent to another
   process or machine (one that sees the same files) and run again there if that one dies.
3. An engine runs the units and hands back each unit's result in the order the units were
   made: :func:`results_here` in this process, :func:`results_in_pool` in a pool of processes,
   :func:`viewer.core.cluster.results_on_cluster` on a Dask cluster.
4. :func:`lines_of` turns the results into output lines, in order; what a web archive skipped
   is added up over its runs and said with its last line, and an archive that held no web page
   is a failure of the file, decided once every run is in.

The output is the same, line for line, whatever the engine and the number of processes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from viewer.core.model import AnalysedArticle, Article, Format, ReadFailure

if TYPE_CHECKING:
    from concurrent.futures import Future

    from viewer.core.readers import FoundFile, Notes
    from viewer.core.readers.warc import ArchiveTally

#: JSON Lines records per unit of work: enough to batch entity recognition well.
UNIT_LINES = 64
#: A web archive's pages per unit (its records that are not pages go with the unit before).
UNIT_PAGES = 64


@dataclass(frozen=True, slots=True)
class WorkUnit:
    """A piece of the input, read and analysed as one.

    A whole file (``first_record`` 0, ``last_record`` None, ``start`` 0), or the records
    ``first_record`` to ``last_record`` of a JSON Lines file or a web archive, the first of
    them beginning at byte ``start`` (``last_record`` None: to the end of the file; an
    archive's last unit always runs to its end). ``root`` is the folder the file was found in
    (links may not leave it), None for a file named on its own.
    """

    path: str
    format: Format
    root: str | None = None
    first_record: int = 0
    last_record: int | None = None
    start: int = 0

    @property
    def ends_file(self) -> bool:
        """The unit reads its file to the end (the last unit of that file)."""
        return self.last_record is None


class Encoded(NamedTuple):
    """One output line: the JSON text, the error line for stderr (None when read), notes."""

    line: str
    error: str | None
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UnitResult:
    """What one unit gave: its output lines, and for a run of a web archive what its records
    were (pages, skipped records by reason), to be added up over the archive's runs."""

    lines: tuple[Encoded, ...]
    tally: ArchiveTally | None = None


#: Where a unit is run: :func:`run_unit` or a stand-in with its signature (tests).
UnitRunner = Callable[["WorkUnit", bool], UnitResult]
#: An item of :func:`work_units` and what it gave, in the order of the units.
Done = tuple["WorkUnit | ReadFailure", UnitResult]


#: Added to the extractor's version in the output of an analysis made without entity recognition
#: (``--no-entities``): it is not the analysis the window makes (see :func:`extractor_label`).
WITHOUT_ENTITIES = " without entities"


def extractor_label(with_entities: bool) -> str:
    """What made an output line, as its ``extractor`` field says: this extractor's version, and
    whether entities were looked for. An analysis is imported as the window's own only when it
    says exactly :data:`~viewer.core.corpus.store.EXTRACTOR_VERSION`."""
    from viewer.core.corpus.store import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION if with_entities else EXTRACTOR_VERSION + WITHOUT_ENTITIES


def encoded(item: AnalysedArticle | ReadFailure, with_entities: bool = True) -> Encoded:
    """One output line: the item's JSON (with the analysis' ``notes`` when there are some, and
    the ``extractor`` that made it), its error line, its notes."""
    data = item.to_json()
    if isinstance(item, AnalysedArticle) and item.notes:
        data["notes"] = list(item.notes)
    data["extractor"] = extractor_label(with_entities)
    line = json.dumps(data, ensure_ascii=False)
    if isinstance(item, ReadFailure):
        where = item.path if item.record is None else f"{item.path} (record {item.record})"
        return Encoded(line, f"error: {where}: {item.message}", ())
    return Encoded(line, None, item.notes)


def work_units(
    paths: Sequence[str], *, unit_lines: int = UNIT_LINES, unit_pages: int = UNIT_PAGES
) -> Iterator[WorkUnit | ReadFailure]:
    """The units of work under ``paths``, in output order (``unit_lines`` JSON Lines records or
    ``unit_pages`` web pages each at most); a path that cannot be read at all (missing, of an
    unknown kind) comes first, as its failure."""
    from viewer.core.readers import discover

    found, failures = discover(paths)
    yield from failures
    yield from units_of(found, unit_lines=unit_lines, unit_pages=unit_pages)


def units_of(
    found: Iterable[FoundFile], *, unit_lines: int = UNIT_LINES, unit_pages: int = UNIT_PAGES
) -> Iterator[WorkUnit]:
    """The units of work of files already found (see :func:`work_units`)."""
    for item in found:
        root = None if item.root is None else str(item.root)
        if item.format == "jsonl":
            yield from _runs(str(item.path), root, unit_lines)
        elif item.format == "warc":
            yield from _archive_runs(str(item.path), root, unit_pages)
        else:
            yield WorkUnit(str(item.path), item.format, root)


def _runs(path: str, root: str | None, unit_lines: int) -> Iterator[WorkUnit]:
    """A JSON Lines file in runs of ``unit_lines`` records. Its lines are only numbered
    here; a unit's process reads them again. A file that cannot be read ends in a unit that
    runs to the end of the file, whose reading then meets the fault and reports it."""
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


def _archive_runs(path: str, root: str | None, unit_pages: int) -> Iterator[WorkUnit]:
    """A web archive in runs of records holding ``unit_pages`` pages each (a record number
    alone would make each unit scan from the start: every unit carries its first record's
    byte offset). The records are read once here to plan (their pages are not parsed); the
    records after a run's last page go with it, and the last run goes to the end of the file.
    Damage ends the planning: the run holding it is the last, and its reading reports it; so
    does the reading of an archive that cannot be opened at all."""
    from viewer.core.readers.safe_io import UnreadableFile
    from viewer.core.readers.warc import iter_archive

    first, start, pages = 0, 0, 0
    try:
        for record in iter_archive(Path(path), None if root is None else Path(root)):
            if record.damaged:
                break
            if record.page is None:
                continue
            if pages == unit_pages:  # a page beyond a full run: the run ends before it
                yield WorkUnit(path, "warc", root, first, record.index - 1, start)
                first, start, pages = record.index, record.offset, 0
            pages += 1
    except (UnreadableFile, OSError):
        pass
    yield WorkUnit(path, "warc", root, first, None, start)


def read_unit(
    unit: WorkUnit, notes: Notes | None = None, tally: ArchiveTally | None = None
) -> list[Article | ReadFailure]:
    """The articles of one unit, with a failure for each bad record or for the file;
    ``notes`` hears what the file skipped on purpose (a web archive's images, redirects...),
    unless a ``tally`` counts a web archive's records instead (a run of an archive)."""
    from viewer.core.readers import FoundFile, iter_file

    found = FoundFile(Path(unit.path), None if unit.root is None else Path(unit.root), unit.format)
    return list(
        iter_file(
            found,
            notes,
            start=unit.start,
            first_record=unit.first_record,
            last_record=unit.last_record,
            tally=tally,
        )
    )


def run_unit(unit: WorkUnit, with_entities: bool) -> UnitResult:
    """Read and analyse one unit (entity recognition batched over it): its output lines, and
    for a web archive the tally of its records. Pure: it reads and returns, and running it
    twice gives the same result."""
    tally = None
    if unit.format == "warc":
        from viewer.core.readers.warc import ArchiveTally

        tally = ArchiveTally()
    read = read_unit(unit, tally=tally)
    results = iter(analyse_batch([item for item in read if isinstance(item, Article)], with_entities))
    lines = tuple(
        encoded(next(results) if isinstance(item, Article) else item, with_entities) for item in read
    )
    return UnitResult(lines, tally)


def output_of(unit: WorkUnit | ReadFailure, with_entities: bool) -> UnitResult:
    """What one item of :func:`work_units` gives (a path that failed outright: its one line)."""
    if isinstance(unit, ReadFailure):
        return UnitResult((encoded(unit, with_entities),))
    return run_unit(unit, with_entities)


def lines_of(done: Iterable[Done], with_entities: bool = True) -> Iterator[Encoded]:
    """The output lines of the units' results, given in unit order.

    A web archive's runs are added up: what it skipped is said with its last line (held back
    until its last run is in), and an archive whose runs gave no line at all (no page, no
    failure, no damage, and it could be opened) is a failure of the file."""
    from viewer.core.readers.warc import ArchiveTally, no_page_message

    archive: str | None = None
    tally = ArchiveTally()
    held: Encoded | None = None
    for unit, result in done:
        if not isinstance(unit, WorkUnit) or result.tally is None:
            yield from result.lines
            continue
        if unit.path != archive:
            archive, tally, held = unit.path, ArchiveTally(), None
        tally.merge(result.tally)
        if result.lines:
            if held is not None:
                yield held
            yield from result.lines[:-1]
            held = result.lines[-1]
        if not unit.ends_file:
            continue
        if held is None:
            message = no_page_message(tally) or "no web page in this archive"
            held = encoded(ReadFailure(unit.path, message, "warc"), with_entities)
        else:
            note = tally.note(Path(unit.path).name)
            if note is not None:
                held = Encoded(held.line, held.error, (*held.notes, note))
        yield held
        archive, held = None, None


def results_here(units: Iterable[WorkUnit | ReadFailure], with_entities: bool) -> Iterator[Done]:
    """Every unit run in this process, in order (no process is started)."""
    for unit in units:
        yield unit, output_of(unit, with_entities)


def results_in_pool(
    units: Iterable[WorkUnit | ReadFailure], with_entities: bool, jobs: int
) -> Iterator[Done]:
    """The units run by one pool of ``jobs`` processes, their results in unit order (a few
    units ahead of the caller, no more)."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    pending: deque[tuple[WorkUnit | ReadFailure, Future[UnitResult] | UnitResult]] = deque()
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        for unit in units:
            if isinstance(unit, ReadFailure):
                pending.append((unit, output_of(unit, with_entities)))
            else:
                pending.append((unit, pool.submit(run_unit, unit, with_entities)))
            while len(pending) > 4 * jobs:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())


def _result(item: tuple[WorkUnit | ReadFailure, Future[UnitResult] | UnitResult]) -> Done:
    unit, job = item
    return unit, job if isinstance(job, UnitResult) else job.result()


def extract_lines(paths: Sequence[str], with_entities: bool, jobs: int = 1) -> Iterator[Encoded]:
    """Every output line for ``paths``, in input order: in this process for one job, else
    spread over one pool of ``jobs`` processes."""
    units = work_units(paths)
    if jobs <= 1:
        return lines_of(results_here(units, with_entities), with_entities)
    return lines_of(results_in_pool(units, with_entities, jobs), with_entities)


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
