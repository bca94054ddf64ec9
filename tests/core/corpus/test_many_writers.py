"""Two windows and an ``export`` on one folder at once: one store, written by five processes,
is never corrupt and never shows a half-written analysis, and ends as one writer alone
leaves it."""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.core.corpus.conftest import Corpus, bulletins, bump_mtime, drain
from tests.core.corpus.wholeness import (
    Snapshot,
    check_reference,
    differences,
    open_snapshot,
    problems,
    snapshot,
)
from tests.core.corpus.writers import PEOPLE, Window, fill_news, story, window_analysis, window_reading
from viewer.core.corpus import codec
from viewer.core.corpus import groups as groups_module
from viewer.core.corpus.analysis import analyse_articles, analyse_store
from viewer.core.corpus.store import CorpusStore, attach_store, path_bytes, store_path
from viewer.core.corpus.sync import sync
from viewer.core.export import quote_rows
from viewer.core.model import AnalysedArticle, Article

REPO = Path(__file__).resolve().parents[3]

#: Forks ``openers`` processes that open one new store at the same moment (each waits on a
#: pipe that the parent closes once all are there), ``trials`` times; prints how many
#: openers did not get the store (and why, above).
_OPENERS = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from viewer.core.corpus.store import StoreUnavailable, open_store
    folder, trials, openers = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    failed = 0
    for trial in range(trials):
        gate, opened = os.pipe()
        children = []
        for _ in range(openers):
            pid = os.fork()
            if pid == 0:
                os.close(opened)
                os.read(gate, 1)
                try:
                    open_store(folder / f"{trial}.sqlite3").close()
                except StoreUnavailable as err:
                    print(err, flush=True)
                    os._exit(1)
                os._exit(0)
            children.append(pid)
        os.close(gate)
        os.close(opened)
        for pid in children:
            failed += os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0
    print(failed)
    """
)
#: Bounds on waiting for the processes (a loaded 2-core machine takes a tenth of this).
WAIT_S = 180


def _reference(folder: Path, where: Path) -> tuple[Path, Snapshot]:
    """The folder's store as one writer alone makes it: read, then analysed."""
    db = where / "reference.sqlite3"
    drain(sync([folder], db, where / "reference-session.sqlite3"))
    drain(analyse_store(db))
    reference = open_snapshot(db)
    check_reference(reference)
    return db, reference


def _export_rows(lines: list[str]) -> list[dict[str, object]]:
    """Export rows without their group's number (numbers depend on the order ids were given)."""
    rows = [json.loads(line) for line in lines if line.strip()]
    for row in rows:
        row.pop("group")
    return rows


def _fts_checks(db: Path) -> list[str]:
    """SQLite's own checks of the file and of both full-text indexes ("ok" each)."""
    con = sqlite3.connect(db, isolation_level=None)
    try:
        out = [str(con.execute("PRAGMA integrity_check").fetchone()[0])]
        for table in ("text_fts", "analysis_fts"):
            try:
                con.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
                out.append("ok")
            except sqlite3.DatabaseError as err:
                out.append(f"{table}: {err}")
        return out
    finally:
        con.close()


def _as_the_panel_shows(panel: CorpusStore, turn: int, reference: Snapshot, found: list[str]) -> int:
    """Read a few articles' analysis as the window's panel does (:meth:`CorpusStore.analysis`:
    the analysis and its article at one moment) and note any that is not the reference's
    whole; how many analyses were read."""
    ids = panel.ids()
    read = 0
    for article_id in ids[turn % 7 :: 7][:6]:
        analysed = panel.analysis(article_id)
        if analysed is None:
            continue  # not analysed yet
        read += 1
        article = analysed.article
        key = (path_bytes(article.path), -1 if article.record is None else article.record)
        whole = reference.analysis.get(key)
        got = (codec.quotes_json(analysed.quotes), codec.entities_json(analysed.entities))
        if whole is None or got != whole[:2]:
            found.append(f"the panel shows an analysis of {key} that is not whole")
    return read


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks openers")
def test_a_new_store_opened_by_several_processes_at_once_is_theirs(tmp_path: Path) -> None:
    # Two windows (or a window and an export) opening a folder for the first time: the
    # first to put the store in WAL mode made the others give it up for a session-only
    # store (8 of 240 openers, four at a time, before it waited).
    done = subprocess.run(
        [sys.executable, "-c", _OPENERS, str(tmp_path), "60", "4"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=WAIT_S,
        check=True,
    )
    assert done.stdout.splitlines()[-1] == "0", done.stdout


@pytest.mark.model
def test_two_windows_and_an_export_share_one_store(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    total_rows = fill_news(folder)
    cache = tmp_path / "cache"
    db = store_path([folder], cache)  # where the windows' and the export's store goes
    ref_db, reference = _reference(folder, tmp_path)
    assert len(reference.rows) == total_rows
    assert reference.groups and len(reference.analysis) == total_rows - 1

    context = multiprocessing.get_context("spawn")
    go = context.Event()
    out = context.Queue()
    # Kept to the end: a process drops its arguments once started, and an event nobody
    # holds is gone before the child opens it.
    windows = [Window(context.Event(), go, context.Event(), context.Event(), out) for _ in range(2)]
    processes = []
    for number, window in enumerate(windows):
        session = str(tmp_path / f"session-{number}" / "corpus.sqlite3")
        processes.append(context.Process(target=window_reading, args=(str(folder), str(db), session, window)))
        processes.append(context.Process(target=window_analysis, args=(str(db), window)))
    exported = tmp_path / "quotes.jsonl"
    started = time.monotonic()
    for process in processes:
        process.start()
    export = None
    # Counted, not kept: a slow machine takes thousands of snapshots of the whole store. Of
    # them, ``partial`` were part-way through the analysis.
    seen = partial = 0
    found: list[str] = []
    shown = 0  # analyses read as the panel reads them
    try:
        assert all(w.ready.wait(WAIT_S) for w in windows), "the analysis processes never started"
        go.set()
        command = [sys.executable, "-m", "viewer", "export", str(folder), "--store", str(cache)]
        export = subprocess.Popen(
            [*command, "--format", "jsonl", "--output", str(exported)],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert windows[0].first_rows.wait(WAIT_S), "no rows were ever written"
        # The reader: a snapshot at a time, as fast as it goes, while anyone writes; and
        # between snapshots, a few articles' analysis as the window's panel reads it.
        reader = sqlite3.connect(
            f"{db.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, timeout=10
        )
        panel = attach_store(db, read_only=True)
        try:
            while (any(p.is_alive() for p in processes) or export.poll() is None) and (
                time.monotonic() - started < WAIT_S
            ):
                one = snapshot(reader)
                seen += 1
                partial += 0 < len(one.analysis) < len(reference.analysis)
                found.extend(problems(one, reference))
                shown += _as_the_panel_shows(panel, seen, reference, found)
                if len(found) > 20:
                    break
        finally:
            reader.close()
            panel.close()
        _stderr = export.communicate(timeout=WAIT_S)[1]
    finally:
        for process in processes:
            process.join(WAIT_S)
            if process.is_alive():
                process.kill()
        if export is not None and export.poll() is None:
            export.kill()
    reports = []
    while not out.empty():
        reports.append(out.get())
    elapsed = time.monotonic() - started

    assert found == [], found[:20]
    assert len(reports) == 4 and not [r for r in reports if "error" in r[1]], reports
    assert export.returncode == 0, _stderr
    # The reader saw the store part-way: some analysis, not all (else nothing was tested).
    assert partial, f"{seen} snapshots, none part-way through the analysis"
    assert shown > 0
    final = open_snapshot(db)
    assert differences(final, reference) == []
    assert _fts_checks(db) == ["ok", "ok", "ok"]
    with attach_store(ref_db, read_only=True) as store:
        expected = [json.dumps(r) for r in quote_rows(store)]
    assert _export_rows(exported.read_text(encoding="utf-8").splitlines()) == _export_rows(expected)
    print(
        f"\n{seen} snapshots checked ({partial} part-way through the analysis), "
        f"{shown} analyses read as the panel reads them, "
        f"{elapsed:.1f} s; " + "; ".join(f"{kind}: {report}" for kind, report in reports)
    )


def test_groups_made_while_another_process_analyses_never_replace_fresher_ones(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in (0, 1, 10):  # the same words, said in three articles
        title, paragraphs = story(number)
        (corpus.folder / f"{number}.txt").write_text("\n\n".join([title, *paragraphs]), encoding="utf-8")
    corpus.sync()
    with corpus.open() as first, attach_store(corpus.db) as second:
        ids = first.ids()
        articles = [first.item(i) for i in ids]
        assert all(isinstance(a, Article) for a in articles)
        found = analyse_articles([a for a in articles if isinstance(a, Article)], with_entities=False)
        for article_id, analysed in zip(ids[:2], found, strict=False):
            first.put_analysis(article_id, analysed)
        real = groups_module.group_quotes
        grouped: list[int] = []

        def grouping(versions: list[groups_module.Version]) -> list[list[object]]:
            grouped.append(len(versions))
            if len(grouped) == 1:
                # While the first process groups two articles' quotes, the second analyses
                # the third article and groups all three.
                second.put_analysis(ids[2], found[2])
                assert second.group_quotes() == 1
            return real(versions)  # type: ignore[return-value]

        monkeypatch.setattr(groups_module, "group_quotes", grouping)
        # The first sees that the analysis changed while it grouped, and groups again.
        assert first.group_quotes() == 1
        assert grouped == [2, 3, 3]
        assert sorted(article for article, _quote in first.quote_group(ids[0], 0)) == ids


def test_an_article_whose_file_changed_while_it_was_analysed_keeps_no_analysis_of_its_old_text(
    corpus: Corpus,
) -> None:
    path = corpus.folder / "note.txt"
    old_title, old_paragraphs = story(0)
    path.write_text("\n\n".join([old_title, *old_paragraphs]), encoding="utf-8")
    corpus.sync()
    new_title, new_paragraphs = story(3)

    def analyser(articles: list[Article]) -> list[AnalysedArticle]:
        results = analyse_articles(articles, with_entities=False)
        if articles[0].title != new_title:
            # While the old text is analysed, the file changes and is read again (the window's
            # reading process, or another window's).
            path.write_text("\n\n".join([new_title, *new_paragraphs]), encoding="utf-8")
            bump_mtime(path)
            assert corpus.sync().read == 1
        return results

    _progress, analysed = drain(analyse_store(corpus.db, with_entities=False, analyser=analyser))
    assert analysed == 2  # the old text (not kept), then the new one
    with corpus.open() as store:
        (article_id,) = store.ids()
        stored = store.analysis(article_id)
        assert stored is not None and stored.article.title == new_title
        speakers = {q.speaker for q in stored.quotes if q.speaker}
        assert speakers == {PEOPLE[3][0]}


def test_two_processes_analysing_one_folder_share_the_work(corpus: Corpus) -> None:
    (corpus.folder / "tides.jsonl").write_text(bulletins(64), encoding="utf-8")
    corpus.sync()
    analysed: Counter[str] = Counter()

    def counting(articles: list[Article]) -> list[AnalysedArticle]:
        analysed.update(a.title for a in articles)
        return analyse_articles(articles, with_entities=False)

    second = analyse_store(corpus.db, batch=4, analyser=counting)
    next(second)  # its start

    def first_analyser(articles: list[Article]) -> list[AnalysedArticle]:
        # Both take their next articles at the same moment: the other analyses (and keeps)
        # a batch while this one analyses its own.
        next(second, None)
        return counting(articles)

    drain(analyse_store(corpus.db, batch=4, analyser=first_analyser))
    drain(second)
    with corpus.open() as store:
        assert store.analysed_count() == (64, 64)
    # Stepping behind each other, both would analyse all 64 articles. The first sees its
    # batch done by the other and goes on from the middle of what is left: only the batches
    # where they meet are done twice.
    assert sum(analysed.values()) <= 64 + 3 * 4, analysed
    assert set(analysed.values()) <= {1, 2}
