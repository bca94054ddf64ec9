"""The corpus benchmark: ``python -m viewer bench --json [--quick] [--no-groups]``.

Builds a varied synthetic corpus (100,000 articles in one JSON Lines file; 10,000 with
``--quick``) from our own word lists (names, places, quotes, captions, lengths from a few
lines to a long feature), then measures, in one run, and prints one JSON object:

- ``cold_start_first_paint_ms``: ``python main.py FOLDER`` started to the first article painted
  (a small folder, offscreen, in a fresh process);
- ``open_first_rows_ms``, ``open_all_rows_s``: the big corpus opened in a fresh store;
  ``reopen_all_rows_s``: opened again (from its store);
- ``switch_ms_p50``, ``switch_ms_p95``: the next article shown (list, reader, stored or quick
  analysis), first visits; ``switch_cached_ms_p95``: the same articles again;
- ``search_ms_p95``: searches (words, phrases, ``speaker:``, ``entity:``) over the whole store;
- ``ui_max_stall_ms``: the longest gap of a 5 ms timer on the UI thread while it opened,
  searched, sorted, stepped and the folder was analysed;
- ``analyse_articles_per_s``: whole-folder analysis (quotes and entities) in the analysis process;
- ``rss_mb``: memory of the window's process and its children, at the end;
- ``read_only_articles_per_s``: reading and decoding alone, the floor;
  ``extract_articles_per_s``: reading and quotes (no NER), one process;
  ``textacy_articles_per_s``: textacy's quotation finder on the same texts, when installed;
- ``ner_articles_per_s`` (our entity recognition), ``spacy_raw_articles_per_s`` (plain
  ``nlp.pipe``, full pipeline, the same texts);
- ``batch_speedup_2proc``: ``extract --jobs 2`` against ``--jobs 1``, no NER;
- ``quote_groups_s``, ``group_lookup_ms``, ``export_all_quotes_s``: the same statement across
  articles, on the whole corpus analysed for quotes (see :mod:`benchmarks.groups`);
  `--no-groups` leaves them out (they take most of the run: the quote analysis of the corpus);
- ``type_agreement_s`` and the other ``type_`` numbers: the folder's agreement on entity types
  over the whole corpus with an invented analysis, through the store (see :mod:`benchmarks.types`).

Settings and stores go to a temporary folder, never the user's own. Numbers depend on the
machine: run it on an idle one.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.common import CHECKOUT, StallProbe, asks_for_help, percentile, spin_until, write_corpus

if TYPE_CHECKING:
    from viewer.ui.shell.main_window import MainWindow


def _rss_mb(root: int) -> float:
    """Resident memory of ``root`` and every process below it (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return total / 2**20


def _cold_start_ms(folder: Path, home: Path) -> float | None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ARTICLE_VIEWER_BENCH_PAINT="1")
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["ARTICLE_VIEWER_CACHE"] = str(home / "cold-cache")
    main = CHECKOUT / "main.py"
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(main), str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    elapsed = 1000 * (time.perf_counter() - start)
    return round(elapsed, 1) if "first article painted" in done.stdout else None


def _throughputs(corpus: Path, sample: int) -> dict[str, float | None]:
    """Reading, extraction, NER and peers, on the first ``sample`` records, in this process."""
    from viewer.core.analyse import analyse_many
    from viewer.core.readers.jsonfile import read_jsonl_file

    out: dict[str, float | None] = {}
    start = time.perf_counter()
    articles = []
    for item in read_jsonl_file(corpus):
        articles.append(item)
        if len(articles) >= sample:
            break
    out["read_only_articles_per_s"] = round(len(articles) / (time.perf_counter() - start), 1)
    from viewer.core.model import Article

    readable = [a for a in articles if isinstance(a, Article)]
    start = time.perf_counter()
    for _done in analyse_many(readable, with_entities=False):
        pass
    read_time = len(articles) / out["read_only_articles_per_s"]  # type: ignore[operator]
    out["extract_articles_per_s"] = round(len(readable) / (time.perf_counter() - start + read_time), 1)

    few = readable[: min(400, len(readable))]
    texts = ["\n\n".join(a.paragraphs) for a in few]
    out.update({"ner_articles_per_s": None, "spacy_raw_articles_per_s": None, "textacy_articles_per_s": None})
    try:
        from viewer.core import entities, nlp

        nlp.ner_pipeline()
        start = time.perf_counter()
        entities.find_entities_many(few)
        out["ner_articles_per_s"] = round(len(few) / (time.perf_counter() - start), 1)
        import spacy

        full = None
        for name in nlp.candidate_models():
            try:
                full = spacy.load(name)
                break
            except (OSError, ImportError):
                continue
        if full is not None:
            start = time.perf_counter()
            for _doc in full.pipe(texts):
                pass
            out["spacy_raw_articles_per_s"] = round(len(texts) / (time.perf_counter() - start), 1)
            try:
                from textacy.extract import triples

                start = time.perf_counter()
                for doc in full.pipe(texts[:100]):
                    list(triples.direct_quotations(doc))
                out["textacy_articles_per_s"] = round(min(100, len(texts)) / (time.perf_counter() - start), 1)
            except ImportError:
                pass
    except Exception as err:  # no model: those numbers stay null, the rest stands
        print(f"note: NER not measured ({type(err).__name__}: {err})", file=sys.stderr)
    return out


def _batch_speedup(folder: Path) -> float:
    def run(jobs: int) -> float:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "viewer", "extract", str(folder), "--no-entities", "--jobs", str(jobs)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        return time.perf_counter() - start

    one = run(1)
    two = run(2)
    return round(one / two, 2)


class _Phases:
    """The UI thread's longest stall (wall clock and processor time) in each named phase."""

    def __init__(self, probe: StallProbe) -> None:
        self.probe = probe
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def end(self, name: str) -> None:
        """Ends the phase ``name``: its stalls are those since the last one ended."""
        self.wall[name], self.cpu[name] = self.probe.take()

    def skip(self) -> None:
        """Drops the stalls since the last phase ended (the benchmark's own work on this thread)."""
        self.probe.take()


def _window_numbers(corpus_folder: Path, count: int, settings: Path) -> dict[str, float | None]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ARTICLE_VIEWER_CACHE"] = str(settings / "cache")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(settings))
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(settings))
    app = QApplication.instance() or QApplication([])
    assert app is not None
    from viewer.ui.shell.app import tune_interpreter
    from viewer.ui.shell.main_window import MainWindow

    tune_interpreter()
    out: dict[str, Any] = {}
    window = MainWindow()
    window.prepare_background()
    window.show()
    spin_until(window.isVisible, 10)
    probe = StallProbe()
    probe.start()
    phases = _Phases(probe)

    out["open_first_rows_ms"], out["open_all_rows_s"] = _open_times(window, corpus_folder, count)
    phases.end("open")
    _search_and_sort(window, phases, out)
    _switching(window, phases, out)
    _folder_analysis(window, phases, out)
    out["rss_mb"] = round(_rss_mb(os.getpid()), 0)
    window.open_paths([str(settings)])  # somewhere else first
    spin_until(lambda: not window.is_loading(), 60)
    out["reopen_all_rows_s"] = _open_times(window, corpus_folder, count)[1]  # from the store
    phases.end("reopen")
    out["ui_max_stall_ms"] = round(max(phases.wall.values()), 1)
    out["ui_stall_ms_by_phase"] = {k: round(v, 1) for k, v in phases.wall.items()}
    out["ui_stall_cpu_ms_by_phase"] = {k: round(v, 1) for k, v in phases.cpu.items()}
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return out


def _open_times(window: MainWindow, folder: Path, count: int) -> tuple[float, float]:
    """Opens ``folder`` (of ``count`` articles): the first rows' time in milliseconds and all
    rows' in seconds; it returns once the folder is read."""
    model = window.list_pane.model
    start = time.perf_counter()
    window.open_paths([str(folder)])
    spin_until(lambda: model.rowCount() > 0, 120)
    first_rows_ms = round(1000 * (time.perf_counter() - start), 1)
    spin_until(lambda: model.total_count() >= count and model.rowCount() >= count, 600)
    all_rows_s = round(time.perf_counter() - start, 2)
    spin_until(lambda: not window.is_loading(), 600)
    return first_rows_ms, all_rows_s


def _search_and_sort(window: MainWindow, phases: _Phases, out: dict[str, Any]) -> None:
    # Searches: what a user waits for, the list's query (ids in order, the counts), on a
    # read-only connection of its own as the list's worker thread has.
    from viewer.core.corpus.search import parse_query
    from viewer.core.corpus.store import attach_store

    store_path = window.store_path()
    assert store_path is not None
    store = attach_store(Path(store_path), read_only=True)
    times = []
    for text in [
        "council",
        "budget vote",
        '"the new line"',
        "speaker:Olsen",
        'entity:"Mira Lee"',
        "porto rail",
        "zzz",
    ]:
        for sort in ("file", "date"):
            t = time.perf_counter()
            store.ids(parse_query(text), sort)
            store.count()
            store.failure_count()
            times.append(1000 * (time.perf_counter() - t))
    store.close()
    out["search_ms_p95"] = round(percentile(times, 0.95), 1)
    phases.skip()  # those queries ran on this thread, as a measurement: not the window's stall
    model = window.list_pane.model
    window.list_pane.filter_edit.setText("council budget")
    spin_until(lambda: not model.is_refreshing(), 30)
    window.list_pane.set_sort_key("title")
    spin_until(lambda: not model.is_refreshing(), 30)
    window.list_pane.filter_edit.setText("")
    spin_until(lambda: not model.is_refreshing(), 30)
    phases.end("search and sort")


def _switching(window: MainWindow, phases: _Phases, out: dict[str, Any]) -> None:
    """Next article: first visits, then the same ones again."""
    from PySide6.QtWidgets import QApplication

    def step(n: int) -> list[float]:
        spent = []
        for _ in range(n):
            t = time.perf_counter()
            window.list_pane.select_next()
            QApplication.processEvents()
            spent.append(1000 * (time.perf_counter() - t))
            spin_until(lambda: not window.is_analysing(), 60)
        return spent

    window.list_pane.select_row(0)
    spin_until(lambda: not window.is_analysing(), 120)  # the first article loads the model
    phases.end("first article")
    first = step(40)
    phases.end("next article")
    out["switch_ms_p50"] = round(statistics.median(first), 1)
    out["switch_ms_p95"] = round(percentile(first, 0.95), 1)
    window.list_pane.select_row(0)
    spin_until(lambda: not window.is_analysing(), 60)
    again = step(40)
    phases.end("next article again")
    out["switch_cached_ms_p95"] = round(percentile(again, 0.95), 1)


def _folder_analysis(window: MainWindow, phases: _Phases, out: dict[str, Any]) -> None:
    """Whole-folder analysis: its rate over a stretch of time, in the analysis process."""
    assert window.list_pane.model.store() is not None
    # (The counts are read here, on this thread, by the benchmark: their time is not the window's.)
    begun = window.list_pane.model.store().analysed_count()[0]  # type: ignore[union-attr]
    phases.skip()
    t = time.perf_counter()
    spin_until(lambda: False, 20.0)
    phases.end("folder analysis")
    ended = window.list_pane.model.store().analysed_count()[0]  # type: ignore[union-attr]
    out["analyse_articles_per_s"] = round((ended - begun) / (time.perf_counter() - t), 1)
    phases.skip()


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if asks_for_help(args, __doc__):
        return 0
    quick = "--quick" in args
    count = 10_000 if quick else 100_000
    with tempfile.TemporaryDirectory(prefix="article-viewer-bench-") as temp:
        root = Path(temp)
        corpus = write_corpus(root / "corpus", count)
        small = root / "small"
        write_corpus(small, 50, seed=3)
        batch = root / "batch"
        batch.mkdir()
        with (
            corpus.open(encoding="utf-8") as source,
            (batch / "part.jsonl").open("w", encoding="utf-8") as out,
        ):
            for n, line in enumerate(source):
                if n >= min(count, 20_000):
                    break
                out.write(line)
        results: dict[str, Any] = {"articles": count}
        results["cold_start_first_paint_ms"] = _cold_start_ms(small, root)
        results.update(_window_numbers(root / "corpus", count, root / "settings"))
        results.update(_throughputs(corpus, 2000 if quick else 5000))
        results["batch_speedup_2proc"] = _batch_speedup(batch)
        if "--no-groups" not in args:  # (``bench groups`` measures them alone)
            from benchmarks.groups import group_numbers

            results.update(group_numbers(root / "corpus", root / "groups"))
        from benchmarks.types import type_numbers

        results.update(type_numbers(root / "corpus", root / "types"))
        peer = results.get("textacy_articles_per_s")
        if peer:
            results["extract_vs_textacy"] = round(results["extract_articles_per_s"] / peer, 1)
        if results.get("ner_articles_per_s") and results.get("spacy_raw_articles_per_s"):
            results["ner_vs_spacy_raw"] = round(
                results["ner_articles_per_s"] / results["spacy_raw_articles_per_s"], 2
            )
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
