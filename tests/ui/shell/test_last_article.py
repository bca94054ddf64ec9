"""The article shown last is remembered for the next start, without a write per step."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from viewer.ui.settings import Settings
from viewer.ui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]


def _open(make_window: MakeWindow, qtbot: object, tmp_path: Path) -> tuple[MainWindow, Settings, Path]:
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(4):
        (folder / f"{n:02d}.txt").write_text(f"Story {n}\n\nThe body of story {n}.\n", encoding="utf-8")
    settings = Settings()
    window = make_window(settings=settings)
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=10_000):  # type: ignore[attr-defined]
        pass
    return window, settings, folder


def test_stepping_through_articles_keeps_only_the_one_settled_on(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window, settings, folder = _open(make_window, qtbot, tmp_path)
    settings.set_last_article(None, None)
    for row in range(4):
        window.list_pane.select_row(row)
        assert settings.last_article() is None  # not written at every step
    qtbot.wait_until(  # type: ignore[attr-defined]
        lambda: settings.last_article() == (str(folder / "03.txt"), None), timeout=5000
    )


def test_closing_keeps_the_article_shown_at_once(
    make_window: MakeWindow, qtbot: object, tmp_path: Path
) -> None:
    window, settings, folder = _open(make_window, qtbot, tmp_path)
    window.list_pane.select_row(2)
    window.close()
    assert settings.last_article() == (str(folder / "02.txt"), None)
