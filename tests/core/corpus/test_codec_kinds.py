"""Quote kinds and evidence survive the store's JSON, older stores still read, and the quick
readers of a few fields read what the full reader reads."""

from __future__ import annotations

from viewer.core.corpus.codec import (
    EntityName,
    StoredQuotes,
    entities_json,
    entity_names,
    quotes_from_json,
    quotes_json,
    scan_entity_names,
    scan_speakers,
)
from viewer.core.model import Entity, Mention, Quote, Span, SpeakerMention


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


def test_the_quick_readers_agree_with_the_full_one() -> None:
    quotes = (
        Quote(
            "We sail at dawn, and we return at dusk", "Mira Olsen", "said", (Span(0, 1, 16), Span(0, 30, 52))
        ),
        Quote("a gentle breeze", None, None, (Span(1, 4, 19),), kind="term"),
        Quote("the pier would reopen", 'Port "Quay" Office', "said", (Span(2, 0, 21),), role="its owner"),
    )
    text = quotes_json(quotes)
    stored = StoredQuotes(text)
    heads = [stored.head(n) for n in range(len(stored))]
    assert [(h.text, h.speaker, h.role, h.kind) for h in heads if h is not None] == [
        (q.text, q.speaker, q.role, q.kind) for q in quotes
    ]
    assert [h.part_lengths for h in heads if h is not None] == [(15, 22), (15,), (21,)]
    assert stored.head(3) is None
    # Statements are every quote but a term.
    assert list(stored.speakers()) == [(0, "Mira Olsen"), (2, 'Port "Quay" Office')]
    assert stored.statements() == [
        (0, quotes[0].text, "Mira Olsen"),
        (2, quotes[2].text, 'Port "Quay" Office'),
    ]
    assert scan_speakers(text) == ["Mira Olsen", r"Port \"Quay\" Office"]  # as written: escapes kept

    entities = (
        Entity("Mira Olsen", "PERSON", ("Olsen", "Ms Olsen"), (Mention("paragraph", 0, 0, 10),)),
        Entity("Harbour Board", "ORG", (), ()),
    )
    names = entities_json(entities)
    assert entity_names(names) == [
        EntityName("Mira Olsen", "PERSON", ("Olsen", "Ms Olsen")),
        EntityName("Harbour Board", "ORG", ()),
    ]
    assert scan_entity_names(names) == [("Mira Olsen", "PERSON"), ("Harbour Board", "ORG")]
    assert scan_entity_names("[]") == []
    assert scan_entity_names('[{"type":"ORG","name":"Harbour Board"}]') is None  # not our layout


def test_the_quick_readers_take_older_and_odd_entries() -> None:
    old = (
        '[{"text":"We will win","speaker":"Ada Brisk","spans":[{"paragraph":0,"start":1,"end":12}]},'
        '{"text":"We will","speaker":7,"kind":"quote","spans":"none"},'
        '"not a quote"]'
    )
    stored = StoredQuotes(old)
    first, second, third = (stored.head(n) for n in range(3))
    assert first is not None and (first.kind, first.speaker, first.role) == ("direct", "Ada Brisk", None)
    assert second is not None and (second.kind, second.speaker, second.part_lengths) == ("direct", None, None)
    assert third is None
    assert list(stored.speakers()) == [(0, "Ada Brisk")]
    assert stored.statements() == [(0, "We will win", "Ada Brisk"), (1, "We will", None)]
    assert len(StoredQuotes('{"not": "a list"}')) == 0
    assert entity_names('[{"name":"Harbour Board"}, 3]') == [EntityName("Harbour Board", "", ())]
