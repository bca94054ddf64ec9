"""The store's rooms share one connection, and its transactions: a room's write inside another
write is part of it, committed or undone with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.core.corpus import corrections as fixes
from viewer.core.corpus.store import attach_store, open_store
from viewer.core.model import Article


def test_writes_of_two_rooms_commit_or_roll_back_together(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    article = Article(str(tmp_path / "quay.txt"), "text", "Quay reopens", ("The quay reopened today.",))
    rename = fixes.Rename(fixes.EntityRef("Quay Board", "ORG"), "Harbour Quay Board")
    with open_store(path) as store, attach_store(path, read_only=True) as reader:
        with pytest.raises(RuntimeError, match="changed my mind"), store.transaction():
            file_id = store.begin_file(article.path, "text")
            store.put_items(file_id, [article])
            store.add_correction(rename)
            assert store.count() == 1  # seen inside the transaction...
            assert reader.count() == 0  # ...not outside it, until it commits
            raise RuntimeError("changed my mind")
        assert store.count() == 0
        assert store.corrections() == []

        with store.transaction():
            file_id = store.begin_file(article.path, "text")
            store.put_items(file_id, [article])
            store.add_correction(rename)
            assert reader.count() == 0
        assert reader.count() == 1
        assert [c.correction for c in reader.corrections()] == [rename]
