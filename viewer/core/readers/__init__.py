"""Readers: every supported file kind to the same :class:`~viewer.core.model.Article`.

``discover(paths)`` lists the article files under files and folders; ``read_file(found)``
reads one into articles or per-file/per-record failures. Nothing here raises for bad
user data: a failure is a :class:`~viewer.core.model.ReadFailure` with a message. What a
reader skips on purpose (a web archive's images and requests) is no failure: it is said in a
note, one line per file, to whoever asked for notes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from viewer.core.model import Article, Format, ReadFailure
from viewer.core.readers.safe_io import UnreadableFile

if TYPE_CHECKING:
    from viewer.core.readers.warc import ArchiveTally

SUFFIXES: dict[str, Format] = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".json": "json",
    ".warc": "warc",
    ".arc": "warc",
    ".warc.gz": "warc",
    ".arc.gz": "warc",
}
#: Kinds written only at their end (a corpus or a crawl that grows): when such a file grows
#: with its old content unchanged, only what was added is read.
APPEND_ONLY: frozenset[Format] = frozenset({"jsonl", "warc"})
#: A note about one file, for the user (see :func:`iter_file`).
Notes = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class FoundFile:
    """A file to read, and the folder it was found in (links may not leave it)."""

    path: Path
    root: Path | None
    format: Format


def format_of(path: str | os.PathLike[str]) -> Format | None:
    """The kind of a file by its name ("crawl.warc.gz" is a web archive), or None."""
    name = os.path.basename(path).lower()
    stem, suffix = os.path.splitext(name)
    if suffix == ".gz":
        suffix = os.path.splitext(stem)[1] + suffix
    return SUFFIXES.get(suffix)


def discover(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[FoundFile], list[ReadFailure]]:
    """Article files under ``paths`` in a stable order (sorted, folders read recursively).

    Directory links are not followed when scanning (no loops, no escaping the folder).
    A named file of an unknown kind, or a missing path, is a failure.
    """
    found: list[FoundFile] = []
    failures: list[ReadFailure] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(_scan(path))
            continue
        fmt = format_of(path)
        if not os.path.lexists(path):
            failures.append(ReadFailure(str(path), "no such file or folder"))
        elif fmt is None:
            failures.append(ReadFailure(str(path), f"unknown kind of file {path.suffix or '(no suffix)'!r}"))
        else:
            found.append(FoundFile(path, None, fmt))
    return found, failures


def _scan(folder: Path) -> Iterator[FoundFile]:
    items: list[FoundFile] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith("."):
                continue
            path = Path(dirpath, name)
            fmt = format_of(path)
            if fmt is not None:
                items.append(FoundFile(path, folder, fmt))
    items.sort(key=lambda f: str(f.path))
    yield from items


def read_file(found: FoundFile, notes: Notes | None = None) -> list[Article | ReadFailure]:
    """Every article in one file, with a failure for the file or for each bad record."""
    return list(iter_file(found, notes))


def iter_file(
    found: FoundFile,
    notes: Notes | None = None,
    *,
    start: int = 0,
    first_record: int = 0,
    last_record: int | None = None,
    tally: ArchiveTally | None = None,
) -> Iterator[Article | ReadFailure]:
    """Like :func:`read_file`, streaming: a JSON Lines file's records and a web archive's pages
    come as they are read.

    A fault found part-way (the file vanished, a record too complex, a damaged archive) ends
    the file with a failure; what was read before it is kept. ``notes`` hears what was skipped
    on purpose ("crawl.warc: 166 web pages; 208 records skipped: ..."). A JSON Lines file can be
    read in part: records ``first_record`` to ``last_record`` (to the end for None), whose lines
    begin at byte ``start`` (see :class:`viewer.core.batch.WorkUnit`); so can a web archive, when
    a ``tally`` is given: its records from the one at byte ``start``, each counted on the tally
    (then nothing is said to ``notes``: whoever reads every run says it, see
    :func:`viewer.core.readers.warc.no_page_message`). Other kinds are always read whole.
    """
    # Imported here so that importing the package stays light (bs4 only when needed).
    from viewer.core.readers import html, jsonfile, text, warc

    path = str(found.path)
    try:
        if found.format == "text":
            yield text.read_text_file(found.path, found.root)
        elif found.format == "html":
            yield html.read_html_file(found.path, found.root)
        elif found.format == "jsonl":
            yield from jsonfile.read_jsonl_file(
                found.path, found.root, start=start, first_index=first_record, last_index=last_record
            )
        elif found.format == "warc" and tally is not None:
            limit = None if last_record is None else last_record - first_record + 1
            yield from warc.read_archive_run(
                found.path, found.root, tally, start=start, first_index=first_record, limit=limit
            )
        elif found.format == "warc":
            yield from warc.read_archive_file(found.path, found.root, notes)
        else:
            yield from jsonfile.read_json_file(found.path, found.root)
    except UnreadableFile as err:
        yield ReadFailure(path, str(err), found.format)
    except (MemoryError, RecursionError) as err:
        yield ReadFailure(path, f"too complex to read ({type(err).__name__})", found.format)


def read_paths(
    paths: Sequence[str | os.PathLike[str]], notes: Notes | None = None
) -> Iterator[Article | ReadFailure]:
    """Every article under ``paths``, in order, failures included (a web archive's pages as
    they are read); ``notes`` hears what files skipped on purpose."""
    found, failures = discover(paths)
    yield from failures
    for item in found:
        yield from iter_file(item, notes)
