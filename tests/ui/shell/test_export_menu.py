"""File > Export: the dialog, the save dialog (patched), the export in the background, the file."""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from tests.ui.conftest import FERRY_PARAGRAPHS
from viewer.core.export import QUOTE_FIELDS
from viewer.core.export_file import ExportSummary
from viewer.ui.shell import export_menu
from viewer.ui.shell.export_menu import ExportDialog, Exporter, exporter_of
from viewer.ui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]


def _ferry(title: str) -> str:
    return title + "\n\n" + "\n\n".join(FERRY_PARAGRAPHS) + "\n"


@pytest.fixture
def window(make_window: MakeWindow, qtbot: object, tmp_path: Path) -> MainWindow:
    """A folder of three articles (two carry the same quote), read and analysed."""
    folder = tmp_path / "news"
    folder.mkdir()
    files = {
        "a.txt": _ferry("Ferry sails again"),
        "b.txt": "Town news\n\nA zeppelin landed.\n",
        "c.txt": _ferry("Ferry, again"),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    made = make_window()
    with qtbot.wait_signal(made.open_paths([folder]).ended, timeout=10_000):  # type: ignore[attr-defined]
        pass
    store = made.list_pane.model.store()
    assert store is not None
    qtbot.wait_until(
        lambda: store.analysed_count() == (3, 3) and not made.is_analysing_folder(), timeout=10_000
    )  # type: ignore[attr-defined]
    made.list_pane.select_row(0)
    return made


def _export(
    window: MainWindow,
    qtbot: object,
    monkeypatch: pytest.MonkeyPatch,
    target: Path,
    choose: Callable[[ExportDialog], None],
) -> ExportSummary:
    asked: list[str] = []

    def save_as(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    exporter = exporter_of(window)
    window.actions_by_id["export"].trigger()
    dialog = window.findChild(ExportDialog)
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    choose(dialog)
    with qtbot.wait_signal(exporter.finished, timeout=10_000) as finished:  # type: ignore[attr-defined]
        dialog.accept()
        # The export runs on a worker thread: the window shows its progress meanwhile.
        assert exporter.label.isVisible() and exporter.bar.isVisible()
    assert not exporter.label.isVisible()
    assert len(asked) == 1
    summary = finished.args[0]
    assert isinstance(summary, ExportSummary)
    return summary


def test_export_the_articles_shown_after_a_search(
    window: MainWindow, qtbot: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window.list_pane.set_search('speaker:"Mira Olsen"')
    qtbot.wait_until(lambda: window.list_pane.model.rowCount() == 2)  # type: ignore[attr-defined]

    def choose(dialog: ExportDialog) -> None:
        assert dialog.scope() == "shown"  # after a search, what it shows is the default
        assert dialog.scope_enabled("current") and dialog.scope_enabled("folder")
        dialog.format_box.setCurrentIndex(1)  # JSON Lines

    summary = _export(window, qtbot, monkeypatch, tmp_path / "shown", choose)
    out = tmp_path / "shown.jsonl"  # the format's ending is added
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted({Path(r["path"]).name for r in rows}) == ["a.txt", "c.txt"]
    # One row per span: the ferry quote is split in two.
    assert len(rows) == 4 == summary.rows and summary.articles == 2 and summary.unanalysed == 0
    assert {r["group_size"] for r in rows} == {2}
    assert window.status_text() == f"Exported 4 quote rows of 2 articles to {out}"


def test_export_the_current_articles_entities_as_csv(
    window: MainWindow, qtbot: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def choose(dialog: ExportDialog) -> None:
        assert dialog.scope() == "current"
        assert not dialog.scope_enabled("shown")  # no search: "shown" is the whole folder
        dialog.what_box.setCurrentIndex(1)  # entities

    _export(window, qtbot, monkeypatch, tmp_path / "entities.csv", choose)
    rows = list(csv.DictReader((tmp_path / "entities.csv").read_text(encoding="utf-8").splitlines()))
    assert {Path(r["path"]).name for r in rows} == {"a.txt"}
    assert {r["name"] for r in rows} == {"Mira Olsen", "Harbour Board", "Monday"}


def test_export_the_whole_folder_as_markdown(
    window: MainWindow, qtbot: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def choose(dialog: ExportDialog) -> None:
        dialog.set_scope("folder")
        dialog.format_box.setCurrentIndex(2)

    summary = _export(window, qtbot, monkeypatch, tmp_path / "all.md", choose)
    lines = (tmp_path / "all.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "| " + " | ".join(QUOTE_FIELDS) + " |"
    assert len(lines) == 2 + 4 and summary.articles == 3


def test_the_stop_button_stops_an_export(
    window: MainWindow, qtbot: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    started, release = threading.Event(), threading.Event()

    def slow_export(*_args: object, progress: Callable[[int, int], None], **_kwargs: object) -> ExportSummary:
        started.set()
        release.wait(10)
        progress(1, 2)  # raises: the task was cancelled meanwhile
        raise AssertionError("the export went on after it was stopped")

    monkeypatch.setattr(export_menu, "export_store", slow_export)
    exporter = exporter_of(window)
    task = exporter.start(
        str(window.store_path()), str(tmp_path / "x.csv"), fmt="csv", what="quotes", ids=None
    )
    assert task is not None
    assert (
        exporter.start(str(window.store_path()), str(tmp_path / "y.csv"), fmt="csv", what="quotes", ids=None)
        is None
    )
    assert window.status_text() == "An export is already running: wait for it, or stop it"
    qtbot.wait_until(started.is_set)  # type: ignore[attr-defined]
    with qtbot.wait_signal(exporter.failed) as failed:  # type: ignore[attr-defined]
        exporter.stop_button.click()
    assert failed.args == ["cancelled"]
    assert window.status_text() == "Export stopped"
    with qtbot.wait_signal(task.ended, timeout=10_000):  # type: ignore[attr-defined]
        release.set()
    assert not exporter.is_running()


def test_nothing_to_export_without_a_folder(make_window: MakeWindow) -> None:
    window = make_window()
    window.actions_by_id["export"].trigger()
    assert window.findChild(ExportDialog) is None
    assert window.status_text() == "Nothing to export: open a folder with Ctrl+O"
    assert window.findChild(Exporter) is None
