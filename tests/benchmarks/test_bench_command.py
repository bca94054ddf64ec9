"""``python -m viewer bench NAME`` runs the checkout's benchmarks from any folder (an installed
package says plainly that they need a checkout: ``tests/test_wheel.py``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from viewer.__main__ import BENCHMARKS, main


def test_bench_runs_the_checkout_s_benchmark_from_elsewhere(tmp_path: Path) -> None:
    empty = tmp_path / "pages"
    empty.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "viewer", "bench", "html", str(empty)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert f"no saved pages found under {empty}" in done.stderr


@pytest.mark.parametrize("name", BENCHMARKS)
def test_every_benchmark_prints_its_usage_for_help_and_measures_nothing(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for flag in ("--help", "-h"):
        try:
            code = main(["bench", name, flag])
        except SystemExit as stop:  # argparse's own help exits
            code = stop.code
        assert code == 0
        out = capsys.readouterr().out
        assert f"bench {name}" in out or (name == "corpus" and "bench --json" in out)
