"""The groups room: the same statement across articles. Every stored quote is grouped with its
versions in other articles (see :mod:`viewer.core.corpus.groups` for how) once a folder's
analysis ends, and the groups are kept for the "Also in N other articles" list and exports."""

from __future__ import annotations

from viewer.core.corpus import codec
from viewer.core.corpus.store.connection import Connection
from viewer.core.corpus.store.rows import StoredVersion


class Groups:
    """The ``quote_groups`` table: (article id, quote number) -> group."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._db = connection.db

    def group_quotes(self) -> int:
        """Group every stored quote with its versions in other articles (see
        :mod:`viewer.core.corpus.groups`) and keep the groups; how many groups there are."""
        from viewer.core.corpus.groups import Version, group_quotes

        rows = self._db.execute("SELECT article_id, quotes FROM analysis ORDER BY article_id")
        versions = [
            Version((article_id, number), text, speaker)
            for article_id, quotes in rows
            for number, text, speaker in codec.StoredQuotes(quotes).statements()
        ]
        groups = group_quotes(versions)
        with self._connection.transaction() as db:
            db.execute("DELETE FROM quote_groups")
            db.executemany(
                "INSERT INTO quote_groups(article_id, quote, group_id) VALUES (?, ?, ?)",
                [(key[0], key[1], number) for number, keys in enumerate(groups, 1) for key in keys],  # type: ignore[index]
            )
        return len(groups)

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
