"""A small folder of invented news, and the store's writers as the window runs them, for the
tests that write one store from several processes at once.

The window reads a folder in one process (``sync_folder``) and analyses it in another
(``analyse_and_store`` for the article shown, then ``analyse_folder`` once the folder is
read): :func:`window_reading` and :func:`window_analysis` call those same functions, without
Qt, each in a process of its own (started with "spawn", as the window starts them).
"""

from __future__ import annotations

import json
import traceback
from dataclasses import dataclass
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from viewer.core.corpus.store import CorpusStore
    from viewer.core.model import Article

#: Invented people, and what they are made to say (several articles carry the same words,
#: so that quotes are grouped across articles).
PEOPLE = (
    ("Dana Holt", "the harbour master"),
    ("Oleh Marchenko", "a fruit grower"),
    ("Pia Nordin", "the choir's conductor"),
    ("Tomas Berg", "the town engineer"),
    ("Mira Olsen", "a ferry captain"),
)
SAYINGS = (
    "We worked through the night to keep the road open for the morning buses",
    "The apples came early this year and the price at the market fell by half",
    "Nobody expected the bridge to need new bolts so soon after the last repairs",
    "The children sang better than ever and the hall was full to the doors",
    "The crossing is safe again and the timetable goes back to normal on Monday",
)
PLACES = ("Eastport", "Linden Valley", "Northbridge", "Saltmarsh", "Greyhaven")


def story(number: int) -> tuple[str, list[str]]:
    """An invented article: its title (with a tag no other article has) and paragraphs."""
    name, role = PEOPLE[number % len(PEOPLE)]
    saying = SAYINGS[(number // 2) % len(SAYINGS)]
    place = PLACES[number % len(PLACES)]
    title = f"{place} note ref{number:04d}"
    paragraphs = [
        f"Residents of {place} gathered on Tuesday to hear the council's plans for the season.",
        f"\u201c{saying},\u201d said {name}, {role}.",
        f"{name.split()[-1]} added that the work would be finished before the winter storms.",
    ]
    return title, paragraphs


def fill_news(folder: Path, *, texts: int = 10, records: int = 70) -> int:
    """``texts`` text files, a JSON Lines file of ``records`` records (in more than one
    batch of rows), a web page and an empty file (a row of a file that cannot be read);
    how many rows a store of the folder has."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(texts):
        title, paragraphs = story(n)
        (folder / f"note{n:02d}.txt").write_text(
            title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )
    lines = []
    for n in range(texts, texts + records):
        title, paragraphs = story(n)
        lines.append(json.dumps({"title": title, "text": "\n\n".join(paragraphs), "date": "2025-03-01"}))
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    title, paragraphs = story(texts + records)
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    (folder / "page.html").write_text(
        f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    return texts + records + 2


@dataclass(frozen=True)
class Window:
    """One window's two processes meet here: ``ready`` once its analysis process has loaded
    the language model, ``go`` for every process at once, ``first_rows`` once its reading
    wrote rows, ``read`` once the folder is read; each process puts its report in ``out``."""

    ready: Event
    go: Event
    first_rows: Event
    read: Event
    out: Queue[Any]


def window_reading(folder: str, db: str, fallback: str, window: Window) -> None:
    """The window's reading process: brings the folder's store up to date (two parsers)."""
    from viewer.ui.background.child import sync_folder

    try:
        if not window.go.wait(120):
            raise TimeoutError("never told to go")
        events = sync_folder([folder], db, fallback, 2)
        while True:
            try:
                event = next(events)
            except StopIteration as stop:
                summary = stop.value
                break
            if event.kind == "open" and event.store != db:
                raise AssertionError(f"the folder's store was bypassed: {event.notice}")
            if event.kind == "rows" and event.written:
                window.first_rows.set()
        window.out.put(("reading", {"files read": summary.read, "rows written": summary.written}))
    except BaseException:
        window.out.put(("reading", {"error": traceback.format_exc()}))
    finally:
        window.first_rows.set()
        window.read.set()


def _first_article(store: CorpusStore) -> tuple[int, Article] | None:
    """The first article of the list (in the file order), if it has one yet."""
    from viewer.core.model import Article

    return next(((i, a) for i in store.ids() if isinstance(a := store.item(i), Article)), None)


def window_analysis(db: str, window: Window) -> None:
    """The window's analysis process: loads the language model at start-up, analyses the
    first article shown as soon as the list has it, and the whole folder once it is read."""
    from viewer.core.corpus.store import attach_store
    from viewer.ui.background.child import analyse_and_store, analyse_folder, warm_up

    try:
        warm_up()
        window.ready.set()
        if not window.go.wait(120) or not window.first_rows.wait(120):
            raise TimeoutError("no rows came")
        with attach_store(Path(db), read_only=True) as store:
            # The first rows may be a file that cannot be read (its row says why): the
            # window opens the first article once the list has one.
            while (shown := _first_article(store)) is None:
                if window.read.wait(0.01) and (shown := _first_article(store)) is None:
                    raise AssertionError("the folder was read and holds no article")
        quotes, _entities, _notes = analyse_and_store(db, *shown)
        if not window.read.wait(120):
            raise TimeoutError("the folder was never read")
        steps = analyse_folder(db)
        while True:
            try:
                next(steps)
            except StopIteration as stop:
                analysed = stop.value
                break
        window.out.put(("analysis", {"shown article's quotes": len(quotes), "analysed": analysed}))
    except BaseException:
        window.out.put(("analysis", {"error": traceback.format_exc()}))
    finally:
        window.ready.set()
