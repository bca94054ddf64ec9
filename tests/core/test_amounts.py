from __future__ import annotations

from viewer.core.amounts import find_amounts
from viewer.core.model import Article, Figure


def _article(*paragraphs: str, caption: str = "Taken on 3 May 2024.") -> Article:
    return Article(
        path="/a.txt",
        format="text",
        title="Budget up 4% on Monday",
        paragraphs=paragraphs,
        figures=(Figure(caption, None, 0),),
    )


def test_dates_times_money_percentages_and_numbers_are_found_where_they_stand() -> None:
    article = _article(
        "On 14 March 2025 at 9:30 a.m. the council spent $2.5 million, up 12 per cent since 2019.",
        "Some 16,000 volunteers came on March 14, and 3 more at 18:45 for €300.",
    )
    found = {(e.type, e.name): e for e in find_amounts(article)}
    assert set(found) >= {
        ("DATE", "14 March 2025"),
        ("TIME", "9:30 a.m."),
        ("MONEY", "$2.5 million"),
        ("PERCENT", "12 per cent"),
        ("DATE", "2019"),
        ("CARDINAL", "16,000"),
        ("DATE", "March 14"),
        ("CARDINAL", "3"),
        ("TIME", "18:45"),
        ("MONEY", "€300"),
        ("PERCENT", "4%"),
        ("DATE", "Monday"),
        ("DATE", "3 May 2024"),
    }
    for entity in found.values():
        for mention in entity.mentions:
            if mention.where == "paragraph":
                text = article.paragraphs[mention.index]
            elif mention.where == "figure":
                text = article.figures[mention.index].caption
            else:
                text = article.title
            assert text[mention.start : mention.end] == entity.name
    # Parts of a larger amount are not counted again as numbers.
    assert ("CARDINAL", "2.5") not in found and ("CARDINAL", "2025") not in found


def test_no_numbers_no_amounts() -> None:
    assert find_amounts(Article("/b.txt", "text", "Quiet", ("Nothing to count here.",))) == ()
