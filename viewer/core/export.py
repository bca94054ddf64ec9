"""Exports with provenance: ``python -m viewer export PATH... --format csv|jsonl|md --output FILE``.

The paths are brought into their corpus store (only what changed is read), every article is
analysed (what the store already has is reused), quotes are grouped across articles, and one
row is written per span of a quote (``--what quotes``) or per entity (``--what entities``).
Every row says where it comes from, so that another researcher can check it: the file's path
and SHA-256, the record, the paragraph and character offsets; for plain-text files also
``file_start``/``file_end``, offsets into the decoded file where the quoted words stand.
The user's corrections (renamed, merged or split entities, fixed speakers) are applied, and
the rows they changed say ``corrected: true``.

A quote row says its ``kind`` (``direct``: the speaker's words, in quotation marks in the
article; ``mixed``: a paraphrase carrying a quoted fragment; ``indirect``: reported speech,
the article's words) and the evidence for its speaker: where its cue stands
(``cue_paragraph``, ``cue_start``, ``cue_end``) and the words that decided the speaker
(``speaker_mention``, how they refer to them, ``speaker_via``: ``name``, ``pronoun`` or
``description``, and where they stand; ``document`` for a statement from a document the
article names no author for, which has no speaker). The ``quote`` column is the article's text at the
span, never wrapped in quotation marks: a reported statement is never made to look quoted.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, TextIO

from viewer.core.corpus.store import CorpusStore, attach_store
from viewer.core.model import Article

Format = Literal["csv", "jsonl", "md"]
What = Literal["quotes", "entities"]

QUOTE_FIELDS = (
    "path",
    "sha256",
    "record",
    "paragraph",
    "start",
    "end",
    "quote",
    "speaker",
    "role",
    "cue",
    "kind",
    "cue_paragraph",
    "cue_start",
    "cue_end",
    "speaker_mention",
    "speaker_via",
    "speaker_paragraph",
    "speaker_start",
    "speaker_end",
    "title",
    "source",
    "date",
    "url",
    "group",
    "group_size",
    "file_start",
    "file_end",
    "corrected",
)
#: ``corrected``: the user corrected the row's speaker or entity (see the store's corrections).
ENTITY_FIELDS = ("path", "sha256", "record", "name", "type", "variants", "mentions", "corrected")
#: Called with (articles done, articles in all) as an export goes.
ArticleProgress = Callable[[int, int], None]


def prepare(
    paths: Sequence[str],
    db: Path,
    fallback: Path,
    *,
    with_entities: bool = True,
    jobs: int = 1,
    engine: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
) -> Path:
    """Bring the store up to date (read, analyse, group); the store's path. With the Dask
    engine, the files to read are read and analysed on the cluster first (see
    :func:`read_on_cluster`); what is left is done here as usual (nothing, unless the store
    had articles of another extractor version)."""
    from viewer.core.corpus.analysis import analyse_store
    from viewer.core.corpus.sync import sync

    if engine == "dask":
        read_on_cluster(paths, db, fallback, with_entities=with_entities, workers=jobs, scheduler=scheduler)

    events = sync(paths, db, fallback, jobs=jobs)
    store_path = db
    for event in events:
        if event.kind == "open":
            store_path = Path(event.store)
    for _progress in analyse_store(store_path, with_entities=with_entities):
        pass  # it groups the quotes across articles when it is done
    return store_path


def read_on_cluster(
    paths: Sequence[str],
    db: Path,
    fallback: Path,
    *,
    with_entities: bool,
    workers: int,
    scheduler: str | None,
) -> None:
    """The files of ``paths`` that the store lacks (new, changed, of another version), read and
    analysed on a Dask cluster, as work units, and their output imported into the store: the
    store then holds what reading and analysing them here gives."""
    from viewer.core import cluster
    from viewer.core.batch import extractor_label, lines_of, units_of
    from viewer.core.corpus.analysis_import import import_extracted
    from viewer.core.corpus.sync import files_to_read, open_or_bypass
    from viewer.core.readers import discover

    store, _notice = open_or_bypass(db, fallback)
    with store:
        found, _failures = discover(paths)
        todo = files_to_read(found, store)
        if not todo:
            return
        with cluster.connect(scheduler, workers) as client:
            threads = cluster.check_workers(client, paths)
            done = cluster.results_on_cluster(
                client, units_of(todo), with_entities, window=cluster.WINDOW_PER_THREAD * threads
            )
            texts = (line.line for line in lines_of(done, with_entities))
            import_extracted(texts, store, paths, as_current=extractor_label(with_entities))


def _articles(
    store: CorpusStore, ids: Collection[int] | None = None, progress: ArticleProgress | None = None
) -> Iterator[tuple[int, str | None]]:
    """Readable articles' ids in file order (only those of ``ids`` when given), with their
    file's SHA-256; ``progress(done, total)`` is called before each."""
    chosen = store.readable_with_hash()
    if ids is not None:
        wanted = ids if isinstance(ids, set | frozenset) else set(ids)
        chosen = [row for row in chosen if row[0] in wanted]
    for done, (article_id, sha) in enumerate(chosen):
        if progress is not None:
            progress(done, len(chosen))
        yield article_id, sha


def quote_rows(
    store: CorpusStore, ids: Collection[int] | None = None, progress: ArticleProgress | None = None
) -> Iterator[dict[str, Any]]:
    """One row per span of every quote (of the articles ``ids`` when given)."""
    every_group = store.all_quote_groups()  # one read, not a count per article
    for article_id, sha in _articles(store, ids, progress):
        analysed = store.analysis(article_id)  # the article comes with it: read once
        if analysed is None:
            continue
        article = analysed.article
        offsets = _FileOffsets(article) if article.format == "text" else None
        for number, quote in enumerate(analysed.quotes):
            if not quote.is_statement:
                continue
            group, size = every_group.get((article_id, number), (None, 1))
            cue, said_by = quote.cue_span, quote.speaker_mention
            for span in quote.spans:
                text = article.paragraphs[span.paragraph][span.start : span.end]
                where = offsets.find(span.paragraph, text) if offsets is not None else None
                yield {
                    "path": article.path,
                    "sha256": sha,
                    "record": article.record,
                    "paragraph": span.paragraph,
                    "start": span.start,
                    "end": span.end,
                    "quote": text,
                    "speaker": quote.speaker,
                    "role": quote.role,
                    "cue": quote.cue,
                    "kind": quote.kind,
                    "cue_paragraph": cue.paragraph if cue else None,
                    "cue_start": cue.start if cue else None,
                    "cue_end": cue.end if cue else None,
                    "speaker_mention": said_by.text if said_by else None,
                    "speaker_via": said_by.via if said_by else None,
                    "speaker_paragraph": said_by.paragraph if said_by else None,
                    "speaker_start": said_by.start if said_by else None,
                    "speaker_end": said_by.end if said_by else None,
                    "title": article.title,
                    "source": article.source,
                    "date": article.date,
                    "url": article.url,
                    "group": f"g{group}" if group is not None else f"a{article_id}q{number}",
                    "group_size": size,
                    "file_start": where[0] if where else None,
                    "file_end": where[1] if where else None,
                    "corrected": quote.corrected,
                }


def entity_rows(
    store: CorpusStore, ids: Collection[int] | None = None, progress: ArticleProgress | None = None
) -> Iterator[dict[str, Any]]:
    """One row per entity of every article (of the articles ``ids`` when given)."""
    for article_id, sha in _articles(store, ids, progress):
        analysed = store.analysis(article_id)
        if analysed is None:
            continue
        article = analysed.article
        for entity in analysed.entities:
            yield {
                "path": article.path,
                "sha256": sha,
                "record": article.record,
                "name": entity.name,
                "type": entity.type,
                "variants": list(entity.variants),
                "mentions": entity.count,
                "corrected": entity.corrected,
            }


class _FileOffsets:
    """Where a plain-text article's words stand in its decoded file.

    The reader joins hard-wrapped lines and folds runs of spaces, so a paragraph's text is
    found in the file with any run of white space standing for a space; paragraphs are looked
    for in order, each after the one before.
    """

    def __init__(self, article: Article) -> None:
        from viewer.core.readers.safe_io import decode, read_bytes

        try:
            self.text: str | None = decode(read_bytes(Path(article.path)))
        except Exception:
            self.text = None
        self.starts: list[int | None] = []
        cursor = 0
        for paragraph in article.paragraphs:
            found = self._search(paragraph[:200], cursor) if self.text is not None else None
            self.starts.append(found[0] if found else None)
            if found:
                cursor = found[1]

    def _search(self, words: str, start: int) -> tuple[int, int] | None:
        pieces = words.split()
        if not pieces or self.text is None:
            return None
        pattern = re.compile(r"\s+".join(re.escape(p) for p in pieces))
        match = pattern.search(self.text, start)
        return (match.start(), match.end()) if match else None

    def find(self, paragraph: int, words: str) -> tuple[int, int] | None:
        start = self.starts[paragraph] if paragraph < len(self.starts) else None
        return self._search(words, start) if start is not None else None


def write(rows: Iterator[dict[str, Any]], fields: Sequence[str], fmt: Format, out: TextIO) -> int:
    """Write rows; how many."""
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
            count += 1
    else:
        out.write("| " + " | ".join(fields) + " |\n|" + "---|" * len(fields) + "\n")
        for row in rows:
            out.write("| " + " | ".join(_md(_cell(row.get(f))) for f in fields) + " |\n")
            count += 1
    return count


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def export(
    paths: Sequence[str],
    out: TextIO,
    *,
    fmt: Format,
    what: What,
    db: Path,
    fallback: Path,
    with_entities: bool = True,
    jobs: int = 1,
    engine: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
) -> int:
    store_path = prepare(
        paths, db, fallback, with_entities=with_entities, jobs=jobs, engine=engine, scheduler=scheduler
    )
    store = attach_store(store_path, read_only=True)
    try:
        if what == "quotes":
            return write(quote_rows(store), QUOTE_FIELDS, fmt, out)
        return write(entity_rows(store), ENTITY_FIELDS, fmt, out)
    finally:
        store.close()
