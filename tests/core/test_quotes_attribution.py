"""Who said it: attribution rules as tables of (text, quote, speaker, cue, role).

Every row is an invented news sentence in a shape English news uses. ``speaker=None`` rows are
the abstentions: when the evidence is weak, no name is better than a wrong one.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from viewer.core import nlp
from viewer.core.model import Article, Entity, Mention, Quote
from viewer.core.names import SpeakerKinds
from viewer.core.quotes import find_quotes
from viewer.core.quotes.evidence import _original, masked_paragraph
from viewer.core.quotes.names import NameBook, RoleQuery, build_book, looks_like_person, name_runs
from viewer.core.quotes.speakers import SpeakerResolver, before_cue, role_gender


def article(*paragraphs: str) -> Article:
    return Article(path="t.txt", format="text", title="A test article", paragraphs=tuple(paragraphs))


def entity(name: str, kind: str, *variants: str) -> Entity:
    return Entity(name, kind, (name, *variants), (Mention("paragraph", 0, 0, len(name)),))


def quote_with(quotes: Sequence[Quote], words: str) -> Quote:
    matching = [q for q in quotes if words in q.text]
    assert len(matching) == 1, [q.text for q in quotes]
    return matching[0]


def speaker_of(
    parser: object, paragraphs: Sequence[str], words: str, found: Sequence[Entity] = ()
) -> str | None:
    """The speaker of the one quote holding ``words``, found with the parse."""
    quotes = find_quotes(article(*paragraphs), found, parser=parser)  # type: ignore[arg-type]
    return quote_with(quotes, words).speaker


# --- the rule-only path (first paint, --no-entities) -------------------------------------------

RULE_ROWS = [
    # (paragraphs, words of the quote, speaker, cue, role)
    # "argued it was": "it" opens what was argued, and is no body named before that argued
    (
        (
            "Harbour Lines Inc sold a ferry to the island council on Monday.",
            'Tomas Berg signed the deal but argued it was "good for the whole island".',
        ),
        "good for the whole",
        None,
        None,
        None,
    ),
    # a dash with a space before it sets phrases apart: "who" after one is nobody described
    (
        (
            "The plan was attacked by critics at the harbour office in the north - where the pier"
            ' closed in March - who said: "It will cost the ferry its winter trade."',
        ),
        "winter trade",
        None,
        None,
        None,
    ),
    (
        ('"The pier will reopen in June," said Marta Kovac, the port director.',),
        "pier will reopen",
        "Marta Kovac",
        "said",
        "port director",
    ),
    (
        ("Ferry captain Owen Lusk was blunt.", '"We sail when it is safe," Lusk told reporters.'),
        "sail when",
        "Owen Lusk",
        "told",
        "Ferry captain",
    ),
    # A paper that quotes someone "as saying" passes their words on.
    (
        ('The Harbour Gazette quoted Marta Kovac as saying: "The pier will reopen in June."',),
        "pier will reopen",
        "Marta Kovac",
        "saying",
        None,
    ),
    # ... and "quoted her as saying" is she, whoever "she" is.
    (
        (
            "Marta Kovac runs the port.",
            'The Harbour Gazette quoted her as saying: "The pier will reopen in June."',
        ),
        "pier will reopen",
        "Marta Kovac",
        "saying",
        None,
    ),
    # A name and a colon before a quotation: transcripts and round-ups.
    (
        ('Candidates were asked about the port. Marta Kovac: "It stays public." Owen Lusk: "It must."',),
        "stays public",
        "Marta Kovac",
        "",
        None,
    ),
    (
        ('Pollsters agree - Ruth Amsel: "The late polls were the right ones."',),
        "late polls",
        "Ruth Amsel",
        "",
        None,
    ),
    # A modifier glued to a name by a hyphen is not part of it.
    (
        ('In a statement, Norland-backed Harbour Watch said: "The pier is unsafe."',),
        "pier is unsafe",
        "Harbour Watch",
        "said",
        None,
    ),
    # A preposition opening the sentence is not part of the name after it.
    (
        ('Besides Demi Arden, nobody spoke. "We will sing anyway," Arden said.',),
        "sing anyway",
        "Demi Arden",
        "said",
        None,
    ),
    # A place before a role and a name is neither the speaker nor part of the name.
    (
        ('"The strip is about a harbour town," says Cambridge comic artist Ana Lee.',),
        "strip is about",
        "Ana Lee",
        "says",
        "Cambridge comic artist",
    ),
    # A quotation signed with a dash, as reader comments and letters are.
    (
        ('"The night boat is the only way home after a late shift." ― Ana Lee',),
        "night boat",
        "Ana Lee",
        "",
        None,
    ),
    # "Del." is a title (a delegate), "Del" inside a name is a name.
    (
        ('"The vote was a waste of time," said Del. Mara Quist of the islands.',),
        "waste of time",
        "Mara Quist",
        "said",
        "Del.",
    ),
    (
        ('Benicio Del Rio arrived late. "We are ready," Del Rio said.',),
        "We are ready",
        "Benicio Del Rio",
        "said",
        None,
    ),
    # Capitals joined by an ampersand are one body's name, and part of the analyst's role (a
    # lone letter, "S" of "S&P", had named nobody).
    (
        ('"Ratings will rise," wrote S&P credit analyst Ida Brun.',),
        "Ratings will",
        "Ida Brun",
        "wrote",
        "S&P credit analyst",
    ),
    # A nickname in quotation marks is no quotation and no part of the name.
    (
        ('"We sail at dawn," said ferry captain Owen “Skip” Lusk.',),
        "sail at dawn",
        "Owen Lusk",
        "said",
        "ferry captain",
    ),
    # A heading in capitals is no attribution, however it ends.
    # "the head of Harbour Lines" is a person described, not the body named after "of"
    (
        ("Harbour Lines will expand.", '"We will grow," the head of Harbour Lines said.'),
        "We will grow",
        "the head of Harbour Lines",
        "said",
        None,
    ),
    (
        ('TURNOUT ROSE IN THE NORTHERN STATES - "Lines formed before dawn in every ward."',),
        "Lines formed",
        None,
        None,
        None,
    ),
]


@pytest.mark.parametrize(("paragraphs", "words", "speaker", "cue", "role"), RULE_ROWS)
def test_rule_attribution(
    paragraphs: tuple[str, ...], words: str, speaker: str | None, cue: str | None, role: str | None
) -> None:
    quote = quote_with(find_quotes(article(*paragraphs)), words)
    assert quote.speaker == speaker
    if speaker is not None:
        assert (quote.cue or "") == cue
        assert quote.role == role


# --- what may speak ----------------------------------------------------------------------------

KIND_ROWS = [
    # (name, entities, paragraphs, can speak)
    ("Thursday", (), ("On Thursday the port closed.",), False),
    ("Twitter", (entity("Twitter", "ORG"),), ("It was posted on Twitter.",), False),
    ("Vermont", (entity("Vermont", "GPE"),), ("Here in Vermont it snowed.",), False),
    (
        "Vermont Democratic",
        (entity("Vermont", "GPE"), entity("Democratic", "NORP")),
        ("Vermont Democratic leaders met.",),
        False,
    ),
    ("Estimates", (), ("Estimates vary. The estimates were wrong.",), False),
    ("Marta Kovac", (entity("Marta Kovac", "PERSON", "Kovac"),), ("Marta Kovac spoke.",), True),
    # A country or a company the recogniser calls a place speaks when the article says so.
    ("Norland", (entity("Norland", "GPE"),), ("Norland said it would reply.",), True),
    # with any verb of saying, after an auxiliary or an adverb, or the sentence's first word
    ("Norland", (entity("Norland", "GPE"),), ("Norland insists the ship was in its waters.",), True),
    ("Norland", (entity("Norland", "GPE"),), ("Norland has been warning that fuel is short.",), True),
    ("Norland", (entity("Norland", "GPE"),), ("But Norland also conceded that talks had failed.",), True),
    # an inverted subject closes its clause; "said Norland would" is what was said
    ("Norland", (entity("Norland", "GPE"),), ("The border stays shut, said Norland.",), True),
    ("Norland", (entity("Norland", "GPE"),), ("Ana Lind said Norland would reply.",), False),
    ("Norland", (entity("Norland", "GPE"),), ("Fares will rise, said Norland .",), True),  # a scraped space
    # a preposition before the sentence's end is no part of the next one's subject
    (
        "Norland",
        (entity("Norland", "GPE"),),
        ("Storms ran from Alder to Brook. Norland said it was bad.",),
        True,
    ),
    # not where a passive has others speak of it
    ("Norland", (entity("Norland", "GPE"),), ("Norland was accused of hiding the fuel figures.",), False),
    ("Norland", (entity("Norland", "GPE"),), ("Norland has been criticised and blamed for it.",), False),
    # nor as the object of a preposition, nor as a plural noun's modifier before a list
    ("Norland", (entity("Norland", "GPE"),), ("Ferries from Norland admitted to the bay were late.",), False),
    ("Coast Belt", (entity("Coast Belt", "LOC"),), ("Coast Belt states Alder and Brook voted no.",), False),
    (
        "Coast Belt",
        (entity("Coast Belt", "LOC"),),
        ("The Coast Belt states of Alder and Brook voted no.",),
        False,
    ),
    # A person's full name the recogniser mislabelled, known by surname as a person.
    (
        "Nils Brekke",
        (entity("Nils Brekke", "GPE"), entity("Brekke", "PERSON")),
        ("Brekke scored twice.",),
        True,
    ),
    ("a police spokesman", (), ("A police spokesman spoke.",), True),
]


@pytest.mark.parametrize(("name", "found", "paragraphs", "allowed"), KIND_ROWS)
def test_who_can_speak(
    name: str, found: tuple[Entity, ...], paragraphs: tuple[str, ...], allowed: bool
) -> None:
    assert SpeakerKinds.of(found, paragraphs).can_speak(name) is allowed


def test_a_place_before_a_name_is_never_the_speaker() -> None:
    art = article('"The strip is about a harbour town," says Cambridge comic artist Ana Lee.')
    found = (entity("Cambridge", "GPE"), entity("Ana Lee", "PERSON", "Lee"))
    quote = only_quote(find_quotes(art, found))
    assert quote.speaker != "Cambridge"


def test_she_is_not_a_name_the_recogniser_calls_an_organisation(parser: object) -> None:
    art = article(
        "Ferry use will double, according to Ana Lindqvist, head of shipping firm Harbour Lines.",
        'Fares will fall, she said at the Harbour Fair. "People are the point of it," she said.',
    )
    found = (
        entity("Ana Lindqvist", "PERSON", "Lindqvist"),
        entity("Harbour Lines", "ORG"),
        entity("Harbour Fair", "ORG"),
    )
    quotes = find_quotes(art, found, parser=parser)  # type: ignore[arg-type]
    assert [q.speaker for q in quotes] == ["Ana Lindqvist"] * 3


HE_AFTER_OTHERS_ROWS = [
    # (paragraphs, words of the quote, speaker): "he" after a person described, not named,
    # spoke may be that person: nobody, rather than the person named before
    (("Ferry owner Tomas Berg said the boats would sail again on Friday.",
      '"We checked every hull," a spokesman for the harbour board said.',
      '"The pier is safe," he said.'),
     "The pier is safe", None),
    # ... unless the named person was mentioned again since
    (("Ferry owner Tomas Berg said the boats would sail again on Friday.",
      '"We checked every hull," a spokesman for the harbour board said.',
      'Berg disagreed. "The pier is not safe," he said.'),
     "The pier is not safe", "Tomas Berg"),
    # ... or another person described ("the mayor") came in since: the rules go on as before
    (("Mayor Tomas Berg said the boats would sail again on Friday.",
      '"We checked every hull," a spokesperson for the harbour board said.',
      "On Monday, the mayor spoke to the press again.",
      '"The pier is safe," he said.'),
     "The pier is safe", "Tomas Berg"),
    # a name that opens what someone said is not who "he" stands for next
    (("Ferry owner Tomas Berg spoke on Monday.",
      "He said on Tuesday that Otto Brennan needs to do more work on the pier.",
      '"I think the pier can be saved," he said.'),
     "the pier can be saved", "Tomas Berg"),
    # ... with its role or article before it ("said that port director Otto Brennan")
    (("Ferry owner Tomas Berg spoke on Monday.",
      "He said that port director Otto Brennan has decided to close the pier.",
      '"It will be a closure in all but name," he said.'),
     "closure in all but name", "Tomas Berg"),
    # a spokeswoman is not "he"
    (("Ferry owner Tomas Berg said the boats would sail again on Friday.",
      '"We checked every hull," a spokeswoman for the harbour board said.',
      '"The pier is safe," he said.'),
     "The pier is safe", "Tomas Berg"),
]  # fmt: skip


def test_a_quotation_handed_over_by_a_colon_is_not_the_next_sentences(parser: object) -> None:
    # "X said: "..." The firm says it ...": the sentence after is a statement of its own.
    art = article(
        "Harbour Lines was fined for the spill.",
        'Prosecutor Ana Lindqvist said: "Every operator should take note of this fine." The company'
        " says it has changed its ways.",
    )
    found = (entity("Ana Lindqvist", "PERSON", "Lindqvist"), entity("Harbour Lines", "ORG"))
    quotes = find_quotes(art, found, parser=parser)  # type: ignore[arg-type]
    assert quote_with(quotes, "take note").speaker == "Ana Lindqvist"
    assert quote_with(quotes, "changed its ways").kind == "indirect"


def test_the_government_is_no_company_named_before(parser: object) -> None:
    # "the company" is the body last spoken of; "the government" is a state's, as written
    art = article(
        "Harbour Lines said it would sell its ferries.",
        "The company said it would appeal.",
        "The government said it had found more than 500 idle ferries.",
    )
    found = (entity("Harbour Lines", "ORG"),)
    quotes = find_quotes(art, found, parser=parser)  # type: ignore[arg-type]
    assert quote_with(quotes, "500 idle ferries").speaker == "The government"
    assert quote_with(quotes, "would appeal").speaker == "Harbour Lines"


def test_a_statement_after_a_finished_quotation_is_not_its_attribution() -> None:
    # '"..." The council has said it will ...': a statement of its own, with its own content;
    # the quotation goes on with the one who spoke before it.
    art = article(
        '"We will sail in June," Marta Kovac said. "The ferry will carry more cars." The council'
        " has said it will pay for the new pier."
    )
    assert quote_with(find_quotes(art), "carry more cars").speaker == "Marta Kovac"
    art = article('"The ferry will carry more cars." The council has said it will pay for the pier.')
    assert quote_with(find_quotes(art), "carry more cars").speaker is None
    art = article('"The ferry will carry more cars." The council said its new pier would open in May.')
    assert quote_with(find_quotes(art), "carry more cars").speaker is None
    # "added", "also said" or "He said that ..." go on with the one who spoke
    art = article('"The ferry will carry more cars." Marta Kovac added that fares would not rise.')
    assert quote_with(find_quotes(art), "carry more cars").speaker == "Marta Kovac"
    art = article('"The ferry will carry more cars." Marta Kovac also said that fares would not rise.')
    assert quote_with(find_quotes(art), "carry more cars").speaker == "Marta Kovac"
    art = article(
        'Marta Kovac spoke on Monday. "The ferry will carry more cars." She added that fares would not rise.'
    )
    assert quote_with(find_quotes(art), "carry more cars").speaker == "Marta Kovac"
    # a verb with a thing as its object is news of its own, "also" or not; whom a verb of
    # telling takes is who heard the quotation
    art = article(
        '"We will sail in June," Marta Kovac said. "The ferry will carry more cars." Harbour Lines also'
        " announced a new winter timetable."
    )
    assert quote_with(find_quotes(art), "carry more cars").speaker == "Marta Kovac"
    art = article('"The ferry will carry more cars." Marta Kovac told the harbour board.')
    assert quote_with(find_quotes(art), "carry more cars").speaker == "Marta Kovac"


def test_whom_a_quotation_is_said_of_is_not_who_said_it(parser: object) -> None:
    # "was said to be "..."": the words of people the article does not name, not the mayor's
    # nor those of the subject of the clause before; the "by" of the passive is who said them
    text = 'The coalition met this week, and the mayor was said{} to be "furious with the council and tired of its games".'
    quotes = find_quotes(article(text.format("")), parser=parser)  # type: ignore[arg-type]
    assert quote_with(quotes, "tired of its games").speaker is None
    quotes = find_quotes(article(text.format(" by aides")), parser=parser)  # type: ignore[arg-type]
    assert quote_with(quotes, "tired of its games").speaker == "aides"


def test_a_body_described_is_no_place_named_before(parser: object) -> None:
    # "North Isle" ends a clause before "told" and reads like a subject there, but the
    # recogniser knows it is a place: "the regional council" is a body the article never
    # names, given as written rather than dropped with the place.
    art = article(
        "Tomas Berg, who runs the bakery on North Isle, told reporters the boats were tied up.",
        "The regional council said it would review the storm plan.",
    )
    found = (entity("Tomas Berg", "PERSON", "Berg"), entity("North Isle", "LOC"))
    quotes = find_quotes(art, found, parser=parser)  # type: ignore[arg-type]
    assert quote_with(quotes, "review the storm plan").speaker == "The regional council"


DOCUMENT_HELD_ROWS = [
    # a document the article says someone holds: the holder did not write it, and the person
    # spoken of before did not either
    (("Ferry spokeswoman Ines Marlow declined to comment on Sunday.",
      "According to the memo obtained by The Globe, that fund “believed in the long-term value of"
      " these ferries and in the importance of keeping them running.”"),
     "long-term value", None),
    # "the report" is the report of the body that spoke last, unless another became the subject
    (("Harbour Lines Inc will sell its ferries, the Harbour Gazette reported.",
      "Alder Marine Ltd is understood to be the buyer, the report added."),
     "understood to be the buyer", None),
    (('"The recovery will go on," the Harbour Institute said.',
      'However, the report warned: "Fares will rise before they fall."'),
     "Fares will rise", "Harbour Institute"),
    # one capitalised word opening the sentence before "reports" is no author unless a name
    (("Harbour Lines will sell its ferries.",
      'Further reports had suggested that Alder Marine could make an offer "at this stage".'),
     "Alder Marine could make an offer", None),
    (("Harbour Lines will sell its ferries.",
      'Harbour reports had suggested that Alder Marine could make an offer "at this stage".'),
     "Alder Marine could make an offer", "Harbour Lines"),
]  # fmt: skip


def test_a_date_named_as_speaker_is_dropped() -> None:
    art = article('At one point on Sunday, "the ferry will run," Sunday tweeted.')
    quote = only_quote(find_quotes(art, (entity("Sunday", "DATE"),)))
    assert quote.speaker is None


def only_quote(quotes: Sequence[Quote]) -> Quote:
    assert len(quotes) == 1, quotes
    return quotes[0]


# --- the parse (full path) ---------------------------------------------------------------------


def test_long_quotations_are_masked_and_offsets_map_back() -> None:
    text = 'Lusk said: "We will keep sailing every night of the winter, whatever it costs us." Then he left.'
    start = text.index("We will")
    end = text.index('."') + 1
    masked = masked_paragraph(text, [(start, end)])
    assert masked.text == 'Lusk said: "It is so." Then he left.'
    assert masked.originals == ((start, end),)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a capitalised adverb opening its sentence is no name the firm could stand for
        ("The fares rose. Worryingly, said the firm, bookings fell.", []),
        ("Additionally, Harbour Lines said fares would rise.", ["Harbour Lines"]),
        # names that end like adverbs stay names
        ("Kelly, a ferry captain, said so.", ["Kelly"]),
        ("Stanley, the mayor, agreed. Sally, his aide, did not.", ["Stanley", "Sally"]),
        # a participle opening a sentence before a form of address is no part of the name
        ("She wept. Describing Mr Lusk as kind, she left.", ["Lusk"]),
        ("The ferry left. Sterling Morrison waved.", ["Sterling Morrison"]),
        # nor is a "wh-ever" word that opens a clause
        ("Whatever Harbour Lines says, the fares will rise.", ["Harbour Lines"]),
        # nor an inflected verb of saying opening the sentence: who speaks, inverted
        ('It sails. Said Mr Lusk: "It is a ferry."', ["Lusk"]),
        ("Adds Ines Marlow, the fares will rise.", ["Ines Marlow"]),
        # a bare form may be a name's, and a name may end in one
        ("Say Yes Studios filmed it. Edward Said wrote it.", ["Say Yes Studios", "Edward Said"]),
        # a headline's verb of saying ends the name before it
        ("Marlow Says Harbour Lines Will Sell Its Ferries", ["Marlow"]),
        ("Ines Marlow Tells Voters She Will Run", ["Ines Marlow"]),
        ("The United States Says No", ["United States"]),
        # a headline's title case inside a paragraph: a name ends before its small words
        ("It ran. Ines Marlow And Otto Brennan Clash On Fares", ["Ines Marlow"]),
        ("Julie A. Diaz said it. The Bank of England agreed.", ["Julie A. Diaz", "Bank of England"]),
        # a page's buttons run into the names beside them are no name; a name with capitals inside is
        ("Dana HoltFlagShareLikeReplyAni Vell posted it. GlaxoSmithKline agreed.", ["GlaxoSmithKline"]),
        # a question's auxiliary before a name (a headline's "Can X ...?") is no part of it
        ("Can Harbour Lines survive the winter?", ["Harbour Lines"]),
        ("It sails. Does Otto Brennan know?", ["Otto Brennan"]),
        # an abbreviation's full stop ends no sentence: the question still ends this one
        ("Can Alder Ferries Corp. survive the winter?", ["Alder Ferries Corp."]),
        # ... so does a question that opens a quotation, curly or straight
        ("An advert asked, “Is Otto Brennan fit to sail?”", ["Otto Brennan"]),
        ('An advert asked, "Does Otto Brennan know?"', ["Otto Brennan"]),
        # ... but a first name of that spelling in a statement is a name
        ("Will Brennan said the pier would reopen.", ["Will Brennan"]),
        ('"It sails," Will Brennan said.', ["Will Brennan"]),
        # a body's name may list one-word subjects before "and" ...
        ("It ruled. The Food and Drug Administration agreed.", ["Food and Drug Administration"]),
        ("The Tide, Wind and Wave Agency said so.", ["Tide, Wind and Wave Agency"]),
        # ... but names listed before a body are names of their own
        (
            "Lind visited Oslo, Bergen and Harbour Council offices.",
            ["Lind", "Oslo", "Bergen", "Harbour Council"],
        ),
        ("Procter and Gamble agreed.", ["Procter", "Gamble"]),
        ("The IMF and World Bank agreed.", ["IMF", "World Bank"]),
        # capitals joined by an ampersand are one name
        ("It fell. AT&T said so, and S&N's chief agreed.", ["AT&T", "S&N"]),
        # a dash opening the paragraph is no word: the participle after it still opens it
        ("– Describing Mr Lusk? –", ["Lusk"]),
    ],
)
def test_an_adverb_or_a_participle_opening_a_sentence_is_no_name(text: str, names: list[str]) -> None:
    assert [run.name for run in name_runs(text)] == names


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        # a nickname in quotation marks, curly or straight, is no part of the name
        ("Guitarist Brian 'Head' Welch told a radio station", [("Brian Welch", "Guitarist")]),
        ("Ines ‘Nessa’ Marlow said", [("Ines Marlow", None)]),
        # a role of music and broadcasting before a name
        ("Virgin Radio DJ Pete Mitchell said", [("Pete Mitchell", "Virgin Radio DJ")]),
        ("Rapper Ola Reyes said", [("Ola Reyes", "Rapper")]),
        # a body's name goes on through "of", "for" and then "and"; a person's does not
        ("The Bank of England said", [("Bank of England", None)]),
        ("the National Union of Journalists said", [("National Union of Journalists", None)]),
        (
            "the Department of Health and Human Services said",
            [("Department of Health and Human Services", None)],
        ),
        ("the Bank of England and the Treasury", [("Bank of England", None), ("Treasury", None)]),
        ("Ines Marlow of Harbour Lines said", [("Ines Marlow", None), ("Harbour Lines", None)]),
        # "Police" ends a force's name; alone it opens a sentence and names nobody
        ("Kent Police said", [("Kent Police", None)]),
        ("Thames Valley Police reported", [("Thames Valley Police", None)]),
        ("Police said the pier was shut", []),
        # a hyphened word that describes the name is no part of it; a plural role is a role
        ("The Oslo-born Marlow said", [("Marlow", None)]),
        ("London-based Harbour Lines said", [("Harbour Lines", None)]),
        ("New Vell-based Harbour Lines said", [("Harbour Lines", None)]),
        ("the New Vell-based", []),
        (
            "Singer-guitarists Tom Berg and Ines Marlow said",
            [("Tom Berg", "Singer-guitarists"), ("Ines Marlow", None)],
        ),
    ],
)
def test_the_name_and_role_of_a_run(text: str, runs: list[tuple[str, str | None]]) -> None:
    assert [(run.name, run.role) for run in name_runs(text)] == runs


def test_a_makers_name_does_not_grow_into_its_products() -> None:
    book = NameBook()
    book.add("Harbour PSP", 0)
    book.add("Alder AV400", 10)
    book.add("Kim Jong Un", 20, "person-entity")
    assert book.fullest("Harbour", 100) == "Harbour"
    assert book.fullest("Alder", 100) == "Alder"
    assert book.fullest("Kim", 100) == "Kim Jong Un"  # a name written family name first still grows


def test_a_party_before_a_persons_name_is_no_part_of_it() -> None:
    art = article("Republican Ines Marlow said the fares would rise.", "Marlow said it again on Friday.")
    found = (entity("Ines Marlow", "PERSON", "Marlow"), entity("Republican", "NORP"))
    book = build_book(art, found)
    assert book.fullest("Marlow", 100_000) == "Ines Marlow"
    assert book.fullest("Republican Ines Marlow", 0) == "Ines Marlow"
    # without the recogniser's word for the party, the capitals stay one name
    assert build_book(art, found[:1]).fullest("Marlow", 100_000) == "Republican Ines Marlow"


def test_a_common_word_opening_a_sentence_before_a_body_is_no_part_of_its_name() -> None:
    art = article(
        "Outside Alder Ferries's depot on Quay Street, crews waited outside the gates.",
        "Alder Ferries said the strike would end.",
    )
    found = (entity("Alder Ferries", "ORG"), entity("Quay Street", "FAC"))
    assert build_book(art, found).fullest("Alder Ferries", 100_000) == "Alder Ferries"
    # the recogniser's whole name keeps its first word ("outside" is still written in lower case)
    whole = (entity("Outside Alder Ferries", "ORG"), *found)
    assert build_book(art, whole).fullest("Alder Ferries", 100_000) == "Outside Alder Ferries"


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Ines Marlow", True),
        ("Ines K. Marlow", True),
        # an acronym, plural or not, is no word of a person's name
        ("Harbour ATMs", False),
        ("Island MPs", False),
        ("Harbour MLA", False),
    ],
)
def test_what_looks_like_a_persons_name(name: str, person: bool) -> None:
    assert looks_like_person(name) is person


@pytest.mark.parametrize(
    ("name", "recognised", "person"),
    [
        # a title or a role as the last word of a name the recogniser calls a person's is a surname
        ("Piet Dean", True, True),
        ("Ana Farmer", True, True),
        # ... but one before the surname is still a title, and with no recogniser a role
        ("Dean Piet Ruud", True, False),
        ("Piet Dean", False, False),
    ],
)
def test_a_recognised_persons_surname_may_be_a_title(name: str, recognised: bool, person: bool) -> None:
    assert looks_like_person(name, recognised=recognised) is person


def test_a_role_stands_for_the_last_person_named_with_it_before_else_the_first_after() -> None:
    book = NameBook()  # the book may learn of the later analyst first
    book.add("Otto Brennan", 300, "person-entity", role="Alder Securities analyst")
    book.add("Ines Marlow", 100, "person-entity", role="Harbour Bank analyst")
    assert book.person_with_role("analyst", 200) == "Ines Marlow"
    assert book.person_with_role("analyst", 400) == "Otto Brennan"
    assert book.person_with_role("analyst", 50) == "Ines Marlow"  # nobody before: the first after
    book.add("Dana Holt", 300_300, "person-entity", role="Harbour Bank economist")
    assert book.person_with_role("economist", 200) == "Dana Holt"  # a lead's description, named later
    # ... when the role named later holds the words asked for, near enough, and only when asked
    assert (
        book.person_with_role("economist", 200, query=RoleQuery(words=frozenset({"bank", "economist"})))
        == "Dana Holt"
    )
    assert (
        book.person_with_role("economist", 200, query=RoleQuery(words=frozenset({"chief", "economist"})))
        is None
    )
    assert book.person_with_role("economist", 200, query=RoleQuery(reach=300_100)) == "Dana Holt"
    assert book.person_with_role("economist", 200, query=RoleQuery(reach=300_099)) is None
    assert book.person_with_role("economist", 200, query=RoleQuery(reach=None)) is None
    # an indefinite description is nobody named before it
    assert book.person_with_role("analyst", 200, query=RoleQuery(before=False)) == "Otto Brennan"
    # "a spokesman for the Harbour Board" is nobody named before for another body
    book.add("Tomas Berg", 100, "person-entity", role="spokesman for Alder Ferries")
    assert book.person_with_role("spokesman", 200, frozenset({"Harbour", "Board"})) is None
    assert book.person_with_role("spokesman", 200, frozenset({"Alder"})) == "Tomas Berg"


def test_a_description_with_a_name_in_apposition_after_it_is_that_name() -> None:
    text = '"We asked ourselves if we should cancel," said the festival\'s executive director, Tomas Berg.'
    art = article(text)
    resolver = SpeakerResolver(art, build_book(art, ()), {})
    order = text.index("the festival")
    assert resolver.describe("the festival's executive director", order, 0)[0] == "Tomas Berg"
    # ... to the end of its clause: not a name that goes on to something else
    text = '"We asked ourselves if we should cancel," said the festival\'s director, Tomas Berg said.'
    art = article(text)
    resolver = SpeakerResolver(art, build_book(art, ()), {})
    assert resolver.describe("the festival's director", text.index("the festival"), 0)[0] != "Tomas Berg"


def test_a_common_word_opening_a_headline_is_no_part_of_a_name() -> None:
    # "Unpredictable Sondland": the article writes "unpredictable" in lower case, and the
    # recogniser found "Sondland" on its own; "Bill Gates" it found whole.
    art = Article(
        path="t.txt",
        format="text",
        title="Unpredictable Sondland faces questions; Bill Gates to speak",
        paragraphs=(
            "Ambassador Gordon Sondland is likely to be unpredictable. The bill passed.",
            'Sondland said: "I will answer."',
        ),
    )
    found = (
        entity("Gordon Sondland", "PERSON", "Sondland"),
        entity("Bill Gates", "PERSON"),
    )
    book = build_book(art, found)
    assert book.fullest("Sondland", 100_000) == "Gordon Sondland"
    assert book.fullest("Gates", 100_000) == "Bill Gates"
    assert quote_with(find_quotes(art, found), "I will answer").speaker == "Gordon Sondland"


@pytest.mark.parametrize(
    ("lead", "fullest"),
    [
        # the body gives Marlow another first name: the headline's capital is its opening's
        ("Rock singer Ines Marlow left the stage early.", "Ines Marlow"),
        # the body gives none: the headline's name is the fullest there is
        ("The singer left the stage early.", "Rocker Marlow"),
    ],
)
def test_a_word_opening_a_headline_before_a_name_the_body_gives_otherwise(lead: str, fullest: str) -> None:
    art = Article(
        path="t.txt",
        format="text",
        title="Rocker Marlow in harbour brawl",
        paragraphs=(lead, '"Please move back," Marlow said.'),
    )
    assert build_book(art).fullest("Marlow", 100_000) == fullest
    assert quote_with(find_quotes(art), "move back").speaker == fullest


@pytest.mark.parametrize(
    ("headline", "quote", "words", "surname"),
    [
        # a live blog's posts: each one's headline glued to the line before it
        (
            "Posted 9:31 PM by Dana Holt. Brennan Hits Ines Marlow On Ferry Fares",
            '"The fares will not rise," Marlow said.',
            "fares will not rise",
            "Marlow",
        ),
        # a related story's headline in the body: a contraction, a capitalised pronoun
        (
            "Why Can’t Ana Lind Sing Her Own Songs? It’s Complicated [Harbour Wire]",
            '"I want my songs back," Lind said.',
            "my songs back",
            "Lind",
        ),
    ],
)
def test_a_headline_in_title_case_inside_a_paragraph_lends_no_names(
    headline: str, quote: str, words: str, surname: str
) -> None:
    art = article(headline, quote)
    assert build_book(art).fullest(surname, 100_000) == surname
    assert quote_with(find_quotes(art), words).speaker == surname


TITLE_ROWS = [
    # a capital "The" inside a sentence belongs to a title, never to an epithet for someone
    (("Tomas Berg will sail again in May.", "Fares will rise, according to The Harbour Reporter."),
     "Fares will rise", "Harbour Reporter"),
    (("Tomas Berg will sail again in May.", "Fares will rise, The Coast Guardian reported."),
     "Fares will rise", "Coast Guardian"),
    # a one-word title keeps its "The"
    (("Tomas Berg will sail again in May.", "Fares will rise, according to The Pier."),
     "Fares will rise", "The Pier"),
    # a lower-case "the" before a party or a nationality is an epithet for the person just named
    (("Senator Tomas Berg spoke on Monday.", "The pier will reopen, the Harbour Democrat said."),
     "The pier will reopen", "Tomas Berg"),
    # ... but not before a body's name, whoever was named before, nor before a plural
    (("Senator Tomas Berg visited the base on Monday.", "The base is vital, the Admiralty said."),
     "The base is vital", "the Admiralty"),
    (("Senator Tomas Berg visited the base on Monday.", "The base is a waste, the Democrats said."),
     "The base is a waste", "the Democrats"),
    # a directorate is a body: "he" is the person, not the body he works in
    (("“We need more ferries,” Tomas Berg, deputy associate administrator for exploration in the"
      " Harbour Board’s Sea Mission Directorate, said in a call with reporters.",
      "“This is based on our plans, the board’s plans,” he said."),
     "based on our plans", "Tomas Berg"),
]  # fmt: skip


def test_an_office_before_a_name_is_no_part_of_it(parser: object) -> None:
    # "Secretary of State Ines Marlow": the name runs "State Ines Marlow"; the office's last
    # word is no part of the person's name, before a cue or after one.
    art = article(
        "Secretary of State Ines Marlow said the deal was fair.",
        '"We will not move," Marlow said.',
        '"Nor will we," said Minister of Ferries Tomas Berg.',
        '"The case is closed," said Director of Public Prosecution Eva Lund.',
    )
    found = (
        entity("Ines Marlow", "PERSON", "Marlow"),
        entity("Tomas Berg", "PERSON", "Berg"),
        entity("Eva Lund", "PERSON", "Lund"),
    )
    quotes = find_quotes(art, found, parser=parser)  # type: ignore[arg-type]
    assert [q.speaker for q in quotes] == ["Ines Marlow", "Ines Marlow", "Tomas Berg", "Eva Lund"]


def test_a_place_glued_before_a_name_is_no_part_of_it(parser: object) -> None:
    # "ambassador to Norland Ines Marlow": the recogniser found the place and the person apart
    art = article(
        "Elland’s ambassador to Norland Ines Marlow has said that Elland has the power to end the strike.",
        '"We are not leaving," Marlow said.',
    )
    found = (entity("Ines Marlow", "PERSON", "Marlow"), entity("Norland", "GPE"), entity("Elland", "GPE"))
    quotes = find_quotes(art, found, parser=parser)  # type: ignore[arg-type]
    assert quote_with(quotes, "not leaving").speaker == "Ines Marlow"


def test_a_headline_quoted_in_title_case_lends_no_names(parser: object) -> None:
    art = article(
        "Mayor Tomas Berg said the pier would reopen.",
        "His rivals mailed voters a flyer headed “Mayor Tomas Berg Joins Long List Of Failed Builders.”",
        '"I am proud of the pier," he said.',
    )
    found = (entity("Tomas Berg", "PERSON", "Berg"),)
    quotes = find_quotes(art, found, parser=parser)  # type: ignore[arg-type]
    assert quote_with(quotes, "proud of the pier").speaker == "Tomas Berg"


THE_ONE_INTRODUCED_ROWS = [
    # "one legal expert ... the expert": the person the article introduced, not the person
    # spoken of before
    (("Tomas Berg flew to the island on Monday.",
      '"Berg has no immunity," said one legal expert, as reported by the Gazette.',
      '"He may be questioned," the expert warned.'),
     "He may be questioned", "the expert"),
    # without that introduction "the expert" is the person just named (news names, then describes)
    (("Tomas Berg, a harbour engineer, inspected the pier on Monday.",
      '"The pier is sound," the engineer said.'),
     "The pier is sound", "Tomas Berg"),
]  # fmt: skip


# Names found by the text alone, where the article writes them (a recogniser's entity in the
# rows above stands at the article's start).
DESCRIBED_BEFORE_NAMED_ROWS = [
    # "the engineer" after "an unnamed engineer" is that one, not an engineer named after
    (("The Gazette quoted an unnamed engineer at the port as saying the pier was sound.",
      '"We will reopen it," the engineer told the Gazette. Chief engineer Tomas Berg'
      " declined to comment."),
     "We will reopen it", "the engineer"),
    # an unnamed source is nobody the article names, even with a role named before
    (("Chief engineer Tomas Berg inspected the pier on Monday.",
      '"It will not reopen," an unnamed engineer told the Gazette.'),
     "It will not reopen", "an unnamed engineer"),
    # a description saying more than the role of someone named after is not them
    (('"It is all laughing at each other," said the 74-year-old engineer.',
      "His colleague praised harbour engineer Tomas Berg for the pier."),
     "It is all laughing", "the 74-year-old engineer"),
    # "a longtime adviser" is someone new, not the adviser named before
    (("Harbour adviser Tomas Berg left the campaign in May.",
      '"We have a ton of work to do," said a longtime adviser to the mayor.'),
     "ton of work", "a longtime adviser"),
    # ... nor one named after as adviser to someone else
    (('"We have a ton of work to do," said a longtime adviser to both Harts.',
      "Tomas Berg, a longtime adviser to Governor Brennan, disagreed."),
     "ton of work", "a longtime adviser"),
    # ... but in apposition to a name, the name's
    (("The plan rests on the work of Tomas Berg, an engineer at the port who had once concluded"
      " that the pier was sound.",),
     "the pier was sound", "Tomas Berg"),
    # ... a person's name: after "Thursday," it is someone new
    (("Harbour senator Tomas Berg spoke on Wednesday.",
      "After a night of speeches into the early hours of Thursday, a harbour senator said the"
      " ferry would stop."),
     "the ferry would stop", "a harbour senator"),
    # whose a relative is says nothing of the role: "Lena Hart's mother" is the mother named after
    (("Tomas Berg said the ferry was late.",
      'Meanwhile Lena Hart\'s mother has said she is "100% certain" her daughter did nothing wrong.',
      "His mother Ana Hart told the Gazette that her daughter was innocent."),
     "100%", "Ana Hart"),
    # a bare "the judge" is the judge named in the next paragraph, not one named far after
    (("The court sat late on Friday.", '"Everything you said, I said," the judge exclaimed.',
      "Judge Lena Hart then sent the jury home."),
     "Everything you said", "Lena Hart"),
    (("The court sat late on Friday.", '"Everything you said, I said," the judge exclaimed.',
      "The jury went home.", "The lawyers left.", "Judge Lena Hart will rule on Monday."),
     "Everything you said", "the judge"),
    # ... but one whose role, its last two words, is the description's is, and not the person
    # named before with another
    (("The campaign chairman, Tomas Berg, said he had not seen the letter.",
      "The Kent state attorney general is confirming that the harbour trust is not registered.",
      "But Attorney General Lena Hart is not saying whether the trust broke any law."),
     "the harbour trust is not registered", "Lena Hart"),
]  # fmt: skip


@pytest.mark.parametrize(("paragraphs", "words", "speaker"), DESCRIBED_BEFORE_NAMED_ROWS)
def test_a_description_is_someone_named_after_only_when_the_role_says_as_much(
    parser: object, paragraphs: tuple[str, ...], words: str, speaker: str
) -> None:
    assert speaker_of(parser, paragraphs, words) == speaker


WHO_HE_OR_SHE_IS_ROWS = [
    # a "he" right after a man's name and his verb of saying is his, in his own words: so is
    # the participle of saying the parse hangs from what he said
    (("Otto Brennan said he was tired of the delays.",
      "Mr Tomas Berg announced recently that he will step down as chairman earlier than planned,"
      " saying the board needs a change."),
     "board needs", "Tomas Berg"),
    # ... not when she is a woman
    (("Otto Brennan said he was tired of the delays.",
      "Ms Lena Hart announced recently that he will step down as chairman earlier than planned,"
      " saying the board needs a change."),
     "board needs", "Otto Brennan"),
    # a "his" after another name is that name's, not the subject's: she is still Lena Hart
    (("Lena Hart attacked comedian Otto Brennan for his crude jokes.",
      '"It is a shame people cannot write a clean script," she said.'),
     "It is a shame", "Lena Hart"),
    # a name after "a" modifies a noun ("a Golden Globe award"): no subject "she" may stand for
    (("Lena Hart starred in the film, which won a Golden Globe award last year.",
      '"It was an extraordinary time," she said.'),
     "It was an extraordinary time", "Lena Hart"),
    # "the ad's narrator" is someone else's, a new person, not the person just named
    (("Tomas Berg released a campaign advertisement on Monday.",
      '"The morning of Christmas came early," says the ad’s narrator.'),
     "The morning of Christmas came early", "the ad’s narrator"),
    # a name that opens the role of the person after it ("Kent governor Tomas Berg") is no
    # person; the person named after the role is the sentence's subject, and "he"
    (("Lena Hart won the county, and her rival Otto Brennan lost it.",
      "Former Kent governor Tomas Berg, a longtime ally of Brennan's, spoke next.",
      '"Not a chance," he said of a recount.'),
     "Not a chance", "Tomas Berg"),
    # a name inside the role set after the speaker's name is no subject "he" goes on with
    (("Tomas Berg, head of the port's Otto Brennan unit, said the fares would fall.",
      '"Ferries are cheap; the crossing is not," he said.'),
     "Ferries are cheap", "Tomas Berg"),
    # nor is a name inside what someone named before it in its sentence said
    (("Tomas Berg conceded that the pier cost more than any since Otto Brennan left.",
      '"We did not take that lightly," he said.'),
     "We did not take that lightly", "Tomas Berg"),
    # ... but a name after the quotation a verb of saying gave is past the words said
    (("Tomas Berg wrote on Monday, “The pier has a new fan,” after port spokesman Otto Brennan"
      " had praised the repairs.",
      "Brennan hit back: “Someone has to,” he wrote, “and I will go on cheering.”"),
     "Someone has to", "Otto Brennan"),
    # ... and so is the subject of the main clause after a clause opening with "when"
    (("When Otto Brennan noted that the mayor calls it “the night boat,” Lena Hart took up the phrase.",
      "“A night boat is still a ferry,” she said."),
     "A night boat is still a ferry", "Lena Hart"),
    # a quotation inside what was said does not end it
    (("Tomas Berg, despite admitting that he had “real concerns” about the pier, said he does believe"
      " Otto Brennan is right.",
      "“The money is there,” he said."),
     "The money is there", "Tomas Berg"),
    # with no subject before, "she" is the person named in this paragraph or the two before,
    # wherever in them (a feature's opening names its subject in passing)
    (("The new ferry pass matters most to people like Lena Hart, who crosses to the mainland twice a day.",
      "The 40-year-old nurse has worked at the hospital there for a decade.",
      '"Without the boat I have no job, and without the job I have no flat on the island," she said.'),
     "Without the boat I have no job", "Lena Hart"),
    # a "he" whose sentence follows one that "he" opens goes on with that "he", not with a
    # name in what that sentence said of him
    (("For Tomas Berg, head of the ferry firm, the new pier is a fine prospect. He has worked on"
      " it with Otto Brennan and the harbour board. \"There was a time when the pier stood"
      " empty,\" he said.",),
     "There was a time", "Tomas Berg"),
    # ... and nobody when two people named there may be "he"
    (("Last month, when I asked Otto Brennan if he would ever back Lena Hart for the harbour board, he"
      " laughed and walked off.",
      "It was one of our odder talks in the years I have covered the port.",
      "He is backing Hart for the harbour board now, after a long and bitter spring, and he says he will"
      " do everything he can to help her win the seat."),
     "he will do everything", None),
]  # fmt: skip


_BERG = entity("Tomas Berg", "PERSON", "Berg")
_HART = entity("Lena Hart", "PERSON", "Hart")


# Each table's rows with the entities the recogniser would give them.
@pytest.mark.parametrize(
    ("paragraphs", "words", "speaker", "found"),
    [
        *[(*row, (_BERG, entity("Otto Brennan", "PERSON", "Brennan"))) for row in HE_AFTER_OTHERS_ROWS],
        *[(*row, ()) for row in DOCUMENT_HELD_ROWS],
        *[(*row, (_BERG, entity("Democrat", "NORP", "Democrats"))) for row in TITLE_ROWS],
        *[(*row, (_BERG,)) for row in THE_ONE_INTRODUCED_ROWS],
        *[
            (*row, (_BERG, _HART, entity("Otto Brennan", "PERSON", "Brennan")))
            for row in WHO_HE_OR_SHE_IS_ROWS
        ],
    ],
)
def test_the_speaker_by_what_the_article_said_before(
    parser: object, paragraphs: tuple[str, ...], words: str, speaker: str | None, found: tuple[Entity, ...]
) -> None:
    assert speaker_of(parser, paragraphs, words, found) == speaker


def test_a_speech_verb_inside_a_name_is_no_cue(parser: object) -> None:
    # "the United States": "States" is a word of a place's name, not the verb "states"
    art = article(
        "Lena Hart and Otto Brennan compared two countries in a new book.",
        "In the United States, they write, “most people there go to church on Sunday.”",
    )
    quote = quote_with(find_quotes(art, (_HART, _BERG), parser=parser), "go to church")  # type: ignore[arg-type]
    assert quote.cue != "States"
    assert quote.speaker_mention is None or quote.speaker_mention.text != "the United"


def test_offsets_map_back_across_a_short_quotation_kept_as_written() -> None:
    text = 'Pay fell, lead singer Ines “Nessa” Marlow said. "We will keep sailing every night of the winter," she said.'
    short = (text.index("Nessa"), text.index("Nessa") + len("Nessa"))
    long_start = text.index("We will")
    masked = masked_paragraph(text, [short, (long_start, text.index('," she'))])
    name = masked.text.index("Ines")
    end = masked.text.index(" said.")
    assert _original(masked, name, end) == (text.index("Ines"), text.index(" said."))
    stand_in = masked.text.index("It is so")
    assert _original(masked, name, stand_in + 3) is None  # into a stand-in: no original words


@pytest.fixture(scope="session")
def parser() -> object:
    if nlp.parse(["A test."]) is None:
        pytest.skip("no spaCy pipeline with a parser")
    return nlp.parse


PARSE_ROWS = [
    # (paragraphs, words of the quote, speaker, cue)
    # A speech verb the lexicon lacks, known by the reported clause.
    (
        (
            'Owen Lusk said the night boat was safe. "It has never missed a crossing," he said.',
            '"Then why did it stop on Friday?" Marta Kovac shot back.',
        ),
        "Then why",
        "Marta Kovac",
        "shot back",
    ),
    # The subject of the main clause, not the name in the clause before it.
    (
        (
            "Marta Kovac and Owen Lusk met the crew.",
            'When Kovac suggested a fare rise, Lusk fired back: "The fares rose last year already."',
        ),
        "fares rose",
        "Owen Lusk",
        "fired back",
    ),
    # A participle takes the subject of the verb it hangs from.
    (
        (
            "Marta Kovac visited the harbour.",
            'Kovac seemed ready to talk about the storm, telling the crew, "Nobody here is to blame."',
        ),
        "Nobody here",
        "Marta Kovac",
        "telling",
    ),
    # A paragraph of quotation after a sentence that ends with a colon.
    (
        (
            "Owen Lusk opened the meeting. Then Marta Kovac rose and said her piece:",
            '"The harbour stays public."',
        ),
        "harbour stays",
        "Marta Kovac",
        "said",
    ),
    # A pronoun after a participle of saying opens what was said; the sentence's subject spoke
    # the quotation after it.
    (
        (
            '"The fares are fair," Owen Lusk said. "They will stay," he noted.',
            "Kovac distanced herself from the board by saying he would be welcome. "
            '"I will support the plan, because I think it can work."',
        ),
        "support the plan",
        "Marta Kovac",
        "saying",
    ),
    # A closing mark with its space missing still closes.
    (
        ('"The fares are fair," Owen Lusk said.', '"Nobody here is to blame,"Kovac said. "Not the crew."'),
        "Nobody here",
        "Marta Kovac",
        "said",
    ),
    # The titled name opening the sentence before, whose participle of saying has no subject.
    (
        (
            '"The fares are fair," Owen Lusk said.',
            "Finance Minister Marta Kovac shrugged off the figures, saying they showed a busy season. "
            '"The harbour is busier than it has been in twenty years."',
        ),
        "harbour is busier",
        "Marta Kovac",
        "saying",
    ),
    # A second quotation in the sentence of the first goes on with its speaker.
    (
        (
            '"The fares are fair," Owen Lusk said.',
            "Kovac took a risk, telling the crew, “I am a sailor like you,” and, “Is there anyone here "
            "who fears the sea?” It worked.",
        ),
        "Is there anyone",
        "Marta Kovac",
        None,
    ),
    # "X quoted Y as saying": Y speaks, named or described, whoever quotes them
    (
        ('"The fares will rise," HNA quoted prosecutor Marta Kovac as saying.',),
        "fares will rise",
        "Marta Kovac",
        "saying",
    ),
    (
        ('"A deal is unlikely," Harbour News quoted one ferry trader as saying.',),
        "A deal is unlikely",
        "one ferry trader",
        "saying",
    ),
    # an infinitive of saying the parse sets beside the quotation reports it
    (
        (
            '"The fares are fair," Marta Kovac said.',
            "But much of the debate was so subdued that Mr. Lusk was prompted to say, ''So far, I cannot"
            " believe how civil it's been up here.''",
        ),
        "believe how civil",
        "Owen Lusk",
        "say",
    ),
    # the object of the verb an infinitive of saying hangs from says it
    (
        ('The vote on the fares prompted Kovac to say: "We will not give up the harbour."',),
        "not give up",
        "Marta Kovac",
        "say",
    ),
]


@pytest.mark.parametrize(("paragraphs", "words", "speaker", "cue"), PARSE_ROWS)
def test_parse_attribution(
    parser: object, paragraphs: tuple[str, ...], words: str, speaker: str, cue: str | None
) -> None:
    people = (entity("Marta Kovac", "PERSON", "Kovac"), entity("Owen Lusk", "PERSON", "Lusk"))
    quote = quote_with(find_quotes(article(*paragraphs), people, parser=nlp.parse), words)
    assert (quote.speaker, quote.cue) == (speaker, cue)


def test_the_sentence_before_lends_its_subject_only_to_a_quotation_standing_alone(parser: object) -> None:
    # "Ferry firms ... saying" before a sentence about two other bodies: its quotation is not
    # the firms' (nor Ferry Union's by its first word)
    paragraphs = (
        "Ferry firms have attacked the rules saying they could be forced to raise fares. The port "
        "faces two challenges, one from Harbour Lines and one from the Ferry Union, which has attacked "
        'the package as a "bad piece of law".',
    )
    found = (entity("Harbour Lines", "ORG"), entity("Ferry Union", "ORG"))
    assert speaker_of(parser, paragraphs, "bad piece", found) is None


def test_quote_in_a_sentence_about_someone_else_does_not_inherit_the_speaker(parser: object) -> None:
    art = article(
        '"We will keep the night boat," Owen Lusk said.',
        'Marta Kovac thanked the crew for "keeping the lights on through every storm this winter."',
    )
    people = (entity("Marta Kovac", "PERSON", "Kovac"), entity("Owen Lusk", "PERSON", "Lusk"))
    quote = quote_with(find_quotes(art, people, parser=nlp.parse), "keeping the lights")
    assert quote.speaker != "Owen Lusk"


def test_a_quotation_inside_a_clause_about_something_else_gets_no_parse_speaker(parser: object) -> None:
    art = article(
        'Owen Lusk told the crowd that the festival had "given the town its first summer in years."'
    )
    people = (entity("Owen Lusk", "PERSON", "Lusk"),)
    quote = only_quote(find_quotes(art, people, parser=nlp.parse))
    assert quote.speaker == "Owen Lusk"


def test_quote_after_a_clause_about_someone_else_does_not_inherit_the_speaker(parser: object) -> None:
    art = article(
        '"The night boat stays," Owen Lusk said.',
        'When Marta Kovac finally stood up — "We will fight for every sailing!" — the hall fell silent.',
    )
    people = (entity("Marta Kovac", "PERSON", "Kovac"), entity("Owen Lusk", "PERSON", "Lusk"))
    quote = quote_with(find_quotes(art, people, parser=nlp.parse), "every sailing")
    assert quote.speaker != "Owen Lusk"


# --- a lone capitalised common noun names nobody -----------------------------------------------

COMMON_NOUN_ROWS = [
    # (paragraphs, entities, speaker)
    # A plural role noun opening its sentence: some people, none named.
    (("The ferry stayed in port.", 'Volunteers wrote: "We ran out of bread by noon."'), (), None),
    # A singular role noun the recogniser did not take for a name.
    (
        ("The ferry stayed in port.", 'Treasurer wrote: "The books balance this year."'),
        (entity("Nell Park", "PERSON"),),
        None,
    ),
    # The same word as a surname the recogniser knows stays the speaker.
    (
        ("The ferry stayed in port.", 'Farmer wrote: "The rain came late this year."'),
        (entity("Farmer", "PERSON"),),
        "Farmer",
    ),
]


@pytest.mark.parametrize(("paragraphs", "found", "speaker"), COMMON_NOUN_ROWS)
def test_a_lone_role_or_document_noun_is_no_speaker(
    paragraphs: tuple[str, ...], found: tuple[Entity, ...], speaker: str | None
) -> None:
    assert only_quote(find_quotes(article(*paragraphs), found)).speaker == speaker


# --- two speakers in one paragraph -------------------------------------------------------------

SPLIT_ROWS = [
    # (paragraph, [(words of a quote, its speaker)])
    (
        '"The tide is late," said Mayor Ines Dahl. "We open the gates at noon," added Councillor Piet Ruud.',
        [("tide is late", "Ines Dahl"), ("gates at noon", "Piet Ruud")],
    ),
    (
        'Ruud met Dahl at dawn. "It is grim," she said, but "we will manage," said Piet Ruud.',
        [("we will manage", "Piet Ruud")],
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), SPLIT_ROWS)
def test_a_passage_with_its_own_named_speaker_is_a_quote_of_its_own(
    paragraph: str, expected: list[tuple[str, str]]
) -> None:
    quotes = find_quotes(article(paragraph))
    for words, speaker in expected:
        assert quote_with(quotes, words).speaker == speaker


@pytest.mark.parametrize(
    "paragraph",
    [
        'Marta Kovac, who has in the past described Owen Lusk as "a reckless captain", stayed home.',
        'Marta Kovac has declared Owen Lusk to be "the best captain on the coast" more than once.',
        # a name that modifies what is described
        'Marta Kovac, who has in the past described the Owen Lusk years as "a reckless era", stayed home.',
    ],
)
def test_the_one_a_quotation_describes_is_not_its_speaker(paragraph: str) -> None:
    people = (entity("Marta Kovac", "PERSON", "Kovac"), entity("Owen Lusk", "PERSON", "Lusk"))
    quotes = find_quotes(article("Owen Lusk sailed on Monday.", paragraph), people)
    assert all(q.speaker != "Owen Lusk" for q in quotes)  # a term said by nobody, or Kovac's


def test_the_one_by_whom_a_thing_was_described_is_the_speaker() -> None:
    art = article('The new ferry was described by Owen Lusk as "a floating bus with better coffee".')
    assert quote_with(find_quotes(art), "floating bus").speaker == "Owen Lusk"


def test_a_passage_introduced_by_its_own_speaker_is_not_joined_over_another_name() -> None:
    paragraph = 'Ines Dahl answers Piet Ruud with, "Why now? The tide is late?" Ruud then writes back, "You look tired."'
    quotes = find_quotes(article(paragraph))
    assert "look tired" not in quote_with(quotes, "Why now").text
    assert quote_with(quotes, "look tired").speaker == "Piet Ruud"


def test_a_passage_after_the_same_speaker_stays_one_quote() -> None:
    quotes = find_quotes(article('"The tide is late," said Ines Dahl. "We open at noon," she added.'))
    assert [q.speaker for q in quotes] == ["Ines Dahl"]
    assert len(only_quote(quotes).spans) == 2


# --- whom a pronoun stands for -----------------------------------------------------------------

PRONOUN_ROWS = [
    # (paragraphs, words of the quote, speaker)
    # A middle initial is part of a person's name, not an acronym.
    (
        (
            "William A. Lusk runs the ferry firm, and Harbour Lines Inc owns the pier.",
            'Mr. Lusk wrote to investors on Tuesday. "We will sail all winter," he said.',
        ),
        "sail all winter",
        "William A. Lusk",
    ),
    # A name after "Unlike" opens the sentence but is not its subject.
    (
        (
            "Piet Ruud came to Alder in 2019, a year after Ines Dahl.",
            "Unlike Dahl, he has not found work yet.",
            '"I apply every week," he said.',
        ),
        "apply every week",
        "Piet Ruud",
    ),
    # The subject of an inverted attribution (", adds X.") is who "she" is next.
    (
        (
            "Piet Ruud runs the harbour shop.",
            'The family will manage, adds Mara Lind. "We can borrow the money," she says.',
        ),
        "borrow the money",
        "Mara Lind",
    ),
]


@pytest.mark.parametrize(("paragraphs", "words", "speaker"), PRONOUN_ROWS)
def test_a_pronoun_stands_for_the_last_subject(paragraphs: tuple[str, ...], words: str, speaker: str) -> None:
    assert quote_with(find_quotes(article(*paragraphs)), words).speaker == speaker


def test_a_concession_after_the_paragraphs_speaker_is_background(parser: object) -> None:
    # "Although X has tweeted ..." after "Y said ...": the "he said" that follows goes on with Y
    paragraphs = (
        "Harbour spokesman Ola Reyes said the board counted 3,000 letters. Although Piet Ruud has "
        'tweeted "no contest" many times, the vote was not political. Voters were tired of the word, he said.',
        '"I know a campaign when I see one," he said.',
    )
    for path in (None, parser):
        assert (
            quote_with(find_quotes(article(*paragraphs), parser=path), "I know a campaign").speaker
            == "Ola Reyes"
        )  # type: ignore[arg-type]
    # a concession by the paragraph's own speaker stays theirs
    paragraphs = (
        'Judge Ola Reyes ruled on Monday. Though Reyes said she was loath to penalize the station, she said it "would send the wrong message" not to.',
    )
    assert (
        quote_with(find_quotes(article(*paragraphs), parser=parser), "wrong message").speaker == "Ola Reyes"
    )  # type: ignore[arg-type]


def test_a_description_then_a_name_after_two_passages_may_be_one_person() -> None:
    text = (
        'Ines Dahl spoke last. "The tide is late," the port director said. "We open at noon." '
        'Dahl said the gates are "older than the town."'
    )
    quotes = find_quotes(article(text))
    assert quote_with(quotes, "tide is late").spans == quote_with(quotes, "open at noon").spans


@pytest.mark.parametrize(
    ("text", "name", "before"),
    [
        ("Ana Lind said the pier was safe.", "Ana Lind", True),
        ("Ana Lind also said the pier was safe.", "Ana Lind", True),
        # the name ends its sentence: the next sentence's cue is its subject's
        ("The call was with Ana Lind. He said it went well.", "Ana Lind", False),
        # "and" + a verb of saying: the name is an object of the verb before it
        ("The song, titled Harbour Lights and described as a ballad, was a hit.", "Harbour Lights", False),
    ],
)
def test_a_name_before_a_verb_of_saying(text: str, name: str, before: bool) -> None:
    [run] = [r for r in name_runs(text) if r.name == name]
    assert before_cue(text, run) is before


NAMES_AND_PARSE_ROWS = [
    # (paragraphs, entities, words of the quote, speaker)
    # "B&Q." is a name ending a sentence, not an initial ("Q."): the sentence after it is
    # another, and "it added" goes on with the body that spoke in the one before.
    (
        (
            'Harlow Capital said shoppers had been put off by "prices that kept on climbing" at'
            ' B&Q. "It will be a hard spring for the chain," it added.',
        ),
        (entity("Harlow Capital", "ORG"), entity("B&Q", "ORG")),
        "hard spring",
        "Harlow Capital",
    ),
    # The parse joins "adding" to "was" inside what was written; "it" is not who adds.
    (
        (
            "Harbour Lines opened the meeting at the quay.",
            'The ferry crews spoke up too, with Otto Brennan writing that it was a "shambles" and'
            ' adding, "Nobody asked the people who work here."',
        ),
        (entity("Harbour Lines", "ORG"), entity("Otto Brennan", "PERSON")),
        "Nobody asked",
        "Otto Brennan",
    ),
    # "Farmer" after a first name the recogniser read as one person's is a surname, not the
    # role that makes "the union's general secretary ..." a description of someone named before.
    (
        (
            'Otto Brennan of the Harbour Board said the fares were too high. "Nobody can afford the'
            ' crossing," said Mr Brennan.',
            "The ferry union's general secretary Ana Farmer said: \"We will not sign a deal that cuts"
            ' the night boat."',
        ),
        (
            entity("Otto Brennan", "PERSON", "Brennan"),
            entity("Harbour Board", "ORG"),
            entity("Ana Farmer", "PERSON", "Farmer"),
        ),
        "night boat",
        "Ana Farmer",
    ),
    # The role a person is given says "he" or "she": the son is no "she".
    (
        (
            'Robin Hale, the daughter of a ferry captain, spoke first. "The boats are our life," Hale said.',
            "Then Kim Ashby, the harbour master's son, took the floor.",
            '"We cannot wait another winter," she said.',
        ),
        (entity("Robin Hale", "PERSON", "Hale"), entity("Kim Ashby", "PERSON", "Ashby")),
        "another winter",
        "Robin Hale",
    ),
    # Norland spoke after Ana Lind was named; "she" goes on with her, not with the country.
    (
        (
            "Ana Lind flew to the summit on Monday.",
            'Norland insisted that its fleet would stay "in port, whatever is signed".',
            '"We will not be rushed," she said.',
        ),
        (entity("Ana Lind", "PERSON", "Lind"), entity("Norland", "GPE")),
        "not be rushed",
        "Ana Lind",
    ),
]


@pytest.mark.parametrize(("paragraphs", "found", "words", "speaker"), NAMES_AND_PARSE_ROWS)
def test_who_speaks_where_a_name_ends_a_sentence_a_participle_is_misjoined_or_a_place_spoke(
    parser: object, paragraphs: tuple[str, ...], found: tuple[Entity, ...], words: str, speaker: str
) -> None:
    assert speaker_of(parser, paragraphs, words, found) == speaker


@pytest.mark.parametrize(
    ("role", "gender"),
    [
        ("the daughter of a ferry captain", "f"),
        ("the harbour master's son", "m"),
        ("actress", "f"),
        ("chief executive of Harbour Lines", ""),
        # the noun that heads the role, not one inside it
        ("the lawyer for the skipper's mother", ""),
        # a relative clause or a list names another's role
        ("whose husband", ""),
        ("and his spokeswoman", ""),
        # words after the noun that say where the one described was, or what they know
        ("a policewoman present during the storm", "f"),
        ("a woman familiar with the harbour board's plans", "f"),
    ],
)
def test_a_role_that_says_man_or_woman(role: str, gender: str) -> None:
    assert role_gender(role) == gender


@pytest.mark.parametrize(
    ("statement", "speaker"),
    [
        # "he" goes on with the spokesman who spoke last, whom the article does not name
        (
            "A spokesman for the Harbour Board said the pier would reopen in May.",
            "A spokesman for the Harbour Board",
        ),
        # ... unless someone else became a sentence's subject since
        (
            "A spokesman for the Harbour Board said the pier would reopen in May. Tomas Berg disagreed with him.",
            "Tomas Berg",
        ),
        # ... nor after a question: who answers is the one asked
        ("A reporter asked whether the pier would reopen in May.", "Tomas Berg"),
        # ... nor for a description that may stand for someone named
        ("The Republican presidential nominee said the pier would reopen in May.", "Tomas Berg"),
    ],
)
def test_he_after_a_statement_by_someone_described_is_theirs(
    parser: object, statement: str, speaker: str
) -> None:
    art = article(
        'Tomas Berg runs the ferry. "It has been a hard winter," Berg said.',
        statement + ' "We are nearly there," he said.',
    )
    quotes = find_quotes(art, parser=parser)  # type: ignore[arg-type]
    assert quote_with(quotes, "nearly there").speaker == speaker
