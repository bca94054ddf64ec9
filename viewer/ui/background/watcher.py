"""Watching the open folder, and where the program keeps its caches.

:class:`FolderWatcher` wraps ``QFileSystemWatcher``: it watches the opened folders (and the
folders inside them) and the JSON Lines files in them, and says ``changed`` once things have
been quiet for a moment (a copy of many files is one change, not thousands). The window
then syncs the store, which reads only what changed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QStandardPaths, QTimer, Signal

#: Quiet time before a change is reported.
DEBOUNCE_MS = 400
#: Watching costs a file descriptor per path on some systems: beyond this many, watch folders only.
MAX_WATCHED = 2000


def cache_dir() -> Path:
    """The program's cache folder, the same as the command line's
    (:func:`viewer.core.corpus.store.default_cache_dir`; $ARTICLE_VIEWER_CACHE overrides it).

    Versions before it kept the window's stores in Qt's cache location; those are moved over
    once, so that a folder read before is not read again."""
    from viewer.core.corpus.store import default_cache_dir

    folder = default_cache_dir()
    if not os.environ.get("ARTICLE_VIEWER_CACHE"):
        old = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
        if old:
            move_old_stores(Path(old), folder)
    return folder


def move_old_stores(old: Path, new: Path) -> bool:
    """Move ``old/corpus`` (the stores) to ``new/corpus`` unless that exists already; True
    when moved. A move that fails leaves both as they were: the folder is read again."""
    source, target = old / "corpus", new / "corpus"
    if source == target or not source.is_dir() or os.path.lexists(target):
        return False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(source, target)
    except OSError:
        return False
    return True


class FolderWatcher(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._poke)
        self._watcher.fileChanged.connect(self._poke)
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(DEBOUNCE_MS)
        self._quiet.timeout.connect(self.changed)

    def watch(self, paths: Sequence[str]) -> None:
        """Watch ``paths`` (folders and files) instead of whatever was watched before. A change
        seen but not yet reported stays pending (the same folder watched again after a reading
        must not drop it); watching nothing drops it."""
        old = set(self._watcher.files() + self._watcher.directories())
        wanted = _paths_to_watch(paths)
        # Only what changed is removed or added: removing a watch drops the changes the
        # system has seen on it but not yet reported (a file deleted just as a reading ends).
        gone = [p for p in old if p not in set(wanted)]
        if gone:
            self._watcher.removePaths(gone)
        if not paths:
            self._quiet.stop()
        new = [p for p in wanted if p not in old]
        if new:
            self._watcher.addPaths(new)

    def watched(self) -> list[str]:
        return self._watcher.files() + self._watcher.directories()

    def _poke(self, _path: str) -> None:
        self._quiet.start()


def _paths_to_watch(paths: Sequence[str]) -> list[str]:
    """Folders (recursively, hidden ones and links skipped) and the JSON Lines files in them,
    which grow in place; other files are seen through their folder when added or removed."""
    folders: list[str] = []
    files: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                folders.append(dirpath)
                files.extend(os.path.join(dirpath, f) for f in filenames if _is_article(f))
                if len(folders) >= MAX_WATCHED:
                    break
        elif os.path.isfile(path):
            files.append(path)
    return (folders + files)[:MAX_WATCHED]


def _is_article(name: str) -> bool:
    from viewer.core.readers import format_of

    return not name.startswith(".") and format_of(name) is not None
