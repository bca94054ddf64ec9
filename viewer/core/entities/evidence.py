"""Evidence in the article of what a name names: a company, a place, a brand or a person.

The small model often calls a company or a brand a person ("Vostra", a vodka, "Brenmoor Holdings").
English news says what a name names in the words around it, and those words are read here:

- what stands next to it: a description before it ("drinks firm X", "the town of X") or after
  it in an apposition ("X, a charity that ...", "X, 54,"), a company's legal form ("X plc"), a
  state or a province after a town ("X, Ont."), "X-based";
- how it is used: "shares in X", "to buy X", "X shares", "X's chief executive", "X's wife",
  "X's coast", a brand before its goods ("X vodka"), a place before its area ("the X area"),
  "the X's" (nobody writes "the" before a person's name), members of a list after their kind
  ("brands including A, B and X") or after a place preposition ("in A, B and X");
- what refers back to it: "X, which" against "X, who"; "its" against "he", "she", "his".

Each clue is a vote ``(label, weight)``; :func:`decide` weighs a name's votes against the
label the recogniser gave it. The words are tables in :mod:`viewer.core.lexicon`; no rule
names a company, a place or a person.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from viewer.core.corpus.agreement import label_kind
from viewer.core.entities.records import FoundMention, TextPart
from viewer.core.lexicon import (
    ADDRESS_FORMS,
    COMPANY_BEFORE,
    COMPANY_BEFORE_IN,
    COMPANY_BEFORE_OF,
    COMPANY_NOUNS_AFTER,
    COMPANY_POSSESSION_PHRASES,
    COMPANY_POSSESSIONS,
    COMPANY_SUFFIXES,
    COMPASS_WORDS,
    EVENT_HEADS,
    GOODS_NOUNS,
    GOODS_PHRASES,
    GROUP_PRONOUNS,
    LABEL_KINDS,
    LIST_OPENERS,
    NATURE_NOUNS_AFTER,
    ORGANISATION_HEADS,
    ORGANISATION_NOUNS,
    ORGANISATION_PHRASES,
    PERSON_POSSESSIONS,
    PERSON_PRONOUNS,
    PLACE_HEADS,
    PLACE_NOUNS,
    PLACE_NOUNS_AFTER,
    PLACE_PHRASES_AFTER,
    PLACE_POSSESSIONS,
    PLACE_PREPOSITIONS,
    ROLE_NOUNS,
    SHARED_ROLE_NOUNS,
    SPEECH_VERBS,
    STOP_ABBREVIATIONS,
    SUBORDINATORS,
    TEAM_NOUNS_AFTER,
    THING_PRONOUNS,
    WEAK_THING_PRONOUNS,
    WORK_NOUNS,
    word_set,
)

__all__ = [
    "NOT_PERSON",
    "Vote",
    "decide",
    "label_kind",
    "list_evidence",
    "mention_evidence",
    "name_evidence",
    "person_shaped",
]

Vote = tuple[str, float]
#: A vote that a name is not a person's, without saying what it is ("the X's", "X, which").
NOT_PERSON = "NOT_PERSON"
# Votes that a name is not a person's but a company's or a product's, unless it is a place's:
# what a company has, a place has too ("Acme shares", "UK shares"; "Acme cars", "US cars").
_NOT_PERSON_ORG = "NOT_PERSON:ORG"
_NOT_PERSON_PRODUCT = "NOT_PERSON:PRODUCT"

# Which labels are one kind of thing: evidence moves a name between kinds, never within one
# (a brand may be an organisation or a product, a building a place or a facility).
_KIND = LABEL_KINDS
# The label a kind takes when the evidence only says "not a person".
_DEFAULT_LABEL = {"body": "ORG", "place": "GPE", "event": "EVENT", "work": "WORK_OF_ART"}
#: Evidence at least this strong changes a name's type; weaker evidence leaves the model's.
ENOUGH = 1.0
#: What weak clues against the model's label add up to at most.
WEAK_LIMIT = 0.75

# Roles that only a person holds: evidence of a person before a name or in an apposition.
_PERSON_NOUNS = ROLE_NOUNS - SHARED_ROLE_NOUNS - ORGANISATION_NOUNS
_LOWER_WORD = re.compile(r"[a-z][\w-]*")
_DESCRIBED_NAME = re.compile(r"(?:\s+(?:[a-z][\w-]*|&)){0,3}\s+(?P<noun>[a-z][\w-]*)\s+[A-Z]")
_SUFFIX_AFTER = re.compile(r",?\s+(?P<word>[A-Za-z][A-Za-z.]{1,9})(?![\w-])")
_APPOSITION = re.compile(r",\s+(?:a|an|the|one\s+of(?:\s+the)?|its|their)\s+(?P<words>[^;:.()\"“”]{1,100})")
# Prepositions after which a name ends a phrase, or which open a sentence's introduction.
_GOVERNING = word_set("of for from in at with to on into near across through under over after during")
# Words that open a clause put before the sentence's subject: "When the nurse returned to X,
# the governor ordered ...": what follows the comma is the subject, no apposition of X.
_SUBORDINATORS = SUBORDINATORS | {"as"}
# Words that end the noun phrase of an apposition: its head noun stands before them.
_PARTICIPLE = re.compile(r"[a-z]{3,}(?:ing|ed)")
_PHRASE_ENDS = word_set(
    """that which who whose where when of in at for with from on to by based behind about after
    before under over near since during against between into through without like as the a an
    this these those is was are were has have had will would can could may might does did"""
)
# A competitor's country after the name in a list of results.
_COUNTRY_IN_BRACKETS = re.compile(r"\s+\((?P<inside>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\)")
_HANDLE_AFTER = re.compile(r":\s*@\w")
# A stock's ticker after a company's name: "Home Depot (ticker: HD)", "(NYSE: HD)", or after
# its possessive, "Lowe's (LOW) stock" (a bare "(CHI)" after a person is a country's code).
_TICKER_AFTER = re.compile(
    r"\s*\((?:(?:ticker|symbol|NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX)\s*:\s*[A-Z]{1,5}(?:\.[A-Z])?"
    r"|(?<=['’]s\s\()[A-Z]{1,5})\)"
)
_FOLLOW_ON = re.compile(r"\b[Ff]ollow\s+(?:him|her|them|us|me)\s+on\s+$")
# Two names sharing the noun after them: "the X and Dunmore area", "the X and Y regions".
_SHARED_PLACE_NOUN = re.compile(r"\s+(?:and|or)\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)?\s+(?P<noun>[a-z]+)\b")
_HANDLE_IN_BRACKETS = re.compile(r"\s+\(@\w+")
_AGE = re.compile(r",\s+\d{1,3}\s*,")
_RELATIVE = re.compile(r",\s+(?P<word>which|who|whose)\b")
_REGION_AFTER = re.compile(r",\s+(?P<abbr>[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2,3})(?=[\s,;:)—–-]|$)")
_ABBREVIATION_SHAPE = re.compile(r"[A-Z][a-z]{1,4}")
_AFTER_TOWN = re.compile(r"[A-Z][\w’'.-]*,\s+$")
# A name, its "'s" and a capitalised word before goods: one brand ("Brodie's Hill gin").
_BRAND_OF_GOODS = re.compile(r"['’]s\s+[A-Z][\w’'-]*\s+(?P<first>[a-z][\w-]*)(?:\s+(?P<second>[a-z][\w-]*))?")
_BASED = re.compile(r"-based\s+(?:[a-z][\w-]*\s+){0,2}?(?P<noun>[a-z]+)\b")
_CAPITAL_AFTER = re.compile(r" [A-Z]")
_POSSESSIVE_AFTER = re.compile(r"['’]s?\s+(?P<words>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)")
_NOUNS_AFTER = re.compile(r"\s+(?P<first>[a-z][\w-]*)(?:\s+(?P<second>[a-z][\w-]*))?")
_ROMAN = re.compile(r"[IVX]+")
# A closing quotation mark right after the name (a single one only after a comma or a full stop,
# else it is an apostrophe: "the Highlands' oldest").
_QUOTE_AFTER = re.compile(r"[,.!?]?[\"”]|[,.!?]['’]")
_WORK_BEFORE = re.compile(
    r"\b(?:his|her|their|its|my|our)\s+(?:[\w’'-]+\s+){0,2}(?P<noun>[a-z]+),\s+$", re.IGNORECASE
)
_THE_BEFORE = re.compile(r"(?:^|\W)[Tt]he\s+$")
_ENDS_NAME = re.compile(r"(?:['’]s?(?!\w)|[.,;:!?)]|\s*$)")
# The words after a name up to the end of its clause: a full stop, a comma, a quotation mark.
_CLAUSE = re.compile(r"[^.!?;,:\"“”‘’—–()]*")
_SENTENCE_START = re.compile(r".*(?:[.!?;]\s+|^)", re.DOTALL)
# Members of a list before the name: capitalised words, perhaps a lower-case noun after
# ("Harbour Gold rum"), each followed by a comma or "and".
_OPENER_ENDS = [[opener[-1]] for opener in LIST_OPENERS]
_LIST_JOIN = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_LIST_ITEMS = re.compile(
    r"(?:[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*){0,3}(?:\s+[a-z][\w-]*)?"
    r"(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+))+$"
)
# Words that open a noun phrase a later pronoun may refer to.
_CONTRACTED = re.compile(r"['’](?:s|d|ll|re|ve|m)$")
_DETERMINERS = word_set("the a an this that these those")
# Words after "shares" that make it a verb ("Lind shares her recipe").
_VERB_AFTER_SHARES = word_set("his her their its the a an my our your")


def name_evidence(name: str) -> tuple[Vote, ...]:
    """Votes from the words of the name itself: "Acme Holdings plc" is a company's, "Mill
    Square" a place's, a name ending in an acronym ("Harbour LRT", "Yellowhead MP") nobody's."""
    words = name.split()
    if len(words) < 2:
        return ()
    last = words[-1].casefold()
    if last in COMPANY_SUFFIXES or last in ORGANISATION_HEADS:
        return (("ORG", 2.0),)
    if last in PLACE_HEADS:
        return (("FAC", 2.0),)
    if last in EVENT_HEADS:
        return (("EVENT", 2.0),)
    last_word = words[-1]
    acronym = len(last_word) >= 2 and last_word.isupper() and last_word.isalpha()
    # (A name all in capitals, "ANA LINDQVIST", is a name shouted, unless its words are as short
    # as acronyms: "UCP MLA".)
    shouted = all(w.isupper() for w in words) and any(len(w.strip(".")) > 4 for w in words)
    if acronym and not _ROMAN.fullmatch(last_word) and not shouted:
        return ((NOT_PERSON, 2.0),)  # a person's name does not end in an acronym (but "III")
    return ()


def mention_evidence(text: str, start: int, end: int) -> tuple[Vote, ...]:
    """Votes from the words around the mention ``text[start:end]``."""
    left = text[max(0, start - 160) : start]
    right = text[end : end + 200]
    name = text[start:end]
    votes: list[Vote] = []
    if len(name) >= 3 and name.isupper() and name.isalpha() and _mixed_case(left + right):
        votes.append((NOT_PERSON, 1.0))  # an acronym in ordinary text, not a name in capitals
    votes.extend(_before(name, left, right))
    votes.extend(_after(text[start:end], left, right))
    if _listed(right):
        votes.append(("ORG", 2.0))  # a listed company
    # "albums include Ana Lind's Harbour Nights", "firms such as Norway's Kestrel": a name
    # before "'s" owns the member of the list.
    if not right.startswith(("'s", "’s")):
        votes.extend(_in_list(left))
    pronoun = _pronoun_after(left, right)
    if pronoun is not None:
        votes.append(pronoun)
    return tuple(votes)


def _listed(right: str) -> bool:
    """A stock's ticker follows the name, or its possessive: "(NYSE: HD)", "'s (LOW) stock"."""
    return _TICKER_AFTER.match(right) is not None or (
        right[:2] in ("'s", "’s") and _TICKER_AFTER.match(right, 2) is not None
    )


def _introduction(left: str) -> bool:
    """The sentence so far opens with a preposition ("In his book, ", "On a visit to ")."""
    sentence = left[_SENTENCE_START.match(left).end() :].split()  # type: ignore[union-attr]
    return bool(sentence) and sentence[0].casefold() in _GOVERNING


def _ends_fronted_clause(left: str) -> bool:
    """The name ends a clause put before the sentence's subject ("When the nurse returned to
    X, the governor ordered ..."): not the subject of that clause ("As X, the governor, said"),
    nor a name after the clause has ended ("Though it is small, both visited X, its capital")."""
    sentence = left[_SENTENCE_START.match(left).end() :]  # type: ignore[union-attr]
    words = sentence.split()
    return len(words) >= 3 and words[0].casefold() in _SUBORDINATORS and "," not in sentence


def person_shaped(name: str) -> bool:
    """Two to four capitalised words, no particle ("of"): the shape of a person's name."""
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def _is_acronym_of(short: str, name: str) -> bool:
    """ "Alva" for the Association of Leading Visitor Attractions."""
    initials = "".join(w[0] for w in name.split() if w[:1].isupper()).casefold()
    return short.casefold() == initials or short.casefold().startswith(initials)


def _mixed_case(text: str) -> bool:
    """Ordinary text: most of its letters lower case (not a headline in capitals)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 10 and sum(c.islower() for c in letters) >= len(letters) / 2


def _named_before(left: str) -> bool:
    """A capitalised word stands two words before the name: "Acme shares in X"."""
    words = left.split()
    return len(words) >= 3 and words[-3][:1].isupper()


def _modifies(right: str) -> bool:
    """The name modifies the description of another name ("UK drinks and food firm Acme"):
    the words before it are about that name, not about this one."""
    run = _DESCRIBED_NAME.match(right)
    return run is not None and run.group("noun") in ORGANISATION_NOUNS


def _before(name: str, left: str, right: str) -> list[Vote]:
    votes: list[Vote] = []
    words = left.split()[-3:]
    # "shares in UK Coal": part of a longer name; "shares in Norway's Kestrel": the owner of
    # what the words are about
    longer = _CAPITAL_AFTER.match(right) is not None or right.startswith(("'s", "’s", "-"))
    if words and left.endswith(" ") and words[-1].casefold() in ADDRESS_FORMS:
        votes.append(("PERSON", 2.0))  # Ms X (a form of address the cleaning cut off)
    if (
        words
        and left.endswith(" ")
        and _LOWER_WORD.fullmatch(words[-1])
        and not _modifies(right)
        and not longer
    ):
        last = words[-1]
        before_last = words[-2].casefold() if len(words) >= 2 else ""
        if (before_last, last) in ORGANISATION_PHRASES or last in ORGANISATION_NOUNS:
            votes.append(("ORG", 2.0))  # drinks firm X, market leader X
        elif last in _PERSON_NOUNS:
            votes.append(("PERSON", 0.75))  # spokeswoman X
        elif last in COMPANY_BEFORE:
            votes.append((_NOT_PERSON_ORG, 1.0))  # to buy X (a company, or "to buy US bonds")
        elif last == "in" and before_last in COMPANY_BEFORE_IN and not _named_before(left):
            votes.append(("ORG", 1.5))  # shares in X (not "Acme shares in London")
        elif last == "of" and before_last in COMPANY_BEFORE_OF:
            votes.append(("ORG", 1.5))  # a takeover of X
        elif last == "of" and before_last in PLACE_NOUNS:
            votes.append(("GPE", 2.0))  # the town of X, the islands of X
        elif last == "at" and before_last in ROLE_NOUNS and not right.startswith(("'", "’")):
            votes.append(("ORG", 1.0))  # a researcher at X
        elif last in PLACE_PREPOSITIONS and not right.startswith(("'", "’")):
            votes.append(("GPE", 0.75))  # in X
    quoted = _QUOTE_AFTER.match(right) is not None  # in a title: "The Day of the Lind,"
    if (
        left[-4:] in ("the ", "The ")
        and _THE_BEFORE.search(left[-5:])
        and _ENDS_NAME.match(right)
        and not quoted
    ):
        # the X's, with the X. ("the Johnny Carson of anything": weak for a person's shape)
        votes.append((NOT_PERSON, 0.75 if person_shaped(name) else 1.0))
    introduced = _introduction(left)  # "In his book, X writes": the comma ends an introduction
    work = (
        _WORK_BEFORE.search(left, max(0, len(left) - 60)) if left.endswith(", ") and not introduced else None
    )
    # "her new cookbook, X"; not "the director of the film, X", where X is the director
    if work is not None and work.group("noun").casefold() in WORK_NOUNS:
        votes.append(("WORK_OF_ART", 2.0))  # her new cookbook, X
    return votes


def _after(name: str, left: str, right: str) -> list[Vote]:
    votes: list[Vote] = []
    suffix = _SUFFIX_AFTER.match(right)
    if suffix is not None and suffix.group("word").casefold() in COMPANY_SUFFIXES:
        votes.append(("ORG", 2.0))  # X Ltd, X, Inc.
    based = _BASED.match(right)
    if based is not None and (based.group("noun") in ORGANISATION_NOUNS or based.group("noun") in ROLE_NOUNS):
        votes.append(("GPE", 2.0))  # an X-based firm, an X-based reporter (not an X-based system)
    # After "of", "for" ... the name ends a phrase ("the MLA for X, who"), and what follows
    # the comma may be about the phrase's head.
    # After "of", "to" ... the name ends a phrase ("the MLA for X, who"; "On a visit to X, the
    # actor said"): what follows the comma may be about the phrase's head or the sentence's
    # subject, not about the name.
    before = [w.casefold() for w in left.split()[-1:]]
    governed = (bool(before) and before[0] in _GOVERNING) or _introduction(left) or _ends_fronted_clause(left)
    # A name between commas is itself an apposition or a list's member ("the finance
    # director, Ana Lind, the council said"): what follows the second comma is the clause's.
    governed = governed or left.rstrip().endswith(",")
    relative = _RELATIVE.match(right)
    if relative is not None and not governed:
        # "X, which" may be about a noun before X ("a trumpet that belonged to X, which is
        # expected to fetch ..."), and "who" is said of bands and teams: weak votes.
        votes.append((NOT_PERSON, 0.75) if relative.group("word") == "which" else ("PERSON", 0.75))
    if _AGE.match(right):
        votes.append(("PERSON", 2.0))  # X, 54, said
    apposition = _APPOSITION.match(right)
    if apposition is not None and not governed:
        opens_clause = not left.strip() or left.rstrip()[-1] in "\"”’'.!?;:"
        vote = _description(apposition.group("words"), opens_clause=opens_clause)
        if vote is not None:
            votes.append(vote)
    if _HANDLE_AFTER.match(right) or _FOLLOW_ON.search(left[-30:]):
        votes.append(("ORG", 2.0))  # a service: "Follow her on X: @annlee"
    shared = _SHARED_PLACE_NOUN.match(right)
    if shared is not None and shared.group("noun") in PLACE_NOUNS_AFTER:
        votes.append(("GPE", 1.5))  # the X and Dunmore area
    if _HANDLE_IN_BRACKETS.match(right) and " " in name:
        votes.append(("PERSON", 1.0))  # a post's author: "— Ana Lind (@analind) May 2, 2019"
    bracket = _COUNTRY_IN_BRACKETS.match(right)
    if bracket is not None and person_shaped(name) and not _is_acronym_of(bracket.group("inside"), name):
        votes.append(("PERSON", 1.0))  # results: "Ana Dorn (Chile) beat ..."
    region = _REGION_AFTER.match(right)
    if region is not None and region.group("abbr").rstrip(".").casefold() not in STOP_ABBREVIATIONS:
        votes.append(("GPE", 1.5))  # X, Ont.
    if (
        _ABBREVIATION_SHAPE.fullmatch(name)
        and right.startswith(".")
        and _AFTER_TOWN.search(left)
        and name.casefold() not in STOP_ABBREVIATIONS
    ):
        votes.append(("GPE", 2.0))  # the "Ont." of "Milton, Ont."
    if _BRAND_OF_GOODS.match(right) and _goods(_BRAND_OF_GOODS.match(right)):  # type: ignore[arg-type]
        votes.append((_NOT_PERSON_PRODUCT, 1.5))  # "Jacob's Creek wine": one brand
    owned = _POSSESSIVE_AFTER.match(right)
    if owned is not None:
        vote = _possession(owned.group("words").split())
        if vote is not None:
            votes.append(vote)
    elif (nouns := _NOUNS_AFTER.match(right)) is not None:
        vote = _noun_after(nouns.group("first"), nouns.group("second") or "")
        if vote is not None:
            votes.append(vote)
    return votes


def _description(words_text: str, *, opens_clause: bool) -> Vote | None:
    """The kind the head noun of an apposition gives (the last word of its noun phrase, which
    ends before "of", "that", "in" ...): "a non-profit, multi-service agency that ..." an
    organisation, "one of the region's fishing villages" a place, "the chief executive of ..."
    a person. A lone adjective before a comma ("a non-profit,") passes on to what follows.

    A phrase followed by a verb of saying is the apposition's only when the name opens its
    clause ('..." Ana Lind, the firm's economist, told ...'); after a name ending a clause it
    is who said it ("... in Carrow, a spokesman said")."""
    phrase: list[str] = []
    previous = ""
    for raw in words_text.split()[:14]:
        word = raw.casefold().strip(",")
        if raw[:1].isupper() or (word in {"of", "and", "&"} and previous[:1].isupper()):
            previous = raw  # a name inside the description: "a University of Michigan librarian"
            continue
        if phrase and word in SPEECH_VERBS and not opens_clause:
            return None
        if phrase and (word in _PHRASE_ENDS or word in SPEECH_VERBS or _PARTICIPLE.fullmatch(word)):
            break  # "the BBC's futurologist told ...", "the man behind the group", "... working"
        phrase.append(raw.casefold())
        previous = raw
    for segment in (s.split() for s in " ".join(phrase).split(",")):
        if not segment:
            return None
        head = segment[-1]
        if head in ORGANISATION_NOUNS:
            return ("ORG", 2.0)
        if head in PLACE_NOUNS:
            return ("GPE", 2.0)
        if head in _PERSON_NOUNS or (head.endswith("s") and head[:-1] in _PERSON_NOUNS):
            return ("PERSON", 1.5)
        if len(segment) > 1:
            return None
    return None


def _possession(words: list[str]) -> Vote | None:
    first = words[0]
    second = words[1] if len(words) > 1 else ""
    if (first, second) in COMPANY_POSSESSION_PHRASES or first in COMPANY_POSSESSIONS:
        return (_NOT_PERSON_ORG, 1.5)  # X's chief executive, X's shares (a place's too)
    if first in PERSON_POSSESSIONS:
        return ("PERSON", 1.5)  # X's wife
    if first in PLACE_POSSESSIONS or (first in COMPASS_WORDS and second in PLACE_POSSESSIONS):
        return ("GPE", 1.5)  # X's west coast
    return None


def _goods(words: re.Match[str]) -> bool:
    first, second = words.group("first"), words.group("second") or ""
    return (first, second) in GOODS_PHRASES or first in GOODS_NOUNS


def _noun_after(first: str, second: str) -> Vote | None:
    if (first, second) in GOODS_PHRASES or first in GOODS_NOUNS:
        return (_NOT_PERSON_PRODUCT, 1.5)  # X vodka, X ice cream (a place's too: "US cars")
    if (first, second) in PLACE_PHRASES_AFTER:
        return ("FAC", 1.5)  # the X shopping centre
    if first in COMPANY_NOUNS_AFTER and second not in _VERB_AFTER_SHARES:
        return (_NOT_PERSON_ORG, 1.5)  # X shares fell (a place's too: "UK shares")
    place = "GPE" if first in PLACE_NOUNS_AFTER else "LOC" if first in NATURE_NOUNS_AFTER else None
    if place is not None:
        return (place, 1.5)  # the X area (GPE), the X river (LOC)
    if first in TEAM_NOUNS_AFTER:
        return (_NOT_PERSON_ORG, 1.5)  # X captain Lee Marsh, the X side (a team, named for a place)
    return None


def _in_list(left: str) -> list[Vote]:
    """A member of a list takes the kind its opening says: "brands including A, B and X",
    "chains such as X"."""
    if not left.endswith((", ", " and ", " or ")) and left.split()[-1:] not in _OPENER_ENDS:
        return []  # cheap test first: most names stand in no list
    sentence = left[_SENTENCE_START.match(left).end() :]  # type: ignore[union-attr]
    items = _LIST_ITEMS.search(sentence)
    listed = items is not None and items.start() > 0
    if listed and items is not None:
        opening = sentence[: items.start()].split()
    elif sentence.endswith(" ") and sentence.split() and not sentence.split()[-1][:1].isupper():
        opening = sentence.split()  # the first member
    else:
        return []
    for opener in LIST_OPENERS:
        size = len(opener)
        if tuple(w.casefold() for w in opening[-size:]) == opener and len(opening) > size:
            kind = opening[-size - 1].casefold()
            if not kind.endswith("s"):
                return []  # a list's kind is plural ("brands including"): not "the studio include"
            if kind in ORGANISATION_NOUNS:
                return [("ORG", 1.5)]
            if kind in PLACE_NOUNS:
                return [("GPE", 1.5)]
            if kind[:-1] in _PERSON_NOUNS:
                return [("PERSON", 0.75)]  # weak: "dot.com survivors such as X"
            return []
    return []


def _pronoun_after(left: str, right: str) -> Vote | None:
    """The first pronoun after the name in its sentence, when the name is the sentence's first
    name (likely its subject) and no other name or noun phrase stands between: "X said its
    ...", "X ... he". Alone it is too weak to change a type."""
    sentence_start = left[_SENTENCE_START.match(left).end() :]  # type: ignore[union-attr]
    if any(w[:1].isupper() for w in sentence_start.split()[1:]):
        return None  # another name before it in the sentence
    rest = _CLAUSE.match(right).group()  # type: ignore[union-attr]
    for raw in rest.split()[:14]:
        if raw[:1].isupper():
            return None  # another name first
        word = _CONTRACTED.sub("", raw.casefold())  # "she's" is "she"
        if word in _DETERMINERS:
            return None  # "X said the school ... its": the pronoun may be the noun's
        if word in THING_PRONOUNS:
            return (_NOT_PERSON_ORG, 0.75)  # a company's or a place's
        if word in WEAK_THING_PRONOUNS:
            return None  # "it" is as often about nothing ("make it clear") as about the name
        if word in PERSON_PRONOUNS:
            return ("PERSON", 0.75)
        if word in GROUP_PRONOUNS:
            return (NOT_PERSON, 0.5)  # a team or a group: "X made up for lost time in their ..."
    return None


def list_evidence(found: Sequence[FoundMention], part: TextPart) -> list[FoundMention]:
    """A list of three names or more after "in" ("rallies in Alder Bay, Brook, Carrow and
    Dunmore") is a list of places when the recogniser saw no other person in it: a person's
    name there gets a vote for a place. ``found`` are the mentions of one part, in order.

    (The other members' labels alone are no evidence: the model mislabels lists together.)"""
    runs: list[list[int]] = [[0]] if found else []
    for i in range(1, len(found)):
        between = part.text[found[i - 1].mention.end - part.offset : found[i].mention.start - part.offset]
        if _LIST_JOIN.fullmatch(between):
            runs[-1].append(i)
        else:
            runs.append([i])
    out = list(found)
    for run in runs:
        if len(run) < 3:
            continue
        last = found[run[-1]]
        joined = part.text[found[run[-2]].mention.end - part.offset : last.mention.start - part.offset]
        if " and " not in f" {joined} " and " or " not in f" {joined} ":
            continue  # "in Raleigh, Carolina, Lind remarked": no list without "and" before its last
        opening = part.text[: found[run[0]].mention.start - part.offset].split()[-1:]
        after_place = bool(opening) and opening[0] in PLACE_PREPOSITIONS  # lower case: a list
        for i in run:
            others = {found[j].label for j in run if j != i}
            if after_place and found[i].label == "PERSON" and "PERSON" not in others:
                vote: Vote = ("GPE", 1.0)  # "sessions in Alder Bay, Brook and Dunmore": no person there
                out[i] = replace(found[i], evidence=(*found[i].evidence, vote))
    return out


def decide(label: str, votes: Iterable[Vote]) -> tuple[str, float]:
    """The type of a name the recogniser labelled ``label``, after the article's evidence,
    and how strongly the evidence holds it (0 when it says nothing either way).

    The evidence moves a name to another kind (person, organisation or brand, place ...) only
    when it is at least :data:`ENOUGH` and twice what speaks for the model's kind. Weak clues
    (a pronoun, "in X", ", which") back the model's kind fully, but against it they add up to
    :data:`WEAK_LIMIT` at most: alone, however many, they never change a type.
    """
    kind = _KIND.get(label)
    if kind is None:
        return label, 0.0
    strong: dict[str, float] = defaultdict(float)
    weak: dict[str, float] = defaultdict(float)
    labels: dict[str, float] = defaultdict(float)
    for vote_label, weight in votes:
        against_person = vote_label.startswith(NOT_PERSON)
        if against_person and kind != "person":
            continue  # "not a person" says nothing against an organisation or a place
        hint = vote_label.removeprefix(NOT_PERSON + ":") if against_person else vote_label
        vote_kind = _KIND.get(hint, NOT_PERSON if against_person else None)  # "UK shares": a body
        if vote_kind is None:
            continue
        (strong if weight >= ENOUGH else weak)[vote_kind] += weight
        labels[hint] += weight
    own = strong[kind] + weak[kind]
    rivals = {k: strong[k] + min(weak[k], WEAK_LIMIT) for k in ("body", "place", "person", "event", "work")}
    rivals.pop(kind)
    if kind == "person":
        # A plain "not a person" joins what else the evidence says it is, a body if nothing.
        other = max(rivals, key=lambda k: rivals[k])
        rivals[other] = strong[other] + strong[NOT_PERSON] + min(weak[other] + weak[NOT_PERSON], WEAK_LIMIT)
    if not any(rivals.values()):
        return label, own
    best = max(rivals, key=lambda k: rivals[k])  # on a tie the first listed: a body
    against = rivals[best]
    if against >= ENOUGH and against >= 2 * own:
        candidates = [lab for lab in labels if _KIND.get(lab) == best]
        new_label = max(candidates, key=lambda lab: labels[lab]) if candidates else _DEFAULT_LABEL[best]
        return new_label, against - own
    return label, max(0.0, own - against)
