"""The corpus store: one SQLite database per opened folder, in the user's cache folder.

It keeps, per file, its path (as bytes: any name the file system allows), size, modification
time and content hash; per article its fields; per analysed article its quotes and entities;
and two full-text indexes (FTS5): the article's text (title, standfirst, byline, source, body,
captions), and what analysis found (quote text, speakers, entity names and variants); and the
user's corrections to the analysis (see :mod:`viewer.core.corpus.corrections`), applied
whenever an analysis is read or indexed, never written into it.

Several processes use one store at once: the reading process writes articles, the analysis
process writes results, and the window reads. WAL mode lets readers go on while a writer
writes; every write is a short transaction. A store that cannot be used as it is (corrupt,
not ours, locked, read-only, full) raises :class:`StoreUnavailable` when opened, or is moved
aside and rebuilt: see :func:`open_store`. Nothing here imports Qt.

The store is built in rooms, each a module of this package with a class of its own, which
never import one another:

- :mod:`.connection`: the one connection, its transactions and its faults (by SQLite's
  error codes);
- :mod:`.schema` and :mod:`.opening`: what a store looks like, and opening one whatever state
  it is in; :mod:`.location`: where a folder's store lives;
- :mod:`.rows`: the records the store takes in and hands out;
- :mod:`.articles`: files, articles, the text index and the folder's order;
- :mod:`.analysis`: each article's analysis and its index;
- :mod:`.corrections`: the user's corrections, undo and redo;
- :mod:`.entity_types`: each article's votes on the types of the names it names, and the
  types the folder agrees on (see :mod:`viewer.core.corpus.agreement`);
- :mod:`.groups`: the same statement across articles.

:class:`CorpusStore` (here) is the program's one way in: it holds the rooms on one
connection, and does what takes more than one of them (reading an analysis with the folder's
types and the user's corrections applied, indexing it again when they change).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import viewer
from viewer.core.corpus import agreement, codec
from viewer.core.corpus import corrections as fixes
from viewer.core.corpus.search import Query
from viewer.core.corpus.store.analysis import Analysis
from viewer.core.corpus.store.articles import FEW_HITS, ORDER_BY, UPSERT, Articles, SortKey
from viewer.core.corpus.store.connection import (
    FAULT_WORDS,
    READ_WAIT_S,
    WRITE_WAIT_S,
    Connection,
    Fault,
    StoreUnavailable,
    fault_of,
    is_disk_full,
)
from viewer.core.corpus.store.corrections import Corrections
from viewer.core.corpus.store.entity_types import Agreed, EntityTypes
from viewer.core.corpus.store.groups import Groups
from viewer.core.corpus.store.location import default_cache_dir, store_key, store_path, temporary_store_path
from viewer.core.corpus.store.opening import attach_connection, open_connection
from viewer.core.corpus.store.rows import (
    PARAGRAPH_SEPARATOR,
    AnalysedRow,
    FileState,
    ItemRow,
    ListRow,
    PreparedRow,
    StoredCorrection,
    StoredVersion,
    item_from_row,
    path_bytes,
    path_text,
    prepare_row,
)
from viewer.core.corpus.store.schema import APPLICATION_ID, SCHEMA_VERSION, VALUE_BREAK
from viewer.core.model import AnalysedArticle, Article, ReadFailure

__all__ = [
    "APPLICATION_ID",
    "EXTRACTOR_VERSION",
    "FAULT_WORDS",
    "FEW_HITS",
    "ORDER_BY",
    "PARAGRAPH_SEPARATOR",
    "SCHEMA_VERSION",
    "VALUE_BREAK",
    "Agreed",
    "AnalysedRow",
    "CorpusStore",
    "Fault",
    "FileState",
    "ItemRow",
    "ListRow",
    "PreparedRow",
    "SortKey",
    "StoreUnavailable",
    "StoredCorrection",
    "StoredVersion",
    "attach_store",
    "default_cache_dir",
    "fault_of",
    "is_disk_full",
    "item_from_row",
    "open_store",
    "path_bytes",
    "path_text",
    "prepare_row",
    "store_key",
    "store_path",
    "temporary_store_path",
]

#: What produced the rows. A store written by another version is re-extracted in the
#: background (its rows stay visible meanwhile). Bump the suffix when readers or analysis
#: change what they produce. (Read here at every use, so that a test may change it.)
EXTRACTOR_VERSION = f"{viewer.__version__}+28"

#: The articles room's insert-or-replace statement (tests write rows with it by hand).
_UPSERT = UPSERT


class CorpusStore:
    """One connection to a store, and its rooms. Not shared between threads: each thread
    opens its own."""

    def __init__(self, connection: Connection, path: Path, notice: str | None = None) -> None:
        self._connection = connection
        #: The raw SQLite connection (tests and benchmarks that write by hand).
        self._db = connection.db
        self._articles = Articles(connection)
        self._analysis = Analysis(connection)
        self._corrections = Corrections(connection)
        self._groups = Groups(connection)
        self._types = EntityTypes(connection)
        self.path = path
        #: Said once to the user when the store had to be rebuilt or bypassed.
        self.notice = notice

    # opening and the connection (see .connection, .opening) ------------------------------
    @classmethod
    def open(cls, path: Path | str, *, timeout: float = WRITE_WAIT_S) -> CorpusStore:
        """Open (creating it if needed) the store at ``path``; see :func:`open_store`."""
        return open_store(Path(path), timeout=timeout)

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> CorpusStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """One short write transaction (see :meth:`Connection.transaction`)."""
        return self._connection.transaction()

    def defer_checkpoints(self, pages: int) -> None:
        self._connection.defer_checkpoints(pages)

    def checkpoint(self) -> None:
        self._connection.checkpoint()

    def integrity_ok(self) -> bool:
        return self._connection.integrity_ok()

    def meta(self, key: str) -> str | None:
        return self._connection.meta(key)

    # files and articles (see .articles) -------------------------------------------------
    def file_states(self) -> dict[bytes, FileState]:
        return self._articles.file_states()

    def begin_file(self, path: str, fmt: str | None, *, keep_rows: bool = True) -> int:
        return self._articles.begin_file(path, fmt, keep_rows=keep_rows)

    def finish_file(
        self,
        file_id: int,
        *,
        size: int,
        mtime_ns: int,
        sha256: str | None,
        read_bytes: int,
        records: int,
        next_record: int | None = None,
        whole_file_row: bool = False,
        extractor: str | None = None,
    ) -> None:
        self._articles.finish_file(
            file_id,
            size=size,
            mtime_ns=mtime_ns,
            sha256=sha256,
            read_bytes=read_bytes,
            records=records,
            next_record=next_record,
            whole_file_row=whole_file_row,
            extractor=extractor or EXTRACTOR_VERSION,
        )

    def touch_file(self, file_id: int, *, size: int, mtime_ns: int) -> None:
        self._articles.touch_file(file_id, size=size, mtime_ns=mtime_ns)

    def remove_files(self, paths: Iterable[bytes]) -> int:
        return self._articles.remove_files(paths)

    def put_items(self, file_id: int, items: Sequence[Article | ReadFailure]) -> int:
        return self._articles.put_items(file_id, items)

    def put_rows(self, file_id: int, rows: Sequence[PreparedRow]) -> int:
        return self._articles.put_rows(file_id, rows)

    def index_pending(self, limit: int = 2000) -> int:
        return self._articles.index_pending(limit)

    def unindexed_count(self) -> int:
        return self._articles.unindexed_count()

    def count(self) -> int:
        return self._articles.count()

    def failure_count(self) -> int:
        return self._articles.failure_count()

    def max_id(self) -> int:
        return self._articles.max_id()

    def ids(self, query: Query | str | None = None, sort: SortKey = "file") -> list[int]:
        return self._articles.ids(query, sort)

    def rows(self, ids: Sequence[int]) -> dict[int, ListRow]:
        return self._articles.rows(ids)

    def item(self, article_id: int) -> Article | ReadFailure | None:
        return self._articles.item(article_id)

    def readable_with_hash(self) -> list[tuple[int, str | None]]:
        return self._articles.readable_with_hash()

    def id_of(self, path: str, record: int | None) -> int | None:
        return self._articles.id_of(path, record)

    def record_ids(self, file_id: int, first: int, last: int) -> dict[int, int]:
        """Record number -> article id of one file's rows ``first`` to ``last`` (and -1, its
        whole-file row)."""
        return self._articles.record_ids(file_id, first, last)

    # analysis, as found and as corrected (see .analysis, .corrections) -------------------
    def put_analysis(
        self, article_id: int, analysed: AnalysedArticle, extractor: str = EXTRACTOR_VERSION
    ) -> bool:
        """Keep an article's analysis; search finds it as the user sees it (corrected).
        Nothing is kept (False) if the article went, or changed, while it was analysed: its
        file changed and was read again meanwhile (by another process), and the analysis of
        its old text must not stand for the new one (it is analysed again)."""
        with self._connection.transaction():
            if self._articles.item(article_id) != analysed.article:
                return False
            self._analysis.put(
                article_id,
                analysed,
                extractor or EXTRACTOR_VERSION,
                lambda: self.compiled_corrections().apply(analysed),
            )
            self._types.put(article_id, ((e.name, e.type, e.evidence) for e in analysed.entities))
            self._groups.fall_behind()
        return True

    def analysed_among(self, article_ids: Sequence[int]) -> set[int]:
        """Those of these articles that have an analysis by this extractor (made by another
        process meanwhile, for one)."""
        return self._analysis.analysed_among(article_ids, EXTRACTOR_VERSION)

    def put_found_analyses(self, found: Sequence[codec.FoundAnalysis]) -> None:
        """Keep analyses made elsewhere as ``extract`` wrote them (an import), in one
        transaction; search finds them as the user sees them: when the user has corrections,
        each is made a record of, corrected and indexed as :meth:`put_analysis` does."""
        if not found:
            return
        if not self.active_corrections():
            with self.transaction():
                self._analysis.put_found(found)
                kept = self._analysis.analysed_among([f.article_id for f in found], None)
                self._types.put_many(  # of those whose article is still there
                    (f.article_id, codec.entity_votes(f.entities_json)) for f in found if f.article_id in kept
                )
                self._groups.fall_behind()
            return
        with self.transaction():
            for f in found:
                article = self._articles.item(f.article_id)
                if not isinstance(article, Article):
                    continue
                analysed = AnalysedArticle(
                    article,
                    codec.quotes_from_json(f.quotes_json),
                    codec.entities_from_json(f.entities_json),
                    codec.notes_from_json(f.notes_json),
                )
                self.put_analysis(f.article_id, analysed, f.extractor)

    def analysis(self, article_id: int, *, corrected: bool = True) -> AnalysedArticle | None:
        """The stored analysis of one article, if it was made by this extractor, with the
        types the folder agreed on and the user's corrections applied (unless not
        ``corrected``: then as found). The analysis and the article are read at one moment
        (never an analysis with a newer version of its article)."""
        with self._connection.snapshot():
            stored = self._analysis.read(article_id, EXTRACTOR_VERSION)
            article = self._articles.item(article_id) if stored is not None else None
            shown = self._types.retyped([article_id]).get(article_id, {}) if corrected else {}
        if stored is None:
            return None
        if not isinstance(article, Article):
            return None
        analysed = AnalysedArticle(article, *stored)
        if not corrected:
            return analysed
        compiled = self.compiled_corrections()
        analysed = agreement.retyped(analysed, shown, user=_user_keys(compiled))
        return compiled.apply(analysed)

    def analysis_hits(self, match: str) -> set[int]:
        return self._analysis.hits(match)

    def analysed_rows(self, ids: Sequence[int]) -> Iterator[AnalysedRow]:
        """The stored analysis of these articles with what the list shows of each (title,
        date, source), with the folder's types and the user's corrections, in id order;
        articles without analysis are left out. Streams, a few hundred rows per query, so a
        caller can stop between them."""
        compiled = self.compiled_corrections()
        rows = self._analysis.rows(ids)
        retyped = self._types.retyped(ids)
        if not compiled.corrections and not retyped:
            return rows
        return (
            self._corrected_row(row, compiled) if compiled.corrections or row.id in retyped else row
            for row in rows
        )

    def _corrected_row(self, row: AnalysedRow, compiled: fixes.Compiled) -> AnalysedRow:
        """The row with the folder's types and the user's corrections applied, re-encoded; the
        row itself when none can touch it (decided from the entity names in its JSON, without
        decoding the article)."""
        if not compiled.articles and not self._types.retyped([row.id]):
            keys = {(e.type, fixes.name_key(e.name)) for e in codec.entity_names(row.entities_json)}
            if not compiled.touches(keys):
                return row
        analysed = self.analysis(row.id)
        if analysed is None:
            return row
        return AnalysedRow(
            row.id,
            row.title,
            row.date,
            row.source,
            codec.quotes_json(analysed.quotes),
            codec.entities_json(analysed.entities),
        )

    def unanalysed(self, limit: int, after: int = 0) -> list[int]:
        """Readable articles with no analysis by this extractor, by id, from ``after`` on
        (every one of them for a negative ``limit``)."""
        return self._analysis.unanalysed(limit, after, EXTRACTOR_VERSION)

    def analysed_count(self) -> tuple[int, int]:
        """(articles analysed by this extractor, readable articles)."""
        return self._analysis.analysed_count(EXTRACTOR_VERSION)

    def articles_naming(self, names: Sequence[str]) -> list[int]:
        return self._analysis.articles_naming(names)

    def reindex_stale(self, report: Callable[[int, int], object] | None = None) -> int:
        """Index again every analysed article naming a name a correction changed (made,
        undone or redone) since it was last indexed, after agreeing the types of the names
        whose votes (or the user's type) moved; how many articles were indexed.
        ``report(done, total)`` is called after each chunk (raising there stops it: what is
        not done is done next time)."""
        self.agree_types()
        stale = self._corrections.stale_names()
        if not stale:
            return 0
        ids = self._analysis.articles_naming([name for name, _gen in stale])
        done = 0
        for start in range(0, len(ids), 500):
            done += self.reindex_analysis(ids[start : start + 500])
            if report is not None:
                report(done, len(ids))
        self._corrections.forget_stale(stale)
        return done

    def reindex_analysis(self, article_ids: Sequence[int]) -> int:
        """Index again the speakers and entities of these articles as corrected now (after a
        correction was made or undone); how many were indexed."""
        done = 0
        corrections = self.compiled_corrections()
        for start in range(0, len(article_ids), 200):
            chunk = article_ids[start : start + 200]
            found = [(i, a) for i in chunk if (a := self.analysis(i, corrected=False)) is not None]
            self._analysis.index((i, corrections.apply(a)) for i, a in found)
            done += len(found)
        return done

    # the folder's agreement on entity types (see .entity_types) --------------------------
    def agree_types(self) -> Agreed:
        """Weigh again the votes on the type of every name whose votes moved since (articles
        analysed, analysed again or gone; the user retyped it), and re-index the shown types
        of the articles of the names whose folder type changed (only those). Writes: call it
        where analysis results are written, never on the UI thread."""
        return self._types.agree(user_types(self.compiled_corrections()))

    def unagreed_count(self) -> int:
        """How many names' votes moved since their types were last agreed."""
        return self._types.unagreed_count()

    def folder_type(self, name: str) -> str | None:
        """The type the folder agreed ``name`` has (None: none agreed yet, or no majority)."""
        return self._types.folder_type(name)

    # corrections (see .corrections) ------------------------------------------------------
    def active_corrections(self) -> tuple[fixes.Correction, ...]:
        return self._corrections.active()

    def compiled_corrections(self) -> fixes.Compiled:
        return self._corrections.compiled()

    def corrections(self) -> list[StoredCorrection]:
        return self._corrections.all()

    def add_correction(self, correction: fixes.Correction) -> StoredCorrection:
        added = self._corrections.add(correction)
        self._retyped(added)
        return added

    def undo_correction(self, seq: int | None = None) -> StoredCorrection | None:
        return self._retyped(self._corrections.undo(seq))

    def redo_correction(self) -> StoredCorrection | None:
        return self._retyped(self._corrections.redo())

    def _retyped(self, stored: StoredCorrection | None) -> StoredCorrection | None:
        """A retyping made, undone or redone: its name's type is agreed again at once (the
        corrections are written off the UI thread), so that what is read next shows it."""
        if stored is not None and isinstance(stored.correction, fixes.Retype):
            self._types.mark_unagreed([stored.correction.entity.name])
            self.agree_types()
        return stored

    def can_redo(self) -> bool:
        return self._corrections.can_redo()

    def has_stale_index(self) -> bool:
        return self._corrections.has_stale_index()

    # the same statement across articles (see .groups) ------------------------------------
    def group_quotes(self) -> int | None:
        """Group the folder's quotes across articles; how many groups (None: the analysis
        kept changing meanwhile, see :meth:`.groups.Groups.group_quotes`)."""
        return self._groups.group_quotes()

    def has_quote_groups(self) -> bool:
        return self._groups.has_quote_groups()

    def quote_groups_current(self) -> bool:
        """The quote groups were made from the analysis as it stands (see
        :meth:`.groups.Groups.are_current`): when not, the analysis groups them again."""
        return self._groups.are_current()

    def quote_group(self, article_id: int, quote: int) -> list[tuple[int, int]]:
        return self._groups.quote_group(article_id, quote)

    def quote_versions(self, article_id: int, quote: int, limit: int) -> tuple[int, list[StoredVersion]]:
        return self._groups.quote_versions(article_id, quote, limit)

    def all_quote_groups(self) -> dict[tuple[int, int], tuple[int, int]]:
        return self._groups.all_quote_groups()

    def groups_of(self, article_id: int) -> dict[int, tuple[int, int]]:
        return self._groups.groups_of(article_id)


def user_types(compiled: fixes.Compiled) -> dict[str, str]:
    """Name key (as agreement folds it) -> the type the user gave the name."""
    return {
        agreement.name_key(c.entity.name): c.type for c in compiled.corrections if isinstance(c, fixes.Retype)
    }


def _user_keys(compiled: fixes.Compiled) -> frozenset[str]:
    return frozenset(user_types(compiled)) if compiled.retypes else frozenset()


def open_store(path: Path, *, timeout: float = WRITE_WAIT_S) -> CorpusStore:
    """Open the store at ``path``, creating it, or rebuilding it when it cannot be used (see
    :func:`.opening.open_connection`): a store moved aside says so in its :attr:`notice`;
    one that is locked, read-only or on a full disk raises :class:`StoreUnavailable` (the
    caller opens a temporary store instead)."""
    connection, notice = open_connection(path, timeout, EXTRACTOR_VERSION)
    return CorpusStore(connection, path, notice)


def attach_store(path: Path, *, timeout: float | None = None, read_only: bool = False) -> CorpusStore:
    """Another connection to a store that :func:`open_store` has opened (no checks, no
    rebuilding: only the opener repairs). Raises :class:`StoreUnavailable` if it is not there.
    A writer waits up to :data:`WRITE_WAIT_S` for another's write, a reader :data:`READ_WAIT_S`."""
    wait = timeout if timeout is not None else READ_WAIT_S if read_only else WRITE_WAIT_S
    return CorpusStore(attach_connection(path, wait, read_only=read_only), path)
