"""An annotated attribution corpus, read as the extractor reads articles.

The training data is a folder of plain-text articles and a ``gold.jsonl`` beside it (the
PolNeAR attributions in the shape ``../shared/eval`` keeps them, or a small invented set in the
same shape for tests). One line per article::

    {"doc": "name-of-the-text-file-without-.txt",
     "quotes": [{"type": "indirect", "content": [[120, 211]], "cue": "said",
                 "speaker_surface": "the senator", "text": "..."}]}

``content`` holds character offsets into the raw text file; ``cue`` and ``speaker_surface`` are
the words as written (no offsets). Each article is read by our own text reader, so that what a
model learns from is what ``extract`` sees; the gold offsets are carried over to the reader's
paragraphs, and the cue and the source are found as the occurrences of their words nearest the
content. An attribution whose content cannot be placed is dropped, and counted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Literal

from viewer.core.model import Article, Span
from viewer.core.readers.text import read_text_file

__all__ = ["AnnotatedArticle", "GoldAttribution", "Placement", "read_annotated"]

GoldKind = Literal["direct", "mixed", "indirect"]
_KINDS: tuple[GoldKind, ...] = ("direct", "mixed", "indirect")
_TOKEN = re.compile(r"\S+")
# How far (in characters) from its content a cue or a source is looked for.
_REACH = 400


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution, placed in the reader's paragraphs.

    ``cue`` and ``source`` are the nearest occurrences of the annotated words (``None`` when
    the words were not annotated or not found near the content).
    """

    kind: GoldKind
    content: tuple[Span, ...]
    cue_text: str | None
    source_text: str | None
    cue: Span | None
    source: Span | None


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    doc: str
    article: Article
    attributions: tuple[GoldAttribution, ...]
    #: Annotated attributions that could not be placed in the reader's paragraphs.
    dropped: int


@dataclass(frozen=True, slots=True)
class Placement:
    """Where each reader paragraph's tokens stand in the raw file."""

    # Per paragraph: (raw start, raw end, paragraph start) of each token found in the raw text.
    tokens: tuple[tuple[tuple[int, int, int], ...], ...]

    def to_paragraphs(self, start: int, end: int) -> list[Span]:
        """Raw ``[start, end)`` as spans of paragraph text (one per paragraph it touches)."""
        out: list[Span] = []
        for index, tokens in enumerate(self.tokens):
            inside = [(rs, re_, ps) for rs, re_, ps in tokens if rs < end and re_ > start]
            if not inside:
                continue
            first_rs, _, first_ps = inside[0]
            last_rs, last_re, last_ps = inside[-1]
            p_start = first_ps + max(0, start - first_rs)
            p_end = last_ps + (min(end, last_re) - last_rs)
            if p_end > p_start:
                out.append(Span(index, p_start, p_end))
        return out


def place(raw: str, paragraphs: Sequence[str]) -> Placement:
    """Align the reader's paragraphs to the raw text token by token.

    The reader folds spaces (no-break spaces, runs of blanks) and may mend a few characters,
    so tokens are matched in order, exactly where they agree, and the rest left unplaced.
    """
    raw_tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(raw)]
    raw_words = [t[2] for t in raw_tokens]
    cursor = 0
    placed: list[tuple[tuple[int, int, int], ...]] = []
    for paragraph in paragraphs:
        para_tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(paragraph)]
        words = [t[1] for t in para_tokens]
        window = raw_words[cursor : cursor + len(words) * 2 + 50]
        matcher = SequenceMatcher(None, words, window, autojunk=False)
        found: list[tuple[int, int, int]] = []
        last = cursor
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                rs, re_, _ = raw_tokens[cursor + block.b + k]
                found.append((rs, re_, para_tokens[block.a + k][0]))
                last = cursor + block.b + k + 1
        # A paragraph matched by only a few tokens is noise: do not move the cursor for it.
        if len(found) >= max(1, len(words) // 2):
            cursor = last
            placed.append(tuple(found))
        else:
            placed.append(())
    return Placement(tuple(placed))


def _occurrences(paragraphs: Sequence[str], words: str, near: Sequence[Span]) -> Span | None:
    """The occurrence of ``words`` (whole words) nearest the content ``near``, outside it if
    one is as near, in the content's paragraphs or the one before."""
    if not words.strip() or not near:
        return None
    pattern = re.compile(r"(?<!\w)" + re.escape(words.strip()) + r"(?!\w)")
    first, last = near[0], near[-1]
    best: tuple[int, Span] | None = None
    for index in range(max(0, first.paragraph - 1), last.paragraph + 1):
        text = paragraphs[index]
        for match in pattern.finditer(text):
            span = Span(index, match.start(), match.end())
            distance = _distance(span, first, last, paragraphs)
            if distance is None or distance > _REACH:
                continue
            inside = any(s.paragraph == index and s.start <= span.start and span.end <= s.end for s in near)
            score = distance + (_REACH if inside else 0)
            if best is None or score < best[0]:
                best = (score, span)
    return best[1] if best else None


def _distance(span: Span, first: Span, last: Span, paragraphs: Sequence[str]) -> int | None:
    """Characters between ``span`` and the content running from ``first`` to ``last``."""
    if span.paragraph < first.paragraph:
        return len(paragraphs[span.paragraph]) - span.end + first.start
    if span.paragraph == first.paragraph and span.end <= first.start:
        return first.start - span.end
    if span.paragraph == last.paragraph and span.start >= last.end:
        return span.start - last.end
    if first.paragraph <= span.paragraph <= last.paragraph:
        return 0
    return None


def _attribution(
    raw_quote: dict[str, object], placement: Placement, article: Article
) -> GoldAttribution | None:
    kind = raw_quote.get("type")
    content = raw_quote.get("content")
    if kind not in _KINDS or not isinstance(content, list) or not content:
        return None
    spans: list[Span] = []
    for pair in content:
        if isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, int) for x in pair):
            spans.extend(placement.to_paragraphs(pair[0], pair[1]))
    if not spans:
        return None
    cue_text = raw_quote.get("cue")
    source_text = raw_quote.get("speaker_surface")
    cue_words = cue_text if isinstance(cue_text, str) else None
    source_words = source_text if isinstance(source_text, str) else None
    paragraphs = article.paragraphs
    return GoldAttribution(
        kind=kind,
        content=tuple(spans),
        cue_text=cue_words,
        source_text=source_words,
        cue=_occurrences(paragraphs, cue_words, spans) if cue_words else None,
        source=_occurrences(paragraphs, source_words, spans) if source_words else None,
    )


def read_annotated(gold: Path, texts: Path) -> Iterator[AnnotatedArticle]:
    """Every article of ``gold`` (a JSON Lines file) read from ``texts/<doc>.txt``, in order.

    Raises ``FileNotFoundError`` when a listed text is missing, ``ValueError`` for a line that
    is not an article's annotation.
    """
    with gold.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            entry = json.loads(line)
            if not isinstance(entry, dict) or not isinstance(entry.get("doc"), str):
                raise ValueError(f"{gold}, line {number}: not an article's annotation")
            path = texts / f"{entry['doc']}.txt"
            raw = path.read_text(encoding="utf-8")
            article = read_text_file(path)
            placement = place(raw, article.paragraphs)
            found = [
                _attribution(q, placement, article) for q in entry.get("quotes") or () if isinstance(q, dict)
            ]
            kept = tuple(a for a in found if a is not None)
            yield AnnotatedArticle(entry["doc"], article, kept, len(found) - len(kept))
