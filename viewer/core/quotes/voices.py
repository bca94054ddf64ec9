"""Words someone else was heard saying: "Ann Roe said she heard protesters shout, "Out!"".

News reports what a witness heard or saw others say with a verb of perceiving, the people
heard, and a bare verb of speaking before the quotation. The quotation is then the words of
those heard, not of the witness who is the sentence's subject. Pure character rules.
"""

from __future__ import annotations

import re

from viewer.core.quotes.speakers import Attribution

__all__ = ["heard_voice"]

# "heard students shout", "saw a man yelling", "overheard one officer tell": the heard speakers
# are one to four words between the two verbs, with no punctuation (a clause of their own).
_HEARD = re.compile(
    r"\b(?:heard|hear|hears|hearing|overheard|saw|see|sees|seeing|watched|watch|watches)\s+"
    r"(?P<who>(?:[\w’'-]+\s+){0,3}?[\w’'-]+)\s+"
    r"(?P<cue>shout|shouting|shouted|chant|chanting|chanted|yell|yelling|yelled|scream|screaming"
    r"|say|saying|tell|telling|call|calling|cry|crying|sing|singing|whisper|whispering)\b"
)
# How far the quotation may open after the speaking verb ("shout at the crowd, "...""; an
# earlier quotation joined by "and").
_REACH = 40
_WINDOW = 140  # the perceiving verb, up to four heard words, the speaking verb and the reach
_VERB_STEMS = ("hear", "saw", "see", "watch")
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "it", "me", "us", "you"})
_CLAUSE_WORDS = frozenset({"that", "what", "how", "why", "when", "where", "whether", "if"})


def heard_voice(text: str, start: int, open_at: int) -> Attribution | None:
    """The people heard speaking in ``text[start:open_at]`` when the quotation at ``open_at``
    follows the perceiving clause closely; None otherwise."""
    window = text[max(start, open_at - _WINDOW) : open_at]
    if not any(verb in window for verb in _VERB_STEMS):
        return None  # most attributions hear and see nothing: skip the pattern
    found = None
    for m in _HEARD.finditer(text, max(start, open_at - _WINDOW), open_at):
        found = m
    if found is None or open_at - found.end() > _REACH:
        return None
    who = found.group("who")
    first = who.lower().split()[0]
    if first in _CLAUSE_WORDS:
        return None  # "saw that people say": no one heard, a clause
    if first in _OBJECT_PRONOUNS:
        # "heard him shout": someone other than the witness, too far back to name safely.
        return Attribution("", found.group("cue"), -1, -1)
    return Attribution(who, found.group("cue"), found.start("who"), found.end("who"))
