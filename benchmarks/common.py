"""What the benchmarks share: the synthetic corpus, the UI-thread stall probe, percentiles and
where the development data is.

The benchmarks run from a checkout (``python -m viewer bench NAME``); they are not part of the
installed package. Qt is imported only by the helpers that drive the window.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: The checkout the benchmarks belong to (``main.py`` is there).
CHECKOUT = Path(__file__).resolve().parents[1]
#: The development data of ``../shared/eval``, relative to the current folder as the scorers
#: use it: run from the checkout, or name a folder.
EVAL_DATA = Path("..") / "shared" / "eval" / "data"


def asks_for_help(argv: Sequence[str], doc: str | None) -> bool:
    """``-h`` or ``--help`` among a benchmark's arguments: its usage (``doc``, the module's
    docstring) is printed, and the caller returns without measuring anything."""
    if "-h" not in argv and "--help" not in argv:
        return False
    print((doc or "").strip())
    return True


# The synthetic corpus: our own word lists (names, roles, places, topics), combined at random.
FIRST = ["Ana", "Mira", "Tomas", "Ines", "Kofi", "Lena", "Ravi", "Sofia", "Jonas", "Amara", "Pavel", "Noor"]
LAST = ["Lee", "Olsen", "Duarte", "Mensah", "Novak", "Haddad", "Kowalski", "Rossi", "Tanaka", "Berg", "Osei"]
ROLES = ["the harbour master", "a council spokeswoman", "the finance minister", "a union leader", "the mayor"]
ORGS = [
    "Harbour Board",
    "City Council",
    "Northern Rail",
    "the Health Ministry",
    "Bright Energy",
    "the Red Cross",
]
PLACES = ["Lisbon", "Accra", "Tampere", "Porto", "Gdansk", "Osaka", "Leeds", "Valletta", "Brno"]
VERBS = ["said", "told reporters", "added", "warned", "said on Monday"]
TOPICS = ["the ferry", "the budget", "the new line", "the strike", "the clinic", "the flood defences"]
WORDS = [
    "plan",
    "council",
    "market",
    "budget",
    "week",
    "report",
    "service",
    "people",
    "city",
    "project",
    "rail",
    "water",
    "price",
    "public",
    "health",
    "school",
    "road",
    "energy",
    "workers",
    "company",
    "season",
    "storm",
    "vote",
    "result",
    "court",
    "board",
    "share",
]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    place = rng.choice(PLACES)
    return f"The {words[0]} in {place} " + " ".join(words[1:]) + "."


def synthetic_record(n: int, rng: random.Random) -> dict[str, Any]:
    """One varied article record: a few lines to a long feature, quotes, a caption, a date."""
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    org = rng.choice(ORGS)
    topic = rng.choice(TOPICS)
    paragraphs = []
    for _ in range(rng.choice([3, 5, 8, 12, 20, 35])):
        kind = rng.random()
        if kind < 0.2:
            paragraphs.append(f'"{_sentence(rng)}" {person.split()[1]} {rng.choice(VERBS)}.')
        elif kind < 0.3:
            paragraphs.append(
                f'{org} said in a statement that {topic} was "{" ".join(rng.choices(WORDS, k=4))}".'
            )
        else:
            paragraphs.append(" ".join(_sentence(rng) for _ in range(rng.randint(1, 4))))
    paragraphs.insert(1, f'"We will finish {topic} on time," said {person}, {rng.choice(ROLES)}.')
    if rng.random() < 0.3:
        paragraphs.insert(2, f"{person} at the {rng.choice(PLACES)} depot. Photo: {rng.choice(LAST)}/Agency")
    record: dict[str, Any] = {
        "title": f"{person} on {topic} ({n})",
        "text": "\n\n".join(paragraphs),
        "source": rng.choice(["Gazette", "Courier", "Herald", "Observer"]),
        "url": f"https://news.example/{n}",
    }
    if rng.random() < 0.9:
        record["date"] = f"20{rng.randint(10, 25):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return record


def write_corpus(folder: Path, count: int, seed: int = 7) -> Path:
    """``folder/corpus.jsonl``: ``count`` synthetic records (the same ones for the same seed)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps(synthetic_record(n, rng), ensure_ascii=False) + "\n")
    return path


def percentile(values: list[float], share: float) -> float:
    """The value at ``share`` (0 to 1) of the sorted values; NaN when there are none."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


#: The stall probe's timer period: a gap longer than this is time the UI thread did not answer.
PROBE_MS = 5


class StallProbe:
    """Longest gap between timer ticks: wall clock, and CPU time of the UI thread.

    The wall-clock gap is what a user feels, but on a busy machine it also counts time the
    OS gave to other processes; the UI thread's CPU time between ticks is our own work only.
    """

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.timer = QTimer()
        self.timer.setInterval(PROBE_MS)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.worst = 0.0
        self.worst_cpu = 0.0
        self.last = 0
        self.last_cpu = 0.0

    def start(self) -> None:
        self.clock.start()
        self.take()
        self.timer.start()

    def _tick(self) -> None:
        now, cpu = self.clock.elapsed(), time.thread_time()
        self.worst = max(self.worst, float(now - self.last - PROBE_MS))
        self.worst_cpu = max(self.worst_cpu, 1000 * (cpu - self.last_cpu))
        self.last, self.last_cpu = now, cpu

    def take(self) -> tuple[float, float]:
        worst = (self.worst, self.worst_cpu)
        self.worst = self.worst_cpu = 0.0
        self.last, self.last_cpu = self.clock.elapsed(), time.thread_time()
        return worst


def spin_until(condition: Callable[[], object], timeout_s: float) -> bool:
    """Run the Qt event loop until ``condition()`` holds (True) or the time is up (False)."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if condition():
            return True
        time.sleep(0.002)
    return False
