"""Types from evidence in the article: the words around a name, on invented sentences."""

from __future__ import annotations

import pytest

from viewer.core import entities
from viewer.core.entities.evidence import NOT_PERSON, decide, list_evidence, mention_evidence, name_evidence
from viewer.core.entities.records import FoundMention, TextPart
from viewer.core.model import Mention

# What a company has, a place has too ("Acme shares", "UK shares"): such words say "not a
# person" and hint what the name is instead.
NOT_PERSON_ORG = f"{NOT_PERSON}:ORG"
NOT_PERSON_PRODUCT = f"{NOT_PERSON}:PRODUCT"


def votes_for(text: str, name: str, occurrence: int = 0) -> dict[str, float]:
    """The summed votes for the ``occurrence``-th ``name`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    summed: dict[str, float] = {}
    for label, weight in mention_evidence(text, start, start + len(name)):
        summed[label] = summed.get(label, 0.0) + weight
    return summed


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Harbour Tools GmbH", "ORG"),
        ("Northgate Holdings plc", "ORG"),
        ("Alder Brook Brewery", "ORG"),
        ("Harbour City News", "ORG"),
        ("King Edmund Station", "FAC"),
        ("Mill Square", "FAC"),
        ("Harbourview Invitational", "EVENT"),
        ("Yellowbay MP", NOT_PERSON),
        ("Alder-Brook LRT", NOT_PERSON),
    ],
)
def test_the_words_of_a_name_tell_its_kind(name: str, label: str) -> None:
    assert name_evidence(name) == ((label, 2.0),)


def test_a_persons_name_has_no_such_words() -> None:
    assert name_evidence("Ada Lindqvist") == ()
    assert name_evidence("Brent Lindqvist III") == ()  # a numeral, not an acronym
    assert name_evidence("ANA LINDQVIST") == ()  # a name in capitals, not a name and an acronym
    assert name_evidence("UCP MLA") == ((NOT_PERSON, 2.0),)  # acronyms
    assert name_evidence("Calloway") == ()


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        # what stands next to it
        ("Shares in Scottish drinks group Calloway rose 6%.", "Calloway", "ORG"),
        ("The deal was backed by market leader Vandermeer.", "Vandermeer", "ORG"),
        ("The owners of Russian oil giant Vandermeer will appeal.", "Vandermeer", "ORG"),
        (
            "It was run by Ellery Hall, a non-profit, multi-service agency that helps tenants.",
            "Ellery Hall",
            "ORG",
        ),
        ("He tried to buy Tavish, one of the region's oldest distilleries, last year.", "Tavish", "ORG"),
        ("Originally from Alder Cove, N.S., Brannock moved west.", "Alder Cove", "GPE"),
        ("She grew up in Milltown, Ont., and left at 18.", "Ont", "GPE"),
        ("Brannock, 54, has slept outside for a decade.", "Brannock", "PERSON"),
        ("said Ana Lind, a University of Carrow librarian working with them.", "Ana Lind", "PERSON"),
        ("The Dunmore-based company hired 40 people.", "Dunmore", "GPE"),
        ("They live in the town of Carrow near the coast.", "Carrow", "GPE"),
        # how it is used
        ("Kestrel's chief executive resigned on Monday.", "Kestrel", NOT_PERSON_ORG),
        ("Kestrel shares fell 3% in early trading.", "Kestrel", NOT_PERSON_ORG),
        ("Lindqvist's wife was at the hearing.", "Lindqvist", "PERSON"),
        ("The tribunal upheld Ms Lindqvist's claim.", "Lindqvist", "PERSON"),
        ("She is a Carrow-based reporter covering courts.", "Carrow", "GPE"),
        ("Fishing boats left Carrow's west coast at dawn.", "Carrow", "GPE"),
        ("Its best seller is Ostrova vodka, made near the border.", "Ostrova", NOT_PERSON_PRODUCT),
        ("Rents have risen across the Dunmore area since spring.", "Dunmore", "GPE"),
        ("Games are due in the Alderton and Brook areas next year.", "Alderton", "GPE"),
        ("They built a second bridge over the Vell river.", "Vell", "LOC"),
        ("Vineyards line the Carrow valley below the town.", "Carrow", "LOC"),
        ("She covers the courts. Follow her on Chirper: @annlee", "Chirper", "ORG"),
        ("A crowd gathered at the Westmoor shopping centre.", "Westmoor", "FAC"),
        ("Its brands include Glenarra whisky, Brodie Hill gin and Kellan.", "Kellan", "ORG"),
        ("Chains such as Dunmore Donuts grew fast.", "Dunmore", "ORG"),
        ("Alder captain Lee Marsh scored twice.", "Alder", NOT_PERSON_ORG),
        ("Mara Dorn (Chile) beat Ana Lind (Peru) in straight sets.", "Mara Dorn", "PERSON"),
        ("Still, peer Marrow's (MRW) stock is off too.", "Marrow", "ORG"),
        ("Harbour Depot (ticker: HD) reported $2.53 a share.", "Harbour Depot", "ORG"),
        ("Dozens out here. #rally — Ana Lindqvist (@analind) May 2, 2019", "Ana Lindqvist", "PERSON"),
        ("Her new cookbook, Harbour Suppers ($30, Pell Press), is out.", "Harbour Suppers", "WORK_OF_ART"),
        # what refers back to it
        ("Calloway, which owns six breweries, declined to comment.", "Calloway", NOT_PERSON),
        ("Brannock, who owns six boats, declined to comment.", "Brannock", "PERSON"),
        ("Then Marrowby raised its prices again.", "Marrowby", NOT_PERSON_ORG),
        ("Then Marrowby raised his prices again.", "Marrowby", "PERSON"),
        ("The Harbour Star's test kitchen is on the third floor.", "Harbour Star", NOT_PERSON),
        ("The NATO summit was about FLOTUS and the rest of the staff.", "FLOTUS", NOT_PERSON),
        # a fronted clause that has ended, or the subject of one, keeps its apposition
        ("Though Tarsia is small, both visited Carrow, the state's biggest city.", "Carrow", "GPE"),
        ("Although Ana Lind, a lawyer based in Carrow, agreed, the pier closed.", "Ana Lind", "PERSON"),
    ],
)
def test_words_around_a_name_vote_for_its_kind(text: str, name: str, label: str) -> None:
    votes = votes_for(text, name)
    assert max(votes, key=lambda k: votes[k]) == label, votes


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # "said it" after a person is an expletive it, not a company's
        ("Lindqvist said it was too early to tell.", "Lindqvist"),
        # the pronoun may be the nearer noun's
        ("Spokesman Ari Lund said the school received votes through its website.", "Ari Lund"),
        # another name before it in the sentence: it may not be the subject
        ("Premier Ola Berg told Marrowby its plan was late.", "Marrowby"),
        # a pronoun after a quotation is the speaker's
        ('"Marrowby is a good town," he said.', "Marrowby"),
        # a possessive before another noun ("Lind's border wall") says nothing of a place
        ("They discussed Lindqvist's border wall at length.", "Lindqvist"),
        # the place of a market, not a company: "Kestrel shares in Oslo"
        ("Kestrel shares in Oslo rose 4%.", "Oslo"),
        # a name that modifies another name's description
        ("Shares in UK drinks and food firm Calloway rose.", "UK"),
        # a giant of no industry may be a person
        ("The concert honoured jazz giant Brannock on Sunday.", "Brannock"),
        # "shares" as a verb
        ("Brannock shares her recipe with us.", "Brannock"),
        # an introduction ends at the comma before the name
        ("In his book, Lindqvist returns to 1954 again and again.", "Lindqvist"),
        # "the X," inside a title in quotation marks: a nickname, not a newspaper
        ("a thriller titled 'The Day of the Lindqvist,' which came out", "Lindqvist"),
        # a name that is itself an apposition: the main clause follows it
        ("According to the town's finance director, Ana Lind, the council will borrow.", "Ana Lind"),
        # a reporting clause after a name that ends a clause: not an apposition
        ("He died at his home in Alder Cove, Carrow, a spokesman said.", "Carrow"),
        # a name inside a compound adjective: "a takeover of X-based Y"
        ("It made an acquisition of Carrow-based options trader Lind.", "Carrow"),
        # "X-based" is "based on X" before a thing
        ("It runs a Zephyr-based operating system.", "Zephyr"),
        # an introduction ends at the comma: the apposition is the subject's
        ("On a visit to Carrow, the 60-year-old actor said so.", "Carrow"),
        # a person holds shares and stock and has earnings, as a company does
        ("SoftBank will buy $1 billion of Neumann's shares.", "Neumann"),
        ("Her earnings fell after Lindqvist's stock lost half its value.", "Lindqvist"),
        # "shares in X's firm": about the firm, not its country
        ("Shares in Norland's biggest bank fell.", "Norland"),
        # a name inside a description: the head is what follows it
        ("said Ana Lind, a University of Carrow librarian working with them.", "University of Carrow"),
        # a name that ends a clause put before the subject: the description is the subject's
        ("When the ferry reached Carrow Point, the governor ordered a quarantine.", "Carrow Point"),
    ],
)
def test_misleading_words_do_not_vote(text: str, name: str) -> None:
    votes = votes_for(text, name)
    strong = {label for label, weight in votes.items() if weight >= 1.0 and label != "GPE"}
    assert strong == set() and NOT_PERSON not in votes, votes  # ("X-based" may say a place)


def test_a_clause_after_a_phrase_is_the_phrases() -> None:
    # "the MLA for X, who": the relative clause is the MLA's, not the riding's
    text = "said Ana Lind, the MLA for Alder Bay, who has met him twice."
    assert "PERSON" not in votes_for(text, "Alder Bay")


def found(text: str, label: str, start: int) -> FoundMention:
    return FoundMention(text, label, Mention("paragraph", 0, start, start + len(text)))


def test_a_list_member_takes_the_kind_of_the_others() -> None:
    text = "Rallies in Alder, Brookfield, Carrow and Dunmore Hat drew crowds."
    names = [("Alder", "GPE"), ("Brookfield", "ORG"), ("Carrow", "GPE"), ("Dunmore Hat", "PERSON")]
    mentions = [found(n, label, text.index(n)) for n, label in names]
    out = list_evidence(mentions, TextPart("paragraph", 0, text))
    assert ("GPE", 1.0) in out[-1].evidence  # a person after "in" in a list with no other person
    assert out[0].evidence == ()


def test_names_after_an_introduction_are_no_list() -> None:
    text = "During a rally in Alder, North Carrow, Lindqvist remarked on it."
    names = [("Alder", "GPE"), ("North Carrow", "GPE"), ("Lindqvist", "PERSON")]
    mentions = [found(n, label, text.index(n)) for n, label in names]
    out = list_evidence(mentions, TextPart("paragraph", 0, text))
    assert all(f.evidence == () for f in out)


def test_a_person_in_a_list_with_people_keeps_no_place_vote() -> None:
    text = "Two men living in Carrow, Ari Lund and Ola Berg, were held."
    names = [("Carrow", "GPE"), ("Ari Lund", "PERSON"), ("Ola Berg", "PERSON")]
    mentions = [found(n, label, text.index(n)) for n, label in names]
    out = list_evidence(mentions, TextPart("paragraph", 0, text))
    assert [f.evidence for f in out[1:]] == [(), ()]
    # the place gets only a weak vote for the others' kind: not enough to make it a person
    assert decide("GPE", out[0].evidence)[0] == "GPE"


@pytest.mark.parametrize(
    ("label", "votes", "typed"),
    [
        ("PERSON", [("ORG", 1.5)], "ORG"),  # strong evidence changes the kind
        ("PERSON", [("ORG", 0.75)], "PERSON"),  # weak evidence leaves the model's label
        ("PERSON", [("ORG", 0.75)] * 4, "PERSON"),  # however much of it there is
        ("GPE", [("PERSON", 0.75), ("PERSON", 0.75)], "GPE"),
        ("PERSON", [(NOT_PERSON, 0.75), ("ORG", 0.75)], "PERSON"),
        ("PERSON", [(NOT_PERSON, 0.75), ("ORG", 1.5)], "ORG"),  # a strong clue and a weak one
        ("PERSON", [("ORG", 1.5), ("PERSON", 1.0)], "PERSON"),  # not twice the other side
        ("PERSON", [(NOT_PERSON, 1.0)], "ORG"),  # not a person, nothing else said: a body
        ("PERSON", [(NOT_PERSON, 1.0), ("GPE", 0.5)], "GPE"),
        ("GPE", [("PRODUCT", 1.5)], "PRODUCT"),  # a brand taken for a place
        ("PERSON", [(NOT_PERSON_PRODUCT, 1.5)], "PRODUCT"),  # "X vodka": a brand, not a person
        ("GPE", [(NOT_PERSON_PRODUCT, 1.5)], "GPE"),  # "US cars": still a place
        ("GPE", [(NOT_PERSON_ORG, 1.5)], "GPE"),  # "UK shares"
        ("ORG", [("PRODUCT", 1.5)], "ORG"),  # a brand is an organisation's too: left alone
        ("GPE", [("FAC", 2.0)], "GPE"),  # a place either way
        ("NORP", [("PERSON", 2.0)], "NORP"),  # labels evidence does not speak to
        ("GPE", [("PERSON", 0.75)], "GPE"),
    ],
)
def test_decide_weighs_evidence_against_the_models_label(
    label: str, votes: list[tuple[str, float]], typed: str
) -> None:
    assert decide(label, votes)[0] == typed


def test_decide_says_how_strongly_the_evidence_holds() -> None:
    assert decide("PERSON", []) == ("PERSON", 0.0)
    assert decide("PERSON", [("PERSON", 2.0)]) == ("PERSON", 2.0)
    assert decide("PERSON", [("ORG", 3.0)]) == ("ORG", 3.0)


def test_the_article_types_a_company_the_model_called_a_person() -> None:
    """One mention's strong evidence types every variant of the name, and the first word
    joins the full name once the evidence made it a company's."""
    text = "Shares in Vandermeer rose after Vandermeer Holt said it would sell."
    parts = [TextPart("paragraph", 0, text)]
    mentions = [
        FoundMention(
            "Vandermeer", "PERSON", Mention("paragraph", 0, 10, 20), 1.0, mention_evidence(text, 10, 20)
        ),
        FoundMention("Vandermeer Holt", "PERSON", Mention("paragraph", 0, 31, 46), 1.0),
    ]
    (company,) = entities.merge_mentions(mentions, parts)
    assert (company.name, company.type) == ("Vandermeer Holt", "ORG")
