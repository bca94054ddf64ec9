"""Who may have said a quote: the mentions around it, each with what the text says about it.

A quote's speaker is one of the article's mentions near it, a name ("Marta Kovac", "Kovac",
"the Harbour Authority"), a pronoun ("she") or a description ("the spokesman", "officials",
"the statement"), or nobody the article names. :meth:`MentionIndex.candidates` lists the
mentions in the quote's paragraph and the two before it (never inside quotation marks or the
quote's own words: those are what was said, not who said it), each resolved to the fullest name
the article gives, and describes each by features: where it stands from the quote, how its
sentence ties it to a speech verb, what the dependency parse and the hand-written rules chose,
how often the article names it and gives it words. :mod:`viewer.core.quotes.ranker` weighs
them; the features are names (``"pos=after_same|cue_right"``) with values, most of them 1.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from viewer.core.lexicon import DETERMINERS, ROLE_NOUNS, glued_words, word_set
from viewer.core.model import Article, Entity, MentionVia, Span, SpeakerMention
from viewer.core.names import SpeakerKinds
from viewer.core.quotes.evidence import ParsedSubject
from viewer.core.quotes.names import CUES, NameBook, NameRun, is_org, name_runs, role_after, role_before
from viewer.core.quotes.speakers import (
    DOC_NOUNS,
    GROUP_NOUNS,
    ORG_NOUNS,
    WORDS,
    Attribution,
    SpeakerResolver,
    clean_name,
    sentence_ends,
    sentence_start,
)

__all__ = ["Candidate", "CandidatePool", "MentionIndex", "QuoteEvidence", "clean_speaker"]

Features = Mapping[str, float]
_PARAGRAPH = 100_000  # an order is paragraph * _PARAGRAPH + offset (as in speakers.py)
# Paragraphs before the quote's first one where its speaker may stand.
_BACK = 2


@dataclass(frozen=True, slots=True, eq=False)
class Candidate:
    """One mention that may name a quote's speaker, resolved, with its features."""

    mention: SpeakerMention
    speaker: str | None  # the fullest name it stands for (None: nobody the article names)
    role: str | None
    cue: str | None  # the speech verb its sentence ties it to, if any
    cue_span: Span | None
    features: Features


@dataclass(frozen=True, slots=True)
class QuoteEvidence:
    """A quote's place in the text and what the rules and the parse found for it."""

    spans: tuple[Span, ...]
    open_at: int  # the first passage's opening mark, in ``spans[0].paragraph``
    close_end: int  # after the last passage's closing mark, in ``spans[-1].paragraph``
    gaps: tuple[Span, ...] = ()  # the words between the quote's passages ("A," she said, "B.")
    rule_speaker: str | None = None
    rule_mention: tuple[int, int, int] | None = None  # (paragraph, start, end)
    rule_source: str = ""  # own, parse, lead, chain, subject ("" when the rules found nobody)
    attributed: bool = False  # the rules found an attribution in the quote's own sentence
    parsed: ParsedSubject | None = None
    previous_mention: tuple[int, int, int] | None = None  # the rules' mention for the quote before
    previous_speaker: str | None = None
    cue: Span | None = None  # where the verb or phrase attributing the quote stands
    kind: str = "direct"


@dataclass(frozen=True, slots=True)
class _Seen:
    """A mention, resolved, with the features that do not depend on the quote."""

    paragraph: int
    start: int
    end: int
    text: str
    via: MentionVia
    speaker: str | None
    role: str | None
    sentence: int  # where its sentence starts in its paragraph
    cue: tuple[str, int, int] | None
    flags: tuple[str, ...]  # syntactic and form features, quote-independent


_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I)\b")
_PRONOUN_GENDER = {"he": "m", "she": "f"}
_ROLE_PLURALS = frozenset(
    {w + "s" for w in ROLE_NOUNS} | {w[:-3] + "men" for w in ROLE_NOUNS if w.endswith("man")}
)
_ORG_PLURALS = frozenset(w + "s" for w in ORG_NOUNS)
_DOC_PLURALS = frozenset(w + "s" for w in DOC_NOUNS)
# People news quotes without naming them, beside the lexicon's groups.
_UNNAMED = word_set("source sources people voters supporters")
# Words that never modify a speaker noun: a description does not reach back over them.
_NOT_MODIFIERS = word_set(
    """said says say told tells is was are were be been being has have had will would could should
    may might can not no and or but nor that which who whom whose when where while because if as
    than then also to of in on at by for from with about into over after before during since
    until under through he she it they we i you him them us me there here what how why heard hear
    hears saw see sees watched watch"""
)
_SPEECH = CUES | {"according"}
_CUE_AFTER = re.compile(
    r"\s*(?:[’']s\s+)?(?:,\s+)?(?P<gap>(?:(?:also|then|later|has|had|have|once|again|repeatedly|previously|recently|further|would|will)\s+){0,2})(?P<cue>[a-z]+)\b"
)
# "X, director of studies at the U.S.-based Centre, said": periods of abbreviations allowed.
_APPOSITION_CUE = re.compile(
    r",(?:[^,;:.!?\"“”()]|\.(?=[\w,-]|\s[a-z])){1,140},\s+(?:(?:also|then|later|has|had)\s+)?(?P<cue>[a-z]+)\b"
)
_NAME_COMMA = re.compile(r"(?:^|[^\w’'.-])(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}),\s*$")
_PERCEIVED = re.compile(r"\b(?:heard|hear|hears|overheard|saw|see|sees|watched|watch)\s+$")
_AGENTIVE = re.compile(r"(?:ist|ian|ant|ent|ee|man|woman|person|ers|ors|ator|itor|ctor)$")
# "a member of the public", "one veteran of the government projects": the whole phrase.
_QUALIFIER = re.compile(
    r"\s+(?:of|from|at|with|for|in)\s+(?:the\s+)?(?:[a-z][\w’'-]*\s+){0,3}?[a-z][\w’'-]*"
    r"(?=\s*[,.;:!?]|\s+(?:said|says|told|wrote|writes|who|which|commented|added)\b)"
)
_CUE_BEFORE = re.compile(r"\b(?P<cue>[a-z]+)\s+(?:(?:the|a|an)\s+)?(?:[\w’'.&-]+\s+){0,4}$")
_ACCORDING = re.compile(r"\baccording\s+to\s+(?:the\s+|a\s+|an\s+)?(?:[\w’'.&-]+\s+){0,3}$", re.IGNORECASE)
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)
_OBJECT_BEFORE = re.compile(
    r"\b(?:told|tells|tell|telling|asked|asks|ask|with|to|for|about|against|than|like|thanked|met|"
    r"called|named|replaced|succeeded|defeated|beat|criticized|criticised|blamed|attacked|of|on|in|at)\s+"
    r"(?:the\s+|a\s+|an\s+)?$",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"(?:(?:On|In|At|By|For|After|Before|Since|During|But|And|Yet|So|Still|Asked)\b[^,.;:]{0,50},\s*|(?:But|And|Yet|So|Still|Then)\s+)"
)
_PARTY_STATE = re.compile(r"^[DRI]-[A-Z]")


def clean_speaker(
    speaker: str | None,
    role: str | None,
    kinds: SpeakerKinds | None,
    *,
    described: bool = False,
    subject: bool = False,
) -> tuple[str | None, str | None]:
    """A resolved speaker, or nobody where the words name nobody who speaks: a cut-off
    parenthesis ("The Regulator (TR"), a piece of a name ("S" of "S&P"), a page's buttons run
    into a name ("CarterFlagShareLikeReplySara"), a place or a date, or a lone capitalised
    common noun that opened a sentence ("Aides said") unless the parse read it as the
    description it is (``described``). ``subject``: the words are the parse's subject
    of the verb of saying (see :meth:`SpeakerKinds.can_speak`)."""
    if speaker:
        speaker = re.sub(r"\s*\([^)]*$", "", speaker).strip() or None
    if speaker and (len(speaker.strip(".")) < 2 or any(glued_words(w) for w in speaker.split())):
        return None, None
    if described and speaker:
        return speaker, role
    if kinds is not None and speaker and not kinds.can_speak(speaker, subject=subject):
        return None, None
    if speaker and _common_noun_alone(speaker, kinds.speakers if kinds else None):
        return None, None
    return (speaker, role) if speaker else (None, None)


def _common_noun_alone(speaker: str, named: frozenset[str] | None) -> bool:
    """A lone capitalised role or document noun ("Aides", "Attorneys", "Secretary", "Note")
    opened its sentence: it names nobody. A plural never is a person's name; a singular can
    be a surname ("Farmer said"), so it stands when the recogniser took it for a name, and
    without the recogniser only the plural is dropped."""
    if " " in speaker or not speaker[:1].isupper():
        return False
    lowered = speaker.lower().rstrip(".")
    plural = lowered.endswith("s") and _is_role_or_document(lowered[:-1])
    if plural:
        return True
    return named is not None and lowered not in named and _is_role_or_document(lowered)


def _is_role_or_document(word: str) -> bool:
    return word in ROLE_NOUNS or word in DOC_NOUNS


def _overlaps(a: tuple[int, int, int] | None, paragraph: int, start: int, end: int) -> bool:
    return a is not None and a[0] == paragraph and a[1] < end and start < a[2]


def _bucket(n: int, edges: Sequence[int]) -> str:
    """The bucket of ``n``: the first edge it does not exceed, else ``"<last>+"``."""
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f"{edges[-1]}+"


class MentionIndex:
    """The mentions of one article that may name a speaker, found once per paragraph.

    ``quoted`` gives, per paragraph, the character ranges inside quotation marks; ``speaks``
    counts, per resolved name, the quotes the rules gave that name.
    """

    def __init__(
        self,
        article: Article,
        book: NameBook,
        resolver: SpeakerResolver,
        quoted: Mapping[int, Sequence[tuple[int, int]]],
        *,
        entities: Sequence[Entity] = (),
        kinds: SpeakerKinds | None = None,
        speaks: Mapping[str, int] | None = None,
    ) -> None:
        self.paragraphs = article.paragraphs
        self.book = book
        self.resolver = resolver
        self.quoted = {p: sorted(r) for p, r in quoted.items()}
        self.kinds = kinds
        self.speaks = Counter(speaks or {})
        self.labels: dict[int, list[tuple[int, int, str]]] = {}
        for entity in entities:
            for m in entity.mentions:
                if m.where == "paragraph":
                    self.labels.setdefault(m.index, []).append((m.start, m.end, entity.type))
        self.named: Counter[str] = Counter()
        for p, text in enumerate(self.paragraphs):
            ranges = self.quoted.get(p, [])
            for run in name_runs(text):
                if not _in_ranges(ranges, run.start):
                    self.named[clean_name(book.fullest(run.name, p * _PARAGRAPH + run.start))] += 1
        self._seen: dict[int, list[_Seen]] = {}
        self._word_starts: dict[int, list[int]] = {}
        self._speech_sentences: dict[tuple[int, int], bool] = {}

    # --- mentions, once per paragraph -------------------------------------------------------

    def _words(self, p: int, start: int, end: int) -> int:
        """How many words of paragraph ``p`` start in ``[start, end)``."""
        starts = self._word_starts.get(p)
        if starts is None:
            starts = [m.start() for m in WORDS.finditer(self.paragraphs[p])]
            self._word_starts[p] = starts
        return max(0, bisect.bisect_left(starts, end) - bisect.bisect_left(starts, start))

    def _speech_in_sentence(self, p: int, sentence: int, pos: int) -> bool:
        """A speech verb stands in the sentence of paragraph ``p`` that starts at ``sentence``."""
        key = (p, sentence)
        found = self._speech_sentences.get(key)
        if found is None:
            text = self.paragraphs[p]
            found = any(w.lower() in _SPEECH for w in WORDS.findall(text, sentence, _sentence_end(text, pos)))
            self._speech_sentences[key] = found
        return found

    def mentions(self, p: int) -> list[_Seen]:
        found = self._seen.get(p)
        if found is None:
            found = self._find(p)
            self._seen[p] = found
        return found

    def _find(self, p: int) -> list[_Seen]:
        text = self.paragraphs[p]
        ranges = self.quoted.get(p, [])
        out: list[_Seen] = []
        names: list[tuple[int, int]] = []
        for run in name_runs(text):
            if _in_ranges(ranges, run.start) or _PARTY_STATE.match(run.name):
                continue
            if run.name.isupper() and text[run.end : run.end + 1] == ":":
                continue  # a "WATCH:" or "READ MORE:" line
            names.append((run.start, run.end))
            start, words = run.start, run.name
            window = max(0, run.start - 4)
            lead = re.search(r"\b(?:the|The)\s+$", text[window : run.start])
            epithet = lead is not None and len(run.tokens) <= 3
            if epithet and lead is not None:
                # "the Kentucky Republican", "the White House": read as the rules read them
                start = window + lead.start()
                words = text[start : run.end]
            flags = ["via=name", f"words={min(len(run.tokens), 3)}"]
            if epithet:
                flags.append("epithet")
            if is_org(run.name):
                flags.append("org_form")
            if len(run.tokens) == 1 and run.name.isupper() and len(run.name) > 1:
                flags.append("acronym")
            if run.role or role_before(text, run.start) or role_after(text, run.end):
                flags.append("role")
            if run.gender:
                flags.append("honorific")
            label = self._label(p, run.start, run.end)
            flags.append(f"ner={label}")
            if epithet:
                speaker, role = self._resolve(text, p, words, start, run.end)
            else:
                speaker, role = self._resolve_name(text, p, run)
            out.append(
                self._seen_at(p, start, run.end, words, via="name", speaker=speaker, role=role, flags=flags)
            )
        for m in _PRONOUN.finditer(text):
            if _in_ranges(ranges, m.start()):
                continue
            word = m.group().lower()
            flags = ["via=pronoun", f"pron={word}"]
            speaker, role = None, None
            if word in ("he", "she", "it"):
                order = p * _PARAGRAPH + m.start()
                sentence = p * _PARAGRAPH + sentence_start(text, m.start())
                speaker = self.resolver.antecedent(order, word, sentence)
                if speaker is not None:
                    known = self.resolver.gender(speaker)
                    want = _PRONOUN_GENDER.get(word, "")
                    flags.append("gender=" + ("unknown" if not known or not want else "same"))
                    role = self.book.role_of(speaker)
                    speaker, role = clean_speaker(speaker, role, self.kinds)
            out.append(
                self._seen_at(
                    p, m.start(), m.end(), m.group(), via="pronoun", speaker=speaker, role=role, flags=flags
                )
            )
        for start, end, head in _descriptions(text):
            if _in_ranges(ranges, start) or any(a <= start and end <= b for a, b in names):
                continue
            words = text[start:end]
            flags = ["via=description", f"head={_head_kind(head)}"]
            first = words.split()[0].lower()
            flags.append("det=" + (first if first in ("the", "a", "an") else "other"))
            if head.endswith("s") and head not in ROLE_NOUNS:
                flags.append("plural")
            if " " in words and words.split()[1] in ("of", "from", "at", "with", "for", "in"):
                flags.append("qualified")
            named = _NAME_COMMA.search(text, max(0, start - 80), start)
            if named is not None and not _is_name(named.group("name")):
                named = None
            if named is not None:
                # "said Adam Koenig, a state representative who ...": the name's appositive.
                flags.append("appositive")
                speaker, role = self._resolve(
                    text, p, named.group("name"), named.start("name"), named.end("name")
                )
            else:
                speaker, role = self._resolve(text, p, words, start, end)
            out.append(
                self._seen_at(
                    p, start, end, words, via="description", speaker=speaker, role=role, flags=flags
                )
            )
        out.sort(key=lambda s: s.start)
        return out

    def _resolve_name(self, text: str, p: int, run: NameRun) -> tuple[str | None, str | None]:
        """A name to the fullest form the article gives, as the rules resolve it, from the run
        itself ("Ms. May" is a name where "May" alone would be a month)."""
        name = clean_name(self.book.fullest(run.name, p * _PARAGRAPH + run.start))
        can_speak = self.resolver.can_speak
        if can_speak is not None and not can_speak(name) and can_speak(run.name):
            name = run.name  # "Maddow" is not the "Rachel Maddow Show" named elsewhere
        role = (
            run.role or role_before(text, run.start) or role_after(text, run.end) or self.book.role_of(name)
        )
        if role and role.endswith(("’s", "'s")):
            role = None
        return clean_speaker(name, role, self.kinds)

    def _resolve(self, text: str, p: int, words: str, start: int, end: int) -> tuple[str | None, str | None]:
        speaker, role = self.resolver.speaker(text, p, Attribution(words, "", start, end))
        return clean_speaker(speaker, role, self.kinds)

    def _label(self, p: int, start: int, end: int) -> str:
        for a, b, label in self.labels.get(p, ()):
            if a < end and start < b:
                return label
        return "none"

    def _seen_at(
        self,
        p: int,
        start: int,
        end: int,
        words: str,
        *,
        via: MentionVia,
        speaker: str | None,
        role: str | None,
        flags: list[str],
    ) -> _Seen:
        text = self.paragraphs[p]
        sentence = sentence_start(text, start)
        before = text[max(sentence, start - 60) : start]
        after = text[end : end + 120]
        cue: tuple[str, int, int] | None = None
        m = _CUE_AFTER.match(after)
        if m and m.group("cue") in _SPEECH:
            flags.append("cue_right")
            cue = (m.group("cue"), end + m.start("cue"), end + m.end("cue"))
        else:
            m = _APPOSITION_CUE.match(after)
            if m and m.group("cue") in _SPEECH:
                flags.append("cue_apposition")
                cue = (m.group("cue"), end + m.start("cue"), end + m.end("cue"))
        if _ACCORDING.search(before):
            flags.append("according")
            at = before.lower().rfind("according")
            cue = ("according to", start - len(before) + at, start - len(before) + at + 12)
        else:
            b = _CUE_BEFORE.search(before)
            if b and b.group("cue") in CUES and not re.search(r"[.;:!?\"“”]", before[b.end("cue") :]):
                flags.append("cue_left")
                if cue is None:
                    cue = (
                        b.group("cue"),
                        start - len(before) + b.start("cue"),
                        start - len(before) + b.end("cue"),
                    )
        if _PERCEIVED.search(before):
            flags.append("perceived")  # "heard students shout": the heard may speak
        if _BY_BEFORE.search(before):
            flags.append("by")
        elif _OBJECT_BEFORE.search(before):
            flags.append("object")
        if text[end : end + 2] in ("’s", "'s") or text[end : end + 1] in ("’", "'"):
            flags.append("possessive")
        if "(" in text[max(0, start - 2) : start] or "(" in before.rsplit(")", 1)[-1]:
            flags.append("paren")
        if text[end : end + 1] == ":" or text[end : end + 2] == " :":
            flags.append("colon")
        lead = text[sentence:start]
        lead_in = _LEAD_IN.match(lead)
        if not lead.strip(" \"“‘'(—–-") or (lead_in is not None and lead_in.end() == len(lead)):
            flags.append("initial")
        if self._speech_in_sentence(p, sentence, start):
            flags.append("cue_in_sentence")
        if speaker is None:
            flags.append("unresolved")
        else:
            flags.append("person" if self.resolver.is_person(speaker) else "not_person")
            flags.append("named=" + _bucket(self.named.get(speaker, 0), (0, 1, 3)))
            flags.append("speaks=" + _bucket(self.speaks.get(speaker, 0), (0, 1, 3)))
            if not speaker[:1].isupper():
                flags.append("lowercase_speaker")
        return _Seen(p, start, end, words, via, speaker, role, sentence, cue, tuple(flags))

    # --- the candidates of one quote ----------------------------------------------------------

    def candidates(self, quote: QuoteEvidence) -> tuple[Candidate, ...]:
        """The mentions that may name ``quote``'s speaker, with their features."""
        return self.pool(quote).all()

    def pool(self, quote: QuoteEvidence) -> CandidatePool:
        """``quote``'s candidates, each described only when asked for: the ranker often needs
        no more than the one the rules chose (see :func:`~viewer.core.quotes.ranker.decide_among`)."""
        first, last = quote.spans[0], quote.spans[-1]
        p0, p1 = first.paragraph, last.paragraph
        pool: list[_Seen] = []
        for p in range(max(0, p0 - _BACK), p1 + 1):
            pool.extend(self.mentions(p))
        far: list[tuple[int, int, int]] = [m for m in (quote.rule_mention, quote.previous_mention) if m]
        for m in far:
            if m[0] < p0 - _BACK:
                pool.extend(s for s in self.mentions(m[0]) if _overlaps(m, s.paragraph, s.start, s.end))
        if quote.kind == "direct":
            # The quoted words are what was said; a reported statement's words may hold its
            # attribution ("Loyalty, he noted, matters"): those stand "inside".
            own = [(s.paragraph, s.start, s.end) for s in quote.spans]
            pool = [s for s in pool if not any(_overlaps(o, s.paragraph, s.start, s.end) for o in own)]
        placed = [(s, *self._place(quote, s)) for s in pool]
        placed = [(s, pos, dist, sents) for s, pos, dist, sents in placed if pos]
        if not placed:
            return CandidatePool(self, quote, [], [], ())
        ranks = _ranks([(s, pos, dist) for s, pos, dist, _ in placed])
        quote_flags = _quote_flags(self.paragraphs, quote)
        if any(pos in _OWN_SENTENCE and _CUE_FLAGS.intersection(s.flags) for s, pos, _, _ in placed):
            quote_flags = (*quote_flags, "q:cue_in_own_sentence")
        return CandidatePool(self, quote, placed, ranks, quote_flags)

    def _place(self, quote: QuoteEvidence, seen: _Seen) -> tuple[str, int, int]:
        """Where ``seen`` stands from the quote (a position name, "" when it cannot speak for
        it), the words and the sentence ends between them."""
        first, last = quote.spans[0], quote.spans[-1]
        p, text = seen.paragraph, self.paragraphs[seen.paragraph]
        for g in quote.gaps:
            if g.paragraph == p and g.start <= seen.start and seen.end <= g.end:
                return "between", 0, 0
        for s in quote.spans:
            if s.paragraph == p and s.start <= seen.start < s.end:
                return "inside", 0, 0
        if p == first.paragraph and seen.end <= quote.open_at:
            words = self._words(p, seen.end, quote.open_at)
            own = sentence_start(text, quote.open_at)
            if seen.start >= own:
                return "before_same", words, 0
            ends = len(sentence_ends(text, seen.end, own))
            return ("before_prev" if ends <= 1 else "before_far"), words, ends
        if p == last.paragraph and seen.start >= quote.close_end:
            words = self._words(p, quote.close_end, seen.start)
            stops = [
                e for e in sentence_ends(text, quote.close_end, seen.start) if e[0] > quote.close_end + 1
            ]
            if not stops:
                return "after_same", words, 0
            return ("after_next" if len(stops) == 1 else "after_far"), words, len(stops)
        if p < first.paragraph:
            words = self._words(p, seen.end, len(text))
            words += sum(self._words(q, 0, len(self.paragraphs[q])) for q in range(p + 1, first.paragraph))
            words += self._words(first.paragraph, 0, quote.open_at)
            ends = len(sentence_ends(text, seen.end, len(text))) + first.paragraph - p
            back = first.paragraph - p
            return (f"prev{back}" if back <= _BACK else "prev_far"), words, ends
        return "", 0, 0

    def _features(
        self,
        quote: QuoteEvidence,
        seen: _Seen,
        *,
        pos: str,
        dist: int,
        sents: int,
        rank: tuple[str, ...],
        quote_flags: tuple[str, ...],
    ) -> dict[str, float]:
        f: dict[str, float] = {"bias": 1.0, f"pos={pos}": 1.0, "near": 1.0 / (1.0 + math.log1p(dist))}
        f["words=" + _bucket(dist, (0, 2, 5, 10, 20, 40))] = 1.0
        f["sents=" + _bucket(sents, (0, 1, 2))] = 1.0
        flags = [*seen.flags, *rank]
        rule = _overlaps(quote.rule_mention, seen.paragraph, seen.start, seen.end)
        if rule:
            flags += ["rule", f"rule:{quote.rule_source}"]
        elif seen.speaker and seen.speaker == quote.rule_speaker:
            flags.append("rule_name")
        if quote.parsed is not None and _overlaps(
            (quote.parsed.paragraph, quote.parsed.start, quote.parsed.end),
            seen.paragraph,
            seen.start,
            seen.end,
        ):
            flags.append("parse" if quote.parsed.reported else "parse_unreported")
        if (
            quote.cue is not None
            and seen.cue is not None
            and _overlaps(
                (quote.cue.paragraph, quote.cue.start, quote.cue.end),
                seen.paragraph,
                seen.cue[1],
                seen.cue[2],
            )
        ):
            flags.append("quote_cue")  # the subject (or object) of the quote's own cue
        if _overlaps(quote.previous_mention, seen.paragraph, seen.start, seen.end):
            flags.append("prev_rule")
        elif seen.speaker and seen.speaker == quote.previous_speaker:
            flags.append("prev_name")
        if seen.speaker and seen.speaker == quote.rule_speaker and self.speaks.get(seen.speaker, 0) <= 1:
            flags.append("speaks_only_here")
        for flag in flags:
            f[flag] = 1.0
            f[_joined(pos, flag)] = 1.0
        via = f"via={seen.via}"
        links = [link for link in _LINKS if link in flags]
        if rule:
            links.append("rule")
        for flag in quote_flags:
            f[flag] = 1.0
            f[_joined(flag, pos)] = 1.0
            f[_joined(flag, via)] = 1.0
            for link in links:
                f[_joined(flag, link)] = 1.0
        for flag in seen.flags:
            if not flag.startswith("via="):
                f[_joined(via, flag)] = 1.0
        if rule:
            f[_joined("rule", via)] = 1.0
        return f


class CandidatePool:
    """The candidates of one quote, placed and ranked, each described (its features) on first
    request: :meth:`all` in text order, :meth:`at` only those on a given mention."""

    def __init__(
        self,
        index: MentionIndex,
        quote: QuoteEvidence,
        placed: Sequence[tuple[_Seen, str, int, int]],
        ranks: Sequence[tuple[str, ...]],
        quote_flags: tuple[str, ...],
    ) -> None:
        self._index = index
        self._quote = quote
        self._placed = placed
        self._ranks = ranks
        self._quote_flags = quote_flags
        self._made: dict[int, Candidate] = {}

    def _get(self, k: int) -> Candidate:
        made = self._made.get(k)
        if made is None:
            seen, pos, dist, sents = self._placed[k]
            features = self._index._features(
                self._quote,
                seen,
                pos=pos,
                dist=dist,
                sents=sents,
                rank=self._ranks[k],
                quote_flags=self._quote_flags,
            )
            mention = SpeakerMention(seen.paragraph, seen.start, seen.end, seen.text, seen.via)
            cue_span = Span(seen.paragraph, seen.cue[1], seen.cue[2]) if seen.cue else None
            cue = seen.cue[0] if seen.cue else None
            made = Candidate(mention, seen.speaker, seen.role, cue, cue_span, features)
            self._made[k] = made
        return made

    def all(self) -> tuple[Candidate, ...]:
        return tuple(self._get(k) for k in range(len(self._placed)))

    def at(self, paragraph: int, start: int, end: int) -> tuple[Candidate, ...]:
        """The candidates whose mention overlaps ``[start, end)`` of ``paragraph``, in order."""
        return tuple(
            self._get(k)
            for k, (seen, _, _, _) in enumerate(self._placed)
            if seen.paragraph == paragraph and start < seen.end and seen.start < end
        )


# The candidate's features that are also read together with each of the quote's.
_LINKS = ("prev_rule", "prev_name", "cue_right", "cue_left", "cue_apposition", "person")


@functools.lru_cache(maxsize=16384)
def _joined(a: str, b: str) -> str:
    """The name of two features read together (names repeat: made once)."""
    return f"{a}|{b}"


_OWN_SENTENCE = frozenset({"before_same", "between", "after_same"})
_CUE_FLAGS = frozenset({"cue_right", "cue_left", "according", "cue_apposition"})


# The kinds of candidate whose nearest one on each side of the quote is marked, in the order
# their marks are given.
_RANKED = ("any", "name", "pronoun", "cue", "person")


def _ranks(placed: Sequence[tuple[_Seen, str, int]]) -> list[tuple[str, ...]]:
    """Which candidates are the nearest of their kind before or after the quote."""
    best: dict[tuple[str, str], tuple[int, int]] = {}
    for k, (seen, pos, dist) in enumerate(placed):
        side = "after" if pos.startswith("after") or pos == "between" else "before"
        kinds = ["any"]
        if seen.via in ("name", "pronoun"):
            kinds.append(seen.via)
        if not _CUE_FLAGS.isdisjoint(seen.flags):
            kinds.append("cue")
        if "person" in seen.flags:
            kinds.append("person")
        for kind in kinds:
            found = best.get((kind, side))
            if found is None or dist < found[0]:  # the first of the nearest
                best[kind, side] = (dist, k)
    out: list[list[str]] = [[] for _ in placed]
    for kind in _RANKED:
        for side in ("before", "after"):
            found = best.get((kind, side))
            if found is not None:
                out[found[1]].append(f"nearest_{kind}_{side}")
    order = sorted(range(len(placed)), key=lambda k: placed[k][2])
    for rank, k in enumerate(order[:3]):
        out[k].append(f"rank={rank}")
    return [tuple(x) for x in out]


def _quote_flags(paragraphs: Sequence[str], quote: QuoteEvidence) -> tuple[str, ...]:
    first, last = quote.spans[0], quote.spans[-1]
    flags = [f"q:kind={quote.kind}", f"q:rule={quote.rule_source or 'none'}"]
    text = paragraphs[first.paragraph]
    said = [paragraphs[s.paragraph][s.start : s.end] for s in quote.spans]
    flags.append("q:words=" + _bucket(sum(len(WORDS.findall(w)) for w in said), (3, 8, 20)))
    opening = said[0].lstrip(" \"“‘'….")
    if opening[:1].islower():
        flags.append("q:fragment")
    after = paragraphs[last.paragraph][quote.close_end : quote.close_end + 30]
    following = WORDS.match(after.lstrip(" ")) if after[:1] == " " else None
    if following and following.group()[:1].islower() and following.group().lower() not in _SPEECH:
        flags.append("q:sentence_goes_on")  # called it "a disaster" for the region
    if quote.previous_mention is not None and quote.previous_mention[0] >= first.paragraph - 1:
        flags.append("q:after_attributed_quote")
    if not text[: quote.open_at].strip():
        flags.append("q:opens_paragraph")
        if not paragraphs[last.paragraph][quote.close_end :].strip(" .,"):
            flags.append("q:whole_paragraph")
    if first.paragraph != last.paragraph:
        flags.append("q:paragraphs")
    if quote.attributed:
        flags.append("q:attributed")
    if quote.parsed is not None:
        flags.append("q:parsed" if quote.parsed.reported else "q:parsed_unreported")
    if quote.gaps:
        flags.append("q:split")
    return tuple(flags)


def _sentence_end(text: str, pos: int) -> int:
    ends = sentence_ends(text, pos, min(len(text), pos + 600))
    return ends[0][0] if ends else len(text)


def _in_ranges(ranges: Sequence[tuple[int, int]], pos: int) -> bool:
    k = bisect.bisect_right(ranges, (pos, 1 << 62))
    return k > 0 and ranges[k - 1][0] <= pos < ranges[k - 1][1]


_HEADS = (
    ROLE_NOUNS | DOC_NOUNS | ORG_NOUNS | GROUP_NOUNS | _ROLE_PLURALS | _ORG_PLURALS | _DOC_PLURALS | _UNNAMED
)
# Plural heads that open a sentence capitalised ("Officials said", "Sources say").
_PLURAL_HEADS = GROUP_NOUNS | _ROLE_PLURALS | _UNNAMED
_TOKEN = re.compile(r"[\w’'&.-]*\w(?:(?<=s)[’'](?!\w))?")  # "operators'" keeps its apostrophe


def _is_name(words: str) -> bool:
    runs = name_runs(words)
    return bool(runs) and runs[-1].end == len(words)


def _head_kind(head: str) -> str:
    if head in ROLE_NOUNS or head in _ROLE_PLURALS:
        return "role"
    if head in DOC_NOUNS or head in _DOC_PLURALS:
        return "document"
    if head in ORG_NOUNS or head in _ORG_PLURALS:
        return "organisation"
    return "group" if head in GROUP_NOUNS else "agent"


def _descriptions(text: str) -> list[tuple[int, int, str]]:
    """Noun phrases headed by a role, body, document or group noun: "the spokesman", "a
    senior campaign official", "Hale's campaign manager", "officials", "the ministry"."""
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    out: list[tuple[int, int, str]] = []
    for k, (word, _, end) in enumerate(tokens):
        lowered = word.lower()
        if not _is_head(word):
            continue
        if k + 1 < len(tokens) and text[end : tokens[k + 1][1]] == " " and _is_head(tokens[k + 1][0]):
            continue  # "campaign manager": the head is the last noun
        j = k
        determiner = False
        while j > 0 and k - j < 5 and text[tokens[j - 1][2] : tokens[j][1]] == " ":
            previous = tokens[j - 1][0]
            plain = previous.lower()
            if plain in DETERMINERS:
                j -= 1
                determiner = True
                break
            if plain in _NOT_MODIFIERS or plain in CUES or previous[:1].isdigit():
                break
            if plain.endswith(("ed", "ing")) and not (j > 1 and tokens[j - 2][0].lower() in DETERMINERS):
                break  # "heard students", "saying officials": a verb, not a modifier
            j -= 1
            if previous.endswith(("’s", "'s", "s’", "s'")):
                determiner = True  # "Hale's campaign manager", "the operators' association"
                if j > 0 and tokens[j - 1][0].lower() in ("the", "a", "an"):
                    j -= 1
                break
        capitalised = any(t[0][:1].isupper() for t in tokens[j:k])
        if determiner or capitalised or lowered in _PLURAL_HEADS:
            qualified = _QUALIFIER.match(text, end) if determiner else None
            out.append((tokens[j][1], qualified.end() if qualified else end, lowered))
    return out


def _is_head(word: str) -> bool:
    """A lower-case noun that can head a speaker's description: a role, a body, a document, a
    group, or an agent noun by its ending (teacher, columnist, resident)."""
    lowered = word.lower()
    if not word[:1].islower():
        return lowered in _PLURAL_HEADS and lowered.endswith("s") and word[1:].islower()
    return lowered in _HEADS or (len(lowered) > 4 and bool(_AGENTIVE.search(lowered)))
