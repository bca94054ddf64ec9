"""Article text made safe for Qt widgets: plain text only, never rich text.

Qt decides "rich text or not" by guessing from the content in labels, tooltips and message
boxes; an article title such as ``<img src="file:///dev/zero">`` must never get that chance.
"""

from __future__ import annotations

import html
import os
import re

from PySide6.QtCore import QLocale

from viewer.core.cite import PART_JOINER, display_date, quote_parts, quote_words

__all__ = [
    "PART_JOINER",
    "clean",
    "display_date",
    "number",
    "one_line",
    "quote_parts",
    "quote_words",
    "record_label",
    "tooltip",
]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")
_WHITESPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """Same length as ``text``: control characters and lone surrogates become spaces.

    Keeping the length keeps character offsets (quote spans, mentions) valid.
    """
    return _CONTROL.sub(" ", text)


def one_line(text: str, limit: int = 300) -> str:
    """Collapse whitespace and shorten, for titles, rows and the status bar."""
    flat = _WHITESPACE.sub(" ", clean(text)).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def tooltip(text: str, limit: int = 600) -> str:
    """A tooltip that shows ``text`` literally: escaped inside an explicit rich-text wrapper."""
    return "<qt>" + html.escape(one_line(text, limit)) + "</qt>"


def number(value: int) -> str:
    """A count with the thousands separator of the user's locale ("20,000", "20.000"); the
    bare "C" locale (no language set, common on servers and in containers) has none, so it
    gets a comma."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return f"{value:,}"
    return locale.toString(value)


def record_label(path: str, record: int | None) -> str:
    """A file's name, and for one record of a corpus its number as people count: "feed.jsonl,
    record 3" for the third (records are numbered from 0 inside the program)."""
    name = os.path.basename(path) or path
    return name if record is None else f"{name}, record {number(record + 1)}"
