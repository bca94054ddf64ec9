"""Start the window: ``python main.py [PATH...]`` (no PATH opens ``seeds/``)."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from viewer.ui.settings import APPLICATION, ORGANISATION, Settings

if TYPE_CHECKING:
    from viewer.ui.shell.main_window import MainWindow


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="article-viewer", description="Read folders of news articles.")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to open (default: seeds/)")
    return parser.parse_args(list(argv))


def tune_interpreter() -> None:
    """Hand Python's global lock back to the UI thread sooner (default: every 5 ms), and keep
    the objects made while starting out of the garbage collector's full passes.

    Helper threads (the reply listeners, the quote finder) then delay a UI callback by at
    most about a millisecond each time it needs the lock. The objects the imports made (some
    40,000 functions, classes and constants, alive until the program ends) made each full
    collection take 12-16 ms of the UI thread, a stall whenever one fell due in the middle of
    opening a folder or stepping to the next article; frozen, it takes a fraction of that.
    """
    sys.setswitchinterval(0.001)
    gc.freeze()


def start_paths(settings: Settings, default: str) -> tuple[list[str], tuple[str, int | None] | None]:
    """What to open when no path is given: the last folder and article when the user wants
    that (the default) and the folder still exists, else ``default`` (the sample folder)."""
    folder = settings.last_folder()
    if settings.reopen_last() and folder and os.path.isdir(folder):
        article = settings.last_article()
        inside = article is not None and os.path.abspath(article[0]).startswith(
            os.path.abspath(folder) + os.sep
        )
        return [folder], article if inside else None
    return [default], None


def _quit_after_first_paint(window: MainWindow, app: QApplication) -> None:
    """For the start-up benchmark: say when the first article is painted, then quit."""
    from viewer.core.model import Article

    def check() -> None:
        if isinstance(window.current_item(), Article):
            window.reader_pane.view.viewport().repaint()
            print("first article painted", flush=True)
            app.quit()
        else:
            QTimer.singleShot(5, check)

    QTimer.singleShot(0, check)


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    # Qt takes its own options (-platform, -style...) out of the list it is given.
    app = QApplication.instance() or QApplication([sys.argv[0], *args_in])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Article Viewer")
    args = _parse(app.arguments()[1:] if argv is None else args_in)

    from viewer.ui.resources import sample_folder
    from viewer.ui.shell.main_window import MainWindow, app_icon

    app.setWindowIcon(app_icon())
    # Wayland and X11 match the window to article-viewer.desktop (its icon, its name) by this.
    app.setDesktopFileName("article-viewer")

    tune_interpreter()
    window = MainWindow()
    window.prepare_background()
    window.show()
    if args.paths:
        window.open_paths(args.paths)
    else:
        paths, article = start_paths(window.settings, str(sample_folder()))
        window.open_paths(paths)
        if article is not None:
            window.restore_article(*article)
    if os.environ.get("ARTICLE_VIEWER_BENCH_PAINT"):
        _quit_after_first_paint(window, app)
    code = int(app.exec())
    if app.platformName() == "offscreen":
        # Qt's offscreen clipboard (seen with PySide6 6.11 and 6.12) crashes the exiting process when it still
        # holds our QMimeData; it is private to the process anyway, so nothing is lost.
        app.clipboard().clear()
    return code
