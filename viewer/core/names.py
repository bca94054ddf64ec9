"""What kind of thing a name names, as far as a quote's speaker is concerned.

A speaker is a person, an organisation or a group: never a place, a date, a platform, a law,
a work or a product, and never a capitalised common word ("Estimates", "Aides" opening a
sentence). The recogniser's labels say which names are which; words the article also writes in
lower case are common words. When the recogniser did not run, only the words decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from viewer.core.lexicon import CALENDAR_WORDS, inflected_reporting
from viewer.core.model import Entity

__all__ = ["NOT_SPEAKER_LABELS", "PLATFORMS", "SpeakerKinds"]

# Entity labels that are never who said something.
NOT_SPEAKER_LABELS = frozenset(
    {"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE", "MONEY"}
)
# Of those, the labels of places and times: words that make a name a place's or a date's.
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})
# A country or a company the recogniser took for a place speaks in news ("China said"); a
# place name counts as a speaker where the article has it speak in so many words.
_MAY_SPEAK_LABELS = frozenset({"GPE", "LOC"})
SPEAKER_LABELS = frozenset({"PERSON", "ORG"})
# Where words are posted, not who posts them.
PLATFORMS = frozenset(
    {
        "twitter", "facebook", "instagram", "youtube", "tiktok", "snapchat", "reddit", "linkedin",
        "whatsapp", "telegram", "x.com", "threads", "mastodon", "weibo", "wechat",
    }
)  # fmt: skip
_WORD = re.compile(r"[^\W_][\w’'.-]*")
_CUE_WORDS = "said|says|told|tells|added|wrote|writes|announced|warned|stated|insisted|argued"
_NAME = r"[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,4}"
# A name, then perhaps an auxiliary and an adverb ("has been", "also"), then a lower-case word:
# a subject when that word is a form of a verb of saying ("Iran insists", "Peru has warned").
_NAME_VERB = re.compile(
    rf"(?P<before>{_NAME})\s+(?:(?P<be>(?:has|have|had)\s+been|is|was|were)\s+|(?:has|have|had|will|would)\s+)?"
    r"(?:(?:also|\w+ly)\s+)?(?P<verb>[a-z]+)\b"
)
# An inverted subject closes its clause (", said Verizon."): "said Britain would ..." is no
# subject of "said" but of what was said.
_CUE_NAME = re.compile(rf"\b(?:{_CUE_WORDS})\s+(?P<after>{_NAME})(?=\s*[.,;:!?]|\s*$)")


def _subjects_of_cues(paragraphs: Sequence[str]) -> set[str]:
    """Capitalised names written as the subject of a verb of saying ("Verizon said", "Iran
    insists", "Peru has been warning"; not "China was accused", a passive) or right after a
    common one ("said Verizon"). A name opening a sentence may carry the sentence's first word
    ("But Iran"): every tail of its words counts."""
    found: set[str] = set()
    for text in paragraphs:
        for m in _NAME_VERB.finditer(text):
            if _says(text, m):
                words = _fold(m.group("before")).split()
                found.update(" ".join(words[k:]) for k in range(len(words)))
        for m in _CUE_NAME.finditer(text):
            after = m.group("after")
            found.update((_fold(after), _fold(after.rstrip("."))))  # "said Verizon." / "said U.S."
    return found


# Prepositions that put a name out of subject's place ("of" and "for" join names: "City of
# Surrey", "Minister for Europe").
_PREPOSITION_BEFORE = re.compile(r"\b(?:from|in|to|at|with|by|on|into|across|against|about|over)\s+$")
# After a plural-looking form, a capital or "of" makes it a noun: "states Indiana", "states of".
_NOUN_AFTER = re.compile(r"\s+(?:[A-Z]|of\b)")


def _says(text: str, m: re.Match[str]) -> bool:
    """The name of an ``_NAME_VERB`` match is the subject of a verb of saying: not a passive
    ("was accused"), not the object of a preposition ("refugees from Iraq admitted to ..."),
    and not a plural noun ("Rust Belt states Indiana, Ohio ...", "the Rust Belt states of")."""
    verb = m.group("verb")
    if not inflected_reporting(verb) or (m.group("be") and not verb.endswith("ing")):
        return False
    if ". " not in m.group("before") and _PREPOSITION_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return False  # (a name that runs over a sentence's end opens the next: "Africa. Malaysia said")
    return not (verb.endswith("s") and _NOUN_AFTER.match(text, m.end()))


def _fold(text: str) -> str:
    return re.sub(r"[’']s$", "", text.strip()).casefold()


@dataclass(frozen=True, slots=True)
class SpeakerKinds:
    """Names an article gives, sorted into can-speak and cannot-speak by their labels."""

    speakers: frozenset[str]  # casefolded names and variants of people and organisations
    others: frozenset[str]  # casefolded names of places, dates, works, laws, products ...
    other_words: frozenset[str]  # the words of places' and dates' names, in no speaker's name
    group_words: frozenset[str]  # words of nationalities, religions and parties ("Democratic")
    lower_words: frozenset[str]  # words the article writes in lower case
    places: frozenset[str] = frozenset()  # casefolded names of places, speaking or not

    @classmethod
    def of(cls, entities: Iterable[Entity], paragraphs: Sequence[str]) -> SpeakerKinds:
        speakers: set[str] = set()
        others: set[str] = set()
        groups: set[str] = set()
        places: set[str] = set()
        talking = _subjects_of_cues(paragraphs)
        every_place: set[str] = set()
        for entity in entities:
            forms = {_fold(f) for f in (entity.name, *entity.variants)}
            if entity.type in _MAY_SPEAK_LABELS:
                every_place |= forms
            if entity.type in SPEAKER_LABELS or (entity.type in _MAY_SPEAK_LABELS and forms & talking):
                speakers |= forms
            elif entity.type in NOT_SPEAKER_LABELS:
                others |= forms
                if entity.type in _PLACE_LABELS:
                    places |= forms
            elif entity.type == "NORP":
                groups |= {w for f in forms for w in f.split()}
        others -= speakers
        other_words = {w for name in places - speakers for w in name.split()}
        other_words -= {w for name in speakers for w in name.split()}
        lower = {w for p in paragraphs for w in _WORD.findall(p) if w.islower()}
        return cls(
            frozenset(speakers),
            frozenset(others),
            frozenset(other_words),
            frozenset(groups),
            frozenset(lower),
            frozenset(every_place),
        )

    def can_speak(self, name: str, *, subject: bool = False) -> bool:
        """Whether ``name`` (a resolved speaker) may name who said something. ``subject``: the
        parse made it the subject of the verb of saying, where a platform is the company that
        runs it ("Facebook said"), not where something was posted ("wrote on Facebook")."""
        folded = _fold(name)
        if not folded or (folded in PLATFORMS and not subject) or folded in CALENDAR_WORDS:
            return False
        words = folded.split()
        if folded in self.speakers or (len(words) > 1 and words[-1] in self.speakers):
            return True  # a person's full name, even where the recogniser called it a place
        if folded in self.others:
            return False  # "Vermont", "Thursday"
        place_words = [w for w in words if w in self.other_words]
        if place_words and all(w in self.other_words or w in self.group_words for w in words):
            return False  # "Vermont Democratic": a place and a party, nobody's name
        if not name[:1].isupper():
            return True  # a description as written ("a police spokesman")
        # One capitalised word the article also writes in lower case: a common noun that
        # opened a sentence ("Estimates of ...", "Aides say ...").
        return not (len(words) == 1 and folded in self.lower_words)
