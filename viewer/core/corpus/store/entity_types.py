"""The entity types room: each analysed article's vote on the type of every name it names,
the type the folder agrees each name has, and the type each article shows after agreement.

An article's votes are written with its analysis (in the same transaction) and go with it (a
trigger: the article re-read, removed, or analysed again). A name whose votes moved is
*unagreed* until :meth:`EntityTypes.agree` weighs its votes again (see
:mod:`viewer.core.corpus.agreement`); only when the folder's type of the name changes are its
articles' shown types rewritten: that is the index the readers of types use (the store reads an
analysis with the shown types that differ from the article's own, :meth:`EntityTypes.retyped`).

Tables (see :mod:`.schema`): ``type_votes`` (name key, article, the article's label, the
strength of its evidence, the type shown), ``type_tally`` (each name's weight per label, kept
in step with the votes: a batch's new votes added here, a vote deleted taken off by a trigger;
weighing a name reads a few rows, however many articles name it), ``folder_types`` (name key -> the folder's type), ``unagreed_names``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from viewer.core.corpus import agreement
from viewer.core.corpus.store.connection import Connection
from viewer.core.lexicon import LABEL_KINDS

#: Names weighed per transaction by :meth:`EntityTypes.agree` (a writer waits no longer).
AGREE_CHUNK = 20_000


@dataclass(frozen=True, slots=True)
class Agreed:
    """What one :meth:`EntityTypes.agree` did: names weighed again, names whose folder type
    changed, and article votes whose shown type changed (the rows re-indexed)."""

    names: int = 0
    retyped_names: int = 0
    retyped_votes: int = 0


Vote = tuple[str, str, float]  # (name, type, strength of the article's evidence)


class EntityTypes:
    """Votes, the folder's types and the shown types."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._db = connection.db

    def put(self, article_id: int, votes: Iterable[Vote]) -> None:
        """Replace an article's votes (inside the caller's transaction: with its analysis)."""
        self.put_many([(article_id, votes)])

    def put_many(self, analysed: Iterable[tuple[int, Iterable[Vote]]]) -> None:
        """Replace these articles' votes (inside the caller's transaction). A new vote shows
        the type the folder agrees on now; its name is weighed again at the next agreement,
        with the names of the votes it replaces. The tallies take the new votes here, a batch
        at once (an old vote leaves its tally by a trigger, whoever deletes it)."""
        db = self._db
        rows: list[tuple[str, int, str, float]] = []
        ids: list[tuple[int]] = []
        for article_id, votes in analysed:
            ids.append((article_id,))
            by_key: dict[str, tuple[str, float]] = {}
            for name, label, strength in votes:
                key = agreement.name_key(name)
                if key and (key not in by_key or strength > by_key[key][1]):
                    by_key[key] = (label, strength)
            rows.extend((key, article_id, label, strength) for key, (label, strength) in by_key.items())
        db.executemany(
            "INSERT OR IGNORE INTO unagreed_names(name) SELECT name FROM type_votes WHERE article_id = ?", ids
        )
        db.executemany("DELETE FROM type_votes WHERE article_id = ?", ids)
        if not rows:
            return
        rows.sort()  # in the table's order: fewer pages touched
        keys = sorted({row[0] for row in rows})
        folder = self._folder_types(keys)
        db.executemany(
            "INSERT INTO type_votes(name, article_id, label, strength, shown) VALUES (?, ?, ?, ?, ?)",
            [
                (
                    key,
                    article_id,
                    label,
                    strength,
                    _shown(agreement.NameVote(article_id, key, label, strength), known),
                )
                if (known := folder.get(key)) is not None
                else (key, article_id, label, strength, label)
                for key, article_id, label, strength in rows
            ],
        )
        tally: dict[tuple[str, str], float] = {}
        for key, _article_id, label, strength in rows:
            tally[key, label] = tally.get((key, label), 0.0) + 1.0 + strength
        db.executemany(
            "INSERT INTO type_tally(name, label, weight) VALUES (?, ?, ?) "
            "ON CONFLICT(name, label) DO UPDATE SET weight = weight + excluded.weight",
            [(key, label, weight) for (key, label), weight in tally.items()],
        )
        db.executemany("INSERT OR IGNORE INTO unagreed_names(name) VALUES (?)", [(k,) for k in keys])

    def _folder_types(self, keys: Sequence[str]) -> dict[str, tuple[str, bool]]:
        out: dict[str, tuple[str, bool]] = {}
        if self._db.execute("SELECT 1 FROM folder_types LIMIT 1").fetchone() is None:
            return out  # nothing agreed yet (a folder analysed for the first time)
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for name, kind, user in self._db.execute(
                f"SELECT name, type, user FROM folder_types WHERE name IN ({marks})", chunk
            ):
                out[name] = (kind, bool(user))
        return out

    def mark_unagreed(self, names: Iterable[str]) -> None:
        """Weigh these names again at the next :meth:`agree` (the user retyped one)."""
        with self._connection.transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO unagreed_names(name) VALUES (?)",
                [(k,) for n in names if (k := agreement.name_key(n))],
            )

    def unagreed_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM unagreed_names").fetchone()[0])

    def agree(self, user_types: Mapping[str, str], chunk: int = AGREE_CHUNK) -> Agreed:
        """Weigh the votes of every unagreed name again, a chunk of names per transaction;
        where the folder's type of a name changed, rewrite the shown type of the articles
        whose type it changes. ``user_types`` (name key -> type) outvote everything."""
        names = retyped_names = retyped_votes = 0
        while True:
            with self._connection.transaction() as db:
                keys = [r[0] for r in db.execute("SELECT name FROM unagreed_names LIMIT ?", (chunk,))]
                if not keys:
                    break
                db.execute("CREATE TEMP TABLE IF NOT EXISTS agreeing(name TEXT PRIMARY KEY) WITHOUT ROWID")
                db.execute("DELETE FROM agreeing")
                db.executemany("INSERT INTO agreeing(name) VALUES (?)", [(k,) for k in keys])
                before = {
                    name: (kind, bool(user))
                    for name, kind, user in db.execute(
                        "SELECT f.name, f.type, f.user FROM folder_types f JOIN agreeing USING (name)"
                    )
                }
                tallies: dict[str, dict[str, float]] = {}
                for name, label, weight in db.execute(
                    "SELECT t.name, t.label, t.weight FROM agreeing a JOIN type_tally t ON t.name = a.name"
                ):
                    tallies.setdefault(name, {})[label] = weight
                changed: dict[str, tuple[str | None, bool]] = {}
                for key in keys:
                    user = user_types.get(key)
                    now = agreement.folder_type(agreement.NameTally(tallies.get(key, {})), user)
                    was = before.get(key)
                    if (now, user is not None) != (was[0] if was else None, was[1] if was else False):
                        changed[key] = (now, user is not None)
                db.executemany(
                    "DELETE FROM folder_types WHERE name = ?",
                    [(k,) for k, (t, _u) in changed.items() if t is None],
                )
                db.executemany(
                    "INSERT OR REPLACE INTO folder_types(name, type, user) VALUES (?, ?, ?)",
                    [(k, t, int(u)) for k, (t, u) in changed.items() if t is not None],
                )
                retyped_votes += self._reshow(changed)
                db.executemany("DELETE FROM unagreed_names WHERE name = ?", [(k,) for k in keys])
                db.execute("DELETE FROM agreeing")
            names += len(keys)
            retyped_names += len(changed)
        return Agreed(names, retyped_names, retyped_votes)

    def _reshow(self, changed: Mapping[str, tuple[str | None, bool]]) -> int:
        """Rewrite the shown type of the votes of names whose folder type changed, where it
        changes; how many were rewritten. This is :func:`~viewer.core.corpus.agreement.agreed_type`
        said in SQL, so that a name in thousands of articles is rewritten without reading its
        votes into Python: with no folder type each article shows its own; with the user's,
        every article shows it; else an article whose label is of the folder's kind, or whose
        own evidence is strong, keeps its own and the others show the folder's."""
        own: list[tuple[str]] = []
        user: list[tuple[str, str]] = []
        folder: list[tuple[str, str, float, str]] = []
        for name, (kind, by_user) in changed.items():
            if kind is None:
                own.append((name,))
            elif by_user:
                user.append((kind, name))
            else:
                same = "|" + "|".join(_labels_of_kind(kind)) + "|"
                folder.append((name, same, agreement.STRONG_EVIDENCE, kind))
        db = self._db
        done = db.executemany(
            "UPDATE type_votes SET shown = label WHERE name = ? AND shown != label", own
        ).rowcount
        done += db.executemany(
            "UPDATE type_votes SET shown = ?1 WHERE name = ?2 AND shown != ?1", user
        ).rowcount
        keeps = "(instr(?2, '|' || label || '|') > 0 OR strength >= ?3)"
        done += db.executemany(
            f"UPDATE type_votes SET shown = label WHERE name = ?1 AND shown != label AND {keeps}",
            [f[:3] for f in folder],
        ).rowcount
        done += db.executemany(
            f"UPDATE type_votes SET shown = ?4 WHERE name = ?1 AND shown != ?4 AND NOT {keeps}", folder
        ).rowcount
        return max(done, 0)

    def retyped(self, article_ids: Sequence[int]) -> dict[int, dict[str, str]]:
        """Per article (of these), name key -> the type the folder's agreement shows where it
        is not the article's own; articles with none are left out."""
        out: dict[int, dict[str, str]] = {}
        wanted = sorted(set(article_ids))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for article_id, name, shown in self._db.execute(
                "SELECT article_id, name, shown FROM type_votes INDEXED BY type_votes_retyped "
                f"WHERE shown != label AND article_id IN ({marks})",
                chunk,
            ):
                out.setdefault(article_id, {})[name] = shown
        return out

    def folder_type(self, name: str) -> str | None:
        """The type the folder agrees ``name`` has (None: none agreed, or not weighed yet)."""
        row = self._db.execute(
            "SELECT type FROM folder_types WHERE name = ?", (agreement.name_key(name),)
        ).fetchone()
        return str(row[0]) if row else None

    def articles_shown_as(self, labels: Sequence[str], names: Sequence[str]) -> set[int]:
        """Articles that show one of these names (keys) as one of these types."""
        if not labels or not names:
            return set()
        out: set[int] = set()
        label_marks = ",".join("?" * len(labels))
        for start in range(0, len(names), 500):
            chunk = names[start : start + 500]
            rows = self._db.execute(
                f"SELECT article_id FROM type_votes WHERE name IN ({','.join('?' * len(chunk))}) "
                f"AND shown IN ({label_marks})",
                [*chunk, *labels],
            )
            out.update(r[0] for r in rows)
        return out


def _labels_of_kind(label: str) -> list[str]:
    """The labels of the kind of ``label`` (itself for a label of no kind)."""
    kind = agreement.label_kind(label)
    return [other for other in LABEL_KINDS if LABEL_KINDS[other] == kind] or [label]


def _shown(vote: agreement.NameVote, folder: tuple[str, bool] | None) -> str:
    """The type the article that cast ``vote`` shows, given the folder's (type, by the user)."""
    if folder is None:
        return vote.label
    return agreement.agreed_type(vote, folder[0], corrected=folder[1])
