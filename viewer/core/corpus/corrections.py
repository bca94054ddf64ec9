"""Corrections a user makes to what analysis found, kept per folder and applied on read.

Six kinds, each a small immutable record:

- :class:`Rename`: an entity gets another name;
- :class:`Merge`: two or more entities are one (their variants and mentions joined);
- :class:`Split`: some variants of an entity name someone else (moved out to a new entity);
- :class:`NotEntity`: a name the recogniser took for an entity is none;
- :class:`Retype`: a name is of another type (a person, an organisation, a place), in every
  article: it outvotes the folder's agreement on types and any article's own evidence;
- :class:`FixSpeaker`: one quote's speaker is someone else, or unknown.

Entity corrections hold for the whole folder: an entity is found in every article by its
type and its name there (the name the panel shows, compared without regard to case or
runs of spaces). A quote whose speaker is a renamed, merged or split entity follows it.
A speaker fix holds for one quote of one article.

:func:`apply` is pure: the analysis as stored goes in, the corrected one comes out, every
changed entity and quote marked ``corrected``. The stored analysis is never rewritten, so a
correction undone leaves no trace.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from viewer.core.lexicon import ENTITY_KINDS
from viewer.core.model import AnalysedArticle, Article, Entity, Mention, Quote


def name_key(name: str) -> str:
    """How names are compared: case and runs of white space do not count."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity as the user saw it: its name and type (a spaCy label: PERSON, ORG...)."""

    name: str
    type: str

    def matches(self, entity: Entity) -> bool:
        return entity.type == self.type and name_key(entity.name) == name_key(self.name)

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "type": self.type}

    @classmethod
    def from_json(cls, data: Any) -> EntityRef:
        return cls(str(data["name"]), str(data["type"]))


@dataclass(frozen=True, slots=True)
class Rename:
    kind: ClassVar[str] = "rename"
    entity: EntityRef
    name: str

    def describe(self) -> str:
        return f"Rename “{self.entity.name}” ({kind_word(self.entity.type)}) to “{self.name}”"

    def names(self) -> tuple[str, ...]:
        return (self.entity.name, self.name)

    def payload(self) -> dict[str, Any]:
        return {"entity": self.entity.to_json(), "name": self.name}


@dataclass(frozen=True, slots=True)
class Merge:
    """Every entity of ``entities`` found in an article becomes one, named ``name``, of
    ``type`` (one of them alone is renamed, so that the folder calls it one thing)."""

    kind: ClassVar[str] = "merge"
    entities: tuple[EntityRef, ...]
    name: str
    type: str

    def describe(self) -> str:
        joined = ", ".join(f"“{e.name}”" for e in self.entities)
        return f"Merge {joined} as “{self.name}” ({kind_word(self.type)})"

    def names(self) -> tuple[str, ...]:
        return (*(e.name for e in self.entities), self.name)

    def payload(self) -> dict[str, Any]:
        return {"entities": [e.to_json() for e in self.entities], "name": self.name, "type": self.type}


@dataclass(frozen=True, slots=True)
class Split:
    """The mentions of ``entity`` written as one of ``variants`` are a new entity, ``name``."""

    kind: ClassVar[str] = "split"
    entity: EntityRef
    variants: tuple[str, ...]
    name: str

    def describe(self) -> str:
        moved = ", ".join(f"“{v}”" for v in self.variants)
        return f"Split {moved} out of “{self.entity.name}” as “{self.name}”"

    def names(self) -> tuple[str, ...]:
        return (self.entity.name, *self.variants, self.name)

    def payload(self) -> dict[str, Any]:
        return {"entity": self.entity.to_json(), "variants": list(self.variants), "name": self.name}


@dataclass(frozen=True, slots=True)
class NotEntity:
    kind: ClassVar[str] = "not_entity"
    entity: EntityRef

    def describe(self) -> str:
        return f"“{self.entity.name}” ({kind_word(self.entity.type)}) is not an entity"

    def names(self) -> tuple[str, ...]:
        return (self.entity.name,)

    def payload(self) -> dict[str, Any]:
        return {"entity": self.entity.to_json()}


@dataclass(frozen=True, slots=True)
class Retype:
    """The entity named ``entity.name`` is a ``type`` in every article of the folder, whatever
    type analysis or the folder's agreement gave it there."""

    kind: ClassVar[str] = "retype"
    entity: EntityRef
    type: str

    def describe(self) -> str:
        return f"“{self.entity.name}” is {_a(kind_word(self.type))}, not {_a(kind_word(self.entity.type))}"

    def names(self) -> tuple[str, ...]:
        return (self.entity.name,)

    def payload(self) -> dict[str, Any]:
        return {"entity": self.entity.to_json(), "type": self.type}


def _a(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word


@dataclass(frozen=True, slots=True)
class FixSpeaker:
    """The quote of ``text`` in the article at (``path``, ``record``) was said by ``speaker``
    (None: nobody known). ``index`` is its place among the article's quotes, to tell two
    quotes of the same words apart; ``was`` the speaker analysis gave."""

    kind: ClassVar[str] = "speaker"
    path: str
    record: int | None
    index: int
    text: str
    speaker: str | None
    was: str | None

    def describe(self) -> str:
        words = " ".join(self.text.split())
        words = words if len(words) <= 60 else words[:59] + "…"
        was = f"“{self.was}”" if self.was else "nobody"
        now = f"“{self.speaker}”" if self.speaker else "nobody (cleared)"
        return f"Speaker of “{words}”: {was} → {now}"

    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.was, self.speaker) if n)

    def payload(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "record": self.record,
            "index": self.index,
            "text": self.text,
            "speaker": self.speaker,
            "was": self.was,
        }

    def concerns(self, article: Article) -> bool:
        return (article.path, article.record) == (self.path, self.record)


Correction = Rename | Merge | Split | NotEntity | Retype | FixSpeaker


def kind_word(entity_type: str) -> str:
    return ENTITY_KINDS.get(entity_type, entity_type.lower() or "entity")


class BadCorrection(ValueError):
    """A stored correction that cannot be read (written by another version, or damaged)."""


def to_json(correction: Correction) -> str:
    return json.dumps(correction.payload(), ensure_ascii=False, separators=(",", ":"))


def from_json(kind: str, payload: str) -> Correction:
    """The correction of ``kind`` stored as ``payload``; :class:`BadCorrection` if unreadable."""
    try:
        data = json.loads(payload)
        if kind == "rename":
            return Rename(EntityRef.from_json(data["entity"]), str(data["name"]))
        if kind == "merge":
            refs = tuple(EntityRef.from_json(e) for e in data["entities"])
            return Merge(refs, str(data["name"]), str(data["type"]))
        if kind == "split":
            variants = tuple(str(v) for v in data["variants"])
            return Split(EntityRef.from_json(data["entity"]), variants, str(data["name"]))
        if kind == "not_entity":
            return NotEntity(EntityRef.from_json(data["entity"]))
        if kind == "retype":
            return Retype(EntityRef.from_json(data["entity"]), str(data["type"]))
        if kind == "speaker":
            record = data["record"]
            speaker, was = data["speaker"], data["was"]
            return FixSpeaker(
                str(data["path"]),
                record if isinstance(record, int) else None,
                int(data["index"]),
                str(data["text"]),
                speaker if isinstance(speaker, str) else None,
                was if isinstance(was, str) else None,
            )
    except (ValueError, KeyError, TypeError) as err:
        raise BadCorrection(f"a stored {kind} correction cannot be read ({err})") from err
    raise BadCorrection(f"unknown kind of correction: {kind!r}")


# applying ---------------------------------------------------------------------------------


def apply(analysed: AnalysedArticle, corrections: Sequence[Correction]) -> AnalysedArticle:
    """The analysis with ``corrections`` applied in order (each sees what the one before made)."""
    quotes, entities = analysed.quotes, analysed.entities
    for correction in corrections:
        quotes, entities = _apply_one(correction, analysed.article, quotes, entities)
    if quotes is analysed.quotes and entities is analysed.entities:
        return analysed
    return AnalysedArticle(analysed.article, quotes, entities, analysed.notes)


@dataclass(frozen=True, slots=True)
class Compiled:
    """Corrections made ready to apply to many articles: each with the (type, name key) of
    the entities it looks for, so that one which cannot touch an article is skipped without
    comparing names (an article none can touch is given back as it is)."""

    corrections: tuple[Correction, ...]
    #: Per correction: the (type, name key) it looks for; None for a speaker fix.
    targets: tuple[frozenset[tuple[str, str]] | None, ...]
    #: Every target together, and the (path, record) of every article with a speaker fix.
    any_target: frozenset[tuple[str, str]]
    articles: frozenset[tuple[str, int | None]]
    #: The name key and type of each name the user retyped (the last word on each holds).
    retypes: tuple[tuple[str, str], ...] = ()

    @property
    def user_types(self) -> dict[str, str]:
        """Name key -> the type the user gave the name (it outvotes everything)."""
        return dict(self.retypes)

    def touches(self, keys: set[tuple[str, str]]) -> bool:
        """Whether some entity correction may change an article with entities of these
        (type, name key)."""
        if not keys.isdisjoint(self.any_target):
            return True
        return bool(self.retypes) and not {k for _t, k in keys}.isdisjoint(k for k, _t in self.retypes)

    def apply(self, analysed: AnalysedArticle) -> AnalysedArticle:
        if not self.corrections:
            return analysed
        article = analysed.article
        here = (article.path, article.record) in self.articles
        keys = {(e.type, name_key(e.name)) for e in analysed.entities}
        if not here and not self.touches(keys):
            return analysed
        quotes, entities = analysed.quotes, analysed.entities
        for correction, targets in zip(self.corrections, self.targets, strict=True):
            if isinstance(correction, Retype):
                pass  # any type of the name: always tried
            elif targets is None:
                if not here:
                    continue
            elif keys.isdisjoint(targets):
                continue
            before = entities
            quotes, entities = _apply_one(correction, article, quotes, entities)
            if entities is not before:
                keys = {(e.type, name_key(e.name)) for e in entities}
        if quotes is analysed.quotes and entities is analysed.entities:
            return analysed
        return AnalysedArticle(article, quotes, entities, analysed.notes)


def _targets(correction: Correction) -> frozenset[tuple[str, str]] | None:
    if isinstance(correction, FixSpeaker):
        return None
    refs = correction.entities if isinstance(correction, Merge) else (correction.entity,)
    return frozenset((r.type, name_key(r.name)) for r in refs)


def compile_corrections(corrections: Sequence[Correction]) -> Compiled:
    targets = tuple(_targets(c) for c in corrections)
    retypes = {name_key(c.entity.name): c.type for c in corrections if isinstance(c, Retype)}
    return Compiled(
        tuple(corrections),
        targets,
        frozenset(t for group in targets if group is not None for t in group),
        frozenset((c.path, c.record) for c in corrections if isinstance(c, FixSpeaker)),
        tuple(retypes.items()),
    )


Parts = tuple[tuple[Quote, ...], tuple[Entity, ...]]


def _apply_one(
    correction: Correction, article: Article, quotes: tuple[Quote, ...], entities: tuple[Entity, ...]
) -> Parts:
    if isinstance(correction, FixSpeaker):
        return _fix_speaker(correction, article, quotes), entities
    if isinstance(correction, Rename):
        return _merge((correction.entity,), correction.name, correction.entity.type, quotes, entities)
    if isinstance(correction, Merge):
        return _merge(correction.entities, correction.name, correction.type, quotes, entities)
    if isinstance(correction, NotEntity):
        kept = tuple(e for e in entities if not correction.entity.matches(e))
        return quotes, (kept if len(kept) != len(entities) else entities)
    if isinstance(correction, Retype):
        return quotes, _retype(correction, entities)
    return _split(correction, article, quotes, entities)


def _merge(
    refs: Sequence[EntityRef],
    name: str,
    entity_type: str,
    quotes: tuple[Quote, ...],
    entities: tuple[Entity, ...],
) -> Parts:
    found = [e for e in entities if any(ref.matches(e) for ref in refs)]
    if not found:
        return quotes, entities
    variants = tuple(dict.fromkeys(v for e in found for v in (*e.variants, e.name)))
    mentions = tuple(sorted({m for e in found for m in e.mentions}, key=_mention_order))
    merged = Entity(name, entity_type, variants, mentions, corrected=True)
    out: list[Entity] = []
    for entity in entities:
        if entity is found[0]:
            out.append(merged)
        elif not any(entity is f for f in found):
            out.append(entity)
    said_by = {name_key(n) for e in found for n in (e.name, *e.variants)}
    return _respeak(quotes, said_by, name), tuple(out)


def _retype(retype: Retype, entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """Every entity of the name (whatever its type) of the user's type."""
    key = name_key(retype.entity.name)
    if not any(name_key(e.name) == key and e.type != retype.type for e in entities):
        return entities
    return tuple(
        replace(e, type=retype.type, corrected=True)
        if name_key(e.name) == key and e.type != retype.type
        else e
        for e in entities
    )


def _split(split: Split, article: Article, quotes: tuple[Quote, ...], entities: tuple[Entity, ...]) -> Parts:
    moving = {name_key(v) for v in split.variants}
    out: list[Entity] = []
    changed = False
    for entity in entities:
        if not split.entity.matches(entity):
            out.append(entity)
            continue
        moved = tuple(m for m in entity.mentions if name_key(_surface(article, m)) in moving)
        if not moved:
            out.append(entity)
            continue
        changed = True
        kept = tuple(m for m in entity.mentions if m not in moved)
        kept_variants = tuple(v for v in entity.variants if name_key(v) not in moving)
        if kept:
            out.append(
                replace(entity, variants=kept_variants or (entity.name,), mentions=kept, corrected=True)
            )
        new_variants = tuple(dict.fromkeys(_surface(article, m) for m in moved))
        out.append(Entity(split.name, entity.type, new_variants, moved, corrected=True))
    if not changed:
        return quotes, entities
    return _respeak(quotes, moving, split.name), tuple(out)


def _fix_speaker(fix: FixSpeaker, article: Article, quotes: tuple[Quote, ...]) -> tuple[Quote, ...]:
    if not fix.concerns(article):
        return quotes
    candidates = [n for n, q in enumerate(quotes) if q.text == fix.text]
    if not candidates:
        return quotes
    target = fix.index if fix.index in candidates else candidates[0]
    out = list(quotes)
    quote = out[target]
    role = quote.role if fix.speaker is not None and quote.speaker == fix.speaker else None
    out[target] = replace(quote, speaker=fix.speaker, role=role, corrected=True)
    return tuple(out)


def _respeak(quotes: tuple[Quote, ...], said_by: set[str], name: str) -> tuple[Quote, ...]:
    """Quotes whose speaker is one of ``said_by`` now name ``name``."""
    if not any(q.speaker and name_key(q.speaker) in said_by for q in quotes):
        return quotes
    return tuple(
        replace(q, speaker=name, corrected=True) if q.speaker and name_key(q.speaker) in said_by else q
        for q in quotes
    )


_PLACE_ORDER = {"title": 0, "standfirst": 1, "paragraph": 2, "figure": 3}


def _mention_order(m: Mention) -> tuple[int, int, int, int]:
    return (_PLACE_ORDER.get(m.where, 9), m.index, 1 if m.field == "credit" else 0, m.start)


def _surface(article: Article, mention: Mention) -> str:
    """The words of a mention as the article writes them."""
    try:
        return article.text_of(mention.where, mention.index, mention.field)[mention.start : mention.end]
    except IndexError:
        return ""


def names_of(corrections: Iterable[Correction]) -> tuple[str, ...]:
    """Every name the corrections touch (to find the articles they may change)."""
    return tuple(dict.fromkeys(n for c in corrections for n in c.names() if n.strip()))
