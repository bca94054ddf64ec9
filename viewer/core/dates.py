"""Dates as people and pages write them, to ISO 8601."""

from __future__ import annotations

import re
from datetime import datetime

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?"
)
_MONTH_FIRST = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DAY_FIRST = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime(year, month, day)
    except ValueError:
        return False
    return 1800 <= year <= 2200


def parse_date(text: str | None) -> str | None:
    """An ISO 8601 date (with time where given as ISO) found in ``text``, or None."""
    if not text:
        return None
    text = text.strip()
    iso = _ISO.search(text)
    if iso:
        year, month, day = int(iso.group(1)), int(iso.group(2)), int(iso.group(3))
        if not _valid(year, month, day):
            return None
        if iso.group(4):
            return iso.group(0).replace(" ", "T")
        return f"{year:04d}-{month:02d}-{day:02d}"
    for pattern, order in ((_MONTH_FIRST, "mdy"), (_DAY_FIRST, "dmy")):
        match = pattern.search(text)
        if not match:
            continue
        if order == "mdy":
            month_name, day_s, year_s = match.groups()
        else:
            day_s, month_name, year_s = match.groups()
        number = _MONTHS.get(month_name.lower())
        if number and _valid(int(year_s), number, int(day_s)):
            return f"{int(year_s):04d}-{number:02d}-{int(day_s):02d}"
    return None
