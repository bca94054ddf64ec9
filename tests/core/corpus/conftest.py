"""Shared pieces for the corpus store tests: small fictional folders and draining a sync.

Every text here is invented for the tests (no real news).
"""

from __future__ import annotations

import json
import os
from collections.abc import Generator, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest

from viewer.core.corpus import sync as sync_module
from viewer.core.corpus.store import CorpusStore, open_store
from viewer.core.corpus.sync import SyncEvent, SyncSummary, sync

T = TypeVar("T")
R = TypeVar("R")


def drain(gen: Generator[T, None, R]) -> tuple[list[T], R]:
    """Every value a generator yields, and what it returns."""
    out: list[T] = []
    while True:
        try:
            out.append(next(gen))
        except StopIteration as stop:
            return out, stop.value


def text_article(title: str, *paragraphs: str) -> str:
    """A ``.txt`` dump: the title line, then paragraphs separated by blank lines."""
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def jsonl(records: Iterable[dict[str, Any] | str]) -> str:
    """JSON Lines text, every line ended; a str record is written as is (a bad line)."""
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def bulletin(i: int) -> dict[str, Any]:
    return {"title": f"Bulletin {i}", "text": f"Tide report number {i} from the lighthouse keeper."}


def bulletins(count: int, start: int = 0) -> str:
    return jsonl(bulletin(i) for i in range(start, start + count))


HARBOUR = text_article(
    "Harbour ferry resumes after storm",
    "The ferry crossed the bay on Tuesday for the first time in a week.",
    '"We worked through the night," said Dana Holt, the harbour master.',
)
ORCHARD = text_article(
    "Orchard harvest starts early",
    "Pickers in the valley began the apple harvest two weeks ahead of schedule.",
    '"The apples came early this year," said Oleh Marchenko of the Green Valley Cooperative.',
)
LIBRARY = text_article(
    "Library reopens its reading room",
    "The town library reopened its reading room after a winter of repairs.",
    "Visitors found new lamps and a so-called quiet zone near the windows.",
)
WIRE = [
    {
        "title": "Bridge inspection finds minor cracks",
        "text": "Engineers found small cracks in the old bridge.\n\nRepairs start next month.",
        "date": "2025-01-15",
        "source": "Riverside Wire",
    },
    {
        "title": "School choir wins regional contest",
        "text": "The school choir took first place at the regional contest.",
        "date": "2024-03-01",
        "author": "Pia Nordin",
    },
    '{"title": "Cut off", "text": "Half a rec',
    {"title": "Market adds evening hours", "text": "The farmers market will stay open until eight."},
]
SAMPLE_FILES = ("broken.txt", "harbour.txt", "library.txt", "orchard.txt", "wire.jsonl")


def fill_sample(folder: Path) -> None:
    """Three articles as text files, a JSON Lines file (one bad line) and an empty file."""
    (folder / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (folder / "orchard.txt").write_text(ORCHARD, encoding="utf-8")
    (folder / "library.txt").write_text(LIBRARY, encoding="utf-8")
    (folder / "wire.jsonl").write_text(jsonl(WIRE), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"")


def bump_mtime(path: Path, seconds: int = 5) -> int:
    """Move a file's modification time on (deterministically, whatever the clock says)."""
    st = path.stat()
    mtime = st.st_mtime_ns + seconds * 1_000_000_000
    os.utime(path, ns=(st.st_atime_ns, mtime))
    return mtime


@dataclass
class Corpus:
    """A folder to sync, the store it syncs into and the session-only fallback."""

    folder: Path
    db: Path
    fallback: Path

    def sync(self) -> SyncSummary:
        return drain(sync([self.folder], self.db, self.fallback))[1]

    def sync_events(self) -> tuple[list[SyncEvent], SyncSummary]:
        return drain(sync([self.folder], self.db, self.fallback))

    def open(self) -> CorpusStore:
        return open_store(self.db)


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    folder = tmp_path / "news"
    folder.mkdir()
    return Corpus(folder, tmp_path / "cache" / "corpus.sqlite3", tmp_path / "session" / "corpus.sqlite3")


@dataclass
class ReadSpy:
    """Which files a sync parsed: (file name, byte offset it started from)."""

    reads: list[tuple[str, int]]

    @property
    def names(self) -> list[str]:
        return [name for name, _start in self.reads]


@pytest.fixture
def read_spy(monkeypatch: pytest.MonkeyPatch) -> ReadSpy:
    spy = ReadSpy([])
    file_rows = sync_module._file_rows
    rows = sync_module._rows

    def spy_file_rows(found: Any) -> Any:
        spy.reads.append((found.path.name, 0))
        return file_rows(found)

    def spy_rows(found: Any, start: int, first: int, pool: Any) -> Any:
        spy.reads.append((found.path.name, start))
        return rows(found, start, first, pool)

    monkeypatch.setattr(sync_module, "_file_rows", spy_file_rows)
    monkeypatch.setattr(sync_module, "_rows", spy_rows)
    return spy


def ids_by_key(store: CorpusStore) -> dict[tuple[str, int | None], int]:
    """Every row's id by (file name, record)."""
    rows = store.rows(store.ids())
    return {(Path(r.path).name, r.record): r.id for r in rows.values()}
