"""spaCy spans: the parts of an article the recogniser reads, the run over them, and its spans
read back onto the article as mentions.

The recogniser runs on the title, the standfirst, each body paragraph, each figure caption and
each part of each photo credit separately, so every mention has a place the reader can jump to.
Headlines in capitals confuse the small model: text that is mostly capitals is given to it in
title case (same length, so offsets still point into the original text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from viewer.core.corpus.agreement import name_key
from viewer.core.entities.cleaning import clean_entity, is_tabular, looks_like_name
from viewer.core.entities.evidence import list_evidence, mention_evidence
from viewer.core.entities.kinds import label_in_context
from viewer.core.entities.records import FoundMention, TextPart
from viewer.core.lexicon import CREDIT_ORG_WORDS, headline_case, without_possessive
from viewer.core.model import Article, Mention

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_CREDIT_SPLIT = re.compile(r"\s*(?:/|;|,|\||\bvia\b|\band\b|&)\s*", re.IGNORECASE)
_CREDIT_LEAD = re.compile(r"^(?:(?:photos?|pictures?|images?)\s+(?:by|from)|courtesy(?:\s+of)?|by)\s+", re.I)


def credit_pieces(credit: str) -> list[tuple[int, str]]:
    """The parts of a photo credit with their offsets: "Alexey Furman/Getty Images" gives
    the photographer and the agency separately."""
    pieces: list[tuple[int, str]] = []
    position = 0
    for match in [*_CREDIT_SPLIT.finditer(credit), None]:
        end = match.start() if match else len(credit)
        raw = credit[position:end]
        lead = _CREDIT_LEAD.match(raw.strip())
        start = position + (len(raw) - len(raw.lstrip())) + (lead.end() if lead else 0)
        piece = credit[start:end]
        while piece and (piece[-1].isspace() or piece[-1] in ".:"):
            piece = piece[:-1]
        if any(c.isalpha() for c in piece):
            pieces.append((start, piece))
        if match:
            position = match.end()
    return pieces


def article_parts(article: Article) -> list[TextPart]:
    """Title, standfirst, paragraphs, captions and credit pieces, in reading order."""
    parts = [TextPart("title", 0, article.title)]
    if article.standfirst:
        parts.append(TextPart("standfirst", 0, article.standfirst))
    parts.extend(TextPart("paragraph", i, text) for i, text in enumerate(article.paragraphs))
    for i, figure in enumerate(article.figures):
        parts.append(TextPart("figure", i, figure.caption, "caption"))
        for offset, piece in credit_pieces(figure.credit or ""):
            parts.append(TextPart("figure", i, piece, "credit", offset))
    return [p for p in parts if p.text.strip()]


def is_shouting(text: str) -> bool:
    """True for text written mostly in capitals (a wire headline), which the model misreads."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 5:
        return False
    upper = sum(1 for c in letters if c.isupper())
    loud_words = [w for w in text.split() if w.isupper()]
    # One short capitalised word is an acronym ("NATO 2020"); a long one is a shouted word.
    return upper / len(letters) >= 0.8 and (len(loud_words) >= 2 or any(len(w) >= 5 for w in loud_words))


def title_case_shouting(text: str) -> str:
    """``text`` with each word capitalised and the rest lower case, character for character
    (same length), when it is written mostly in capitals; otherwise ``text`` unchanged."""
    if not is_shouting(text):
        return text
    out: list[str] = []
    previous_letter = False
    for char in text:
        lowered = char.lower()
        if previous_letter and char.isupper() and len(lowered) == 1:
            out.append(lowered)
        else:
            out.append(char)
        previous_letter = char.isalpha() or (char in "'’" and previous_letter)
    return "".join(out)


def recognised_docs(
    nlp: Language, parts: Sequence[TextPart], batch_size: int, named: Sequence[frozenset[str] | None] = ()
) -> Iterator[Doc]:
    """The model's reading of each part; ``named``: for each part, the words its article
    capitalises inside a sentence (a headline in Title Case is read with the others lowered),
    or ``None`` when the article has no body to tell."""
    limit = nlp.max_length
    texts = (
        sentence_case_headline(title_case_shouting(p.text), named[k] if k < len(named) else None)[:limit]
        if p.where == "title"
        else title_case_shouting(p.text)[:limit]
        for k, p in enumerate(parts)
    )
    yield from nlp.pipe(texts, batch_size=batch_size)


_WORD = re.compile(r"[^\W\d_][\w’'-]*")
# Where a capital says nothing of a name: a paragraph's or a sentence's first word.
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:;\"“”(]\s*|\s[-–—]\s*)$")


def named_words(paragraphs: Sequence[str]) -> frozenset[str] | None:
    """The words (lower-cased) the paragraphs capitalise inside a sentence: the article's own
    names ("Depot", "Stadia"); ``None`` when there are no paragraphs to tell."""
    if not any(p.strip() for p in paragraphs):
        return None
    named: set[str] = set()
    for text in paragraphs:
        for m in _WORD.finditer(text):
            word = m.group()
            if word[:1].isupper() and not _SENTENCE_OPENING.search(text, max(0, m.start() - 3), m.start()):
                named.add(_bare(word))
    return frozenset(named)


def _bare(word: str) -> str:
    """A word lower-cased, without a possessive ending ("Nair's" is "nair")."""
    return without_possessive(word).lower()


_SITE_TAIL = re.compile(r"\s[|–—-]\s+(?:\S+\s+){0,4}\S+\s*$")


def sentence_case_headline(text: str, named: frozenset[str] | None) -> str:
    """A headline in Title Case with each capitalised word its article never capitalises
    inside a sentence lowered, character for character (same length), but the first: the
    model takes a run of capitals for one name ("Home Depot Stock Falls After Earnings Report
    Disappoints" was one organisation; it reads "Home Depot stock falls after earnings report
    disappoints"). Words in capitals ("NASA") or mixed case ("iPhone") and other text stay."""
    if named is None or not headline_case(text):
        return text
    out = list(text)
    site = _SITE_TAIL.search(text)  # "... | The Beachbody Blog": the site's name, as written
    for m in _WORD.finditer(text, 0, site.start() if site else len(text)):
        word = m.group()
        if m.start() > 0 and word[:1].isupper() and word[1:] == word[1:].lower() and _bare(word) not in named:
            out[m.start()] = word[0].lower()
    return "".join(out)


def mentions_in_doc(doc: Doc, part: TextPart) -> list[FoundMention]:
    """The cleaned mentions the recogniser found in one part of an article."""
    original = part.text  # the model may have read a re-cased copy of the same length
    found = []
    tabular = is_tabular(doc, original if _length(doc) == len(original) else None)
    for span in doc.ents:
        cleaned = clean_entity(span, original, tabular=tabular)
        if cleaned is None:
            continue
        start, end, text, label = cleaned
        mention = Mention(part.where, part.index, part.offset + start, part.offset + end, part.field)
        label, weight = label_in_context(part.text, start, end, label, tabular=tabular)
        evidence = mention_evidence(part.text, start, end)
        found.append(FoundMention(text, label, mention, weight, evidence))
    return list_evidence(found, part) if len(found) >= 3 else found


def _length(doc: Doc) -> int:
    """``len(doc.text)``, without building the text."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def credit_mention(doc: Doc, part: TextPart) -> FoundMention | None:
    """A credit piece is one person or one organisation as a whole.

    Agency words ("Images", "Wire", "Press") make it an organisation; otherwise two to four
    capitalised words are a photographer's name (the model reads such short text poorly).
    """
    text = part.text
    mention = Mention(part.where, part.index, part.offset, part.offset + len(text), part.field)
    words = text.split()
    if not looks_like_name(text):
        return None
    if any(name_key(w).strip(".") in CREDIT_ORG_WORDS for w in words):
        return FoundMention(text, "ORG", mention)
    whole = {s.label_ for s in doc.ents if s.start_char == 0 and s.end_char == len(doc.text)}
    name_shaped = 2 <= len(words) <= 4 and all(w[0].isupper() and w.replace(".", "").isalpha() for w in words)
    return FoundMention(text, "PERSON" if name_shaped or "PERSON" in whole else "ORG", mention)
