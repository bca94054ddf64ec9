"""A writer killed again and again (``python -m viewer bench kill [--kills N] [--seed S] [--json]``).

A child process writes a folder's store as the window and ``export`` do, without end: it adds
a file of invented articles to the folder (as a scraper would, one whole file at a time), reads
the folder into the store (:func:`~viewer.core.corpus.sync.sync`: the window's reading
process), analyses the article "shown" (:func:`~viewer.core.corpus.analysis.analyse_one`) and
then the rest (:func:`~viewer.core.corpus.analysis.analyse_store`, one article per batch, which
groups the quotes across articles at its end), and now and then makes, undoes or redoes a
correction and indexes again what it changed (as the window's corrections do). The analysis is
a cheap stand-in (:func:`stand_in`: the invented articles say who said what in one fixed way),
so no language model is loaded; everything it hands the store goes through the store's own
functions, as spaCy's analysis does.

The child prints, flushed, what it is doing (``phase NAME``), each article it starts to keep
the analysis of (``begin KEY``) and each whose analysis is committed (``kept KEY``). It is
killed with SIGKILL, either after a random delay (seeded) or at a chosen point: the N-th SQL
statement of a kind (``KILL_AT``, through SQLite's statement trace), which puts kills inside
transactions (an analysis row written and its index entry not yet, the quote groups deleted
and half written again, rows of a file half written, just before a COMMIT).

After every kill the store is opened as the window opens it (:func:`open_store`) and checked:

- it opens as it is (never set aside as damaged), ``PRAGMA integrity_check`` says "ok" and
  both full-text indexes pass their own integrity check;
- every analysis the child said it kept is there, whole (exactly the stand-in's quotes,
  entities and notes of its article); at most the analysis being kept when the child died is
  missing (counted per kill: "lost");
- nothing half-written can be read: every analysis is whole and has its search index entry
  (which says what the analysis says, with the corrections in force, once no re-indexing is
  pending), no index entry or quote group member is of no article or quote, every row is the
  article its file holds, and a file marked read through has all its rows.

After a kill that landed while the quotes were grouped, and at the end, the writer catches up
once without being killed, and the store must hold what one writer never killed makes of the
same folder (the same rows, analyses and quote groups).
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.common import CHECKOUT, asks_for_help

if TYPE_CHECKING:  # the store is imported where it is used (the child's start-up stays short)
    from viewer.core.model import AnalysedArticle, Article

# The invented folder ---------------------------------------------------------------------------

PEOPLE = (
    ("Ilse Varga", "the lock keeper"),
    ("Ruben Achterberg", "a baker on the square"),
    ("Nadia Quist", "the ferry's engineer"),
    ("Oskar Lindqvist", "a retired teacher"),
    ("Elena Marsh", "the market's manager"),
    ("Samir Haddou", "a night watchman"),
)
SAYINGS = (
    "The canal froze over for the first time in ten years and the boats stayed in",
    "Bread sells out by nine on market days, so we bake a second batch at dawn",
    "The engine was older than the captain and it still started on the first try",
    "Children learn the river's names before they learn to read the signs on it",
    "We count the stalls every Saturday and there were forty more than last spring",
    "The lamps on the old quay go out at midnight and nobody has complained yet",
)
PLACES = ("Kettleford", "Brindlemouth", "Ashcombe", "Wrenhaven", "Millbrook", "Tarnside")

#: Every invented article's title carries its number: "ref00042".
_REF = re.compile(r"\bref(\d{5})\b")
#: How the invented articles attribute a quote, and only how (the stand-in analysis).
_SAID = re.compile(r"\u201c([^\u201d]+?),\u201d said ([A-Z]\w+ [A-Z]\w+), ([^.]+)\.")
#: A file's name says which articles it holds: "one-00042.txt", "batch-00043-3.jsonl".
_FILE = re.compile(r"^(?:one-(\d{5})\.txt|batch-(\d{5})-(\d+)\.jsonl)$")


def story(number: int) -> tuple[str, tuple[str, ...]]:
    """Article ``number``: its title and paragraphs (one or two quotes, with speakers)."""
    name, role = PEOPLE[number % len(PEOPLE)]
    other, other_role = PEOPLE[(number + 2) % len(PEOPLE)]
    place = PLACES[(number // 3) % len(PLACES)]
    paragraphs = [
        f"People in {place} gathered at the town hall on Tuesday evening (meeting {number}).",
        f"\u201c{SAYINGS[number % len(SAYINGS)]},\u201d said {name}, {role}.",
        f"{name.split()[-1]} said the council would answer by the end of the month.",
    ]
    if number % 3 == 0:
        paragraphs.append(f"\u201c{SAYINGS[(number // 2) % len(SAYINGS)]},\u201d said {other}, {other_role}.")
    return f"{place} notebook ref{number:05d}", tuple(paragraphs)


def add_file(folder: Path, first: int, count: int) -> Path:
    """Put a new file holding articles ``first`` .. ``first + count - 1`` in the folder, whole
    (written beside it and moved in, as a careful downloader does)."""
    if count == 1:
        title, paragraphs = story(first)
        name, text = f"one-{first:05d}.txt", title + "\n\n" + "\n\n".join(paragraphs) + "\n"
    else:
        name = f"batch-{first:05d}-{count}.jsonl"
        text = "".join(
            json.dumps({"title": t, "text": "\n\n".join(p), "date": "2026-11-02"}) + "\n"
            for t, p in map(story, range(first, first + count))
        )
    incoming = folder.parent / "incoming"
    incoming.mkdir(exist_ok=True)
    part = incoming / name
    part.write_text(text, encoding="utf-8")
    os.replace(part, folder / name)
    return folder / name


def next_number(folder: Path) -> int:
    """The number the next article takes (one more than the highest in the folder)."""
    last = -1
    for path in folder.iterdir():
        found = _FILE.match(path.name)
        if found is not None:
            one, first, count = found.groups()
            last = max(last, int(one) if one else int(first) + int(count) - 1)
    return last + 1


def stand_in(articles: list[Article]) -> list[AnalysedArticle]:
    """What the language model would find in the invented articles, found by one pattern:
    each quote with its speaker and role, and each person and place named."""
    from viewer.core.model import AnalysedArticle, Entity, Mention, Quote, Span

    out = []
    for article in articles:
        quotes = []
        names: dict[tuple[str, str], list[Mention]] = {}
        for index, paragraph in enumerate(article.paragraphs):
            for said in _SAID.finditer(paragraph):
                quotes.append(
                    Quote(
                        said.group(1),
                        said.group(2),
                        "said",
                        (Span(index, said.start(1), said.end(1)),),
                        role=said.group(3),
                    )
                )
            for name, kind in [(p, "PERSON") for p, _role in PEOPLE] + [(p, "GPE") for p in PLACES]:
                for found in re.finditer(re.escape(name), paragraph):
                    names.setdefault((name, kind), []).append(
                        Mention("paragraph", index, found.start(), found.end())
                    )
        entities = tuple(Entity(n, k, (), tuple(m)) for (n, k), m in sorted(names.items()))
        out.append(AnalysedArticle(article, tuple(quotes), entities))
    return out


# The writer (the child) -------------------------------------------------------------------------


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _key(article: Article) -> str:
    return f"{Path(article.path).name}#{-1 if article.record is None else article.record}"


def _kill_at(spec: str) -> None:
    """Kill this process at the start of the N-th SQL statement that begins with PREFIX
    (``spec``: "PREFIX@N"), on every connection the store opens."""
    from viewer.core.corpus.store import opening
    from viewer.core.corpus.store.connection import connect, connect_existing

    prefix, _at, nth = spec.rpartition("@")
    seen = [0]

    def trace(statement: str) -> None:
        if statement.lstrip().startswith(prefix):
            seen[0] += 1
            if seen[0] == int(nth):
                _say(f"dies at {prefix}")
                os.kill(os.getpid(), signal.SIGKILL)

    def traced(connect: Callable[..., sqlite3.Connection]) -> Callable[..., sqlite3.Connection]:
        def connect_traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
            db = connect(*args, **kwargs)
            db.set_trace_callback(trace)
            return db

        return connect_traced

    # The opener and the attached connections connect through these names.
    opening.__dict__.update(connect=traced(connect), connect_existing=traced(connect_existing))


def writer(folder: Path, db: Path, fallback: Path, seed: int, *, rounds: int | None = None) -> int:
    """Write the folder's store without end (or ``rounds`` times, adding no files: catching
    up), saying what it does on stdout."""
    from viewer.core.corpus import corrections as fixes
    from viewer.core.corpus.analysis import analyse_one, analyse_store
    from viewer.core.corpus.store import CorpusStore, attach_store
    from viewer.core.corpus.sync import sync
    from viewer.core.model import Article

    rng = random.Random(seed)
    if os.environ.get("KILL_AT"):
        _kill_at(os.environ["KILL_AT"])
    grouping = CorpusStore.group_quotes

    def group_quotes(store: CorpusStore) -> int | None:
        _say("phase groups")
        return grouping(store)

    CorpusStore.group_quotes = group_quotes  # type: ignore[assignment,method-assign]
    pending: list[str] = []

    def analyser(articles: list[Article]) -> list[AnalysedArticle]:
        for article in articles:
            _say(f"begin {_key(article)}")
            pending.append(_key(article))
        return stand_in(articles)

    def kept() -> None:
        for key in pending:
            _say(f"kept {key}")
        pending.clear()

    _say("ready")
    done = 0
    while rounds is None or done < rounds:
        done += 1
        if rounds is None:
            _say("phase add")
            add_file(folder, next_number(folder), rng.choice((1, 1, 2, 3, 4)))
        _say("phase open")
        for event in sync([folder], db, fallback):
            if event.kind == "open":
                if event.store != str(db):
                    _say(f"bypassed {event.notice}")
                    return 3
                _say("phase read")
            elif event.kind == "index":
                _say("phase index")
        store = attach_store(db)
        try:
            waiting = store.unanalysed(-1)
            if waiting and rng.random() < 0.5:
                # The article the user opened is analysed first, on its own.
                shown = rng.choice(waiting)
                article = store.item(shown)
                if isinstance(article, Article):
                    _say("phase shown")
                    analyse_one(db, shown, article, analyser=analyser)
                    kept()
            if rng.random() < 0.3:
                _say("phase correct")
                name = rng.choice(PEOPLE)[0]
                move = rng.random()
                if move < 0.5:
                    store.add_correction(fixes.Rename(fixes.EntityRef(name, "PERSON"), name + " Senior"))
                elif move < 0.8:
                    store.undo_correction()
                else:
                    store.redo_correction()
                _say("phase reindex")
                store.reindex_stale()
        finally:
            store.close()
        _say("phase analyse")
        for _progress in analyse_store(db, batch=1, analyser=analyser):
            kept()
        kept()
        _say("phase idle")
    return 0


# The checks (the parent) ----------------------------------------------------------------------


@dataclass
class Check:
    """What one look at the store found."""

    problems: list[str] = field(default_factory=list)
    #: Analyses the child was keeping when it died and that are not there.
    lost: int = 0
    integrity_ok: bool = True
    articles: int = 0
    analysed: int = 0


def _expected_entry(analysed: AnalysedArticle) -> tuple[str, str, str]:
    """The analysis index entry of an analysis as the user sees it (see the analysis room)."""
    from viewer.core.corpus.store import VALUE_BREAK

    quotes = analysed.quotes
    return (
        VALUE_BREAK.join(q.text for q in quotes if q.is_statement),
        VALUE_BREAK.join(q.speaker for q in quotes if q.speaker),
        VALUE_BREAK.join(VALUE_BREAK.join(dict.fromkeys((e.name, *e.variants))) for e in analysed.entities),
    )


def check_store(db: Path, kept: set[str], in_flight: set[str]) -> Check:
    """Open the store as the window does and look at everything in it (see the module's
    docstring); ``kept``: every analysis the child said it kept, ``in_flight``: those it
    began and did not say it kept."""
    from viewer.core.corpus import codec
    from viewer.core.corpus.store import EXTRACTOR_VERSION, open_store
    from viewer.core.model import Article

    check = Check()
    found = check.problems
    store = open_store(db, timeout=10)
    try:
        if store.notice is not None:
            found.append(f"the store was not opened as it was: {store.notice}")
        raw = store._db
        check.integrity_ok = raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for table in ("text_fts", "analysis_fts"):
            try:
                raw.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as err:
                check.integrity_ok = False
                found.append(f"{table}: {err}")
        if not check.integrity_ok:
            found.append("integrity check failed")
            return check
        raw.execute("BEGIN")  # one moment of the store, as a reader sees it
        try:
            files = {
                int(i): (Path(os.fsdecode(p)).name, bool(c), int(n or 0))
                for i, p, c, n in raw.execute("SELECT id, path, complete, records FROM files")
            }
            rows = raw.execute("SELECT id, file_id, record FROM articles").fetchall()
            analysis = {
                int(r[0]): r[1:]
                for r in raw.execute("SELECT article_id, quotes, entities, notes, extractor FROM analysis")
            }
            entries = {
                int(r[0]): tuple(r[1:])
                for r in raw.execute("SELECT rowid, quotes, speakers, entities FROM analysis_fts")
            }
            members = raw.execute("SELECT article_id, quote FROM quote_groups").fetchall()
            stale = store.has_stale_index()
            compiled = store.compiled_corrections()
            items = {int(i): store.item(int(i)) for i, _f, _r in rows}
        finally:
            raw.execute("COMMIT")
    finally:
        store.close()
    check.articles, check.analysed = len(rows), len(analysis)
    key_of: dict[int, str] = {}
    quote_counts: dict[int, int] = {}
    per_file: dict[int, set[int]] = {}
    for article_id, file_id, record in rows:
        name = files[file_id][0]
        key_of[article_id] = f"{name}#{record}"
        per_file.setdefault(file_id, set()).add(int(record))
        article = items[article_id]
        ref = _REF.search(article.title) if isinstance(article, Article) else None
        if not isinstance(article, Article) or ref is None:
            found.append(f"row {name}#{record} is not an article of the folder: {article!r}"[:200])
            continue
        if (article.title, article.paragraphs) != story(int(ref.group(1))):
            found.append(f"row {name}#{record} is not the article its file holds")
        stored = analysis.get(article_id)
        if stored is None:
            continue
        (expected,) = stand_in([article])
        whole = (
            codec.quotes_json(expected.quotes),
            codec.entities_json(expected.entities),
            codec.notes_json(expected.notes),
            EXTRACTOR_VERSION,
        )
        if tuple(stored) != whole:
            found.append(f"the analysis of {name}#{record} is not whole")
        quote_counts[article_id] = len(expected.quotes)
        entry = entries.get(article_id)
        if entry is None:
            found.append(f"the analysis of {name}#{record} has no search index entry")
        elif not stale and entry != _expected_entry(compiled.apply(expected)):
            found.append(f"the search index entry of {name}#{record} is not its analysis's")
    for article_id in set(analysis) - set(key_of):
        found.append(f"an analysis of no article ({article_id})")
    if set(entries) - set(analysis):
        found.append(f"{len(set(entries) - set(analysis))} search index entries of no analysis")
    stray = [m for m in members if m[1] >= quote_counts.get(m[0], 0)]
    if stray:
        found.append(f"{len(stray)} quote group members of no stored quote")
    for file_id, (name, complete, records) in files.items():
        spec = _FILE.match(name)
        if spec is None:
            found.append(f"a file that is not the folder's: {name}")
            continue
        count = 1 if spec.group(1) else int(spec.group(3))
        have = per_file.get(file_id, set())
        every_row = have == {-1} if count == 1 else (records == count and have == set(range(count)))
        if complete and not every_row:
            found.append(f"{name} is marked read with {sorted(have)} of its {count} articles")
    present = {key_of[i] for i in analysis if i in key_of}
    missing = kept - present
    if missing:
        found.append(f"{len(missing)} analyses said kept are gone: {sorted(missing)[:5]}")
    check.lost = len(in_flight - present)
    if check.lost > 1:
        found.append(f"{check.lost} analyses lost at once")
    return check


# The runs -------------------------------------------------------------------------------------

#: Chosen points, inside transactions: (name, SQL statement prefix, the N-th one at most).
POINTS = (
    ("analysis row written, its index entry not", "INSERT INTO analysis_fts", 4),
    ("quote groups deleted, half written again", "INSERT INTO quote_groups", 40),
    ("rows of a file half written", "INSERT INTO articles", 4),
    ("text index half written", "INSERT INTO text_fts", 3),
    ("a file's old rows deleted, not yet marked read", "UPDATE files SET size", 2),
    ("a correction written, its names not yet marked", "INSERT INTO stale_names", 2),
    ("just before a commit", "COMMIT", 30),
)


@dataclass
class Child:
    """A writer process and what it said."""

    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)
    ready: threading.Event = field(default_factory=threading.Event)
    listener: threading.Thread = field(init=False)

    def __post_init__(self) -> None:
        self.listener = threading.Thread(target=self.listen, daemon=True)

    def finish(self) -> str:
        """Once the process is gone: everything it said (in :attr:`lines`), and its stderr."""
        self.listener.join(60)
        assert self.process.stdout is not None and self.process.stderr is not None
        self.process.stdout.close()
        with self.process.stderr as stderr:
            return stderr.read()

    def listen(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            if line.startswith("ready"):
                self.ready.set()
        self.ready.set()


def start_writer(folder: Path, db: Path, fallback: Path, seed: int, kill_at: str | None = None) -> Child:
    env = dict(os.environ)
    env.pop("KILL_AT", None)
    if kill_at is not None:
        env["KILL_AT"] = kill_at
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.kill", "--writer", str(folder), str(db), str(fallback), str(seed)],
        cwd=CHECKOUT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    child = Child(process)
    child.listener.start()
    return child


@dataclass
class Run:
    kills: int = 0
    random_kills: int = 0
    point_kills: int = 0
    #: Chosen points the child ended before reaching (killed at random instead).
    points_missed: int = 0
    kept_reported: int = 0
    lost_total: int = 0
    lost_max: int = 0
    integrity_failures: int = 0
    failures: int = 0
    problems: list[str] = field(default_factory=list)
    phases: Counter[str] = field(default_factory=Counter)
    points: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    articles: int = 0
    analysed: int = 0
    #: Catching up after kills while grouping, and whether the store then held what one
    #: writer never killed makes.
    catch_ups: int = 0
    catch_up_failures: int = 0
    caught_up_as_one_writer: bool | None = None


def kill_runs(work: Path, kills: int, seed: int, *, max_delay: float = 1.0) -> Iterator[Run]:
    """Kill a writer ``kills`` times, checking the store after each; yields the figures so far
    after each kill (the last: the whole run, caught up and compared)."""
    folder, db, fallback = work / "news", work / "cache" / "store.sqlite3", work / "session.sqlite3"
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    run = Run()
    kept: set[str] = set()
    started = time.monotonic()
    for number in range(kills):
        point = POINTS[(number // 3) % len(POINTS)] if number % 3 == 2 else None
        kill_at = f"{point[1]}@{rng.randint(1, point[2])}" if point else None
        child = start_writer(folder, db, fallback, rng.randrange(2**31), kill_at)
        if point is None:
            child.ready.wait(60)
            time.sleep(rng.uniform(0.0, max_delay))
            child.process.kill()
        try:
            child.process.wait(60)
        except subprocess.TimeoutExpired:
            child.process.kill()
            child.process.wait(60)
            run.points_missed += 1
            point = None
        stderr = child.finish()
        run.kills += 1
        if child.process.returncode != -signal.SIGKILL:
            run.failures += 1
            run.problems.append(
                f"kill {number}: the writer ended by itself ({child.process.returncode}): {stderr}"
            )
        if point is None:
            run.random_kills += 1
        elif child.lines[-1:] != [f"dies at {point[1]}"]:
            run.failures += 1
            run.problems.append(f"kill {number}: the writer did not die at {point[1]}: {child.lines[-1:]}")
        else:
            run.point_kills += 1
            run.points[point[0]] += 1
        phases = [line.split(" ", 1)[1] for line in child.lines if line.startswith("phase ")]
        run.phases[phases[-1] if phases else "starting"] += 1
        began = {line.split(" ", 1)[1] for line in child.lines if line.startswith("begin ")}
        said_kept = {line.split(" ", 1)[1] for line in child.lines if line.startswith("kept ")}
        kept |= said_kept
        run.kept_reported += len(said_kept)
        check = check_store(db, kept, began - said_kept)
        run.lost_total += check.lost
        run.lost_max = max(run.lost_max, check.lost)
        run.integrity_failures += not check.integrity_ok
        run.articles, run.analysed = check.articles, check.analysed
        if check.problems:
            run.failures += 1
            run.problems.extend(f"kill {number}: {p}" for p in check.problems[:5])
        if phases[-1:] == ["groups"]:
            run.catch_ups += 1
            if not caught_up(folder, db, work / f"catch-up-{number}"):
                run.catch_up_failures += 1
                run.failures += 1
                run.problems.append(f"kill {number}: caught up, the store is not what one writer makes")
        run.seconds = time.monotonic() - started
        yield run
    run.caught_up_as_one_writer = caught_up(folder, db, work / "catch-up")
    run.seconds = time.monotonic() - started
    yield run


def caught_up(folder: Path, db: Path, work: Path) -> bool:
    """Let the writer catch up once, unkilled; then the store must hold what one writer never
    killed makes of the same folder (made in ``work``, a new folder)."""
    work.mkdir(parents=True)
    reference = work / "reference.sqlite3"
    for target in (db, reference):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.kill",
                "--catch-up",
                str(folder),
                str(target),
                str(work / "catch-up-session.sqlite3"),
                "0",
            ],
            cwd=CHECKOUT,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0:
            return False
    return _contents(db) == _contents(reference)


def _contents(db: Path) -> tuple[object, ...]:
    """Rows, analyses and quote groups, keyed by (file name, record) rather than by id."""
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        keys = {
            i: (Path(os.fsdecode(p)).name, r)
            for i, p, r in con.execute(
                "SELECT a.id, f.path, a.record FROM articles a JOIN files f ON f.id = a.file_id"
            )
        }
        analyses = {
            keys[r[0]]: r[1:] for r in con.execute("SELECT article_id, quotes, entities, notes FROM analysis")
        }
        groups: dict[int, set[tuple[object, int]]] = {}
        for article_id, quote, group in con.execute("SELECT article_id, quote, group_id FROM quote_groups"):
            groups.setdefault(group, set()).add((keys[article_id], quote))
        return (set(keys.values()), analyses, {frozenset(g) for g in groups.values()})
    finally:
        con.close()


def figures(run: Run, seed: int) -> dict[str, Any]:
    return {
        "kills": run.kills,
        "seconds": round(run.seconds, 1),
        "seed": seed,
        "random_kills": run.random_kills,
        "point_kills": run.point_kills,
        "points_missed": run.points_missed,
        "analyses_kept_and_checked": run.kept_reported,
        "articles_at_end": run.articles,
        "analysed_at_end": run.analysed,
        "lost_total": run.lost_total,
        "lost_max_per_kill": run.lost_max,
        "integrity_failures": run.integrity_failures,
        "failed_checks": run.failures,
        "problems": run.problems[:20],
        "kills_by_phase": dict(run.phases.most_common()),
        "kills_by_point": dict(run.points.most_common()),
        "catch_ups_after_kills_while_grouping": run.catch_ups,
        "catch_up_failures": run.catch_up_failures,
        "caught_up_as_one_writer": run.caught_up_as_one_writer,
    }


def _option(args: list[str], name: str, default: int) -> int:
    return int(args[args.index(name) + 1]) if name in args else default


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if asks_for_help(args, __doc__):
        return 0
    if args[:1] in (["--writer"], ["--catch-up"]):
        folder, db, fallback, seed = Path(args[1]), Path(args[2]), Path(args[3]), int(args[4])
        return writer(folder, db, fallback, seed, rounds=1 if args[0] == "--catch-up" else None)
    kills, seed = _option(args, "--kills", 200), _option(args, "--seed", 20)
    load = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="article-viewer-kill-") as temp:
        for run in kill_runs(Path(temp), kills, seed):
            if "--json" not in args and run.kills % 20 == 0 and run.caught_up_as_one_writer is None:
                print(f"{run.kills} kills, {run.seconds:.0f} s, {run.failures} failed", flush=True)
    out = figures(run, seed) | {"load_before": load, "load_after": [round(x, 2) for x in os.getloadavg()]}
    if "--json" in args:
        print(json.dumps(out, indent=1))
    else:
        for key, value in out.items():
            print(f"{key}: {value}")
    failed = run.failures or run.integrity_failures or run.lost_max > 1 or not run.caught_up_as_one_writer
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
