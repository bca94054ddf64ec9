"""The analysis room: each article's quotes, entities and notes as analysis found them (never
corrected: the user's corrections are applied when they are read), the full-text index of
what analysis found, and which articles are still to be analysed by this extractor.

The index shows what the user sees: the caller hands :meth:`Analysis.put` the analysis with
the corrections applied for indexing, and indexes again (:meth:`Analysis.index`) whatever a
correction changes.

Its columns (``analysis_fts``): ``quotes``, the words of every statement (a quoted term is
nobody's statement); ``speakers``, every quote's speaker; ``entities``, every entity's name
and variants; ``kinds``, the kinds of statement the article holds (``direct``, ``mixed``,
``indirect``); and one column of speakers per kind (``speakers_direct``...), so that a search
for a speaker's reported statements asks for that speaker among the speakers of reported
statements, not an article with the speaker and some reported statement by anyone.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence

from viewer.core.corpus import codec
from viewer.core.corpus.search import STATEMENT_KINDS
from viewer.core.corpus.store.connection import Connection
from viewer.core.corpus.store.rows import AnalysedRow
from viewer.core.corpus.store.schema import ANALYSIS_INDEX_COLUMNS, VALUE_BREAK
from viewer.core.model import AnalysedArticle, Entity, Quote

#: The words of a name, as the full-text index sees them.
_NAME_WORD = re.compile(r"\w+", re.UNICODE)
_INSERT_INDEX = (
    f"INSERT INTO analysis_fts(rowid, {', '.join(ANALYSIS_INDEX_COLUMNS)}) "
    f"VALUES (?, {', '.join('?' * len(ANALYSIS_INDEX_COLUMNS))})"
)


class Analysis:
    """Stored analysis and its index."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._db = connection.db

    def put(
        self, article_id: int, analysed: AnalysedArticle, extractor: str, shown: Callable[[], AnalysedArticle]
    ) -> None:
        """Keep an article's analysis as found, and index what ``shown()`` gives: the same
        analysis with the user's corrections applied (search finds what the user sees), made
        inside the transaction, with the corrections in force when it commits. Nothing is
        kept if the article went (its file changed) while it was analysed."""
        with self._connection.transaction() as db:
            if db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
                return
            db.execute(
                "INSERT OR REPLACE INTO analysis(article_id, quotes, entities, notes, extractor) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    article_id,
                    codec.quotes_json(analysed.quotes),
                    codec.entities_json(analysed.entities),
                    codec.notes_json(analysed.notes),
                    extractor,
                ),
            )
            _index(db, article_id, shown())

    def put_found(self, found: Sequence[codec.FoundAnalysis]) -> None:
        """Keep analyses made elsewhere as they were written (see
        :func:`~viewer.core.corpus.codec.found_analysis`), indexed as found, in one
        transaction; for a store without corrections (else the index must show them corrected:
        :meth:`put`). Articles that went are passed over."""
        with self._connection.transaction() as db:
            kept = {
                row[0]
                for row in db.execute(
                    f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(found))})",
                    [f.article_id for f in found],
                )
            }
            found = [f for f in found if f.article_id in kept]
            db.executemany(
                "INSERT OR REPLACE INTO analysis(article_id, quotes, entities, notes, extractor) "
                "VALUES (?, ?, ?, ?, ?)",
                [(f.article_id, f.quotes_json, f.entities_json, f.notes_json, f.extractor) for f in found],
            )
            db.executemany("DELETE FROM analysis_fts WHERE rowid = ?", [(f.article_id,) for f in found])
            db.executemany(_INSERT_INDEX, [(f.article_id, *index_values(f.quotes, f.names)) for f in found])

    def index(self, analysed: Iterable[tuple[int, AnalysedArticle]]) -> None:
        """Index these articles' analysis again, as given (in one transaction)."""
        with self._connection.transaction() as db:
            for article_id, shown in analysed:
                _index(db, article_id, shown)

    def read(
        self, article_id: int, extractor: str
    ) -> tuple[tuple[Quote, ...], tuple[Entity, ...], tuple[str, ...]] | None:
        """The stored quotes, entities and notes of one article, if this extractor made them."""
        row = self._db.execute(
            "SELECT quotes, entities, notes, extractor FROM analysis WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None or row[3] != extractor:
            return None
        return codec.quotes_from_json(row[0]), codec.entities_from_json(row[1]), codec.notes_from_json(row[2])

    def hits(self, match: str) -> set[int]:
        """Ids of the articles whose analysis (quotes, speakers, entity names) matches an FTS5
        expression. The caller builds it from words it has quoted itself (see
        :func:`viewer.core.corpus.speakers.analysis_match`): user input never goes here raw."""
        return {
            row[0]
            for row in self._db.execute("SELECT rowid FROM analysis_fts WHERE analysis_fts MATCH ?", (match,))
        }

    def rows(self, ids: Sequence[int]) -> Iterator[AnalysedRow]:
        """The stored analysis of these articles (as found, not corrected) with what the list
        shows of each, in id order; articles without analysis are left out. Streams, a few
        hundred rows per query, so a caller can stop between them."""
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT a.id, a.title, a.date, a.source, n.quotes, n.entities FROM analysis n "
                f"JOIN articles a ON a.id = n.article_id WHERE n.article_id IN ({marks}) ORDER BY a.id",
                chunk,
            ).fetchall()
            for r in rows:
                yield AnalysedRow(*r)

    def articles_naming(self, names: Sequence[str]) -> list[int]:
        """Analysed articles whose text, or whose indexed speakers and entities, carry any of
        ``names``: every article a correction of those names may change (and a few more)."""
        phrases = [" ".join(words) for n in names if (words := _NAME_WORD.findall(n))]
        if not phrases:
            return []
        match = " OR ".join(f'"{p}"' for p in dict.fromkeys(phrases))
        rows = self._db.execute(
            "SELECT article_id FROM analysis WHERE article_id IN "
            "(SELECT rowid FROM text_fts WHERE text_fts MATCH ? "
            "UNION SELECT rowid FROM analysis_fts WHERE analysis_fts MATCH ?) ORDER BY article_id",
            (match, "{speakers entities} : (" + match + ")"),
        )
        return [r[0] for r in rows]

    def unanalysed(self, limit: int, after: int, extractor: str) -> list[int]:
        """Readable articles with no analysis by ``extractor``, by id, from ``after`` on."""
        rows = self._db.execute(
            "SELECT a.id FROM articles a LEFT JOIN analysis n ON n.article_id = a.id "
            "WHERE a.error IS NULL AND a.id > ? AND (n.article_id IS NULL OR n.extractor != ?) "
            "ORDER BY a.id LIMIT ?",
            (after, extractor, limit),
        )
        return [r[0] for r in rows]

    def analysed_among(self, article_ids: Sequence[int], extractor: str | None) -> set[int]:
        """Those of these articles analysed by ``extractor`` (None: by any)."""
        out: set[int] = set()
        for start in range(0, len(article_ids), 500):
            chunk = list(article_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            by = " AND extractor = ?" if extractor is not None else ""
            rows = self._db.execute(
                f"SELECT article_id FROM analysis WHERE article_id IN ({marks}){by}",
                [*chunk, extractor] if extractor is not None else chunk,
            )
            out.update(r[0] for r in rows)
        return out

    def analysed_count(self, extractor: str) -> tuple[int, int]:
        """(articles analysed by ``extractor``, readable articles)."""
        done = self._db.execute("SELECT count(*) FROM analysis WHERE extractor = ?", (extractor,)).fetchone()[
            0
        ]
        total = self._db.execute("SELECT count(*) FROM articles WHERE error IS NULL").fetchone()[0]
        return int(done), int(total)


def index_values(quotes: Sequence[codec.IndexedQuote], names: Iterable[str]) -> tuple[str, ...]:
    """What the index holds of an article's quotes and entity names, one value per column of
    :data:`~.schema.ANALYSIS_INDEX_COLUMNS` (the kinds in the order of
    :data:`~viewer.core.corpus.search.STATEMENT_KINDS`)."""
    statements = [q for q in quotes if q.kind != "term"]
    held = {q.kind for q in statements}
    return (
        VALUE_BREAK.join(q.text for q in statements),
        VALUE_BREAK.join(q.speaker for q in quotes if q.speaker),
        VALUE_BREAK.join(names),
        " ".join(kind for kind in STATEMENT_KINDS if kind in held),
        *(
            VALUE_BREAK.join(q.speaker for q in statements if q.kind == kind and q.speaker)
            for kind in STATEMENT_KINDS
        ),
    )


def _index(db: sqlite3.Connection, article_id: int, analysed: AnalysedArticle) -> None:
    quotes = [codec.IndexedQuote(q.kind, q.text, q.speaker) for q in analysed.quotes]
    names = [name for e in analysed.entities for name in dict.fromkeys((e.name, *e.variants))]
    db.execute("DELETE FROM analysis_fts WHERE rowid = ?", (article_id,))
    db.execute(_INSERT_INDEX, (article_id, *index_values(quotes, names)))
