"""The one way to find the program's own files: its resources (stylesheets, the icon, the
desktop files) and the sample articles. No qrc build step.

Both live at the top of the repository, ``resources/`` and ``seeds/``, and are installed inside
the package as ``viewer.resources`` and ``viewer.seeds`` (``pyproject.toml`` maps them, for a
wheel and for an editable install alike), so they are found with :mod:`importlib.resources`.
Run from a checkout that was never installed (``PYTHONPATH=.``), they are found beside the
package. A missing resource is not fatal: callers get an empty string and the window uses Qt
defaults.
"""

from __future__ import annotations

import importlib.resources
from functools import cache
from pathlib import Path

import viewer

#: The packages the folders are installed as, and their names in a checkout.
RESOURCES = ("viewer.resources", "resources")
SAMPLES = ("viewer.seeds", "seeds")


@cache
def _folder(package: str, in_checkout: str) -> Path | None:
    try:
        found = importlib.resources.files(package)
    except ModuleNotFoundError:
        found = None
    # An installed package is a folder on disk (a wheel is never run zipped).
    if isinstance(found, Path) and found.is_dir():
        return found
    beside = Path(viewer.__file__).resolve().parent.parent / in_checkout
    return beside if beside.is_dir() else None


def resources_dir() -> Path | None:
    """The resources' folder, or ``None`` when it is not installed."""
    return _folder(*RESOURCES)


def sample_folder() -> Path:
    """The sample articles' folder (``seeds/``), opened when there is nothing else to open.
    When it is missing, where it should be (the window then says it is missing)."""
    return _folder(*SAMPLES) or Path(viewer.__file__).resolve().parent / "seeds"


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
