"""The entity panel of business news: companies and brands are never people.

Two stories of the kind the small model gets wrong (a drinks business story full of firms,
brands and places): one we wrote, which always runs; and the BBC business story of issue 18,
read from the evaluation data at run time (never copied here), skipped where that data is
absent (``../shared/eval/data`` beside the project, or ``VIEWER_EVAL_DATA``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from viewer.core import entities, nlp
from viewer.core.model import Article
from viewer.core.readers import read_paths

ROOT = Path(__file__).resolve().parents[3]
EVAL_DATA = Path(os.environ.get("VIEWER_EVAL_DATA", ROOT / ".." / "shared" / "eval" / "data"))
PERNOD_TITLE = "Pernod takeover talk lifts Domecq"

# A fictional story: every firm, brand, person and place in it is invented.
DRINKS_STORY = """Takeover talk lifts shares in Calloway Drinks

Shares in Scottish drinks group Calloway Drinks rose 6% on Tuesday after reports that Dutch \
rival Vandermeer was preparing a bid.

Vandermeer said it was looking at acquisitions but would not comment on Calloway. Vandermeer \
shares in Amsterdam fell 1.5%.

Calloway, whose brands include Glenarra whisky, Brodie's Hill gin and Marrow Bay rum, has grown \
quickly since it bought Tavish in 2019. Tavish, one of the Highlands' oldest distilleries, makes \
Corran single malt.

Last year Vandermeer tried to buy Kestrel Spirits, the maker of Ostrova vodka, but lost out to \
luxury goods firm Maison Arlon. Vandermeer is home to brands including Kellan cider, Duret \
cognac and Sable Point wine.

Calloway's chief executive, Morag Lindsay, said the company had not been approached. "We are \
focused on our own plans," she said.

Analysts at Pell & Rowe in Edinburgh said the two firms were a good fit.
"""
FIRMS_AND_BRANDS = {
    "Calloway Drinks", "Calloway", "Vandermeer", "Glenarra", "Brodie's Hill", "Brodie", "Marrow Bay",
    "Tavish", "Corran", "Kestrel Spirits", "Ostrova", "Maison Arlon", "Kellan", "Duret", "Sable Point",
    "Pell & Rowe",
}  # fmt: skip
# Brands in a list after "brands include": never places either. ("Corran single malt" alone is
# not enough: a place's name stands before goods as often, as in "US cars".)
LISTED_BRANDS = {"Glenarra", "Brodie's Hill", "Brodie", "Marrow Bay", "Kellan", "Duret", "Sable Point"}


@pytest.fixture(scope="module")
def with_model() -> None:
    if nlp.unavailable_reason() is not None:
        pytest.skip("needs the English language model")


def typed(article: Article) -> dict[str, str]:
    """Every name and variant the panel lists, with its type."""
    found, notes = entities.find_entities(article)
    assert notes == ()
    return {variant: e.type for e in found for variant in e.variants}


@pytest.mark.model
@pytest.mark.usefixtures("with_model")
def test_an_invented_drinks_story_lists_no_firm_or_brand_as_a_person(tmp_path: Path) -> None:
    path = tmp_path / "drinks.txt"
    path.write_text(DRINKS_STORY, encoding="utf-8")
    (article,) = [a for a in read_paths([path]) if isinstance(a, Article)]
    names = typed(article)
    assert {n for n, t in names.items() if t == "PERSON"} == {"Morag Lindsay"}
    brands_as_places = {n for n, t in names.items() if t in {"GPE", "LOC"} and n in LISTED_BRANDS}
    assert brands_as_places == set()
    assert names["Edinburgh"] == names["Amsterdam"] == "GPE"
    assert names["Vandermeer"] == "ORG"
    assert names["Ostrova"] in {"ORG", "PRODUCT"}


def _pernod_story() -> Path | None:
    folder = EVAL_DATA / "news_bbc" / "business"
    if not folder.is_dir():
        return None
    for path in sorted(folder.glob("*.txt")):
        with path.open(encoding="utf-8", errors="replace") as lines:
            if lines.readline().strip() == PERNOD_TITLE:
                return path
    return None


@pytest.mark.model
@pytest.mark.usefixtures("with_model")
def test_the_pernod_story_of_issue_18_lists_no_person() -> None:
    """The story names firms, brands, newspapers and places, and no person: the panel's
    People must be empty (it listed seven firms and brands as people)."""
    path = _pernod_story()
    if path is None:
        pytest.skip(f"the BBC evaluation data is not at {EVAL_DATA}")
    (article,) = [a for a in read_paths([path]) if isinstance(a, Article)]
    names = typed(article)
    assert len(names) >= 20  # the story was read and its names found
    assert {n for n, t in names.items() if t == "PERSON"} == set()
