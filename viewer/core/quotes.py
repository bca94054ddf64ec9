"""Direct quotations and their speakers. (Placeholder until the quotes issue lands.)"""

from __future__ import annotations

from viewer.core.model import Article, Quote


def find_quotes(article: Article) -> tuple[Quote, ...]:
    """Every direct quotation in the article's body, in order."""
    return ()
