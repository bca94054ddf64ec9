"""Attribution from the dependency parse: the subject of the verb a quotation hangs from.

The rules in :mod:`viewer.core.quotes` read word order; they do not know that in
``When Hale suggested X, Okafor fired back: "..."`` the speaker is Okafor, or that in
``Marlow seemed ready to joke about it, telling the crowd, "..."`` it is Marlow. The parse does:
the quotation is a clause of some verb outside it, and that verb (or the verb it depends on, for
a participle or a second verb of the same subject) has a subject.

Each paragraph with a quotation is parsed once, with the long quotations replaced by a short
clause of the same closing punctuation, so that the parse costs little and the quoted words,
which are what was said and not who said it, cannot be taken for the speaker.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from viewer.core.lexicon import BE_FORMS, RELATIVE_PRONOUNS, ROLE_NOUNS, reporting_lemma
from viewer.core.quotes.names import CUES, NAME_LINKS, body_word
from viewer.core.quotes.speakers import sentence_ends

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["ParsedSubject", "Parser", "colon_leads", "masked_paragraph", "may_report", "parsed_subjects"]

# Texts -> their dependency parses (None when no parser is available).
Parser = Callable[[Sequence[str]], "Sequence[Doc] | None"]

# A quotation of more than this many words is replaced by a stand-in clause when parsed: the
# parse of a sentence should not depend on what was said, only on how it is reported.
_MASK_OVER = 3
_STAND_IN = "It is so"
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Links that pass the subject of one verb down to another: "seemed ready ..., telling",
# "was joined on stage and joked", "went on to say", "was quoted as saying".
_CLIMB = frozenset({"advcl", "xcomp", "conj", "pcomp", "prep", "acomp", "ccomp"})
_CLIMB_STEPS = 4
# How a reported clause hangs from the verb that reports it.
_REPORTED = frozenset({"ccomp", "parataxis"})
# "Estimates are problematic - Pew Research: "..."": a linking verb reports nothing.
_LINKING_VERBS = frozenset(
    {
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "seems", "seemed",
        "'s", "’s", "'re", "’re", "'m", "’m",
    }
)  # fmt: skip
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you"})


@dataclass(frozen=True, slots=True)
class ParsedSubject:
    """Who the parse says a quotation is attributed to, by offsets into its paragraph."""

    paragraph: int
    start: int
    end: int
    text: str
    cue: str
    kind: Literal["name", "pronoun", "description"]
    # False: no speech verb reports the quotation; this is only the subject of its sentence
    # ("Moore thanked him for "..."") and says that someone is there, not that they spoke.
    reported: bool = True
    # A description with the words after its noun that say who it is ("a person familiar with
    # the talks", "officials in the finance ministry"): where it ends and its words. ``text``
    # stops at the noun, which is what a description is resolved by.
    whole_end: int | None = None
    whole_text: str | None = None
    # Names joined to this one ("Ines Marlow and Otto Brennan said"): the others' words.
    joined: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Masked:
    """A paragraph with its long quotations replaced; ``pieces`` map masked offsets back."""

    text: str
    pieces: tuple[tuple[int, int, int], ...]  # (masked start, original start, length), kept text
    quotes: tuple[tuple[int, int], ...]  # masked ranges of each quotation's words
    originals: tuple[tuple[int, int], ...]  # the same quotations' original ranges


# A wire story's dateline opening its first paragraph: the place in capitals, a state or a
# date, the agency, a dash ("ORLANDO, Fla. (Reuters) - ", "PORT ALDER (AP) — "); a place
# written in small letters only with its agency ("Washington (AFP) – ").
_AGENCY = r"\([A-Z][\w.]*(?: [A-Z][\w.]*){0,3}\)"
_DATELINE = re.compile(
    rf"(?:[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){{0,3}}(?:, [\w.]+(?: [\w.]+){{0,3}})?(?: {_AGENCY})?"
    rf"|[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){{0,3}}(?:, [\w.]+(?: [\w.]+){{0,3}})? {_AGENCY})"  # "Washington (AFP)"
    r" ?(?:—|–|--?) ?(?=[A-Z“\"‘'])"
)


_WORD = re.compile(r"[A-Za-z]+")
_DOUBLE_MARKS = ('"', "“", "”")
_THEY = re.compile(r"\b[Tt]hey\b")


def may_report(text: str) -> bool:
    """``text`` holds a word that may report speech: a form of a verb of saying or writing, or
    "according to". Cheap: it decides which paragraphs, and which of their sentences, are parsed."""
    lowered = text.lower()
    if "according to" in lowered:
        return True
    return any(reporting_lemma(w) is not None for w in _WORD.findall(lowered))


def masked_paragraph(text: str, spans: Sequence[tuple[int, int]]) -> _Masked:
    """``text`` as the parser is given it (see :func:`_masked`). Made once per paragraph and
    quotations: the batch's list of texts to parse, the article's parse and the readers of the
    quotations' subjects and of colon lead-ins all ask for it."""
    return _masked(text, tuple((start, end) for start, end in spans))


def clear_mask_cache() -> None:
    _masked.cache_clear()


@functools.lru_cache(maxsize=2048)
def _masked(text: str, spans: tuple[tuple[int, int], ...]) -> _Masked:
    """``text`` as the parser is given it. Each long quoted span is replaced by a stand-in
    clause ending in the same punctuation ("...tonight," -> "It is so,"); short spans stay as
    written. A dateline is left out: it is no part of the sentence, and the parse takes the
    place for its subject. So is a sentence nothing reads a parse of (:func:`_idle_sentences`):
    the parse is the dearest step of the analysis, and a paragraph's other sentences do not
    change how a quotation or a verb of saying hangs in its own."""
    out: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    quotes: list[tuple[int, int]] = []
    originals: list[tuple[int, int]] = []
    dateline = _DATELINE.match(text)
    pos = dateline.end() if dateline is not None and not any(a < dateline.end() for a, _ in spans) else 0
    length = 0
    cuts = [(start, end, True) for start, end in spans]
    cuts.extend((start, end, False) for start, end in _idle_sentences(text, spans, pos))
    for start, end, quoted in sorted(cuts):
        if start < pos:
            continue
        kept = text[pos:start]
        pieces.append((length, pos, len(kept)))
        out.append(kept)
        length += len(kept)
        pos = end
        if not quoted:
            continue  # an idle sentence: left out, a gap between the pieces
        words = text[start:end]
        originals.append((start, end))
        if len(words.split()) > _MASK_OVER:
            stripped = words.rstrip()
            tail = stripped[-1] if stripped and stripped[-1] in ",.?!:;—–-" else ""
            stand_in = _STAND_IN + tail
            quotes.append((length, length + len(stand_in)))
            out.append(stand_in)
            length += len(stand_in)
        else:
            pieces.append((length, start, end - start))
            quotes.append((length, length + end - start))
            out.append(words)
            length += end - start
    pieces.append((length, pos, len(text) - pos))
    out.append(text[pos:])
    return _Masked("".join(out), tuple(pieces), tuple(quotes), tuple(originals))


def _idle_sentences(text: str, spans: Sequence[tuple[int, int]], start: int) -> list[tuple[int, int]]:
    """The sentences of ``text`` (from ``start``) that no reader of the parse reads, each with
    the space after it. A sentence is read when it holds a quotation or a word that may report
    speech, when it is the short sentence that may attribute the quotation before it, the
    lead-in a closing colon opens, or the sentence before a "they" that reports (whose subject
    "they" may stand for). When none holds anything to read, none is idle (the paragraph was
    asked for as a whole)."""
    bounds = [start, *(nxt for _, nxt in sentence_ends(text, start)), len(text)]
    if len(bounds) < 3:
        return []
    sentences = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]
    quoted = [
        any(s < b and a < e for s, e in spans) or any(m in text[a:b] for m in _DOUBLE_MARKS)
        for a, b in sentences
    ]
    reports = [may_report(text[a:b]) for a, b in sentences]
    read = [q or r for q, r in zip(quoted, reports, strict=True)]
    for k in range(1, len(sentences)):
        a, b = sentences[k]
        read[k] = read[k] or quoted[k - 1]
        read[k - 1] = read[k - 1] or (reports[k] and _THEY.search(text, a, b) is not None)
    read[-1] = read[-1] or text.rstrip().endswith(":")
    idle = [span for span, needed in zip(sentences, read, strict=True) if not needed]
    return idle if len(idle) < len(sentences) else []


def _original(masked: _Masked, start: int, end: int) -> tuple[int, int] | None:
    """Original offsets of masked ``[start, end)``, when it lies in kept text: in one piece,
    or across pieces kept whole side by side (a short quotation inside a name, "Riefian
    “Ifan” Fajarsyah", is written as it stands)."""
    found: tuple[int, int] | None = None
    reach = -1  # the masked offset the pieces taken so far run to
    for m_start, o_start, size in masked.pieces:
        if found is None and m_start <= start < m_start + size:
            found = (o_start + start - m_start, 0)
        elif found is not None and (m_start != reach or o_start != found[0] + (m_start - start)):
            return None  # a stand-in or a gap between the pieces
        if found is not None:
            reach = m_start + size
            if end <= reach:
                return found[0], o_start + end - m_start
    return None


def parsed_subjects(
    paragraphs: Sequence[str],
    quotes: Sequence[tuple[int, tuple[int, int]]],
    quoted: dict[int, list[tuple[int, int]]],
    parser: Parser,
) -> list[ParsedSubject | None]:
    """For each quotation (paragraph, (start, end) of its first words), the subject of the
    verb it depends on, or ``None`` when the parse shows none outside quotation marks."""
    wanted = sorted({p for p, _ in quotes})
    masks = {p: masked_paragraph(paragraphs[p], [(a, b) for a, b in quoted.get(p, [])]) for p in wanted}
    docs = parser([masks[p].text for p in wanted])
    if docs is None:
        return [None for _ in quotes]
    by_paragraph = dict(zip(wanted, docs, strict=True))
    found: list[ParsedSubject | None] = []
    for p, (start, _end) in quotes:
        masked = masks[p]
        where = next((q for q, o in zip(masked.quotes, masked.originals, strict=True) if o[0] == start), None)
        found.append(None if where is None else _subject_of_quote(by_paragraph[p], masked, p, where))
    return found


def colon_leads(
    paragraphs: Sequence[str],
    wanted: Sequence[int],
    quoted: dict[int, list[tuple[int, int]]],
    parser: Parser,
) -> dict[int, ParsedSubject]:
    """For paragraphs that end with a colon before a paragraph of quotation ("Cruz called
    them on it:"), the subject of their last sentence's main verb, when it is a name or a
    personal pronoun."""
    wanted = sorted(set(wanted))
    masks = {p: masked_paragraph(paragraphs[p], [(a, b) for a, b in quoted.get(p, [])]) for p in wanted}
    docs = parser([masks[p].text for p in wanted]) if wanted else None
    if docs is None:
        return {}
    found: dict[int, ParsedSubject] = {}
    for p, doc in zip(wanted, docs, strict=True):
        sentences = list(doc.sents)
        if not sentences:
            continue
        root = sentences[-1].root
        # "X made the claim, and Y responded:": the colon ends the last clause, Y's.
        conjuncts = [c for c in root.children if c.dep_ == "conj" and _subject_child(c, masks[p]) is not None]
        if conjuncts:
            root = conjuncts[-1]
        subject = _subject_child(root, masks[p])
        # "X rose and said:": the cue is the last verb of the clause.
        last = [c for c in root.children if c.dep_ == "conj" and c.i > root.i]
        cue_verb = last[-1] if last else root
        if subject is None or root.lower_ in _LINKING_VERBS:
            continue
        phrase = _phrase(doc, masks[p], p, subject, _cue(cue_verb))
        if phrase is not None and (phrase.kind == "name" or phrase.text.lower() in ("he", "she")):
            found[p] = phrase
    return found


def _first_at(doc: Doc, offset: int) -> int:
    """The index of the first token of ``doc`` that starts at ``offset`` or after it (``len(doc)``
    when none does): a binary search, where a scan would make a Python object of every token."""
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _text(doc: Doc, masked: _Masked) -> str:
    """``doc.text`` for the parse of ``masked``: its text, unless the parser cut it short
    (spaCy builds ``doc.text`` anew, token by token, each time it is asked for)."""
    if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(masked.text):
        return masked.text
    return doc.text


def _in_quote(masked: _Masked, token: Token) -> bool:
    return any(a <= token.idx < b for a, b in masked.quotes)


def _subject_of_quote(doc: Doc, masked: _Masked, p: int, where: tuple[int, int]) -> ParsedSubject | None:
    a, b = where
    inside = [doc[i] for i in range(_first_at(doc, a), _first_at(doc, b))]
    if not inside:
        return None
    inside_ids = {t.i for t in inside}
    verb: Token | None = None
    for t in inside:
        if t.head.i not in inside_ids and t.head.i != t.i:
            # Words after a colon are what the clause before it introduces ("X boomed: "..."").
            colon = _text(doc, masked)[:a].rstrip(" \"“‘'«").endswith(":")
            verb = _reporting_verb(t, colon or _is_clause(inside))
            if verb is None and colon:
                verb = _cue_before_colon(doc, a)
            if verb is None:
                return _sentence_subject(doc, masked, p, t, a)
            break
    if verb is None:
        # The quotation is the sentence's main clause: "...," according to X / X said.
        root = next((t for t in inside if t.head.i == t.i), None)
        if root is None:
            return None
        for child in root.children:
            if child.i in inside_ids or _in_quote(masked, child):
                continue
            if child.lower_ == "according":
                return _according(doc, masked, p, child)
            if child.dep_ in ("parataxis", "ccomp", "conj", "advcl") and _cue_token(child):
                verb = child
                break
        if verb is None:
            verb = _verb_after(doc, masked, root, b)
        if verb is None:
            return _clause_subject_before(doc, masked, p, root, a)
    if verb.lower_ == "according" or (verb.lower_ == "to" and verb.head.lower_ == "according"):
        return _according(doc, masked, p, verb if verb.lower_ == "according" else verb.head)
    return _subject_above(doc, masked, p, verb)


def quoted_as(verb: Token, before: int | None = None) -> Token | None:
    """The one ``verb`` quotes as saying: its object when an "as" follows it (before token
    ``before``, if given): "Arab News quoted Prince Saud as saying", ""...," Reuters quoted one
    trader as saying". ``None`` otherwise: "Pelosi often quotes Lincoln saying ..." is hers,
    in his words."""
    if verb.lower_ not in ("quoted", "quotes", "quoting"):
        return None
    end = verb.right_edge.i + 1 if before is None else before
    quoted = next((c for c in verb.children if c.dep_ == "dobj" and c.i < end), None)
    if quoted is None or not any(t.lower_ == "as" for t in verb.doc[quoted.i + 1 : end]):
        return None
    return quoted


def object_controller(verb: Token) -> Token | None:
    """The object of the verb an infinitive hangs from, which is the infinitive's subject:
    "leading some commentators to argue that ...", "prompted analysts to say ..."; not after
    "promise", whose subject keeps the infinitive ("promised voters to ...")."""
    if verb.dep_ != "xcomp" or verb.tag_ != "VB" or verb.head.lemma_ == "promise":
        return None
    return next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)


def _subject_above(doc: Doc, masked: _Masked, p: int, verb: Token) -> ParsedSubject | None:
    """The subject of the verb that reports a quotation, or of the verbs it hangs from; of
    "X quoted Y as saying", Y."""
    cue = _cue(verb)
    below: Token | None = None
    for _ in range(_CLIMB_STEPS):
        quoted = quoted_as(verb)
        if quoted is not None and not _in_quote(masked, quoted):
            subject: Token | None = quoted
        else:
            subject = _subject_child(verb, masked) or object_controller(verb)
        if below is not None and joined_to_finite(below):
            subject = None  # "tweeting that it was "..." and asking, "..."": not "it"
        if subject is not None and subject.lower_ in RELATIVE_PRONOUNS:
            # "Smith, who chairs the board, said": the relative stands for the noun it follows.
            subject = verb.head if verb.dep_ == "relcl" else None
            if subject is None:
                return None
        if subject is not None:
            if not is_cue(cue.split()[0]) and subject.lower_ in _PRONOUNS - {"he", "she"}:
                return None  # "it" of a verb that is no speech verb: too weak to name anyone
            return _phrase(doc, masked, p, subject, cue)
        if verb.dep_ == "acl" and verb.head.text[:1].isupper() and is_cue(cue.split()[0]):
            # "O'Malley, who signed the law, interjected to say:" parsed as a clause of the
            # name: the name it hangs from is who spoke.
            return _phrase(doc, masked, p, verb.head, cue)
        if verb.dep_ not in _CLIMB or verb.head.i == verb.i or said_of(verb):
            return None  # "the mayor was said to be "furious"": said by nobody named
        below, verb = verb, verb.head
    return None


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def joined_to_finite(participle: Token) -> bool:
    """A participle the parse joins by "and" to a finite verb: words of that form are not
    joined in English, so it goes with a participle higher up ("tweeting that it was unfair
    and asking ..." asks as it tweets), and the finite verb's subject is not its own."""
    return participle.tag_ == "VBG" and participle.dep_ == "conj" and participle.head.tag_ in _FINITE_TAGS


def _clause_subject_before(
    doc: Doc, masked: _Masked, p: int, root: Token, start: int
) -> ParsedSubject | None:
    """Someone a clause before the quotation is about ("When Hale wrapped up — "..." —"):
    no speech verb, so only a sign that the quote does not continue the previous speaker."""
    for child in root.children:
        if child.idx >= start or _in_quote(masked, child):
            continue
        subject = _subject_child(child, masked)
        if subject is not None and subject.lower_ not in RELATIVE_PRONOUNS:
            found = _phrase(doc, masked, p, subject, "")
            if found is not None:
                return ParsedSubject(
                    found.paragraph, found.start, found.end, found.text, "", found.kind, False
                )
    return None


def _cue_before_colon(doc: Doc, start: int) -> Token | None:
    """The speech verb that ends the words before a colon and a quotation ("... to say:")."""
    before = [t for t in doc if t.idx < start and not t.is_punct]
    return before[-1] if before and _cue_token(before[-1]) else None


def _verb_after(doc: Doc, masked: _Masked, root: Token, end: int) -> Token | None:
    """The verb of a short sentence right after a quotation the parser closed as a sentence
    of its own: ""...?" Kovac shot back."."""
    after = (doc[i] for i in range(_first_at(doc, end), len(doc)))
    following = [t for t in after if t.head.i == t.i and not _in_quote(masked, t)]
    if not following or following[0].sent.start_char - end > 3 or len(following[0].sent) > 10:
        return None
    verb = following[0]
    back = any(c.lower_ == "back" for c in verb.children)
    return verb if (_cue_token(verb) or back) and _subject_child(verb, masked) is not None else None


def _reporting_verb(token: Token, clause: bool) -> Token | None:
    """The verb that reports the quotation whose outermost word is ``token``.

    The nearest speech verb above it ("told the crowd that the festival had "..."" is told's);
    failing one, the main verb of a sentence whose reported clause the quotation is ("X shot
    back: "...""). A quotation inside any other clause ("the deal was "fair"") is nobody's.
    """
    verb = token.head
    for _ in range(_CLIMB_STEPS + 1):
        if verb.lower_ == "according" or _cue_token(verb):
            return verb
        if verb.head.i == verb.i:
            break
        verb = verb.head
    first = token.head
    # The parser hung the quotation on the main verb, beside the speech verb that reports it:
    # "X seemed ready to talk, telling the crew, "..."", "X was prompted to say, "..."".
    beside = [
        c
        for c in first.children
        if c.i < token.i
        and _cue_token(c)
        # "telling the crew", "to say", not "Asked about it, she smiled"
        and (c.lower_.endswith("ing") or (c.dep_ == "xcomp" and c.tag_ == "VB"))
        and c.dep_ in _CLIMB
        and _subject_child(c, None) is None
    ]
    if beside:
        return beside[-1]
    main = first.dep_ == "ROOT" or first.head.dep_ == "ROOT"
    if clause and token.dep_ in _REPORTED and main and first.lower_ not in _LINKING_VERBS:
        return first
    return None


def _sentence_subject(doc: Doc, masked: _Masked, p: int, token: Token, before: int) -> ParsedSubject | None:
    """The subject of the main verb of the quotation's sentence, when it stands before it."""
    verb = token.head
    while verb.head.i != verb.i:
        verb = verb.head
    subject = _subject_child(verb, masked)
    if subject is None or subject.idx >= before or subject.lower_ in RELATIVE_PRONOUNS:
        return None
    found = _phrase(doc, masked, p, subject, "")
    if found is None:
        return None
    return ParsedSubject(found.paragraph, found.start, found.end, found.text, "", found.kind, reported=False)


def plural_subject_before(they: Token, masked: _Masked) -> Token | None:
    """What a subject "they" most likely stands for: the nearest plural noun that is a
    subject before it, in its sentence or the one before ("Senators are eager to leave, and
    they say ...", "The Greens believe ...; they say ..."), never inside a quotation. A verb
    the parse gives two subjects is a parse that lost its way (a list of nouns in an opening
    phrase taken for a subject): neither is trusted."""
    doc = they.doc
    start = they.sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    for token in reversed(doc[start : they.i]):
        if (
            token.dep_ in ("nsubj", "nsubjpass")
            and token.tag_ in ("NNS", "NNPS")
            and not _in_quote(masked, token)
            and sum(c.dep_ in ("nsubj", "nsubjpass") for c in token.head.children) == 1
        ):
            return token
    return None


def named_subject_above(cue: Token, masked: _Masked) -> Token | None:
    """The name that is the subject of a clause a "he said" hangs from: in "Marlow was
    losing patience when he said ..." he is Marlow (a clause before it, "Although Brennan
    said ..., he said ...", governs nothing and gives nobody)."""
    for verb in cue.ancestors:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not _in_quote(masked, child):
                return child if child.tag_ == "NNP" else None
    return None


def is_cue(word: str) -> bool:
    """A speech verb of the lexicon (said, told, tweeted, shot back ...)."""
    return word.lower() in CUES


def _cue_token(token: Token) -> bool:
    """``token`` is a speech verb of the lexicon used as a verb, not a word of a name or a title
    in capitals inside a sentence ("the United States", "Ana Lind Says No")."""
    if not is_cue(token.text):
        return False
    return not (
        token.text[:1].isupper()
        and not token.is_sent_start
        and token.i > 0
        and token.nbor(-1).text[:1].isupper()
    )


def _is_clause(tokens: Sequence[Token]) -> bool:
    """The quoted words (or their stand-in) hold a verb with its own subject."""
    return any(t.dep_ in _SUBJECTS for t in tokens)


def said_of(verb: Token) -> bool:
    """A passive verb of saying with an infinitive: "Lind was said to be "furious"", "the firm
    is reported to be keen". Its subject is who is spoken of; who says it goes unnamed, or
    is the "by" of the passive."""
    return (
        reporting_lemma(verb.text) is not None
        and any(c.dep_ == "auxpass" and c.lower_ in BE_FORMS for c in verb.children)
        and takes_infinitive(verb)
    )


def takes_infinitive(verb: Token) -> bool:
    """The verb takes an infinitive: "agreed to pay", "was said to be"."""
    return any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children)


def _subject_child(verb: Token, masked: _Masked | None) -> Token | None:
    """The verb's subject, or the "by" of its passive; of "X was said to ..." only the "by"."""
    spoken_of = said_of(verb)
    for child in verb.children:
        if child.dep_ in _SUBJECTS and not spoken_of and not (masked and _in_quote(masked, child)):
            return child
        if child.dep_ == "agent":  # "was told by X"
            for obj in child.children:
                if obj.dep_ == "pobj" and not (masked and _in_quote(masked, obj)):
                    return obj
    return None


def _according(doc: Doc, masked: _Masked, p: int, according: Token) -> ParsedSubject | None:
    for to in according.children:
        for obj in to.children if to.lower_ == "to" else ():
            if obj.dep_ == "pobj" and not _in_quote(masked, obj):
                return _phrase(doc, masked, p, obj, "according to")
    return None


def _cue(verb: Token) -> str:
    """The verb with its particle: "shot back", "fired back", "pointed out"."""
    particles = [c for c in verb.children if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ == "back")]
    if particles and particles[0].i == verb.i + 1:
        return f"{verb.text} {particles[0].text}"
    return verb.text


def _phrase(doc: Doc, masked: _Masked, p: int, head: Token, cue: str) -> ParsedSubject | None:
    """The subject's words: a pronoun, a name (with its compound words), or a description."""
    if head.lower_ in _PRONOUNS:
        kind: Literal["name", "pronoun", "description"] = "pronoun"
        first, last = head, head
    else:
        aside = _before_an_aside(head)
        head = _named_in_apposition(head, masked) or aside or head
        first, last = _left_of(head), _name_of_body(head)
        if aside is not None and first.i > 0 and first.nbor(-1).tag_ == "DT":
            first = first.nbor(-1)  # "the government - ... -": the parse gave "the" to the aside
        # A word opening its sentence is capitalised like a name ("Experts said", "Several
        # asked"): a name only when the parse tags it one.
        common = head.tag_ not in ("NNP", "NNPS") and head.is_sent_start
        kind = "name" if head.text[:1].isupper() and not common else "description"
    span = _original(masked, first.idx, last.idx + len(last.text))
    if span is None:
        return None
    found = ParsedSubject(p, span[0], span[1], doc[first.i : last.i + 1].text, cue, kind)
    if kind == "name":
        return _names_joined(doc, masked, found, head, first)
    if kind == "description":
        return _with_whole(doc, masked, found, first, _description_end(masked, head))
    return found


def _name_of_body(head: Token) -> Token:
    """The last word of a body's name that goes on through "of" or "for" ("The Bank of
    England", "The British Chambers of Commerce", "the Ministry for Ferries"): the parse
    hangs the rest from the body's word. A person's name does not ("Ines Marlow of Harbour
    Lines" is Ines Marlow)."""
    if not body_word(head.text):
        return head
    prep = next((c for c in head.rights if c.dep_ == "prep"), None)
    if prep is None or prep.lower_ not in ("of", "for") or prep.i != head.i + 1:
        return head
    last = head
    for token in head.doc[prep.i + 1 : prep.right_edge.i + 1]:
        joined = token.i > 0 and not token.nbor(-1).whitespace_ and last.i == token.i - 1  # "Co-operation"
        if not (token.text[:1].isupper() or joined or (token.lower_ in NAME_LINKS and last.i > prep.i)):
            break
        last = token
    while last.lower_ in NAME_LINKS:
        last = last.nbor(-1)
    return last if last.i > prep.i else head


_MODIFIERS_BEFORE = frozenset({"compound", "det", "amod", "poss", "nmod", "case", "flat", "nummod"})


def _left_of(head: Token) -> Token:
    """The first word of a name's or a description's phrase: its compound words, article,
    modifiers and number ("40 percent of islanders", "Two officials"), and the whole of a
    hyphenated word with what the parse hung from its first piece ("The vice-president", whose
    "vice" and "-" the parse gave to the verb)."""
    left = head
    for child in head.children:
        if child.i < head.i and child.dep_ in _MODIFIERS_BEFORE:
            left = min(left, child.left_edge, key=lambda t: t.i)
    while left.i >= 2 and left.doc[left.i - 1].text == "-" and not left.doc[left.i - 1].whitespace_:
        before = left.doc[left.i - 2]
        if before.whitespace_:
            break
        left = min([before, *(c.left_edge for c in before.children if c.i < before.i)], key=lambda t: t.i)
    # A dash with a space before it sets phrases apart ("than Mr. Trump - 60 percent of voters
    # said"): what the parse hangs from the noun across it is another phrase.
    dashes = [t for t in left.doc[left.i : head.i] if _spaced_dash(t)]
    return left.doc[dashes[-1].i + 1] if dashes else left


_DASHES = frozenset({"-", "–", "—", "--"})


def _spaced_dash(token: Token) -> bool:
    return token.text in _DASHES and token.i > 0 and bool(token.nbor(-1).whitespace_)


def _before_an_aside(head: Token) -> Token | None:
    """The noun before an aside set off by dashes that the parse took for the subject
    ("EADS - Airbus' majority owner - admitted"): the aside describes it."""
    doc = head.doc
    if head.i + 1 >= len(doc) or not _spaced_dash(doc[head.i + 1]):
        return None
    opening = next((t for t in doc[head.left_edge.i : head.i] if _spaced_dash(t)), None)
    if opening is None or opening.i == 0:
        return None
    before = doc[opening.i - 1]
    return before if before.tag_.startswith("NN") else None


def _names_joined(
    doc: Doc, masked: _Masked, found: ParsedSubject, head: Token, first: Token
) -> ParsedSubject:
    """A name with the names joined to it ("Marlow and Brennan said": both speak); names and a
    description joined ("The UK, Latvia and the Canadian government said") speak together, as
    written: the first name alone is a third of it."""
    conjuncts = _conjuncts(head)
    if not conjuncts or any(_in_quote(masked, c) for c in conjuncts):
        return found
    if all(c.text[:1].isupper() for c in conjuncts):
        phrases = [_phrase(doc, masked, found.paragraph, c, found.cue) for c in conjuncts]
        joined = [other.text for other in phrases if other is not None and other.kind == "name"]
        return replace(found, joined=tuple(joined)) if len(joined) == len(conjuncts) else found
    last_word = conjuncts[-1].right_edge
    return _with_whole(doc, masked, found, first, last_word.idx + len(last_word.text))


def _conjuncts(head: Token) -> list[Token]:
    """The words joined to ``head`` by "and" or a comma, in order: "Marlow, Brennan and Lind"
    (the parse chains them, each the conjunct of the one before)."""
    found: list[Token] = []
    for child in head.children:
        if child.dep_ == "conj" and child.i > head.i:
            found.extend([child, *_conjuncts(child)])
    return sorted(found, key=lambda t: t.i)


def _with_whole(
    doc: Doc, masked: _Masked, found: ParsedSubject, first: Token, end: int | None
) -> ParsedSubject:
    """``found`` with its whole phrase up to masked offset ``end``, when that is kept text."""
    whole = _original(masked, first.idx, end) if end is not None else None
    if whole is None or whole[0] != found.start:
        return found
    return replace(found, whole_end=whole[1], whole_text=_text(doc, masked)[first.idx : end])


# How the words after a description's noun say who it is: "a person familiar with the talks",
# "officials at the ministry", "an expert cited in the report", "all those involved".
_POST_MODIFIERS = frozenset({"prep", "amod", "acl"})
# Longer than this, the words after the noun are more than a description (a misparse).
_WHOLE_WORDS = 10


def _named_in_apposition(head: Token, masked: _Masked) -> Token | None:
    """The name in apposition that names who a subject is: "the director of Y, Jane Doe,
    said", "One Democrat, Sen. Jane Doe, said" ("Apple, Inc." is no person in apposition)."""
    capital = head.text[:1].isupper()
    one_word = capital and not any(c.dep_ == "compound" and c.text[:1].isupper() for c in head.children)
    if capital and not one_word:
        return None
    # "A spokesman for the firm, Dr Ines Marlow, said": the parse may hang the name from the
    # firm; after a role it still names the person.
    objects = [o for prep in head.children if prep.dep_ == "prep" for o in prep.children if o.dep_ == "pobj"]
    for owner in [head, *(objects if head.lower_ in ROLE_NOUNS else [])]:
        for child in owner.children:
            if child.dep_ != "appos" or not child.text[:1].isupper() or _in_quote(masked, child):
                continue
            if (not one_word and owner is head) or sum(t.text[:1].isupper() for t in child.subtree) >= 2:
                return child
    return None


def _description_end(masked: _Masked, head: Token) -> int | None:
    """Where a description ends with the words after its noun that belong to it, or ``None``
    when none do. Not past a comma or a relative clause ("officials, who ..."), never into a
    quotation or onto a verb of saying."""
    last = head
    for child in head.rights:
        if child.dep_ not in _POST_MODIFIERS or child.i != last.i + 1:
            break
        edge = _edge(child)
        words = list(head.doc[child.i : edge.i + 1])
        if any(
            t.is_punct or _in_quote(masked, t) or (t.tag_.startswith("VB") and is_cue(t.text)) for t in words
        ):
            break
        last = edge
    if last is head or last.i - head.i > _WHOLE_WORDS:
        return None
    return last.idx + len(last.text)


def _edge(token: Token, *, top: bool = True) -> Token:
    """The last word of ``token``'s phrase, a second phrase joined to it left out ("familiar
    with the talks but not authorised to speak" ends at "talks"); names joined inside it stay
    ("reports in the Journal and the Times")."""
    last = token
    rights = list(token.rights)
    for k, child in enumerate(rights):
        if child.dep_ in ("punct", "relcl", "appos") or (top and child.dep_ in ("cc", "conj")):
            break
        if child.dep_ == "cc" and not any(c.dep_ == "conj" for c in rights[k + 1 :]):
            break  # "the talks but unauthorized to speak": the parse joins nothing to "talks"
        last = _edge(child, top=False)
    return last
