"""Saved web pages. (Placeholder until the HTML reader lands.)"""

from __future__ import annotations

from pathlib import Path

from viewer.core.model import Article
from viewer.core.readers.safe_io import UnreadableFile


def read_html_file(path: Path, root: Path | None = None) -> Article:
    raise UnreadableFile("HTML pages are not read yet")
