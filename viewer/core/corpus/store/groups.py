"""The groups room: the same statement across articles. Every stored quote is grouped with its
versions in other articles (see :mod:`viewer.core.corpus.groups` for how) once a folder's
analysis ends, and the groups are kept for the "Also in N other articles" list and exports."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from viewer.core.corpus import codec
from viewer.core.corpus.store.connection import Connection
from viewer.core.corpus.store.rows import StoredVersion

#: The meta key that says whether the groups are the analysis's ("current") or not ("behind").
_STATE = "quote_groups"

#: Times grouping starts again when the analysis changed while it grouped (another process
#: analysing); past them, the groups are left as they were for that process to make.
GROUPING_ATTEMPTS = 3


class Groups:
    """The ``quote_groups`` table: (article id, quote number) -> group."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._db = connection.db

    def group_quotes(self) -> int | None:
        """Group every stored quote with its versions in other articles (see
        :mod:`viewer.core.corpus.groups`) and keep the groups; how many groups there are.

        Grouping a big folder takes long (tens of seconds for 500,000 quotes), so the store is
        not locked meanwhile: the analysis is read at one moment, grouped, and the groups are
        kept only if the analysis is still what was grouped (another process may have
        analysed more meanwhile, and groups that leave its quotes out must not replace the
        groups it made). Otherwise it groups again, up to :data:`GROUPING_ATTEMPTS` times;
        past them it leaves the groups to the process that keeps analysing (None)."""
        from viewer.core.corpus.groups import Version, group_quotes

        for _attempt in range(GROUPING_ATTEMPTS):
            with self._connection.snapshot() as db:
                rows = db.execute("SELECT article_id, quotes FROM analysis ORDER BY article_id").fetchall()
                seen = self._connection.data_version()
            versions = [
                Version((article_id, number), text, speaker)
                for article_id, quotes in rows
                for number, text, speaker in codec.StoredQuotes(quotes).statements()
            ]
            groups = group_quotes(versions)
            # In the table's order: written three times as fast as in the groups' order.
            members = sorted(
                (key[0], key[1], number)  # type: ignore[index]
                for number, keys in enumerate(groups, 1)
                for key in keys
            )
            with self._connection.transaction() as db:
                if self._connection.data_version() != seen and _digest(
                    db.execute("SELECT article_id, quotes FROM analysis ORDER BY article_id")
                ) != _digest(rows):
                    continue  # analysed meanwhile: group again
                db.execute("DELETE FROM quote_groups")
                db.executemany(
                    "INSERT INTO quote_groups(article_id, quote, group_id) VALUES (?, ?, ?)", members
                )
                db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, 'current')", (_STATE,))
            return len(groups)
        return None

    def fall_behind(self) -> None:
        """The analysis changed: the groups are to be made again (see :meth:`are_current`).
        Written in the caller's transaction, with the analysis that changed."""
        with self._connection.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, 'behind')", (_STATE,))

    def are_current(self) -> bool:
        """The groups were made from the analysis as it stands. Not so when an article was
        analysed since, or the grouping that followed never ended: the process that analysed
        was closed or killed meanwhile (grouping a big folder takes tens of seconds), or
        another one kept analysing; and not so in a store made before the groups kept this."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (_STATE,)).fetchone()
        return row is not None and row[0] == "current"

    def has_quote_groups(self) -> bool:
        return self._db.execute("SELECT 1 FROM quote_groups LIMIT 1").fetchone() is not None

    def quote_group(self, article_id: int, quote: int) -> list[tuple[int, int]]:
        """Every (article id, quote number) of the statement this quote belongs to, earliest
        first (by date, undated last, then file order); empty when it stands alone."""
        row = self._db.execute(
            "SELECT group_id FROM quote_groups WHERE article_id = ? AND quote = ?", (article_id, quote)
        ).fetchone()
        if row is None:
            return []
        return [
            (r[0], r[1])
            for r in self._db.execute(
                "SELECT g.article_id, g.quote FROM quote_groups g JOIN articles a ON a.id = g.article_id "
                "WHERE g.group_id = ? ORDER BY a.undated, a.date, a.sort_path, a.record, g.quote",
                (row[0],),
            )
        ]

    def quote_versions(self, article_id: int, quote: int, limit: int) -> tuple[int, list[StoredVersion]]:
        """The statement this quote belongs to, in other articles than this one: how many
        quotes (0 when it stands alone) and the first ``limit`` of them, earliest first as
        :meth:`quote_group` orders them, each with its article's title, date, source and quotes
        (JSON), never the article's text."""
        row = self._db.execute(
            "SELECT group_id FROM quote_groups WHERE article_id = ? AND quote = ?", (article_id, quote)
        ).fetchone()
        if row is None:
            return 0, []
        size = self._db.execute(
            "SELECT count(*) FROM quote_groups WHERE group_id = ? AND article_id != ?", (row[0], article_id)
        ).fetchone()
        members = [
            StoredVersion(r[0], r[1], r[2], r[3], r[4], r[5])
            for r in self._db.execute(
                "SELECT m.article_id, m.quote, m.title, m.date, m.source, n.quotes FROM ("
                "SELECT g.article_id, g.quote, a.title, a.date, a.source, a.undated, a.sort_path, a.record "
                "FROM quote_groups g JOIN articles a ON a.id = g.article_id "
                "WHERE g.group_id = ? AND g.article_id != ? "
                "ORDER BY a.undated, a.date, a.sort_path, a.record, g.quote LIMIT ?"
                ") m JOIN analysis n ON n.article_id = m.article_id "
                "ORDER BY m.undated, m.date, m.sort_path, m.record, m.quote",
                (row[0], article_id, limit),
            )
        ]
        return int(size[0]), members

    def all_quote_groups(self) -> dict[tuple[int, int], tuple[int, int]]:
        """(article id, quote number) -> (group id, group size) for every grouped quote: one
        read for a whole export instead of one query per article."""
        sizes = dict(
            self._db.execute("SELECT group_id, count(*) FROM quote_groups GROUP BY group_id").fetchall()
        )
        return {
            (a, q): (g, sizes[g])
            for a, q, g in self._db.execute("SELECT article_id, quote, group_id FROM quote_groups")
        }

    def groups_of(self, article_id: int) -> dict[int, tuple[int, int]]:
        """Quote number -> (group id, group size) for one article's grouped quotes."""
        rows = self._db.execute(
            "SELECT g.quote, g.group_id, (SELECT count(*) FROM quote_groups h WHERE h.group_id = g.group_id) "
            "FROM quote_groups g WHERE g.article_id = ?",
            (article_id,),
        )
        return {r[0]: (r[1], r[2]) for r in rows}


def _digest(rows: Iterable[tuple[int, str]]) -> bytes:
    """What the analysis holds, in a few bytes: (article id, quotes) of every article."""
    digest = hashlib.blake2b(digest_size=16)
    for article_id, quotes in rows:
        digest.update(f"{article_id}\x00{len(quotes)}\x00".encode())
        digest.update(quotes.encode())
    return digest.digest()
