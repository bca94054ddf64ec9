"""Quotations and reported speech, and who said them.

- :mod:`~viewer.core.quotes.marks`: the quoted passages (marks excluded, quotations running
  over paragraphs joined).
- :mod:`~viewer.core.quotes.names`: capitalised runs that may be names, titles and roles split
  off, and the article's book of names (surname -> fullest name).
- :mod:`~viewer.core.quotes.speakers`: sentences, and the words of an attribution resolved to a
  name (pronouns, descriptions, documents).
- :mod:`~viewer.core.quotes.evidence`: the dependency parse's reading of who a quotation is
  attributed to (the full path only).
- :mod:`~viewer.core.quotes.parse`: the article's dependency parse, run once and shared.
- :mod:`~viewer.core.quotes.reported`: reported speech, learned: candidates at verbs of saying
  and the features a CRF labels their content by (:mod:`~viewer.core.quotes.learned` loads the
  shipped model).
- :mod:`~viewer.core.quotes.statements`: reported and mixed statements, and the one assembly
  of every quote of an article in the order of the text.
- :mod:`~viewer.core.quotes.attribution`: the quotes of an article, put together from those.

Words shared with entity recognition (forms of address, calendar words, speech verbs) live in
:mod:`viewer.core.lexicon`; what kind of name may speak, in :mod:`viewer.core.names`.
"""

from __future__ import annotations

from viewer.core.quotes.attribution import clear_caches, find_quotes, texts_to_parse
from viewer.core.quotes.parse import ParseCache

__all__ = ["ParseCache", "clear_caches", "find_quotes", "texts_to_parse"]
