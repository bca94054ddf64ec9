"""What a person types in the search box, as a query over the corpus store.

The syntax:

- ``word another``: every word occurs in the article's text (title, standfirst, byline,
  source, date, file name, body, captions); the last word typed also matches longer words
  (search as you type).
- ``"a phrase"``: the words occur together, in this order.
- ``speaker:Kuleba``, ``speaker:"Dmytro Kuleba"``: an article quoting that speaker.
- ``entity:"Volodymyr Zelensky"``: an article naming that person, organisation or place
  (any of its name variants).
- ``quote:"official statement"``: an article with a quote containing those words.
- ``person:Jordan``, ``org:Acme``, ``place:Jordan``: an article naming an entity of that kind
  (a person; an organisation or a brand; a place) with those words in its name, of the type
  the folder agreed on (see :mod:`viewer.core.corpus.agreement`): Jordan the country is not
  found by ``person:Jordan``, unless an article's own words make him one.

Terms combine with AND. A field name we do not know (``http:``) is just a word. User input is
never passed to SQLite as query syntax: words are reduced to letters and digits and quoted,
so no input can raise a syntax error (a property test checks that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from viewer.core.lexicon import LABEL_KINDS

Field = Literal["text", "speaker", "entity", "quote", "person", "org", "place"]
FIELDS: dict[str, Field] = {
    "speaker": "speaker",
    "entity": "entity",
    "quote": "quote",
    "text": "text",
    "person": "person",
    "org": "org",
    "place": "place",
}
#: The fields that search what analysis found (the others search the article's text).
ANALYSIS_FIELDS: frozenset[Field] = frozenset({"speaker", "entity", "quote", "person", "org", "place"})
#: The FTS5 table and column each field searches (a typed entity field: its words first).
_COLUMNS: dict[Field, tuple[str, str]] = {
    "text": ("text_fts", ""),
    "speaker": ("analysis_fts", "speakers"),
    "entity": ("analysis_fts", "entities"),
    "quote": ("analysis_fts", "quotes"),
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

_TERM = re.compile(r'(?:(?P<field>[A-Za-z]+):)?(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Term:
    """One thing to find: words in a field, as a phrase or not, the last one a prefix."""

    field: Field
    words: tuple[str, ...]
    phrase: bool
    prefix: bool = False

    def match(self) -> str:
        """The FTS5 expression, every word quoted (no syntax can get in)."""
        quoted = " ".join(self.words)
        if self.phrase or len(self.words) > 1:
            body = f'"{quoted}"'
        else:
            body = f'"{quoted}"' + ("*" if self.prefix else "")
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
        out = []
        for table in ("text_fts", "analysis_fts"):
            parts = [t.match() for t in self.terms if _COLUMNS[t.field][0] == table]
            if parts:
                out.append((table, " AND ".join(parts)))
        return out

    def sql(self) -> tuple[str, list[object]]:
        """A WHERE clause over ``articles`` and its parameters."""
        clauses: list[str] = []
        params: list[object] = []
        for table in ("text_fts", "analysis_fts"):
            parts = [t.match() for t in self.terms if _COLUMNS[t.field][0] == table]
            if parts:
                clauses.append(f"id IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)")
                params.append(" AND ".join(parts))
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
        terms.append(
            Term(
                field or "text",
                words,
                phrase is not None,
                prefix=is_last and phrase is None and not text.endswith(" "),
            )
        )
    return Query(tuple(terms), text)
