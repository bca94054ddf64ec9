"""Names found again by their spelling: the matcher without an expression per article finds what
the expression finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.core.entities.repeats import surface_pattern, surface_spans

# Letters, digits and the characters that join or part words, in names and around them.
_ALPHABET = "AaBbÉé1_ '’-.\u00a0"
_texts = st.text(alphabet=_ALPHABET, max_size=40)
_surfaces = st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=5), min_size=1, max_size=6)


def _by_pattern(text: str, surfaces: list[str]) -> list[tuple[int, int]]:
    pattern = surface_pattern(surfaces)
    assert pattern is not None
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_texts, _surfaces)
def test_surface_spans_are_the_expression_s_matches(text: str, surfaces: list[str]) -> None:
    assert surface_spans(text, surfaces) == _by_pattern(text, surfaces)


def test_surface_spans_of_names_in_a_sentence() -> None:
    text = "Marta Kovac met Kovac's aide; Kovacs and Kovac-Lee left. Marta Kovac said so."
    surfaces = ["Marta Kovac", "Kovac"]
    # Whole words only ("Kovacs", "Kovac-Lee" are not Kovac; "Kovac's" is), the longest first.
    assert surface_spans(text, surfaces) == [(0, 11), (16, 21), (57, 68)]
    assert surface_spans(text, surfaces) == _by_pattern(text, surfaces)
