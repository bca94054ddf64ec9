"""Article text made safe for Qt widgets: plain text only, never rich text.

Qt decides "rich text or not" by guessing from the content in labels, tooltips and message
boxes; an article title such as ``<img src="file:///dev/zero">`` must never get that chance.
"""

from __future__ import annotations

import html
import re
from datetime import datetime

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


def display_date(value: str | None) -> str | None:
    """An ISO 8601 date as people read it: "14 Mar 2025", "8 Nov 2019, 15:30".

    The time is shown as the article gives it (its own zone); anything that is not ISO is
    returned as it is.
    """
    if not value:
        return value
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    day = f"{moment.day} {moment:%b %Y}"
    has_time = "T" in value or " " in value.strip()
    return f"{day}, {moment:%H:%M}" if has_time else day
