"""The records a store takes in and hands out, and how an article becomes a row and back.

A row of the ``articles`` table is made by :func:`prepare_row`, which may run in another
process (reading in parallel): the store only inserts it. :func:`item_from_row` makes the
article (or the failure) back. Quotes and entities travel as the JSON the store keeps (see
:mod:`~viewer.core.corpus.codec`, the one reader and writer of it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import NamedTuple

from viewer.core.corpus import codec
from viewer.core.corpus import corrections as fixes
from viewer.core.model import Article, ReadFailure


@dataclass(frozen=True, slots=True)
class FileState:
    """What the store knows of one file."""

    id: int
    size: int
    mtime_ns: int
    sha256: str | None
    read_bytes: int
    records: int
    complete: bool
    extractor: str | None
    format: str | None


@dataclass(frozen=True, slots=True)
class StoredCorrection:
    """One correction as the store keeps it: its number, when it was made, whether it holds."""

    seq: int
    correction: fixes.Correction
    created: str
    active: bool


@dataclass(frozen=True, slots=True)
class ListRow:
    """What the article list shows of one row, without the article's text."""

    id: int
    path: str
    record: int | None
    title: str
    date: str | None
    source: str | None
    error: str | None


@dataclass(frozen=True, slots=True)
class AnalysedRow:
    """One article's stored analysis with its title, date and source (no text). Quotes and
    entities stay the JSON the store keeps (see :mod:`~viewer.core.corpus.codec`): a reader
    of thousands of rows decodes only what it needs (rarely the mentions)."""

    id: int
    title: str
    date: str | None
    source: str | None
    quotes_json: str
    entities_json: str


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """One member of a quote group as the store keeps it (see :meth:`.groups.Groups.versions`)."""

    article_id: int
    quote: int
    title: str
    date: str | None
    source: str | None
    quotes_json: str


class PreparedRow(NamedTuple):
    """A row of the ``articles`` table as :meth:`.articles.Articles.put_rows` takes it (its
    columns, in this order, after the file's id). Made by :func:`prepare_row`, which may run
    in another process (reading in parallel); the store only inserts."""

    record: int
    sort_path: bytes
    title: str
    title_key: str
    date: str | None
    undated: int
    source: str | None
    error: str | None
    data: str | None
    meta: str
    body: str


class ItemRow(NamedTuple):
    """What :func:`item_from_row` makes an article (or a failure) from: its file's path and
    format, its record, and its row's data, error and body."""

    path: bytes
    format: str | None
    record: int
    data: str | None
    error: str | None
    body: str


def path_bytes(path: str) -> bytes:
    return os.fsencode(path)


def path_text(raw: bytes) -> str:
    return os.fsdecode(raw)


def _display(path: str) -> str:
    """A path safe to put in SQLite text: undecodable bytes shown as U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _meta_text(article: Article) -> str:
    """What the index searches besides the paragraphs: metadata, file name, captions, credits."""
    name = os.path.basename(_display(article.path))
    parts = [article.title, article.standfirst, article.byline, article.source, article.date, name]
    parts.extend(f"{f.caption} {f.credit or ''}" for f in article.figures)
    parts.append(article.contributors)
    return "\n".join(p for p in parts if p)


#: Paragraphs are kept joined by this character, which readers never leave in text (it is a
#: control character): the full-text index reads the same column, so text is stored once.
PARAGRAPH_SEPARATOR = "\x1e"


def prepare_row(item: Article | ReadFailure) -> PreparedRow:
    """What the store keeps of one article or failure."""
    record = -1 if item.record is None else item.record
    sort_path = path_bytes(item.path)
    if isinstance(item, ReadFailure):
        name = os.path.basename(_display(item.path)) or _display(item.path)
        return PreparedRow(
            record=record,
            sort_path=sort_path,
            title=name,
            title_key=name.casefold(),
            date=None,
            undated=1,
            source=None,
            error=item.message,
            data=None,
            meta=name,
            body=item.message,
        )
    joined = PARAGRAPH_SEPARATOR.join(item.paragraphs)
    # A paragraph holding the separator (one more in the joined text than the joins) or a
    # lone empty paragraph would not split back the same: kept in the JSON instead.
    inline = joined.count(PARAGRAPH_SEPARATOR) > max(len(item.paragraphs) - 1, 0) or (
        len(item.paragraphs) == 1 and not item.paragraphs[0]
    )
    return PreparedRow(
        record=record,
        sort_path=sort_path,
        title=item.title,
        title_key=item.title.casefold(),
        date=item.date,
        undated=0 if item.date else 1,
        source=item.source,
        error=None,
        data=codec.article_json(item, with_paragraphs=inline),
        meta=_meta_text(item),
        body=joined,
    )


def item_from_row(row: ItemRow) -> Article | ReadFailure:
    """An article or failure from what the store keeps of it."""
    path = path_text(row.path)
    number = row.record if row.record >= 0 else None
    if row.error is not None or row.data is None:
        known = row.format if row.format in ("text", "html", "jsonl", "json", "warc") else None
        return ReadFailure(path, row.error or "no text", known, number)  # type: ignore[arg-type]
    paragraphs = tuple(row.body.split(PARAGRAPH_SEPARATOR)) if row.body else ()
    return codec.article_from_json(row.data, path, paragraphs)
