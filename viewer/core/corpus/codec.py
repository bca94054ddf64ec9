"""Records to and from the JSON the corpus store keeps: the one reader and writer of it.

The store keeps an article's fields and its analysis as JSON text (the same shape as
``python -m viewer extract``, which the records' ``to_json`` give), and builds the records
back from it. Reading back is tolerant: a field the store does not know is ignored, a missing
one takes its default, so an older store never fails to load (its rows are re-extracted when
the extractor changes).

Readers of many articles at once (the speaker page, grouping quotes across a folder, the
other versions of a quote) need a few fields of each, never the mentions: they read
:class:`StoredQuotes` and :func:`entity_names`, or, quicker still, scan the text for names and
speakers without decoding it (:func:`scan_entity_names`, :func:`scan_speakers`). Nothing
else reads this JSON by field name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, cast

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

_FORMATS = ("text", "html", "jsonl", "json", "warc")
_PLACES = ("title", "standfirst", "paragraph", "figure")
_KINDS = ("text", "heading", "list", "quote", "table")
_QUOTE_KINDS = ("direct", "mixed", "indirect", "term")
_VIA = ("name", "pronoun", "description", "document")


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
    """The entities as the store keeps them: as the output writes them, with the strength of
    the article's evidence for each type (when there is some: what agreement weighs)."""
    return dumps([_stored_entity(e) for e in entities])


def _stored_entity(entity: Entity) -> dict[str, Any]:
    out = entity.to_json()
    if entity.evidence > 0:
        out["evidence"] = round(entity.evidence, 3)
    return out


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
                evidence=_evidence(e.get("evidence")),
            )
        )
    return tuple(out)


def _evidence(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and value > 0 else 0.0


def entity_votes(text: str) -> list[tuple[str, str, float]]:
    """(name, type, strength of the article's evidence) of every stored entity, from the
    JSON :func:`entities_json` writes (or ``extract`` wrote: no strengths there)."""
    return [
        (str(e.get("name") or ""), str(e.get("type") or ""), _evidence(e.get("evidence")))
        for e in json.loads(text)
        if isinstance(e, dict)
    ]


# Readers of a few fields, for thousands of articles at a time ---------------------------------


#: Builds a named tuple from a tuple of its fields: quicker than the named tuple's own
#: constructor, for the readers that make one for thousands of articles.
_make = tuple.__new__


class QuoteHead(NamedTuple):
    """A stored quote without its places: its words, speaker, role and kind, and the length
    of each part of its words (one per span: a quote split by its attribution has two or
    more; None when the spans are missing or malformed)."""

    text: str
    speaker: str | None
    role: str | None
    kind: QuoteKind
    part_lengths: tuple[int, ...] | None


class StoredQuotes:
    """One article's stored quotes, decoded once and read a few fields at a time (the speaker
    page and the grouping of quotes read thousands of articles' quotes and need little of
    each). Quotes keep their numbers; an entry that is not a quote is passed over."""

    __slots__ = ("_items",)

    def __init__(self, text: str) -> None:
        data = json.loads(text)
        self._items: list[Any] = data if isinstance(data, list) else []

    def __len__(self) -> int:
        return len(self._items)

    def speakers(self) -> list[tuple[int, str]]:
        """(number, speaker) of every statement (a quote that is not a term) with a speaker."""
        out = []
        for number, quote in enumerate(self._items):
            if isinstance(quote, dict):
                speaker = quote.get("speaker")
                if speaker and isinstance(speaker, str) and quote.get("kind") != "term":
                    out.append((number, speaker))
        return out

    def statements(self) -> list[tuple[int, str, str | None]]:
        """(number, words, speaker) of every statement (a quote that is not a term)."""
        return [
            (
                number,
                str(quote.get("text") or ""),
                speaker if isinstance(speaker := quote.get("speaker"), str) else None,
            )
            for number, quote in enumerate(self._items)
            if isinstance(quote, dict) and quote.get("kind") != "term"
        ]

    def head(self, number: int) -> QuoteHead | None:
        """Quote ``number`` without its places (None if there is no such quote)."""
        items = self._items
        quote = items[number] if 0 <= number < len(items) else None
        if not isinstance(quote, dict):
            return None
        speaker, role, kind = quote.get("speaker"), quote.get("role"), quote.get("kind")
        return _make(
            QuoteHead,
            (
                str(quote.get("text") or ""),
                speaker if isinstance(speaker, str) else None,
                role if isinstance(role, str) else None,
                kind if kind in _QUOTE_KINDS else "direct",
                _part_lengths(quote.get("spans")),
            ),
        )


def _part_lengths(spans: Any) -> tuple[int, ...] | None:
    if not isinstance(spans, list):
        return None
    try:
        return tuple([int(s["end"]) - int(s["start"]) for s in spans])
    except (KeyError, TypeError, ValueError):
        return None


class EntityName(NamedTuple):
    """A stored entity's name, type and variants, without its mentions."""

    name: str
    type: str
    variants: tuple[str, ...]


def entity_names(text: str) -> list[EntityName]:
    """Every stored entity's name, type and variants (entries that are not entities left out)."""
    return [
        _make(
            EntityName,
            (
                str(e.get("name") or ""),
                str(e.get("type") or ""),
                tuple([str(v) for v in e.get("variants") or ()]),
            ),
        )
        for e in json.loads(text)
        if isinstance(e, dict)
    ]


#: An entity's name and type, and a quote's speaker, found in the stored JSON without decoding
#: it: :meth:`Entity.to_json <viewer.core.model.Entity.to_json>` writes the name first, then
#: the type, and :func:`dumps` leaves no space after a colon or a comma.
_ENTITY = re.compile(r'"name":"((?:[^"\\]|\\.)*)","type":"((?:[^"\\]|\\.)*)"')
_SPEAKER = re.compile(r'"speaker":"((?:[^"\\]|\\.)*)"')


def scan_entity_names(text: str) -> list[tuple[str, str]] | None:
    """(name, type) of every stored entity, as the JSON writes them (escapes kept), found
    without decoding; None when the text is not laid out as :func:`entities_json` writes it
    (then decode it with :func:`entity_names`)."""
    found = _ENTITY.findall(text)
    if not found and text.strip() != "[]":
        return None
    return found


def scan_speakers(text: str) -> list[str]:
    """Every stored quote's speaker, as the JSON writes it (escapes kept), found without
    decoding (a quote with no speaker has none to find)."""
    return _SPEAKER.findall(text)


class IndexedQuote(NamedTuple):
    """What the analysis index reads of a quote: its kind, its words and its speaker."""

    kind: QuoteKind
    text: str
    speaker: str | None


class FoundAnalysis(NamedTuple):
    """An article's analysis as ``extract`` wrote it, to be kept as it is (see
    :func:`found_analysis`): the JSON text the store keeps, and what its analysis index reads."""

    article_id: int
    quotes_json: str
    entities_json: str
    notes_json: str
    extractor: str
    quotes: tuple[IndexedQuote, ...]
    names: tuple[str, ...]


def found_analysis(
    article_id: int,
    quotes: Sequence[Mapping[str, Any]],
    entities: Sequence[Mapping[str, Any]],
    notes: Sequence[str],
    extractor: str,
) -> FoundAnalysis:
    """An analysis from ``extract``'s quote and entity objects (an analysis made elsewhere),
    ready to keep without making records of it: the same text, and what the analysis room
    indexes, that :func:`quotes_json`, :func:`entities_json` and the records give."""
    return FoundAnalysis(
        article_id,
        dumps(list(quotes)),
        dumps(list(entities)),
        dumps(list(notes)),
        extractor,
        tuple(
            IndexedQuote(quote_kind(q.get("kind")), str(q.get("text") or ""), _str(q.get("speaker")))
            for q in quotes
        ),
        tuple(
            name
            for e in entities
            for name in dict.fromkeys((str(e.get("name") or ""), *map(str, e.get("variants") or ())))
        ),
    )
