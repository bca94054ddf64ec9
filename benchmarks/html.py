"""How fast saved web pages are read: ``python -m viewer bench html [DIR] [--repeat N]``.

Reads every ``.html``/``.htm`` file under DIR (default: the Zyte pages of the evaluation
data) with :func:`viewer.core.readers.html.read_html_file`, the reader the extractor and the
window use (our reading, trafilatura's second opinion and the figures), and prints the median,
90th percentile and slowest time per page. Each page is read ``--repeat`` times and its fastest
time kept, so a busy machine shows less noise. ``--ours-only`` times our reading alone.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from benchmarks.common import EVAL_DATA
from viewer.core.readers import html as html_reader
from viewer.core.readers.safe_io import UnreadableFile

DEFAULT_DIR = EVAL_DATA / "html_zyte" / "html"


def _pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".html", ".htm") and p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m viewer bench html", description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR, metavar="DIR")
    parser.add_argument("--repeat", type=int, default=3, help="reads per page; the fastest counts")
    parser.add_argument("--ours-only", action="store_true", help="without trafilatura's second opinion")
    args = parser.parse_args(argv)

    pages = _pages(args.folder)
    if not pages:
        print(f"no saved pages found under {args.folder}", file=sys.stderr)
        return 1
    second = not args.ours_only
    html_reader.read_html_file(pages[0], second_opinion=second)  # imports warmed, not timed
    times: list[float] = []
    failed = 0
    for page in pages:
        best = float("inf")
        for _ in range(max(1, args.repeat)):
            start = time.perf_counter()
            try:
                html_reader.read_html_file(page, second_opinion=second)
            except UnreadableFile:
                failed += 1
                break
            best = min(best, time.perf_counter() - start)
        if best != float("inf"):
            times.append(best)
    times.sort()
    ms = [t * 1000 for t in times]
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    print(
        f"{len(pages)} pages ({failed} unreadable): median {statistics.median(ms):.1f} ms per page,"
        f" p90 {p90:.1f} ms, slowest {ms[-1]:.0f} ms" + (" (our reading only)" if args.ours_only else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
