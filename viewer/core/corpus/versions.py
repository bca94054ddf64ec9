"""The other versions of one quote across the folder, as the "Also in N other articles" list
shows them: earliest first, each with how it differs from the quote the user selected.

A statement that a wire sent everywhere can be in thousands of articles: the list shows the
earliest :data:`SHOWN` of them and says how many there are, so that selecting such a quote costs
one page of rows (their quotes' JSON and list fields, never the articles' text), not the group.
"""

from __future__ import annotations

from dataclasses import dataclass

from viewer.core.corpus import codec
from viewer.core.corpus.groups import Difference, Version, differences
from viewer.core.corpus.store import CorpusStore

#: Versions listed at most; the count says how many there are in all.
SHOWN = 200


@dataclass(frozen=True, slots=True)
class OtherVersion:
    """The quote as another article carries it, and what changed against the selected one."""

    article_id: int
    title: str
    date: str | None
    source: str | None
    text: str
    speaker: str | None
    difference: Difference


@dataclass(frozen=True, slots=True)
class OtherVersions:
    """``total`` other articles' versions in all; ``shown`` the earliest of them."""

    total: int
    shown: tuple[OtherVersion, ...]


def other_versions(
    store: CorpusStore, article_id: int, quote_number: int, selected: Version, *, limit: int = SHOWN
) -> OtherVersions:
    """The other versions of quote ``quote_number`` of article ``article_id`` (``selected`` is
    that quote: its words and speaker are the reference of every difference)."""
    total, members = store.quote_versions(article_id, quote_number, limit)
    # The user's corrections (a speaker fixed, an entity renamed) hold here too: with any in
    # force, each shown version's speaker is read from its corrected analysis.
    corrected = bool(store.compiled_corrections().corrections)
    shown: list[OtherVersion] = []
    for member in members:
        try:
            quote = codec.StoredQuotes(member.quotes_json).head(member.quote)
        except ValueError:
            continue
        if quote is None:
            continue
        text, speaker = quote.text, quote.speaker
        if corrected:
            analysed = store.analysis(member.article_id)
            if analysed is not None and member.quote < len(analysed.quotes):
                speaker = analysed.quotes[member.quote].speaker
        change = differences(selected, Version(member.article_id, text, speaker))
        shown.append(
            OtherVersion(member.article_id, member.title, member.date, member.source, text, speaker, change)
        )
    return OtherVersions(total, tuple(shown))
