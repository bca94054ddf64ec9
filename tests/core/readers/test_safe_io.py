"""Reading user files safely: pipes, links, sizes, encodings, binary data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from viewer.core.model import Article, ReadFailure
from viewer.core.readers import FoundFile, discover, format_of, read_file, read_paths, safe_io
from viewer.core.readers.safe_io import UnreadableFile, decode, read_bytes


def _only(items: list[Article | ReadFailure]) -> Article | ReadFailure:
    assert len(items) == 1
    return items[0]


def test_named_pipe_is_refused_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "ok.txt").write_text("Title\n\nBody.", encoding="utf-8")
    results = list(read_paths([tmp_path]))
    failures = [r for r in results if isinstance(r, ReadFailure)]
    assert [Path(f.path).name for f in failures] == ["pipe.txt"]
    assert "not a regular file" in failures[0].message
    assert [a.title for a in results if isinstance(a, Article)] == ["Title"]


def test_link_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Secret\n\nNot for you.", encoding="utf-8")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "passwd.txt").symlink_to(outside)
    (folder / "zero.txt").symlink_to("/dev/zero")
    results = {Path(r.path).name: r for r in read_paths([folder])}
    assert isinstance(results["passwd.txt"], ReadFailure)
    assert "outside the opened folder" in results["passwd.txt"].message
    assert isinstance(results["zero.txt"], ReadFailure)


def test_link_inside_the_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("Real\n\nBody.", encoding="utf-8")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "real.txt")
    titles = [r.title for r in read_paths([tmp_path]) if isinstance(r, Article)]
    assert titles == ["Real", "Real"]


def test_symlink_loop_and_directory_links(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("A\n\nBody.", encoding="utf-8")
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    found, failures = discover([tmp_path])
    assert failures == []
    assert sorted(f.path.name for f in found) == ["a.txt", "loop.txt"]
    loop = next(f for f in found if f.path.name == "loop.txt")
    result = _only(read_file(loop))
    assert isinstance(result, ReadFailure)


def test_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safe_io, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(UnreadableFile, match="too large"):
        read_bytes(big, limit=safe_io.MAX_FILE_BYTES)


def test_vanished_unreadable_empty_and_binary(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    results = {Path(r.path).name: r for r in read_paths([tmp_path, tmp_path / "gone.txt"])}
    assert isinstance(results["gone.txt"], ReadFailure)
    assert results["gone.txt"].message == "no such file or folder"
    assert isinstance(results["empty.txt"], ReadFailure)
    assert "empty" in results["empty.txt"].message
    assert isinstance(results["binary.txt"], ReadFailure)
    assert "binary" in results["binary.txt"].message


def test_unknown_kind_named_on_command_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK")
    _, failures = discover([path])
    assert "unknown kind of file" in failures[0].message


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("naïve façade “q”".encode(), "naïve façade “q”"),
        (b"\xef\xbb\xbf" + "naïve".encode(), "naïve"),
        ("naïve façade".encode("utf-16"), "naïve façade"),
        ("naïve façade".encode("utf-16-le"), "naïve façade"),
        ("naïve façade “q” – €5".encode("cp1252"), "naïve façade “q” – €5"),
        (b"bad \x81 byte \xff", "bad \ufffd byte ÿ"),
    ],
)
def test_decode(data: bytes, text: str) -> None:
    assert decode(data) == text


def test_declared_charset_wins_over_guess() -> None:
    assert decode("Żółć".encode("iso-8859-2"), "iso-8859-2") == "Żółć"
    # Latin-1 labels are read as cp1252, as browsers do.
    assert decode(b"\x93hi\x94", "ISO-8859-1") == "“hi”"


def test_clean_text_replaces_surrogates_and_controls() -> None:
    assert safe_io.clean_text("a\ud800b\x00c\x07d\ne") == "a\ufffdbcd\ne"


@pytest.mark.parametrize(
    ("name", "limit"), [("page.html", "16 MB"), ("story.txt", "32 MB"), ("one.json", "32 MB")]
)
def test_a_50_mb_file_is_refused_before_a_byte_is_read(tmp_path: Path, name: str, limit: str) -> None:
    # A sparse file: 50 MB by its size, nothing written (the refusal comes from fstat alone).
    path = tmp_path / name
    with path.open("wb") as out:
        out.truncate(50_000_000)
    fmt = format_of(path)
    assert fmt is not None
    [failure] = read_file(FoundFile(path, tmp_path, fmt))
    assert isinstance(failure, ReadFailure)
    assert failure.message == f"too large (50.0 MB; the limit is {limit})"


def test_hidden_files_and_folders_are_not_read(tmp_path: Path) -> None:
    (tmp_path / ".draft.txt").write_text("Draft\n\nNot for reading.\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "note.txt").write_text("Note\n\nNot for reading.\n")
    (tmp_path / "story.txt").write_text("Story\n\nFor reading.\n")
    found, failures = discover([tmp_path])
    assert [f.path.name for f in found] == ["story.txt"] and failures == []


def test_a_file_just_over_the_limit_says_so_in_the_limits_own_units(tmp_path: Path) -> None:
    # With limits in MiB, a 33.7 MB file was refused as "too large (33.7 MB; the limit is 34 MB)".
    path = tmp_path / "story.txt"
    with path.open("wb") as out:
        out.truncate(safe_io.MAX_FILE_BYTES + 1)
    with pytest.raises(UnreadableFile, match=r"^too large \(32\.0 MB; the limit is 32 MB\)$"):
        read_bytes(path)
