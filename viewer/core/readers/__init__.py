"""Readers: every supported file kind to the same :class:`~viewer.core.model.Article`.

``discover(paths)`` lists the article files under files and folders; ``read_file(found)``
reads one into articles or per-file/per-record failures. Nothing here raises for bad
user data: a failure is a :class:`~viewer.core.model.ReadFailure` with a message.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from viewer.core.model import Article, Format, ReadFailure
from viewer.core.readers.safe_io import UnreadableFile

SUFFIXES: dict[str, Format] = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".json": "json",
}


@dataclass(frozen=True, slots=True)
class FoundFile:
    """A file to read, and the folder it was found in (links may not leave it)."""

    path: Path
    root: Path | None
    format: Format


def format_of(path: Path) -> Format | None:
    return SUFFIXES.get(path.suffix.lower())


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


def read_file(found: FoundFile) -> list[Article | ReadFailure]:
    """Every article in one file, with a failure for the file or for each bad record."""
    return list(iter_file(found))


def iter_file(
    found: FoundFile, *, start: int = 0, first_record: int = 0, last_record: int | None = None
) -> Iterator[Article | ReadFailure]:
    """Like :func:`read_file`, streaming: a JSON Lines file's records come as they are read.

    A fault found part-way (the file vanished, a record too complex) ends the file with a
    failure; what was read before it is kept. A JSON Lines file can be read in part: records
    ``first_record`` to ``last_record`` (to the end for None), whose lines begin at byte
    ``start`` (see :class:`viewer.core.batch.WorkUnit`); other kinds are always read whole.
    """
    # Imported here so that importing the package stays light (bs4 only when needed).
    from viewer.core.readers import html, jsonfile, text

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
        else:
            yield from jsonfile.read_json_file(found.path, found.root)
    except UnreadableFile as err:
        yield ReadFailure(path, str(err), found.format)
    except (MemoryError, RecursionError) as err:
        yield ReadFailure(path, f"too complex to read ({type(err).__name__})", found.format)


def read_paths(paths: Sequence[str | os.PathLike[str]]) -> Iterator[Article | ReadFailure]:
    """Every article under ``paths``, in order, failures included."""
    found, failures = discover(paths)
    yield from failures
    for item in found:
        yield from read_file(item)
