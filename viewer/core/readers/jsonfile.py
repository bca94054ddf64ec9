"""JSON Lines corpora and JSON files: one article per record, common field names.

A record's body text goes through the same caption/credit separation as a ``.txt`` file.
A bad record is a failure of that record only; the other records still load.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from viewer.core.dates import parse_date
from viewer.core.model import Article, Format, ReadFailure
from viewer.core.readers.safe_io import (
    MAX_CORPUS_BYTES,
    MAX_RECORD_BYTES,
    UnreadableFile,
    clean_text,
    decode,
    open_regular,
    read_bytes,
)
from viewer.core.readers.text import article_from_text

TITLE_KEYS = ("title", "headline", "name", "heading")
BODY_KEYS = ("text", "body", "content", "articleBody", "article_body", "article", "full_text", "maintext")
URL_KEYS = ("url", "link", "canonical_url", "permalink")
DATE_KEYS = (
    "date",
    "published",
    "published_at",
    "publishedAt",
    "datePublished",
    "publish_date",
    "pubDate",
    "time",
)
AUTHOR_KEYS = ("author", "authors", "byline", "creator", "writer")
SOURCE_KEYS = ("source", "outlet", "site", "site_name", "siteName", "publisher", "domain")
STANDFIRST_KEYS = ("standfirst", "description", "summary", "subtitle", "dek", "lead")


class BadRecord(Exception):
    """A JSON record that is not an article."""


def _string(value: Any) -> str | None:
    """A clean string from a JSON value: strings, names inside objects, lists joined."""
    if isinstance(value, str):
        text = " ".join(clean_text(value).split())
        return text or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        return _string(next((value[key] for key in _NAME_KEYS if key in value), None))
    if isinstance(value, list):
        parts = [p for p in (_string(v) for v in value[:20]) if p]
        return ", ".join(dict.fromkeys(parts)) or None
    return None  # null, true and false say nothing


#: The keys of an object's name (an author or a publisher written as an object).
_NAME_KEYS = ("name", "title", "text", "value")


def _first(record: dict[str, Any], keys: tuple[str, ...], lowered: dict[str, Any] | None = None) -> Any:
    """The first of ``keys`` with a value (as written, else in any case); ``lowered`` is the
    record with its keys in lower case, when the caller looks up several fields."""
    if lowered is None:
        lowered = _lowered(record)
    for key in keys:
        if key in record and record[key] not in (None, "", []):
            return record[key]
        value = lowered.get(key.lower())
        if value not in (None, "", []):
            return value
    return None


def _lowered(record: dict[str, Any]) -> dict[str, Any]:
    return {k.lower(): v for k, v in record.items() if isinstance(k, str)}


def _body_text(value: Any) -> str | None:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(clean_text(v) for v in value)
    return None


def title_from_url(url: str | None) -> str | None:
    """A readable title from a URL's last path segment ("my-story-1.493" -> "My story")."""
    if not url:
        return None
    try:
        segments = [s for s in urlsplit(url).path.split("/") if s]
    except ValueError:
        return None
    for segment in reversed(segments):
        slug = re.sub(r"\.(?:html?|php|aspx?)$", "", segment)
        words = [w for w in re.split(r"[-_+]+", slug) if w and not re.fullmatch(r"[\d.]+|[a-f0-9]{8,}", w)]
        if len(words) >= 2:
            text = " ".join(words)
            return text[0].upper() + text[1:]
    return None


def article_from_record(record: Any, *, path: str, fmt: Format, index: int | None) -> Article:
    """An article from one JSON object with common field names."""
    if not isinstance(record, dict):
        raise BadRecord(f"expected an object, found {type(record).__name__}")
    lowered = _lowered(record)
    body = _body_text(_first(record, BODY_KEYS, lowered))
    if body is None or not body.strip():
        raise BadRecord("no article text (looked for " + ", ".join(BODY_KEYS[:4]) + ")")
    title = _string(_first(record, TITLE_KEYS, lowered))
    byline = _string(_first(record, AUTHOR_KEYS, lowered))
    article = article_from_text(body, path=path, fmt=fmt, record=index, title_line=False, byline=byline)
    url = _string(_first(record, URL_KEYS, lowered))
    raw_date = _string(_first(record, DATE_KEYS, lowered))
    standfirst = _string(_first(record, STANDFIRST_KEYS, lowered))
    return Article(
        path=path,
        format=fmt,
        record=index,
        title=title or title_from_url(url) or article.title,
        standfirst=standfirst or article.standfirst,
        byline=byline or article.byline,
        date=parse_date(raw_date) or raw_date or article.date,
        source=_string(_first(record, SOURCE_KEYS, lowered)),
        url=url,
        contributors=article.contributors,
        paragraphs=article.paragraphs,
        figures=article.figures,
    )


class _LongNumber:
    """Where a record held an integer too long for Python to read."""


_LONG_NUMBER = _LongNumber()
_LONG_NUMBER_MESSAGE = f"a number too long to read (over {sys.get_int_max_str_digits():,} digits)"


class _Integers:
    """json's integer hook: a number too long for ``int`` is marked, so that only the record
    holding it fails (json would raise a plain ValueError for the whole text)."""

    def __init__(self) -> None:
        self.too_long = False

    def __call__(self, digits: str) -> Any:
        try:
            return int(digits)
        except ValueError:
            self.too_long = True
            return _LONG_NUMBER


def _loads(text: str) -> tuple[Any, bool]:
    """The parsed text, and whether some integer in it was too long to read."""
    integers = _Integers()
    try:
        return json.loads(text, parse_int=integers), integers.too_long
    except json.JSONDecodeError as err:
        raise BadRecord(f"not valid JSON ({err.msg} at line {err.lineno}, column {err.colno})") from err
    except RecursionError as err:
        raise BadRecord("JSON nested too deeply") from err


def _holds_long_number(value: Any) -> bool:
    """Whether a long number stands anywhere in ``value`` (walked without recursion)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if item is _LONG_NUMBER:
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _record_or_failure(
    value: Any, path: str, fmt: Format, index: int | None, long_numbers: bool = False
) -> Article | ReadFailure:
    if long_numbers and _holds_long_number(value):
        return ReadFailure(path, _LONG_NUMBER_MESSAGE, fmt, index)
    try:
        return article_from_record(value, path=path, fmt=fmt, index=index)
    except BadRecord as err:
        return ReadFailure(path, str(err), fmt, index)
    except RecursionError:
        return ReadFailure(path, "record nested too deeply", fmt, index)


def read_json_file(path: Path, root: Path | None = None) -> Iterator[Article | ReadFailure]:
    """A JSON file: one article object, a list of them, or an object holding such a list."""
    text = decode(read_bytes(path, root))
    if not text.strip():
        raise UnreadableFile("the file is empty")
    try:
        data, long_numbers = _loads(text)
    except BadRecord as err:
        raise UnreadableFile(str(err)) from err
    if isinstance(data, dict):
        for key in ("articles", "items", "data", "results", "records"):
            if isinstance(data.get(key), list) and _first(data, BODY_KEYS) is None:
                data = data[key]
                break
    if isinstance(data, list):
        if not data:
            raise UnreadableFile("an empty list: no articles")
        for i, item in enumerate(data):
            yield _record_or_failure(item, str(path), "json", i, long_numbers)
    else:
        yield _record_or_failure(data, str(path), "json", None, long_numbers)


def read_jsonl_file(
    path: Path,
    root: Path | None = None,
    *,
    start: int = 0,
    first_index: int = 0,
    last_index: int | None = None,
) -> Iterator[Article | ReadFailure]:
    """A JSON Lines corpus, read line by line; each bad line is a failure of its own. Or a part
    of one: records ``first_index`` to ``last_index`` (to the end for None), from byte ``start``."""
    for item, _end in iter_jsonl(path, root, start=start, first_index=first_index):
        yield item
        if last_index is not None and item.record == last_index:
            return


def iter_jsonl(
    path: Path, root: Path | None = None, *, start: int = 0, first_index: int = 0
) -> Iterator[tuple[Article | ReadFailure, int]]:
    """Records from byte ``start`` on (numbered from ``first_index``), each with the offset
    just past the last complete line read so far (a line still being written, with no end of
    line yet, does not move it): where to start again when the file grows."""
    for index, line, end in iter_jsonl_lines(path, root, start=start, first_index=first_index):
        yield (line if isinstance(line, ReadFailure) else parse_jsonl_line(line, str(path), index)), end


def iter_jsonl_lines(
    path: Path, root: Path | None = None, *, start: int = 0, first_index: int = 0
) -> Iterator[tuple[int, bytes | ReadFailure, int]]:
    """The raw lines of :func:`iter_jsonl` (record number, bytes or a failure, restart
    offset), not yet parsed: parsing can then be spread over processes."""
    fd, size = open_regular(path, root)
    with os.fdopen(fd, "rb") as stream:
        if size > MAX_CORPUS_BYTES:
            raise UnreadableFile(
                f"too large ({size / 1e9:.1f} GB; the limit is {MAX_CORPUS_BYTES / 1e9:.0f} GB)"
            )
        if start:
            stream.seek(start)
        position = start
        index = first_index - 1
        any_line = False
        first_line = start == 0
        while True:
            raw = stream.readline(MAX_RECORD_BYTES + 1)
            if not raw:
                break
            at_start, first_line = first_line, False
            if len(raw) > MAX_RECORD_BYTES and not raw.endswith(b"\n"):
                index += 1
                # Skip the rest of the overlong line.
                while raw and not raw.endswith(b"\n"):
                    raw = stream.readline(1 << 20)
                position = stream.tell()
                message = f"record over {MAX_RECORD_BYTES / 1e6:.0f} MB; skipped"
                yield index, ReadFailure(str(path), message, "jsonl", index), position
                continue
            if raw.endswith(b"\n"):
                position += len(raw)
            if at_start and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            index += 1
            any_line = True
            yield index, raw, position
        if not any_line and start == 0:
            raise UnreadableFile("the file is empty")


def parse_jsonl_line(raw: bytes, path: str, index: int) -> Article | ReadFailure:
    """One JSON Lines record; a bad one is a failure of its own."""
    try:
        text = decode(raw)
    except UnreadableFile as err:
        return ReadFailure(path, str(err), "jsonl", index)
    try:
        value, long_numbers = _loads(text)
    except BadRecord as err:
        return ReadFailure(path, str(err), "jsonl", index)
    return _record_or_failure(value, path, "jsonl", index, long_numbers)
