"""Who a quote's attribution names: a name, a pronoun or a description, resolved to the
fullest name the article gives.

Pronouns go to the nearest earlier person who was the subject of a sentence (of a matching
gender when the article shows it), never to a name inside the attribution's own sentence
("Asked about X, he said" is not X). Descriptions go to the person with that role ("the
spokesman"), the organisation with that word in its name ("the ministry"), or whoever issued
the document ("the statement" -> the body that published it).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from viewer.core.lexicon import (
    CALENDAR_WORDS,
    DETERMINERS,
    GENDERED_ROLES,
    HONORIFICS,
    NEW_REFERENT,
    ROLE_NOUNS,
    SUBORDINATORS,
    inflected_reporting,
    relative_of,
    without_possessive,
    word_set,
)
from viewer.core.model import Article
from viewer.core.quotes.names import (
    ABBREVIATIONS,
    CUES,
    NAME_LINKS,
    PRONOUNS,
    TITLES,
    NameBook,
    NameRun,
    RoleQuery,
    is_org,
    looks_like_person,
    name_runs,
    role_after,
    role_before,
)

if TYPE_CHECKING:
    from viewer.core.names import SpeakerKinds

_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(A-Z0-9])")
_WORD_BEFORE_DOT = re.compile(r"([\w’'&-]+)\.$")  # "M&S." ends on a name, not an initial


def sentence_ends(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Where sentences end in ``text[start:end]``: (end of the last word's punctuation, start
    of the next sentence); a period after an abbreviation or an initial ("Rep.", "J.") is none."""
    stop = len(text) if end is None else end
    ends = _sentence_ends(text)
    first = bisect.bisect_left(ends, (start + 1, -1))
    found = []
    for a, b in ends[first:]:
        if b > stop:
            break
        found.append((a, b))
    return found


def clear_sentence_cache() -> None:
    _sentence_ends.cache_clear()
    _next_starts.cache_clear()


@functools.lru_cache(maxsize=1024)
def _sentence_ends(text: str) -> tuple[tuple[int, int], ...]:
    found = []
    for m in _SENTENCE_END.finditer(text):
        if text[m.start()] == ".":
            word = _WORD_BEFORE_DOT.search(text, max(0, m.start() - 20), m.start() + 1)
            if word and (
                len(word.group(1)) == 1 or word.group(1) in ABBREVIATIONS or word.group(1) in TITLES
            ):
                continue
        found.append((m.start() + 1, m.end()))
    return tuple(found)


WORDS = re.compile(r"[^\W_](?:[\w’'\-]*[^\W_])?")
DOC_NOUNS = word_set(
    """statement release post tweet letter report email e-mail message note memo filing document
    notice instructions announcement website video advertisement ad complaint lawsuit ruling
    decision order policy guidance update bulletin communique communiqué transcript
    press-release response reply petition motion judgment judgement study survey poll
    affidavit indictment proclamation blog"""
)
ORG_NOUNS = word_set(
    """company firm agency ministry department party government group organization organisation
    union board school university council commission police service office court city province
    state team club network newspaper paper bank hospital campaign committee administration
    embassy army military force forces institute association federation corporation airline
    authority regulator watchdog charity coalition league church diocese district unit division
    panel tribunal jury"""
)
GROUP_NOUNS = word_set(
    """police officials authorities prosecutors investigators government organizers organisers
    staff protesters residents critics experts analysts researchers scientists doctors lawyers
    sources aides"""
)
#: The records, counts and texts a report may rest on ("according to county records", "early
#: returns show"), as written (plurals too).
RECORD_NOUNS = word_set(
    """data figures numbers statistics records documents filings results returns count tally
    estimate estimates projections calculations analysis review audit research census polling
    polls index memoir book biography article summary readout excerpts cables minutes"""
)
#: What says something without being anyone: a document, or the records and figures a report
#: rests on ("city documents say", "a study found", "reports indicated"). A statement from one
#: is no voice: its speaker is whoever the article says wrote it, else nobody. ("The paper" is
#: a newspaper.)
DOCUMENT_NOUNS = (DOC_NOUNS - {"paper"}) | RECORD_NOUNS
#: A document's author in the words that name it or the rest of their sentence: "a study by
#: the Senate Finance Committee", "a report from the budget officer", "a study, which is
#: released Monday by Civic Action" (not "emails obtained by the Press": who holds it).
_AUTHOR = re.compile(
    r"\s*,?\s*(?:(?:which|that)\s+(?:is|was|were|are|has\s+been|had\s+been|will\s+be)\s+(?:being\s+)?)?"
    r"(?:(?:released|published|issued|commissioned|prepared|written|conducted|produced|compiled|"
    r"authored|carried\s+out|put\s+out|sent|signed)\s+(?:[\w-]+\s+){0,2}?)?(?:by|from)\s+(?:the\s+)?"
)
_RESEARCH = re.compile(r"\b(?:study|report|survey|analysis|review|audit|poll)\b")
_PROPER_WORD = re.compile(r"[A-Z][\w.&’'-]*")


def document_head(words: str) -> str | None:
    """The document noun ``words`` are headed by ("city documents", "A tweet last week", "an
    August report from the budget officer"), or ``None`` when they name anything else."""
    tokens = _head_part(words).split()
    # "Reports indicated ...": a noun alone may open its sentence.
    last = tokens[-1].lower() if len(tokens) == 1 else tokens[-1] if tokens else ""
    if not last.isalpha() or not last.islower():
        return None
    singular = last[:-1] if _plural(last) else last
    if last in ORG_NOUNS or singular in ORG_NOUNS:
        return None
    return last if last in DOCUMENT_NOUNS or singular in DOCUMENT_NOUNS else None


def _head_part(words: str) -> str:
    """The words of a description before what follows its noun ("the memo" of "the memo
    obtained by The Globe", "a person" of "a person familiar with the talks", "a guard" of "a
    guard present during the raid")."""
    return re.split(
        r",|\s+(?:by|from|of|in|for|on|at|with|during|which|that|who|last|this|obtained|seen|"
        r"reviewed|released|published|issued|sent|filed|posted|written|prepared|leaked|received|"
        r"shared|cited|present|familiar|close|involved|aware|speaking)\b",
        words,
        maxsplit=1,
    )[0]


def role_gender(role: str | None) -> str:
    """The gender a person's role says ("the daughter of a fisherman": "f"; "the victim's
    father": "m"), from the noun that heads it (:func:`_head_part`); "" when it says none
    ("the lawyer for the victim's mother" is headed by "lawyer")."""
    if not role or role.lower().split(maxsplit=1)[0] in ("whose", "and", "or", "with"):
        return ""  # "Ana Lind, whose husband ...", "Lind and his spokeswoman": another's role
    head = _head_part(role).split()
    return GENDERED_ROLES.get(head[-1].lower(), "") if head else ""


# An article opening a description: "the", "a", "an".
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _owned_body(subject: str) -> tuple[str, None] | None:
    """A body named by whose it is, "the US Trade Representative's Office", "the Prime
    Minister's Office": the whole name, not its last word alone ("the BBC's Lind" is Lind)."""
    runs = name_runs(subject)
    if len(runs) < 2 or " " in runs[-1].name or not is_org(runs[-1].name):
        return None
    if subject[runs[-2].end : runs[-1].start] not in ("'s ", "’s "):
        return None
    phrase = _proper_phrase(_ARTICLE.sub("", subject, count=1))
    return (phrase, None) if phrase is not None and phrase.endswith(runs[-1].name) else None


def _proper_phrase(text: str) -> str | None:
    """The capitalised name ``text`` starts with ("University of Calgary’s School of Public
    Policy"), or ``None``."""
    words: list[str] = []
    for token in text.split()[:10]:
        bare = token.rstrip('.,;:)”"')
        proper = _PROPER_WORD.fullmatch(bare) is not None and bare.lower() not in CALENDAR_WORDS
        if not (proper or (words and bare in NAME_LINKS)):
            break
        words.append(bare)
        if bare != token:
            break
    while words and words[-1] in NAME_LINKS:
        words.pop()
    return " ".join(words) or None


_AGENT = re.compile(
    r"\b(?:published|issued|released|posted|sent|signed|shared|put out|tweeted)\s+(?:on\s+\w+\s+)?by\s+"
    r"(?P<agent>(?:the\s+)?(?:[\w’'\-]+\s+){0,5}?[\w\-]+)(?=\s+(?:on|in|at|of|to|for|late|early|this|last|"
    r"yesterday|today|and|after|before|when|while)\b|[,.;:!?]|$)"
)
# A place's preposition or an article before a name: "in Kent", "the Clinton campaign", "a
# Golden Globe award" (a name that modifies a noun, no one's subject).
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|from|across|near|into|throughout|outside|inside|around|of|the|a|an|to)\s+$", re.IGNORECASE
)
_GENDERED = re.compile(r"\b(he|his|himself|she|hers|herself|it|its)\b", re.IGNORECASE)
_PARAGRAPH = 100_000  # an order is paragraph * _PARAGRAPH + offset
_NEAR = 3_000  # characters a description looks back for the person it stands for
#: "the mayor", "the former minister": one person described by a role.
_ROLE_DESCRIBED = re.compile(r"\b[Tt]he\s+([a-z-]+)(?:\s+([a-z]+))?")


@dataclass(frozen=True, slots=True)
class Attribution:
    """The words of an attribution that name the speaker, its cue, and where they stand."""

    subject: str  # "Lindqvist", "she", "the statement"; "" when the clause names nobody
    cue: str
    subject_start: int  # offsets of the subject in its paragraph (-1 when empty)
    subject_end: int
    #: Names in what was said: a pronoun that reports them is somebody else ("he said Ruiz
    #: had left" is not Ruiz speaking).
    named_inside: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Mention:
    order: int
    name: str
    subject_like: bool
    sentence: int  # order of the start of the mention's sentence


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` begins."""
    starts = _next_starts(text)
    k = bisect.bisect_right(starts, pos)
    return starts[k - 1] if k else 0


@functools.lru_cache(maxsize=1024)
def _next_starts(text: str) -> tuple[int, ...]:
    """Where each sentence of ``text`` starts, in order (0 first)."""
    return (0, *(nxt for _, nxt in _sentence_ends(text)))


def _inside(ranges: Sequence[tuple[int, int]], pos: int) -> bool:
    """``pos`` lies in one of the sorted, non-overlapping ``ranges``."""
    k = bisect.bisect_right(ranges, (pos, 1 << 62))
    return k > 0 and ranges[k - 1][0] <= pos < ranges[k - 1][1]


class SpeakerResolver:
    """Turns the words naming a speaker into the fullest name the article gives.

    ``quoted`` gives, per paragraph, the character ranges inside quotations: names there are
    what was said, not who said it.
    """

    def __init__(
        self,
        article: Article,
        book: NameBook,
        quoted: dict[int, list[tuple[int, int]]],
        kinds: SpeakerKinds | None = None,
    ) -> None:
        self.article = article
        self.book = book
        #: The casefolded words of parties and nationalities the recogniser found ("republican"),
        #: ``None`` without it.
        self.groups = kinds.group_words if kinds is not None else None
        #: The casefolded names the recogniser calls places: a country that speaks is no "he".
        self.places = kinds.places if kinds is not None else frozenset()
        can_speak = kinds.can_speak if kinds is not None else None
        self.mentions: list[_Mention] = []
        self.org_mentions: list[_Mention] = []
        self.genders: dict[str, dict[str, int]] = {}
        #: Who spoke where, as statements are attributed: (start, speaker, end), in text order.
        self.voices: list[tuple[int, str, int]] = []
        #: Subjects of a verb of saying, named, by paragraph: (order, fullest name), in text order.
        self._speakers_named: dict[int, list[tuple[int, str]]] = {}
        evidence: dict[str, int] = {}
        seen: list[tuple[_Mention, NameRun, str, bool]] = []
        for p, text in enumerate(article.paragraphs):
            ranges = sorted(quoted.get(p, []))
            for run in name_runs(text):
                if _inside(ranges, run.start) or (run.name.isupper() and text[run.end : run.end + 1] == ":"):
                    continue  # quoted words, or a "WATCH:" or "READ MORE:" line
                order = p * _PARAGRAPH + run.start
                full = book.fullest(run.name, order)
                sent = sentence_start(text, run.start)
                subject_like = _subject_like(text, run, sent)
                if subject_like and before_cue(text, run):
                    self._speakers_named.setdefault(p, []).append((order, full))
                # A concession's subject after another who speaks in the paragraph ("X said ...
                # Although Brennan has written that ..., the vote ...") is background.
                narrated = (
                    subject_like
                    and not _opens_reported(text, run, sent)
                    and not self.backgrounded(order, full)
                )
                mention = _Mention(order, full, narrated, p * _PARAGRAPH + sent)
                seen.append((mention, run, text, subject_like))
                evidence[full] = evidence.get(full, 0) + _person_evidence(text, run, full)
        for name, kind in book.kinds.items():
            if kind == "person-entity":
                evidence[name] = evidence.get(name, 0) + 3
            elif kind == "org":
                # The recogniser's "organisation" counts against a person: "she" is not
                # "Hewlett Packard", unless the article gives the name a role or a voice.
                evidence[name] = evidence.get(name, 0) - 2
        self.persons = {
            name
            for name, score in evidence.items()
            if (score >= 0 and looks_like_person(name, recognised=book.kinds.get(name) == "person-entity"))
            or (score >= 3 and len(name.split()) == 1 and not is_org(name))
        }
        self.can_speak = can_speak
        if can_speak is not None:
            # A place, a date or a work never stands behind "he" or "she".
            self.persons = {name for name in self.persons if can_speak(name)}
        for mention, run, text, subject_like in seen:
            if mention.name in self.persons:
                self.mentions.append(mention)
                if subject_like:
                    self._tally_gender(mention.name, text, run)
            elif (
                is_org(mention.name)
                or book.kinds.get(mention.name) == "org"
                or before_cue(text, run, own_sentence=False)
            ):
                self.org_mentions.append(mention)
        self._tally_roles()

    def _tally_roles(self) -> None:
        """A person's role that says man or woman ("the daughter of ...") counts as an honorific."""
        for name in self.persons:
            implied = role_gender(self.book.role_of(name))
            if implied:
                self.genders.setdefault(name, {"m": 0, "f": 0})[implied] += 2

    def _tally_gender(self, name: str, text: str, run: NameRun) -> None:
        counts = self.genders.setdefault(name, {"m": 0, "f": 0})
        if run.gender:
            counts[run.gender] += 3
        m = _GENDERED.search(text, run.end, run.end + 200)
        if m is None:
            return
        # With no name in between ("Victoria Wood slated Sacha Baron Cohen for his character":
        # "his" is not hers), within the mention's sentence or opening the next one.
        if name_runs(text[run.end : m.start()]):
            return
        word = m.group(1).lower()
        if word in ("he", "his", "himself"):
            counts["m"] += 1
        elif word in ("she", "hers", "herself"):
            counts["f"] += 1

    def someone_else(self, name: str, low: int, high: int, *, bodies: bool = False) -> bool:
        """Whether a person (with ``bodies``, an organisation) other than ``name`` is the
        subject of a sentence between orders ``low`` and ``high``."""
        pool = self.org_mentions if bodies else self.mentions
        return any(m.subject_like and m.name != name for m in _between(pool, low, high))

    def described_goes_on(self, voice: str, start: int, end: int, order: int, pronoun: str) -> bool:
        """``pronoun`` ("he", "she") at ``order`` goes on with ``voice``, someone described
        who spoke between orders ``start`` and ``end``: their role does not say otherwise, no
        person is named and nobody else speaks between them and the pronoun, and it is in the
        same paragraph or the next."""
        if self.is_person(voice) or not _one_described(voice, "m" if pronoun == "he" else "f"):
            return False
        if start // _PARAGRAPH < order // _PARAGRAPH - 1 or _between(self.mentions, start, order):
            return False
        return not any(end <= at < order for at, _, _ in self.voices)

    def spoke_last(self, order: int, pronoun: str) -> str | None:
        """Who spoke last before ``order``, in this paragraph or the one before, when
        ``pronoun`` can stand for them ("he", "she": a person; "it": a body): news goes on with
        a speaker ("Marlow said the fares would rise. She added ...")."""
        k = bisect.bisect_left(self.voices, (order, "", 0))
        if k == 0:
            return None
        spoke_at, name, end = self.voices[k - 1]
        if spoke_at // _PARAGRAPH < order // _PARAGRAPH - 1:
            return None
        want = "m" if pronoun == "he" else "f"
        # One described by a role ("a spokesman for the ballet", "a woman who ...") is a person
        # too: "he" or "she" goes on with them unless the role says otherwise.
        described = pronoun != "it" and not self.is_person(name) and _one_described(name, want)
        if not described and self.is_person(name) != (pronoun != "it"):
            return None
        if self.someone_else(name, end, order, bodies=pronoun == "it"):
            # "Marlow said ... Brennan, the treasurer, agreed. He said ...": not Marlow; "GroupM
            # said ... Rogers laid off staff in a move the company said ...": not GroupM.
            return None
        if pronoun == "it":
            # A body the article names or describes ("The mayor's office"), not people
            # described at the opening of a sentence ("Nine in 10 islanders say ...").
            last = name.split()[-1]
            return name if name[:1].isupper() and not (last.islower() and _plural(last)) else None
        return name if described or self.gender(name) == want else None  # the article called them so before

    def heard(self, start: int, end: int, speaker: str) -> None:
        """A statement between orders ``start`` and ``end`` was given to ``speaker``. One in a
        concession ("Although Brennan has written that ..., the vote ...") is background: the
        one a later "he said" goes on with is the paragraph's speaker, not its."""
        if not self.backgrounded(start, speaker):
            bisect.insort(self.voices, (start, speaker, end))

    def backgrounded(self, order: int, name: str) -> bool:
        """``order`` stands in a concession ("Although ...") after another speaker named in its
        paragraph ("X said ..."): what ``name`` says or does there is background, and no voice
        or subject a later "he said" goes on with."""
        p, at = divmod(order, _PARAGRAPH)
        if p >= len(self.article.paragraphs):
            return False
        text = self.article.paragraphs[p]
        opening = _CONCESSIVE.match(text, sentence_start(text, at))
        if opening is None or PHRASE_BREAK.search(text, opening.end(), at):
            return False  # no concession, or past its end ("While he does ..., Lusk admits")
        return any(a < order and v != name for a, v in self._speakers_named.get(p, ()))

    def is_person(self, name: str) -> bool:
        return name in self.persons

    def gender(self, name: str) -> str:
        counts = self.genders.get(name)
        if not counts or counts["m"] == counts["f"]:
            return ""
        return "m" if counts["m"] > counts["f"] else "f"

    def speaker(self, text: str, p: int, attribution: Attribution) -> tuple[str | None, str | None]:
        """The speaker's fullest name and stated role, or (None, None)."""
        subject = attribution.subject.strip()
        if not subject or subject.lower() == "you":
            return None, None  # news says "you" to its reader, who is no speaker in it
        order = p * _PARAGRAPH + max(attribution.subject_start, 0)
        if subject.lower() in PRONOUNS:
            found: tuple[str | None, str | None] | None = self._pronoun_speaker(text, p, attribution, order)
        else:
            found = (
                self._document_described(subject, order, p)
                or _titled(text, subject, attribution.subject_start)
                or _owned_body(subject)
            )
        if found is not None:
            return found
        runs = name_runs(subject)
        head = _modified_noun(subject, runs[-1]) if runs else None
        if head is not None:
            return self._name_as_modifier(subject, runs[-1], head, order, p)
        described = _ARTICLE.match(subject)
        full = self.book.fullest(runs[-1].name, order) if runs else ""
        if runs and described and full not in self.persons:
            return self._described_name(subject, runs[-1], full, order, p)
        if runs:
            run = runs[-1]
            name = clean_name(self.book.fullest(run.name, order))
            if self.can_speak is not None and not self.can_speak(name) and self.can_speak(run.name):
                name = run.name  # "Maddow" is not the "Rachel Maddow Show" named elsewhere
            elif _relative_named_apart(text[: attribution.subject_start + run.start], run.name, name):
                name = run.name  # "Spindler's father, Joseph," is not Joseph Boinnet
            role = run.role or role_before(text, attribution.subject_start + run.start)
            role = role or role_after(text, attribution.subject_end) or self.book.role_of(name)
            if role and role.endswith(("’s", "'s")):
                role = None
            return name, role
        return self.describe(subject, order, p)

    def _pronoun_speaker(
        self, text: str, p: int, attribution: Attribution, order: int
    ) -> tuple[str | None, str | None]:
        lowered = attribution.subject.strip().lower()
        sentence = p * _PARAGRAPH + sentence_start(text, max(attribution.subject_start, 0))
        name = self.antecedent(order, lowered, sentence, attribution.named_inside)
        gender = PRONOUNS[lowered]
        if name is not None and gender:
            # The article just called this person "he" or "she": remember it.
            self.genders.setdefault(name, {"m": 0, "f": 0})[gender] += 1
        return name, self.book.role_of(name) if name else None

    def _document_described(self, subject: str, order: int, p: int) -> tuple[str | None, None] | None:
        """ "the memo obtained by The Globe": a document, whose author speaks (the names after
        it are no speaker unless they wrote it, "a study by X"); ``None`` for anything else."""
        head_part = _head_part(subject)
        if head_part == subject or not document_head(subject) or name_runs(head_part):
            return None
        found = self.document_author(subject, "", order) or self.describe(head_part, order, p)[0]
        return (subject if found == head_part else found), None

    def _described_name(
        self, subject: str, run: NameRun, full: str, order: int, p: int
    ) -> tuple[str | None, str | None]:
        """A name after "the" or "a": "the Kentucky Republican said" is an epithet for someone
        already named; "the White House said" a body, kept as the article writes it; "the ECB
        said" the European Central Bank the article named."""
        if run.name.isupper() and full != run.name:
            return full, None
        if len(full.split()) > 1 and is_org(full) and not subject[run.end :].strip():
            return full, None  # "the Bank of England", "the province's Department of Health"
        # An epithet ends in a party or a nationality ("the Kentucky Republican", "the Briton");
        # "the Pentagon" or "the Argus Leader" is a body, whoever was named before, and "the
        # Democrats" are many.
        last = run.name.split()[-1]
        epithet = last.casefold() not in ROLE_NOUNS and (
            self.groups is None or (last.casefold() in self.groups and not _plural(last))
        )
        if epithet and not is_org(run.name) and self.book.kinds.get(run.name) != "org":
            name = self.antecedent(order, "he/she", order)
            if name is not None:
                return name, self.book.role_of(name)
        return self.describe(subject, order, p)

    def _name_as_modifier(
        self, subject: str, run: NameRun, head: str, order: int, p: int
    ) -> tuple[str | None, str | None]:
        """A name that modifies a noun is not who speaks: "Trudeau's office", "the Aldgate
        study" (whose author is Aldgate), "Harbour supporters" (people, as written)."""
        if head in DOC_NOUNS and not subject[run.end :].startswith(("’s", "'s")):
            author = self.book.fullest(run.name, order)
            if (
                len(author.split()) > 1
                or author in self.persons
                or is_org(author)
                or self.book.kinds.get(author)
            ):
                return author, None
            return subject, None  # "a Web video": no one's name
        if head in ROLE_NOUNS:
            return self.describe(subject, order, p)
        return subject, None

    def antecedent(
        self, order: int, pronoun: str, sentence: int, excluded: frozenset[str] = frozenset()
    ) -> str | None:
        """The person (or, for "it", the organisation) a pronoun most likely stands for, other
        than the ``excluded`` names."""
        if pronoun in ("i", "we", "they", "it"):
            return self._body_antecedent(order, sentence) if pronoun == "it" else None
        gender = PRONOUNS.get(pronoun, "")
        reporter = self._reporter(order, sentence, gender, excluded)
        if reporter is not None:
            return reporter
        # "He has worked on Finding Nemo. "...," he said": the "he" the sentence before opened
        # with goes on, not a name in what it said of him.
        while gender and (chained := self._opened_by(sentence, pronoun)) is not None:
            order = sentence = chained
        earlier = _between(self.mentions, order - 12 * _PARAGRAPH, sentence)
        for want_subject in (True, False):
            for m in reversed(earlier):
                if want_subject and (not m.subject_like or self._spoken_of(m, earlier, gender)):
                    continue
                if not want_subject and m.order < order - 2 * _PARAGRAPH:
                    break
                known = self.gender(m.name)
                if (gender and known and known != gender) or m.name in excluded:
                    continue
                name = m.name
                if want_subject and m.order // _PARAGRAPH < order // _PARAGRAPH:
                    name = self._nearer_person(m, earlier, order, gender, excluded).name
                passed = self._passed_over(name, order, gender) if gender else None
                if passed is None:
                    return name
                # The one who spoke since goes on, unless someone else became a subject.
                spoke_at, voice = passed
                if not voice or voice in excluded or self.someone_else(voice, spoke_at, order):
                    return None
                return voice
        return self._only_person_named(order, earlier, gender, excluded)

    def _reporter(self, order: int, sentence: int, gender: str, excluded: frozenset[str]) -> str | None:
        """The person whose words a "he" or "she" opens, in their own sentence: "Brian Gallant
        announced recently that he will step down" is Gallant's of himself, when the article
        knows Gallant for a man (a name, a verb of saying, an adverb or a "that", the pronoun)."""
        p, at = divmod(order, _PARAGRAPH)
        if not gender or order <= sentence or p >= len(self.article.paragraphs):
            return None
        first = next((m for m in _between(self.mentions, sentence, order) if m.subject_like), None)
        if first is None or first.name in excluded or self.gender(first.name) != gender:
            return None
        text = self.article.paragraphs[p]
        return first.name if _says_then(text[first.order - p * _PARAGRAPH : at]) else None

    def _opened_by(self, sentence: int, pronoun: str) -> int | None:
        """Where the sentence before ``sentence`` in its paragraph starts, when ``pronoun`` is
        its first word; ``None`` otherwise."""
        p, at = divmod(sentence, _PARAGRAPH)
        if at == 0 or p >= len(self.article.paragraphs):
            return None
        text = self.article.paragraphs[p]
        before = sentence_start(text, at - 1)
        first = WORDS.match(text, before)
        return p * _PARAGRAPH + before if first is not None and first.group().lower() == pronoun else None

    def _only_person_named(
        self, order: int, earlier: list[_Mention], gender: str, excluded: frozenset[str]
    ) -> str | None:
        """With no subject anywhere before, the one person "he" or "she" may be among those
        named in the pronoun's paragraph and the two before ("For Ana Lind and other
        islanders, ... ¶ ... ¶ "...," she said"); nobody when two may be, or someone spoke since,
        and nobody for a description ("the spokesman" is no more than that)."""
        if not gender:
            return None
        first = order // _PARAGRAPH - 2
        names = {
            m.name
            for m in earlier
            if m.order // _PARAGRAPH >= first
            and m.name not in excluded
            and self.gender(m.name) in ("", gender)
        }
        if len(names) != 1:
            return None
        (name,) = names
        return name if self._passed_over(name, order, gender) is None else None

    def _spoken_of(self, mention: _Mention, earlier: list[_Mention], gender: str) -> bool:
        """``mention`` stands in what a person named before it in its sentence said ("Lind
        conceded that the pier cost more than any since the Brennan years"): it is spoken of,
        and a "he said" after it goes on with the speaker, not with it."""
        p, at = divmod(mention.order, _PARAGRAPH)
        text = self.article.paragraphs[p] if p < len(self.article.paragraphs) else ""
        if _main_subject_after_clause(text, mention.sentence - p * _PARAGRAPH, at):
            return False
        # The few names just before it in its sentence (a run-on list of thousands of names
        # must not make every pronoun read them all).
        k = bisect.bisect_left(earlier, mention.order, key=lambda e: e.order)
        for m in reversed(earlier[max(0, k - _SPOKEN_OF_REACH) : k]):
            if m.sentence < mention.sentence:
                break
            if m.name == mention.name:
                continue
            if _said_in_quotation_before(text, m.order - p * _PARAGRAPH, at):
                return False  # "Lind posted "...," after Otto Brennan ...": past the words said
            if (
                m.subject_like
                and self._may_be(m.name, gender)
                and _reported_in(text, m.order - p * _PARAGRAPH, at)
            ):
                return True
        return False

    def _body_antecedent(self, order: int, sentence: int) -> str | None:
        """The body "it" stands for: the one last named; of a sentence that names several, the
        one that spoke in it, else its subject ("Northwind competes with Eastway and Brill. It
        said ..." is Northwind)."""
        pool = _between(self.org_mentions, order - 3 * _PARAGRAPH, sentence)
        if not pool:
            return None
        last = pool[-1]
        named = {m.name for m in pool if m.sentence == last.sentence}
        # A body that spoke in that sentence goes on speaking ("..., according to the Harbour
        # Board, which ... It said ...").
        spoke = [v for a, v, _ in self.voices if last.sentence <= a < order and v in named]
        if spoke:
            return spoke[-1]
        subjects = [m for m in pool if m.sentence == last.sentence and m.subject_like]
        return (subjects[-1] if subjects else last).name

    def _nearer_person(
        self, found: _Mention, earlier: list[_Mention], order: int, gender: str, excluded: frozenset[str]
    ) -> _Mention:
        """A person (as the recogniser found) named in the sentence just before the pronoun's,
        if only as an object, before a subject from a paragraph back: "Bosma said ... ¶
        Teachers didn't see Holcomb on Tuesday. His office said" is Holcomb's office."""
        p, at = divmod(order, _PARAGRAPH)
        if p >= len(self.article.paragraphs):
            return found
        text = self.article.paragraphs[p]
        own = sentence_start(text, at)
        if own == 0:
            return found  # the pronoun's sentence opens the paragraph
        low, high = p * _PARAGRAPH + sentence_start(text, own - 1), p * _PARAGRAPH + own
        described = _DESCRIBED_SUBJECT.match(text, low - p * _PARAGRAPH) is not None
        for m in reversed(earlier):
            if m.order >= high:
                continue
            if m.order < low:
                break
            if _reported_in(text, low - p * _PARAGRAPH, m.order - p * _PARAGRAPH):
                return found  # "A spokeswoman said Andi Peters would ... She said": the speaker goes on
            if _RELATIVE.search(text, low - p * _PARAGRAPH, m.order - p * _PARAGRAPH):
                continue  # "A president who authorized the raid that killed Osama bin Laden"
            if described and not _NAMED_AS.search(text[low - p * _PARAGRAPH : m.order - p * _PARAGRAPH]):
                return found  # "the Kentucky Republican dismissed Obama's actions. He says"
            known = self.gender(m.name)
            if (
                self.book.kinds.get(m.name) == "person-entity"
                and m.name not in excluded
                and not (gender and known and known != gender)
            ):
                return m
        return found

    def _passed_over(self, name: str, order: int, gender: str) -> tuple[int, str] | None:
        """Where and who, when someone else "he" or "she" may stand for spoke after ``name``
        was last mentioned: "Marlow arrived. ... Okafor, a guide, said ... He said" is not
        Marlow; news goes on with the one who spoke (Okafor), unless another person became a
        sentence's subject since, and then it is nobody (a guessed speaker is worse than none)."""
        k = bisect.bisect_left(self.voices, (order, "", 0))
        # The latest voices only: an article's worth, not every one of a paragraph of thousands.
        recent = self.voices[max(0, k - _VOICES_BACK) : k]
        # A statement ``name`` reports ("Marlow said Harbour Ltd had claimed ...") is theirs.
        theirs = [(a, b) for a, v, b in recent if v == name]
        others = [(a, v) for a, v, b in recent if v != name and not any(c <= a and b <= d for c, d in theirs)]
        if not others:
            return None
        spoke_at, voice = others[-1]
        if any(m.name == name for m in _between(self.mentions, spoke_at, order)):
            return None
        if _one_described(voice, gender) and not self._role_since(spoke_at, order):
            # "A spokesman for the BPI said ... He said": "he" may be the spokesman, whom the
            # article does not name; not the person named before him (unless another person
            # described came in since: "... a spokesperson said. Then the mayor ... he said").
            return spoke_at, ""
        if not self._may_be(voice, gender):
            return None
        return spoke_at, voice

    def _role_since(self, low: int, high: int) -> bool:
        """A person described by a role ("the mayor", "the former minister") is written
        between orders ``low`` and ``high``."""
        paragraphs = self.article.paragraphs
        for p in range(low // _PARAGRAPH, min(high // _PARAGRAPH + 1, len(paragraphs))):
            text = paragraphs[p]
            start = low - p * _PARAGRAPH if p == low // _PARAGRAPH else 0
            end = high - p * _PARAGRAPH if p == high // _PARAGRAPH else len(text)
            start = max(start, end - _NEAR)  # a paragraph of a hostile length stays linear
            for m in _ROLE_DESCRIBED.finditer(text, max(0, start), max(0, end)):
                if m.group(1) in ROLE_NOUNS or m.group(2) in ROLE_NOUNS:
                    return True
        return False

    def _may_be(self, voice: str, gender: str) -> bool:
        """``voice`` may be called "he" (``gender`` "m") or "she": a person not known to be
        the other, or a name the recogniser saw no person in that is no body's either; never
        a description ("officials"), an organisation or a place ("Britain warned ...")."""
        if self.is_person(voice):
            known = self.gender(voice)
            return not known or known == gender
        return (
            all(w[:1].isupper() for w in voice.split())
            and not is_org(voice)
            and self.book.kinds.get(voice) not in ("org", "person-entity")
            and voice.casefold() not in self.places
        )

    def describe(self, subject: str, order: int, p: int) -> tuple[str | None, str | None]:
        """A description ("the spokesman", "the statement", "the ministry") to a name; the
        description itself when the article names nobody for it."""
        words = subject.split()
        head = words[-1].lower().strip(".,")
        owner = words[0].lower()
        if owner in ("his", "her", "its") and (head in DOC_NOUNS or head in ORG_NOUNS):
            # "her statement read", "its website says": the owner is the speaker.
            pronoun = {"his": "he", "her": "she", "its": "it"}[owner]
            name = self.antecedent(order, pronoun, order)
            if name is not None:
                return name, self.book.role_of(name)
        if head in ROLE_NOUNS:
            return self._role_described(subject, head, owner, order)
        # Only a bare "the company" or "the statement" stands for the body last spoken of;
        # "the operators' association" is a body of its own.
        bare = owner in ("the", "its", "their") and all(re.fullmatch(r"[a-z-]+", w) for w in words[1:-1])
        if head in DOC_NOUNS:
            found = self.document_author(subject, "", order) or self.author_of(head, order, p)
            found = found or self.agent(order, p)
            owner_words = _possessor(subject)
            if found is None and owner_words is not None:
                # "the company's statement" is the company's: who the company is, or as written.
                found = self.describe(owner_words, order, p)[0]
            if found is None and owner == "the":
                # "The OECD said ... However, the report warned": the report of the body that
                # spoke last (a memo after a person spoke is nobody's the article says).
                found = self.spoke_last(order, "it")
            return found or subject, None
        if head in ORG_NOUNS:
            # "the ministry" is a ministry the article names; "police said", no article, is
            # the police as written.
            named = self.book.org_with(head, order) if len(words) > 1 else None
            # "the government" is a state's, never a company or a bank named before it; "a panel
            # of ferry engineers found ... the panel added" is the panel, not the last body named.
            spoken_of = (
                self.recent_org(order)
                if bare
                and head not in _STATE_BODIES
                and not (owner == "the" and self._introduced(head, order, back=_BODY_BACK, whole=True))
                else None
            )
            return named or spoken_of or subject, None
        first = head.split("-")[0]  # "sergeant-at-arms" is one sergeant
        person_like = PERSON_DESCRIBED.search(subject) or _AGENTIVE.search(first)
        if (
            owner == "the"
            and person_like
            and head.islower()
            and head not in GROUP_NOUNS
            and not _plural(first)
            and not owned_by_another(subject)
        ):
            # "The 34-year-old said", "the former sergeant-at-arms said": news names a person
            # once and then describes them; the description is the person last spoken of, in
            # this paragraph or the one before, when the article gave them no other role ("the
            # ad's narrator" is someone else's, a new person, as a role is).
            name = self._just_named(order)
            role = self.book.role_of(name) if name else None
            if name is not None and (role is None or head in role.lower()):
                return name, role
        return subject, None

    def _role_described(
        self, subject: str, head: str, owner: str, order: int
    ) -> tuple[str | None, str | None]:
        """A role ("the spokesman", "the lanky professor") to the person the article gives it
        or, after "the", the person last spoken of, unless the article gave them another role
        some way back (named in this paragraph or the one before, the description is the
        second reference news makes to them); the description as written otherwise."""
        words = subject.split()
        if _ANONYMOUS & {w.lower() for w in words}:
            return subject, None  # "an unnamed executive" is nobody the article names
        name = self._named_right_after(subject, order) or self.book.person_with_role(
            head, order, self._body_after(subject, order), self._role_query(words, head, owner, order)
        )
        if name is not None:
            name = self.book.fullest(name, order)
            return name, self.book.role_of(name)
        if len(words) >= 3 and all(w[:1].isupper() for w in words[1:]):
            # A name that ends in a role's word and that nobody was given ("the Sioux Falls
            # Argus Leader", a paper): not the person spoken of before.
            return subject, None
        if owner == "the" and self._introduced(head, order):
            return subject, None  # "said one legal expert ... the expert warned": that expert
        # "the victim's mother" is someone else's: a new person, as written, unless the article
        # said so before of someone ("The campaign's strategist, Ivan Dobrev, ...").
        if owner == "the" and (not owned_by_another(subject) or self._said_before(subject, order)):
            name = self.antecedent(order, "he/she", order)
            role = self.book.role_of(name) if name else None
            just_named = head not in _UNNAMED_ROLES and name is not None and self._named_lately(name, order)
            if name is not None and (role is None or head in role.lower() or just_named):
                return name, role
        return subject, None

    def _role_query(self, words: list[str], head: str, owner: str, order: int) -> RoleQuery:
        """Whom a description of a role may be. Someone named before it, unless it is
        indefinite ("a longtime adviser to both Clintons" is someone new). Someone named after
        it, when their role holds its noun and the word before it ("a spokesman", "the New York
        state attorney general" as "Attorney General Eric Schneiderman"; not "the 74-year-old
        comedian" as "comedian Sacha Baron Cohen"); a bare "the judge" only in its paragraph or
        the next, and never "the executive" after "an unnamed executive", nor "a Treasury
        official" (news's word for those it does not name)."""
        # "Michael Jackson's mother" says only "mother" of her role; the rest is whose she is.
        owned = [k for k, w in enumerate(words) if without_possessive(w) != w]
        kept = [w.lower() for w in words[owned[-1] + 1 if owned else 0 :] if w.lower() not in DETERMINERS]
        # "Emmanuel Saez, an economics professor ... who concluded" is Saez: in apposition, "an"
        # brings in nobody new.
        indefinite = owner in NEW_REFERENT and not self._after_a_name(order)
        if (owner == "the" and self._introduced(head, order)) or (indefinite and head in _UNNAMED_ROLES):
            return RoleQuery(before=not indefinite, reach=None)
        if owner == "the" and len(kept) < 2:
            next_paragraph = (order // _PARAGRAPH + 2) * _PARAGRAPH - order
            return RoleQuery(words=frozenset(kept), reach=next_paragraph)
        return RoleQuery(before=not indefinite, words=frozenset(kept[-2:]))

    def _named_right_after(self, subject: str, order: int) -> str | None:
        """The person named in apposition right after a description, to the clause's end:
        "said the festival's executive director, Craig Prater."."""
        p, offset = divmod(order, _PARAGRAPH)
        if p >= len(self.article.paragraphs):
            return None
        text = self.article.paragraphs[p]
        end = offset + len(subject)
        found = _NAME_IN_APPOSITION.match(text, end) if text[offset:end] == subject else None
        if found is None:
            return None
        named = found.group(1).rstrip(".")  # "Craig Prater." ends the sentence
        runs = name_runs(named)
        if len(runs) != 1 or runs[0].name != named or not self.is_person(runs[0].name):
            return None
        return runs[0].name

    def _after_a_name(self, order: int) -> bool:
        """A person's name and a comma stand right before ``order`` ("Emmanuel Saez, an
        economist", not "On Thursday, a senator")."""
        p, offset = divmod(order, _PARAGRAPH)
        if p >= len(self.article.paragraphs):
            return False
        before = self.article.paragraphs[p][:offset].rstrip()
        found = _NAME_BEFORE_COMMA.search(before, max(0, len(before) - 41), len(before) - 1)
        if not before.endswith(",") or found is None:
            return False
        last = found.group()
        return any(
            m.name.split()[-1] == last and self.is_person(m.name)
            for m in _between(self.mentions, order - _NEAR_NAME, order)
        )

    def _body_after(self, subject: str, order: int) -> frozenset[str]:
        """The capitalised words of the body a description names right after it, up to the
        clause's end ("a spokesman for the Harbour Board said": Harbour, Board; "an adviser to
        both Clintons"), without possessive endings."""
        p, offset = divmod(order, _PARAGRAPH)
        if p >= len(self.article.paragraphs):
            return frozenset()
        text = self.article.paragraphs[p]
        end = offset + len(subject)
        if text[offset:end] != subject:
            return frozenset()
        m = _BODY_AFTER.match(text, end)
        if m is None:
            return frozenset()
        return frozenset(without_possessive(w) for w in m.group(1).split() if w[:1].isupper())

    def _introduced(self, head: str, order: int, *, back: int = 2, whole: bool = False) -> bool:
        """The article introduced someone new by ``head`` ("one legal expert", "a spokesman for
        the port") in the paragraph of ``order`` or the ``back`` before: "the expert" is them.
        ``whole``: ``head`` ends its noun phrase ("a panel of experts", not "a company
        spokesman")."""
        if whole:
            # Modifiers only between the article and the noun: not "a contributor with the company".
            modifiers = r"(?:(?!(?:the|a|an|of|for|with|to|in|at|by|from|on)\b)[\w-]+\s+){0,3}?"
            ends_phrase = r"(?=\s+(?:of|for|from|at|in|on|that|which|who|said|says)\b|[^\w\s-]|$)"
        else:
            modifiers, ends_phrase = r"(?:[\w-]+\s+){0,3}?", ""
        intro = re.compile(rf"\b(?:[Aa]n?|[Oo]ne)\s+{modifiers}{re.escape(head)}\b{ends_phrase}")
        p, offset = divmod(order, _PARAGRAPH)
        paragraphs = self.article.paragraphs
        ends = {
            q: offset if q == p else len(paragraphs[q])
            for q in range(max(0, p - back), min(p + 1, len(paragraphs)))
        }
        # The last few thousand characters before: a paragraph of a hostile length stays linear.
        return any(intro.search(paragraphs[q], max(0, end - _NEAR), end) for q, end in ends.items())

    def _said_before(self, subject: str, order: int) -> bool:
        """The words of ``subject`` after its article named someone before ``order``, beside
        the name ("The campaign's strategist, Ivan Dobrev, ...", "Ivan Dobrev, the campaign's
        strategist")."""
        words = re.escape(subject.split(maxsplit=1)[-1])
        beside = re.compile(rf"(?i:{words}),\s+[A-Z]|[A-Z][\w.’'-]*,\s+(?i:the\s+{words})")
        p, offset = divmod(order, _PARAGRAPH)
        paragraphs = self.article.paragraphs
        return any(beside.search(text) for text in paragraphs[:p]) or (
            p < len(paragraphs) and beside.search(paragraphs[p][:offset]) is not None
        )

    def _just_named(self, order: int) -> str | None:
        """The person last spoken of, when named in this paragraph or the one before."""
        name = self.antecedent(order, "he/she", order)
        return name if name is not None and self._named_lately(name, order) else None

    def _named_lately(self, name: str, order: int) -> bool:
        """``name`` was mentioned in the paragraph of ``order`` or the one before."""
        since = (order // _PARAGRAPH - 1) * _PARAGRAPH
        return any(m.name == name and m.order >= since for m in self.mentions)

    def recent_org(self, order: int) -> str | None:
        """The organisation last spoken of as a subject in the few paragraphs before; ``None``
        when that is a place the recogniser knows ("the regional council" is not "North Isle",
        nor an older body: the description stands as written). A platform that was the subject
        of a sentence is the company that runs it ("Facebook said")."""
        pool = [m for m in _between(self.org_mentions, order - 3 * _PARAGRAPH, order) if m.subject_like]
        if not pool:
            return None
        name = pool[-1].name
        return name if self.can_speak is None or self.can_speak(name, subject=True) else None

    def agent(self, order: int, p: int) -> str | None:
        """Who issued a document: "published by X" in the few paragraphs before."""
        paragraphs = self.article.paragraphs
        for q in range(p, max(-1, p - 4), -1):
            text = paragraphs[q]
            limit = order - q * _PARAGRAPH if q == p else len(text)
            found = [(m.start(), m.group("agent")) for m in _AGENT.finditer(text, 0, max(0, limit))]
            # "A study by the School of Public Policy analysed ...": a report and its author.
            for m in _RESEARCH.finditer(text, 0, max(0, limit)):
                by = _AUTHOR.match(text, m.end())
                author = _proper_phrase(text[by.end() : limit]) if by else None
                if author:
                    found.append((m.start(), author))
            if found:
                agent = max(found)[1]
                agent = agent[4:] if agent.lower().startswith("the ") else agent
                return self.book.fullest(agent, order)
        return None

    def author_of(self, document: str, order: int, p: int) -> str | None:
        """Who spoke in the document named before: "Marlow wrote in a recent report" makes
        her the author of "the report" that speaks later (in this paragraph or the three
        before); only a name, never a guess."""
        paragraphs = self.article.paragraphs
        for q in range(p, max(-1, p - 4), -1):
            text = paragraphs[q]
            limit = order - q * _PARAGRAPH if q == p else len(text)
            said = [
                m for m in _SAID_IN.finditer(text, 0, max(0, limit)) if document in m.group("doc").split()
            ]
            for m in reversed(said):
                subject = _subject_words(text[sentence_start(text, m.start()) : m.start()])
                runs = name_runs(subject)
                # The name ends the subject: in "the US military said in a statement" the
                # author is the military, not "US".
                if runs and not subject[runs[-1].end :].strip(" ,"):
                    return clean_name(self.book.fullest(runs[-1].name, order))
        return None

    def document_author(self, words: str, after: str, order: int) -> str | None:
        """Who wrote the document ``words`` name, when the article says so: "a study by X",
        "a report from X", "a X study", "X's report", or "a study, released Monday by X" in
        ``after`` (the rest of its sentence); ``None`` when it names no one."""
        head = document_head(words)
        if head is None:
            return None
        at = re.search(rf"\b{re.escape(head)}\b", words, re.IGNORECASE)  # "Reports from X"
        if at is None:
            return None
        author = None
        rest = f"{words[at.end() :]} {after}" if words[at.end() :].strip() else after
        by = _AUTHOR.match(rest)
        if by is not None:
            author = _proper_phrase(rest[by.end() :])
            if author and author.endswith(("’s", "'s")):
                owned = re.match(r"\s+([a-z][\w-]*)", rest[by.end() + len(author) :])
                if owned is not None and is_speaker_noun(owned.group(1)):
                    return f"{author} {owned.group(1)}"  # "a motion by Mr Jackson's lawyers", as written
        if author is None:
            runs = [r for r in name_runs(words[: at.start()]) if r.name.lower() not in CALENDAR_WORDS]
            between = words[runs[-1].end : at.start()].strip() if runs else "-"
            # "Further reports", "Local reports": one capitalised word opening the sentence is
            # an author only when it is a name ("Gartner reports", "Hoff's letter").
            opening = bool(runs) and runs[-1].start == 0 and len(runs[-1].tokens) == 1 and not between
            known = opening and self.book.fullest(runs[-1].name, order) in self.book.kinds
            if runs and between in ("", "’s", "'s") and (not opening or known):
                author = runs[-1].name
        return clean_name(self.book.fullest(author, order)) if author else None


_OWNED = re.compile(r"[’']s\s+[\w-]+$")


def _titled(text: str, subject: str, start: int) -> tuple[str, None] | None:
    """The name in ``subject`` when it is a title: "according to The Hollywood Reporter", "as
    The Guardian reported" (a capital "The" inside a sentence belongs to a title, never to an
    epithet for someone, "the Kentucky Republican"); ``None`` otherwise. A name of several
    words is given without "The", as bodies are, so that "the Washington Post" and "The
    Washington Post" are one speaker; a one-word title keeps it ("The Hill" is not a Hill)."""
    runs = name_runs(subject)
    if len(runs) != 1 or not subject.startswith("The ") or (runs[0].start, runs[0].end) != (4, len(subject)):
        return None
    if sentence_start(text, start) == start:
        return None
    return (subject[4:] if " " in subject[4:] else subject), None


def _described_head(voice: str) -> str | None:
    """The head noun of ``voice`` when it describes someone rather than names them ("a
    spokesman for the BPI": "spokesman"; "legal expert": "expert"; "the BBC's director":
    "director"); ``None`` for a name."""
    head = _head_part(voice)
    words = head.split()
    if words and words[0].lower() in ("a", "an", "the", "one"):
        words = words[1:]
    elif not voice[:1].islower() and not _OWNED_ROLE.search(head):
        return None  # a name, not "Big Brother's spokeswoman"
    return words[-1] if words and words[-1].islower() else None


_OWNED_ROLE = re.compile(r"\w(?:'s|’s)(?:\s+[a-z-]+)+$")


def _relative_named_apart(left: str, first: str, full: str) -> bool:
    """``first``, a first name given as someone's relative right after ``left`` ("Spindler's
    father, Joseph"), is not ``full``, the full name of another family's member: a relative
    shares the surname of the one named before."""
    if " " in first or full == first:
        return False
    owner = relative_of(left)
    return owner is not None and full.rsplit(maxsplit=1)[-1] != owner


def _one_described(voice: str, gender: str) -> bool:
    """``voice`` is one person described, not named ("a spokesman for the BPI", "the
    director"), whom ``gender``'s pronoun may stand for."""
    head = _described_head(voice)
    if head is None or _plural(head) or head in GROUP_NOUNS:
        return False
    if (gender == "m" and head.endswith("woman")) or (gender == "f" and re.search(r"(?<!wo)man$", head)):
        return False
    return head in ROLE_NOUNS or _AGENTIVE.search(head) is not None


def owned_by_another(words: str) -> bool:
    """A role or noun someone else owns: "the victim's mother", "Spindler's father"."""
    return _OWNED.search(words) is not None


def _possessor(subject: str) -> str | None:
    """The description that owns a document, "the company" of "the company's statement"
    (a name that owns one is its author already), or ``None``."""
    owner = re.match(r"(?P<owner>(?:the|a|an)\s+(?:[a-z-]+\s+){0,2}[a-z-]+)[’']s\s", subject, re.IGNORECASE)
    if owner is None or not is_speaker_noun(owner.group("owner").split()[-1]):
        return None
    return owner.group("owner")


def _subject_words(before: str) -> str:
    """The words that name the subject of the verb they stand before: what was quoted left
    out, and an apposition ("Marlow, a researcher at the Trust, said") passed over."""
    words = re.split(r"[”\"]", before)[-1].rstrip()
    return words.split(",", 1)[0] if words.endswith(",") else words


# Bodies of a state: "the government" is not the company or bank the article named last.
_STATE_BODIES = word_set("government regime")
#: The words naming the body a description is of, right after it: "... for the Harbour Board".
_BODY_AFTER = re.compile(r"\s+(?:for|at|of|with|to)\s+([^,.;:!?\"“”]{1,80})")
#: Paragraphs back an indefinite body ("a panel of experts") is looked for.
_BODY_BACK = 6
# The nouns news uses for people it does not name ("the official told reporters"): never a
# second reference to someone named.
_UNNAMED_ROLES = word_set("official officials source sources aide aides")
#: Words news writes of a source it will not name.
_ANONYMOUS = word_set("unnamed anonymous unidentified")
#: A name set after a description by a comma, to the end of the clause.
_NAME_IN_APPOSITION = re.compile(r",\s+([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)+)\s*(?=[.;!?]|$)")
#: How far before a description a name in apposition to it may start (offsets).
_NEAR_NAME = 80
# "Marlow said in a statement", "X wrote in its annual report": who speaks in a document.
_SAID_IN = re.compile(
    r"\b(?:said|says|stated|states|wrote|writes|posted|announced|explained|noted|added)\s+in\s+"
    r"(?:a|an|the|his|her|its|their|[\w.-]+[’']s)\s+(?P<doc>(?:[\w’'-]+\s+){0,3}[a-z-]+)\b"
)
_OBJECT_BEFORE = re.compile(
    r"\b(?:told|tells|tell|telling|asked|asks|by|with|to|for|about|against|than|like|and|or|thanked|"
    r"met|called|named|replaced|succeeded|defeated|beat|criticized|criticised|blamed)\s+$",
    re.IGNORECASE,
)
# One or two lower-case words after a name, then a capital: "Kent governor Ana Lind".
_WORDS_TO_NAME = re.compile(r"(?: [a-z][a-z-]*){1,2} (?=[A-Z])")


def _modifies_role(text: str, run: NameRun) -> bool:
    """The name opens the role of the person named after it: "Former Kent governor Ana
    Lind", "Alder Ferries chief executive Ines Marlow": it says where or for whom the role
    is, and is nobody a "he" could stand for."""
    m = _WORDS_TO_NAME.match(text, run.end)
    if m is None:
        return False
    role = role_before(text, m.end())
    return role is not None and run.name.split()[-1] in role.split()


_APPOSITIVE_AFTER = re.compile(r",\s+(?:who\b|\d{1,3}(?:,|\.(?!\d)))")
_PREPOSITIONS = word_set(
    """on in at from for with after before during since until by of to like under over unlike
    besides despite except without among between against beyond"""
)
_NOT_SUBJECT_AFTER = word_set(
    """about of in at on for to from with by into over under after before during than as and or
    but nor that which who whom whose when where while because if"""
)


def _subject_like(text: str, run: NameRun, sentence: int) -> bool:
    """The mention reads as a sentence's subject: it opens the sentence (after capitalised
    words or "the"), stands before a speech verb, or is followed by a verb-like word."""
    before = text[max(0, run.start - 16) : run.start]
    if _OBJECT_BEFORE.search(before) or _in_apposition(text, run, sentence):
        return False
    prefix = text[max(sentence, run.start - 200) : run.start].split()
    if run.start - sentence > 200:
        prefix.append("…")  # too far from the sentence start to be its subject
    role = role_before(text, run.start)
    if role is not None and prefix[-len(role.split()) :] == role.split():
        del prefix[-len(role.split()) :]  # "Former Kent governor Ana Lind said"
    if all(
        (w[:1].isupper() and w.lower().strip(",") not in _PREPOSITIONS) or w.lower() in ("the", "a", "an")
        for w in prefix
    ):
        return True
    if before_cue(text, run) or role_after(text, run.end) or _APPOSITIVE_AFTER.match(text, run.end):
        return True
    if _after_cue(before) and re.match(r"[.,]|$", text[run.end : run.end + 1]):
        return True  # "..., adds Al Basha.": the subject of an inverted attribution
    if _PLACE_BEFORE.search(before):
        return False
    following = WORDS.match(text, run.end + 1) if text[run.end : run.end + 1] == " " else None
    word = following.group() if following else ""
    return word[:1].islower() and word not in _NOT_SUBJECT_AFTER


_SUBORDINATE_OPENING = re.compile(r"[\"“‘']?(\w+)\b")
_AFTER_CLAUSE = re.compile(r",[\"”’']?\s+$")


def _main_subject_after_clause(text: str, sentence: int, at: int) -> bool:
    """The name at ``at`` follows the comma that closes a clause opening its sentence with a
    subordinator ("When Brennan noted that ..., Lind took it up"): the main clause's
    subject, not a name in what the clause says was said."""
    first = _SUBORDINATE_OPENING.match(text, sentence)
    return (
        first is not None
        and first.group(1).lower() in SUBORDINATORS
        and _AFTER_CLAUSE.search(text, max(sentence, at - 8), at) is not None
    )


# After a verb of saying, a few words, then a quotation that closes: "tweeted last January, "...",".
_QUOTATION_AFTER = re.compile(r"(?:[ ,]+(?!that\b)[\w’'-]+){0,4}[ ,:]+[\"“][^\"“”]*[\"”]")


def _said_in_quotation_before(text: str, start: int, at: int) -> bool:
    """Between ``start`` and ``at`` a verb of saying gives its words as a quotation that closes
    before ``at``: a name after it is past what was said ("Lind posted on Monday, "...,"
    after port spokesman Otto Brennan praised ..."), not inside it."""
    for word in WORDS.finditer(text, start, at):
        if inflected_reporting(word.group()):
            quotation = _QUOTATION_AFTER.match(text, word.end(), at)
            if quotation is not None:
                return True
    return False


_VOICES_BACK = 64
_ROLE_REACH = 160
_SPOKEN_OF_REACH = 6
_NAME_BEFORE_COMMA = re.compile(r"[A-Z][\w.’'-]*$")


def _in_apposition(text: str, run: NameRun, sentence: int) -> bool:
    """The name is a word of the role set after another's name by commas: "Ana Lind, head of
    the port's Brennan Ferries unit, said" is about Lind, not Brennan Ferries."""
    # a role after a name is short (see role_after): only a comma close before can open one
    comma = text.rfind(",", max(sentence, run.start - _ROLE_REACH), run.start)
    if comma < 0 or not _NAME_BEFORE_COMMA.search(text, max(sentence, comma - 60), comma):
        return False  # "one from her friend, the skipper Otto Brennan,": the role's own name
    role = role_after(text, comma)
    at = text.find(role, comma) if role else -1
    return role is not None and at <= run.start < at + len(role)


#: What sets one phrase apart from the next: a comma, or a dash with spaces around it.
PHRASE_BREAK = re.compile(r",|\s[—–-]+\s")
_CONCESSIVE = re.compile(r"(?:Although|Though|Even though|While|Whereas)\s+")


# A sentence whose subject is a description or a pronoun ("In a statement, the Kentucky
# Republican ...", "He counts himself a Donald Trump supporter"), and a name the description
# is ("The musical's director is Matthew Warchus").
_DESCRIBED_SUBJECT = re.compile(r"(?:[^,.]{1,40},\s+)?(?:[Tt]he|an?|An?|[Hh]e|[Ss]he)\s")
_NAMED_AS = re.compile(r"\b(?:is|was)\s+$")
_RELATIVE = re.compile(r"\b(?:who|whom|whose|which|that)\b")
_NAME_ENDS_CLAUSE = re.compile(r"(?:[A-Z][\w.’'-]*\s?){1,4}[.,]")


def _says_then(words: str) -> bool:
    """``words`` are a name, then a verb of saying with at most an adverb and "that" after it
    ("Brian Gallant announced recently that "), and nothing else."""
    if any(c in words for c in ',;:()"“”'):
        return False
    found = WORDS.findall(words)
    k = 0
    while k < len(found) and found[k][:1].isupper():
        k += 1
    rest = found[k:]
    if not rest or len(rest) > 3 or not inflected_reporting(rest[0]):
        return False
    return all(w.lower() == "that" or w.lower().endswith("ly") for w in rest[1:])


def _reported_in(text: str, sentence: int, at: int) -> bool:
    """A verb of saying stands before ``at`` in its sentence, the name at ``at`` not right
    after it ending the clause ("..., observes Ms Alexander."): the name is in what was said."""
    words = [(m.start(), m.group()) for m in WORDS.finditer(text, sentence, at)]
    cues = [k for k, (_, w) in enumerate(words) if inflected_reporting(w)]
    if not cues:
        return False
    inverted = cues[-1] >= len(words) - 2 and _NAME_ENDS_CLAUSE.match(text, at) is not None
    return not inverted


def _opens_reported(text: str, run: NameRun, sentence: int) -> bool:
    """The words before the name end with a verb of saying, or with "that" a few words after
    one: "He said on Thursday that Trump needs ...": the name opens what was said, and is no
    subject of the article's own sentences that "he" may stand for (though a "he" after it in
    what was said is still the name's, for its gender)."""
    words = text[max(sentence, run.start - 80) : run.start].split()
    plain = [w.lower().strip(",;:") for w in words[-8:]]
    if not plain:
        return False
    if plain[-1] in _ROLE_OR_ARTICLE and "that" in plain[-5:-1]:
        # "... said that port director Brennan has decided": the name's role or article
        cut = max(k for k in range(len(plain) - 5, len(plain) - 1) if k >= 0 and plain[k] == "that")
        if all(w.islower() for w in words[len(words) - len(plain) + cut :]):
            plain = plain[: cut + 1]
    if plain[-1] == "that":
        return any(inflected_reporting(w) for w in plain[-7:-1])
    # "He said Trump needs ...", but not "..., adds Al Basha." (who speaks, inverted).
    return inflected_reporting(plain[-1]) and re.match(r" [a-z]", text[run.end : run.end + 2]) is not None


_ROLE_OR_ARTICLE = ROLE_NOUNS | {"the", "a", "an"}


_INVERTED_CUE = re.compile(r"[,\"”’]\s*(?P<cue>[a-z]+)\s$")


def _after_cue(before: str) -> bool:
    """The name follows an inverted attribution, a speech verb right after a comma or a
    closing mark (", adds Al Basha."); not "He said Smith ..." where Smith is what was said
    (the caller also wants the name to end the clause). A title between them is the name's
    (", said Mr Flynn.")."""
    head, _, last = before.rstrip().rpartition(" ")
    if last in HONORIFICS:
        before = f"{head} "
    m = _INVERTED_CUE.search(before)
    return m is not None and m.group("cue") in CUES


def _between(mentions: list[_Mention], low: int, high: int) -> list[_Mention]:
    """The mentions (sorted by order) with ``low <= order < high``."""
    a = bisect.bisect_left(mentions, low, key=lambda m: m.order)
    b = bisect.bisect_left(mentions, high, key=lambda m: m.order)
    return mentions[a:b]


_MODIFIER = re.compile(r"\S+-(?:linked|based|backed|led|born|owned|funded|affiliated|aligned|allied)$")


_AGENTIVE = re.compile(r"(?:ist|ian|ant|ent|ee|man|woman|person|ers|ors|ator|itor|ctor)$")


def is_speaker_noun(word: str) -> bool:
    """A noun that can head a speaker's description: a role, a body, a document, a group, or
    an agent noun by its ending (teacher, director, scientist, resident), or their plurals."""
    if word[:1].isupper():
        return True
    lowered = word.lower()
    forms = [lowered]
    if _plural(lowered):
        forms += [lowered[:-1], lowered[:-2]] if lowered.endswith("es") else [lowered[:-1]]
    return any(
        w in ROLE_NOUNS or w in DOC_NOUNS or w in ORG_NOUNS or w in GROUP_NOUNS or _AGENTIVE.search(w)
        for w in forms
    )


#: A description that can only be of a person: an age ("the 34-year-old") or a past office
#: ("the former sergeant-at-arms").
PERSON_DESCRIBED = re.compile(r"\b\d+-year-old\b|\bformer\b", re.IGNORECASE)


def _modified_noun(subject: str, run: NameRun) -> str | None:
    """The common noun a name stands before as a modifier ("Trudeau's office", "many Harbour
    supporters", "the Aldgate study"), or ``None`` when the words end with the name."""
    after = subject[run.end :].split()
    if not after or not after[-1].isalpha() or not after[-1].islower():
        return None
    head = after[-1]
    singular = head[:-1] if _plural(head) else head
    if head in GROUP_NOUNS or is_speaker_noun(head) or singular in DOC_NOUNS or singular in ORG_NOUNS:
        return head
    return None


def _plural(noun: str) -> bool:
    return noun.endswith("s") and not noun.endswith(("ss", "us", "is"))


def clean_name(name: str) -> str:
    """The name without a form of address or a leading modifier ("Qaeda-linked X" is X)."""
    words = name.split()
    while words and (words[0] in HONORIFICS or (len(words) > 1 and _MODIFIER.match(words[0]))):
        words.pop(0)
    return " ".join(words) or name


# A sentence ends right after the name: "... with Volodymyr Zelensky. He said" (not "Jr. said").
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’')\]]*(?:\s+[\"“‘(]?[A-Z]|\s*$)")


def before_cue(text: str, run: NameRun, *, own_sentence: bool = True) -> bool:
    """The name is followed by a speech verb ("X said", "X also said"); ``own_sentence``: in
    its own sentence ("... Zelensky. He said": the next sentence's subject speaks, though
    "... think-tank Demos. It said" still says Demos is a body that speaks)."""
    if own_sentence and _ENDS_SENTENCE.match(text, run.end):
        return False
    found = list(WORDS.finditer(text, run.end, run.end + 30))
    after = [m.group() for m in found]
    # "X also said", "X has said"; not "titled X and described as ...", where X is an object,
    # nor "of the port's Brennan unit, said", where X names what the speaker's role is about.
    second = (
        len(after) > 1
        and after[1].lower() in CUES
        and after[0].lower() not in ("and", "or")
        and "," not in text[run.end : found[1].start()]
    )
    return bool(after) and (after[0].lower() in CUES or second)


_CUE_BEFORE = re.compile(r"\b(?:said|says|told|according to)\s+$")


def _person_evidence(text: str, run: NameRun, full: str) -> int:
    """How much one mention says its name is a person's: titles, roles, speech verbs and a
    following he/she for it; "in X", "the X" or a following "it" against."""
    score = 0
    if run.role or run.gender or role_before(text, run.start) or role_after(text, run.end):
        score += 2
    # The words just before the name only: searching the whole paragraph's start made a
    # paragraph of thousands of names quadratic (found by the fuzzing harness).
    if before_cue(text, run) or _CUE_BEFORE.search(text, max(0, run.start - 40), run.start):
        score += 1
    if _APPOSITIVE_AFTER.match(text, run.end):
        score += 2
    if _modifies_role(text, run):
        score -= 3
    if len(run.tokens) == 1 and len(full.split()) > 1:
        score += 1  # referred to by surname alone, as people are
    before = text[max(0, run.start - 16) : run.start]
    if _PLACE_BEFORE.search(before):
        score -= 2
    elif _OBJECT_BEFORE.search(before):
        score -= 1
    m = _GENDERED.search(text, run.end, run.end + 200)
    if m is not None and not (
        sentence_ends(text, run.end, m.start()) and name_runs(text[run.end : m.start()])
    ):
        score += -1 if m.group(1).lower() in ("it", "its") else 1
    return score
