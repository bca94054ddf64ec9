"""Entity cleaning, typing and merging on hand-built spaCy documents; a few with the real model."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from viewer.core import entities, nlp
from viewer.core.entities import FoundMention, TextPart
from viewer.core.model import Article, Entity, Figure, Mention

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def make_doc(words: list[str], ents: list[str], spaces: list[bool] | None = None) -> Doc:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    return Doc(Vocab(), words=words, spaces=spaces, ents=ents)


def cleaned_with_label(
    words: list[str], ents: list[str], spaces: list[bool] | None = None
) -> tuple[str, str] | None:
    doc = make_doc(words, ents, spaces)
    (span,) = doc.ents
    result = entities.clean_entity(span)
    if result is None:
        return None
    start, end, text, label = result
    assert doc.text[start:end] == text
    return text, label


def cleaned(words: list[str], ents: list[str], spaces: list[bool] | None = None) -> str | None:
    result = cleaned_with_label(words, ents, spaces)
    return None if result is None else result[0]


def found(text: str, label: str, where: str = "paragraph", index: int = 0, start: int = 0) -> FoundMention:
    return FoundMention(text, label, Mention(where, index, start, start + len(text)))  # type: ignore[arg-type]


def by_name(result: Sequence[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in result}


def merged(*mentions: FoundMention) -> dict[str, Entity]:
    """The entities the mentions merge into, by name."""
    return by_name(entities.merge_mentions(list(mentions)))


# --- cleaning one span --------------------------------------------------------------------


def test_leading_article_and_possessive_are_stripped() -> None:
    words = ["fight", "for", "the", "Kyiv", "’s", "regime"]
    spaces = [True, True, True, False, True, False]
    assert cleaned(words, ["O", "O", "B-GPE", "I-GPE", "I-GPE", "O"], spaces) == "Kyiv"


def test_possessive_glued_to_the_word_is_stripped() -> None:
    assert cleaned(["Kyiv's", "regime"], ["B-ORG", "O"]) == "Kyiv"
    assert cleaned(["Reuters'", "report"], ["B-ORG", "O"]) == "Reuters"


def test_words_that_are_not_names_are_dropped() -> None:
    assert cleaned(["pro-Ukraine", "fighters"], ["B-PERSON", "O"]) is None
    assert cleaned(["Image", "posted", "by"], ["B-ORG", "O", "O"]) is None
    assert cleaned(["on", "2022"], ["O", "B-GPE"]) is None
    assert cleaned(["the", "eBay", "site"], ["O", "B-ORG", "O"]) == "eBay"


def test_labels_for_numbers_and_dates_are_not_entities() -> None:
    assert cleaned(["on", "Thursday"], ["O", "B-DATE"]) is None
    assert cleaned(["16,000", "volunteers"], ["B-CARDINAL", "O"]) is None


def test_form_of_address_is_not_part_of_a_persons_name() -> None:
    words = ["President", "Volodymyr", "Zelensky", "said"]
    assert cleaned(words, ["B-PERSON", "I-PERSON", "I-PERSON", "O"]) == "Volodymyr Zelensky"
    assert cleaned_with_label(["Mr", "Ebbers", "said"], ["B-ORG", "I-ORG", "O"]) == ("Ebbers", "PERSON")
    words = ["Councillor", "Ines", "Varga"]
    assert cleaned_with_label(words, ["B-ORG", "I-ORG", "I-ORG"]) == ("Ines Varga", "PERSON")
    # alone it stays: there is nothing else to keep
    assert cleaned(["Mr", "said"], ["B-PERSON", "O"]) == "Mr"
    # a clause's participle before the form of address is no part of the name either
    words = ["Describing", "Mr", "Jackson", "as", "kind"]
    assert cleaned(words, ["B-PERSON", "I-PERSON", "I-PERSON", "O", "O"]) == "Jackson"
    assert cleaned(["Sterling", "Morrison", "played"], ["B-PERSON", "I-PERSON", "O"]) == "Sterling Morrison"


def test_numbers_leave_places_and_tables_but_stay_in_prose_names() -> None:
    assert cleaned(["Seoul", "1996-08-30"], ["B-GPE", "I-GPE"]) == "Seoul"
    assert cleaned(["watch", "Channel", "4", "tonight"], ["O", "B-ORG", "I-ORG", "O"]) == "Channel 4"
    table = ["Somerset", "83", "and", "174", ",", "Essex", "410", "for", "6"]
    ents = ["B-ORG", "I-ORG", "O", "O", "O", "O", "O", "O", "O"]
    assert cleaned(table, ents) == "Somerset"


def test_owner_and_role_are_cut_from_names() -> None:
    words = ["Jeff", "Bezos", "’s", "Blue", "Origin", "won"]
    spaces = [True, False, True, True, True, False]
    assert (
        cleaned(words, ["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O"], spaces)
        == "Jeff Bezos"
    )
    words = ["Founder", "of", "Ceres", "Robotics", "Inc."]
    assert cleaned(words, ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG"]) == "Ceres Robotics Inc."
    words = ["Secretary", "of", "State"]
    assert cleaned(words, ["B-ORG", "I-ORG", "I-ORG"]) == "Secretary of State"
    words = ["Macy", "’s", "Parade"]
    assert cleaned(words, ["B-EVENT", "I-EVENT", "I-EVENT"], [False, True, False]) == "Macy’s Parade"


def test_a_name_ends_at_a_comma_before_another_name() -> None:
    words = ["the", "Harbour", "Trade", "Center", ",", "Lindqvist", ",", "a", "veteran"]
    ents = ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "O"]
    spaces = [True, True, True, False, True, False, True, True, False]
    assert cleaned(words, ents, spaces) == "Harbour Trade Center"
    words = ["Harbour", "Tools", ",", "Inc.", "said"]
    spaces = [True, False, True, True, False]
    assert cleaned(words, ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"], spaces) == "Harbour Tools, Inc."
    words = ["Raleigh", ",", "North", "Carolina"]  # a place and its state: one place
    assert (
        cleaned(words, ["B-GPE", "I-GPE", "I-GPE", "I-GPE"], [False, True, True, False])
        == "Raleigh, North Carolina"
    )


def test_two_names_run_together_are_dropped_but_particles_are_kept() -> None:
    assert cleaned(["Yorkshire", "at", "Headingley"], ["B-ORG", "I-ORG", "I-ORG"]) is None
    assert cleaned(["the", "Bank", "of", "England"], ["O", "B-ORG", "I-ORG", "I-ORG"]) == "Bank of England"


def test_abbreviation_keeps_its_full_stop_but_a_sentence_end_goes() -> None:
    words = ["by", "Jay-Z", ".", "Soul", "singer"]
    spaces = [True, False, True, True, False]
    assert cleaned(words, ["O", "B-PERSON", "I-PERSON", "I-PERSON", "O"], spaces) == "Jay-Z"
    assert cleaned(["J.", "Smith", "won"], ["B-PERSON", "I-PERSON", "O"]) == "J. Smith"
    assert cleaned(["St.", "Louis", "won"], ["B-GPE", "I-GPE", "O"]) == "St. Louis"
    assert cleaned(["the", "U.S."], ["O", "B-GPE"]) == "U.S."
    assert cleaned(["in", "Paris", "."], ["O", "B-GPE", "I-GPE"], [True, False, False]) == "Paris"


# --- parts of an article --------------------------------------------------------------------


def test_credit_is_split_into_its_parts_with_offsets() -> None:
    credit = "Alexey Furman/Getty Images"
    assert entities.credit_pieces(credit) == [(0, "Alexey Furman"), (14, "Getty Images")]
    assert entities.credit_pieces("Jo Bell . ") == [(0, "Jo Bell")]
    credit = "Photo by Mara Lind via Reuters"
    pieces = entities.credit_pieces(credit)
    assert pieces == [(9, "Mara Lind"), (23, "Reuters")]
    assert all(credit[a : a + len(p)] == p for a, p in pieces)


def test_article_parts_cover_every_place_in_reading_order() -> None:
    article = Article(
        "a.txt",
        "text",
        "Title",
        ("First.", "Second."),
        figures=(Figure("A caption.", "Jo Bell/Agency Press", 0),),
        standfirst="Lead.",
    )
    places = [(p.where, p.index, p.field, p.offset, p.text) for p in entities.article_parts(article)]
    assert places == [
        ("title", 0, None, 0, "Title"),
        ("standfirst", 0, None, 0, "Lead."),
        ("paragraph", 0, None, 0, "First."),
        ("paragraph", 1, None, 0, "Second."),
        ("figure", 0, "caption", 0, "A caption."),
        ("figure", 0, "credit", 0, "Jo Bell"),
        ("figure", 0, "credit", 8, "Agency Press"),
    ]


def test_capitals_are_title_cased_without_moving_offsets() -> None:
    shouted = "JAPAN BEAT SYRIA'S TEAM IN ABU DHABI"
    calmer = entities.title_case_shouting(shouted)
    assert calmer == "Japan Beat Syria's Team In Abu Dhabi"
    assert len(calmer) == len(shouted)
    assert entities.title_case_shouting("The UN and NATO met") == "The UN and NATO met"
    assert entities.title_case_shouting("DUBLIN 1996-08-30") == "Dublin 1996-08-30"
    assert entities.title_case_shouting("NATO 2020") == "NATO 2020"
    assert entities.title_case_shouting("ABCDEf GHIJk") == "ABCDEf GHIJk"  # no word all capitals


def test_a_title_case_headline_is_read_with_the_words_its_article_never_capitalises_lowered() -> None:
    named = entities.named_words(
        [
            "Shares of Harbour Depot fell on Tuesday after the earnings report. Harbour Depot's stock is down.",
            "Chief executive Ana Lind said the results were weak.",
        ]
    )
    assert named is not None and {"harbour", "depot", "ana", "lind"} <= named
    assert "shares" not in named  # capitalised only where it opens a sentence
    headline = "Harbour Depot Stock Falls After Earnings Report Disappoints | The Ledger Blog"
    read = entities.sentence_case_headline(headline, named)
    assert read == "Harbour Depot stock falls after earnings report disappoints | The Ledger Blog"
    assert len(read) == len(headline)
    # a possessive is its name; capitals, mixed case, a sentence-case title and no body stay
    assert entities.sentence_case_headline("Why Lind's Plan For Harbour Depot Works", named) == (
        "Why Lind's plan for Harbour Depot works"
    )
    assert entities.sentence_case_headline("NASA And The iPhone Team Meet Again", named) == (
        "NASA and the iPhone team meet again"
    )
    assert entities.sentence_case_headline("Harbour Depot shares fall after results", named) == (
        "Harbour Depot shares fall after results"
    )
    assert entities.named_words(["", " "]) is None
    assert entities.sentence_case_headline(headline, None) == headline


@pytest.mark.model
def test_a_title_case_headline_yields_its_names_not_one_long_organisation() -> None:
    article = Article(
        path="t.txt",
        format="text",
        title="Norway Drops Its Inquiry Into Fraud Claim Against Daniel Reyes",
        paragraphs=(
            "Prosecutors in Norway said on Tuesday they had dropped an inquiry into a fraud claim against Daniel Reyes.",
        ),
    )
    found, _ = entities.find_entities(article)
    in_title = {e.name for e in found if any(m.where == "title" for m in e.mentions)}
    assert {"Norway", "Daniel Reyes"} <= in_title
    assert not any(len(name.split()) > 3 for name in in_title)


def test_acronym_definitions_are_found() -> None:
    text = "rights under international humanitarian law (IHL) as agreed"
    ((start, end, acronym),) = entities.find_acronym_definitions(text)
    assert (text[start:end], acronym) == ("international humanitarian law", "IHL")
    text = "members of the Self-Defense Forces (SDF) and the Bank of England (BoE)"
    found = [(text[start:end], acronym) for start, end, acronym in entities.find_acronym_definitions(text)]
    assert found == [("Self-Defense Forces", "SDF"), ("Bank of England", "BoE")]
    text = "owners of 5% of Harbour Exchange's (HE) shares"
    ((start, end, acronym),) = entities.find_acronym_definitions(text)
    assert (text[start:end], acronym) == ("Harbour Exchange", "HE")
    assert entities.find_acronym_definitions("the agency (Reuters) said") == []
    assert entities.find_acronym_definitions("he spoke (UK) loudly") == []
    assert entities.find_acronym_definitions("the Harbour Board. (HB)") == []


# --- merging and typing -----------------------------------------------------------------------


def test_surname_joins_the_unique_full_name() -> None:
    result = entities.merge_mentions(
        [
            found("Konashenkov", "PERSON", "standfirst"),
            found("Igor Konashenkov", "PERSON", "paragraph", 0, 40),
            found("Konashenkov", "ORG", "paragraph", 2, 0),
        ]
    )
    (person,) = result
    assert person.name == "Igor Konashenkov"
    assert person.type == "PERSON"
    assert person.variants == ("Igor Konashenkov", "Konashenkov")
    assert [(m.where, m.index) for m in person.mentions] == [
        ("standfirst", 0),
        ("paragraph", 0),
        ("paragraph", 2),
    ]
    assert person.count == 3


@pytest.mark.parametrize(
    ("names", "merged"),
    [
        # A first name joins the one person who has it ("Joe" is Joe Biden here).
        (["Joe Biden", "Joe", "Biden"], {"Joe Biden": ("Joe Biden", "Joe", "Biden")}),
        # Two people with that first name: it stays apart.
        (["Joe Biden", "Joe Manchin", "Joe"], {"Joe": ("Joe",)}),
        # The word is also someone's surname: read as the surname, never as the first name.
        (["Grant Shapps", "Hugh Grant", "Grant"], {"Hugh Grant": ("Hugh Grant", "Grant")}),
    ],
)
def test_first_name_joins_only_the_one_person_who_has_it(
    names: list[str], merged: dict[str, tuple[str, ...]]
) -> None:
    result = by_name(entities.merge_mentions([found(n, "PERSON", start=20 * i) for i, n in enumerate(names)]))
    for name, variants in merged.items():
        assert result[name].variants == variants


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        # A first name given as the relative of someone of another surname is that family's
        ("Joe Brill chairs the trust. Marlow's father, Joe, ran the pier for decades.", True),
        # ... and one of the same family may be the full name the article gives
        ("Joe Marlow chairs the trust. Marlow's father, Joe, ran the pier for decades.", False),
    ],
)
def test_a_first_name_given_as_a_relative_joins_only_that_familys_name(text: str, alone: bool) -> None:
    def at(name: str, nth: int = 0) -> FoundMention:
        start = -1
        for _ in range(nth + 1):
            start = text.index(name, start + 1)
        return found(name, "PERSON", start=start)

    full = text.split(" chairs", maxsplit=1)[0]
    mentions = [at(full), at("Marlow", 1 if full.endswith("Marlow") else 0), at("Joe", 1)]
    result = by_name(entities.merge_mentions(mentions, [TextPart("paragraph", 0, text)]))
    assert ("Joe" in result) == alone
    assert ("Joe" in result[full].variants) != alone


@pytest.mark.parametrize(
    ("short", "long", "same"),
    [
        (
            "International Legion of Territorial Defense of Ukraine",
            "International Legion of Territorial Defense Forces of Ukraine",
            True,
        ),
        ("Harbour Board of Trustees", "Harbour Ferry Board of Trustees", True),
        ("Harbour Board of Trustees", "Harbour Board of Governors", False),  # another last word
        ("North Sea Ferry Union", "South Sea Ferry Union", False),  # another first word
    ],
)
def test_long_organisation_name_with_a_word_dropped_is_one_organisation(
    short: str, long: str, same: bool
) -> None:
    result = entities.merge_mentions([found(long, "ORG"), found(short, "ORG", start=90)])
    assert (len(result) == 1) is same


def test_a_name_that_lost_its_abbreviations_full_stop_is_the_same_name() -> None:
    # A credit "(Harbour Ferries Co.)" is cut to "Harbour Ferries Co".
    result = entities.merge_mentions(
        [found("Harbour Ferries Co.", "ORG"), found("Harbour Ferries Co", "ORG", where="figure")]
    )
    ((name, variants),) = [(e.name, e.variants) for e in result]
    assert name == "Harbour Ferries Co."
    assert set(variants) == {"Harbour Ferries Co.", "Harbour Ferries Co"}


@pytest.mark.parametrize(
    ("name", "label", "kind"),
    [
        ("international humanitarian law", "ORG", "LAW"),
        ("Clean Water Act", "ORG", "LAW"),
        ("Model 3", "PERSON", "PRODUCT"),
        ("Ada Lovelace", "PERSON", "PERSON"),
        ("Harbour Law Society", "ORG", "ORG"),
    ],
)
def test_laws_and_products_are_not_people_or_organisations(name: str, label: str, kind: str) -> None:
    (entity,) = entities.merge_mentions([found(name, label)])
    assert entity.type == kind


def test_ambiguous_surname_stays_apart() -> None:
    result = merged(
        found("Hillary Clinton", "PERSON"),
        found("Bill Clinton", "PERSON", start=20),
        found("Clinton", "PERSON", start=40),
    )
    assert set(result) == {"Hillary Clinton", "Bill Clinton", "Clinton"}
    assert result["Clinton"].variants == ("Clinton",)


def test_an_ambiguous_surname_typed_an_organisation_is_still_a_person() -> None:
    # Two people share the surname: it joins neither, but it is a person's, not a company's.
    result = merged(
        found("Kim Varga", "PERSON"),
        found("Ray Varga", "PERSON", start=20),
        found("Varga", "ORG", start=40),
    )
    assert result["Varga"].type == "PERSON"
    assert result["Varga"].variants == ("Varga",)


def test_a_name_with_and_without_its_middle_initial_is_one_person() -> None:
    result = merged(found("Ada K. Lind", "PERSON"), found("Ada Lind", "PERSON", start=40))
    assert set(result) == {"Ada K. Lind"}
    assert set(result["Ada K. Lind"].variants) == {"Ada K. Lind", "Ada Lind"}
    # Two fuller names drop to the same words: which one is meant, nobody can tell.
    apart = merged(
        found("Ada K. Lind", "PERSON"),
        found("Ada J. Lind", "PERSON", start=20),
        found("Ada Lind", "PERSON", start=40),
    )
    assert set(apart) == {"Ada K. Lind", "Ada J. Lind", "Ada Lind"}


def test_a_surname_the_article_shows_is_a_persons_takes_the_full_name_the_model_mistyped() -> None:
    # "according to Ana Lindqvist, chief of ..." typed an organisation; "Ms Lindqvist said" a
    # person, by the model and by the honorific.
    surname = replace(found("Lindqvist", "PERSON", start=90), evidence=(("PERSON", 2.0),))
    (person,) = entities.merge_mentions([found("Ana Lindqvist", "ORG"), surname])
    assert (person.name, person.type, person.variants) == (
        "Ana Lindqvist",
        "PERSON",
        ("Ana Lindqvist", "Lindqvist"),
    )
    # Without the article's evidence, or against a company's name, the two stay apart.
    apart = entities.merge_mentions([found("Ana Lindqvist", "ORG"), found("Lindqvist", "PERSON", start=90)])
    assert len(apart) == 2
    company = entities.merge_mentions([found("Harbour Holdings", "ORG"), replace(surname, text="Holdings")])
    assert {e.type for e in company} == {"ORG", "PERSON"}


def test_the_word_before_a_company_suffix_is_its_short_name() -> None:
    # "Kell" is "Ostra Kell Co.", not the channel named after the company.
    result = merged(
        found("Ostra Kell Co.", "ORG"),
        found("Kell Channel", "ORG", start=20),
        found("Kell", "ORG", start=40),
    )
    assert set(result) == {"Ostra Kell Co.", "Kell Channel"}
    assert result["Ostra Kell Co."].variants == ("Ostra Kell Co.", "Kell")


def test_first_word_joins_the_only_organisation_starting_with_it() -> None:
    (company,) = entities.merge_mentions([found("Altria Group", "ORG"), found("Altria", "PERSON", start=30)])
    assert (company.name, company.type, company.variants) == (
        "Altria Group",
        "ORG",
        ("Altria Group", "Altria"),
    )
    result = merged(
        found("Altria Group", "ORG"),
        found("Altria Holdings", "ORG", start=20),
        found("Altria", "ORG", start=40),
    )
    assert set(result) == {"Altria Group", "Altria Holdings", "Altria"}
    result = merged(
        found("Indigenous Studies", "ORG"),
        found("Indigenous", "ORG", start=30),
        found("Indigenous", "NORP", start=50),
    )
    assert set(result) == {"Indigenous Studies", "Indigenous"}


def test_a_time_zone_is_a_time() -> None:
    (entity,) = entities.merge_mentions([found("GMT", "ORG")])
    assert entity.type == "TIME"


def test_type_is_decided_by_vote_over_mentions() -> None:
    result = entities.merge_mentions(
        [
            found("Ukrainian", "GPE"),
            found("Ukrainian", "NORP", start=20),
            found("Ukrainian", "NORP", "paragraph", 1),
        ]
    )
    (entity,) = result
    assert (entity.type, entity.count) == ("NORP", 3)


def test_case_variants_merge_and_the_name_is_not_shouted() -> None:
    (entity,) = entities.merge_mentions([found("JAPAN", "GPE", "title"), found("Japan", "GPE")])
    assert entity.name == "Japan"
    assert entity.variants == ("Japan", "JAPAN")


def test_acronym_joins_its_defined_spelled_out_form() -> None:
    text = "The Unified Relief Agency (URA) said so."
    parts = [TextPart("paragraph", 0, text), TextPart("paragraph", 1, "Later the URA spoke.")]
    result = entities.merge_mentions(
        [found("Unified Relief Agency", "ORG", start=4), found("URA", "ORG", "paragraph", 1, 10)], parts
    )
    (entity,) = result
    assert entity.name == "Unified Relief Agency"
    assert set(entity.variants) == {"Unified Relief Agency", "URA"}


def test_acronym_alone_gains_its_spelled_out_form_as_a_variant() -> None:
    text = "combatants under international humanitarian law (IHL) today"
    parts = [TextPart("paragraph", 0, text)]
    start = text.index("IHL")
    (entity,) = entities.merge_mentions([found("IHL", "ORG", start=start)], parts)
    assert entity.name == "international humanitarian law"
    assert entity.variants == ("international humanitarian law", "IHL")
    first = entity.mentions[0]
    assert text[first.start : first.end] == "international humanitarian law"


@pytest.mark.parametrize(
    ("names", "merged"),
    [
        # Undefined, an acronym is the one name of several words whose initials it is.
        ([("Daily Harbour Ledger", "ORG"), ("DHL", "ORG")], {("Daily Harbour Ledger", "DHL")}),
        ([("Bank of Tarsia", "ORG"), ("BT", "ORG")], {("Bank of Tarsia", "BT")}),
        ([("United Provinces", "GPE"), ("UP", "GPE")], {("United Provinces", "UP")}),
        # a small letter for a short word
        ([("Bank of Tarsia", "ORG"), ("BoT", "ORG")], {("Bank of Tarsia", "BoT")}),
        ([("Bank Over Tarsia", "ORG"), ("BoT", "ORG")], {("Bank Over Tarsia",), ("BoT",)}),
        # Two names with those initials: nobody can tell which.
        (
            [("Daily Harbour Ledger", "ORG"), ("Dover Hill Lines", "ORG"), ("DHL", "ORG")],
            {("Daily Harbour Ledger",), ("Dover Hill Lines",), ("DHL",)},
        ),
        # Not an acronym: a single letter; a long word in capitals.
        ([("Tarsia", "GPE"), ("T", "ORG")], {("Tarsia",), ("T",)}),
        (
            [("Tarsia Mining Company", "ORG"), ("TMCMINING", "ORG")],
            {("Tarsia Mining Company",), ("TMCMINING",)},
        ),
        # Of another type: a person's initials are no country's.
        ([("Ulla Sorensen-Tarsia", "PERSON"), ("UST", "GPE")], {("Ulla Sorensen-Tarsia",), ("UST",)}),
        # An amount's label never names anything.
        ([("Ten Hours", "TIME"), ("TH", "ORG")], {("Ten Hours",), ("TH",)}),
    ],
)
def test_undefined_acronym_joins_the_one_name_it_abbreviates(
    names: list[tuple[str, str]], merged: set[tuple[str, ...]]
) -> None:
    result = entities.merge_mentions(
        [found(name, label, start=30 * i) for i, (name, label) in enumerate(names)]
    )
    assert {e.variants for e in result} == merged


# --- a whole article through a hand-made pipeline (no trained model) ---------------------


def ruler_pipeline(patterns: list[dict[str, str]]) -> Language:
    import spacy

    made = spacy.blank("en")
    made.add_pipe("entity_ruler").add_patterns(patterns)
    return made


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    patterns = [
        {"label": "PERSON", "pattern": "Mara Lind"},
        {"label": "PERSON", "pattern": "Lind"},
        {"label": "GPE", "pattern": "Tallinn"},
        {"label": "ORG", "pattern": "Image"},
        {"label": "ORG", "pattern": "Harbour Board"},
        {"label": "ORG", "pattern": "Tallinn"},
    ]
    made = ruler_pipeline(patterns)
    monkeypatch.setattr(nlp, "ner_pipeline", lambda: made)
    yield


def sample_article(path: str = "a.txt") -> Article:
    return Article(
        path,
        "text",
        "HARBOUR BOARD BACKS LIND",
        (
            "Mara Lind, head of the Harbour Board, spoke in Tallinn on Monday.",
            "Lind said Tallinn would grow. The ferry left Tallinn at noon.",
        ),
        figures=(Figure("Image of the harbour.", "Jon Kask/Baltic Photo Agency", 1),),
    )


@pytest.mark.usefixtures("fake_model")
def test_whole_article_is_located_typed_and_merged() -> None:
    article = sample_article()
    result, notes = entities.find_entities(article)
    assert notes == ()
    named = by_name(result)
    assert set(named) == {"Mara Lind", "Harbour Board", "Tallinn", "Jon Kask", "Baltic Photo Agency"}
    lind = named["Mara Lind"]
    assert lind.type == "PERSON"
    assert lind.variants == ("Mara Lind", "LIND", "Lind")
    assert lind.mentions[0].where == "title"
    for entity in result:
        for m in entity.mentions:
            assert article.text_of(m.where, m.index, m.field)[m.start : m.end] in entity.variants
    credit = named["Jon Kask"].mentions[0]
    assert (credit.where, credit.index, credit.field, named["Jon Kask"].type) == (
        "figure",
        0,
        "credit",
        "PERSON",
    )
    assert named["Baltic Photo Agency"].type == "ORG"
    # the ruler said ORG once and GPE three times, and "in Tallinn" is a place
    assert named["Tallinn"].type == "GPE"


@pytest.mark.usefixtures("fake_model")
def test_many_articles_are_batched_in_one_run_and_keep_their_order() -> None:
    first = sample_article("a.txt")
    second = Article("b.txt", "text", "Quiet day", ("Nothing named here.",))
    results = entities.find_entities_many([first, second, first])
    assert all(r.notes == () for r in results)
    assert [len(r.entities) for r in results] == [5, 0, 5]
    assert results[0] == results[2]


@pytest.mark.usefixtures("fake_model")
def test_credit_in_capitals_is_one_mention() -> None:
    article = Article(
        "k.txt", "text", "Ferry news", ("Mara Lind spoke.",), figures=(Figure("Pier.", "MARA LIND", 0),)
    )
    (lind,) = entities.find_entities(article)[0]
    places = [(m.where, m.field, m.start, m.end) for m in lind.mentions]
    assert places == [("paragraph", None, 0, 9), ("figure", "credit", 0, 9)]


def test_missing_model_gives_no_entities_and_one_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    reason = "Named entities are unavailable: the English language model (en_core_web_sm) is not installed."

    def unavailable() -> Language:
        raise nlp.ModelUnavailable(reason)

    monkeypatch.setattr(nlp, "ner_pipeline", unavailable)
    results = entities.find_entities_many([sample_article(), sample_article("b.txt")])
    assert results == [entities.EntityResult((), (reason,))] * 2


def test_recogniser_failure_costs_only_the_article_at_fault(monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy

    blank = spacy.blank("en")

    class Fragile:
        """Stands in for a pipeline that breaks on one text."""

        max_length = 1_000_000

        def pipe(self, texts: Iterator[str], batch_size: int = 0) -> Iterator[Doc]:
            for text in texts:
                if "BOOM" in text:
                    raise ValueError("bad text")
                yield blank(text)

    monkeypatch.setattr(nlp, "ner_pipeline", Fragile)
    bad = Article("bad.txt", "text", "Fine title", ("It went BOOM here.",))
    results = entities.find_entities_many([sample_article(), bad, sample_article("c.txt")])
    assert [r.notes for r in results[::2]] == [(), ()]
    (note,) = results[1].notes
    assert note.startswith("Named entities could not be found in this article")


# --- the real model ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def real_model() -> Language:
    try:
        return nlp.load_ner_pipeline()
    except nlp.ModelUnavailable as err:
        pytest.skip(str(err))


@pytest.mark.model
class TestWithRealModel:
    def test_only_the_recogniser_runs(self, real_model: Language) -> None:
        assert real_model.pipe_names == nlp.ner_components(real_model)
        assert "ner" in real_model.pipe_names
        assert "parser" not in real_model.pipe_names

    def test_news_article(self, real_model: Language, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(nlp, "ner_pipeline", lambda: real_model)
        article = Article(
            "n.txt",
            "text",
            "Germany warns shipping firms over Baltic route",
            (
                "German Transport Minister Annalena Weber said on Monday that the Federal Maritime"
                " Agency (FMA) would inspect ships leaving Hamburg.",
                "Weber told reporters in Berlin that Hamburg's port had been warned twice.",
            ),
            figures=(Figure("Ships wait outside Hamburg harbour.", "Tomas Berg/Reuters", 1),),
        )
        named = by_name(entities.find_entities(article)[0])
        assert named["Annalena Weber"].type == "PERSON"
        assert "Weber" in named["Annalena Weber"].variants
        assert named["Hamburg"].type == "GPE"
        assert "Hamburg's" not in named["Hamburg"].variants
        assert named["Tomas Berg"].type == "PERSON"
        assert named["Reuters"].type == "ORG"
        assert "Germany" in named


def test_context_rules_on_a_whole_article(monkeypatch: pytest.MonkeyPatch) -> None:
    patterns = [
        {"label": "PERSON", "pattern": "Montclair"},
        {"label": "PERSON", "pattern": "Headliner Rosa Quint"},
        {"label": "PERSON", "pattern": "Coastal Wire"},
        {"label": "ORG", "pattern": "Leo Marsh"},
    ]
    made = ruler_pipeline(patterns)
    monkeypatch.setattr(nlp, "ner_pipeline", lambda: made)
    article = Article(
        "c.txt",
        "text",
        "Cafe owners in Montclair fear rent rises",
        ("The band's headliner arrived late. Headliner Rosa Quint played two sets in Montclair.",),
        figures=(Figure("The stage.", "Leo Marsh/Coastal Wire", 0),),
    )
    named = by_name(entities.find_entities(article)[0])
    assert named["Montclair"].type == "GPE"  # "in Montclair" is a place whatever the model said
    assert "Rosa Quint" in named  # "Headliner" is a common word the article writes in lower case
    assert named["Leo Marsh"].type == "PERSON"  # a name-shaped credit is the photographer
    assert named["Coastal Wire"].type == "ORG"  # an agency word makes it an organisation


# --- invariants on generated articles -----------------------------------------------------------

_NAMES = ["Mara Lind", "Lind", "Tallinn", "Harbour Board", "Image", "the Harbour Board", "Lind's"]
_FILLER = ["said", "on", "Monday", "in", "the", "port", "(HB)", "grew", ".", ",", "NEWS", "and"]


@pytest.mark.usefixtures("fake_model")
def test_every_mention_points_at_one_of_its_entitys_variants() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    sentence = st.lists(st.sampled_from(_NAMES + _FILLER), min_size=1, max_size=14).map(" ".join)
    loud = sentence.map(str.upper)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        title=st.one_of(sentence, loud),
        paragraphs=st.lists(st.one_of(sentence, loud), min_size=1, max_size=4),
        credit=st.sampled_from(["Jon Kask/Baltic Photo Agency", "Tallinn Post", None]),
    )
    def check(title: str, paragraphs: list[str], credit: str | None) -> None:
        article = Article("g.txt", "text", title, tuple(paragraphs), figures=(Figure("Image.", credit, 0),))
        result, notes = entities.find_entities(article)
        assert notes == ()
        names = [e.name for e in result]
        assert len({n.casefold() for n in names}) == len(names)  # one entry per entity
        for entity in result:
            assert entity.name == entity.variants[0]
            assert entity.type in entities.KEPT_LABELS
            places = [(m.where, m.index, m.field == "credit", m.start) for m in entity.mentions]
            assert len(set(places)) == len(places)
            for m in entity.mentions:
                assert article.text_of(m.where, m.index, m.field)[m.start : m.end] in entity.variants

    check()


@pytest.mark.usefixtures("fake_model")
def test_any_text_is_handled_without_error() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    text = st.text(min_size=1, max_size=80)

    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(title=text, paragraphs=st.lists(text, min_size=1, max_size=3), credit=st.one_of(st.none(), text))
    def check(title: str, paragraphs: list[str], credit: str | None) -> None:
        article = Article("x.txt", "text", title, tuple(paragraphs), figures=(Figure("Photo.", credit, 0),))
        result, _ = entities.find_entities(article)
        for entity in result:
            for m in entity.mentions:
                assert article.text_of(m.where, m.index, m.field)[m.start : m.end] in entity.variants

    check()


def test_surname_the_model_missed_is_found_even_opening_a_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    made = ruler_pipeline(
        [{"label": "PERSON", "pattern": "Dana Holt"}, {"label": "PERSON", "pattern": "Ann Moss"}]
    )
    monkeypatch.setattr(nlp, "ner_pipeline", lambda: made)
    article = Article(
        "h.txt",
        "text",
        "Ferry back",
        (
            "Dana Holt runs the ferry. Ann Moss runs the pier.",
            "Holt said the boats were safe. Later, Holt smiled. Moss agreed.",
            "The otter dug a moss bed.",  # "moss" in lower case: the word is not only a name
        ),
    )
    named = by_name(entities.find_entities(article)[0])
    holt = named["Dana Holt"]
    assert [(m.index, m.start) for m in holt.mentions] == [(0, 0), (1, 0), (1, 38)]
    assert holt.variants == ("Dana Holt", "Holt")
    assert named["Ann Moss"].count == 1


# --- roles before names and titles in quotation marks ------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a role word opening a person's name is not part of it
        ("Headliner Rosa Quint", "Rosa Quint"),
        ("Saxophonist Ivo Marsh", "Ivo Marsh"),
        # ... a legislator's title too
        ("Assemblywoman Ana Lind", "Ana Lind"),
        ("Alderman Ivo Marsh", "Ivo Marsh"),
        # two words may be a given name and a surname ("Dean" is both): left alone
        ("Dean Vell", "Dean Vell"),
        # a headline's verb of saying ends the name before it ...
        ("Marlow Says Harbour Museum Will", "Marlow"),
        ("Ines Marlow Tells Voters", "Ines Marlow"),
        # ... but "Said" is a name too, and a name may open with a verb's form
        ("Edward Said", "Edward Said"),
        ("Tells Marlow", "Tells Marlow"),
        # a page's buttons run into the names beside them: no name at all
        ("Dana HoltFlagShareLikeReplyAni Vell", None),
        ("Ana McDonald-DeVries", "Ana McDonald-DeVries"),
        # a name never ends on a word that joins it to the next ("of Kell" was cut short)
        ("Ana Lind of", "Ana Lind"),
    ],
)
def test_words_around_a_persons_name_that_are_no_part_of_it(text: str, name: str | None) -> None:
    words = text.split()
    assert cleaned([*words, "joined"], ["B-PERSON"] + ["I-PERSON"] * (len(words) - 1) + ["O"]) == name


def test_an_organisations_name_the_recogniser_cut_short_is_not_cut_again() -> None:
    words = ["Office", "of", "the", "Deputy", "joined"]
    assert cleaned(words, ["B-ORG", "I-ORG", "I-ORG", "O", "O"]) == "Office of the"


def test_a_joining_word_that_ends_a_hyphened_name_is_part_of_it() -> None:
    # The tokenizer cuts "Jae-in" into three; its "in" is no word of its own.
    words = ["Moon", "Jae", "-", "in", "joined"]
    ents = ["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O"]
    assert cleaned(words, ents, [True, False, False, True, False]) == "Moon Jae-in"


def mentions_of(words: list[str], spaces: list[bool], ents: list[str]) -> list[tuple[str, str]]:
    doc = make_doc(words, ents, spaces)
    return [(f.text, f.label) for f in entities.mentions_in_doc(doc, TextPart("paragraph", 0, doc.text))]


@pytest.mark.parametrize(
    ("words", "spaces", "ents", "expected"),
    [
        # She sang "Harbour Lights" twice.
        (
            ["She", "sang", '"', "Harbour", "Lights", '"', "twice", "."],
            [True, True, False, True, False, True, False, False],
            ["O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O"],
            [("Harbour Lights", "WORK_OF_ART")],
        ),
        # They watched “Cole Ridge,” a new drama.
        (
            ["They", "watched", "“", "Cole", "Ridge", ",", "”", "a", "new", "drama", "."],
            [True, True, False, True, False, False, True, True, True, False, False],
            ["O", "O", "O", "B-ORG", "I-ORG", "O", "O", "O", "O", "O", "O"],
            [("Cole Ridge", "WORK_OF_ART")],
        ),
        # “Mara Lind’s plan works,” he said.  (a quotation that opens with a name)
        (
            ["“", "Mara", "Lind", "’s", "plan", "works", ",", "”", "he", "said", "."],
            [False, True, False, True, True, False, False, True, True, False, False],
            ["O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O", "O", "O"],
            [("Mara Lind", "PERSON")],
        ),
        # Rep. Tomas "Tom" Vell spoke.  (a nickname inside a name)
        (
            ["Rep.", "Tomas", '"', "Tom", '"', "Vell", "spoke", "."],
            [True, True, False, False, True, True, False, False],
            ["O", "O", "O", "B-PERSON", "O", "O", "O", "O"],
            [("Tom", "PERSON")],
        ),
        # Delegates wore “Lee Vance” pins.  (a name quoted as written, no work in sight)
        (
            ["Delegates", "wore", "“", "Lee", "Vance", "”", "pins", "."],
            [True, True, False, True, False, True, False, False],
            ["O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O"],
            [("Lee Vance", "PERSON")],
        ),
        # The crowd chanted "Vell!"  (a name called out is a person's)
        (
            ["The", "crowd", "chanted", '"', "Vell", "!", '"'],
            [True, True, True, False, False, False, False],
            ["O", "O", "O", "O", "B-PERSON", "O", "O"],
            [("Vell", "PERSON")],
        ),
    ],
)
def test_a_name_alone_inside_quotation_marks_is_a_title(
    words: list[str], spaces: list[bool], ents: list[str], expected: list[tuple[str, str]]
) -> None:
    assert mentions_of(words, spaces, ents) == expected


def test_a_quoted_title_outvotes_one_unquoted_person_label() -> None:
    words = ["Fans", "love", "the", "song", '"', "Harbour", "Lights", '"']
    ents = ["O", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O"]
    doc = make_doc(words, ents, [True, True, True, True, False, True, False, False])
    quoted = entities.mentions_in_doc(doc, TextPart("paragraph", 1, doc.text))
    (entity,) = entities.merge_mentions([found("Harbour Lights", "PERSON"), *quoted])
    assert entity.type == "WORK_OF_ART"
    # A law's name in quotation marks stays a law.
    words = ["a", "bill", "called", '"', "Clean", "Harbour", "Act", '"']
    ents = ["O", "O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O"]
    doc = make_doc(words, ents, [True, True, True, False, True, True, False, False])
    (entity,) = entities.merge_mentions(entities.mentions_in_doc(doc, TextPart("paragraph", 0, doc.text)))
    assert entity.type == "LAW"


def test_a_place_before_its_score_in_a_results_table_is_a_team() -> None:
    words = ["Denver", "5", "Austin", "3"]
    assert mentions_of(words, [True] * 4, ["B-GPE", "O", "B-GPE", "O"]) == [
        ("Denver", "ORG"),
        ("Austin", "ORG"),
    ]
    # A dateline's place stays a place: a date is no score.
    words = ["DENVER", "2024-05-01", "and", "12", "more"]
    assert mentions_of(words, [True] * 5, ["B-GPE", "O", "O", "O", "O"]) == [("DENVER", "GPE")]
    # In prose a number after a place is no score.
    words = ["Flights", "from", "Denver", "5", "times", "a", "day", "to", "Austin"]
    ents = ["O", "O", "B-GPE", "O", "O", "O", "O", "O", "B-GPE"]
    assert mentions_of(words, [True] * 9, ents) == [("Denver", "GPE"), ("Austin", "GPE")]


# --- article evidence in cleaning -------------------------------------------------------------


def test_a_phrase_opening_with_a_possessive_word_is_no_person() -> None:
    words = ["his", "memoir", ",", "My", "Name", "’s", "Not", "Ann"]
    ents = ["O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O"]
    assert cleaned(words, ents) is None


def test_one_word_and_its_possessive_open_a_name() -> None:
    # "Jeff Bezos's Blue Origin" ends at the owner's full name; "Brodie's Hill" is one name
    words = ["Brodie", "'s", "Hill", "gin"]
    spaces = [False, True, True, False]
    assert cleaned(words, ["B-PERSON", "I-PERSON", "I-PERSON", "O"], spaces) == "Brodie's Hill"


def test_a_lone_word_the_article_writes_in_lower_case_is_no_person() -> None:
    text = "Heart and Stroke runs the study. A stroke can follow high blood pressure, said Ana Lind."
    parts = [TextPart("paragraph", 0, text)]
    mentions = [
        found("Stroke", "PERSON", start=10),
        found("Ana Lind", "PERSON", start=text.index("Ana Lind")),
    ]
    kept = entities.drop_capitalised_common_words(mentions, parts)
    assert [f.text for f in kept] == ["Ana Lind"]
    # a surname the article also writes in lower case stays: it is part of a full name
    text = "Lee Baker opened the shop. The baker said Baker was late."
    parts = [TextPart("paragraph", 0, text)]
    mentions = [found("Lee Baker", "PERSON"), found("Baker", "PERSON", start=text.rindex("Baker"))]
    assert len(entities.drop_capitalised_common_words(mentions, parts)) == 2
    # a word in an address is no common word ("@harbourtel")
    text = "The deal with Harbourtel fell through. Write to @harbourtel for more."
    parts = [TextPart("paragraph", 0, text)]
    mention = found("Harbourtel", "PERSON", start=text.index("Harbourtel"))
    (kept,) = entities.drop_capitalised_common_words([mention], parts)
    assert kept.text == "Harbourtel"
    # nor is the short form of a longer name
    text = "We asked Harbourtel: a harbourtel is a boat. Harbourtel Media agreed."
    parts = [TextPart("paragraph", 0, text)]
    mentions = [
        found("Harbourtel", "PERSON", start=text.index("Harbourtel")),
        found("Harbourtel Media", "ORG", start=text.rindex("Harbourtel")),
    ]
    assert len(entities.drop_capitalised_common_words(mentions, parts)) == 2


def test_the_short_form_of_several_organisations_is_an_organisation() -> None:
    result = merged(
        found("Harbour Media", "ORG"),
        found("Harbour Holdings", "ORG", start=20),
        found("Harbour", "PERSON", start=40),
    )
    assert result["Harbour"].type == "ORG"  # which of the two it is stays open: no merge
    assert result["Harbour"].variants == ("Harbour",)
    # a word that is also in a person's name stays as the model said
    result = merged(
        found("Lind Media", "ORG"),
        found("Lind Holdings", "ORG", start=20),
        found("Mara Lind", "PERSON", start=40),
        found("Lind", "PERSON", start=60),
    )
    assert result["Mara Lind"].type == "PERSON"


def test_a_common_word_opening_a_sentence_before_anothers_surname_is_no_first_name() -> None:
    # "Top Lind aide quits": the article names Mara Lind and writes "top" in lower case
    title = "Top Lind aide quits over top secret files"
    body = "Mara Lind said the aide left on Monday. Lind thanked him."
    parts = [TextPart("title", 0, title), TextPart("paragraph", 0, body, offset=0)]
    mentions = [
        found("Top Lind", "PERSON", where="title"),
        found("Mara Lind", "PERSON"),
        found("Lind", "PERSON", start=body.index("Lind thanked")),
    ]
    kept = entities.drop_capitalised_common_words(mentions, parts)
    assert [f.text for f in kept] == ["Lind", "Mara Lind", "Lind"]
    # written inside a sentence too, the two words are a name ("actor Will Lind")
    body = "Mara Lind said the aide left. Will Lind agreed. The actor Will Lind will sing."
    parts = [TextPart("paragraph", 0, body)]
    mentions = [
        found("Mara Lind", "PERSON"),
        found("Will Lind", "PERSON", start=body.index("Will Lind")),
        found("Will Lind", "PERSON", start=body.rindex("Will Lind")),
    ]
    kept = entities.drop_capitalised_common_words(mentions, parts)
    assert [f.text for f in kept] == ["Mara Lind", "Will Lind", "Will Lind"]
