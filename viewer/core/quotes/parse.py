"""The dependency parse of one article, run once and shared by every reader of it.

Direct quotes ask the parse who a quotation hangs from (:mod:`~viewer.core.quotes.evidence`);
reported speech asks it what a verb of saying reports (:mod:`~viewer.core.quotes.reported`).
Both read the same parses: each paragraph that needs one is parsed at most once, with its long
quotations replaced by a stand-in clause (:func:`~viewer.core.quotes.evidence.masked_paragraph`),
and the paragraphs are parsed together in one batch.

A paragraph needs the parse when it holds a quotation or a word that may report speech (a form
of a verb of saying or writing, "according to"): a lexical test, so that most paragraphs of an
article that reports nothing are never parsed. Within a paragraph, so are the sentences nothing
reads (see :func:`~viewer.core.quotes.evidence.masked_paragraph`): on 150 BBC articles the parse
is given 144,000 characters where it was given 224,000, and takes about 0.6 s less.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from viewer.core.quotes.evidence import Parser, masked_paragraph, may_report

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from viewer.core.quotes.evidence import _Masked

__all__ = ["ArticleParse", "ParseCache", "may_report"]


class ArticleParse:
    """The parses of one article's paragraphs, masked as :mod:`evidence` masks them.

    ``quoted``: the quoted words of each paragraph (start, end, marks excluded), which the
    masking replaces. Calling the object with texts makes it a :data:`Parser` for
    :mod:`evidence`: texts already parsed are served from the cache.
    """

    def __init__(
        self, paragraphs: Sequence[str], quoted: Mapping[int, Sequence[tuple[int, int]]], parser: Parser
    ):
        self.paragraphs = paragraphs
        self.quoted = quoted
        # A batch's shared cache when given one, else a cache of this article's own.
        self._cache = parser if isinstance(parser, ParseCache) else ParseCache(parser)
        self._masks: dict[int, _Masked] = {}
        #: What readers of the parse computed from it, kept for the article's other readers.
        self.memo: dict[object, object] = {}

    def masked(self, p: int) -> _Masked:
        found = self._masks.get(p)
        if found is None:
            found = masked_paragraph(self.paragraphs[p], list(self.quoted.get(p, ())))
            self._masks[p] = found
        return found

    def prefetch(self, indices: Iterable[int]) -> None:
        """Parse, in one batch, the paragraphs of ``indices`` not parsed yet."""
        self([self.masked(p).text for p in sorted(set(indices))])

    def doc(self, p: int) -> Doc | None:
        """The parse of paragraph ``p`` (parsed now if it was not), or ``None`` without a parser."""
        docs = self([self.masked(p).text])
        return docs[0] if docs else None

    @property
    def failed(self) -> bool:
        """The parser could not parse (no language model): every parse is ``None``."""
        return self._cache.failed

    def __call__(self, texts: Sequence[str]) -> Sequence[Doc] | None:
        return self._cache(texts)

    def original(self, p: int, token: Token) -> tuple[int, int] | None:
        """Offsets in the paragraph's own text of ``token`` of its masked parse: a word of
        the stand-in clause stands for the whole quotation it replaced."""
        masked = self.masked(p)
        start, end = token.idx, token.idx + len(token.text)
        for (m_start, m_end), original in zip(masked.quotes, masked.originals, strict=True):
            if m_start <= start < m_end:
                if masked.text[m_start:m_end] == self.paragraphs[p][original[0] : original[1]]:
                    return original[0] + start - m_start, original[0] + end - m_start
                return original
        for m_start, o_start, size in masked.pieces:
            if m_start <= start and end <= m_start + size:
                return o_start + start - m_start, o_start + end - m_start
        return None

    def in_quotation(self, p: int, token: Token) -> bool:
        """``token`` stands for quoted words (or is one)."""
        start = token.idx
        return any(a <= start < b for a, b in self.masked(p).quotes)


class ParseCache:
    """Parses kept by their text, for many articles: the analysis of a batch of articles parses
    all their paragraphs in one call (the parser is faster on one large batch than on many
    small ones), and each article's :class:`ArticleParse` then finds its parses here."""

    def __init__(self, parser: Parser) -> None:
        self._parser = parser
        self._docs: dict[str, Doc] = {}
        self.failed = False

    def __call__(self, texts: Sequence[str]) -> Sequence[Doc] | None:
        if self.failed:
            return None
        missing = list(dict.fromkeys(t for t in texts if t not in self._docs))
        if missing:
            docs = self._parser(missing)
            if docs is None:
                self.failed = True
                return None
            self._docs.update(zip(missing, docs, strict=True))
        return [self._docs[t] for t in texts]
