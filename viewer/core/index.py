"""Full-text search over the articles of a folder (SQLite FTS5, in memory).

The article list's filter box asks this index which articles contain the words typed, in
title, standfirst, byline, source, body or captions. Queries are plain words (each must
occur, a trailing word matches as a prefix) or "a quoted phrase"; user input is never
passed to FTS5 as query syntax, so no input can raise a syntax error.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Hashable, Iterable

from viewer.core.model import Article

_TERM = re.compile(r'"([^"]+)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def _document(article: Article) -> tuple[str, str]:
    meta = " ".join(filter(None, (article.title, article.standfirst, article.byline, article.source)))
    figures = " ".join(f"{f.caption} {f.credit or ''}" for f in article.figures)
    body = "\n".join((*article.paragraphs, figures, article.contributors or ""))
    return meta, body


def build_match(query: str) -> str | None:
    """An FTS5 MATCH expression for what a person typed, or None if it has no words.

    Every word must occur; the last word typed also matches longer words (search as you
    type); a "quoted phrase" must occur as written.
    """
    parts: list[str] = []
    matches = list(_TERM.finditer(query))
    for n, match in enumerate(matches):
        phrase, word = match.groups()
        words = _WORD.findall(phrase if phrase is not None else word)
        if not words:
            continue
        # Words are \w+ only, so wrapping them in double quotes cannot inject syntax.
        if phrase is not None or len(words) > 1:
            parts.append('"' + " ".join(words) + '"')
        elif n == len(matches) - 1 and not query.endswith(" "):
            parts.append(f'"{words[0]}"*')
        else:
            parts.append(f'"{words[0]}"')
    return " AND ".join(parts) if parts else None


class CorpusIndex:
    """An in-memory full-text index of articles, keyed by any hashable key.

    Safe to use from one thread at a time; a lock guards the connection so a background
    indexer and the UI thread may take turns.
    """

    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(meta, body, tokenize='unicode61 remove_diacritics 2')"
        )
        self._keys: dict[int, Hashable] = {}
        self._rows: dict[Hashable, int] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._rows)

    def add(self, key: Hashable, article: Article) -> None:
        """Index (or re-index) one article under ``key``."""
        meta, body = _document(article)
        with self._lock:
            old = self._rows.pop(key, None)
            if old is not None:
                self._db.execute("DELETE FROM docs WHERE rowid = ?", (old,))
                del self._keys[old]
            cursor = self._db.execute("INSERT INTO docs (meta, body) VALUES (?, ?)", (meta, body))
            row = cursor.lastrowid
            assert row is not None
            self._rows[key] = row
            self._keys[row] = key

    def add_many(self, items: Iterable[tuple[Hashable, Article]]) -> None:
        for key, article in items:
            self.add(key, article)

    def clear(self) -> None:
        with self._lock:
            self._db.execute("DELETE FROM docs")
            self._keys.clear()
            self._rows.clear()

    def search(self, query: str) -> list[Hashable] | None:
        """Keys of the articles matching ``query``, best first; None if it has no words."""
        match = build_match(query)
        if match is None:
            return None
        with self._lock:
            rows = self._db.execute(
                "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 4.0, 1.0)", (match,)
            ).fetchall()
            return [self._keys[row] for (row,) in rows if row in self._keys]
