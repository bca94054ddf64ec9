"""The HTML benchmark runs on any folder of pages and prints one line of numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import html as bench


def test_bench_html_prints_times(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "<p>The night ferry ran late again, and the harbour master promised a new timetable.</p>"
    (tmp_path / "a.html").write_text(f"<html><head><title>Ferry</title></head><body>{text}</body></html>")
    assert bench.main([str(tmp_path), "--repeat", "1"]) == 0
    assert "1 pages (0 unreadable): median" in capsys.readouterr().out


def test_bench_html_on_an_empty_folder(tmp_path: Path) -> None:
    assert bench.main([str(tmp_path)]) == 1
