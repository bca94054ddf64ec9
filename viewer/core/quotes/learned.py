"""The shipped learned models: found, loaded once per process, lazily, never downloaded.

Each model is a file named ``<name>.crfsuite`` (python-crfsuite's format) in the package's
``models/`` folder, rebuilt by ``python -m viewer train``. The environment variable
``ARTICLE_VIEWER_QUOTE_MODELS`` names another folder to take them from (a model trained on part
of a corpus, to score it on the rest). A model that is missing or cannot be read makes its
decision unavailable: the caller goes on without it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

__all__ = ["MODELS_ENV", "Tagger", "clear_models", "model_path", "tagger", "use_models"]

MODELS_ENV = "ARTICLE_VIEWER_QUOTE_MODELS"
_PACKAGE_MODELS = Path(__file__).resolve().parent / "models"
SUFFIX = ".crfsuite"


class Tagger:
    """A sequence labeller: the features of each word of a sentence -> a label per word."""

    def __init__(self, path: Path) -> None:
        import pycrfsuite

        self.path = path
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self._lock = threading.Lock()  # one tagger object holds one sequence at a time

    def __call__(self, rows: Sequence[Sequence[str]]) -> tuple[list[str], list[float]]:
        """The most likely label of each word, and the model's probability of that label there
        (its marginal): how sure it is, word by word."""
        with self._lock:
            labels = list(self._tagger.tag(rows))  # any sequence of sequences of strings
            sure = [float(self._tagger.marginal(label, k)) for k, label in enumerate(labels)]
        return labels, sure


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.loaded: dict[Path, Tagger | None] = {}
        self.folder: Path | None = None  # set by use_models (training's folds)


_cache = _Cache()


def model_path(name: str) -> Path:
    """Where model ``name`` is read from: the folder chosen by :func:`use_models`, else the one
    ``ARTICLE_VIEWER_QUOTE_MODELS`` names, else the package's own."""
    folder = _cache.folder
    if folder is None:
        chosen = os.environ.get(MODELS_ENV, "").strip()
        folder = Path(chosen) if chosen else _PACKAGE_MODELS
    return folder / f"{name}{SUFFIX}"


def tagger(name: str) -> Tagger | None:
    """Model ``name``, loaded on first use; ``None`` when it is missing or unreadable."""
    path = model_path(name)
    with _cache.lock:
        if path not in _cache.loaded:
            try:
                _cache.loaded[path] = Tagger(path) if path.is_file() else None
            except (OSError, ValueError, ImportError):
                _cache.loaded[path] = None
        return _cache.loaded[path]


def use_models(folder: Path | None) -> None:
    """Take the models from ``folder`` from now on (``None``: back to the usual place)."""
    with _cache.lock:
        _cache.folder = folder


def clear_models() -> None:
    """Forget the loaded models (a model file was rebuilt)."""
    with _cache.lock:
        _cache.loaded.clear()
