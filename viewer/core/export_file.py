"""Export from a store that is already read and analysed (the window's): quotes or entities of
some articles, or of all, to a file, with the rows and provenance of :mod:`viewer.core.export`.

Unlike ``python -m viewer export`` nothing is read or analysed here: articles the store has no
analysis for yet are left out and counted, so the caller can say so. The file is written
beside its final name and moved there only when complete; a failed or cancelled export
leaves no half-written file behind.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from viewer.core.corpus.store import attach_store
from viewer.core.export import (
    ENTITY_FIELDS,
    QUOTE_FIELDS,
    ArticleProgress,
    Format,
    What,
    entity_rows,
    quote_rows,
    write,
)

#: The usual file name ending of each format.
SUFFIXES: dict[Format, str] = {"csv": ".csv", "jsonl": ".jsonl", "md": ".md"}


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What an export wrote: the file, its rows, the articles it covered, and how many of
    them had no analysis yet (left out)."""

    path: str
    what: What
    fmt: Format
    rows: int
    articles: int
    unanalysed: int


def export_store(
    store_path: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    fmt: Format,
    what: What,
    ids: Collection[int] | None = None,
    progress: ArticleProgress | None = None,
) -> ExportSummary:
    """Write the quotes or entities of the articles ``ids`` (every article when ``None``) of the
    store at ``store_path`` to ``output``. Errors (no store, a folder that cannot be written)
    are raised as :class:`OSError` or the store's own exceptions, with nothing left behind."""
    target = Path(output)
    part = target.with_name(f".{target.name}.part")
    store = attach_store(Path(store_path), read_only=True)
    try:
        readable = [row[0] for row in store.readable_with_hash()]
        wanted = set(readable) if ids is None else set(ids) & set(readable)
        missing = len(wanted & set(store.unanalysed(len(readable) + 1)))
        chosen = None if ids is None else wanted
        try:
            with part.open("w", encoding="utf-8", newline="") as out:
                if what == "quotes":
                    rows = write(quote_rows(store, chosen, progress), QUOTE_FIELDS, fmt, out)
                else:
                    rows = write(entity_rows(store, chosen, progress), ENTITY_FIELDS, fmt, out)
            os.replace(part, target)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    finally:
        store.close()
    return ExportSummary(str(target), what, fmt, rows, len(wanted), missing)


def with_suffix(path: str, fmt: Format) -> str:
    """The path with the format's usual ending added when it has none of its own."""
    return path if Path(path).suffix else path + SUFFIXES[fmt]
