"""Article text made safe and readable for widgets."""

from __future__ import annotations

import pytest

from viewer.ui.text import display_date


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2025-03-14", "14 Mar 2025"),
        ("2019-11-08T15:30:00-05:00", "8 Nov 2019, 15:30"),
        ("2025-06-19T22:40:00Z", "19 Jun 2025, 22:40"),
        ("last Tuesday", "last Tuesday"),
        (None, None),
    ],
)
def test_dates_are_shown_as_people_read_them(value: str | None, shown: str | None) -> None:
    assert display_date(value) == shown
