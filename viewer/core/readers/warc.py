"""Web archives (WARC and ARC files, plain or gzip): every HTML page a crawler captured is an article.

A record's headers (WARC, ARC, HTTP) are parsed by warcio's record loader, the Webrecorder
project's reference reader. The framing around it is ours, because what a user needs from a
damaged archive is exact: where each record starts (a byte offset: the file's for a plain
archive, the gzip member's for a compressed one), where reading can start again, and, when a
record is cut short, has a wrong length or shares its gzip member with others, the damage named
and the reading stopped there with everything before it kept. warcio's own iterator is lenient
in ways that hide those faults (a truncated header block reads as a complete one) and writes
its warnings to standard error, which ``extract`` keeps for its own messages.

Records are numbered from 0 in file order, every record counted (``warcinfo``, requests,
images...): an article's ``record`` is that number, the line ``warcio index`` lists it on.
:func:`iter_archive` can start at any record's offset with that record's number and stop after
a number of records, so a run of records is a unit of work like a run of JSON Lines lines.

What is an article: a ``response`` with HTTP status 200 or 203 whose content is HTML (by its
``Content-Type``, or by its first bytes when it has none), and a ``resource`` record of HTML.
Everything else is skipped and counted (:class:`ArchiveTally`): requests, crawl information,
revisits (they repeat an earlier capture), redirects, error pages, images and other files.
The HTTP body is de-chunked and decompressed (gzip, deflate; Brotli when the ``brotli``
package is installed) before the HTML reader sees it, and the charset in the HTTP header, when
there is one, comes before the page's own declaration.
"""

from __future__ import annotations

import logging
import os
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO, Literal

from viewer.core.dates import parse_date
from viewer.core.model import Article, ReadFailure
from viewer.core.readers.safe_io import UnreadableFile, decode, open_regular

#: A page's HTTP body is read up to this many bytes (as stored, and again once decoded).
MAX_PAGE_BYTES = 16 * 1024 * 1024
#: The longest header line read; a longer one is cut (and the record is then damaged).
MAX_HEADER_LINE = 64 * 1024
#: The most header bytes (WARC and HTTP) one record may have.
MAX_HEADER_BYTES = 1024 * 1024
#: Bytes read or decompressed at a time.
CHUNK = 1 << 16

#: Why a record is not an article, as the user is told (see :meth:`ArchiveTally.note`).
SkipReason = Literal[
    "request", "crawl information", "revisit", "redirect", "error page", "not a web page", "other"
]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r";\s*charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)
_SNIFF_HTML = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)

# warcio logs each target URI with spaces it percent-encodes; that is not the user's business.
logging.getLogger("warcio").setLevel(logging.ERROR)


@dataclass(frozen=True, slots=True)
class PagePayload:
    """One captured page, ready for the HTML reader (and small enough to send to another
    process): the decoded HTTP body and where it came from."""

    path: str
    record: int
    url: str | None
    captured: str | None
    body: bytes
    charset: str | None


@dataclass(frozen=True, slots=True)
class ArchiveRecord:
    """One record of an archive: its number, where it starts (``offset``) and where the next
    one does (``end``: reading can begin again there), and what it is: a page, a failure, or
    a record skipped for a reason.

    Damage to the archive is a record too, the last one read: ``failure`` names the damage
    (``failure.record`` is None: it concerns the file), ``index`` is the number the damaged
    record would have had and ``offset == end`` is where it starts.
    """

    index: int
    offset: int
    end: int
    page: PagePayload | None = None
    failure: ReadFailure | None = None
    skipped: SkipReason | None = None

    @property
    def damaged(self) -> bool:
        return self.failure is not None and self.failure.record is None


@dataclass(slots=True)
class ArchiveTally:
    """What one reading of an archive (or of a run of its records) found: pages, failed pages,
    damage, skipped records by reason. The tallies of an archive's runs add up (:meth:`merge`)."""

    pages: int = 0
    failed: int = 0
    damaged: bool = False
    skipped: Counter[str] = field(default_factory=Counter)

    def add(self, record: ArchiveRecord) -> None:
        if record.page is not None:
            self.pages += 1
        elif record.damaged:
            self.damaged = True
        elif record.failure is not None:
            self.failed += 1
        elif record.skipped is not None:
            self.skipped[record.skipped] += 1

    def merge(self, other: ArchiveTally) -> None:
        """Count what ``other`` (another run of the same archive) found too."""
        self.pages += other.pages
        self.failed += other.failed
        self.damaged = self.damaged or other.damaged
        self.skipped.update(other.skipped)

    @property
    def skipped_count(self) -> int:
        return sum(self.skipped.values())

    def skipped_text(self) -> str:
        """ "374 records skipped: 166 requests, 9 not web pages, ..." (largest first)."""
        total = self.skipped_count
        parts = [
            _plural(n, reason) for reason, n in sorted(self.skipped.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        return f"{_plural(total, 'record')} skipped: " + ", ".join(parts)

    def note(self, name: str) -> str | None:
        """The line the user reads about one archive ("crawl.warc: 166 web pages; ..."), or
        None when nothing was skipped."""
        if not self.skipped_count:
            return None
        return f"{name}: {_plural(self.pages, 'web page')}; {self.skipped_text()}"


#: How a skipped record is counted to the user: (one, several).
_NOUNS: dict[str, tuple[str, str]] = {
    "crawl information": ("record of crawl information", "records of crawl information"),
    "not a web page": ("file that is not a web page", "files that are not web pages"),
    "other": ("other record", "other records"),
}


def _plural(count: int, noun: str) -> str:
    one, several = _NOUNS.get(noun, (noun, noun + "s"))
    return f"1 {one}" if count == 1 else f"{count:,} {several}"


class _Damage(Exception):
    """The archive cannot be read on from here."""


class _Cut(Exception):
    """The bytes ran out inside a record."""


# ----------------------------------------------------------------------------- byte sources
class _Lines:
    """What warcio's loader reads a record from: ``read``, ``readline`` and ``tell``, with
    header lines and header bytes bounded (a hostile file cannot make one line fill memory)."""

    def __init__(self) -> None:
        self.header_bytes = 0
        self.hit_end = False  # a line ended without a line break: the bytes ran out
        self._told = 0

    def _read(self, size: int) -> bytes:
        raise NotImplementedError

    def _readline(self, size: int) -> bytes:
        raise NotImplementedError

    def begin_record(self) -> None:
        self.header_bytes = 0
        self.hit_end = False
        self._told = 0

    def read(self, size: int | None = None) -> bytes:
        data = self._read(CHUNK if size is None or size < 0 else size)
        self._told += len(data)
        return data

    def readline(self, size: int | None = None) -> bytes:
        limit = MAX_HEADER_LINE if size is None or size < 0 else min(size, MAX_HEADER_LINE)
        line = self._readline(limit)
        if not line.endswith(b"\n") and len(line) < limit:
            self.hit_end = True
        self.header_bytes += len(line)
        if self.header_bytes > MAX_HEADER_BYTES:
            raise _Damage(f"a record's headers run over {MAX_HEADER_BYTES // 2**20} MB")
        self._told += len(line)
        return line

    def tell(self) -> int:
        return self._told


class _PlainRecords(_Lines):
    """An uncompressed archive: records follow each other, blank lines between them."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw
        self._pending: tuple[int, bytes] | None = None

    def _read(self, size: int) -> bytes:
        return self._raw.read(size)

    def _readline(self, size: int) -> bytes:
        return self._raw.readline(size)

    def next_record(self) -> tuple[int, bytes] | None:
        """The offset and first line of the next record (blank lines skipped), or None at the end."""
        if self._pending is not None:
            found, self._pending = self._pending, None
            return found
        while True:
            offset = self._raw.tell()
            line = self._raw.readline(MAX_HEADER_LINE)
            if not line:
                return None
            if line.strip(b" \t\r\n"):
                return offset, line

    def finish_record(self) -> int:
        """After a record's block: where the next one starts (what follows the block, blank
        lines skipped; the end of the file if nothing does)."""
        found = self.next_record()
        if found is None:
            return self._raw.tell()
        self._pending = found
        return found[0]

    def rest(self, offset: int) -> int:
        size = os.fstat(self._raw.fileno()).st_size
        return max(0, size - offset)


class _GzipRecords(_Lines):
    """A compressed archive: one gzip member per record, as the WARC standard asks, read member
    by member (decompressed a chunk at a time, so a large record is never held whole)."""

    def __init__(self, raw: BinaryIO, start: int) -> None:
        super().__init__()
        self._raw = raw
        self._spare = b""  # raw bytes read past the end of the last member
        self.offset = start  # where the next unread raw byte lies in the file
        self._member: Any = None
        self._out = b""  # decompressed, not yet read
        self._at = 0

    def _take(self) -> bytes:
        if self._spare:
            data, self._spare = self._spare, b""
        else:
            data = self._raw.read(CHUNK)
        self.offset += len(data)
        return data

    def _fill(self) -> bool:
        """More decompressed bytes of the current member; False once the member is done."""
        member = self._member
        while not member.eof:
            data = member.unconsumed_tail or self._take()
            if not data:
                raise _Cut
            try:
                out = member.decompress(data, CHUNK)
            except zlib.error as err:
                raise _Damage(f"the compressed data is damaged ({err})") from err
            if member.eof and member.unused_data:
                self._spare = member.unused_data + self._spare
                self.offset -= len(member.unused_data)
            if out:
                self._out, self._at = self._out[self._at :] + out, 0
                return True
        return False

    def _read(self, size: int) -> bytes:
        if self._at >= len(self._out) and not self._fill():
            return b""
        data = self._out[self._at : self._at + size]
        self._at += len(data)
        return data

    def _readline(self, size: int) -> bytes:
        while True:
            end = self._out.find(b"\n", self._at, self._at + size)
            if end >= 0:
                line = self._out[self._at : end + 1]
                self._at = end + 1
                return line
            if len(self._out) - self._at >= size or not self._fill():
                line = self._out[self._at : self._at + size]
                self._at += len(line)
                return line

    def next_record(self) -> tuple[int, bytes] | None:
        """The offset of the next member and its first line, or None at the end of the file
        (members holding nothing but blank lines are passed over)."""
        while True:
            start = self.offset
            head = self._spare
            while len(head) < 2:
                more = self._raw.read(CHUNK)
                if not more:
                    break
                head += more
            self._spare = head
            if not head:
                return None
            if not head.startswith(b"\x1f\x8b"):
                raise _Damage("what follows is not a gzip member (each record of a .warc.gz is one)")
            self._member = zlib.decompressobj(31)
            self._out, self._at = b"", 0
            while line := self._readline(MAX_HEADER_LINE):
                if line.strip(b" \t\r\n"):
                    return start, line

    def finish_record(self) -> int:
        """After a record's block: the rest of its member must be blank lines; the member's end."""
        while True:
            rest = self._out[self._at :]
            self._at = len(self._out)
            if rest.strip(b" \t\r\n"):
                raise _Damage(
                    "several records share one gzip member (the file is not compressed record by "
                    "record, as WARC files must be; `warcio recompress` rewrites it)"
                )
            if not self._fill():
                return self.offset

    def member_ended(self) -> bool:
        return self._member is not None and self._member.eof and self._at >= len(self._out)

    def rest(self, offset: int) -> int:
        size = os.fstat(self._raw.fileno()).st_size
        return max(0, size - offset)


# ----------------------------------------------------------------------------- records
def iter_archive(
    path: Path, root: Path | None = None, *, start: int = 0, first_index: int = 0, limit: int | None = None
) -> Iterator[ArchiveRecord]:
    """The records of the archive at ``path``, from the record at byte ``start`` (numbered
    ``first_index``), at most ``limit`` of them (damage included).

    Raises :class:`UnreadableFile` when the file cannot be opened or is not a web archive at
    all; damage found part-way is the last record yielded (see :class:`ArchiveRecord`).
    """
    fd, _size = open_regular(path, root)
    with os.fdopen(fd, "rb", buffering=CHUNK) as raw:
        raw.seek(start)
        magic = raw.read(2)
        raw.seek(start)
        if not magic and start == 0:
            raise UnreadableFile("the file is empty")
        source: _PlainRecords | _GzipRecords = (
            _GzipRecords(raw, start) if magic == b"\x1f\x8b" else _PlainRecords(raw)
        )
        yield from _records(source, str(path), start, first_index, limit)


def _records(
    source: _PlainRecords | _GzipRecords, path: str, start: int, index: int, limit: int | None
) -> Iterator[ArchiveRecord]:
    from warcio.recordloader import ArcWarcRecordLoader

    loader = ArcWarcRecordLoader(verify_http=False, arc2warc=True)
    known: str | None = None
    offset = start
    count = 0
    while limit is None or count < limit:
        count += 1
        try:
            found = source.next_record()
            if found is None:
                return
            offset, first_line = found
            if known is None:
                known = _archive_kind(first_line, at_start=offset == 0 and index == 0)
            source.begin_record()
            parsed = _parse_record(loader, source, first_line, known)
            record = _one_record(parsed, source, path=path, index=index, offset=offset)
        except (_Damage, _Cut) as err:
            yield _damage(source, path, index, offset, err)
            return
        yield record
        offset = record.end
        index += 1


def _archive_kind(first_line: bytes, *, at_start: bool) -> str:
    if first_line.startswith(b"WARC/"):
        return "warc"
    if first_line.startswith(b"filedesc://") or not at_start:
        return "arc"
    raise UnreadableFile(
        f"not a web archive (a WARC file starts with “WARC/”; this one with “{_shown(first_line[:40])}”)"
    )


def _damage(
    source: _PlainRecords | _GzipRecords, path: str, index: int, offset: int, err: Exception
) -> ArchiveRecord:
    if isinstance(err, _Cut):
        what = "the archive ends inside it: cut short, or still being written"
    else:
        what = str(err)
    rest = source.rest(offset)
    message = (
        f"damaged at byte {offset:,} (record {index + 1:,}): {what}; "
        f"the rest of the archive ({rest:,} bytes) is not read"
    )
    return ArchiveRecord(index, offset, offset, failure=ReadFailure(path, message, "warc"))


def _parse_record(loader: Any, source: _PlainRecords | _GzipRecords, first_line: bytes, known: str) -> Any:
    """warcio's record from its first line on, its headers read and its length checked."""
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    try:
        record = loader.parse_record_stream(source, first_line, known)
    except (_Damage, _Cut):
        raise
    except EOFError as err:
        raise _Cut from err
    except (ArchiveLoadFailed, StatusAndHeadersParserException, ValueError, IndexError) as err:
        raise _Damage(_not_a_record(first_line)) from err
    except Exception as err:  # warcio on hostile bytes: whatever it raises, the record is not readable
        raise _Damage(_not_a_record(first_line)) from err
    declared = record.rec_headers.get_header("Content-Length")
    if declared is None or not declared.strip().isdigit() or record.length is None or record.length < 0:
        raise _Damage(f"the record's length is not a number ({declared!r})")
    if source.hit_end:
        raise _Cut
    return record


def _one_record(
    record: Any, source: _PlainRecords | _GzipRecords, *, path: str, index: int, offset: int
) -> ArchiveRecord:
    kind, keep = _classify(record)
    block = _read_block(record, keep=keep is not None)
    if block.missing:
        _check_missing(source, record, block)
    end = source.finish_record()
    body, too_large = block.data, block.too_large
    if kind is not None:
        return ArchiveRecord(index, offset, end, skipped=kind)
    headers = record.http_headers
    url = record.rec_headers.get_header("WARC-Target-URI")
    raw_date = record.rec_headers.get_header("WARC-Date")

    def failure(message: str) -> ArchiveRecord:
        return ArchiveRecord(index, offset, end, failure=ReadFailure(path, message, "warc", index))

    if too_large:
        return failure(f"the page is too large (over {MAX_PAGE_BYTES // 2**20} MB)")
    try:
        payload = _decode_body(body or b"", headers)
    except UnreadableFile as err:
        return failure(str(err))
    if keep == "sniff" and not _SNIFF_HTML.match(payload[:4096]):
        return ArchiveRecord(index, offset, end, skipped="not a web page")
    if not payload.strip():
        return failure("the page is empty")
    charset = _charset(headers.get_header("Content-Type") if headers else record.content_type)
    page = PagePayload(path, index, url, parse_date(raw_date) or raw_date, payload, charset)
    return ArchiveRecord(index, offset, end, page=page)


def _check_missing(source: _PlainRecords | _GzipRecords, record: Any, block: _Block) -> None:
    """A block shorter than its record says: damage, unless the HTTP answer inside is whole."""
    if isinstance(source, _GzipRecords) and source.member_ended() and source.rest(source.offset):
        raise _Damage("the record runs on past the end of its gzip member (it is not compressed as one)")
    if block.cut or not _http_whole(record.http_headers, block):
        raise _Damage(
            f"the archive ends inside it ({block.read:,} of {block.read + block.missing:,} bytes): "
            "cut short, or still being written"
        )
    # The HTTP answer inside is whole by its own framing: the record's stated length is
    # wrong (seen in ARC files), not the capture; it is read as it is.


def _not_a_record(first_line: bytes) -> str:
    return (
        f"not the start of a record (“{_shown(first_line)}”; the record before it may state a wrong length)"
    )


def _shown(line: bytes) -> str:
    """The start of a line as a user can read it, control characters written as codes."""
    text = line[:60].rstrip(b"\r\n").decode("utf-8", errors="replace")
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


#: Record types that never hold a page, and why they are skipped.
_SKIPPED_TYPES: dict[str, SkipReason] = {
    "request": "request",
    "warcinfo": "crawl information",
    "metadata": "crawl information",
    "arc_header": "crawl information",
    "revisit": "revisit",
}
#: Media types that say nothing: the body's first bytes decide.
_UNSTATED_MEDIA = ("", "application/octet-stream", "unknown/unknown")


def _classify(record: Any) -> tuple[SkipReason | None, Literal["html", "sniff"] | None]:
    """Why a record is skipped, or whether its body is a page (``"html"``) or may be one
    (``"sniff"``: no content type, its first bytes decide)."""
    kind = record.rec_type
    if kind in _SKIPPED_TYPES:
        return _SKIPPED_TYPES[kind], None
    if kind == "response":
        skipped, content_type = _response_type(record)
        if skipped is not None:
            return skipped, None
    elif kind == "resource":
        content_type = record.content_type or ""
    else:
        return "other", None
    media = content_type.split(";", 1)[0].strip().lower()
    if media in _HTML_TYPES:
        return None, "html"
    if media in _UNSTATED_MEDIA:
        return None, "sniff"
    return "not a web page", None


def _response_type(record: Any) -> tuple[SkipReason | None, str]:
    """Why a response record is skipped (by its HTTP status), else its content type."""
    headers = record.http_headers
    if headers is None:
        content_type = record.content_type or ""
        if content_type.startswith("application/http"):
            return "not a web page", content_type  # an HTTP record without a readable answer
        return None, content_type
    skipped = _skipped_status(_status(headers))
    if skipped is not None:
        return skipped, ""
    return None, headers.get_header("Content-Type") or ""


def _skipped_status(status: int | None) -> SkipReason | None:
    """Why an HTTP answer with this status is not a page; None for a page's (200, 203)."""
    if status is None:
        return "other"  # not an HTTP answer
    if 300 <= status < 400:
        return "redirect"
    if status >= 400:
        return "error page"
    if status not in (200, 203):
        return "other"
    return None


def _status(headers: Any) -> int | None:
    if not str(headers.protocol or "").upper().startswith("HTTP/"):
        return None
    code = str(headers.get_statuscode() or "").strip()[:3]
    return int(code) if code.isdigit() else None


@dataclass(frozen=True, slots=True)
class _Block:
    """The rest of a record's block as read: its bytes (if kept and not over
    :data:`MAX_PAGE_BYTES`), how many bytes were read and how many the record says are missing,
    and whether the bytes ran out inside a gzip member (``cut``)."""

    data: bytes | None
    read: int
    missing: int
    too_large: bool
    cut: bool


def _read_block(record: Any, *, keep: bool) -> _Block:
    stream = record.raw_stream
    kept: list[bytes] = []
    total = 0
    too_large = cut = False
    while True:
        try:
            chunk = stream.read(CHUNK)
        except _Cut:
            cut = True
            break
        if not chunk:
            break
        total += len(chunk)
        if keep and not too_large:
            if total > MAX_PAGE_BYTES:
                too_large, kept = True, []
            else:
                kept.append(chunk)
    missing = max(0, int(getattr(stream, "limit", 0)))
    return _Block(b"".join(kept) if keep and not too_large else None, total, missing, too_large, cut)


_LAST_CHUNK = re.compile(rb"(?:^|\n)0+[ \t]*(?:;[^\r\n]*)?\r?\n(?:[^\r\n]+\r?\n)*\r?\n?$")


def _http_whole(headers: Any, block: _Block) -> bool:
    """Whether an HTTP answer is all there by its own framing (its Content-Length, or the
    last chunk of a chunked body), whatever the record around it says."""
    if headers is None:
        return False
    if "chunked" in (headers.get_header("Transfer-Encoding") or "").lower():
        return block.data is not None and _LAST_CHUNK.search(block.data[-512:]) is not None
    length = (headers.get_header("Content-Length") or "").strip()
    return length.isdigit() and block.read >= int(length)


def _charset(content_type: str | None) -> str | None:
    match = _CHARSET.search(content_type or "")
    return match.group(1) if match else None


# ----------------------------------------------------------------------------- HTTP bodies
def _decode_body(body: bytes, headers: Any) -> bytes:
    """An HTTP body as the server meant it: de-chunked, then decompressed. Bodies stored
    already decoded under their original headers (some crawlers do) are taken as they are."""
    if headers is None:
        return body
    if "chunked" in (headers.get_header("Transfer-Encoding") or "").lower():
        body = dechunk(body)
    for coding in reversed(
        [c.strip().lower() for c in (headers.get_header("Content-Encoding") or "").split(",")]
    ):
        body = decompress(body, coding)
    return body


_CHUNK_SIZE = re.compile(rb"([0-9A-Fa-f]+)[ \t]*(?:;[^\r\n]*)?\r?\n")


def dechunk(data: bytes) -> bytes:
    """A chunked HTTP body's data. A body that does not start with a chunk size is taken as
    it is (stored de-chunked); one cut short gives the chunks before the cut."""
    parts: list[bytes] = []
    at = 0
    first = True
    while at < len(data):
        match = _CHUNK_SIZE.match(data, at)
        if match is None:
            if first:
                return data
            break
        first = False
        size = int(match.group(1), 16)
        if size == 0:
            break
        at = match.end()
        parts.append(data[at : at + size])
        at += size
        if data.startswith(b"\r\n", at):
            at += 2
        elif data.startswith(b"\n", at):
            at += 1
    return b"".join(parts)


def decompress(data: bytes, coding: str) -> bytes:
    """A body decoded from one content coding, at most :data:`MAX_PAGE_BYTES`; a body that is
    not actually compressed is taken as it is, one cut short gives what it holds."""
    if coding in ("", "identity", "none"):
        return data
    if coding in ("gzip", "x-gzip", "deflate"):
        attempts: tuple[int, ...]
        if coding == "deflate":
            # "deflate" is zlib-wrapped by the standard, raw deflate on some servers.
            attempts = (15, -15) if data[:1] == b"\x78" else (-15, 15)
        else:
            attempts = (31,) if data.startswith(b"\x1f\x8b") else ()
        for wbits in attempts:
            try:
                decoder = zlib.decompressobj(wbits)
                out = decoder.decompress(data, MAX_PAGE_BYTES + 1)
            except zlib.error:
                continue
            if len(out) > MAX_PAGE_BYTES:
                raise UnreadableFile(
                    f"the page is too large once decompressed (over {MAX_PAGE_BYTES // 2**20} MB)"
                )
            return out
        return data
    if coding == "br":
        try:
            import brotli  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            raise UnreadableFile(
                "the page is compressed with Brotli, which this installation cannot decode"
            ) from None
        try:
            out = brotli.decompress(data)
        except Exception as err:  # brotli.error is not an Exception subclass we can name portably
            raise UnreadableFile(f"the page's Brotli data is damaged ({err})") from err
        if len(out) > MAX_PAGE_BYTES:
            raise UnreadableFile(
                f"the page is too large once decompressed (over {MAX_PAGE_BYTES // 2**20} MB)"
            )
        return bytes(out)
    raise UnreadableFile(f"the page is encoded as {coding!r}, which cannot be decoded")


# ----------------------------------------------------------------------------- pages
def read_page(page: PagePayload, *, second_opinion: bool = True) -> Article | ReadFailure:
    """The article of one captured page (the slow part: the HTML reader); a page that cannot
    be read is a failure of its record only."""
    from viewer.core.readers.html import article_from_html, declared_charset

    try:
        text = decode(page.body, page.charset or declared_charset(page.body))
        if not text.strip():
            raise UnreadableFile("the page is empty")
        article = article_from_html(text, path=page.path, page_url=page.url, second_opinion=second_opinion)
    except UnreadableFile as err:
        return ReadFailure(page.path, str(err), "warc", page.record)
    except RecursionError:
        return ReadFailure(page.path, "the page is nested too deeply to read", "warc", page.record)
    except MemoryError:
        return ReadFailure(page.path, "too complex to read (MemoryError)", "warc", page.record)
    return replace(
        article,
        format="warc",
        record=page.record,
        url=page.url or article.url,
        date=article.date or page.captured,
    )


def read_archive_run(
    path: Path,
    root: Path | None,
    tally: ArchiveTally,
    *,
    start: int = 0,
    first_index: int = 0,
    limit: int | None = None,
) -> Iterator[Article | ReadFailure]:
    """The pages of a run of records (see :func:`iter_archive`) as articles, failed pages and
    damage as failures; every record read is counted on ``tally``. Whether the archive holds a
    page at all is for whoever reads every run to say (see :func:`no_page_message`)."""
    for record in iter_archive(path, root, start=start, first_index=first_index, limit=limit):
        tally.add(record)
        if record.page is not None:
            yield read_page(record.page)
        elif record.failure is not None:
            yield record.failure


def no_page_message(tally: ArchiveTally) -> str | None:
    """Why a whole archive, every record counted on ``tally``, is a failure of the file (it holds
    no web page: it may be a crawl of images, or of a site's API), or None when it holds one."""
    if tally.pages or tally.failed or tally.damaged:
        return None
    detail = f" ({tally.skipped_text()})" if tally.skipped_count else ""
    return f"no web page in this archive{detail}"


def read_archive_file(
    path: Path, root: Path | None = None, notes: Callable[[str], None] | None = None
) -> Iterator[Article | ReadFailure]:
    """Every page of an archive as an article, failed pages and damage as failures; what was
    skipped is said once, at the end, to ``notes``. An archive without a single page is a
    failure of the file (see :func:`no_page_message`)."""
    tally = ArchiveTally()
    yield from read_archive_run(path, root, tally)
    message = no_page_message(tally)
    if message is not None:
        raise UnreadableFile(message)
    note = tally.note(path.name)
    if note is not None and notes is not None:
        notes(note)
