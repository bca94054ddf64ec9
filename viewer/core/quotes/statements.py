"""Reported and mixed statements, and the one place where all of an article's quotes meet.

:func:`find_reported` asks the learned labeller (:mod:`~viewer.core.quotes.reported`) what
each verb of saying reports, and keeps what it marks as a :class:`ReportedStatement`: the
content, the cue, and the cue's grammatical subject (the parse's candidate for the source).
A content with quoted words in it and words of the reporter's around them is *mixed* (``He
called the plan "a disaster" for the region``); one that is no more than a quotation is the
direct quote the rules already found, and is left to it.

:func:`assemble` puts direct, mixed and reported quotes together in the order of the text: a
mixed statement takes the place of the quoted fragment it carries. It is where a ranker of
speakers comes in, over every quote at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from viewer.core.captions import is_furniture
from viewer.core.lexicon import (
    BE_FORMS,
    LISTENER_VERBS,
    NAMING_VERBS,
    QUESTION_WORDS,
    SUBORDINATORS,
    reporting_lemma,
    word_set,
)
from viewer.core.model import MentionVia, Quote, Span, SpeakerMention
from viewer.core.quotes.evidence import (
    _phrase,
    named_subject_above,
    plural_subject_before,
    said_of,
    takes_infinitive,
)
from viewer.core.quotes.parse import ArticleParse, may_report
from viewer.core.quotes.reported import (
    Candidate,
    Labeller,
    ReportedContent,
    candidates,
    content_of,
    cue_subject,
    features,
    has_subject,
    told_clause,
)
from viewer.core.quotes.works import looks_like_title

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["ReportedStatement", "Source", "assemble", "find_reported", "reported_paragraphs"]

StatementKind = Literal["indirect", "mixed"]

# Words of the reporter's own, outside any quotation, that make a content more than a quote.
_MIXED_WORDS = 2
_WORD = re.compile(r"\w[\w’'-]*")
_LEAD = re.compile(r"(?:that\b(?![’'][a-z])|[\s,;:—–-])+", re.IGNORECASE)  # not "that's": a pronoun
_PUNCTUATION_LEAD = re.compile(r"[\s,;:—–-]+")
_TRAIL = re.compile(r"[\s,;:—–-]+$")
# A conjunction a bound leaves at the end ("there was "no collusion" and | ... vote-getters").
_TRAIL_CONJUNCTION = re.compile(r"(?:[\s,;:—–-]|\b(?:and|but|or)\b)+$")
_MARKS_OPEN = "\"“‘'«„"
_MARKS_CLOSE = "\"”’'»"
_NEGATIONS = frozenset({"not", "n't", "n’t", "never"})
_CONDITIONS = frozenset({"if", "unless"})


@dataclass(frozen=True, slots=True)
class Source:
    """Who the parse says speaks: the cue's subject, where it stands and how it refers."""

    span: Span | None = None
    text: str | None = None  # up to its noun: what a description is resolved by
    via: MentionVia | None = None
    #: A description with the words after its noun ("a person familiar with the talks"), whose
    #: ``text`` is "a person": the speaker as written when it names nobody else.
    whole: Span | None = None
    whole_text: str | None = None
    #: Names joined to the subject ("Marlow and Brennan said"): each speaks too.
    joined: tuple[str, ...] = ()
    #: What a subject pronoun most likely stands for, as the parse reads it ("they": the
    #: senators before it; "he": the named subject of the clause his saying hangs from).
    antecedent: str | None = None
    antecedent_via: MentionVia | None = None


@dataclass(frozen=True, slots=True)
class ReportedStatement:
    """A statement without (or with only some) quotation marks, as the labeller found it.

    ``source`` is the cue's grammatical subject in the parse, the source candidate ("she", "the
    ministry", "Brenmoor"), and how it refers. ``speaker`` and ``role`` are what the rules
    resolve it to (filled by the caller).
    """

    kind: StatementKind
    content: Span
    text: str
    cue: Span
    cue_text: str
    source: Source = Source()
    speaker: str | None = None
    role: str | None = None
    #: The labeller's mean probability for the content's words.
    sure: float = 1.0
    #: The part of the content before a cue that interrupts it ("The repairs, she said, would
    #: take a year"), when there is one.
    lead: Span | None = None

    @property
    def spans(self) -> tuple[Span, ...]:
        return (self.lead, self.content) if self.lead is not None else (self.content,)

    def to_quote(self, fallback: Quote | None = None) -> Quote:
        speaker, role = self.speaker, self.role
        mention = None
        source = self.source
        if speaker and source.span is not None and source.text and source.via:
            s, words = source.span, source.text
            if source.whole is not None and source.whole_text and speaker == source.whole_text:
                s, words = source.whole, source.whole_text
            mention = SpeakerMention(s.paragraph, s.start, s.end, words, source.via)
        elif fallback is not None and fallback.speaker and not _reports(self, fallback.speaker_mention):
            speaker, role, mention = fallback.speaker, fallback.role, fallback.speaker_mention
        return Quote(
            text=self.text,
            speaker=speaker,
            cue=self.cue_text,
            spans=self.spans,
            role=role,
            kind=self.kind,
            cue_span=self.cue,
            speaker_mention=mention,
        )


def reported_paragraphs(paragraphs: Sequence[str]) -> list[int]:
    """The paragraphs that may report speech (a verb of saying, "according to"), furniture
    (captions, credits, datelines) left out."""
    return [p for p, text in enumerate(paragraphs) if may_report(text) and not is_furniture(text)]


def find_reported(
    paragraphs: Sequence[str],
    parse: ArticleParse,
    labeller: Labeller,
    *,
    min_sure: float = 0.0,
    fallback: bool = True,
) -> list[ReportedStatement]:
    """Every statement the labeller finds in the paragraphs that may report one, in order;
    ``min_sure``: only contents whose words the labeller gives at least this probability.
    ``fallback``: where the labeller marks nothing, the plainest construction of reported
    speech the parse shows stands ("X said (that) Y", see :func:`clause_labels`)."""
    out: list[ReportedStatement] = []
    for p in reported_paragraphs(paragraphs):
        for candidate in candidates(parse, p):
            if _not_asserted(candidate):
                continue
            labels, sure = labeller(features(parse, candidate))
            if all(label == "O" for label in labels):
                plain = clause_labels(candidate) if fallback else None
                if plain is None:
                    continue
                labels, sure = plain, [FALLBACK_SURE] * len(plain)
            for content in content_of(parse, candidate, labels, sure):
                if content.sure < min_sure or not content.clause or _names_the_quoted(paragraphs, content):
                    continue
                statement = _statement(parse, candidate, content)
                if statement is not None:
                    out.append(statement)
    return _distinct(out)


def _names_the_quoted(paragraphs: Sequence[str], content: ReportedContent) -> bool:
    """A cue right after a quotation attributes it ('"We will," said Mayor Ines Marlow.'): the
    name right after the cue is who said it, never what is reported."""
    text = paragraphs[content.paragraph]
    before = text[: content.cue_start].rstrip()
    right_after = content.start >= content.cue_end and not text[content.cue_end : content.start].strip()
    return (
        before.endswith(('"', "”", "’", "'"))
        and right_after
        and text[content.start : content.start + 1].isupper()
    )


#: The labeller's probability a content found by :func:`clause_labels` counts as.
FALLBACK_SURE = 0.5
# Verbs of saying that report a whole clause ("said the plan failed"), not a question, a
# name or an order ("asked whether", "called it", "urged them to").
_CLAUSE_CUES = word_set(
    """say tell add state announce warn explain note insist argue claim report confirm
    acknowledge admit write stress predict concede contend maintain reiterate caution complain
    emphasize emphasise point"""
)


def clause_labels(candidate: Candidate) -> list[str] | None:
    """Content labels for the plainest report the parse shows, or ``None``: a verb of saying
    with a subject of its own (whoever says it) and a clausal complement with a subject of
    its own (what is said): "Protesters say there is misinformation", "Fifty people are
    missing, the Red Cross said". What a learned labeller may miss in a sentence it finds
    unusual, the grammar still says."""
    cue = candidate.cue
    if reporting_lemma(cue.text) not in _CLAUSE_CUES or not _says_for_itself(cue):
        return None  # its own subject: "the results help to explain ..." is nobody saying
    clause = told_clause(cue)
    if clause is None:
        return _trailing_labels(candidate)
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return None
    first, last = clause.left_edge, clause.right_edge
    if first.lower_ == "that" and first.dep_ == "mark":
        first = first.nbor(1)
    if first.lower_ in QUESTION_WORDS:
        return None  # "explained how the deal works": an account, not a statement
    labels = []
    for token in candidate.sentence:
        inside = first.i <= token.i <= last.i
        labels.append(("B" if token.i == first.i else "I") if inside else "O")
    return labels


def _trailing_labels(candidate: Candidate) -> list[str] | None:
    """Content labels for a report whose cue closes the sentence after a comma, with a subject
    of its own: "The troops entered the building, where they left a bomb, a guard told
    Reuters." The parse may hang such a cue from the clause before it, as if the guard's
    telling were a circumstance of the entering; in news it is whose words the clause is. A
    clause that opens with "when", "after" ... is a circumstance, and stays one."""
    cue, sentence = candidate.cue, candidate.sentence
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None or cue.tag_ not in ("VBD", "VBZ", "VBP") or subject.i > cue.i:
        return None
    comma = subject.left_edge.i - 1
    words = [t for t in sentence if not t.is_punct]
    if comma <= sentence.start or cue.doc[comma].text != "," or not words or cue.right_edge.i < words[-1].i:
        return None
    if any(c.i > cue.i and not _closes_a_trailing_cue(cue, c) for c in cue.children):
        return None  # "..., the governor reiterated his request that ..."
    before = cue.doc[sentence.start : comma]
    # A clause of its own: a verb with a subject and no "as", "if" ... before it. Not "After
    # they left, ...", "Even as shares fell, ..."; nor a participle's ("Asked if he would ...").
    main = any(has_subject(t) and not any(c.dep_ == "mark" for c in t.children) for t in before)
    if not main or before[0].tag_ in ("VBG", "VBN"):
        return None
    if cue.dep_ == "conj" and any(c.dep_ == "cc" and cue.head.i < c.i < cue.i for c in cue.head.children):
        return None  # "They have lived here for years, and ... their smiles said a lot"
    return ["B" if t.i == sentence.start else ("I" if t.i < comma else "O") for t in sentence]


def _closes_a_trailing_cue(cue: Token, child: Token) -> bool:
    """What may follow a cue that closes its report: who heard it ("told the Gazette"), when,
    where or how ("on Thursday", "in a statement"), and what else was said (", adding that ...")."""
    if child.dep_ in ("dobj", "dative"):
        return reporting_lemma(cue.lower_) in LISTENER_VERBS
    if child.dep_ == "advcl":
        return child.tag_ == "VBG" and reporting_lemma(child.lower_) is not None  # ", adding that ..."
    return child.dep_ in ("npadvmod", "advmod", "prep", "punct")


def _says_for_itself(cue: Token) -> bool:
    """The cue has a subject of its own, or shares one as the second of two verbs ("She
    visited the pier and said ...") or as a participle after its verb ("..., saying ...")."""
    if any(c.dep_ == "nsubj" for c in cue.children):
        return True
    shared = (cue.dep_ == "conj" and cue.tag_ in ("VBD", "VBZ", "VBP")) or (
        cue.dep_ == "advcl" and cue.tag_ == "VBG" and cue.i > cue.head.i
    )
    return shared and any(c.dep_ == "nsubj" for c in cue.head.children)


# Verbs whose infinitive is a plan, a wish, a forecast or a refusal, not a deed: "planned to
# charge", "wants to tell", "is expected to announce", "declined to say whether ...".
_UNASSERTING = word_set(
    """plan plans planned planning want wants wanted wanting hope hopes hoped hoping intend
    intends intended intending expect expects expected expecting aim aims aimed aiming refuse
    refuses refused refusing decline declines declined declining fail fails failed failing wish
    wishes wished wishing prepare prepares prepared preparing set due likely unlikely going"""
)


# Subjects that name no speaker.
_IMPERSONAL = word_set("it this that which what")
# Fixed phrases of the writer's own voice: "Needless to say", "Suffice it to say".
_WRITERS_PHRASES = word_set("needless suffice")


def _writers_infinitive(cue: Token) -> bool:
    """An infinitive of saying that nobody in the text says: the writer's turn of phrase ("Which
    is not to say ...", "It is fair to say ...", "Needless to say") or an arrangement ("The
    minister is to announce ...": will announce). "His answer was to say ..." and "He was
    quick to say ..." stay reports."""
    head = cue.head
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children):
        return False
    if head.lower_ in _WRITERS_PHRASES:
        return True
    if head.lower_ not in BE_FORMS:
        return False
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "expl")), None)
    if subject is None or subject.lower_ in _IMPERSONAL:
        return True
    # "is to announce" is a plan; "His answer was to say ..." is what was said.
    return head.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "acomp" for c in head.children)


def _what_was_said_named(cue: Token, children: list[Token]) -> bool:
    """The clause names what was said without reporting it: "not everything Brennan says is
    true" (which the parse often reads as "Brennan says [it] is true"), "anything she says".
    "What the government says is a deficit" and "something she said the board will focus on"
    still report what they say."""
    return cue.dep_ == "relcl" and cue.head.lower_ in _EVERY_THING


_EVERY_THING = word_set("everything anything nothing")


_NOTHING_SAID = word_set("nothing little")


def _says_nothing(cue: Token, children: list[Token]) -> bool:
    """What the cue takes is no statement: "The ministers said nothing about the dollar"; "The
    firm agreed to pay $1m" (a deal done, not words said; "agreed that ..." is a statement);
    "Lind was said to be furious" (hearsay about Lind, by nobody named)."""
    if any(c.dep_ == "dobj" and c.lower_ in _NOTHING_SAID for c in children):
        return True
    if said_of(cue):
        return True
    return (
        reporting_lemma(cue.lower_) == "agree"
        and all(c.dep_ != "ccomp" for c in children)
        and takes_infinitive(cue)
    )


def _not_asserted(candidate: Candidate) -> bool:
    """The cue reports nothing said: negated ("did not say"), asked about ("Did she say ...?"),
    a condition or a habit ("if he says ...", "whenever she tells ..."), a plan, wish, forecast
    or refusal ("declined to say whether ...", "planned to announce"), or a bare participle
    ("Written in 1990, the song ...")."""
    cue = candidate.cue
    children = list(cue.children)
    if any(c.dep_ == "neg" or (c.lower_ in _NEGATIONS and c.i < cue.i) for c in children):
        return True
    if (
        cue.dep_ == "xcomp" and (cue.head.lower_ in _UNASSERTING or _writers_infinitive(cue))
    ) or _says_nothing(cue, children):
        return True
    if any(
        (c.dep_ == "mark" and c.lower_ in _CONDITIONS) or (c.lower_ == "whenever" and c.i < cue.i)
        for c in children
    ) or _what_was_said_named(cue, children):
        return True
    if cue.tag_ == "VBN" and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "agent") for c in children
    ):
        return True  # a participle that names a text ("Written for the festival; ..."), no report
    if not candidate.sentence.text.rstrip().rstrip("\"”’'").endswith("?"):
        return False
    # A question about the statement puts its auxiliary before the subject: "Did she say".
    first_aux = next((c for c in children if c.dep_ == "aux"), None)
    subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return first_aux is not None and subject is not None and first_aux.i < subject.i < cue.i


def _statement(
    parse: ArticleParse, candidate: Candidate, content: ReportedContent
) -> ReportedStatement | None:
    p = content.paragraph
    text = parse.paragraphs[p]
    # "that" opens what a verb says ("said that ..."), never what follows "according to X,"
    # ("According to the port, that target is met"): there it is the statement's own word.
    opens = content.start >= content.cue_end and not (
        content.cue_text.lower().startswith("according")
        and _AFTER_CLAUSE_BREAK.search(text, 0, content.start)
    )
    stop = _clause_end(parse, candidate, content)
    start, end = _trimmed(text, content.start, min(content.end, stop), after_cue=opens)
    left = _TRAIL_CONJUNCTION.search(text, start, end) if stop < content.end else None
    end = left.start() if left is not None else end
    quotations = [(a, b) for a, b in parse.quoted.get(p, ()) if a < end and b > start]
    # A content that opens or closes inside a quotation takes the whole of it.
    for a, b in quotations:
        start, end = min(start, a), max(end, b)
    if quotations:
        if start > 0 and text[start - 1] in _MARKS_OPEN and any(a == start for a, _ in quotations):
            start -= 1
        if end < len(text) and text[end] in _MARKS_CLOSE and any(b == end for _, b in quotations):
            end += 1
    if end - start < 2 or not _WORD.search(text, start, end):
        return None
    kind: StatementKind = "indirect"
    if quotations:
        outside = _words_outside(text, start, end, quotations)
        if outside < _MIXED_WORDS:
            return None  # a quotation and little else: the direct quote the rules found
        kind = "mixed"
    source = _source(parse, candidate, content, start, end)
    if source is None:
        return None  # the subject inside the content: the parse has lost its way
    lead = None
    words = text[start:end]
    if content.lead is not None:
        lead_start, lead_end = _trimmed(text, *content.lead)
        if lead_end > lead_start and not any(
            a < lead_end and b > lead_start for a, b in parse.quoted.get(p, ())
        ):
            lead = Span(p, lead_start, lead_end)
            words = f"{text[lead_start:lead_end]} {words}"
    said_by = source.span
    if said_by is not None and lead is not None and said_by.start < lead.end and said_by.end > lead.start:
        return None
    return ReportedStatement(
        kind=kind,
        content=Span(p, start, end),
        text=words,
        cue=Span(p, content.cue_start, content.cue_end),
        cue_text=content.cue_text,
        source=source,
        sure=content.sure,
        lead=lead,
    )


_SUBORDINATORS = SUBORDINATORS | {"after"}


def _clause_end(parse: ArticleParse, candidate: Candidate, content: ReportedContent) -> int:
    """Where what a cue in an adverbial clause reports ends: with that clause, when the content
    the labeller read runs on into the main clause ("When Marlow noted that ... ― Brennan
    boasted, "..."": what she noted ends before "Brennan boasted"); a quotation right after the
    clause's last word stays in. Else the content's own end: "As X observed, ..." reports the
    main clause, and a content that stops before it needs no bound."""
    cue, p = candidate.cue, candidate.paragraph
    subordinate = cue.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in _SUBORDINATORS for c in cue.children
    )
    main = parse.original(p, cue.head) if subordinate and cue.head.i > cue.i else None
    edge = parse.original(p, cue.right_edge) if main is not None else None
    if main is None or edge is None or not edge[1] <= main[0] < content.end or edge[1] <= content.start:
        return content.end
    stop = edge[1]
    text = parse.paragraphs[p]
    for a, b in sorted(parse.quoted.get(p, ())):
        if stop <= a < content.end and not text[stop:a].strip(" ,-–—\"“‘'"):
            stop = min(content.end, b + 1)  # "lamented her gaffes - "does she ...?""
    return stop


def _source(
    parse: ArticleParse, candidate: Candidate, content: ReportedContent, start: int, end: int
) -> Source | None:
    """Who the parse says speaks, or ``None`` when that lies inside the content ``[start,
    end)`` (the parse has lost its way)."""
    p = content.paragraph
    subject = cue_subject(candidate.cue)
    if subject is None:
        return Source()
    masked = parse.masked(p)
    found = _phrase(candidate.cue.doc, masked, p, subject, content.cue_text)
    if found is None:
        return Source()
    if found.start < end and found.end > start:
        return None
    if _impersonal(subject, candidate.cue):
        return Source()  # "It is said that ...": an impersonal passive names nobody
    source = Source(Span(p, found.start, found.end), found.text, found.kind, joined=found.joined)
    if found.whole_end is not None and not (found.start < end and found.whole_end > start):
        source = replace(source, whole=Span(p, found.start, found.whole_end), whole_text=found.whole_text)
    before = None
    if subject.lower_ == "they":
        before = plural_subject_before(subject, masked)
    elif subject.lower_ in ("he", "she", "it"):
        before = named_subject_above(candidate.cue, masked)
    ante = _phrase(candidate.cue.doc, masked, p, before, content.cue_text) if before is not None else None
    if ante is not None and not (ante.start < end and ante.end > start):
        source = replace(source, antecedent=ante.whole_text or ante.text, antecedent_via=ante.kind)
    return source


def _impersonal(subject: Token, cue: Token) -> bool:
    """``subject`` is the "it" of an impersonal passive, which stands for the clause after it
    ("It was reported that ..."), not for a body ("It is said to favour ...", "It has been
    called ...": the body spoken of before)."""
    return (
        subject.lower_ == "it"
        and subject.dep_ == "nsubjpass"
        and subject.head.i == cue.i
        and any(c.dep_ == "ccomp" for c in cue.children)
    )


# The end of "according to X," before what it reports: a comma, and perhaps "and" or "but".
_AFTER_CLAUSE_BREAK = re.compile(r",\s*(?:(?:and|but)\s+)?$")


def _trimmed(text: str, start: int, end: int, *, after_cue: bool = True) -> tuple[int, int]:
    """Without a leading "that" (after the cue: "said that ...") or punctuation, nor trailing
    punctuation (a full stop stays when it ends the statement's sentence). Before the cue
    "that" is the statement's own word: "That creates an opening, according to the analyst"."""
    lead = (_LEAD if after_cue else _PUNCTUATION_LEAD).match(text, start, end)
    if lead is not None:
        start = lead.end()
    trail = _TRAIL.search(text, start, end)
    if trail is not None:
        end = trail.start()
    return start, end


def _words_outside(text: str, start: int, end: int, quotations: Sequence[tuple[int, int]]) -> int:
    count = 0
    for m in _WORD.finditer(text, start, end):
        if not any(a - 1 <= m.start() < b + 1 for a, b in quotations) and m.group().lower() != "that":
            count += 1
    return count


def _distinct(statements: list[ReportedStatement]) -> list[ReportedStatement]:
    """One statement per content: two cues of one clause ("said and added") mark it twice."""
    seen: set[tuple[int, int, int]] = set()
    out: list[ReportedStatement] = []
    for s in statements:
        key = (s.content.paragraph, s.content.start, s.content.end)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def assemble(
    direct: Sequence[Quote],
    reported: Sequence[ReportedStatement],
    *,
    with_terms: bool = False,
    speaker: Callable[[Quote], Quote] | None = None,
) -> tuple[Quote, ...]:
    """Every quote of the article in the order of the text.

    A mixed statement carries the quotation inside it: that quote is not given again on its
    own. A statement that carries only a quoted term (a title, a scare quote: nobody's words)
    is reported speech. ``with_terms``: keep quoted terms nobody said (``kind="term"``).
    ``speaker`` (the learned ranker) decides the speaker of every statement, of every kind,
    once they are assembled; without it each keeps the one the rules gave it.
    """
    absorbed: set[int] = set()
    quotes: list[Quote] = []
    for found in reported:
        statement, fallback = found, None
        if statement.kind == "mixed":
            inside = [k for k, q in enumerate(direct) if _inside(q.spans, statement.content)]
            partly = [
                k for k, q in enumerate(direct) if k not in inside and _overlaps(q.spans, statement.content)
            ]
            if partly:
                continue  # a quotation that runs on past the statement: the quote stands alone
            absorbed.update(inside)
            fallback = next((direct[k] for k in inside if direct[k].speaker), None)
            if (
                inside
                and not any(direct[k].is_statement for k in inside)
                and not _names_in_quotes(statement)
                and all(looks_like_title(direct[k].text) for k in inside)
            ):
                # It carries only a quoted title, nobody's words: reported speech. A few
                # words in small letters inside what a verb of saying reports ("said it was
                # "a mistake"") are the speaker's own.
                statement = replace(statement, kind="indirect")
        quotes.append(statement.to_quote(fallback))
    quotes.extend(q for k, q in enumerate(direct) if k not in absorbed and (with_terms or q.is_statement))
    quotes.sort(key=lambda q: (q.spans[0].paragraph, q.spans[0].start) if q.spans else (0, 0))
    if speaker is not None:
        quotes = [speaker(q) if q.is_statement else q for q in quotes]
    return tuple(quotes)


def _names_in_quotes(statement: ReportedStatement) -> bool:
    return reporting_lemma(statement.cue_text.split()[0]) in NAMING_VERBS if statement.cue_text else False


def _reports(statement: ReportedStatement, mention: SpeakerMention | None) -> bool:
    """The words that named a quotation's speaker lie after the statement's cue, inside what
    it reports: what was said, not who said it ("described the Bollywood elements as
    "jarring""). Before the cue they may be its subject, whatever the content took in."""
    content, cue = statement.content, statement.cue
    return (
        mention is not None
        and mention.paragraph == content.paragraph
        and content.start <= mention.start < content.end
        and cue.paragraph == mention.paragraph
        and cue.end <= mention.start
    )


def _inside(spans: Sequence[Span], outer: Span) -> bool:
    return bool(spans) and all(
        s.paragraph == outer.paragraph and outer.start <= s.start and s.end <= outer.end for s in spans
    )


def _overlaps(spans: Sequence[Span], outer: Span) -> bool:
    return any(s.paragraph == outer.paragraph and s.start < outer.end and s.end > outer.start for s in spans)
