"""The one way to find files under ``resources/`` (CSS, QSS, icons): no qrc build step.

``resources/`` sits at the top of the repository, next to the ``viewer`` package, so it is
found relative to the package's parent both in a checkout and in an editable install.
A missing resource is not fatal: callers get an empty string and the window uses Qt defaults.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import viewer


@cache
def resources_dir() -> Path | None:
    """The ``resources/`` folder, or ``None`` when it is not installed next to the package."""
    package_dir = Path(viewer.__file__).resolve().parent
    for candidate in (package_dir.parent / "resources", package_dir / "resources"):
        if candidate.is_dir():
            return candidate
    return None


def resource_path(name: str) -> Path | None:
    """The path of one resource file, or ``None`` if it is missing."""
    folder = resources_dir()
    if folder is None:
        return None
    path = folder / name
    return path if path.is_file() else None


def read_resource(name: str) -> str:
    """The text of one resource file; empty when it is missing or unreadable."""
    path = resource_path(name)
    if path is None:
        return ""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
