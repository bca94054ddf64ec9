"""Clustering: the variants of one entity in one article become one :class:`Entity`.

A surname joins the one full name ending with it, a first word the one organisation starting
with it, a first name the one person who has it, an acronym the spelled-out form the article
defines for it (or, undefined, the one name whose initials it is), and a long organisation's
name written once with a word dropped its full form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from viewer.core.corpus.agreement import name_key
from viewer.core.entities.evidence import decide, name_evidence, person_shaped
from viewer.core.entities.kinds import kind_of_name, vote
from viewer.core.entities.records import (
    FoundMention,
    TextPart,
    reading_order,
    taken_spans,
    text_place,
)
from viewer.core.lexicon import ACRONYM_MINOR_WORDS, COMPANY_SUFFIXES, is_acronym, relative_of, spells
from viewer.core.model import Entity, Mention

# Labels of amounts and times, which no acronym stands for.
_NOT_NAMES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,9})\s*\)")


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
        if before.endswith(("'s", "’s")):
            before = before[:-2]  # "Deutsche Boerse's (DB) shares": the owner is the name
        if not before[-1:].isalnum():
            continue  # "(HB)" after a full stop or a comma defines nothing
        words = list(re.finditer(r"[^\W_][\w'’.]*", before))
        initials: list[tuple[str, int]] = []  # initial letter and the start of its word
        for word in reversed(words):
            if len(initials) >= len(letters):
                break
            if word.group().lower() in ACRONYM_MINOR_WORDS and initials:
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
                (p.group()[0].upper(), p.start())
                for p in pieces
                if p.group().lower() not in ACRONYM_MINOR_WORDS
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


def _name_rank(text: str) -> tuple[int, int, bool]:
    """Fullest first: most words, then most characters, then not written in capitals."""
    return (len(text.split()), len(text), not text.isupper())


def merge_mentions(found: Sequence[FoundMention], parts: Sequence[TextPart] = ()) -> tuple[Entity, ...]:
    """One :class:`Entity` per real-world entity from the cleaned mentions of one article.

    Each surface form is typed by vote over its mentions, then by the article's evidence; a
    surname joins the only full person's name ending with it (a first name alone never joins,
    an ambiguous surname stays apart); a single word joins the only organisation whose name
    starts with it; an acronym joins the spelled-out form ``parts`` define for it.
    """
    return tuple(entity for entity, _ in typed_entities(found, parts))


def _typed(label: str, name: str, found: Iterable[FoundMention]) -> tuple[str, float]:
    """The label the recogniser's votes gave, weighed against the article's evidence."""
    votes = [v for f in found for v in f.evidence]
    votes.extend(name_evidence(name))
    return decide(label, votes)


def typed_entities(
    found: Sequence[FoundMention], parts: Sequence[TextPart] = ()
) -> list[tuple[Entity, float]]:
    """:func:`merge_mentions` with, for each entity, how strongly the article's own evidence
    holds its type (0 when the words around it say nothing)."""
    found = sorted(found, key=reading_order)
    found = _add_acronym_mentions(found, parts)
    by_key: dict[str, list[FoundMention]] = {}
    for f in found:
        by_key.setdefault(f.key, []).append(f)
    voted = {k: vote((f.label, f.weight) for f in fs) for k, fs in by_key.items()}
    group_type = {k: _typed(label, by_key[k][0].text, by_key[k])[0] for k, label in voted.items()}
    retyped = {k for k, label in group_type.items() if label != voted[k]}
    groups = _Groups(by_key)
    relabel: dict[str, str] = {}

    _join_spellings(parts, by_key, groups)
    _join_middle_initials(by_key, group_type, groups)

    persons = [k for k in by_key if group_type[k] == "PERSON" and len(k.split()) > 1]
    _join_surnames(by_key, group_type, persons, groups, relabel)
    _join_mistyped_full_names(by_key, group_type, persons, groups, relabel)

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
        owners = _owners_of_short_name(key, organisations, groups)
        if not owners and key in retyped and not any(p.split()[-1] == key for p in persons):
            # The article's evidence made the word a company's: the full name the model took
            # for a person's is that company's ("Harbour shares" ... "Harbour Lind").
            owners = {groups.root(p) for p in persons if p.split()[0] == key}
            if len(owners) == 1:
                groups.join(key, owners.pop())
            continue
        if len(owners) == 1:
            groups.join(key, owners.pop())
            relabel[key] = "ORG"
        elif owners and group_type[key] == "PERSON" and not any(key in p.split() for p in persons):
            # The short form of several organisations' names ("Harbour" of "Harbour Media" and
            # "Harbour Holdings"), in no person's name: an organisation's, whichever it is.
            relabel[key] = "ORG"

    # A first name joins the one full name that starts with it ("Joe" -> "Joe Biden") when
    # no other person in the article has it, as first or last name.
    for key, mentions in by_key.items():
        if " " in key or group_type[key] != "PERSON" or groups.root(key) != key:
            continue
        if any(groups.root(k) == key for k in by_key if k != key):
            continue
        owners = {groups.root(p) for p in persons if p.split()[0] == key}
        elsewhere = any(p.split()[-1] == key for p in persons)
        if len(owners) == 1 and not elsewhere:
            owner = owners.pop()
            if not _relative_apart(mentions, owner, parts):
                groups.join(key, owner)

    _join_undefined_acronyms(by_key, group_type, groups)

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
        fs.sort(key=reading_order)
        surfaces = list(dict.fromkeys(f.text for f in fs))
        name = max(surfaces, key=_name_rank)
        label, strength = _typed(vote((relabel.get(f.key, f.label), f.weight) for f in fs), name, fs)
        label = kind_of_name(name, label)
        variants = (name, *(s for s in surfaces if s != name))
        entity = Entity(name, label, variants, tuple(f.mention for f in fs))
        entities.append((reading_order(fs[0]), entity, strength))
    entities.sort(key=lambda triple: triple[0])
    return [(e, strength) for _, e, strength in entities]


def _relative_apart(mentions: Sequence[FoundMention], full: str, parts: Sequence[TextPart]) -> bool:
    """A first name some mention gives as the relative of someone of another surname than
    ``full``'s ("Spindler's father, Joseph" beside "Joseph Boinnet"): another person."""
    texts = {text_place(p.where, p.index, p.field): p for p in parts if p.field != "credit"}
    for f in mentions:
        m = f.mention
        part = texts.get(text_place(m.where, m.index, m.field))
        owner = relative_of(part.text[: m.start - part.offset]) if part is not None else None
        if owner is not None and name_key(owner) != full.rsplit(maxsplit=1)[-1]:
            return True
    return False


def _join_spellings(
    parts: Sequence[TextPart], by_key: dict[str, list[FoundMention]], groups: _Groups
) -> None:
    """Two spellings of one name: an acronym and the words it is defined for, a name with and
    without its abbreviation's full stop."""
    _join_defined_acronyms(parts, by_key, groups)
    _join_full_stop_forms(by_key, groups)


def _join_surnames(
    by_key: dict[str, list[FoundMention]],
    group_type: dict[str, str],
    persons: list[str],
    groups: _Groups,
    relabel: dict[str, str],
) -> None:
    """Surnames join the unique full name ending with them; longest names first."""
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
        elif owners and len(words) == 1 and group_type[key] == "ORG":
            # The surname of two people of the article ("Kim Varga", "Ray Varga"): a
            # person's, whichever it is, not the organisation the recogniser took it for.
            relabel[key] = "PERSON"


def _join_middle_initials(
    by_key: dict[str, list[FoundMention]], group_type: dict[str, str], groups: _Groups
) -> None:
    """A person's name with and without a middle initial ("Ada K. Lind", "Ada Lind") is one
    name, when no other person's name of the article drops to the same words."""
    shorter: dict[str, set[str]] = {}
    for key in by_key:
        words = key.split()
        if group_type[key] != "PERSON" or len(words) < 3:
            continue
        kept = [w for w in words[1:-1] if not re.fullmatch(r"\w\.?", w)]
        if len(kept) < len(words) - 2:
            plain = " ".join([words[0], *kept, words[-1]])
            if plain in by_key and group_type[plain] == "PERSON":
                shorter.setdefault(plain, set()).add(key)
    for plain, fuller in shorter.items():
        if len(fuller) == 1:
            groups.join(plain, fuller.pop())


def _owners_of_short_name(key: str, organisations: list[str], groups: _Groups) -> set[str]:
    """The organisations a one-word name may be short for: the one whose suffix it stands
    before ("Disney" of "Walt Disney Co."), before those that merely start with it ("Disney
    Channel")."""
    named = {groups.root(o) for o in organisations if _short_name(o) == key}
    return named or {groups.root(o) for o in organisations if o.split()[0] == key}


def _join_full_stop_forms(by_key: dict[str, list[FoundMention]], groups: _Groups) -> None:
    """One name with and without its abbreviation's full stop ("Walt Disney Co." in the text,
    "Walt Disney Co" in a credit that lost it)."""
    for key in by_key:
        if key.endswith(".") and key[:-1] in by_key:
            groups.join(key[:-1], key)


def _short_name(key: str) -> str | None:
    """The word before a company suffix, as a key ("disney" of "walt disney co."), or ``None``."""
    words = key.split()
    if len(words) >= 3 and words[-1] in COMPANY_SUFFIXES:
        return words[-2]
    return None


def _join_mistyped_full_names(
    by_key: dict[str, list[FoundMention]],
    group_type: dict[str, str],
    persons: list[str],
    groups: _Groups,
    relabel: dict[str, str],
) -> None:
    """A surname the article itself shows is a person's ("Ms Fiorina said") ends the one name
    of a person's shape the recogniser took for something else, with no evidence of its own
    ("according to Carly Fiorina, chief of ..."): the same person."""
    for key, mentions in by_key.items():
        if " " in key or group_type[key] != "PERSON" or groups.root(key) != key:
            continue
        if not any(label == "PERSON" for f in mentions for label, _ in f.evidence):
            continue
        owners = {
            o
            for o in by_key
            if group_type[o] != "PERSON"
            and o.split()[-1] == key
            and person_shaped(by_key[o][0].text)
            and not name_evidence(by_key[o][0].text)
            and not any(f.evidence for f in by_key[o])
        }
        if len(owners) == 1 and not any(p.split()[-1] == key for p in persons):
            owner = owners.pop()
            groups.join(key, groups.root(owner))
            relabel[key] = relabel[owner] = "PERSON"


def _join_defined_acronyms(
    parts: Sequence[TextPart], by_key: dict[str, list[FoundMention]], groups: _Groups
) -> None:
    """Acronyms defined in the text join their spelled-out form."""
    for part in parts:
        for start, end, acronym in find_acronym_definitions(part.text):
            long_key, short_key = name_key(part.text[start:end]), name_key(acronym)
            if long_key in by_key and short_key in by_key:
                groups.join(short_key, long_key)


def _join_undefined_acronyms(
    by_key: dict[str, list[FoundMention]], group_type: dict[str, str], groups: _Groups
) -> None:
    """An acronym the article never defines is the one name of several words whose initials
    it is ("WSJ" after "Wall Street Journal", "UN" after "United Nations"), of its own type."""
    for key, mentions in by_key.items():
        acronym = mentions[0].text
        if not is_acronym(acronym) or groups.root(key) != key or group_type[key] in _NOT_NAMES:
            continue
        owners = {
            groups.root(k)
            for k, fs in by_key.items()
            if k != key and " " in k and group_type[k] == group_type[key] and spells(acronym, fs[0].text)
        }
        if len(owners) == 1:
            groups.join(key, owners.pop())


def _shortened(short: str, long: str) -> bool:
    """``short`` is ``long`` with one or two inner words left out: same first and last word,
    its words in the same order."""
    a, b = short.split(), long.split()
    if not 0 < len(b) - len(a) <= 2 or a[0] != b[0] or a[-1] != b[-1]:
        return False
    rest = iter(b)
    return all(word in rest for word in a)


def _add_acronym_mentions(found: list[FoundMention], parts: Sequence[TextPart]) -> list[FoundMention]:
    """Where only one side of a defined acronym was recognised, locate the other side too:
    the spelled-out form at its definition, the acronym wherever it stands as a word."""
    keys = {f.key: f for f in found}
    extra: list[FoundMention] = []
    for part in parts:
        for start, end, acronym in find_acronym_definitions(part.text):
            long_text = part.text[start:end]
            long_f, short_f = keys.get(name_key(long_text)), keys.get(name_key(acronym))
            if long_f is not None and short_f is None:
                pattern = re.compile(rf"(?<!\w){re.escape(acronym)}(?!\w)")
                for other in parts:
                    for match in pattern.finditer(other.text):
                        a, b = other.offset + match.start(), other.offset + match.end()
                        mention = Mention(other.where, other.index, a, b, other.field)
                        extra.append(FoundMention(acronym, long_f.label, mention))
                keys[name_key(acronym)] = long_f
            elif short_f is not None and long_f is None:
                a, b = part.offset + start, part.offset + end
                mention = Mention(part.where, part.index, a, b, part.field)
                extra.append(FoundMention(long_text, short_f.label, mention))
                keys[name_key(long_text)] = short_f
    if not extra:
        return found
    taken = taken_spans(found)
    added = []
    for f in extra:
        spans = taken.setdefault(text_place(f.mention.where, f.mention.index, f.mention.field), [])
        if not any(a < f.mention.end and f.mention.start < b for a, b in spans):
            spans.append((f.mention.start, f.mention.end))
            added.append(f)
    return sorted([*found, *added], key=reading_order)
