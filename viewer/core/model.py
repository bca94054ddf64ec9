"""The article model: small immutable records shared by readers, analysis and the UI.

Every reader produces an :class:`Article`; analysis adds quotes and entities in an
:class:`AnalysedArticle`. ``to_json`` gives the objects of ``python -m viewer extract``
(see ``../shared/eval/SCHEMA.md``): field names there are a contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

#: The kind of file an article was read from ("warc": a web archive, WARC or ARC).
Format = Literal["text", "html", "jsonl", "json", "warc"]
MentionPlace = Literal["title", "standfirst", "paragraph", "figure"]
#: What a body paragraph is on the page: running text, a subhead, a list item, a block quote
#: or a table row (its cells joined by " | ").
ParagraphKind = Literal["text", "heading", "list", "quote", "table"]
#: What a quote is: ``"direct"`` (the words in quotation marks), ``"mixed"`` (a paraphrase
#: carrying a quoted fragment; the quote covers the whole statement), ``"indirect"`` (reported
#: speech without quotation marks: the reported clause) or ``"term"`` (a short quoted term or
#: title nobody is said to have said).
QuoteKind = Literal["direct", "mixed", "indirect", "term"]
#: How the words that decided a speaker refer to them; ``"document"``: the words name a document
#: nobody is said to have written, the statement's source (it has no speaker).
MentionVia = Literal["name", "pronoun", "description", "document"]


@dataclass(frozen=True, slots=True)
class Figure:
    """A photo caption taken out of the body, with its credit split off.

    ``after_paragraph`` is the index of the body paragraph the figure followed
    (-1: before the first paragraph).
    """

    caption: str
    credit: str | None
    after_paragraph: int

    def to_json(self) -> dict[str, Any]:
        return {"caption": self.caption, "credit": self.credit, "after_paragraph": self.after_paragraph}


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets ``[start, end)`` into ``paragraphs[paragraph]``."""

    paragraph: int
    start: int
    end: int

    def to_json(self) -> dict[str, int]:
        return {"paragraph": self.paragraph, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class SpeakerMention:
    """The words of the article that decided a quote's speaker: a name, or a pronoun or a
    description resolved to one ("from ‘she’, paragraph 4")."""

    paragraph: int
    start: int
    end: int
    text: str
    via: MentionVia

    def to_json(self) -> dict[str, Any]:
        return {
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "via": self.via,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """A statement and who made it: quoted words (outer marks removed), a paraphrase with a
    quoted fragment, or reported speech (see :data:`QuoteKind`).

    ``role`` is the speaker's description where the article gives one; ``cue_span`` where the
    verb or phrase that attributes it stands; ``speaker_mention`` the words that decided the
    speaker.
    """

    text: str
    speaker: str | None
    cue: str | None
    spans: tuple[Span, ...]
    role: str | None = None
    kind: QuoteKind = "direct"
    #: The user corrected its speaker (see :mod:`viewer.core.corpus.corrections`).
    corrected: bool = False
    cue_span: Span | None = None
    speaker_mention: SpeakerMention | None = None

    @property
    def is_statement(self) -> bool:
        """Something someone said or wrote (every kind but a quoted term)."""
        return self.kind != "term"

    @property
    def document(self) -> str | None:
        """The words naming the document a statement comes from when the article names no one
        who wrote it ("city documents", "the memo"): its source, for there is no speaker."""
        mention = self.speaker_mention
        return (
            mention.text if mention is not None and mention.via == "document" and not self.speaker else None
        )

    @property
    def is_verbatim(self) -> bool:
        """The words are the speaker's own, in quotation marks (a direct quote)."""
        return self.kind == "direct"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "speaker": self.speaker,
            "cue": self.cue,
            "spans": [s.to_json() for s in self.spans],
            "kind": self.kind,
        }
        if self.role:
            out["role"] = self.role
        if self.cue_span is not None:
            out["cue_span"] = self.cue_span.to_json()
        if self.speaker_mention is not None:
            out["speaker_mention"] = self.speaker_mention.to_json()
        if self.corrected:
            out["corrected"] = True
        return out


@dataclass(frozen=True, slots=True)
class Mention:
    """Where one mention of an entity stands.

    ``where`` is the part of the article; ``index`` the paragraph or figure index (0 for
    title and standfirst); ``field`` is ``"credit"`` for a mention inside a figure's credit.
    """

    where: MentionPlace
    index: int
    start: int
    end: int
    field: Literal["caption", "credit"] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"in": self.where, "index": self.index, "start": self.start, "end": self.end}
        if self.field == "credit":
            out["field"] = "credit"
        return out


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world entity named in an article, its variants merged."""

    name: str
    type: str
    variants: tuple[str, ...]
    mentions: tuple[Mention, ...]
    #: The user corrected it: renamed, merged or split (see :mod:`viewer.core.corpus.corrections`).
    corrected: bool = False
    #: How strongly the article's own evidence holds the type (0: only the recogniser's labels
    #: typed it); what the folder's agreement on types weighs (see
    #: :mod:`viewer.core.corpus.agreement`). Kept by the store, not part of the output, and no
    #: part of what makes two entities the same.
    evidence: float = field(default=0.0, compare=False)

    @property
    def count(self) -> int:
        return len(self.mentions)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "count": self.count,
            "variants": list(self.variants),
            "mentions": [m.to_json() for m in self.mentions],
        }
        if self.corrected:
            out["corrected"] = True
        return out


@dataclass(frozen=True, slots=True)
class Article:
    """One article as a reader found it: metadata, body paragraphs and figures."""

    path: str
    format: Format
    title: str
    paragraphs: tuple[str, ...]
    figures: tuple[Figure, ...] = ()
    record: int | None = None
    standfirst: str | None = None
    byline: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    contributors: str | None = None
    #: The kind of each paragraph, in step with ``paragraphs``; empty means all ``"text"``
    #: (readers that know no structure leave it empty).
    paragraph_kinds: tuple[ParagraphKind, ...] = ()

    def kind_of(self, index: int) -> ParagraphKind:
        """The kind of ``paragraphs[index]`` (``"text"`` when the reader did not say)."""
        return self.paragraph_kinds[index] if index < len(self.paragraph_kinds) else "text"

    def text_of(self, where: MentionPlace, index: int = 0, field: str | None = None) -> str:
        """The text a :class:`Mention` or :class:`Span` offsets point into."""
        if where == "title":
            return self.title
        if where == "standfirst":
            return self.standfirst or ""
        if where == "paragraph":
            return self.paragraphs[index]
        figure = self.figures[index]
        return (figure.credit or "") if field == "credit" else figure.caption

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "record": self.record,
            "format": self.format,
            "title": self.title,
            "standfirst": self.standfirst,
            "byline": self.byline,
            "date": self.date,
            "source": self.source,
            "url": self.url,
            "contributors": self.contributors,
            "paragraphs": list(self.paragraphs),
            "paragraph_kinds": [self.kind_of(i) for i in range(len(self.paragraphs))],
            "figures": [f.to_json() for f in self.figures],
        }


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A file or record that could not be read, with a message a person understands."""

    path: str
    message: str
    format: Format | None = None
    record: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "record": self.record, "format": self.format, "error": self.message}


@dataclass(frozen=True, slots=True)
class AnalysedArticle:
    """An article with what analysis found in it.

    ``notes`` says, in words a user understands, what analysis could not do
    (for example entities skipped because the language model did not load).
    """

    article: Article
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        out = self.article.to_json()
        out["quotes"] = [q.to_json() for q in self.quotes]
        out["entities"] = [e.to_json() for e in self.entities]
        out["error"] = None
        return out
