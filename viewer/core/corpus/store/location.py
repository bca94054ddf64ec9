"""Where a folder's store lives: one per set of opened paths, in the user's cache folder (or,
for this session only, in the temporary folder when that one cannot be used)."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path


def default_cache_dir() -> Path:
    """The program's one cache folder, for the window and the command line alike:
    $ARTICLE_VIEWER_CACHE when set, else the platform's user cache folder plus
    ``article-viewer`` (``$XDG_CACHE_HOME`` or ``~/.cache`` on Linux, ``~/Library/Caches``
    on macOS, ``%LOCALAPPDATA%`` on Windows). Stores go in its ``corpus`` folder."""
    env = os.environ.get("ARTICLE_VIEWER_CACHE")
    if env:
        return Path(env)
    home = os.path.expanduser("~")
    if sys.platform == "darwin":
        base = os.path.join(home, "Library", "Caches")
    elif sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.join(home, "AppData", "Local")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache")
    return Path(base) / "article-viewer"


def store_key(paths: Sequence[str | os.PathLike[str]]) -> str:
    """One store per set of opened paths (usually one folder), by their absolute paths."""
    absolute = sorted(os.fsencode(os.path.abspath(os.fspath(p))) for p in paths)
    return hashlib.sha256(b"\0".join(absolute)).hexdigest()[:24]


def store_path(paths: Sequence[str | os.PathLike[str]], cache_dir: Path | None = None) -> Path:
    folder = cache_dir if cache_dir is not None else default_cache_dir()
    return folder / "corpus" / f"{store_key(paths)}.sqlite3"


def temporary_store_path(paths: Sequence[str | os.PathLike[str]]) -> Path:
    """Where a store goes for this session only, when the usual one is unavailable."""
    import tempfile

    folder = Path(tempfile.gettempdir()) / f"article-viewer-{os.getpid()}"
    return folder / f"{store_key(paths)}.sqlite3"
