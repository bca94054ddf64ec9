"""``python -m viewer import``: extract output made elsewhere fills a folder's store as if the
folder had been read and analysed here; another extractor's analysis is kept but marked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import webarchive
from tests.core.corpus.conftest import drain
from viewer.__main__ import main
from viewer.core.batch import extract_lines
from viewer.core.corpus.analysis import analyse_store
from viewer.core.corpus.analysis_import import BadAnalysis, default_target, import_analysis
from viewer.core.corpus.store import EXTRACTOR_VERSION, CorpusStore, open_store, store_path
from viewer.core.corpus.sync import sync
from viewer.core.model import Article


def _folder(root: Path) -> Path:
    """Every kind, invented: a text, a saved page, a corpus with a bad line, a small crawl, an
    empty file."""
    folder = root / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Harbour board meets\n\nThe board met on Tuesday.\n\n"
        "\u201cWe will sail on time,\u201d said Ines Varga, the harbour master.\n",
        encoding="utf-8",
    )
    (folder / "b.html").write_text(webarchive.ORCHARD, encoding="utf-8")
    records = [
        json.dumps({"title": "Quay works", "text": '"The quay is ready," said Tom Reid of the port.'}),
        "{not json",
        json.dumps({"title": "Quay opens", "text": '"The quay is ready," Tom Reid said on Friday.'}),
    ]
    (folder / "c.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    webarchive.write(folder / "d.warc.gz", webarchive.crawl())
    (folder / "e.txt").write_bytes(b"")
    return folder


def _extract(folder: Path, out: Path, *, with_entities: bool = False) -> Path:
    out.write_text("".join(o.line + "\n" for o in extract_lines([str(folder)], with_entities)), "utf-8")
    return out


def _as_version(analysis: Path, version: str | None) -> None:
    """The analysis as another extractor (or one that did not say, for None) would have written it."""
    rows = [json.loads(line) for line in analysis.read_text("utf-8").splitlines()]
    for row in rows:
        if version is None:
            del row["extractor"]
        else:
            row["extractor"] = version
    analysis.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")


def _contents(store: CorpusStore) -> list[tuple[object, ...]]:
    """Every row of the store in file order: the article or failure, and its analysis."""
    out = []
    for article_id in store.ids():
        analysis = store.analysis(article_id)
        out.append((store.item(article_id), analysis and (analysis.quotes, analysis.entities)))
    return out


@pytest.mark.model
def test_an_imported_analysis_is_the_store_reading_and_analysis_make(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    analysis = _extract(folder, tmp_path / "analysis.jsonl", with_entities=True)
    with open_store(tmp_path / "imported.sqlite3") as store:
        summary = import_analysis([analysis], store, [str(folder)])
        imported = _contents(store)
        groups = store.quote_group(store.ids()[2], 0)
        found = [store.ids(q) for q in ("speaker:Reid", 'quote:"quay is ready"', "entity:Varga", "orchard")]
    assert (summary.files, summary.articles, summary.failures, summary.other_version) == (5, 7, 2, 0)
    drain(sync([str(folder)], tmp_path / "read.sqlite3", tmp_path / "fallback.sqlite3"))
    drain(analyse_store(tmp_path / "read.sqlite3"))
    with open_store(tmp_path / "read.sqlite3") as store:
        assert imported == _contents(store)
        assert found == [
            store.ids(q) for q in ("speaker:Reid", 'quote:"quay is ready"', "entity:Varga", "orchard")
        ]
    assert all(found[:2]) and found[3]
    assert len(groups) == 2  # Tom Reid's statement, in both corpus articles
    assert any(entities for _item, (_quotes, entities) in [r for r in imported if r[1]])  # type: ignore[misc]


def test_the_folder_then_opens_without_reading_or_analysing(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    analysis = _extract(folder, tmp_path / "analysis.jsonl")
    _as_version(analysis, EXTRACTOR_VERSION)  # (an analysis with entities, without the model's time)
    db = tmp_path / "store.sqlite3"
    with open_store(db) as store:
        import_analysis([analysis], store, [str(folder)])
        count = store.count()
    _events, summary = drain(sync([str(folder)], db, tmp_path / "fallback.sqlite3"))
    assert (summary.read, summary.skipped, summary.written) == (0, 5, 0)

    def never(articles: list[Article]) -> list[object]:
        raise AssertionError(f"analysed again: {[a.title for a in articles]}")

    _progress, analysed = drain(analyse_store(db, analyser=never))  # type: ignore[arg-type]
    assert analysed == 0
    with open_store(db) as store:
        assert store.count() == count == 9 and store.analysed_count() == (7, 7)
        assert store.has_quote_groups()


@pytest.mark.parametrize("version", ["0.0.9+1", f"{EXTRACTOR_VERSION} without entities", None])
def test_another_extractor_s_analysis_is_kept_and_marked_for_analysis_again(
    tmp_path: Path, version: str | None
) -> None:
    folder = _folder(tmp_path)
    analysis = _extract(folder, tmp_path / "analysis.jsonl")
    _as_version(analysis, version)
    db = tmp_path / "store.sqlite3"
    with open_store(db) as store:
        summary = import_analysis([analysis], store, [str(folder)])
        assert summary.other_version == 7 and summary.versions != {EXTRACTOR_VERSION}
        # Its articles are there, its analysis never taken for this version's...
        assert store.count() == 9 and store.analysed_count() == (0, 7)
        assert all(store.analysis(i) is None for i in store.ids())
        assert len(store.unanalysed(100)) == 7
    # ...and its files are read again (another version's, after the rest), rows kept meanwhile.
    _events, synced = drain(sync([str(folder)], db, tmp_path / "fallback.sqlite3"))
    assert synced.read == 5


def test_the_command_fills_the_store_the_window_opens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    analysis = _extract(folder, tmp_path / "analysis.jsonl")
    assert default_target([analysis]) == [str(folder)]  # the folder holding every analysed file
    (folder / "f.txt").write_text("Late news\n\nThe pier reopened.\n", encoding="utf-8")  # not analysed
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("Elsewhere\n\nA story from another folder.\n", encoding="utf-8")
    with analysis.open("a", encoding="utf-8") as out:
        out.write(json.dumps({"path": str(elsewhere), "record": None, "format": "text", "error": "x"}) + "\n")
        out.write(
            json.dumps({"path": "/nowhere/g.txt", "record": None, "format": "text", "error": "x"}) + "\n"
        )
    cache = tmp_path / "cache"
    assert main(["import", str(analysis), "--for", str(folder), "--store", str(cache)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"7 articles (2 unreadable) of 5 files imported for {folder}")
    assert err[1].startswith("note: 7 articles were analysed by another extractor (")  # --no-entities
    assert err[2:] == [
        f"note: 1 articles of files not under {folder} were not imported",
        "note: 1 analysed files are not on this machine (not imported), e.g. /nowhere/g.txt",
        f"note: 1 files under {folder} have no analysis: the window reads and analyses them",
    ]
    with open_store(store_path([str(folder)], cache)) as store:
        assert store.count() == 9
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "no path"}\n', encoding="utf-8")
    assert main(["import", str(bad), "--for", str(folder), "--store", str(cache)]) == 1
    assert "bad.jsonl, line 1: not an article of `python -m viewer extract`" in capsys.readouterr().err
    with pytest.raises(BadAnalysis):
        default_target([bad])


def test_an_import_into_a_store_with_corrections_is_searched_as_corrected(tmp_path: Path) -> None:
    from viewer.core.corpus.corrections import EntityRef, Rename

    folder = _folder(tmp_path)
    analysis = _extract(folder, tmp_path / "analysis.jsonl")
    rows = [json.loads(line) for line in analysis.read_text("utf-8").splitlines()]
    for row in rows:
        row["extractor"] = EXTRACTOR_VERSION
        if row["error"] is None and "Tom Reid" in row["paragraphs"][0]:
            start = row["paragraphs"][0].index("Tom Reid")
            mention = {"in": "paragraph", "index": 0, "start": start, "end": start + 8}
            row["entities"] = [
                {
                    "name": "Tom Reid",
                    "type": "PERSON",
                    "count": 1,
                    "variants": ["Tom Reid"],
                    "mentions": [mention],
                }
            ]
    analysis.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    with open_store(tmp_path / "store.sqlite3") as store:
        store.add_correction(Rename(EntityRef("Tom Reid", "PERSON"), "Thomas Reid"))
        import_analysis([analysis], store, [str(folder)])
        named = store.ids('entity:"Thomas Reid"')
        assert len(named) == 2 and store.ids('entity:"Tom Reid"') == named  # the old name is a variant
        shown = store.analysis(named[0])
        assert shown is not None and [(e.name, e.corrected) for e in shown.entities] == [
            ("Thomas Reid", True)
        ]
        found = store.analysis(named[0], corrected=False)
        assert found is not None and [e.name for e in found.entities] == ["Tom Reid"]  # kept as found
