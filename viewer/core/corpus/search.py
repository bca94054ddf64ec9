"""What a person types in the search box, as a query over the corpus store.

The syntax:

- ``word another``: every word occurs in the article's text (title, standfirst, byline,
  source, date, file name, body, captions); the last word typed also matches longer words
  (search as you type).
- ``"a phrase"``: the words occur together, in this order.
- ``speaker:Kuleba``, ``speaker:"Dmytro Kuleba"``: an article quoting that speaker.
- ``entity:"Ines Marlow"``: an article naming that person, organisation or place
  (any of its name variants).
- ``quote:"official statement"``: an article with a quote containing those words.
- ``kind:direct``, ``kind:mixed``, ``kind:reported`` (or ``kind:indirect``): an article with a
  statement of that kind (words in quotation marks; a paraphrase carrying a quoted fragment;
  reported speech). With ``speaker:`` it narrows the speaker: ``speaker:Kuleba kind:reported``
  is an article where Kuleba is the speaker of a reported statement (the index keeps each
  kind's speakers apart). With ``quote:`` or words it narrows the article only: ``quote:grain
  kind:reported`` is an article with a quote holding "grain" and some reported statement,
  not necessarily the same one.
- ``person:Jordan``, ``org:Acme``, ``place:Jordan``: an article naming an entity of that kind
  (a person; an organisation or a brand; a place) with those words in its name, of the type
  the folder agreed on (see :mod:`viewer.core.corpus.agreement`): Jordan the country is not
  found by ``person:Jordan``, unless an article's own words make him one.

Terms combine with AND (``kind:direct kind:reported``: an article with both kinds; with a
speaker, that speaker has statements of both). A field name we do not know (``http:``) is
just a word. User input is never passed to SQLite as query syntax: words are reduced to
letters and digits and quoted, and a column is named only for a kind we know, so no input can
raise a syntax error (a property test checks that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

from viewer.core.lexicon import LABEL_KINDS
from viewer.core.model import QuoteKind

Field = Literal["text", "speaker", "entity", "quote", "kind", "person", "org", "place"]
FIELDS: dict[str, Field] = {
    "speaker": "speaker",
    "entity": "entity",
    "quote": "quote",
    "text": "text",
    "kind": "kind",
    "person": "person",
    "org": "org",
    "place": "place",
}
#: Fields answered by the index of the analysis (the rest by the article's text).
ANALYSIS_FIELDS: frozenset[Field] = frozenset(
    {"speaker", "entity", "quote", "kind", "person", "org", "place"}
)
#: The FTS5 table and column each field searches (a typed entity field: its words first).
_COLUMNS: dict[Field, tuple[str, str]] = {
    "text": ("text_fts", ""),
    "speaker": ("analysis_fts", "speakers"),
    "entity": ("analysis_fts", "entities"),
    "quote": ("analysis_fts", "quotes"),
    "kind": ("analysis_fts", "kinds"),
    "person": ("analysis_fts", "entities"),
    "org": ("analysis_fts", "entities"),
    "place": ("analysis_fts", "entities"),
}
_TYPED_KINDS: dict[Field, str] = {"person": "person", "org": "body", "place": "place"}
#: The entity types (spaCy labels) each typed field finds.
TYPED_LABELS: dict[Field, tuple[str, ...]] = {
    field: tuple(sorted(label for label, k in LABEL_KINDS.items() if k == kind))
    for field, kind in _TYPED_KINDS.items()
}
#: The kinds of statement the index keeps (a quoted term is nobody's statement).
STATEMENT_KINDS: tuple[QuoteKind, ...] = tuple(k for k in get_args(QuoteKind) if k != "term")
#: What a ``kind:`` term may say, and the kind it means ("reported" is the reader's word for
#: what the model calls indirect).
KIND_NAMES: dict[str, QuoteKind] = {
    "direct": "direct",
    "mixed": "mixed",
    "reported": "indirect",
    "indirect": "indirect",
}


def speakers_column(kind: QuoteKind) -> str:
    """The column of the analysis index holding the speakers of one kind's statements."""
    return f"speakers_{kind}"


def kind_word(typed: str, *, prefix: bool) -> str:
    """The kind a ``kind:`` word means (a word being typed may be the start of one: "rep"),
    or the word itself folded, which no article's kinds hold."""
    word = typed.casefold()
    if word in KIND_NAMES:
        return KIND_NAMES[word]
    if prefix:
        meant = {kind for name, kind in KIND_NAMES.items() if name.startswith(word)}
        if len(meant) == 1:
            return meant.pop()
    return word


_TERM = re.compile(r'(?:(?P<field>[A-Za-z]+):)?(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Term:
    """One thing to find: words in a field, as a phrase or not, the last one a prefix."""

    field: Field
    words: tuple[str, ...]
    phrase: bool
    prefix: bool = False

    def match(self, kinds: tuple[QuoteKind, ...] = ()) -> str:
        """The FTS5 expression, every word quoted (no syntax can get in). A speaker is
        looked for among the speakers of ``kinds`` (each of them) when some are given."""
        if self.field == "kind":
            return " AND ".join(f'kinds : "{word}"' for word in self.words)
        quoted = " ".join(self.words)
        if self.phrase or len(self.words) > 1:
            body = f'"{quoted}"'
        else:
            body = f'"{quoted}"' + ("*" if self.prefix else "")
        if self.field == "speaker" and kinds:
            return " AND ".join(f"{speakers_column(kind)} : {body}" for kind in kinds)
        column = _COLUMNS[self.field][1]
        return f"{column} : {body}" if column else body


@dataclass(frozen=True, slots=True)
class Query:
    terms: tuple[Term, ...]
    text: str = ""

    @property
    def empty(self) -> bool:
        return not self.terms

    def fields(self) -> set[Field]:
        return {t.field for t in self.terms}

    @property
    def searches_analysis(self) -> bool:
        """Whether the analysis answers part of it (new analysis may find more)."""
        return bool(self.fields() & ANALYSIS_FIELDS)

    def kinds(self) -> tuple[QuoteKind, ...]:
        """The kinds of statement asked for (``kind:`` terms that name one)."""
        asked = {word for t in self.terms if t.field == "kind" for word in t.words}
        return tuple(k for k in STATEMENT_KINDS if k in asked)

    def words_of(self, field: Field) -> list[str]:
        """Words searched for in one field (for highlighting them in the reader)."""
        return [w for t in self.terms if t.field == field for w in t.words]

    def typed(self) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """(types, name words folded) of each typed entity term (``person:Jordan``): the
        articles found must show a name with these words as one of these types."""
        return [
            (TYPED_LABELS[t.field], tuple(w.casefold() for w in t.words))
            for t in self.terms
            if t.field in TYPED_LABELS
        ]

    def matches(self) -> list[tuple[str, str]]:
        """(FTS5 table, MATCH expression) for each table the terms search."""
        kinds = self.kinds()
        out = []
        for table in ("text_fts", "analysis_fts"):
            parts = [t.match(kinds) for t in self.terms if _COLUMNS[t.field][0] == table]
            if parts:
                out.append((table, " AND ".join(parts)))
        return out

    def sql(self) -> tuple[str, list[object]]:
        """A WHERE clause over ``articles`` and its parameters."""
        matches = self.matches()
        clauses = [f"id IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)" for table, _m in matches]
        params: list[object] = [match for _table, match in matches]
        for labels, words in self.typed():
            holds = "".join(" AND instr(name, ?) > 0" for _ in words)
            clauses.append(
                f"id IN (SELECT article_id FROM type_votes WHERE shown IN ({','.join('?' * len(labels))}){holds})"
            )
            params.extend([*labels, *words])
        return ("WHERE " + " AND ".join(clauses), params) if clauses else ("", [])


def parse_query(text: str) -> Query:
    """The terms of what was typed; never raises."""
    terms: list[Term] = []
    matches = list(_TERM.finditer(text))
    for n, match in enumerate(matches):
        field_name, phrase, word = match.group("field"), match.group("phrase"), match.group("word")
        field = FIELDS.get((field_name or "").lower())
        raw = phrase if phrase is not None else word or ""
        if field_name and field is None:
            raw = f"{field_name} {raw}"  # "http://example" is words, not a field
            field = "text"
        words = tuple(_WORD.findall(raw))
        if not words:
            continue
        is_last = n == len(matches) - 1 and match.end() == len(text)
        prefix = is_last and phrase is None and not text.endswith(" ")
        if field == "kind":
            last = len(words) - 1
            words = tuple(
                dict.fromkeys(kind_word(w, prefix=prefix and i == last) for i, w in enumerate(words))
            )
            prefix = False
        terms.append(Term(field or "text", words, phrase is not None, prefix=prefix))
    return Query(tuple(terms), text)
