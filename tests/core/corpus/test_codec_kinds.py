"""Quote kinds and evidence survive the store's JSON, and older stores still read."""

from __future__ import annotations

from viewer.core.corpus.codec import quotes_from_json, quotes_json
from viewer.core.model import Quote, Span, SpeakerMention


def test_a_reported_statement_keeps_its_kind_cue_and_speaker_mention() -> None:
    quote = Quote(
        "the ferry would run again by Friday",
        "Dana Holt",
        "said",
        (Span(3, 14, 49),),
        kind="indirect",
        cue_span=Span(3, 9, 13),
        speaker_mention=SpeakerMention(3, 0, 3, "She", "pronoun"),
    )
    assert quotes_from_json(quotes_json((quote,))) == (quote,)


def test_a_quote_stored_before_kinds_existed_is_direct() -> None:
    old = (
        '[{"text":"We will win","speaker":null,"cue":null,"spans":[{"paragraph":0,"start":1,"end":12}]},'
        '{"text":"Ferry","speaker":null,"cue":null,"spans":[],"kind":"term"},'
        '{"text":"We will","speaker":null,"cue":null,"spans":[],"kind":"quote"}]'
    )
    assert [q.kind for q in quotes_from_json(old)] == ["direct", "term", "direct"]
    assert quotes_from_json(old)[0].speaker_mention is None
