"""The mentions that may name a quote's speaker, what the text says about each, and how a
ranker's choice becomes the quote's speaker (invented sentences, the rule-only path)."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.core.model import Article, Quote, Span
from viewer.core.quotes import find_quotes
from viewer.core.quotes.attribution import draft_quotes
from viewer.core.quotes.candidates import Candidate
from viewer.core.quotes.learned import model_path
from viewer.core.quotes.ranker import MODEL_ENV, MODEL_NAME, QuoteDraft, SpeakerRanker, decide, default_ranker


def article(*paragraphs: str) -> Article:
    return Article(path="t.txt", format="text", title="A test article", paragraphs=tuple(paragraphs))


def candidates_of(a: Article, words: str) -> dict[str, Candidate]:
    drafts = [d for d in draft_quotes(a) if words in d.quote.text]
    assert len(drafts) == 1, [d.quote.text for d in draft_quotes(a)]
    return {c.mention.text: c for c in drafts[0].candidates}


def test_a_pronoun_after_the_quote_is_resolved_and_tied_to_its_cue() -> None:
    found = candidates_of(
        article(
            "Harbour master Dana Holt inspected the pier on Monday.",
            '"The timber will not last another winter," she said.',
        ),
        "timber will not",
    )
    she = found["she"]
    assert (she.mention.via, she.speaker) == ("pronoun", "Dana Holt")
    assert she.features["pos=after_same"] == 1.0
    assert she.features["cue_right"] == 1.0
    assert she.cue == "said"
    assert "Dana Holt" in found
    assert found["Dana Holt"].features["pos=prev1"] == 1.0


def test_names_inside_the_quoted_words_are_never_candidates() -> None:
    found = candidates_of(
        article('"Tell Owen Lusk the ferry is late again," said Marta Kovac.'), "ferry is late"
    )
    assert "Owen Lusk" not in found
    assert found["Marta Kovac"].features["cue_left"] == 1.0


@pytest.mark.parametrize(
    ("paragraph", "mention", "flag"),
    [
        ('According to Tomas Berg, "the crossing is safe again."', "Tomas Berg", "according"),
        (
            'Ines Marlow, director of studies at the U.S.-based Ferry Institute, said: "Fares must fall."',
            "Ines Marlow",
            "cue_apposition",
        ),
        ('"Nobody told us anything," Colm Adeyemi told reporters.', "Colm Adeyemi", "cue_right"),
    ],
)
def test_how_a_sentence_ties_a_name_to_its_speech_verb(paragraph: str, mention: str, flag: str) -> None:
    a = article(paragraph)
    draft = next(d for d in draft_quotes(a) if d.candidates)
    found = {c.mention.text: c for c in draft.candidates}
    assert found[mention].features[flag] == 1.0


def test_a_description_keeps_its_qualifier_and_an_appositive_resolves_to_its_name() -> None:
    found = candidates_of(
        article(
            'A member of the public wrote: "The late boat is the only way home."',
            '"We will look again," said Petra Lind, a harbour councillor who chairs the board.',
        ),
        "look again",
    )
    assert found["a harbour councillor"].speaker == "Petra Lind"
    assert found["a harbour councillor"].features["appositive"] == 1.0
    first = candidates_of(
        article('A member of the public wrote: "The late boat is the only way home."'), "late boat"
    )
    assert first["A member of the public"].mention.via == "description"


def test_a_reported_statement_is_drafted_with_candidates_and_its_cue() -> None:
    a = article("The harbour board met on Monday. Dana Holt said the night ferry would sail again in May.")
    text = a.paragraphs[0]
    start = text.index("the night ferry")
    cue = text.index("said")
    statement = Quote(
        "the night ferry would sail again in May",
        None,
        "said",
        (Span(0, start, len(text) - 1),),
        kind="indirect",
        cue_span=Span(0, cue, cue + 4),
    )
    [draft] = draft_quotes(a, statements=[statement])
    found = {c.mention.text: c for c in draft.candidates}
    assert found["Dana Holt"].features["quote_cue"] == 1.0
    assert found["Dana Holt"].features["q:kind=indirect"] == 1.0
    ranker = SpeakerRanker({"bias": -5.0, "quote_cue": 10.0}, {"": 0.5})
    quote = decide(draft, ranker)
    assert quote.speaker == "Dana Holt"
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "Dana Holt"


def test_the_ranker_decides_and_abstains_below_its_threshold() -> None:
    a = article(
        "Harbour master Dana Holt inspected the pier on Monday.",
        '"The timber will not last another winter," she said.',
    )
    prefer_the_pronoun = SpeakerRanker({"bias": -5.0, "after_same|cue_right": 10.0}, {"": 0.5})
    [quote] = find_quotes(a, ranker=prefer_the_pronoun)
    assert quote.speaker == "Dana Holt"
    assert quote.speaker_mention is not None
    assert (quote.speaker_mention.text, quote.speaker_mention.via, quote.speaker_mention.paragraph) == (
        "she",
        "pronoun",
        1,
    )
    assert quote.cue == "said"
    assert quote.cue_span is not None
    assert a.paragraphs[1][quote.cue_span.start : quote.cue_span.end] == "said"
    unsure = SpeakerRanker({"bias": -5.0}, {"": 0.5})
    [quote] = find_quotes(a, ranker=unsure)
    assert (quote.speaker, quote.speaker_mention, quote.role) == (None, None, None)


def test_a_ranker_that_only_overrules_leaves_the_rules_choice_unless_sure() -> None:
    a = article(
        "Harbour master Dana Holt inspected the pier on Monday.",
        '"The timber will not last another winter," Vos said.',
    )
    [rules] = find_quotes(a, ranker=None)
    assert rules.speaker == "Vos"
    # A ranker that prefers a person named in the paragraph before, and doubts the rules' mention.
    overruling = SpeakerRanker({"bias": -5.0, "prev1|person": 20.0}, {"": 0.5}, override=0.9)
    [quote] = find_quotes(a, ranker=overruling)
    assert quote.speaker == "Dana Holt"
    assert quote.speaker_mention is not None and quote.speaker_mention.paragraph == 0
    weak = {"bias": -5.0, "prev1|person": 5.5}
    not_sure_enough = SpeakerRanker(weak, {"": 0.0}, override=0.9)
    assert find_quotes(a, ranker=not_sure_enough) == (rules,)
    # Not sure of another, but the rules' mention scores below the threshold: nobody.
    [quote] = find_quotes(a, ranker=SpeakerRanker(weak, {"": 0.5}, override=0.9))
    assert (quote.speaker, quote.speaker_mention) == (None, None)
    believing = SpeakerRanker({"bias": -5.0, "prev1|person": 20.0, "rule": 20.0}, {"": 0.5}, override=0.9)
    assert find_quotes(a, ranker=believing) == (rules,)  # it believes the rules' own mention


def test_the_rules_choice_keeps_their_role_and_cue() -> None:
    a = article('"The pier will reopen in June," said Marta Kovac, the port director.')
    [rules] = find_quotes(a, ranker=None)
    assert rules.speaker_mention is not None and rules.speaker_mention.text == "Marta Kovac"
    [draft] = draft_quotes(a)
    follow_the_rules = SpeakerRanker({"bias": -5.0, "rule": 10.0}, {"": 0.5})
    assert decide(draft, follow_the_rules) == rules
    assert decide(QuoteDraft(rules), follow_the_rules).speaker is None  # no candidates: nobody


def test_the_rules_alone_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODEL_ENV, "rules")
    assert default_ranker() is None


def test_the_shipped_model_is_read_from_the_models_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODEL_ENV, "shipped")
    shipped = default_ranker()
    assert shipped is not None and shipped.weights and shipped.threshold("indirect") > 0
    assert model_path(MODEL_NAME).with_suffix(".json").is_file()


def test_a_missing_chosen_model_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(MODEL_ENV, str(tmp_path / "none.json"))
    with pytest.raises(ValueError, match="cannot read the speaker model"):
        default_ranker()


def test_deciding_among_a_pool_is_deciding_over_every_candidate() -> None:
    """find_quotes describes a quote's other candidates only when the ranker doubts the rules'
    mention; its speakers are those the ranker gives with every candidate described."""
    a = article(
        "Harbour master Dana Holt inspected the pier on Monday with the mayor, Piet Vos.",
        '"The timber will not last another winter," Vos said. "We have asked for new piles."',
        "Holt told the council that repairs would take a year.",
        '"Nobody wants a winter without a night boat," she added, "least of all the crews."',
        'A union organiser, Petra Lind, disagreed. "The boats are fine," Lind said.',
    )
    rankers = [
        SpeakerRanker({"bias": -5.0, "prev1|person": 20.0}, {"": 0.5}, override=0.9),
        SpeakerRanker({"bias": -5.0, "prev1|person": 5.5}, {"": 0.0}, override=0.9),
        SpeakerRanker({"bias": -5.0, "prev1|person": 20.0, "rule": 20.0}, {"": 0.5}, override=0.9),
        SpeakerRanker({"bias": -5.0, "after_same|cue_right": 10.0}, {"": 0.5}),
    ]
    shipped = default_ranker()
    if shipped is not None:
        rankers.append(shipped)
    for ranker in rankers:
        over_all = tuple(decide(d, ranker) for d in draft_quotes(a) if d.quote.kind != "term")
        assert len(over_all) >= 3
        assert find_quotes(a, ranker=ranker) == over_all
