"""Speaker pages count every kind of statement and say which: measured from the stored quotes
of an invented folder (see :mod:`.voices`)."""

from __future__ import annotations

from pathlib import Path

from tests.core.corpus.voices import voices_store
from viewer.core.corpus.corrections import FixSpeaker
from viewer.core.corpus.speakers import KindCount, Speaker, speaker_profile


def test_a_speaker_page_holds_every_kind_and_counts_each(tmp_path: Path) -> None:
    store, ids = voices_store(tmp_path / "news", tmp_path / "store.sqlite3")
    with store:
        berg = speaker_profile(store, Speaker("Anna Berg", "PERSON"))
        assert sorted((q.article_id, q.quote, q.kind) for q in berg.quotes) == sorted(
            [(ids["pier"], 2, "mixed"), (ids["mill"], 0, "indirect"), (ids["mill"], 2, "mixed")]
        )
        assert berg.by_kind == (
            KindCount("direct", 0, 0),
            KindCount("mixed", 2, 2),
            KindCount("indirect", 1, 1),
        )
        # Quoted (in any kind) in both articles that name her: a reported statement counts.
        assert (berg.quoted_articles, berg.mentioned_articles) == (2, 0)
        reported = next(q for q in berg.quotes if q.kind == "indirect")
        assert reported.text == "the mill would close at the end of the year"

        holt = speaker_profile(store, Speaker("Dana Holt", "PERSON", ("Holt",)))
        assert [c.statements for c in holt.by_kind] == [1, 0, 1]
        assert holt.of_kind("indirect") == KindCount("indirect", 1, 1)

        # Counts follow the user's corrections: the reported statement given to Piet Vos.
        store.add_correction(
            FixSpeaker(
                str(tmp_path / "news" / "mill.txt"),
                None,
                0,
                "the mill would close at the end of the year",
                "Piet Vos",
                "Anna Berg",
            )
        )
        vos = speaker_profile(store, Speaker("Piet Vos", "PERSON"))
        assert [(c.kind, c.statements, c.articles) for c in vos.by_kind] == [
            ("direct", 1, 1),
            ("mixed", 0, 0),
            ("indirect", 1, 1),
        ]
        assert speaker_profile(store, Speaker("Anna Berg", "PERSON")).of_kind("indirect").statements == 0
