"""An invented article with every kind of statement, its analysis placed by hand at real
offsets: reported speech (one speaker named by a description, one by name), a direct quote
whose speaker came from a pronoun, and a mixed quote."""

from __future__ import annotations

from viewer.core.model import AnalysedArticle, Article, Quote, Span, SpeakerMention
from viewer.ui.background.workers import Progress

PIER_PARAGRAPHS = (
    "The pier on Dock Road will open late, the council said on Friday.",
    "Ana Lind, the mayor, said the pier would open in May.",
    "“We are nearly there,” she said.",
    "She called the delay “a scandal for the whole harbour” and promised a review.",
)


def pier_article() -> Article:
    return Article(
        path="/articles/pier.txt",
        format="text",
        title="Pier opens late",
        paragraphs=PIER_PARAGRAPHS,
        date="2024-05-06",
        source="The Test Gazette",
        url="https://example.org/pier",
    )


def span(paragraph: int, words: str) -> Span:
    start = PIER_PARAGRAPHS[paragraph].index(words)
    return Span(paragraph, start, start + len(words))


def mention(paragraph: int, words: str, via: str) -> SpeakerMention:
    place = span(paragraph, words)
    return SpeakerMention(paragraph, place.start, place.end, words, via)  # type: ignore[arg-type]


COUNCIL = Quote(
    "The pier on Dock Road will open late",
    "the council",
    "said",
    (span(0, "The pier on Dock Road will open late"),),
    kind="indirect",
    cue_span=span(0, "said"),
    speaker_mention=mention(0, "the council", "description"),
)
LIND = Quote(
    "the pier would open in May",
    "Ana Lind",
    "said",
    (span(1, "the pier would open in May"),),
    role="the mayor",
    kind="indirect",
    cue_span=span(1, "said"),
    speaker_mention=mention(1, "Ana Lind", "name"),
)
NEARLY = Quote(
    "We are nearly there,",
    "Ana Lind",
    "said",
    (span(2, "We are nearly there,"),),
    role="the mayor",
    cue_span=span(2, "said"),
    speaker_mention=mention(2, "she", "pronoun"),
)
SCANDAL = Quote(
    "the delay “a scandal for the whole harbour”",
    "Ana Lind",
    "called",
    (span(3, "the delay “a scandal for the whole harbour”"),),
    kind="mixed",
    cue_span=span(3, "called"),
    speaker_mention=mention(3, "She", "pronoun"),
)
#: In the order of the text.
PIER_QUOTES = (COUNCIL, LIND, NEARLY, SCANDAL)


def pier_analysis(article: Article) -> AnalysedArticle:
    """The quotes out of the text's order, as an analysis that finds direct quotes first may
    give them."""
    return AnalysedArticle(article, (NEARLY, SCANDAL, LIND, COUNCIL))


def analyse_pier(article: Article, progress: Progress) -> AnalysedArticle:
    return pier_analysis(article) if article.paragraphs == PIER_PARAGRAPHS else AnalysedArticle(article)
