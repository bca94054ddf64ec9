"""A small invented folder whose quotes are of every kind (direct, mixed, reported, a quoted
term), each with its cue and the mention that decided its speaker, kept in a store as analysis
found them: for the tests of ``kind:`` search, speaker pages and exports. No real news."""

from __future__ import annotations

from pathlib import Path

from viewer.core.corpus.store import CorpusStore, open_store
from viewer.core.model import (
    AnalysedArticle,
    Article,
    Entity,
    Mention,
    MentionVia,
    Quote,
    QuoteKind,
    Span,
    SpeakerMention,
)

PIER = (
    '"The pier will reopen in May," said Dana Holt.',
    "Holt said the council had found the money for repairs.",
    'Anna Berg called the plan "a long overdue fix" for the town.',
)
MILL = (
    "Anna Berg said the mill would close at the end of the year.",
    '"We are sad," said Piet Vos.',
    'She told reporters that the workers would get a "fair deal".',
)
FAIR = (
    "According to the organisers, the fair drew four thousand visitors.",
    'A "pop-up" market sold bread and cheese.',
)


def _span(paragraphs: tuple[str, ...], paragraph: int, words: str) -> Span:
    start = paragraphs[paragraph].index(words)
    return Span(paragraph, start, start + len(words))


def quote(
    paragraphs: tuple[str, ...],
    paragraph: int,
    words: str,
    kind: QuoteKind,
    *,
    speaker: str | None = None,
    cue: str | None = None,
    mention: tuple[int, str, MentionVia] | None = None,
) -> Quote:
    """A quote of ``words`` in ``paragraphs[paragraph]``, its cue and speaker's mention found
    in the text (the mention in the paragraph given with it)."""
    cue_span = _span(paragraphs, paragraph, cue) if cue else None
    said_by = None
    if mention is not None:
        where = _span(paragraphs, mention[0], mention[1])
        said_by = SpeakerMention(where.paragraph, where.start, where.end, mention[1], mention[2])
    return Quote(
        words,
        speaker,
        cue,
        (_span(paragraphs, paragraph, words),),
        kind=kind,
        cue_span=cue_span,
        speaker_mention=said_by,
    )


def _entity(paragraphs: tuple[str, ...], name: str, kind: str, *variants: str) -> Entity:
    mentions = []
    for n, text in enumerate(paragraphs):
        for form in (name, *variants):
            if form in text:
                start = text.index(form)
                mentions.append(Mention("paragraph", n, start, start + len(form)))
                break
    return Entity(name, kind, (name, *variants), tuple(mentions))


#: Who said it, with what cue, and the mention that decided it: (paragraph, words, how).
SaidBy = tuple[str, str, tuple[int, str, MentionVia]]


def said(paragraphs: tuple[str, ...], paragraph: int, words: str, kind: QuoteKind, by: SaidBy) -> Quote:
    """:func:`quote` with its speaker, cue and mention."""
    speaker, cue, mention = by
    return quote(paragraphs, paragraph, words, kind, speaker=speaker, cue=cue, mention=mention)


def pier(path: str) -> AnalysedArticle:
    article = Article(path, "text", "Pier to reopen", PIER, source="Coast Post", date="2025-04-02")
    quotes = (
        said(
            PIER, 0, "The pier will reopen in May,", "direct", ("Dana Holt", "said", (0, "Dana Holt", "name"))
        ),
        said(
            PIER,
            1,
            "the council had found the money for repairs",
            "indirect",
            ("Dana Holt", "said", (1, "Holt", "name")),
        ),
        said(PIER, 2, PIER[2][:-1], "mixed", ("Anna Berg", "called", (2, "Anna Berg", "name"))),
    )
    entities = (_entity(PIER, "Dana Holt", "PERSON", "Holt"), _entity(PIER, "Anna Berg", "PERSON"))
    return AnalysedArticle(article, quotes, entities)


def mill(path: str) -> AnalysedArticle:
    article = Article(path, "text", "Mill to close", MILL, source="Valley News", date="2025-05-20")
    quotes = (
        said(
            MILL,
            0,
            "the mill would close at the end of the year",
            "indirect",
            ("Anna Berg", "said", (0, "Anna Berg", "name")),
        ),
        said(MILL, 1, "We are sad,", "direct", ("Piet Vos", "said", (1, "Piet Vos", "name"))),
        said(
            MILL,
            2,
            'the workers would get a "fair deal"',
            "mixed",
            ("Anna Berg", "told reporters", (2, "She", "pronoun")),
        ),
    )
    entities = (_entity(MILL, "Anna Berg", "PERSON"), _entity(MILL, "Piet Vos", "PERSON"))
    return AnalysedArticle(article, quotes, entities)


def fair(path: str) -> AnalysedArticle:
    article = Article(path, "text", "Fair draws crowds", FAIR, source="Coast Post")
    quotes = (
        quote(FAIR, 0, "the fair drew four thousand visitors", "indirect", cue="According to"),
        quote(FAIR, 1, "pop-up", "term"),
    )
    return AnalysedArticle(article, quotes, ())


def voices_store(folder: Path, db: Path) -> tuple[CorpusStore, dict[str, int]]:
    """A store holding the three articles (their files written in ``folder``), analysed;
    the articles' ids by name."""
    folder.mkdir(parents=True, exist_ok=True)
    store = open_store(db)
    ids: dict[str, int] = {}
    for name, make in (("pier", pier), ("mill", mill), ("fair", fair)):
        path = folder / f"{name}.txt"
        analysed = make(str(path))
        path.write_text(analysed.article.title + "\n\n" + "\n\n".join(analysed.article.paragraphs) + "\n")
        file_id = store.begin_file(str(path), "text")
        store.put_items(file_id, [analysed.article])
        store.index_pending(10)
        article_id = store.id_of(str(path), None)
        assert article_id is not None
        assert store.put_analysis(article_id, analysed)
        ids[name] = article_id
    return store, ids
