"""Reported speech and mixed quotes: the words that may report, the assembly of every quote,
and, with the shipped model, a table of sentences per construction (invented sentences)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from viewer.core import nlp
from viewer.core.lexicon import reporting_lemma
from viewer.core.model import Article, Quote, Span
from viewer.core.quotes import find_quotes
from viewer.core.quotes.evidence import masked_paragraph, plural_subject_before
from viewer.core.quotes.learned import tagger
from viewer.core.quotes.parse import ArticleParse, may_report
from viewer.core.quotes.reported import Candidate, ReportedContent, candidates, content_of, cue_subject
from viewer.core.quotes.statements import (
    ReportedStatement,
    _names_the_quoted,
    _not_asserted,
    _trimmed,
    assemble,
    clause_labels,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("said", "say"),
        ("says", "say"),
        ("told", "tell"),
        ("warned", "warn"),
        ("replies", "reply"),
        ("admitted", "admit"),
        ("noting", "note"),
        ("emphasised", "emphasise"),
        ("written", "write"),
        ("Announced", "announce"),
        # Beliefs, wishes and plans report no statement.
        ("believes", None),
        ("hoped", None),
        ("wants", None),
        ("planned", None),
        ("sailed", None),
        # A topic or a plan, not a statement; a denial says the opposite of its clause.
        ("spoke", None),
        ("proposed", None),
        ("denied", None),
    ],
)
def test_reporting_lemma(word: str, lemma: str | None) -> None:
    assert reporting_lemma(word) == lemma


@pytest.mark.parametrize(
    ("text", "reports"),
    [
        ("The mayor said the pier would reopen.", True),
        ("According to the council, the pier is safe.", True),
        ("Divers, she added, had checked the hull.", True),
        ("The pier reopened on Monday after a long winter.", False),
        ("She believes the pier is safe.", False),
    ],
)
def test_only_paragraphs_that_may_report_are_parsed(text: str, reports: bool) -> None:
    assert may_report(text) is reports


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        # a sentence that reports nothing is left out of the parse
        (
            "The pier reopened on Monday. The mayor said it was safe. Boats queued all day.",
            "The mayor said it was safe. ",
        ),
        # ... but the one a "they" that reports may stand for stays
        (
            "Fares rose in May. Traders expect a rebound. It will come soon, they say.",
            "Traders expect a rebound. It will come soon, they say.",
        ),
        # ... and so do a quotation, the short sentence after it, and a closing lead-in
        (
            'Crowds came. "It is a fine day." Holt smiled. The rain held off. Then came the speech:',
            '"It is so." Holt smiled. Then came the speech:',  # the quotation masked, as always
        ),
        # an abbreviation ends no sentence; a paragraph with nothing to read is parsed whole
        ("Mr. Holt said the pier was safe.", "Mr. Holt said the pier was safe."),
        ("The pier reopened. Boats queued.", "The pier reopened. Boats queued."),
    ],
)
def test_only_the_sentences_that_may_report_are_parsed(text: str, parsed: str) -> None:
    quoted = [(m.start() + 1, m.end() - 1) for m in re.finditer(r'"[^"]*"', text)]
    masked = masked_paragraph(text, quoted)
    assert masked.text == parsed
    # every kept word maps back to where it stands in the paragraph
    for m_start, o_start, size in masked.pieces:
        assert masked.text[m_start : m_start + size] == text[o_start : o_start + size]


def _direct(p: int, start: int, end: int, text: str, speaker: str | None = "Dana Holt") -> Quote:
    return Quote(text=text, speaker=speaker, cue="said", spans=(Span(p, start, end),))


def _reported(kind: str, p: int, start: int, end: int, text: str) -> ReportedStatement:
    return ReportedStatement(
        kind=kind,  # type: ignore[arg-type]
        content=Span(p, start, end),
        text=text,
        cue=Span(p, 0, 4),
        cue_text="said",
    )


def test_assembly_keeps_the_order_of_the_text_and_mixed_takes_its_fragment() -> None:
    direct = [
        _direct(0, 40, 50, "a disaster", speaker="Owen Lusk"),
        _direct(2, 1, 30, "We will sail again next week."),
    ]
    reported = [
        _reported("indirect", 1, 10, 40, "the ferry would run in May"),
        _reported("mixed", 0, 20, 70, 'the plan was "a disaster" for the harbour'),
    ]
    quotes = assemble(direct, reported)
    assert [(q.kind, q.spans[0].paragraph) for q in quotes] == [("mixed", 0), ("indirect", 1), ("direct", 2)]
    mixed = quotes[0]
    # The fragment is not given again on its own; its speaker stands in for the subject's.
    assert mixed.text == 'the plan was "a disaster" for the harbour'
    assert mixed.speaker == "Owen Lusk"
    assert mixed.cue_span == Span(0, 0, 4)


def test_a_quoted_title_in_a_statement_is_reported_speech_unless_the_verb_names_it() -> None:
    # "said the "Night Ferry" show was late": a title nobody is said to have said; "said it
    # was "a disaster"": words in small letters inside what is said are the speaker's own;
    # "called it "The Big Mistake"": the verb gives even a title as the speaker's words
    def term(text: str) -> Quote:
        return Quote(text=text, speaker=None, cue=None, spans=(Span(0, 40, 50),), kind="term")

    said = _reported("mixed", 0, 20, 70, 'the plan was "a disaster" for the harbour')
    assert [q.kind for q in assemble([term("Night Ferry")], [said])] == ["indirect"]
    assert [q.kind for q in assemble([term("a disaster")], [said])] == ["mixed"]
    called = replace(said, cue_text="called")
    assert [q.kind for q in assemble([term("The Big Mistake")], [called])] == ["mixed"]


def test_a_mixed_statement_does_not_cut_a_quotation_that_runs_past_it() -> None:
    direct = [_direct(0, 30, 90, "a long quotation that goes on")]
    quotes = assemble(direct, [_reported("mixed", 0, 10, 60, "part of it")])
    assert [q.kind for q in quotes] == ["direct"]


# --- with the shipped model --------------------------------------------------------------------


@pytest.fixture(scope="module")
def parser() -> object:
    if nlp.parse(["A test."]) is None:
        pytest.skip("no spaCy pipeline with a parser")
    if tagger("reported") is None:
        pytest.skip("no reported-speech model in the package")
    return nlp.parse


def _statements(parser: object, *paragraphs: str) -> list[Quote]:
    article = Article(path="t.txt", format="text", title="A test", paragraphs=paragraphs)
    return [q for q in find_quotes(article, parser=parser) if q.kind in ("indirect", "mixed")]  # type: ignore[arg-type]


REPORTED_ROWS = [
    # (paragraph, the reported words expected, speaker, cue): the cue before its clause
    ("Ines Marlow said the night ferry would stop running in March.",
     "the night ferry would stop running in March", "Ines Marlow", "said"),
    ("The harbour authority said that the pier was safe to use again.",
     "the pier was safe to use again", "The harbour authority", "said"),
    ("Colm Adeyemi told reporters the timetable would change after the election.",
     "the timetable would change after the election", "Colm Adeyemi", "told"),
    ("Petra Lindqvist warned that the union would strike if the late boat was cut.",
     "the union would strike if the late boat was cut", "Petra Lindqvist", "warned"),
    # after it
    ("The late sailing will be cut from April, the operator announced on Tuesday.",
     "The late sailing will be cut from April", "the operator", "announced"),
    # inside it: the two parts are one statement
    ("The repairs, Otto Brennan said, would take most of the summer.",
     "The repairs would take most of the summer", "Otto Brennan", "said"),
    # "according to"
    ("According to the harbour authority, 1,200 cars crossed on the first weekend.",
     "1,200 cars crossed on the first weekend", "the harbour authority", "According to"),
    # before the cue, "That" is the statement's own word (after it, "said that" is not)
    ("That leaves the ferry a second chance, according to the harbour authority.",
     "That leaves the ferry a second chance", "the harbour authority", "according to"),
    ("According to the harbour authority, that target is met on most days.",
     "that target is met on most days", "the harbour authority", "According to"),
    # "that's" after the cue is the statement's pronoun, not the word that introduces it
    ("Otto Brennan says that’s not how the crew sees it.",
     "that’s not how the crew sees it", "Otto Brennan", "says"),
    # "according to" the evidence a report rests on: records, a count, people who know
    ("The ferry carried 40,000 cars last year, according to county records.",
     "The ferry carried 40,000 cars last year", None, "according to"),
    ("Marlow leads the race by 300 votes, according to a count by the Harbour Gazette.",
     "Marlow leads the race by 300 votes", None, "according to"),
    # passive
    ("Ines Marlow was quoted as saying the crossing had never been safer.",
     "the crossing had never been safer", "Ines Marlow", "saying"),
    # what a cue in a subordinate clause reports ends with that clause
    ("Although Otto Brennan has admitted using the old pier, he does not defend it.",
     "using the old pier", "Otto Brennan", "admitted"),
    ("While Ines Marlow has said her fares will be fair, she has made clear they will rise.",
     "her fares will be fair", "Ines Marlow", "said"),
    # ... but "As X observed, ..." reports the main clause
    ("As Otto Brennan observed, the late boat is always full.",
     "the late boat is always full", "Otto Brennan", "observed"),
    # a participle's speaker is its verb's subject, not the "by" of a passive
    ("Ines Marlow was booed and shouted down by dock workers after telling the crowd that the pier would close.",
     "the pier would close", "Ines Marlow", "telling"),
    # an infinitive of saying completing what a person did or was quick to do
    ("Otto Brennan went on to say that the pier would reopen in May.",
     "the pier would reopen in May", "Otto Brennan", "say"),
    ("Ines Marlow was quick to say that the late boat would stay.",
     "the late boat would stay", "Ines Marlow", "say"),
    # agreeing that something is so is a statement (agreeing to do it is not)
    ("Marlow Ferries agreed that the fares had been too high.",
     "the fares had been too high", "Marlow Ferries", "agreed"),
    # what a verb of telling reports, where the parse hangs it from who heard it or from
    # where it was said
    ("The mayor warned islanders that the old ferry would stop running in May.",
     "the old ferry would stop running in May", "The mayor", "warned"),
    ("The ferry firm said in a statement that the pier was safe to use.",
     "the pier was safe to use", "The ferry firm", "said"),
    # a predicate with a subject is a clause, whatever the tagger calls its head ("suited")
    ("Ana Dahl said Lind is best suited to get big money out of the harbour board.",
     "Lind is best suited to get big money out of the harbour board", "Ana Dahl", "said"),
    # what is said of the cue's object is a statement, though no verb heads it
    ("Ines Marlow accused the harbour board of hiding the repair figures.",
     "the harbour board of hiding the repair figures", "Ines Marlow", "accused"),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("paragraph", "words", "speaker", "cue"), REPORTED_ROWS)
def test_reported_statements_by_construction(
    parser: object, paragraph: str, words: str, speaker: str | None, cue: str
) -> None:
    found = _statements(parser, paragraph)
    assert len(found) == 1, found
    [quote] = found
    assert quote.kind == "indirect"
    assert words in quote.text and len(quote.text) <= len(words) + 12, quote.text
    assert quote.speaker == speaker
    assert quote.cue is not None and quote.cue.lower().startswith(cue.lower())


# Who speaks, by how news names a source: (paragraphs, the last statement's speaker).
SPEAKER_ROWS = [
    # a description keeps the words that say who it is
    (("A person familiar with the talks said the two ferry firms would merge.",),
     "A person familiar with the talks"),
    (("Lind began calling senators, according to a person familiar with the talks but unauthorized to speak.",),
     "a person familiar with the talks"),
    # a name in apposition names the person, even when the parse hangs it from the firm
    (("A spokesman for Harbour Builders, Dr Ines Marlow, told reporters that the firm would hire.",),
     "Ines Marlow"),
    # a number is part of who speaks: a poll's share, a count of officials
    (("About 40 percent of islanders in the north said they would back the new bridge.",),
     "About 40 percent of islanders in the north"),
    (("Two harbour officials said the pier would reopen.",), "Two harbour officials"),
    (("Then 2,315 ferry users said they wanted the pier to reopen.",), "2,315 ferry users"),
    # ... and a description that opens its sentence with a capital is no body "the poll" is
    (("Ana Lind and Otto Brennan are level, according to a new Harbour Gazette poll.",
      "Nine in 10 islanders say they will vote in May.",
      "The poll suggests the north will decide it."),
     "Harbour Gazette"),
    # plural sources, as written
    (("Aides said the mayor would not run again.",), "Aides"),
    # the same description again is the same source
    (("Officials at the port authority said the pier would close in May.",
      "The officials said the repairs would cost more than planned."),
     "Officials at the port authority"),
    # a participle of saying is the speaker's, not the reported clause's subject
    (("Ines Marlow argued that the fares were too high, noting that the ferry had lost riders all year.",),
     "Ines Marlow"),
    # a name that modifies a noun is not who speaks
    (("Marlow's office said the mayor would attend the opening.",), "Marlow's office"),
    (("The Harbour Trust study said ferry use had risen by a third.",), "Harbour Trust"),
    # a platform that is the subject of saying is the company
    (("Facebook said it had removed the accounts.",), "Facebook"),
    # a person named, then described
    (("Tomas Brandt scored twice for the visitors on Sunday.",
      "The 26-year-old said the team had finally found its rhythm."),
     "Tomas Brandt"),
    # two names joined: both speak
    (("Ines Marlow and Otto Brennan said the ferry would keep running.",), "Ines Marlow and Otto Brennan"),
    # "he said Adeyemi ...": he is not Adeyemi
    (("Colm Adeyemi met Mayor Otto Brennan at the pier on Monday.",
      "Later he said Adeyemi had been warned twice about the gate."),
     "Otto Brennan"),
    # the speaker goes on: "she" is who spoke last, not the name between
    (("Ines Marlow said she would keep the ferry running through the winter.",
      "The council has not approved the budget drafted by Otto Brennan. She added that the night boat would stay."),
     "Ines Marlow"),
    # ... unless someone else became the subject in between
    (("Colm Adeyemi said he would keep the fares as they are.",
      "Treasurer Otto Brennan acknowledged the point. He said the budget was short by a million."),
     "Otto Brennan"),
    # an acronym is the name it stands for
    (("The Harbour Safety Board published its findings on Monday.", "The HSB said the pier had been safe all year."),
     "Harbour Safety Board"),
    # a body that spoke goes on as "the group" or in "a statement"
    (("The Harbour Trust said the pier would reopen in May.", "The group said the repairs had cost less than planned."),
     "Harbour Trust"),
    (("The aid group Saltmarsh Relief Foundation said its director had resigned.",
      "A statement said the charity would name a successor within a month."),
     "Saltmarsh Relief Foundation"),
    # "police said", without an article, is the police as written, not a police body named elsewhere
    (("The Office of the Harbour Police Review criticised the force last year.",
      "On Friday, police said the pier had been closed for the night."),
     "police"),
    # a document speaks for whoever the article said spoke in it
    (("Ines Marlow wrote in a recent report for the Harbour Trust that fares were too high.",
      "The report said the night ferry lost money every winter."),
     "Ines Marlow"),
    (("Colm Adeyemi, a researcher at the Harbour Trust, stated in the trust's blog post that the pier was unsafe.",
      "According to the post, the repairs would take a year."),
     "Colm Adeyemi"),
    # "he" in a clause hanging from a named subject's verb is that person
    (("Otto Brennan met the council on Monday.",
      "Colm Adeyemi was visibly angry on Monday when he told reporters that the council had broken its promise."),
     "Colm Adeyemi"),
    # "the official" is somebody news does not name, never the minister just named
    (("Justice Minister Ines Marlow announced the review on Monday.",
      "The justice official told reporters that most requests were approved."),
     "The justice official"),
    # "they" is the plural subject before it, as written
    (("Harbour pilots are eager to return to work, and they say the new berth is safe.",), "Harbour pilots"),
    # "he" never goes back past someone else who spoke since: the one who spoke goes on ...
    (("Otto Brennan opened the new berth on Monday.",
      "According to Colm Adeyemi, a ferry pilot, the tide had been calm all morning.",
      "He said the berth would be busy all summer."),
     "Colm Adeyemi"),
    # ... and when another person became a subject since, nobody rather than a guess
    (("Otto Brennan opened the new berth on Monday.",
      "According to Colm Adeyemi, a ferry pilot, the tide had been calm all morning.",
      "Ines Marlow watched from the quay, where she has worked for years. He said the berth would be busy all summer."),
     None),
    # ... but may, when the one who spoke since is known to be someone "he" is not
    (("Otto Brennan opened the new berth on Monday.",
      "Ines Marlow, a ferry pilot, said she had never seen the tide so calm.",
      "He said the berth would be busy all summer."),
     "Otto Brennan"),
    # a hyphenated role is one word, whichever piece the parse made the subject
    (("Co-founder Ola Reyes said the bakery would open a second shop.",), "Ola Reyes"),
    (("The co-owner of the bakery, Ines Marlow, said rents were too high.",), "Ines Marlow"),
    (("The vice-president said the ferry would keep running.",), "The vice-president"),
    (("Ines Marlow, Otto Brennan and Jonas Pike said the ferry would keep running.",),
     "Ines Marlow, Otto Brennan and Jonas Pike"),
    # names and a description joined speak together, as written
    (("Tarsia, Velmora and the harbour authority have all stated that the ferry will keep running.",),
     "Tarsia, Velmora and the harbour authority"),
    # a word that counts people names nobody; with the words that say who, it stands
    (("The ferry has been late all week. Some said the timetable should change.",), None),
    (("Several of the ferry pilots said the timetable should change.",), "Several of the ferry pilots"),
    # a long title before a name: the parse may hang both from the verb; the name speaks
    (("Former Harbour Board chairman and longtime ferry pilot Ines Marlow is calling for the pier to reopen.",),
     "Ines Marlow"),
    # a role described with whose it is introduces someone, unless the article gave it
    (("Ines Marlow appeared in court on Monday.",
      "According to the lawyer for the harbour trust, the pier had been closed for a week."),
     "the lawyer for the harbour trust"),
    # a wire story's dateline is no part of the sentence, and never its subject
    (("PORT ALDER, Tarsia (Harbour Wire) - Mayor Ines Marlow said on Monday that the ferry would run again.",),
     "Ines Marlow"),
    (("Port Alder (Harbour Wire) – Councillor Otto Brennan said on Monday that the ferry would run again.",),
     "Otto Brennan"),
    (("PORT ALDER — Councillor Otto Brennan blamed the storm for the delay, saying the pier had been closed for a week.",),
     "Otto Brennan"),
    # "the study" again is the study named before
    (("The Harbour Trust study said ferry use had risen by a third.", "The study said fares had not changed since 2019."),
     "Harbour Trust"),
    # a nickname in quotation marks inside the speaker's name
    (("Ferry crews will be cut by a third, union leader Ines “Nessa” Marlow told members on Monday.",),
     "Ines Marlow"),
    # a role someone else's is a new person ("the victim's mother"), as written
    (("Colm Adeyemi was jailed for life on Friday.", "The victim's mother said the family could finally rest."),
     "The victim's mother"),
    # a body's name that goes on through "of" is the body, not the person spoken of before
    (("Howard Archer, an economist, spoke first.",
      "The British Chambers of Commerce said it was concerned about the clamour for higher rates."),
     "British Chambers of Commerce"),
    # "the newspaper" is the paper that reported last, whoever its report is about
    (("The Harbour Gazette reported that the ferry would be sold.",
      "Harbour Lines Inc will cut its winter crossings, the newspaper reported."),
     "Harbour Gazette"),
    # "the company" is the body that spoke last ...
    (("Ferry use will fall by a tenth next year, according to shipping broker Alder Marine Ltd.",
      "The company said fares would rise in the spring."),
     "Alder Marine Ltd"),
    # ... unless another body became a sentence's subject since
    (("Ferry use will fall by a tenth next year, according to shipping broker Alder Marine Ltd.",
      "In June, Harbour Lines Inc cut its winter crossings in a move the company said would save money."),
     "Harbour Lines Inc"),
    # a paper that quotes someone "as saying" passes their words on: the one quoted speaks
    (("The Harbour Gazette quoted Ines Marlow as saying the pier would reopen in May.",),
     "Ines Marlow"),
    # "you" is the reader, or the one an interviewer asks: never a speaker shown as "you"
    (("Q: You said yesterday that the night boat is still the slowest in the country.",),
     None),
    # a name that ends in a role's word is a name (a paper here), never the person spoken of
    (("Mayor Ines Marlow defended the ferry plan.",
      "The plan will cost the town about $2 million, the Port Alder Harbour Leader reported."),
     "the Port Alder Harbour Leader"),
    # a page's buttons run into a name: nobody's name
    (("Dana HoltFlagShareLikeReplyAni Vell said the pier would reopen in May.",),
     None),
    # "the analyst" is the one just named, not an analyst a later paragraph introduces
    (("In a note on Tuesday, Harbour Bank analyst Daniel Reyes said the fares were too low."
      " That leaves room for a rise, according to the analyst.",
      "Alder Securities analyst Otto Brennan is more cautious about the ferry."),
     "Daniel Reyes"),
    # a label before a colon is no subject: the verb's own subject is the one next to it
    (("HARBOUR FEES: By Friday, the port authority confirmed that the charges would rise.",),
     "the port authority"),
    # a relative pronoun beside the one who says: the speaker is the one who says
    (("Dock workers sent the council a petition, which they said carried 4,000 names.",),
     "Dock workers"),
    # a cue between commas: its own subject is the one between them
    (("Passengers, Ines Marlow insisted, need not worry that the fares will rise.",),
     "Ines Marlow"),
    # otherwise the first, as written: a participle's subject is the one it follows, however
    # the sentence goes on
    (("Mayor Otto Brennan, despite saying he had doubts about the pier, the crews will be paid"
      " in full.",),
     "Otto Brennan"),
    # "he" opening a sentence goes on with the last sentence's subject, not the name ending it
    (("Tomas Berg was the third witness who heard the call with harbour master Otto Brennan."
      " He said he was not worried about what was said on the call.",),
     "Tomas Berg"),
    # an impersonal passive names nobody: "it" is no company named before
    (("Harbour Lines Inc sold 40 ferries last year. It was reported that the fleet would shrink"
      " again.",),
     None),
    # "it" in a clause hanging from a named body's sentence is that body
    (("Alder Marine Ltd sold a ferry. Harbour Lines Inc could bid for the route as well, though"
      " it said that the fleet is full.",),
     "Harbour Lines Inc"),
    # "the panel" is the panel the article introduced, not the last company named since
    (("The winter fares are too low, said a panel of shipping experts.",
      "Harbour Lines Inc raised its fares on Monday.",
      "The late boat will stay, according to the panel."),
     "a panel of shipping experts"),
    # "it" after a sentence naming several bodies is its subject, not the last of a list ...
    (("Harbour Lines Inc now competes on the night crossing with Alder Marine Ltd and Brill"
      " Ferries Ltd. It said the late boat would stay.",),
     "Harbour Lines Inc"),
    # ... unless another of them spoke in it: that one goes on speaking
    (("Harbour Lines Inc has cut its fares before, according to Alder Marine Ltd, which tracks"
      " them. It said the late boat would stay.",),
     "Alder Marine Ltd"),
    # "he" goes on with a speaker described by a role that says man or woman, not with a
    # person only listed before
    (("Only two of its dancers, Ana Lind and Tomas Berg, grew up on the island. A spokesman for"
      " the Harbour Ballet told reporters that a quarter of the company came from the mainland."
      " He said the auditions were fierce.",),
     "A spokesman for the Harbour Ballet"),
    # ... but not with one whose role says the other
    (("Tomas Berg runs the island's ballet school. A spokeswoman for the Harbour Ballet Trust told"
      " reporters that a quarter of the company came from the mainland. He said the auditions were"
      " fierce.",),
     "Tomas Berg"),
    # a body named by whose it is keeps its whole name
    (("The Harbour Master's Office said on Monday that the pier would reopen.",),
     "Harbour Master's Office"),
    # a gerund's own subject after "about", "over", "with" ... is who says it
    (("Harbour Radio's Dr. Tomas Berg will be interviewed about Bishop Ana Lind calling the"
      " festival a sham.",),
     "Ana Lind"),
    # ... but not the one a message goes to, nor a place
    (("The mayor wrote to Alder Ferries saying the pier would close.",), "The mayor"),
    (("They were arrested as they dropped leaflets at Vell University calling for a \"day of"
      " reckoning\" with the old regime.",),
     None),
    # a first name given as a relative is not another family's full name
    (("Joe Brill chairs the harbour trust.",
      "Marlow's father, Joe, says his son grew up on the island."),
     "Joe"),
    # the object of the verb an infinitive of saying hangs from is who says it
    (("The harbour board has kept the fares for a year, leading some islanders to argue that"
      " the ferry will close.",),
     "some islanders"),
    (("The storm forced Harbour Lines to admit that the ferries were late.",), "Harbour Lines"),
    # a dash with a space before it sets phrases apart: what lies before it is no part of who
    (("Marlow is trusted far more than Kovac - 60 percent of islanders said she would run the"
      " ferry better.",),
     "60 percent of islanders"),
    # ... and an aside between two dashes describes the noun before it
    (("Kell Ferries - Alder's biggest shipping owner - admitted that the night boat lost money.",),
     "Kell Ferries"),
    (("But the council - Alder's largest land owner - say they are proceeding cautiously.",),
     "the council"),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("paragraphs", "speaker"), SPEAKER_ROWS)
def test_the_speaker_of_a_statement_by_how_the_source_is_named(
    parser: object, paragraphs: tuple[str, ...], speaker: str | None
) -> None:
    found = _statements(parser, *paragraphs)
    assert found, "no statement found"
    assert found[-1].speaker == speaker


DOCUMENT_ROWS = [
    # a document nobody is said to have written is the source, not a speaker
    (("The original cost of the pool was $35 million, city documents say.",), None, "city documents"),
    (("A tweet last week said there were no ambulances free in the city.",), None, "A tweet"),
    (
        (
            "Reports in the Harbour Gazette and the Coast Times suggested that the ferry firm was planning a bid.",
        ),
        None,
        "Reports in the Harbour Gazette and the Coast Times",
    ),
    # who holds a document did not write it
    (
        ("Emails obtained by the Coast Times reveal that the mayor knew of the leak.",),
        None,
        "Emails obtained by the Coast Times",
    ),
    # a document speaks for the author the article gives it
    (
        ("An August report from the Harbour Budget Office estimates the pier cost $4 million.",),
        "Harbour Budget Office",
        None,
    ),
    (
        ("A June 2017 study by the Senate Transport Committee said the line was badly planned.",),
        "Senate Transport Committee",
        None,
    ),
    # the people of a name wrote it, not the name ("a motion by Mr Jackson's lawyers")
    (
        ("A study by Harbour Trust's researchers said ferry use had doubled.",),
        "Harbour Trust's researchers",
        None,
    ),
    (
        ("The pier is safe, according to a study which is being released Monday by Harbour Watch.",),
        "Harbour Watch",
        None,
    ),
    (("A Lakeside Transit study concluded the line would cost twice as much.",), "Lakeside Transit", None),
    (
        ("Reports from Harbour Watch suggested that the ferry firm was planning a bid.",),
        "Harbour Watch",
        None,
    ),
    # a document a description owns is the owner's: the body it stands for, else as written
    (
        (
            "Harbour Ferries Ltd said on Monday that it would cut its winter timetable.",
            "The company's statement said the cuts would last a month.",
        ),
        "Harbour Ferries Ltd",
        None,
    ),
    (("The council's statement said the pier would stay shut until May.",), "The council", None),
    # a document put out by someone, as the object of their verb, is theirs
    (
        ("The Harbour Trust issued a statement saying it had closed the pier because of the storm damage.",),
        "Harbour Trust",
        None,
    ),
    (
        ("Ines Marlow released a video on Monday that said the pier would be rebuilt by the summer.",),
        "Ines Marlow",
        None,
    ),
    # not when the document names its author, nor when the verb does not put it out
    (
        (
            "Ines Marlow released a letter from her doctor on Friday that says she is fit to run for a third term.",
        ),
        None,
        "a letter from her doctor",
    ),
    (
        ("The ferry firms are challenging a Harbour Court ruling which said the pier belonged to the town.",),
        "Harbour Court",
        None,
    ),
    # "the report" later is the report whose author the article gave
    (
        (
            "A study by the Coastal Policy School looked at nine ferry routes last year.",
            "The report said most of the routes lost money.",
        ),
        "Coastal Policy School",
        None,
    ),
]


@pytest.mark.model
def test_it_before_an_infinitive_is_the_body_spoken_of_not_an_impersonal_passive(parser: object) -> None:
    # "It is reported to be keen on ..." says something of the company, not a clause that was
    # reported: no statement opens with the pronoun as if it were what was said.
    found = _statements(
        parser,
        "Harbour Lines Inc sold 40 ferries last year. It is reported to be keen on buying a second ferry.",
    )
    assert not [q for q in found if q.text.startswith("It ")]


@pytest.mark.model
def test_a_role_for_one_body_is_not_the_person_named_later_for_another(parser: object) -> None:
    first, _ = _statements(
        parser,
        "A spokesman for the Harbour Board said it was the busiest summer yet.",
        "Port Alder had long queues too. Spokesman Otto Brennan said the queues had never been longer.",
    )
    assert first.speaker == "A spokesman for the Harbour Board"
    # ... and is when the later role names the same body.
    first, _ = _statements(
        parser,
        "A spokesman for harbour candidate Ines Marlow said the fares were fair.",
        "Marlow spokesman Otto Brennan said later that the ferry would run.",
    )
    assert first.speaker == "Otto Brennan"
    # A lead's role with no body named is the person the article names for it later.
    first, _ = _statements(
        parser,
        "A spokesman said it was the busiest summer yet.",
        "Spokesman Otto Brennan of the Harbour Board said the queues had never been longer.",
    )
    assert first.speaker == "Otto Brennan"


@pytest.mark.model
@pytest.mark.parametrize(("paragraphs", "speaker", "document"), DOCUMENT_ROWS)
def test_a_document_is_a_source_and_speaks_only_for_its_author(
    parser: object, paragraphs: tuple[str, ...], speaker: str | None, document: str | None
) -> None:
    found = _statements(parser, *paragraphs)
    assert found, "no statement found"
    assert (found[-1].speaker, found[-1].document) == (speaker, document)


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("Staff were told by the manager that the canteen would close.", "manager"),
        ("Staff were told that the canteen would close.", None),
        ("The manager told staff that the canteen would close.", "manager"),
        ("Nurses rarely rest and are told that the wards will stay open.", None),
    ],
)
def test_who_was_told_is_not_who_spoke(parser: object, sentence: str, subject: str | None) -> None:
    [doc] = parser([sentence])  # type: ignore[operator]
    told = next(t for t in doc if t.text == "told")
    found = cue_subject(told)
    assert (found.text if found is not None else None) == subject


NOT_STATEMENTS = [
    # negation, a question, a condition, beliefs and plans: nothing said
    "Ines Marlow did not say the ferry would stop running.",
    "Did Colm Adeyemi say the timetable would change?",
    "If the operator says the boat is safe, the council will reopen the pier.",
    "Whenever the mayor says the ferry is safe, the crews laugh.",
    "Petra Lindqvist believes the late boat will survive the budget.",
    "The harbour authority wants the pier rebuilt before the summer.",
    "Otto Brennan hopes the repairs will be done by June.",
    "The operator denied that the night boat was unsafe.",
    # a refusal, a plan or a forecast of saying: nothing said yet
    "A spokesperson for Marlow Ferries declined to say whether the night boat would return.",
    "The operator had planned to tell passengers that the pier was closing.",
    "The minister is expected to announce that the bridge will be built.",
    # an infinitive of saying that is the writer's turn of phrase, a duty or an arrangement
    "Which is not to say that the night boat was ever safe.",
    "The harbour master is to announce that the bridge will be built.",
    # "according to" a rule or a plan: nobody's statement
    "The pier must close at midnight, according to the harbour bylaws.",
    # a verb of saying in a title is a word of the title
    "Their singles include Harbour Lights, You Said No and Who Told Marlow?",
    # what was said, named and not reported
    "While not everything the mayor says is true, the ferry runs on time.",
    "Passengers believe everything the captain tells them.",
    # nothing said about it, a deal agreed to, hearsay about someone by nobody named
    "Island ministers said nothing about supporting the ferry, whose losses could further hurt trade on the coast.",
    "Marlow Ferries has agreed to pay the fishermen for their lost nets.",
    "Profits at Harbour Lines rose by 5% but were said to have been hit by a series of fuel price rises.",
    # what is argued against is a thing, though a relative clause on it has a verb
    "Harbour Lines is arguing against an offer from Alder Ferries, which the firm raised to $8m last week.",
]


@pytest.mark.model
@pytest.mark.parametrize(
    ("paragraph", "content", "cue", "named"),
    [
        # the name after a cue that attributes a quotation is who said it
        (
            '"It looks bleak," said Tarsian union official Ola Reyes.',
            "Tarsian union official Ola Reyes",
            "said",
            True,
        ),
        # a clause after the cue is reported, even right after a quotation
        ('"We grew fast," adding that the firm would hire.', "the firm would hire", "adding", False),
        ('"It was safe," said the pier would reopen.', "the pier would reopen", "said", False),
        # what stands before the cue is the quotation's own words
        ('"The pier is safe," Ola Reyes said.', "The pier is safe", "said", False),
    ],
)
def test_a_name_after_a_cue_that_attributes_a_quotation_is_not_reported(
    paragraph: str, content: str, cue: str, named: bool
) -> None:
    start, cue_start = paragraph.index(content), paragraph.index(cue)
    found = ReportedContent(0, start, start + len(content), cue_start, cue_start + len(cue), cue)
    assert _names_the_quoted([paragraph], found) is named


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "cue", "content"),
    [
        (
            "Island leaders assured their members that the new pier was safe.",
            "assured",
            "the new pier was safe",
        ),
        # when and where it was said, up to the "that" the clause opens with, are not it either
        (
            "The harbour board said a week later that it had not approved the sale.",
            "said",
            "it had not approved the sale",
        ),
        # an object the parse gives a clause without a subject of its own is that clause's subject
        (
            "And Ms Marlow warned island ferries could soon stop running the night service.",
            "warned",
            "island ferries could soon stop running the night service",
        ),
    ],
)
def test_who_heard_it_when_and_where_are_no_part_of_what_was_told(
    parser: object, sentence: str, cue: str, content: str
) -> None:
    parse = ArticleParse((sentence,), {}, parser)  # type: ignore[arg-type]
    [candidate] = [c for c in candidates(parse, 0) if c.cue.lower_ == cue]
    # a labeller that marks everything after the cue, listeners too
    after = [t.i > candidate.cue.i and not t.is_punct for t in candidate.sentence]
    labels = ["B" if on and not any(after[:k]) else "I" if on else "O" for k, on in enumerate(after)]
    [found] = content_of(parse, candidate, labels)
    assert sentence[found.start : found.end] == content


@pytest.mark.parametrize("paragraph", NOT_STATEMENTS)
def test_what_is_not_a_statement(parser: object, paragraph: str) -> None:
    assert _statements(parser, paragraph) == []


@pytest.mark.parametrize(
    ("sentence", "cue", "asserted"),
    [
        # what was said, named and not reported: "everything X says"
        ("While not everything Otto Brennan says is true, the ferry runs.", "says", False),
        ("Not everything the mayor says is true.", "says", False),
        # a relative clause with a clause of its own reports, and so does "what X says is ..."
        ("The man who said that fares would rise was right.", "said", True),
        ("What the operator says is a loss of money.", "says", True),
    ],
)
def test_what_was_said_named_is_no_statement(parser: object, sentence: str, cue: str, asserted: bool) -> None:
    (doc,) = nlp.parse([sentence]) or ()
    token = next(t for t in doc if t.text == cue)
    assert _not_asserted(Candidate(0, token.sent, token)) is not asserted


@pytest.mark.model
def test_a_paraphrase_with_a_quoted_fragment_is_one_mixed_quote(parser: object) -> None:
    paragraph = 'Owen Lusk said the new timetable was "a disaster for the islands" and should be dropped.'
    article = Article(path="t.txt", format="text", title="A test", paragraphs=(paragraph,))
    quotes = find_quotes(article, parser=parser)  # type: ignore[arg-type]
    assert [q.kind for q in quotes] == ["mixed"]
    [quote] = quotes
    assert "a disaster for the islands" in quote.text and quote.text.startswith("the new timetable")
    assert quote.speaker == "Owen Lusk"


@pytest.mark.model
def test_who_after_a_dashed_aside_names_neither_the_words_before_nor_a_name_said(parser: object) -> None:
    # Not the words before "who" across the dashes, nor the name inside what was said.
    found = _statements(
        parser,
        "The new timetable was attacked by critics on the island - where the pier closed in March"
        ' - who described the Alder Lines changes as "a farce".',
    )
    assert [(q.kind, q.speaker) for q in found] == [("mixed", None)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # without the recogniser the rules leave the description to the ranker
        ('One intelligence source said HPD agents would be "screaming" if the case was dropped.',
         None),
        ('The harbour charter makes no mention of ferries, although it does say that Alder Lines'
         ' agrees to "keep the pier open."',
         None),
    ],
)  # fmt: skip
def test_a_name_inside_what_a_mixed_statement_reports_is_not_its_speaker(
    parser: object, sentence: str, speaker: str | None
) -> None:
    found = _statements(parser, sentence)
    assert [(q.kind, q.speaker) for q in found] == [("mixed", speaker)]


@pytest.mark.model
def test_a_quoted_fragment_with_no_statement_around_it_stays_as_it_was(parser: object) -> None:
    paragraph = 'The late boat, "the milk run" to the islanders, leaves the pier at nine.'
    article = Article(path="t.txt", format="text", title="A test", paragraphs=(paragraph,))
    assert [q.kind for q in find_quotes(article, parser=parser, with_terms=True)] == ["term"]  # type: ignore[arg-type]


def test_the_article_parse_parses_each_paragraph_once_with_long_quotations_masked() -> None:
    from collections.abc import Sequence

    from viewer.core.quotes.parse import ArticleParse

    calls: list[list[str]] = []

    def parser(texts: Sequence[str]) -> list[object]:
        calls.append(list(texts))
        return [f"parse of {t}" for t in texts]

    paragraphs = (
        'Dana Holt said: "We will keep the night boat running all winter, whatever it costs."',
        "The pier reopened on Monday.",
        "The operator said the crossing was safe.",
    )
    start = paragraphs[0].index("We will")
    end = paragraphs[0].index('."') + 1
    parse = ArticleParse(paragraphs, {0: [(start, end)]}, parser)  # type: ignore[arg-type]
    parse.prefetch([0, 2])
    parse.prefetch([2, 0])
    assert parse.doc(2) == "parse of The operator said the crossing was safe."
    assert parse.doc(0) == 'parse of Dana Holt said: "It is so."'
    # One batch for both paragraphs; asking again parses nothing more.
    assert calls == [['Dana Holt said: "It is so."', "The operator said the crossing was safe."]]
    # The direct quotes' evidence asks with texts: the same cache answers.
    assert parse(['Dana Holt said: "It is so."']) == ['parse of Dana Holt said: "It is so."']
    assert len(calls) == 1


@pytest.mark.model
def test_the_parse_carries_part_of_speech_tags(parser: object) -> None:
    [doc] = nlp.parse(["She said the boat was late."]) or [None]
    assert doc is not None
    assert [t.tag_ for t in doc][:2] == ["PRP", "VBD"]
    assert doc[1].dep_ == "ROOT"


@pytest.mark.model
def test_a_role_noun_right_after_a_named_person_is_that_person(parser: object) -> None:
    # The article gave her another role, but named her in the paragraph before: a second
    # reference by description, as news makes them.
    paragraphs = (
        "Marta Kovac, the founder of the ferry company, opened the new berth on Monday.",
        "Kovac knows the winter timetable will lose money.",
        "“Nobody runs a night boat for profit,” the soft-spoken engineer said.",
    )
    article = Article(path="t.txt", format="text", title="A test", paragraphs=paragraphs)
    found = [q for q in find_quotes(article, parser=parser) if q.kind == "direct"]  # type: ignore[arg-type]
    assert [q.speaker for q in found] == ["Marta Kovac"]


@pytest.mark.model
def test_a_participle_of_saying_belongs_to_the_named_subject_it_hangs_from(parser: object) -> None:
    # "telling him" is Adeyemi's, inside what Brennan said; not Brennan's own saying.
    [doc] = parser(
        ["Otto Brennan has said that Colm Adeyemi ordered the changes, telling him to close the pier."]
    )  # type: ignore[operator]
    telling = next(t for t in doc if t.text == "telling")
    subject = cue_subject(telling)
    assert subject is not None and subject.text == "Adeyemi"


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("Protesters say there is misinformation on both sides.", "there is misinformation on both sides"),
        ("Fifty people are missing, the Red Cross said.", "Fifty people are missing"),
        ("The ministry said that the lines are reviewed every day.", "the lines are reviewed every day"),
        # a second verb, or a participle after it, shares the subject of the first
        (
            "Ines Marlow opened the pier and said the ferry would run all winter.",
            "the ferry would run all winter",
        ),
        (
            "The operator cut the late boat, saying that fewer than ten people used it.",
            "fewer than ten people used it",
        ),
        # a cue that closes the sentence after a comma, whatever the parse hangs it from
        (
            "One group entered a nearby office block, where they left a parcel in the lobby, a private"
            " security professional present during the raid told the Gazette.",
            "One group entered a nearby office block, where they left a parcel in the lobby",
        ),
        # ... but a circumstance before it is none, nor a clause without a subject
        ("After the two men left the office block, a ferry worker on duty told the Gazette.", None),
        ("Asked about the parcel in the lobby, a ferry worker on duty told the Gazette.", None),
        ("Asked if the pier would reopen this year, the harbour master said no.", None),
        ("Downplaying the repairs that the council has approved, Ines Marlow told the Gazette.", None),
        # ... nor a cue the parse joins to the clause before with "and"
        (
            "The family has lived on the island for a year, and though they speak little English,"
            " their smiles said a lot.",
            None,
        ),
        # ... nor a clause that is only a circumstance ("even as ...")
        (
            "On Monday, even as the ferry was sinking, Ines Marlow wrote to the council, asking for more money.",
            None,
        ),
        # ... nor a cue that goes on with more than who heard it, when or where ("her request")
        (
            "Harbour radio reported that during Marlow's visit to Alder this week, Governor Otto Brennan"
            " reiterated his request that the council extradite Berg, who has lived on the island for"
            " two decades.",
            "during Marlow's visit to Alder this week, Governor Otto Brennan reiterated his request that"
            " the council extradite Berg, who has lived on the island for two decades",
        ),
        # an account of how or why; a verb of saying nobody of its own says; a plan
        ("Ines Marlow explained how the new timetable would work.", None),
        ("The figures help to explain that the ferry has lost riders.", None),
        ("Ines Marlow wants the ferry to run all night.", None),
    ],
)
def test_the_parse_fallback_takes_only_the_plainest_report(
    parser: object, sentence: str, content: str | None
) -> None:
    parse = ArticleParse((sentence,), {}, parser)  # type: ignore[arg-type]
    found = []
    for candidate in candidates(parse, 0):
        labels = clause_labels(candidate)
        if labels is not None:
            words = [
                t.text_with_ws for t, label in zip(candidate.sentence, labels, strict=True) if label != "O"
            ]
            found.append("".join(words).strip())
    assert found == ([content] if content else [])


@pytest.mark.model
def test_a_paper_whose_name_ends_in_a_role_word_is_no_person_with_entities_found() -> None:
    from viewer.core.analyse import analyse

    article = Article(
        path="t.txt",
        format="text",
        title="A test",
        paragraphs=(
            "South Harbour Gov. Ines Marlow is defending the ferry campaign.",
            "The campaign, which includes digital and TV ads, cost the state roughly $449,000,"
            " according to the Port Alder Argus Leader.",
        ),
    )
    statements = [q for q in analyse(article).quotes if q.kind == "indirect"]
    assert [q.speaker for q in statements] == ["the Port Alder Argus Leader"]


@pytest.mark.parametrize(
    ("words", "kept"),
    [
        ("that the pier would close", "the pier would close"),
        ("that’s not what the crew sees", "that’s not what the crew sees"),
        ("the fares would rise,", "the fares would rise"),
    ],
)
def test_the_edges_of_what_was_reported(words: str, kept: str) -> None:
    start, end = _trimmed(words, 0, len(words))
    assert words[start:end] == kept


@pytest.mark.model
@pytest.mark.parametrize(
    ("paragraph", "words"),
    [
        # the clause bound applies only where the content runs into the main clause ...
        (
            "While some sailors say Otto Brennan would sail faster if he took the old boat "
            "- the one he first sailed - others say he has never sailed better.",
            "Otto Brennan would sail faster if he took the old boat",
        ),
        # ... and keeps a quotation right after the clause's last word
        (
            "And although Ines Marlow lamented the council's habit of losing letters - "
            '"must it keep handing the critics a stick?" - Otto Brennan stayed calm.',
            'the council\'s habit of losing letters - "must it keep handing the critics a stick?"',
        ),
        # "that" after "according to X, and" is the statement's word
        (
            "The late ferry will close, according to the council, and that boat is slated to be sold in May.",
            "The late ferry will close that boat is slated to be sold in May",
        ),
    ],
)
def test_where_what_was_reported_ends(parser: object, paragraph: str, words: str) -> None:
    assert words in [q.text for q in _statements(parser, paragraph)]


def _parsed(words: list[str], heads: list[int], deps: list[str], tags: list[str]) -> Doc:
    """A parse as written: each word's head (its index), relation and tag."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    return Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags)


def test_they_stands_for_a_plural_subject_the_parse_is_sure_of() -> None:
    words = ["Tickets", "are", "selling", ".", "They", "agreed", "."]
    doc = _parsed(
        words, [2, 2, 2, 2, 5, 5, 5], ["nsubj", "aux", "ROOT", "punct", "nsubj", "ROOT", "punct"],
        ["NNS", "VBP", "VBG", ".", "PRP", "VBD", "."],
    )  # fmt: skip
    masked = masked_paragraph(doc.text, ())
    found = plural_subject_before(doc[4], masked)
    assert found is not None and found.text == "Tickets"
    # A verb the parse gives two subjects (a list of nouns in an opening phrase taken for one):
    # neither is what "they" stands for.
    words = ["Tickets", ",", "sailing", "is", "growing", ".", "They", "agreed", "."]
    doc = _parsed(
        words, [4, 4, 4, 4, 4, 4, 7, 7, 7],
        ["nsubj", "punct", "nsubj", "aux", "ROOT", "punct", "nsubj", "ROOT", "punct"],
        ["NNS", ",", "NN", "VBZ", "VBG", ".", "PRP", "VBD", "."],
    )  # fmt: skip
    assert plural_subject_before(doc[6], masked_paragraph(doc.text, ())) is None
