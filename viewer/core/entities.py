"""Named entities: spaCy NER per part of an article, cleaned, typed by vote and merged.

The recogniser runs on the title, the standfirst, each body paragraph, each figure caption and
each part of each photo credit separately, so every mention has a place the reader can jump to.
Its raw output is then cleaned by general rules (leading articles, forms of address, roles and
possessives stripped; numbers cut from names in tables; spans running over a sentence end cut;
fragments, phrases and words that are not names dropped), each surface form gets one type by
weighted vote over its mentions (a place preposition such as "in" counts for a place), and the
variants of one entity are merged: a surname joins the one full name ending with it, a first
word the one organisation starting with it, and an acronym the spelled-out form the article
defines for it. Names the model found once are also located where it missed them.

Headlines in capitals confuse the small model: text that is mostly capitals is given to it in
title case (same length, so offsets still point into the original text), and only the names
the rest of the article confirms are kept there, together with every known name found in it
by spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from viewer.core import nlp as nlp_loader
from viewer.core.lexicon import CALENDAR_WORDS, ROLE_NOUNS, WORK_WORDS
from viewer.core.model import Article, Entity, Mention, MentionPlace

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = [
    "KEPT_LABELS",
    "Entity",
    "EntityResult",
    "FoundMention",
    "TextPart",
    "article_parts",
    "clean_entity",
    "credit_pieces",
    "find_acronym_definitions",
    "find_entities",
    "find_entities_many",
    "merge_mentions",
    "title_case_shouting",
]

# OntoNotes labels for things with a name; numbers, dates and amounts are not shown as entities.
KEPT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE"}
)
_PLACE_ORDER: dict[MentionPlace, int] = {"title": 0, "standfirst": 1, "paragraph": 2, "figure": 3}
_LEADING_WORDS = frozenset({"the", "a", "an"})
# Forms of address and titles that stand before a person's name but are not part of it.
_HONORIFICS = frozenset(
    {
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx.", "miss", "dr", "dr.", "prof", "prof.", "sir", "dame",
        "lord", "lady", "president", "prime", "minister", "general", "gen", "gen.", "sen", "sen.",
        "senator", "rep", "rep.", "judge", "justice", "king", "queen", "prince", "princess", "pope",
        "chancellor", "governor", "gov", "gov.", "mayor", "coach", "captain", "capt", "capt.",
    }
)  # fmt: skip
# Forms of address and titles that only stand before a person's name.
_ADDRESS_FORMS = frozenset(
    {
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "mx", "mx.", "councillor",
        "councilman", "councilwoman", "councilor", "senator", "congressman", "congresswoman",
        "professor", "detective", "inspector", "sergeant", "sgt", "sgt.", "constable", "ambassador",
        "archbishop", "bishop", "rabbi", "imam", "reverend", "rev", "rev.",
    }
)  # fmt: skip
_INNER_POSSESSIVE = re.compile(r"['’]s?\s+(?=\w)")
_ROLE_OF = re.compile(
    r"(?:(?:vice|deputy|chief|former|acting)[\s-]+)?(?:founder|co-founder|president|chairman|chairwoman|chair"
    r"|ceo|director|head|secretary|minister|governor|mayor|member|professor|spokesman|spokeswoman"
    r"|spokesperson|editor|leader|executive|manager|dean)\s+(?:of|at)\s+(?:the\s+)?",
    re.IGNORECASE,
)
# Short words written with a full stop that does not end a sentence.
_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "mx", "dr", "st", "jr", "sr", "inc", "co", "corp", "ltd", "gen", "lt",
        "col", "sgt", "capt", "mt", "ft", "no", "prof", "rev", "gov", "sen", "rep", "bros", "vs", "ave",
    }
)  # fmt: skip
# Words that label a picture or a page element; alone they are never a name.
_PAGE_WORDS = frozenset(
    {
        "image", "images", "photo", "photos", "picture", "pictures", "video", "videos", "file",
        "credit", "credits", "caption", "source", "handout", "graphic", "illustration", "watch",
        "listen", "read", "advertisement", "related", "more", "update", "updated", "pool",
    }
)  # fmt: skip
# Words that mark a credit as coming from an organisation rather than a person.
_ORG_CREDIT_WORDS = frozenset(
    {
        "images", "image", "photo", "photos", "press", "news", "agency", "service", "services",
        "forces", "ministry", "office", "department", "media", "pictures", "archive", "archives",
        "library", "museum", "university", "getty", "reuters", "afp", "ap", "epa", "upi", "ani",
        "pa", "shutterstock", "alamy", "facebook", "twitter", "instagram", "youtube", "telegram",
        "wikimedia", "commons", "pool", "handout", "army", "police", "government", "tass", "xinhua",
        "gazette", "times", "post", "network", "studio", "studios", "foundation", "inc", "ltd",
        "wire", "newswire", "syndication", "collective", "company", "group", "magazine", "newspaper",
        "daily", "herald", "tribune", "journal", "chronicle", "telegraph", "courier", "bureau",
        "trust", "council", "institute", "society", "club", "association", "centre", "center",
        "college", "school", "hospital", "agencies", "co", "llc", "corp", "stock", "collection",
    }
)  # fmt: skip
_EDGE_PUNCT = "\"'“”‘’«»„`´()[]{}<>.,;:!?-–—/\\|*#@&"
_POSSESSIVE = re.compile(r"['’]s?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“”'‘’\n(\[–—-])\s*$")
_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?")
_CREDIT_SPLIT = re.compile(r"\s*(?:/|;|,|\||\bvia\b|\band\b|&)\s*", re.IGNORECASE)
_CREDIT_LEAD = re.compile(r"^(?:(?:photos?|pictures?|images?)\s+(?:by|from)|courtesy(?:\s+of)?|by)\s+", re.I)
_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,9})\s*\)")
_NUMBER = re.compile(r"[-+]?\d[\d.,:/-]*")
_NUMBERLESS_LABELS = frozenset({"PERSON", "GPE", "LOC", "NORP"})
# Lower-case words that may stand inside a name ("Bank of England", "Ludwig van Beethoven").
_NAME_PARTICLES = frozenset(
    {
        "of", "the", "and", "for", "on", "upon", "in", "&", "de", "del", "della", "der", "den", "van",
        "von", "da", "di", "du", "des", "la", "le", "les", "al", "el", "bin", "ibn", "y", "e", "dos",
        "das", "do", "ten", "ter", "zu", "ul", "st", "st.",
    }
)  # fmt: skip
_PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "inside", "across", "throughout"})
_CALENDAR_WORDS = CALENDAR_WORDS
_MINOR_WORDS = frozenset({"of", "the", "and", "for", "&", "in", "on", "at", "to", "de", "du", "la", "des"})


@dataclass(frozen=True, slots=True)
class TextPart:
    """One piece of an article the recogniser reads on its own, and where it stands.

    ``offset`` is where ``text`` starts inside the article text the mention points into
    (non-zero only for one piece of a photo credit).
    """

    where: MentionPlace
    index: int
    text: str
    field: Literal["caption", "credit"] | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class FoundMention:
    """A cleaned mention: its surface form, a label and its location.

    ``weight`` is how much the label counts in the vote on the entity's type.
    """

    text: str
    label: str
    mention: Mention
    weight: float = 1.0

    @property
    def key(self) -> str:
        return _key(self.text)


def _key(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    return " ".join(text.casefold().split())


def _order(found: FoundMention) -> tuple[int, int, int, int]:
    m = found.mention
    return (_PLACE_ORDER[m.where], m.index, 1 if m.field == "credit" else 0, m.start)


# --- the parts of an article -------------------------------------------------------------


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


# --- cleaning one recognised span -----------------------------------------------------------


def _is_edge_junk(token_text: str) -> bool:
    return all(c in _EDGE_PUNCT for c in token_text) or _POSSESSIVE.fullmatch(token_text) is not None


def clean_entity(
    span: Span, original: str | None = None, *, tabular: bool | None = None
) -> tuple[int, int, str, str] | None:
    """Offsets, text and label of a recognised span after cleaning, or ``None`` to drop it.

    Strips leading articles ("the"), forms of address before a person's name (a name after
    "Mr", "Ms", "Dr" is a person's, whatever the model said), possessive
    endings ("Kyiv's" -> "Kyiv") and stray punctuation; drops spans that are not names
    ("pro-Ukraine", a lone "Image", bare numbers). ``original`` is the text the offsets point
    into when the model read a re-cased copy of it; ``tabular`` says whether the document is
    a table of numbers (worked out from the document when not given).
    """
    label = span.label_
    if label not in KEPT_LABELS:
        return None
    # Numbers are never part of a person's or a place's name, nor of any name in a table of
    # results ("Somerset 83", "Seoul 1996-08-30"); "Channel 4" in running text keeps its 4.
    if tabular is None:
        tabular = _is_tabular(span.doc)
    strip_numbers = label in _NUMBERLESS_LABELS or tabular

    def junk(text: str) -> bool:
        return _is_edge_junk(text) or (strip_numbers and _NUMBER.fullmatch(text) is not None)

    tokens = list(span)
    if len(tokens) > 1 and tokens[0].text.lower() in _ADDRESS_FORMS and tokens[1].text[:1].isupper():
        label = "PERSON"
    while tokens and (
        tokens[0].text.lower() in _LEADING_WORDS
        or junk(tokens[0].text)
        or (
            label == "PERSON"
            and len(tokens) > 1
            and (tokens[0].text.lower() in _HONORIFICS or tokens[0].text.lower() in _ADDRESS_FORMS)
        )
        or (label == "PERSON" and len(tokens) > 2 and _is_role_word(tokens[0].text))
    ):
        tokens.pop(0)
    while tokens and junk(tokens[-1].text):
        tokens.pop()
    if not tokens:
        return None
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    source = original if original is not None else span.doc.text
    text = source[start:end]
    # A span running over a full stop into the next sentence ("Jay-Z. Soul") ends there, and a
    # person's name ends before a possessive ("Jeff Bezos's Blue Origin").
    cut = _sentence_break(text)
    owner = _INNER_POSSESSIVE.search(text) if label == "PERSON" else None
    if owner is not None:
        cut = owner.start() if cut is None else min(cut, owner.start())
    if cut is not None:
        text, end = text[:cut], start + cut
    # A role before an organisation ("Founder of Ceres Robotics") is not part of its name.
    role = _ROLE_OF.match(text) if label != "PERSON" else None
    if role is not None and len(text[role.end() :].split()) >= 2:
        text, start = text[role.end() :], start + role.end()
    # Possessives glued to the word ("Kyiv's" as one token) and edge punctuation.
    stripped = _POSSESSIVE.sub("", text) if len(text) > 3 else text
    end -= len(text) - len(stripped)
    text = stripped
    while text and text[-1] in _EDGE_PUNCT and not _ends_abbreviation(text):
        text, end = text[:-1], end - 1
    while text and text[0] in _EDGE_PUNCT:
        text, start = text[1:], start + 1
    if any(w[0].islower() and w.lower() not in _NAME_PARTICLES for w in text.split()[1:]):
        return None  # two names run together ("Yorkshire at Headingley") or a phrase
    return (start, end, text, label) if _looks_like_name(text) else None


def _is_role_word(word: str) -> bool:
    """A capitalised occupation or role opening a person's name ("Headliner Rosa Quint",
    "Guitarist Ana Dorn"): news writes it before the name, and it is not part of it."""
    lowered = word.lower()
    return word[:1].isupper() and (lowered in ROLE_NOUNS or (len(lowered) >= 7 and lowered.endswith("ist")))


def _sentence_break(text: str) -> int | None:
    """Where a full stop inside ``text`` ends a sentence: not after an initial ("J. Smith"),
    a dotted abbreviation ("U.S. Army") or a short title ("Dr. Lee", "St. Louis")."""
    for match in re.finditer(r"(\S+)\.\s+(?=\S)", text):
        word = match.group(1)
        if len(word) == 1 or "." in word or word.lower() in _ABBREVIATIONS:
            continue
        return match.start() + len(word)
    return None


def _is_tabular(doc: Doc) -> bool:
    """Text that is mostly numbers: a table of scores or prices, not running prose."""
    words = [t.text for t in doc if any(c.isalnum() for c in t.text)]
    numbers = sum(1 for w in words if _NUMBER.fullmatch(w))
    return numbers >= 2 and numbers / len(words) >= 0.25


def _ends_abbreviation(text: str) -> bool:
    """Abbreviations such as "U.S." and "Corp." keep their final full stop."""
    return text.endswith(".") and bool(re.search(r"(?:\b[A-Z]\.[A-Z]\.|\b[A-Z][a-z]{1,3}\.)$", text))


def _looks_like_name(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or "\n" in text:
        return False
    first = next(i for i, c in enumerate(text) if c.isalpha())
    if text[first].islower() and not (first + 1 < len(text) and text[first + 1].isupper()):
        return False  # "pro-Ukraine", "foreign legion": names start with a capital ("eBay" aside)
    if text.count("(") != text.count(")") or text.count('"') % 2:
        return False
    return _key(text) not in _PAGE_WORDS


def _sentence_initial(text: str, start: int) -> bool:
    return _SENTENCE_END.search(text[:start]) is not None


def mentions_in_doc(doc: Doc, part: TextPart) -> list[FoundMention]:
    """The cleaned mentions the recogniser found in one part of an article."""
    original = part.text  # the model may have read a re-cased copy of the same length
    found = []
    tabular = _is_tabular(doc)
    for span in doc.ents:
        cleaned = clean_entity(span, original, tabular=tabular)
        if cleaned is None:
            continue
        start, end, text, label = cleaned
        mention = Mention(part.where, part.index, part.offset + start, part.offset + end, part.field)
        if label in _TITLE_LABELS and _inside_quotation_marks(part.text, start, end):
            found.append(FoundMention(text, "WORK_OF_ART", mention, weight=2.0))  # sang "Harbour Lights"
        elif tabular and label in _PLACE_LABELS and _SCORE_AFTER.match(part.text, end):
            found.append(FoundMention(text, "ORG", mention, weight=2.0))  # "Denver 5 Austin 3"
        elif label == "PERSON" and _after_place_preposition(part.text, start, end):
            found.append(FoundMention(text, "GPE", mention, weight=1.5))  # "owners in Montclair"
        else:
            found.append(FoundMention(text, label, mention))
    return found


# In a table of results a place's name followed by its score is a team's or a club's
# ("Denver 5 Austin 3", "Kent 212 and 140 for 6"), not the place.
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_SCORE_AFTER = re.compile(r"\s+\d{1,3}(?![\d.,:/%-])")
# Labels the recogniser gives a title it mistakes for a name.
_TITLE_LABELS = frozenset({"PERSON", "ORG"})
_OPENING_MARKS = "\"“‘'«„"
# A closing mark, after a comma or full stop at most (a name called out, "Bobby!", is a
# person's), and not an apostrophe of a possessive ("Hillary Clinton’s campaign").
_CLOSING = re.compile(r"[,.]?[\"”’'»“](?![\w’'])")
_NICKNAME_SIDES = re.compile(r"\s[A-Z]")
_POSSESSIVE_WORD = re.compile(r"^[A-Z][\w.&-]*[’']s$")
# '"X", her best-known song': a work noun within a few words after the title.
_WORK_AFTER = re.compile(r",?\s+(?:(?:a|an|the|her|his|their|its)\s+)?(?P<words>(?:[\w’'-]+\b\s*){1,3})")


def _inside_quotation_marks(text: str, start: int, end: int) -> bool:
    """The name is all that stands inside a pair of quotation marks, and the words beside it
    say it is a work: news quotes the titles of songs, films, books and shows that way
    ('sang "Harbour Lights"', '"Harbour Lights", her best-known song'). A name quoted as a
    word ('wearing "Lee for Mayor" pins', 'he mispronounced "Vell"') is left as it is."""
    if start == 0 or text[start - 1] not in _OPENING_MARKS:
        return False
    if text[start - 1] == "'" and start > 1 and text[start - 2].isalnum():
        return False  # an apostrophe inside a word ("rock'n'Roll"), not a mark
    closing = _CLOSING.match(text, end)
    if closing is None:
        return False
    before = text[: start - 1].split()[-1:]
    nickname = bool(before) and before[0][:1].isupper() and _NICKNAME_SIDES.match(text, closing.end())
    if nickname:
        return False  # Robert "Bobby" Scott: a nickname inside a name
    if before and (before[0].lower().strip(",:") in WORK_WORDS or _POSSESSIVE_WORD.search(before[0])):
        return True  # the song "X", sang "X", CNBC's "X"
    after = _WORK_AFTER.match(text, closing.end())
    return after is not None and any(w.lower() in WORK_WORDS for w in after.group("words").split())


def _after_place_preposition(text: str, start: int, end: int) -> bool:
    """True after "in", "near"... and not before a possessive ("in Smith's view")."""
    before = text[max(0, start - 40) : start].split()[-1:]
    return (
        bool(before)
        and before[0].lower() in _PLACE_PREPOSITIONS
        and not _POSSESSIVE.match(text[end : end + 2])
    )


def _credit_mention(doc: Doc, part: TextPart) -> FoundMention | None:
    """A credit piece is one person or one organisation as a whole.

    Agency words ("Images", "Wire", "Press") make it an organisation; otherwise two to four
    capitalised words are a photographer's name (the model reads such short text poorly).
    """
    text = part.text
    mention = Mention(part.where, part.index, part.offset, part.offset + len(text), part.field)
    words = text.split()
    if not _looks_like_name(text):
        return None
    if any(_key(w).strip(".") in _ORG_CREDIT_WORDS for w in words):
        return FoundMention(text, "ORG", mention)
    whole = {s.label_ for s in doc.ents if s.start_char == 0 and s.end_char == len(doc.text)}
    name_shaped = 2 <= len(words) <= 4 and all(w[0].isupper() and w.replace(".", "").isalpha() for w in words)
    return FoundMention(text, "PERSON" if name_shaped or "PERSON" in whole else "ORG", mention)


# --- article-level rules: false capitals, types, variants ----------------------------------


def _lowercase_words(parts: Sequence[TextPart]) -> set[str]:
    return {w for p in parts for w in _WORD.findall(p.text) if w.islower()}


def _drop_capitalised_common_words(
    found: list[FoundMention], parts: Sequence[TextPart]
) -> list[FoundMention]:
    """A sentence-initial word the article also writes in lower case is a common word
    capitalised by position: alone it is not a name ("Image posted by ..."), and before a
    person's full name it is not part of it ("Headliner Rosa Quint")."""
    lower = _lowercase_words(parts)
    texts = {(p.where, p.index, p.field or "caption"): p for p in parts}
    kept = []
    for original in found:
        f, m = original, original.mention
        part = texts.get((m.where, m.index, m.field or "caption"))
        first = f.text.split()[0]
        common = part is not None and m.field != "credit" and first.lower() in lower and "-" not in first
        if common and part is not None and _sentence_initial(part.text, m.start - part.offset):
            if first == f.text:
                continue
            rest = f.text[len(first) :].lstrip()
            if f.label == "PERSON" and len(rest.split()) >= 2:
                start = m.end - len(rest)
                f = FoundMention(rest, f.label, Mention(m.where, m.index, start, m.end, m.field), f.weight)
        kept.append(f)
    return kept


def find_acronym_definitions(text: str) -> list[tuple[int, int, str]]:
    """Spelled-out forms the text defines with an acronym in brackets: each as
    ``(start, end, acronym)``, for example "international humanitarian law (IHL)"."""
    found = []
    for match in _ACRONYM.finditer(text):
        acronym = match.group(1)
        letters = [c for c in acronym if c.isupper()]  # "BoE": B and E; the "o" is "of"
        if len(letters) < 2:
            continue  # a word in brackets, not an acronym
        before = text[: match.start()].rstrip()
        if not before[-1:].isalnum():
            continue  # "(HB)" after a full stop or a comma defines nothing
        words = list(re.finditer(r"[^\W_][\w'’.]*", before))
        initials: list[tuple[str, int]] = []  # initial letter and the start of its word
        for word in reversed(words):
            if len(initials) >= len(letters):
                break
            if word.group().lower() in _MINOR_WORDS and initials:
                continue
            initials.append((word.group()[0].upper(), word.start()))
        initials.reverse()
        end = len(before)
        if len(initials) == len(letters) and [c for c, _ in initials] == [c.upper() for c in letters]:
            found.append((initials[0][1], end, acronym))
        else:
            # Hyphenated words give one initial per part ("Self-Defense Forces (SDF)").
            pieces = list(re.finditer(r"[^\W_][\w'’.]*", before.replace("-", " ")))
            heads = [
                (p.group()[0].upper(), p.start()) for p in pieces if p.group().lower() not in _MINOR_WORDS
            ]
            tail = heads[-len(letters) :]
            if len(tail) == len(letters) and [c for c, _ in tail] == [c.upper() for c in letters]:
                found.append((tail[0][1], end, acronym))
    return found


class _Groups:
    """Union-find over surface-form groups (one group per normalised surface form)."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def root(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, small: str, big: str) -> None:
        a, b = self.root(small), self.root(big)
        if a != b:
            self.parent[a] = b


def _vote(votes: Iterable[tuple[str, float]]) -> str:
    """The label with the most weight; on a tie, the one seen first."""
    counts: dict[str, float] = {}
    for label, weight in votes:
        counts[label] = counts.get(label, 0.0) + weight
    best = max(counts.values())
    return next(label for label in counts if counts[label] == best)


def _name_rank(text: str) -> tuple[int, int, bool]:
    """Fullest first: most words, then most characters, then not written in capitals."""
    return (len(text.split()), len(text), not text.isupper())


def merge_mentions(found: Sequence[FoundMention], parts: Sequence[TextPart] = ()) -> tuple[Entity, ...]:
    """One :class:`Entity` per real-world entity from the cleaned mentions of one article.

    Each surface form is typed by vote over its mentions; a surname joins the only full
    person's name ending with it (a first name alone never joins, an ambiguous surname stays
    apart); a single word joins the only organisation whose name starts with it; an acronym
    joins the spelled-out form ``parts`` define for it.
    """
    found = sorted(found, key=_order)
    found = _add_acronym_mentions(found, parts)
    by_key: dict[str, list[FoundMention]] = {}
    for f in found:
        by_key.setdefault(f.key, []).append(f)
    group_type = {k: _vote((f.label, f.weight) for f in fs) for k, fs in by_key.items()}
    groups = _Groups(by_key)
    relabel: dict[str, str] = {}

    # Acronyms defined in the text join their spelled-out form.
    for part in parts:
        for start, end, acronym in find_acronym_definitions(part.text):
            long_key, short_key = _key(part.text[start:end]), _key(acronym)
            if long_key in by_key and short_key in by_key:
                groups.join(short_key, long_key)

    # Surnames join the unique full name ending with them; longest names first.
    persons = [k for k in by_key if group_type[k] == "PERSON" and len(k.split()) > 1]
    for key in sorted(by_key, key=lambda k: -len(k.split())):
        words = key.split()
        if group_type[key] not in {"PERSON", "ORG", "GPE", "NORP", "LOC", "PRODUCT"}:
            continue
        owners = {
            groups.root(p)
            for p in persons
            if len(p.split()) > len(words) and p.split()[-len(words) :] == words
        }
        if len(owners) == 1:
            groups.join(key, owners.pop())
            relabel[key] = "PERSON"

    # A company is called by its first word ("Altria" for "Altria Group") when only one
    # organisation named in the article starts with that word.
    organisations = [k for k in by_key if group_type[k] == "ORG" and len(k.split()) > 1]
    for key, mentions in by_key.items():
        if " " in key or key in relabel or group_type[key] not in {"ORG", "PERSON", "PRODUCT"}:
            continue
        if any(f.label in {"NORP", "GPE", "LOC"} for f in mentions):
            continue  # a people or a place word ("Indigenous") that also starts a name
        if groups.root(key) != key or any(groups.root(k) == key for k in by_key if k != key):
            continue  # already part of a merged entity
        owners = {groups.root(o) for o in organisations if o.split()[0] == key}
        if len(owners) == 1:
            groups.join(key, owners.pop())
            relabel[key] = "ORG"

    # A first name joins the one full name that starts with it ("Joe" -> "Joe Biden") when
    # no other person in the article has it, as first or last name.
    for key in by_key:
        if " " in key or group_type[key] != "PERSON" or groups.root(key) != key:
            continue
        if any(groups.root(k) == key for k in by_key if k != key):
            continue
        owners = {groups.root(p) for p in persons if p.split()[0] == key}
        elsewhere = any(p.split()[-1] == key for p in persons)
        if len(owners) == 1 and not elsewhere:
            groups.join(key, owners.pop())

    # A long organisation name written once with a word dropped is the same organisation:
    # "International Legion of Territorial Defense of Ukraine" in "... Defense Forces of Ukraine".
    long_orgs = sorted((k for k in organisations if len(k.split()) >= 4), key=lambda k: -len(k.split()))
    for key in long_orgs:
        owners = {groups.root(o) for o in long_orgs if o != key and _shortened(key, o)}
        if len(owners) == 1:
            groups.join(key, owners.pop())

    members: dict[str, list[FoundMention]] = {}
    for key, fs in by_key.items():
        members.setdefault(groups.root(key), []).extend(fs)
    entities = []
    for fs in members.values():
        fs.sort(key=_order)
        label = _vote((relabel.get(f.key, f.label), f.weight) for f in fs)
        surfaces = list(dict.fromkeys(f.text for f in fs))
        name = max(surfaces, key=_name_rank)
        label = _kind_of_name(name, label)
        variants = (name, *(s for s in surfaces if s != name))
        entities.append((_order(fs[0]), Entity(name, label, variants, tuple(f.mention for f in fs))))
    entities.sort(key=lambda pair: pair[0])
    return tuple(e for _, e in entities)


def _shortened(short: str, long: str) -> bool:
    """``short`` is ``long`` with one or two inner words left out: same first and last word,
    its words in the same order."""
    a, b = short.split(), long.split()
    if not 0 < len(b) - len(a) <= 2 or a[0] != b[0] or a[-1] != b[-1]:
        return False
    rest = iter(b)
    return all(word in rest for word in a)


# Words that end the name of a law, a treaty or an agreement: never a person or a body.
_LAW_HEADS = frozenset(
    {
        "law", "laws", "act", "treaty", "convention", "charter", "accord", "accords", "protocol",
        "code", "constitution", "bill", "amendment", "directive", "regulation", "regulations",
    }
)  # fmt: skip


def _kind_of_name(name: str, label: str) -> str:
    """Correct the recogniser where the name's own words tell: "international humanitarian
    law" is a law, and a person's name has no digits ("Model 3" is a product)."""
    words = name.split()
    if label in ("PERSON", "ORG", "WORK_OF_ART") and words and words[-1].casefold() in _LAW_HEADS:
        return "LAW"
    if label == "PERSON" and any(ch.isdigit() for ch in name):
        return "PRODUCT"
    return label


def _add_acronym_mentions(found: list[FoundMention], parts: Sequence[TextPart]) -> list[FoundMention]:
    """Where only one side of a defined acronym was recognised, locate the other side too:
    the spelled-out form at its definition, the acronym wherever it stands as a word."""
    keys = {f.key: f for f in found}
    extra: list[FoundMention] = []
    for part in parts:
        for start, end, acronym in find_acronym_definitions(part.text):
            long_text = part.text[start:end]
            long_f, short_f = keys.get(_key(long_text)), keys.get(_key(acronym))
            if long_f is not None and short_f is None:
                pattern = re.compile(rf"(?<!\w){re.escape(acronym)}(?!\w)")
                for other in parts:
                    for match in pattern.finditer(other.text):
                        a, b = other.offset + match.start(), other.offset + match.end()
                        mention = Mention(other.where, other.index, a, b, other.field)
                        extra.append(FoundMention(acronym, long_f.label, mention))
                keys[_key(acronym)] = long_f
            elif short_f is not None and long_f is None:
                a, b = part.offset + start, part.offset + end
                mention = Mention(part.where, part.index, a, b, part.field)
                extra.append(FoundMention(long_text, short_f.label, mention))
                keys[_key(long_text)] = short_f
    if not extra:
        return found
    taken = _taken_spans(found)
    added = []
    for f in extra:
        spans = taken.setdefault(_place(f.mention.where, f.mention.index, f.mention.field), [])
        if not any(a < f.mention.end and f.mention.start < b for a, b in spans):
            spans.append((f.mention.start, f.mention.end))
            added.append(f)
    return sorted([*found, *added], key=_order)


# --- running the recogniser ----------------------------------------------------------------


def _docs(nlp: Language, parts: Sequence[TextPart], batch_size: int) -> Iterator[Doc]:
    limit = nlp.max_length
    texts = (title_case_shouting(p.text)[:limit] for p in parts)
    yield from nlp.pipe(texts, batch_size=batch_size)


def entities_of_article(
    article: Article, parts: Sequence[TextPart], docs: Sequence[Doc]
) -> tuple[Entity, ...]:
    """Clean, type and merge what the recogniser found in the parts of one article."""
    found: list[FoundMention] = []
    shouted: list[FoundMention] = []
    for part, doc in zip(parts, docs, strict=True):
        if part.field == "credit":
            credit = _credit_mention(doc, part)
            if credit is not None:
                found.append(credit)
        elif is_shouting(part.text):
            shouted.extend(mentions_in_doc(doc, part))
        else:
            found.extend(mentions_in_doc(doc, part))
    found = _drop_capitalised_common_words(found, parts)
    found.extend(
        _unrecognised_repeats(found, [p for p in parts if p.field != "credit" and not is_shouting(p.text)])
    )
    loud = [p for p in parts if p.field != "credit" and is_shouting(p.text)]
    found.extend(_trusted_shouted(shouted, found, loud))
    return merge_mentions(found, parts)


def _surface_pattern(surfaces: Iterable[str], flags: int = 0) -> re.Pattern[str] | None:
    """One expression matching any of ``surfaces`` as whole words, longest first."""
    ordered = sorted(set(surfaces), key=len, reverse=True)
    if not ordered:
        return None
    alternatives = "|".join(re.escape(s) for s in ordered)
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w-])", flags)


_Place = tuple[MentionPlace, int, bool]


def _place(where: MentionPlace, index: int, field: str | None) -> _Place:
    """Which text a mention's offsets point into (a figure has a caption and a credit)."""
    return (where, index, field == "credit")


def _taken_spans(found: Iterable[FoundMention]) -> dict[_Place, list[tuple[int, int]]]:
    """The character ranges already claimed by a mention, per text."""
    taken: dict[_Place, list[tuple[int, int]]] = {}
    for f in found:
        m = f.mention
        taken.setdefault(_place(m.where, m.index, m.field), []).append((m.start, m.end))
    return taken


def _unrecognised_repeats(found: Sequence[FoundMention], parts: Sequence[TextPart]) -> list[FoundMention]:
    """Mentions of names the model recognised elsewhere in the article but missed here.

    Only exact spellings standing alone (not inside a longer capitalised name, not at the start
    of a sentence, not a month or weekday) count. Such a mention takes the name's label, except
    after a preposition of place ("in Kyiv"), which is strong evidence for a place.
    """
    by_text: dict[str, FoundMention] = {}
    for f in found:
        if f.mention.field != "credit" and f.text[:1].isupper() and f.key not in _CALENDAR_WORDS:
            by_text.setdefault(f.text, f)
    # The surname of a person named in full, even opening a sentence ("Holt said ..."): it is
    # that person unless the article also uses the word in lower case ("... a holt").
    lowercase = _lowercase_words(parts)
    surnames: set[str] = set()
    for f in found:
        words = f.text.split()
        last = words[-1] if len(words) >= 2 else ""
        if (
            f.label == "PERSON"
            and len(last) >= 3
            and last[:1].isupper()
            and last[1:].islower()
            and last.lower() not in lowercase
            and last.lower() not in _CALENDAR_WORDS
        ):
            surnames.add(last)
            by_text.setdefault(last, FoundMention(last, "PERSON", f.mention))
    pattern = _surface_pattern(by_text)
    if pattern is None:
        return []
    taken = _taken_spans(found)
    extra: list[FoundMention] = []
    for part in parts:
        text = part.text
        for match in pattern.finditer(text):
            a, b = match.span()
            spans = taken.setdefault(_place(part.where, part.index, part.field), [])
            if any(x < b and a < y for x, y in spans):
                continue
            if _sentence_initial(text, a) and match.group() not in surnames:
                continue
            before = text[max(0, a - 40) : a].split()[-1:] or [""]
            after = text[b : b + 40].split()[:1] or [""]
            joined_before = before[0][:1].isupper() and not before[0].endswith((",", ";", ":", ".", "—", "–"))
            if joined_before or after[0][:1].isupper():
                continue  # part of a longer name the model saw differently
            spans.append((a, b))
            mention = Mention(part.where, part.index, a, b, part.field)
            if _after_place_preposition(text, a, b):
                extra.append(FoundMention(match.group(), "GPE", mention, weight=1.5))
            else:
                extra.append(FoundMention(match.group(), by_text[match.group()].label, mention))
    return extra


def _whole_line(found: FoundMention, parts: Sequence[TextPart]) -> bool:
    """True when the mention's text holds no other words: a dateline such as "LONDON 1996-08-30"."""
    m = found.mention
    for part in parts:
        if (part.where, part.index) == (m.where, m.index):
            rest = part.text[: m.start] + " " + part.text[m.end :]
            return not any(c.isalpha() for c in rest)
    return False


def _trusted_shouted(
    shouted: Sequence[FoundMention], found: Sequence[FoundMention], loud_parts: Sequence[TextPart]
) -> list[FoundMention]:
    """Mentions in text written in capitals, which the model reads poorly: what it found there
    that the rest of the article confirms, plus every name known from the rest of the article
    found there by its spelling."""
    known = {f.key: f for f in found if f.mention.field != "credit"}
    kept = [f for f in shouted if f.key in known or _whole_line(f, loud_parts)]
    pattern = _surface_pattern((f.text for f in known.values()), re.IGNORECASE)
    if pattern is None:
        return kept
    taken = _taken_spans(kept)
    for part in loud_parts:
        for match in pattern.finditer(part.text):
            a, b = match.span()
            spans = taken.setdefault(_place(part.where, part.index, part.field), [])
            if any(x < b and a < y for x, y in spans):
                continue
            spans.append((a, b))
            mention = Mention(part.where, part.index, a, b, part.field)
            kept.append(FoundMention(match.group(), known[_key(match.group())].label, mention))
    return kept


@dataclass(frozen=True, slots=True)
class EntityResult:
    """The entities of one article and, in words a user understands, what could not be done."""

    entities: tuple[Entity, ...] = ()
    notes: tuple[str, ...] = ()


def find_entities_many(articles: Sequence[Article], *, batch_size: int = 256) -> list[EntityResult]:
    """The entities of each article, in the same order.

    All parts of all articles go through one ``nlp.pipe`` call. Without spaCy or its model,
    every article gets no entities and a note saying why. If the recogniser fails on some
    text, the articles are retried one by one so that only the article at fault goes without.
    """
    try:
        nlp = nlp_loader.ner_pipeline()
    except nlp_loader.ModelUnavailable as err:
        return [EntityResult((), (str(err),)) for _ in articles]
    try:
        return [EntityResult(found) for found in _recognise(nlp, articles, batch_size)]
    except Exception as err:  # a failure on one text must not cost the other articles
        if len(articles) == 1:
            note = f"Named entities could not be found in this article ({type(err).__name__}: {err})."
            return [EntityResult((), (note,))]
        return [result for a in articles for result in find_entities_many([a], batch_size=batch_size)]


def _recognise(nlp: Language, articles: Sequence[Article], batch_size: int) -> list[tuple[Entity, ...]]:
    all_parts = [article_parts(a) for a in articles]
    docs = iter(_docs(nlp, [p for parts in all_parts for p in parts], batch_size))
    results = []
    for article, parts in zip(articles, all_parts, strict=True):
        article_docs = [next(docs) for _ in parts]
        results.append(entities_of_article(article, parts, article_docs))
    return results


def find_entities(article: Article) -> tuple[tuple[Entity, ...], tuple[str, ...]]:
    """The article's entities and notes on what could not be done."""
    (result,) = find_entities_many([article])
    return result.entities, result.notes
