"""Types agreed across a folder: synthetic folders, no model needed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from viewer.core.entities import (
    FoundMention,
    NameTally,
    NameVote,
    TextPart,
    agree_types,
    agreed_type,
    folder_type,
    name_votes,
)
from viewer.core.entities.clustering import typed_entities
from viewer.core.entities.evidence import mention_evidence
from viewer.core.model import Entity, Mention


def article_entities(text: str, labels: dict[str, str]) -> tuple[list[Entity], list[float]]:
    """The typed entities of a one-paragraph article whose names the "model" labelled so."""
    found = []
    for name, label in labels.items():
        start = text.index(name)
        end = start + len(name)
        found.append(
            FoundMention(
                name, label, Mention("paragraph", 0, start, end), 1.0, mention_evidence(text, start, end)
            )
        )
    typed = typed_entities(found, [TextPart("paragraph", 0, text)])
    return [e for e, _ in typed], [s for _, s in typed]


def test_a_name_typed_wrong_in_one_article_of_ten_is_typed_right_in_all_ten() -> None:
    votes = []
    for article in range(10):
        text = f"Calloway opened its {article + 2}th bottling plant near Carrow on Monday."
        label = "PERSON" if article == 6 else "ORG"  # the model slipped once
        entities, strengths = article_entities(text, {"Calloway": label, "Carrow": "GPE"})
        votes.extend(name_votes(article, entities, strengths))
    agreed = agree_types(votes)
    assert {agreed[(article, "calloway")] for article in range(10)} == {"ORG"}
    assert {agreed[(article, "carrow")] for article in range(10)} == {"GPE"}


def test_strong_evidence_in_an_article_keeps_its_own_type() -> None:
    """Jordan the country in most articles, Jordan the person where the article says so."""
    votes = []
    for article in range(8):
        entities, strengths = article_entities(
            f"Talks in Jordan resumed on day {article + 1}.", {"Jordan": "GPE"}
        )
        votes.extend(name_votes(article, entities, strengths))
    person, strength = article_entities("Jordan, 23, scored twice for the visitors.", {"Jordan": "PERSON"})
    assert strength[0] >= 2.0  # the age after the name is strong evidence of a person
    votes.extend(name_votes(8, person, strength))
    weak, weak_strength = article_entities("Jordan scored twice for the visitors.", {"Jordan": "PERSON"})
    votes.extend(name_votes(9, weak, weak_strength))
    agreed = agree_types(votes)
    assert agreed[(8, "jordan")] == "PERSON"  # its own evidence is strong
    assert agreed[(9, "jordan")] == "GPE"  # the model alone: the folder's type
    assert {agreed[(a, "jordan")] for a in range(8)} == {"GPE"}


def vote(article: int, label: str, strength: float = 0.0, key: str = "harbour lind") -> NameVote:
    return NameVote(article, key, label, strength)


def test_the_users_type_outvotes_everything() -> None:
    votes = [vote(a, "PERSON", 3.0) for a in range(9)] + [vote(9, "ORG")]
    agreed = agree_types(votes, {"harbour lind": "ORG"})
    assert {agreed[(a, "harbour lind")] for a in range(10)} == {"ORG"}
    # the user's label wins within a kind too (a product is corrected to an organisation)
    agreed = agree_types([vote(0, "PRODUCT")], {"harbour lind": "ORG"})
    assert agreed[(0, "harbour lind")] == "ORG"


def test_without_a_clear_majority_each_article_keeps_its_type() -> None:
    votes = [vote(a, "PERSON") for a in range(5)] + [vote(a, "ORG") for a in range(5, 10)]
    agreed = agree_types(votes)
    assert [agreed[(a, "harbour lind")] for a in range(10)] == ["PERSON"] * 5 + ["ORG"] * 5


def test_evidence_backed_votes_weigh_more() -> None:
    # four model-only PERSON votes against two ORG votes the articles' evidence backs
    votes = [vote(a, "PERSON") for a in range(4)] + [vote(a, "ORG", 3.0) for a in range(4, 6)]
    assert folder_type(NameTally().add(votes[0]).add(votes[4]).add(votes[5])) == "ORG"
    agreed = agree_types(votes)
    assert {agreed[(a, "harbour lind")] for a in range(6)} == {"ORG"}


def test_labels_of_one_kind_are_left_as_they_are() -> None:
    """A brand may be an organisation in one article and a product in another."""
    votes = [vote(a, "ORG") for a in range(6)] + [vote(6, "PRODUCT"), vote(7, "PERSON")]
    agreed = agree_types(votes)
    assert agreed[(6, "harbour lind")] == "PRODUCT"
    assert agreed[(7, "harbour lind")] == "ORG"


def test_one_vote_per_name_per_article() -> None:
    mention = Mention("paragraph", 0, 0, 4)
    entities = [Entity("Lind", "PERSON", ("Lind",), (mention,)), Entity("LIND", "ORG", ("LIND",), (mention,))]
    (only,) = name_votes(3, entities, [0.5, 2.0])
    assert (only.article, only.key, only.label, only.strength) == (3, "lind", "ORG", 2.0)
    assert name_votes(3, entities)[0].strength == 0.0


labels = st.sampled_from(["PERSON", "ORG", "PRODUCT", "GPE", "NORP"])
votes_strategy = st.lists(
    st.builds(
        NameVote,
        st.integers(0, 30),
        st.sampled_from(["a", "b", "c"]),
        labels,
        st.sampled_from([0.0, 0.5, 2.5]),
    ),
    max_size=40,
    unique_by=lambda v: (v.article, v.key),
)


@given(votes_strategy, st.data())
def test_a_running_tally_agrees_with_the_whole_folder(votes: list[NameVote], data: st.DataObject) -> None:
    """What a store does as analysis goes on (add each article's votes, take some back when an
    article is re-analysed) gives the types the whole folder at once gives."""
    tallies: dict[str, NameTally] = {}
    for v in votes:
        tallies[v.key] = tallies.get(v.key, NameTally()).add(v)
    dropped = data.draw(st.lists(st.sampled_from(votes), unique=True)) if votes else []
    for v in dropped:
        tallies[v.key] = tallies[v.key].remove(v)
    kept = [v for v in votes if v not in dropped]
    whole = agree_types(kept)
    for v in kept:
        assert agreed_type(v, folder_type(tallies[v.key])) == whole[(v.article, v.key)]
