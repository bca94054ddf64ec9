"""``analyse``: entities first and batched across articles, then quotes, with notes when NER is missing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from viewer.core import analyse, entities, nlp, quotes
from viewer.core.model import Article, Entity, Mention, Quote

QUOTED = 'The mayor, Ines Vale, spoke. "We will rebuild the pier," Vale said on Friday.'


def article(n: int = 0) -> Article:
    return Article(f"a{n}.txt", "text", f"Pier {n}", (QUOTED,))


def fake_entity(a: Article) -> Entity:
    return Entity(a.path, "PERSON", (a.path,), (Mention("title", 0, 0, 1),))


def test_without_entities_the_model_is_not_touched(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden() -> object:
        raise AssertionError("the language model must not load")

    monkeypatch.setattr(nlp, "ner_pipeline", forbidden)
    result = analyse.analyse(article(), with_entities=False)
    assert result.entities == ()
    assert result.notes == ()
    assert [q.text for q in result.quotes] == ["We will rebuild the pier,"]


def test_entities_are_batched_across_articles_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    batches: list[list[str]] = []

    def batch_entities(articles: Sequence[Article]) -> list[entities.EntityResult]:
        batches.append([a.path for a in articles])
        return [entities.EntityResult((fake_entity(a),)) for a in articles]

    monkeypatch.setattr(entities, "find_entities_many", batch_entities)
    items = [article(n) for n in range(analyse.BATCH_ARTICLES + 5)]
    results = list(analyse.analyse_many(iter(items)))
    assert [len(b) for b in batches] == [analyse.BATCH_ARTICLES, 5]
    assert [r.article.path for r in results] == [a.path for a in items]
    assert all(r.entities[0].name == r.article.path for r in results)


def test_quotes_receive_the_articles_entities(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, tuple[Entity, ...]]] = []

    def batch_entities(articles: Sequence[Article]) -> list[entities.EntityResult]:
        return [entities.EntityResult((fake_entity(a),)) for a in articles]

    def record_quotes(a: Article, found: Sequence[Entity] = (), **options: object) -> tuple[Quote, ...]:
        seen.append((a.path, tuple(found)))
        # The full path attributes from the parse, made once for the whole batch.
        assert isinstance(options.get("parser"), quotes.ParseCache)
        return ()

    parsed: list[list[str]] = []

    def record_parse(texts: Sequence[str]) -> list[object]:
        parsed.append(list(texts))
        return [object() for _ in texts]

    monkeypatch.setattr(entities, "find_entities_many", batch_entities)
    monkeypatch.setattr(quotes, "find_quotes", record_quotes)
    monkeypatch.setattr(nlp, "parse", record_parse)
    told = [
        Article(
            path=f"t{n}.txt", format="text", title="t", paragraphs=(f"Dana Holt said pier {n} was safe.",)
        )
        for n in (1, 2)
    ]
    list(analyse.analyse_many(told))
    assert parsed == [["Dana Holt said pier 1 was safe.", "Dana Holt said pier 2 was safe."]]  # one call
    seen.clear()
    list(analyse.analyse_many([article(1), article(2)]))
    assert [(path, [e.name for e in found]) for path, found in seen] == [
        ("a1.txt", ["a1.txt"]),
        ("a2.txt", ["a2.txt"]),
    ]


def test_an_article_with_no_names_still_has_its_statements_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    # The recogniser read the article and found no names: that is no failure, and "The
    # harbour authority said that ..." is still a statement; a failed article (with a note)
    # is not parsed.
    parsers: list[object] = []

    def batch_entities(articles: Sequence[Article]) -> list[entities.EntityResult]:
        return [
            entities.EntityResult((), ("Named entities could not be found in this article.",))
            if a.path == "a1.txt"
            else entities.EntityResult()
            for a in articles
        ]

    def record_quotes(a: Article, found: Sequence[Entity] = (), **options: object) -> tuple[Quote, ...]:
        parsers.append(options.get("parser"))
        return ()

    monkeypatch.setattr(entities, "find_entities_many", batch_entities)
    monkeypatch.setattr(quotes, "find_quotes", record_quotes)
    monkeypatch.setattr(nlp, "parse", lambda texts: [object() for _ in texts])
    list(analyse.analyse_many([article(0), article(1)]))
    assert isinstance(parsers[0], quotes.ParseCache)
    assert parsers[1] is None


def test_missing_model_keeps_quotes_and_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    reason = "Named entities are unavailable: the English language model (en_core_web_sm) is not installed."

    def unavailable() -> object:
        raise nlp.ModelUnavailable(reason)

    monkeypatch.setattr(nlp, "ner_pipeline", unavailable)
    result = analyse.analyse(article())
    assert result.entities == ()
    assert result.notes == (reason,)
    assert len(result.quotes) == 1


def test_a_failing_article_loses_only_its_own_entities(monkeypatch: pytest.MonkeyPatch) -> None:
    def batch_entities(articles: Sequence[Article]) -> list[entities.EntityResult]:
        return [
            entities.EntityResult((), ("Named entities could not be found in this article.",))
            if a.path == "a1.txt"
            else entities.EntityResult((fake_entity(a),))
            for a in articles
        ]

    monkeypatch.setattr(entities, "find_entities_many", batch_entities)
    results = list(analyse.analyse_many([article(0), article(1), article(2)]))
    assert [len(r.entities) for r in results] == [1, 0, 1]
    assert [len(r.notes) for r in results] == [0, 1, 0]


def test_extractor_without_model_still_writes_articles_and_says_why_once(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Pier news {n}\n\n{QUOTED}\n", encoding="utf-8")
    env = dict(os.environ, **{nlp.MODEL_ENV: "no_such_model_xyz"})
    done = subprocess.run(
        [sys.executable, "-m", "viewer", "extract", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert done.returncode == 0
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(records) == 3
    assert all(r["entities"] == [] and r["quotes"] for r in records)
    notes = [line for line in done.stderr.splitlines() if "Named entities are unavailable" in line]
    assert len(notes) == 1
    assert "no_such_model_xyz" in notes[0]
