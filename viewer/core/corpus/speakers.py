"""Speaker pages: every statement by one person or organisation across the folder (of every
kind: direct, mixed, reported; a quoted term is nobody's statement), how many of each kind,
and how often they are quoted against only mentioned, by source and by month. "Quoted" counts
an article quoting them in any kind; :attr:`SpeakerProfile.by_kind` says which.

Who counts as the same speaker is decided by the analysis' name clusters (an article's
entity with its variants: "Joe Biden" with "Biden"), not by substrings:

- an article's entity is the speaker when one's name is among the other's forms (its name
  and variants, compared case- and accent-blind, without a leading "the" or "Mr"), and
  their kinds agree (a person is not a place that shares its name);
- a short form standing alone ("Biden" as an article's only Biden) is the speaker's only when
  the speaker is the most frequent holder of that form in the articles that use it;
- a quote is theirs when its speaker, as the article resolved it, is one of the forms of the
  matching entity, or one of the speaker's own forms that no other entity of that article
  claims ("Biden" where the article also names Hunter Biden stays unattributed here).

The full-text index of the analysis finds the candidate articles (those naming any of the
forms), so only they are read: a name in a few thousand of 100,000 articles costs those few
thousand rows. Pure Python: no Qt.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from viewer.core.cite import PART_JOINER, parts_of_text
from viewer.core.corpus import codec
from viewer.core.corpus.search import STATEMENT_KINDS
from viewer.core.corpus.store import AnalysedRow, CorpusStore
from viewer.core.lexicon import ENTITY_KINDS, HONORIFICS
from viewer.core.model import Entity, QuoteKind

#: Kinds of entity that may be one speaker (see the lexicon).
KINDS = ENTITY_KINDS
#: The key of the articles that give no source (see :attr:`Tally.key`).
NO_SOURCE = ""
_WORD = re.compile(r"\w+", re.UNICODE)
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_POSSESSIVE = re.compile(r"['’]s\b")
_LEADING = frozenset({"the", *(h.rstrip(".").casefold() for h in HONORIFICS)})


def name_key(name: str) -> str:
    """A name as it is compared: case and accents folded, punctuation and possessive "'s"
    dropped, no leading "the" or form of address ("Mr Osei" and "Osei's" are "osei")."""
    text = unicodedata.normalize("NFKD", _POSSESSIVE.sub("", name.casefold()))
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = _WORD.findall(text)
    while len(words) > 1 and words[0] in _LEADING:
        words = words[1:]
    return " ".join(words)


def kind_of(entity_type: str | None) -> str | None:
    return None if not entity_type else KINDS.get(entity_type, entity_type)


@dataclass(frozen=True, slots=True)
class Speaker:
    """Whom a page is about: a name, its entity type when known, and its variants."""

    name: str
    type: str | None = None
    variants: tuple[str, ...] = ()

    @classmethod
    def of_entity(cls, entity: Entity) -> Speaker:
        return cls(entity.name, entity.type, tuple(v for v in entity.variants if v != entity.name))

    def forms(self) -> frozenset[str]:
        """The name and its variants as :func:`name_key` compares them."""
        return frozenset(k for k in map(name_key, (self.name, *self.variants)) if k)


def _same_kind(a: str | None, b: str | None) -> bool:
    ka, kb = kind_of(a), kind_of(b)
    return ka is None or kb is None or ka == kb


@dataclass(frozen=True, slots=True)
class SpeakerQuote:
    """One statement by the speaker: where it is (article id, its number among the article's
    quotes), its words, the speaker as the article wrote it, the article's details, and its
    kind (``"indirect"``: reported speech, never to be shown in quotation marks)."""

    article_id: int
    quote: int
    text: str
    speaker: str
    role: str | None
    title: str
    source: str | None
    date: str | None
    kind: QuoteKind = "direct"


@dataclass(frozen=True, slots=True)
class KindCount:
    """The speaker's statements of one kind, and the articles holding at least one of them."""

    kind: QuoteKind
    statements: int
    articles: int


@dataclass(frozen=True, slots=True)
class Tally:
    """Articles of one source or one month (``key``: the source's name, :data:`NO_SOURCE`,
    or ``"YYYY-MM"``) that quote the speaker, and that name them without quoting them."""

    key: str
    quoted: int
    mentioned: int

    @property
    def total(self) -> int:
        return self.quoted + self.mentioned


@dataclass(frozen=True, slots=True)
class SpeakerProfile:
    """Everything a speaker page shows.

    ``quotes`` newest first (undated last); ``by_source`` most articles first; ``by_month``
    every month from the first to the last dated article, empty months included, with the
    undated articles in ``undated`` (key ``""``); ``names``: how the matched entities and
    quotes wrote the name, most frequent first; ``searched``: candidate articles read;
    ``by_kind``: the statements and articles of each kind of statement (direct, mixed,
    indirect, in that order, none left out), counted from the quotes found.
    """

    speaker: Speaker
    quotes: tuple[SpeakerQuote, ...]
    by_source: tuple[Tally, ...]
    by_month: tuple[Tally, ...]
    undated: Tally
    quoted_articles: int
    mentioned_articles: int
    names: tuple[str, ...]
    searched: int
    by_kind: tuple[KindCount, ...] = ()

    @property
    def articles(self) -> int:
        return self.quoted_articles + self.mentioned_articles

    def of_kind(self, kind: QuoteKind) -> KindCount:
        """The count of one kind (zero when the speaker has none of it)."""
        return next((c for c in self.by_kind if c.kind == kind), KindCount(kind, 0, 0))


def count_kinds(quotes: Iterable[SpeakerQuote]) -> tuple[KindCount, ...]:
    """Statements and articles of each kind of statement among ``quotes``."""
    statements: Counter[QuoteKind] = Counter()
    articles: dict[QuoteKind, set[int]] = {kind: set() for kind in STATEMENT_KINDS}
    for quote in quotes:
        statements[quote.kind] += 1
        articles.setdefault(quote.kind, set()).add(quote.article_id)
    return tuple(KindCount(kind, statements[kind], len(articles[kind])) for kind in STATEMENT_KINDS)


def analysis_match(forms: Iterable[str]) -> str:
    """The FTS5 expression finding articles whose speakers or entity names contain any of
    ``forms`` as a phrase; every word is quoted, so no name can inject query syntax."""
    phrases = sorted({" ".join(_WORD.findall(f)) for f in forms} - {""})
    if not phrases:
        raise ValueError("a speaker's name needs at least one letter or digit")
    return "{speakers entities} : (" + " OR ".join(f'"{p}"' for p in phrases) + ")"


def month_of(date: str | None) -> str | None:
    """``"YYYY-MM"`` of an ISO date, None for no date or one that is not ISO."""
    found = _MONTH.match(date or "")
    return f"{found.group(1)}-{found.group(2)}" if found and 1 <= int(found.group(2)) <= 12 else None


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:])
    end = (int(last[:4]), int(last[5:]))
    out = []
    while (year, month) <= end:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


@functools.lru_cache(maxsize=65536)
def _key(name: str) -> str:
    return name_key(name)


def _holds(name: str, form: str) -> bool:
    """Whether a (longer) name contains a short form as whole words: "joe biden" holds "biden"."""
    return name != form and f" {form} " in f" {name} "


class _Named(NamedTuple):
    """An article's entity as a speaker page reads it (its mentions are never decoded)."""

    name: str
    key: str
    type: str
    forms: frozenset[str]


def _named(entities_json: str) -> list[_Named]:
    return [_named_entity(e) for e in codec.entity_names(entities_json)]


@functools.lru_cache(maxsize=65536)
def _named_entity(entity: codec.EntityName) -> _Named:
    """Worked out once per name, type and variants: the same entities come back in article
    after article (the same record then stands for each of them)."""
    return _Named(
        entity.name, _key(entity.name), entity.type, frozenset(map(_key, (entity.name, *entity.variants)))
    )


class _Matcher:
    """Which entities and quotes of the candidate articles are the speaker's.

    A short form of the name ("Biden" of "Joe Biden") standing alone in an article (as its
    own entity, or as a speaker with no entity) is claimed only when the speaker is the most
    frequent holder of that form among the candidates (ties claim): "Biden" alone is Joe
    Biden's where Joe Biden is named in more articles than Hunter Biden, not both men's.
    """

    def __init__(self, speaker: Speaker) -> None:
        self.type = speaker.type
        self.kind = kind_of(speaker.type)
        self.forms = speaker.forms()
        self.name = name_key(speaker.name) or max(self.forms, key=lambda f: len(f.split()), default="")
        size = len(self.name.split())
        self.short = frozenset(f for f in self.forms if len(f.split()) < size)
        self.full = self.forms - self.short
        self.holders: dict[str, Counter[str]] = {f: Counter() for f in self.short}
        self.unclaimed: frozenset[str] = frozenset()
        self._held: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}

    def count_holders(self, names: Iterable[tuple[str, str]]) -> None:
        """Count (once per article) the names of the speaker's kind holding a short form."""
        if not self.short:
            return
        held = {pair for name, kind in names for pair in self._held_by(name, kind)}
        for form, key in held:
            self.holders[form][key] += 1

    def _held_by(self, name: str, kind: str) -> tuple[tuple[str, str], ...]:
        """(short form, name key) for each short form this name holds; the same names come
        back in article after article, so each is worked out once."""
        found = self._held.get((name, kind))
        if found is None:
            key = _key(name)
            same = _same_kind(self.type, kind)
            found = tuple((form, key) for form in self.short if same and _holds(key, form))
            self._held[(name, kind)] = found
        return found

    def settle(self) -> None:
        """Decide, once every candidate was counted, which short forms are the speaker's."""
        lost = set()
        for form, holders in self.holders.items():
            ours = sum(n for key, n in holders.items() if key in self.forms)
            theirs = max((n for key, n in holders.items() if key not in self.forms), default=0)
            if ours < theirs:
                lost.add(form)
        self.unclaimed = frozenset(lost)

    def only_holds(self, row: AnalysedRow) -> bool:
        """For an article naming a short form but not the full name: count who holds the
        short form there and say True, unless the form stands alone in it (then it must be
        read whole). Reads names and speakers straight from the JSON (quick)."""
        names = codec.scan_entity_names(row.entities_json)
        if names is None:
            return False  # not the layout the scan knows: read it whole
        if any(_key(name) in self.short for name, _kind in names):
            return False
        if any(_key(said_by) in self.short for said_by in codec.scan_speakers(row.quotes_json)):
            return False
        self.count_holders(names)
        return True

    def is_entity(self, entity: _Named) -> bool:
        # As _same_kind, with the speaker's kind worked out once (every entity of every
        # candidate article comes here).
        kind = kind_of(entity.type)
        if self.kind is not None and kind is not None and kind != self.kind:
            return False
        return (entity.key in self.forms and entity.key not in self.unclaimed) or self.name in entity.forms

    def is_speaker(self, key: str) -> bool:
        """A speaker named by one of the forms, with no entity of the article to say whose."""
        return key in self.forms and key not in self.unclaimed


def speaker_profile(
    store: CorpusStore, speaker: Speaker, *, check: Callable[[], None] | None = None
) -> SpeakerProfile:
    """The speaker's quotes and counts over the whole store. ``check`` is called between
    batches of articles (a background task raises there to stop); raises ValueError for a
    name with no letters or digits.

    Articles naming the full name are read whole; those naming only a short form (a
    surname) are first looked at through their raw JSON, and read only when the short
    form stands alone in them: the others only count who else holds it.
    """
    match = _Matcher(speaker)
    full = store.analysis_hits(analysis_match(match.full))
    short = store.analysis_hits(analysis_match(match.short)) - full if match.short else set()
    rows: list[tuple[AnalysedRow, list[_Named]]] = []
    for n, row in enumerate(store.analysed_rows(sorted(full | short))):
        if check is not None and n % 200 == 0:
            check()
        if row.id in short and match.only_holds(row):
            continue
        entities = _named(row.entities_json)
        match.count_holders((e.name, e.type) for e in entities)
        rows.append((row, entities))
    match.settle()
    quotes: list[SpeakerQuote] = []
    sources: dict[str, list[int]] = {}
    months: dict[str, list[int]] = {}
    undated = [0, 0]
    names: Counter[str] = Counter()
    quoted = mentioned = 0
    for row, entities in rows:
        theirs = [match.is_entity(e) for e in entities]
        matched = [e for e, is_theirs in zip(entities, theirs, strict=True) if is_theirs]
        own = {f for e in matched for f in e.forms}
        own_names = {e.key for e in matched}
        others = {f for e, is_theirs in zip(entities, theirs, strict=True) if not is_theirs for f in e.forms}
        found = []
        stored = codec.StoredQuotes(row.quotes_json)
        for number, said_by in stored.speakers():
            key = _key(said_by)
            if (key in own or match.is_speaker(key)) and (key not in others or key in own_names):
                quote = stored.head(number)
                if quote is not None:
                    found.append(
                        SpeakerQuote(
                            row.id,
                            number,
                            _words(quote),
                            said_by,
                            quote.role,
                            row.title,
                            row.source,
                            row.date,
                            quote.kind,
                        )
                    )
        if not found and not matched:
            continue  # the index found the words, but as part of another name
        is_quoted = bool(found)
        quotes.extend(found)
        names.update(e.name for e in matched)
        names.update(q.speaker for q in found)
        quoted += is_quoted
        mentioned += not is_quoted
        slot = 0 if is_quoted else 1
        sources.setdefault(row.source or NO_SOURCE, [0, 0])[slot] += 1
        month = month_of(row.date)
        if month is None:
            undated[slot] += 1
        else:
            months.setdefault(month, [0, 0])[slot] += 1
    quotes.sort(key=lambda q: (q.article_id, q.quote))
    quotes.sort(key=lambda q: q.date or "", reverse=True)  # stable: file order within a date
    by_source = sorted(
        (Tally(key, q, m) for key, (q, m) in sources.items()), key=lambda t: (-t.total, t.key.casefold())
    )
    by_month = (
        [Tally(m, *months.get(m, (0, 0))) for m in _months_between(min(months), max(months))]
        if months
        else []
    )
    return SpeakerProfile(
        speaker=speaker,
        quotes=tuple(quotes),
        by_source=tuple(by_source),
        by_month=tuple(by_month),
        undated=Tally("", undated[0], undated[1]),
        quoted_articles=quoted,
        mentioned_articles=mentioned,
        names=tuple(name for name, _n in sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))),
        searched=len(full | short),
        by_kind=count_kinds(quotes),
    )


def _words(quote: codec.QuoteHead) -> str:
    """The quote's words on one line, the parts of a split quote joined as everywhere else."""
    if quote.part_lengths is None:
        return quote.text
    return PART_JOINER.join(parts_of_text(quote.text, quote.part_lengths))
