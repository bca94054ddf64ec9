"""Properties of quote finding that hold for any text (hypothesis)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.core.model import Article
from viewer.core.quotes import find_quotes
from viewer.core.quotes.names import PRONOUNS

# Text rich in the characters that matter: every kind of quotation mark, apostrophes,
# capitals (names), sentence punctuation and spaces.
_ALPHABET = st.sampled_from(list("\"'“”‘’«»„‹› .,:;!?—-()abcdeghilnorstuyABCDHKLMS0123456789\n\t"))
_PARAGRAPH = st.text(_ALPHABET, max_size=200)
_WORDS = st.lists(
    st.sampled_from(["we", "will", "not", "stop", "river", "Kyiv's", "won't", "town", "ever", "now,"]),
    min_size=1,
    max_size=12,
)


def _article(paragraphs: list[str]) -> Article:
    return Article(path="prop.txt", format="text", title="Property", paragraphs=tuple(paragraphs))


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARAGRAPH, max_size=6))
def test_any_text_gives_spans_inside_paragraphs_and_matching_text(paragraphs: list[str]) -> None:
    art = _article(paragraphs)
    for with_terms in (False, True):
        for quote in find_quotes(art, with_terms=with_terms):
            assert quote.spans
            parts = []
            for span in quote.spans:
                assert 0 <= span.paragraph < len(paragraphs)
                text = paragraphs[span.paragraph]
                assert 0 <= span.start < span.end <= len(text)
                part = text[span.start : span.end]
                assert part == part.strip()
                parts.append(part)
            assert quote.text == " ".join(parts)
            assert quote.speaker is None or (quote.speaker.strip() and quote.speaker.lower() not in PRONOUNS)
            assert quote.kind in ("direct", "mixed", "indirect", "term")


@settings(max_examples=200, deadline=None)
@given(st.lists(_PARAGRAPH, max_size=6))
def test_spans_are_in_reading_order_and_do_not_overlap(paragraphs: list[str]) -> None:
    positions = [(s.paragraph, s.start, s.end) for q in find_quotes(_article(paragraphs)) for s in q.spans]
    for (p1, _, e1), (p2, s2, _) in itertools.pairwise(positions):
        assert (p1, e1) <= (p2, s2)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PARAGRAPH, max_size=4))
def test_terms_only_add_to_the_quotes(paragraphs: list[str]) -> None:
    art = _article(paragraphs)
    quotes = find_quotes(art)
    with_terms = find_quotes(art, with_terms=True)
    assert [q for q in with_terms if q.is_statement] == list(quotes)


@settings(max_examples=200, deadline=None)
@given(_WORDS)
def test_attributed_quote_is_found_whole_with_its_speaker(words: list[str]) -> None:
    said = " ".join(words)
    for template in ('"{q}," said Anna Berg.', "“{q},” Anna Berg said.", 'Anna Berg said: "{q}."'):
        paragraph = template.format(q=said)
        quote = find_quotes(_article(["Anna Berg spoke to us.", paragraph]))
        assert len(quote) == 1
        assert quote[0].text.rstrip(",.") == said.rstrip(",")
        assert quote[0].speaker == "Anna Berg"
