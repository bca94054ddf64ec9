"""Reading user files safely: regular files only, bounded size, no links out of the folder.

A naive ``open().read()`` hangs forever on a named pipe, exhausts memory on a link to
``/dev/zero`` and reads a link to ``/etc/passwd`` without complaint. Here every file is
opened non-blocking, checked with ``fstat`` and read up to a cap.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from pathlib import Path

# Limits are in decimal megabytes, as the messages give them ("the limit is 32 MB"): a limit
# of 32 MiB read "33.7 MB; the limit is 34 MB" for a file it refused.
#: The largest single-article file (text, JSON) read, in bytes.
MAX_FILE_BYTES = 32_000_000
#: The largest JSON Lines corpus read, in bytes; it is read line by line.
MAX_CORPUS_BYTES = 2_000_000_000
#: The longest line of a JSON Lines corpus (one record), in bytes.
MAX_RECORD_BYTES = 16_000_000


class UnreadableFile(Exception):
    """A file that cannot be read as an article; the message says why, in plain words."""


def _describe_os_error(err: OSError) -> str:
    if err.errno == errno.ENOENT:
        return "the file no longer exists"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if err.errno == errno.ELOOP:
        return "a symbolic link loop"
    if err.errno == errno.EISDIR:
        return "it is a folder, not a file"
    return err.strerror or str(err)


def check_inside(path: Path, root: Path | None) -> None:
    """Refuse a path whose real location lies outside ``root`` (a link out of the folder)."""
    if root is None:
        return
    try:
        real = Path(os.path.realpath(path))
        real_root = Path(os.path.realpath(root))
    except (OSError, RuntimeError) as err:
        raise UnreadableFile(f"cannot resolve the path: {err}") from err
    if real != real_root and real_root not in real.parents:
        raise UnreadableFile("a link to a file outside the opened folder; not followed")


def open_regular(path: Path, root: Path | None = None) -> tuple[int, int]:
    """Open ``path`` for reading if it is a regular file; return (fd, size).

    Opening is non-blocking so a named pipe cannot hang us; ``fstat`` on the open
    descriptor (not the name) decides, so a file swapped after the check is caught too.
    """
    check_inside(path, root)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise UnreadableFile(_describe_os_error(err)) from err
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = (
                "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe, device or socket)"
            )
            raise UnreadableFile(f"{kind}; skipped")
        # Back to blocking reads: a regular file never blocks, and this avoids EAGAIN surprises.
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, info.st_size


def read_bytes(path: Path, root: Path | None = None, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file no larger than ``limit``."""
    fd, size = open_regular(path, root)
    try:
        if size > limit:
            raise UnreadableFile(f"too large ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB)")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:  # grew while we read
                raise UnreadableFile(f"too large (over {limit / 1e6:.0f} MB)")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as err:
        raise UnreadableFile(_describe_os_error(err)) from err
    finally:
        os.close(fd)


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


#: The bytes of the control characters :data:`_CONTROL` drops, as UTF-8 writes them.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def clean_text(text: str) -> str:
    """Drop control characters and replace lone surrogates (they break SQLite and Qt)."""
    if _has_no_control(text):
        return text  # nearly always: a check much quicker than the pattern's scan
    return _CONTROL.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else "", text)


def _has_no_control(text: str) -> bool:
    """No character :data:`_CONTROL` matches: the text encodes to UTF-8 (no lone surrogate)
    and no byte of the encoding is a control character (UTF-8 writes them as one byte, and
    every byte of a longer sequence is 0x80 or above)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return len(data.translate(None, _CONTROL_BYTES)) == len(data)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte of its ASCII."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros > 0.4 * half:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def looks_binary(data: bytes) -> bool:
    """A NUL byte in the first block of something that is not UTF-16/32 means binary."""
    return b"\x00" in data[:8192]


def normalise_charset(name: str | None) -> str | None:
    """A Python codec for a declared charset, or None if unknown.

    Latin-1 and ASCII declarations are read as cp1252, as browsers do: pages that say
    ISO-8859-1 routinely hold cp1252 quotation marks.
    """
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    if codec in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return codec


def decode(data: bytes, declared: str | None = None) -> str:
    """Text from bytes: BOM, then a declared charset, then strict UTF-8, then cp1252.

    Never raises on undecodable bytes: the last resort replaces them. Raises
    :class:`UnreadableFile` for binary data.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return clean_text(data[len(bom) :].decode(codec, errors="replace"))
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return clean_text(utf16)
    if looks_binary(data):
        raise UnreadableFile("a binary file, not text")
    declared_codec = normalise_charset(declared)
    if declared_codec and declared_codec not in ("utf-8", "utf-16", "utf-32"):
        try:
            return clean_text(data.decode(declared_codec))
        except UnicodeDecodeError:
            pass
    try:
        return clean_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        return clean_text(data.decode("cp1252", errors="replace"))
