"""One cache folder for the window and the command line: ``export`` finds the window's store."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.ui.conftest import FERRY_PARAGRAPHS
from viewer.__main__ import main as cli_main
from viewer.core.corpus.store import default_cache_dir, store_path
from viewer.ui.background.watcher import cache_dir, move_old_stores
from viewer.ui.shell.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]
linux_only = pytest.mark.skipif(sys.platform != "linux", reason="XDG_CACHE_HOME is the Linux cache folder")


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No $ARTICLE_VIEWER_CACHE: the platform's cache folder, pointed at a temporary one."""
    monkeypatch.delenv("ARTICLE_VIEWER_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg"


@linux_only
def test_the_window_uses_the_command_lines_cache_folder(user_cache: Path) -> None:
    assert cache_dir() == default_cache_dir() == user_cache / "article-viewer"
    assert store_path(["/news"], cache_dir()) == store_path(["/news"])


def test_the_environment_variable_moves_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARTICLE_VIEWER_CACHE", str(tmp_path / "elsewhere"))
    assert cache_dir() == default_cache_dir() == tmp_path / "elsewhere"


def test_old_stores_are_moved_once_and_never_over_new_ones(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    (old / "corpus").mkdir(parents=True)
    (old / "corpus" / "a.sqlite3").write_bytes(b"store")
    assert move_old_stores(old, new)
    assert (new / "corpus" / "a.sqlite3").read_bytes() == b"store"
    assert not (old / "corpus").exists()
    (old / "corpus").mkdir()
    (old / "corpus" / "b.sqlite3").write_bytes(b"older")
    assert not move_old_stores(old, new)
    assert sorted(p.name for p in (new / "corpus").iterdir()) == ["a.sqlite3"]
    assert not move_old_stores(tmp_path / "missing", new)


@linux_only
def test_export_on_the_command_line_reuses_the_windows_store(
    make_window: MakeWindow, qtbot: object, tmp_path: Path, user_cache: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Ferry sails again\n\n" + "\n\n".join(FERRY_PARAGRAPHS) + "\n", "utf-8")
    window = make_window()
    with qtbot.wait_signal(window.open_paths([folder]).ended, timeout=10_000):  # type: ignore[attr-defined]
        pass
    store = window.store_path()
    assert store is not None and Path(store).parent == user_cache / "article-viewer" / "corpus"
    out = tmp_path / "articles.jsonl"
    assert cli_main(["export", str(folder), "--no-entities", "--output", str(out)]) == 0
    assert "Nobody cut corners" in out.read_text("utf-8")
    # One store for the folder, the window's: the command line made no second one.
    assert [str(p) for p in user_cache.rglob("*.sqlite3")] == [store]
