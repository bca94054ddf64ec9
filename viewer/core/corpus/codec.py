"""Records to and from the JSON the corpus store keeps.

The store keeps an article's fields and its analysis as JSON text (the same shape as
``python -m viewer extract``), and builds the records back from it. Reading back is
tolerant: a field the store does not know is ignored, a missing one takes its default, so an
older store never fails to load (its rows are re-extracted when the extractor changes).
"""

from __future__ import annotations

import json
from typing import Any, cast

from viewer.core.model import (
    Article,
    Entity,
    Figure,
    Format,
    Mention,
    MentionPlace,
    MentionVia,
    ParagraphKind,
    Quote,
    QuoteKind,
    Span,
    SpeakerMention,
)

_FORMATS = ("text", "html", "jsonl", "json")
_PLACES = ("title", "standfirst", "paragraph", "figure")
_KINDS = ("text", "heading", "list", "quote", "table")
_QUOTE_KINDS = ("direct", "mixed", "indirect", "term")
_VIA = ("name", "pronoun", "description")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def article_json(article: Article, *, with_paragraphs: bool = True) -> str:
    """The article's fields without its path (the store keeps paths as bytes, apart) and,
    unless ``with_paragraphs``, without its paragraphs (kept apart too)."""
    data = article.to_json()
    del data["path"]
    if not with_paragraphs:
        del data["paragraphs"]
    return dumps(data)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any, default: int = 0) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def article_from_json(text: str, path: str, paragraphs: tuple[str, ...] = ()) -> Article:
    """The article from :func:`article_json`; ``paragraphs`` when they were kept apart."""
    data = json.loads(text)
    fmt = data.get("format")
    figures = tuple(
        Figure(str(f.get("caption") or ""), _str(f.get("credit")), _int(f.get("after_paragraph"), -1))
        for f in data.get("figures") or ()
        if isinstance(f, dict)
    )
    record = data.get("record")
    raw_kinds = data.get("paragraph_kinds") or ()
    kinds = tuple(cast(ParagraphKind, k if k in _KINDS else "text") for k in raw_kinds)
    if all(k == "text" for k in kinds):
        kinds = ()  # the default: every paragraph plain text
    return Article(
        path=path,
        format=cast(Format, fmt if fmt in _FORMATS else "text"),
        title=str(data.get("title") or ""),
        paragraphs=tuple(str(p) for p in data["paragraphs"]) if "paragraphs" in data else paragraphs,
        figures=figures,
        record=record if isinstance(record, int) else None,
        standfirst=_str(data.get("standfirst")),
        byline=_str(data.get("byline")),
        date=_str(data.get("date")),
        source=_str(data.get("source")),
        url=_str(data.get("url")),
        contributors=_str(data.get("contributors")),
        paragraph_kinds=kinds,
    )


def quotes_json(quotes: tuple[Quote, ...]) -> str:
    return dumps([q.to_json() for q in quotes])


def entities_json(entities: tuple[Entity, ...]) -> str:
    return dumps([e.to_json() for e in entities])


def notes_json(notes: tuple[str, ...]) -> str:
    return dumps(list(notes))


def notes_from_json(text: str) -> tuple[str, ...]:
    return tuple(str(n) for n in json.loads(text))


def _span(value: Any) -> Span | None:
    if not isinstance(value, dict):
        return None
    return Span(_int(value.get("paragraph")), _int(value.get("start")), _int(value.get("end")))


def _speaker_mention(value: Any) -> SpeakerMention | None:
    span = _span(value)
    if span is None or not isinstance(value, dict):
        return None
    via = value.get("via")
    return SpeakerMention(
        span.paragraph,
        span.start,
        span.end,
        str(value.get("text") or ""),
        cast(MentionVia, via if via in _VIA else "name"),
    )


def quote_kind(value: Any) -> QuoteKind:
    """A stored quote's kind; stores written before kinds existed say "quote" or nothing
    for a direct quote."""
    return cast(QuoteKind, value if value in _QUOTE_KINDS else "direct")


def quotes_from_json(text: str) -> tuple[Quote, ...]:
    out: list[Quote] = []
    for q in json.loads(text):
        spans = tuple(span for s in q.get("spans") or () if (span := _span(s)) is not None)
        out.append(
            Quote(
                str(q.get("text") or ""),
                _str(q.get("speaker")),
                _str(q.get("cue")),
                spans,
                role=_str(q.get("role")),
                kind=quote_kind(q.get("kind")),
                cue_span=_span(q.get("cue_span")),
                speaker_mention=_speaker_mention(q.get("speaker_mention")),
            )
        )
    return tuple(out)


def entities_from_json(text: str) -> tuple[Entity, ...]:
    out: list[Entity] = []
    for e in json.loads(text):
        mentions = []
        for m in e.get("mentions") or ():
            where = m.get("in")
            mentions.append(
                Mention(
                    cast(MentionPlace, where if where in _PLACES else "paragraph"),
                    _int(m.get("index")),
                    _int(m.get("start")),
                    _int(m.get("end")),
                    "credit" if m.get("field") == "credit" else ("caption" if where == "figure" else None),
                )
            )
        out.append(
            Entity(
                str(e.get("name") or ""),
                str(e.get("type") or ""),
                tuple(str(v) for v in e.get("variants") or ()),
                tuple(mentions),
            )
        )
    return tuple(out)
