"""An analysis made elsewhere (``extract`` output, on a cluster say) into a folder's store:
``python -m viewer import ANALYSIS.jsonl... [--for PATH...] [--store DIR]``.

The window then opens the folder (or archive) at once from its store, without reading or
analysing it again: every imported file is kept as read (its size, time and hash as it is on
this machine), every article with its quotes and entities, and the quotes are grouped across
articles. Provenance is the analysis' own: each line's ``path``, ``record`` and ``format``.

Which store: the one the window uses for ``for_paths`` (the folder or files the user will
open), whose files are found as the window finds them; an analysed file must be one of them
(the same file, by its absolute path) to be imported, and a file there without an analysis is
left for the window to read and analyse as usual.

An analysis by another version of the extractor (or without entity recognition, or older
output that does not say) is **kept and marked for analysis again**, never mixed in as this
version's: its articles show at once, the window does not take their quotes and entities as
its own (the store keeps them under the version that made them), and it reads and analyses
those files again in the background, as it does for a store of another version. The summary
says how many. The analysis does not carry the files' hashes: a file changed after it was
analysed is taken as it is now.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from viewer.core.corpus import codec
from viewer.core.corpus.store import EXTRACTOR_VERSION, CorpusStore, prepare_row
from viewer.core.model import Format, ReadFailure

#: Articles written per transaction.
BATCH = 500
_FORMATS: tuple[Format, ...] = ("text", "html", "jsonl", "json", "warc")


class BadAnalysis(Exception):
    """A file given as an analysis is not ``extract`` output (the message says where)."""


@dataclass(slots=True)
class ImportSummary:
    """What an import did. ``other_version``: articles analysed by another extractor version
    (kept, marked for analysis again); ``outside``: articles of files that are not under the
    opened paths (not imported); ``missing``: files analysed but not on this machine;
    ``unanalysed``: files under the opened paths that the analysis does not cover."""

    store: str
    files: int = 0
    articles: int = 0
    failures: int = 0
    other_version: int = 0
    versions: set[str] = field(default_factory=set)
    outside: int = 0
    missing: set[str] = field(default_factory=set)
    unanalysed: int = 0


@dataclass(frozen=True, slots=True)
class _Line:
    """One line of an analysis: a failure, or an article (``text``, the line, is what the
    store's codec reads it from) with its quotes and entities as extract wrote them."""

    path: str
    record: int | None
    extractor: str
    failure: ReadFailure | None = None
    text: str = ""
    quotes: tuple[dict[str, Any], ...] = ()
    entities: tuple[dict[str, Any], ...] = ()
    notes: tuple[str, ...] = ()


def default_target(analyses: Sequence[str | os.PathLike[str]]) -> list[str]:
    """What the user will open when no path is given: the one file analysed, or the folder
    holding every analysed file."""
    paths = sorted(set(_paths(analyses)))
    if not paths:
        raise BadAnalysis("the analysis holds no article")
    if len(paths) == 1:
        return paths
    return [os.path.commonpath([os.path.abspath(p) for p in paths])]


def _paths(analyses: Sequence[str | os.PathLike[str]]) -> Iterator[str]:
    """The path of every line, read quickly (extract writes it first in each line)."""
    decoder = json.JSONDecoder()
    head = '{"path": '
    for source, number, text in _texts(analyses):
        try:
            yield (
                decoder.raw_decode(text, len(head))[0]
                if text.startswith(head)
                else _line(json.loads(text), text).path
            )
        except (ValueError, KeyError, TypeError) as err:
            raise _bad(source, number, err) from err


def _texts(analyses: Sequence[str | os.PathLike[str]]) -> Iterator[tuple[str, int, str]]:
    """(file, line number, text) of every line that is not blank."""
    for source in analyses:
        with open(source, encoding="utf-8") as stream:
            for number, text in enumerate(stream, 1):
                if text.strip():
                    yield str(source), number, text


def _bad(source: str, number: int, err: Exception) -> BadAnalysis:
    return BadAnalysis(f"{source}, line {number}: not an article of `python -m viewer extract` ({err})")


def import_analysis(
    analyses: Sequence[str | os.PathLike[str]],
    store: CorpusStore,
    for_paths: Sequence[str | os.PathLike[str]],
    progress: Callable[[int], object] | None = None,
) -> ImportSummary:
    """Fill ``store`` (the store of ``for_paths``) from the ``extract`` output in ``analyses``;
    ``progress(articles)`` after each batch. Raises :class:`BadAnalysis` for a line that is not
    extract output (what was imported before it is kept; the file it belongs to is left
    unfinished, so the window reads it again)."""
    return import_lines(_lines(analyses), store, for_paths, progress)


def import_extracted(
    texts: Iterable[str], store: CorpusStore, for_paths: Sequence[str | os.PathLike[str]], *, as_current: str
) -> ImportSummary:
    """Fill ``store`` from output lines just made (``export --engine dask``): lines labelled
    ``as_current`` (the run's own label, "without entities" for such an export) are kept as
    this version's, as the export's own analysis would be."""

    def lines() -> Iterator[_Line]:
        for number, text in enumerate(texts, 1):
            try:
                line = _line(json.loads(text), text)
            except (ValueError, KeyError, TypeError) as err:
                raise _bad("the cluster's output", number, err) from err
            yield replace(line, extractor=EXTRACTOR_VERSION) if line.extractor == as_current else line

    return import_lines(lines(), store, for_paths)


def import_lines(
    lines: Iterable[_Line],
    store: CorpusStore,
    for_paths: Sequence[str | os.PathLike[str]],
    progress: Callable[[int], object] | None = None,
) -> ImportSummary:
    """See :func:`import_analysis`."""
    from viewer.core.readers import discover

    found, _failures = discover(for_paths)
    here = {os.path.abspath(str(f.path)): f for f in found}
    summary = ImportSummary(str(store.path))
    imported: set[str] = set()
    store.defer_checkpoints(20_000)
    current: _File | None = None
    batch: list[_Line] = []
    for line in lines:
        if current is not None and line.path == current.source:
            batch.append(line)
            if len(batch) >= BATCH:
                current.put(store, batch, summary)
                batch = []
                if progress is not None:
                    progress(summary.articles + summary.failures)
            continue
        if current is not None:
            current.put(store, batch, summary)
            current.finish(store, summary)
        current, batch = None, []
        target = here.get(os.path.abspath(line.path))
        if target is None:
            if os.path.exists(line.path):
                summary.outside += 1
            else:
                summary.missing.add(line.path)
            continue
        current = _File.begin(store, line.path, str(target.path), target.format)
        imported.add(os.path.abspath(str(target.path)))
        batch.append(line)
    if current is not None:
        current.put(store, batch, summary)
        current.finish(store, summary)
    summary.unanalysed = len(set(here) - imported)
    while store.index_pending(2000):
        pass
    store.agree_types()
    store.group_quotes()
    store.checkpoint()
    return summary


@dataclass(slots=True)
class _File:
    """One file being imported: its lines come in batches, then it is finished."""

    source: str  # the path as the analysis names it
    path: str  # as the window finds it
    format: Format
    id: int
    versions: set[str] = field(default_factory=set)
    records: int = 0
    whole_file_row: bool = False

    @classmethod
    def begin(cls, store: CorpusStore, source: str, path: str, fmt: Format) -> _File:
        return cls(source, path, fmt, store.begin_file(path, fmt))

    def put(self, store: CorpusStore, lines: list[_Line], summary: ImportSummary) -> None:
        """A batch of the file's lines: their rows, then their analyses as extract wrote
        them, in one transaction each."""
        articles = [
            None if line.failure is not None else codec.article_from_json(line.text, self.path)
            for line in lines
        ]
        store.put_rows(
            self.id,
            [
                prepare_row(article if article is not None else line.failure or _no_failure(line))
                for line, article in zip(lines, articles, strict=True)
            ],
        )
        numbered = [line.record for line in lines if line.record is not None]
        ids = store.record_ids(self.id, min(numbered, default=-1), max(numbered, default=-1))
        found = []
        for line, article in zip(lines, articles, strict=True):
            self.versions.add(line.extractor)
            if line.record is None:
                self.whole_file_row = True
            else:
                self.records = max(self.records, line.record + 1)
            if article is None:
                summary.failures += 1
                continue
            summary.articles += 1
            if line.extractor != EXTRACTOR_VERSION:
                summary.other_version += 1
                summary.versions.add(line.extractor)
            article_id = ids.get(-1 if line.record is None else line.record)
            if article_id is not None:
                found.append(
                    codec.found_analysis(article_id, line.quotes, line.entities, line.notes, line.extractor)
                )
        store.put_found_analyses(found)

    def finish(self, store: CorpusStore, summary: ImportSummary) -> None:
        """The file kept as read, by the version that analysed it (never this one's when any
        of its lines came from another)."""
        from viewer.core.corpus.sync import hash_file

        others = sorted(v for v in self.versions if v != EXTRACTOR_VERSION)
        st = os.stat(self.path)
        store.finish_file(
            self.id,
            size=st.st_size,
            mtime_ns=st.st_mtime_ns,
            sha256=hash_file(Path(self.path)),
            # A JSON Lines file or an archive that grows is read again whole (the analysis
            # does not say where its last record ended).
            read_bytes=0 if self.format in ("jsonl", "warc") else st.st_size,
            records=self.records,
            whole_file_row=self.whole_file_row,
            extractor=others[0] if others else EXTRACTOR_VERSION,
        )
        summary.files += 1


def _no_failure(line: _Line) -> ReadFailure:
    raise AssertionError(f"a line of {line.path} is neither an article nor a failure")


def _lines(analyses: Sequence[str | os.PathLike[str]]) -> Iterator[_Line]:
    for source, number, text in _texts(analyses):
        try:
            yield _line(json.loads(text), text)
        except (ValueError, KeyError, TypeError) as err:
            raise _bad(source, number, err) from err


def _line(data: Any, text: str) -> _Line:
    if not isinstance(data, dict) or not isinstance(data.get("path"), str):
        raise ValueError("no path")
    path: str = data["path"]
    record = data.get("record")
    if record is not None and (not isinstance(record, int) or isinstance(record, bool) or record < 0):
        raise ValueError("the record is not a number")
    fmt = data.get("format")
    known: Format | None = fmt if fmt in _FORMATS else None
    # Output from before lines named their extractor: another version, as far as we know.
    extractor = str(data.get("extractor") or "unknown (no version in the analysis)")
    if data.get("error") is not None:
        return _Line(path, record, extractor, failure=ReadFailure(path, str(data["error"]), known, record))
    if not isinstance(data.get("paragraphs"), list) or not isinstance(data.get("title"), str):
        raise KeyError("paragraphs")
    quotes = _dicts(data.get("quotes"), "quotes", "spans")
    entities = _dicts(data.get("entities"), "entities", "mentions")
    notes = tuple(str(n) for n in data.get("notes") or ())
    return _Line(path, record, extractor, None, text, quotes, entities, notes)


def _dicts(value: Any, what: str, inner: str) -> tuple[dict[str, Any], ...]:
    """A list of objects (quotes, entities), each with its list of objects ``inner`` if any."""
    items = value or []
    if not isinstance(items, list) or not all(
        isinstance(item, dict)
        and isinstance(item.get(inner) or [], list)
        and all(isinstance(x, dict) for x in item.get(inner) or [])
        for item in items
    ):
        raise ValueError(f"its {what} are not a list of objects")
    return tuple(items)
