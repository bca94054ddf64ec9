"""How long the UI thread stalls: ``python -m viewer bench ui [PATH...]``.

A timer on the UI thread fires every 5 ms and records the longest gap between firings
while the window (1) reads a folder in the background, (2) steps through every article
with real analysis (the first one loads spaCy on the worker thread) and (3) renders a
synthetic folder of many articles, one of them with a 400,000-character word. Settings go
to a temporary folder, never the user's own. Prints one line per phase and the maximum.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from benchmarks.common import StallProbe, asks_for_help, spin_until

if TYPE_CHECKING:
    from viewer.ui.shell.main_window import MainWindow


def _synthetic_folder(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    body = "Officials said the plan would go ahead. " * 30
    records = [
        {
            "title": f"Synthetic report {n}",
            "text": f'{body}\n\n"It is on track," said Ana Ruiz, a spokeswoman.',
        }
        for n in range(count)
    ]
    (folder / "corpus.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    (folder / "long_word.txt").write_text("A giant word\n\n" + "x" * 400_000 + "\n", encoding="utf-8")


Results = list[tuple[str, tuple[float, float]]]


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if asks_for_help(args, __doc__):
        return 0
    with tempfile.TemporaryDirectory() as temp:
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(QSettings.Format.IniFormat, scope, temp)
        app = QApplication.instance() or QApplication([])
        assert app is not None
        from viewer.ui.resources import sample_folder
        from viewer.ui.shell.app import tune_interpreter
        from viewer.ui.shell.main_window import MainWindow

        tune_interpreter()

        # Test data is written before the probe starts: only the window's own work is timed.
        synthetic = Path(temp) / "synthetic"
        _synthetic_folder(synthetic, 20_000)
        window = MainWindow()
        window.prepare_background()
        window.show()
        shown = time.monotonic()
        spin_until(window.isVisible, 10)
        QApplication.processEvents()
        print(
            f"window shown and painted in {1000 * (time.monotonic() - shown):.0f} ms (start-up, not probed)"
        )
        results, started = _phases(window, args or [str(sample_folder())], synthetic)
        _print_results(results, started)
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    return 0


def _phases(window: MainWindow, paths: list[str], synthetic: Path) -> tuple[Results, float]:
    """The longest stalls of each phase, and when the first one after the idle start began."""
    probe = StallProbe()
    probe.start()
    results: Results = []
    spin_until(lambda: False, 2.0)
    results.append(("idle 2 s (noise floor of this machine)", probe.take()))

    started = time.monotonic()
    window.open_paths(paths)
    spin_until(lambda: not window.is_loading(), 120)
    results.append((f"read {window.list_pane.model.rowCount()} items", probe.take()))

    first = time.monotonic()
    rows = window.list_pane.model.rowCount()
    for row in range(rows):
        window.list_pane.select_row(row)
        spin_until(lambda: not window.is_analysing(), 120)
        if row == 0:
            results.append(
                (f"first analysis incl. model load ({time.monotonic() - first:.1f} s)", probe.take())
            )
    results.append((f"step through {rows} articles with analysis", probe.take()))

    window.open_paths([str(synthetic)])
    spin_until(lambda: not window.is_loading(), 300)
    results.append((f"read {window.list_pane.model.rowCount()} synthetic items", probe.take()))
    window.list_pane.set_sort_key("title")
    QApplication.processEvents()
    results.append(("sort 20,001 rows by title", probe.take()))
    window.list_pane.filter_edit.setText("report 1999")
    QApplication.processEvents()
    results.append(("filter 20,001 rows", probe.take()))
    window.list_pane.filter_edit.setText("giant")
    window.list_pane.select_row(0)
    spin_until(lambda: not window.is_analysing(), 120)
    results.append(("render a 400,000-character word", probe.take()))
    return results, started


def _print_results(results: Results, started: float) -> None:
    print(f"{'phase':55s} max stall: wall clock / UI-thread CPU")
    for name, (wall, cpu) in results:
        print(f"{name:55s} {wall:7.1f} ms / {cpu:6.1f} ms")
    wall = max(w for _, (w, _c) in results)
    cpu = max(c for _, (_w, c) in results)
    print(f"{'overall':55s} {wall:7.1f} ms / {cpu:6.1f} ms  ({time.monotonic() - started:.1f} s)")


if __name__ == "__main__":
    raise SystemExit(main())
