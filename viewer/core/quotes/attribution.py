"""Direct quotations and who said them, by rules on the text (no language model needed).

1. :mod:`viewer.core.quotes.marks` finds the quoted passages (marks excluded, quotations
   running over paragraphs joined).
2. Passages split only by their attribution (``"A," she said. "B."``) become one quote.
3. Each quote gets a speaker from its own sentence ("X said", "said X", "X, the minister,
   said", "according to X", "X said:" before it), else from the sentence before it, else from
   the quote before it (a chain of paragraphs by one speaker).
4. The speaker is resolved to the fullest name the article gives: surnames and titles through
   :class:`~viewer.core.quotes.names.NameBook`, pronouns to the person last spoken of, and
   descriptions ("the spokesman", "the statement") to the person or body the article names.
Short quoted terms that nobody is said to have said come out with ``kind="term"``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from viewer.core.captions import is_furniture
from viewer.core.lexicon import (
    LISTENER_VERBS,
    NAMING_VERBS,
    NEW_REFERENT,
    ROLE_NOUNS,
    SUBORDINATORS,
    reporting_lemma,
    word_set,
)
from viewer.core.model import Article, Entity, MentionVia, Quote, Span, SpeakerMention
from viewer.core.names import SpeakerKinds
from viewer.core.quotes.candidates import MentionIndex, QuoteEvidence, clean_speaker
from viewer.core.quotes.evidence import ParsedSubject, Parser, clear_mask_cache, colon_leads, parsed_subjects
from viewer.core.quotes.learned import tagger
from viewer.core.quotes.marks import Passage, find_passages, outer_families
from viewer.core.quotes.names import (
    CUES,
    PRONOUNS,
    TITLES,
    NameBook,
    NameRun,
    build_book,
    clear_name_cache,
    name_runs,
)
from viewer.core.quotes.parse import ArticleParse
from viewer.core.quotes.ranker import QuoteDraft, SpeakerRanker, decide_among, default_ranker
from viewer.core.quotes.speakers import (
    GROUP_NOUNS,
    PERSON_DESCRIBED,
    PHRASE_BREAK,
    RECORD_NOUNS,
    WORDS,
    Attribution,
    SpeakerResolver,
    clear_sentence_cache,
    document_head,
    is_speaker_noun,
    owned_by_another,
    sentence_ends,
    sentence_start,
)
from viewer.core.quotes.statements import ReportedStatement, assemble, find_reported, reported_paragraphs
from viewer.core.quotes.voices import heard_voice
from viewer.core.quotes.works import beside_work_noun, headline_before_byline, not_speech
from viewer.core.quotes.works import looks_like_title as _is_title

__all__ = [
    "DEFAULT_RANKER",
    "clear_caches",
    "draft_quotes",
    "find_quotes",
    "quoted_words",
    "speech_passages",
    "texts_to_parse",
]

_CUE_PHRASES = re.compile(
    r"\b(?:according to|went on|goes on|pointed out|points out|summed up|in a statement)\b"
)
_ADVERBS = word_set(
    """also later then previously has had have would will once recently further simply quickly
    flatly repeatedly reportedly publicly privately again earlier last told famously proudly
    bluntly candidly angrily calmly softly firmly recently often frequently just never"""
)
_DESCRIPTION = re.compile(
    r"^(?:the|a|an|his|her|their|its|our|one|another|that|this|[A-Z][\w.&-]*[’']s)\s+"
    r"(?P<body>(?:[\w’'\-]+\s+){0,5}?)"
    r"(?P<head>[\w\-]+)$",
    re.IGNORECASE,
)
_QUALIFIED_DESCRIPTION = re.compile(
    r"\b(?:the|a|an|one|another|some)\s+(?:[\w’'-]+\s+){0,3}?(?P<head>[\w-]+)"
    r"\s+(?:of|from|at|with|for|in)\s+(?:the\s+)?[\w’'\s-]{1,60}$",
    re.IGNORECASE,
)
# Quoted terms up to this many words, with no attribution of their own, are terms.
_TERM_WORDS = 3


@dataclass(slots=True)
class _Found:
    """A quote being built: its passages and what attribution was found for it."""

    passages: list[Passage]
    speaker: str | None = None
    cue: str | None = None
    role: str | None = None
    attributed: bool = False  # attribution came from the quote's own sentence
    # Someone else the quote's own sentence is about (its subject, no speech verb): the
    # quote does not simply continue the previous speaker's words.
    other_subject: str | None = None
    title: bool = False  # the name of a show or a work ("on "Morning Desk"")
    adjacent: bool = False  # its speaker is named right after it ("...," X said)
    # The words the rules took the speaker from (paragraph, start, end), and how they found
    # them: "own" (the quote's sentence), "parse", "lead" (the sentence before), "chain" (the
    # quote before), "subject" (the subject of the sentence before). Evidence for the ranker.
    mention: tuple[int, int, int] | None = None
    source: str = ""
    parsed: ParsedSubject | None = None
    prior: _Found | None = None  # the quote before with a speaker, when this one was attributed

    @property
    def first_paragraph(self) -> int:
        return self.passages[0].spans[0].paragraph

    @property
    def last_paragraph(self) -> int:
        return self.passages[-1].spans[-1].paragraph

    @property
    def spans(self) -> tuple[Span, ...]:
        return tuple(s for p in self.passages for s in p.spans)


class _Default:
    """The packaged speaker model (see :func:`~viewer.core.quotes.ranker.default_ranker`)."""


DEFAULT_RANKER = _Default()


def find_quotes(
    article: Article,
    entities: Sequence[Entity] = (),
    *,
    with_terms: bool = False,
    parser: Parser | None = None,
    ranker: SpeakerRanker | _Default | None = DEFAULT_RANKER,
) -> tuple[Quote, ...]:
    """Every quote in the article's body (direct, mixed, reported), in order, with its speaker.

    ``entities`` (the article's merged named entities, if recognition ran) widen the names
    the speakers resolve to; without them the article's own capitalised names serve.
    ``parser`` (the full path) gives dependency parses: the subject of the verb a quotation
    hangs from then outranks word order, and reported speech is found. Scare quotes and titles
    are left out unless ``with_terms`` (then ``kind="term"``). Every statement's speaker is the
    one ``ranker`` chooses among its candidate mentions, or nobody when the ranker is unsure
    (``None``: the rules' choice). By default that is
    :func:`~viewer.core.quotes.ranker.default_ranker`'s when the entities are known (a model
    learned from articles with them; the rule-only first paint keeps the rules').
    """
    found = _analyse(article, entities, parser)
    if found is None:
        return ()
    model = (default_ranker() if entities else None) if isinstance(ranker, _Default) else ranker
    if model is None:
        return tuple(map(_document_no_voice, assemble(found.direct, found.reported, with_terms=with_terms)))
    index = found.index()

    def speaker(quote: Quote) -> Quote:
        return decide_among(quote, index.pool(found.evidence(quote)), model)

    quotes = assemble(found.direct, found.reported, with_terms=with_terms, speaker=speaker)
    return tuple(map(_document_no_voice, quotes))


def _document_no_voice(quote: Quote) -> Quote:
    """A statement whose source is a document the article names no author for ("city documents
    say", "according to the memo") has no speaker: a document is no voice, and counting it
    as one would put "a tweet" among the people an article quotes. The words that name it stay,
    as the quote's source (``via`` "document")."""
    mention = quote.speaker_mention
    if mention is None or mention.via != "description" or not quote.speaker or quote.corrected:
        return quote
    if quote.speaker.casefold() != mention.text.casefold() or document_head(mention.text) is None:
        return quote
    return replace(quote, speaker=None, role=None, speaker_mention=replace(mention, via="document"))


def draft_quotes(
    article: Article,
    entities: Sequence[Entity] = (),
    *,
    parser: Parser | None = None,
    with_candidates: bool = True,
    statements: Sequence[Quote] | None = None,
) -> tuple[QuoteDraft, ...]:
    """Every quote with the speaker the rules give it and (``with_candidates``) the mentions
    that may name its speaker, each with its evidence: what a ranker decides on (see
    :mod:`viewer.core.quotes.candidates`). Terms included; in text order.

    ``statements``: reported or mixed statements found by other means (their spans, kind and
    cue span; a speaker and its mention, when given, count as the rules' choice), drafted
    beside the quotations instead of the ones the article's parse finds.
    """
    found = _analyse(article, entities, parser, find_statements=statements is None)
    if found is None:
        return ()
    if statements is None:
        quotes: Sequence[Quote] = assemble(found.direct, found.reported, with_terms=True)
    else:
        quotes = sorted([*found.direct, *statements], key=_place)
    if not with_candidates:
        return tuple(QuoteDraft(q) for q in quotes)
    index = found.index()
    return tuple(
        QuoteDraft(q, index.candidates(found.evidence(q))) if q.is_statement else QuoteDraft(q)
        for q in quotes
    )


def _place(quote: Quote) -> tuple[int, int]:
    return (quote.spans[0].paragraph, quote.spans[0].start) if quote.spans else (0, 0)


@dataclass(slots=True)
class _Analysis:
    """An article's quotations with the rules' speakers, its reported statements, and what
    the ranker's candidates are drawn from."""

    article: Article
    entities: Sequence[Entity]
    book: NameBook
    resolver: SpeakerResolver
    quoted: dict[int, list[tuple[int, int]]]
    kinds: SpeakerKinds | None
    found: list[_Found]
    direct: list[Quote]
    reported: list[ReportedStatement]

    def index(self) -> MentionIndex:
        speaks = Counter(q.speaker for q in self.direct if q.speaker and q.is_statement)
        speaks.update(r.speaker for r in self.reported if r.speaker)
        return MentionIndex(
            self.article, self.book, self.resolver, self.quoted, entities=self.entities, kinds=self.kinds,
            speaks=speaks,
        )  # fmt: skip

    def evidence(self, quote: Quote) -> QuoteEvidence:
        """The rules' evidence for a quotation they attributed, else the quote's own."""
        if quote.kind in ("direct", "term"):
            for item, q in zip(self.found, self.direct, strict=True):
                if q.spans == quote.spans:
                    return _evidence(item, item.prior, q)
        return _statement_evidence(quote)


def _analyse(
    article: Article, entities: Sequence[Entity], parser: Parser | None, *, find_statements: bool = True
) -> _Analysis | None:
    paragraphs = article.paragraphs
    if not paragraphs:
        return None
    passages = speech_passages(paragraphs)
    words = quoted_words(passages)
    shared = ArticleParse(paragraphs, words, parser) if parser is not None else None
    kinds = SpeakerKinds.of(entities, paragraphs) if entities else None
    book = build_book(article, entities, words)
    quoted: dict[int, list[tuple[int, int]]] = {}
    for passage in passages:
        for span in passage.spans:
            quoted.setdefault(span.paragraph, []).append((span.start - 1, span.end + 1))
    resolver = SpeakerResolver(article, book, quoted, kinds)
    found = _direct_quotes(paragraphs, passages, words, resolver, kinds=kinds, shared=shared)
    listed = _listed_titles(paragraphs, passages)
    direct = [_to_quote(paragraphs, item, listed) for item in found]
    reported: list[ReportedStatement] = []
    if find_statements and shared is not None and not shared.failed:
        reported = reported_statements(paragraphs, shared, resolver, kinds, direct)
        direct = [_after_described(q, resolver, reported) for q in direct]
    return _Analysis(article, entities, book, resolver, quoted, kinds, found, direct, reported)


def texts_to_parse(article: Article) -> list[str]:
    """The texts the full path parses for ``article``: each paragraph with a quotation or a
    word that may report speech, its long quotations masked (to parse many articles at once)."""
    paragraphs = article.paragraphs
    words = quoted_words(speech_passages(paragraphs))
    wanted = sorted(set(words) | set(reported_paragraphs(paragraphs)))
    parse = ArticleParse(paragraphs, words, _no_parser)
    return [parse.masked(p).text for p in wanted]


def _no_parser(texts: Sequence[str]) -> None:
    return None


def speech_passages(paragraphs: tuple[str, ...] | list[str]) -> list[Passage]:
    """The quoted passages that may be speech: not in furniture, not markup or stage notes."""
    return [
        p
        for p in find_passages(paragraphs)
        if not is_furniture(paragraphs[p.spans[0].paragraph])
        and not not_speech(paragraphs[p.spans[0].paragraph], p)
    ]


def quoted_words(passages: Sequence[Passage]) -> dict[int, list[tuple[int, int]]]:
    """The quoted words of each paragraph (marks excluded): what the parse masks."""
    words: dict[int, list[tuple[int, int]]] = {}
    for passage in passages:
        for span in passage.spans:
            words.setdefault(span.paragraph, []).append((span.start, span.end))
    return words


def _direct_quotes(
    paragraphs: tuple[str, ...],
    passages: list[Passage],
    words: dict[int, list[tuple[int, int]]],
    resolver: SpeakerResolver,
    *,
    kinds: SpeakerKinds | None,
    shared: ArticleParse | None,
) -> list[_Found]:
    """The quotations with their speakers, by rules and the parse's evidence."""
    if not passages:
        return []
    families = outer_families(paragraphs)
    found = _merge_split_quotes(paragraphs, passages)
    for item in found:
        _attribute_own_sentence(paragraphs, item, resolver)
        _heard(resolver, item)
    if "single" not in families:
        # Single marks in an article that quotes with double marks: only a passage with its
        # own attribution is speech; the rest are headlines' and titles' quotes.
        found = [i for i in found if i.attributed or i.passages[0].family != "single"]
    subjects: list[ParsedSubject | None] = [None] * len(found)
    if shared is not None and found:
        # Only quotes whose speaker is not named right after them need the parse: it costs.
        unsure = [k for k, item in enumerate(found) if not item.adjacent]
        before = [_colon_before(paragraphs, item) for item in found]
        # Every paragraph the article's readers of the parse need, parsed in one batch.
        wanted = {found[k].passages[0].spans[0].paragraph for k in unsure}
        wanted.update(_main_words(found[k])[0] for k in unsure)
        wanted.update(p for p in before if p is not None)
        wanted.update(reported_paragraphs(paragraphs))
        shared.prefetch(wanted)
        parsed = parsed_subjects(paragraphs, [_main_words(found[k]) for k in unsure], words, shared)
        for k, subject in zip(unsure, parsed, strict=True):
            subjects[k] = subject
        leads = colon_leads(paragraphs, [p for p in before if p is not None], words, shared)
        for k, item in enumerate(found):
            at = before[k]
            lead = leads.get(at) if at is not None else None
            if subjects[k] is None and not item.attributed and lead is not None:
                subjects[k] = lead
    previous: _Found | None = None
    for item, subject in zip(found, subjects, strict=True):
        item.parsed, item.prior = subject, previous
        if subject is not None:
            _attribute_from_parse(paragraphs, item, subject, resolver)
        if not item.attributed:
            _attribute_from_context(paragraphs, item, previous, resolver)
            _heard(resolver, item)
        previous = item if item.speaker else previous
    for item in found:
        item.speaker, item.role = clean_speaker(item.speaker, item.role, kinds)
    return found


def _after_described(quote: Quote, resolver: SpeakerResolver, reported: Sequence[ReportedStatement]) -> Quote:
    """A quotation "he" or "she" said right after a statement by someone the article introduces
    without a name ("A spokesman for the BPI said ... "...," he said") is theirs, not the person
    named before them: the statements' voices are known only once the quotations are
    attributed. Not after a question ("A reporter asked Lind how ... He replied: "...""), nor
    with a person named since, nor for a description that may stand for someone named ("The
    Republican nominee said ...")."""
    mention = quote.speaker_mention
    if quote.kind != "direct" or mention is None or mention.via != "pronoun":
        return quote
    pronoun = mention.text.lower()
    if pronoun not in ("he", "she"):
        return quote
    first = quote.spans[0]
    order = min(first.paragraph * _PARAGRAPH + first.start, mention.paragraph * _PARAGRAPH + mention.start)
    last = max((r for r in reported if r.speaker and _order(r) < order), key=_order, default=None)
    if last is None or last.speaker is None or last.speaker == quote.speaker:
        return quote
    if not _SOMEONE_NEW.match(last.speaker) or reporting_lemma(last.cue_text.split()[0]) == "ask":
        return quote
    if not resolver.described_goes_on(last.speaker, _order(last), _end(last.spans), order, pronoun):
        return quote
    return replace(quote, speaker=last.speaker, role=None)


def _order(statement: ReportedStatement) -> int:
    """Where a statement begins: its source's words when they come first."""
    spans = [s for s in (statement.source.span, *statement.spans) if s is not None]
    return min(s.paragraph * _PARAGRAPH + s.start for s in spans)


# Someone an article introduces without a name: "a spokesman for ...", "the band's spokesman".
_SOMEONE_NEW = re.compile(r"(?:an?|one)\s|(?:the\s+)?\S+(?:'s|’s)\s", re.IGNORECASE)


def _heard(resolver: SpeakerResolver, item: _Found) -> None:
    """Tell the resolver who spoke the quotation, once it has a speaker."""
    if item.speaker:
        first, last = item.passages[0].spans[0], item.passages[-1].spans[-1]
        resolver.heard(first.paragraph * _PARAGRAPH + first.start, _end([last]), item.speaker)


def reported_statements(
    paragraphs: Sequence[str],
    shared: ArticleParse,
    resolver: SpeakerResolver,
    kinds: SpeakerKinds | None,
    quotations: Sequence[Quote] = (),
) -> list[ReportedStatement]:
    """The statements reported without quotation marks (or with a quoted fragment), each with
    the speaker the rules resolve its cue's subject to. Nothing without the learned model."""
    labeller = tagger(REPORTED_MODEL)
    if labeller is None:
        return []
    out: list[ReportedStatement] = []
    wholes: dict[str, str] = {}  # a description's noun -> its last whole form
    # Who spoke where, in the order of the text: the quotations' speakers as the reader sees
    # them (the rules' names, cleaned), then each statement's as it is attributed.
    resolver.voices = []
    for q in quotations:
        if q.speaker and q.spans:
            resolver.heard(q.spans[0].paragraph * _PARAGRAPH + q.spans[0].start, _end(q.spans), q.speaker)
    for statement in find_reported(paragraphs, shared, labeller, min_sure=MIN_SURE):
        speaker, role = None, None
        if statement.cue_text.lower().startswith("according") and not _may_be_source(statement, kinds):
            continue  # "according to the law", "according to the schedule": no one's statement
        if statement.source.span is not None and statement.source.text:
            speaker, role = _resolve_subject(paragraphs, statement, resolver)
            # A description that stands as written (not resolved to a name).
            described = bool(
                statement.source.via == "description"
                and speaker
                and speaker.lower().startswith(statement.source.text.lower())
            )
            subject = not statement.cue_text.lower().startswith("according")
            speaker, role = clean_speaker(speaker, role, kinds, described=described, subject=subject)
            if statement.source.via == "description" and speaker:
                speaker = _described_again(speaker, statement, wholes)
        out.append(replace(statement, speaker=speaker, role=role if not _honorific_only(role) else None))
        if speaker:
            start = statement.content.paragraph * _PARAGRAPH + statement.content.start
            resolver.heard(start, _end(statement.spans), speaker)
    return out


_PARAGRAPH = 100_000  # an order is paragraph * _PARAGRAPH + offset (as in speakers.py)

#: The name of the reported-speech labeller among the shipped models.
REPORTED_MODEL = "reported"
#: A reported content is kept when the labeller gives its words at least this probability on
#: average (chosen on the training corpus out of fold: precision first).
MIN_SURE = 0.0


#: What "according to" may name beside a speaker: the evidence a report rests on, counted,
#: recorded or told ("according to county records", "according to a count by the paper",
#: "according to early returns", "according to people familiar with the talks").
_EVIDENCE_NOUNS = RECORD_NOUNS | word_set(
    """average tracker account accounts interview interviews testimony source people person
    profile declaration"""
)


def _may_be_source(statement: ReportedStatement, kinds: SpeakerKinds | None) -> bool:
    """The object of "according to" can be who said something: a person, a body, a document
    (a report, a poll, records, a count), a pronoun; not a rule, a plan or a place."""
    text = statement.source.text or ""
    if not text:
        return True
    if statement.source.via == "description":
        head = text.split()[-1]
        return is_speaker_noun(head) or head.lower() in _EVIDENCE_NOUNS
    if statement.source.via == "name" and kinds is not None:
        return kinds.can_speak(text)
    return True


def _resolve_subject(
    paragraphs: Sequence[str],
    statement: ReportedStatement,
    resolver: SpeakerResolver,
) -> tuple[str | None, str | None]:
    subject = statement.source.span
    text = statement.source.text or ""
    alone = text.lower() in _QUANTIFIERS and (statement.source.whole_text or text) == text
    if subject is None or not text or alone:
        return None, None  # "Some said ...": some of whom, the words do not say
    # "many", "this", "the report's figures": nobody to resolve to; but "the 34-year-old" (a
    # person described) may be someone the article names.
    only_a_name = False
    if statement.source.via == "description" and not is_speaker_noun(text.split()[-1]):
        if not text.lower().startswith("the ") or not PERSON_DESCRIBED.search(text):
            return None, None
        only_a_name = True
    if statement.source.via == "description" and ", " in text:  # not "2,315 ferry users"
        text = f"{text.split()[0]} {text.rsplit(', ', 1)[1].strip()}"
    p = subject.paragraph
    inside = frozenset(
        resolver.book.fullest(run.name, p * _PARAGRAPH + subject.start)
        for span in statement.spans
        for run in name_runs(paragraphs[span.paragraph][span.start : span.end])
    )
    found = _from_context(paragraphs, statement, resolver, inside)
    if found is not None:
        return found
    attribution = Attribution(text, statement.cue_text, subject.start, subject.end, inside)
    speaker, role = resolver.speaker(paragraphs[p], p, attribution)
    if speaker and statement.source.joined:
        speaker, role = _all_joined(paragraphs, speaker, statement, attribution, resolver), None
    elif only_a_name and speaker == text:
        speaker, role = None, None  # "the move said": a description of no one the article names
    elif _qualified_role(statement, text, speaker, role):
        # "the lawyer for the shelter" is someone new, not the person last spoken of (unless
        # the article gave them that role): as written.
        speaker, role = statement.source.whole_text, None
    elif speaker == text and statement.source.whole_text:
        # A description that names nobody else stands as written, with what says who it is:
        # "a person familiar with the talks", not "a person".
        speaker = statement.source.whole_text
    if statement.source.via == "description" and speaker in (text, statement.source.whole_text):
        # A document speaks for whoever the article says wrote it ("a study by X").
        whole = statement.source.whole or subject
        after = paragraphs[whole.paragraph][whole.end : whole.end + 200]
        author = resolver.document_author(
            statement.source.whole_text or text, after, p * _PARAGRAPH + subject.start
        )
        if author:
            speaker, role = author, None
    return speaker, role


def _qualified_role(statement: ReportedStatement, text: str, speaker: str | None, role: str | None) -> bool:
    """A role described with whose it is ("the lawyer for the shelter", "the victim's
    mother") that the rules took for a person the article never gave that role."""
    whole = statement.source.whole_text or ""
    head = text.rsplit(maxsplit=1)[-1].lower() if text else ""
    return bool(
        statement.source.via == "description"
        and speaker
        and speaker != text
        and (len(whole) > len(text) or owned_by_another(text))
        and head in ROLE_NOUNS
        and not (role and head in role.lower())
    )


def _from_context(
    paragraphs: Sequence[str],
    statement: ReportedStatement,
    resolver: SpeakerResolver,
    inside: frozenset[str],
) -> tuple[str | None, str | None] | None:
    """Who a pronoun or a bare noun stands for by what the text around it says, or ``None``
    to leave it to the resolver."""
    subject, text, via = statement.source.span, (statement.source.text or "").lower(), statement.source.via
    if subject is None:
        return None
    found: str | None = None
    # Who spoke before the statement, not before its subject: the names in what is reported
    # ("The IMF will cut its forecast, the newspaper reported") are no one who spoke since.
    begins = min([subject.start, *(s.start for s in statement.spans if s.paragraph == subject.paragraph)])
    before = subject.paragraph * _PARAGRAPH + begins
    if via == "pronoun" and text in ("he", "she"):
        found = _named_above(paragraphs, statement, resolver, inside)
        found = found or resolver.spoke_last(before, text)
    elif via == "pronoun" and text == "it":
        # "Harbour Lines could bid too, though it says ...": the body the clause hangs from.
        found = _named_above(paragraphs, statement, resolver, inside)
    elif via == "pronoun" and text == "they" and statement.source.antecedent:
        # "The senators are eager to leave, and they say ...": the plural subject before.
        # A plural names a group as written ("The Greens"), never one person in it.
        words = statement.source.antecedent
        return (words if is_speaker_noun(words.split()[-1]) else None), None
    elif via == "description" and _BODY_AGAIN.fullmatch(text):
        # "Rally Canada said ... The group says ...", "The aid group said ... A statement
        # said ...": the body that spoke last goes on, in its own or its statement's words.
        found = resolver.spoke_last(before, "it")
    if found is None or found in inside:
        return None
    return found, resolver.book.role_of(found)


def _all_joined(
    paragraphs: Sequence[str],
    speaker: str,
    statement: ReportedStatement,
    attribution: Attribution,
    resolver: SpeakerResolver,
) -> str | None:
    """ "Marlow and Brennan said": both speak; one of them alone would be half the truth."""
    p = statement.source.span.paragraph if statement.source.span is not None else 0
    others = [
        resolver.speaker(paragraphs[p], p, replace(attribution, subject=w))[0]
        for w in statement.source.joined
    ]
    if not all(others):
        return None
    names = list(dict.fromkeys([speaker, *(o for o in others if o)]))
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


# Words that count or point without naming: alone, no speaker ("Some said ...", "That said,
# ..."); with the words that say who ("Several of the clubs") the description stands.
_QUANTIFIERS = word_set("some many several most both few all any this that these those")
# A body or its statement, named again by a bare noun: "the group", "a statement".
_BODY_AGAIN = re.compile(
    r"the (?:company|group|organization|organisation|agency|firm|union|association|charity|ministry|department"
    r"|newspaper|paper)"
    r"|(?:a|the) (?:statement|release|news release|press release)"
)


def _described_again(speaker: str, statement: ReportedStatement, described: dict[str, str]) -> str:
    """A description's speaker, or who the article gave before for the same noun when the
    description names nobody itself: "sources said" after "sources familiar with the talks
    said" are those sources, "the study" after "the Aldgate study" is Aldgate's; "a source"
    is somebody new. Remembers what each noun stood for in ``described``."""
    words = (statement.source.text or "").lower().split()
    if not words:
        return speaker
    noun = words[-1]
    if speaker != statement.source.text:
        described[noun] = speaker  # resolved, or whole: what this noun stands for from now on
        return speaker
    if words[0] not in NEW_REFERENT and noun in described:
        return described[noun]
    return speaker


def _named_above(
    paragraphs: Sequence[str], statement: ReportedStatement, resolver: SpeakerResolver, inside: frozenset[str]
) -> str | None:
    """The person named as the subject of the clause a "he said" hangs from (see
    :func:`~viewer.core.quotes.evidence.named_subject_above`), when "he" or "she" fits them;
    for "it", the body so named (never a person)."""
    subject, words = statement.source.span, statement.source.antecedent
    if subject is None or not words or statement.source.antecedent_via != "name":
        return None
    p = subject.paragraph
    name, _ = resolver.speaker(
        paragraphs[p], p, Attribution(words, statement.cue_text, subject.start, subject.end)
    )
    if name is None or name in inside:
        return None
    pronoun = (statement.source.text or "").lower()
    if pronoun == "it":
        # A body, never a person: "it" is no one's name the article gives to a person.
        return None if resolver.is_person(name) else name
    if not resolver.is_person(name):
        return None
    known = resolver.gender(name)
    want = "m" if pronoun == "he" else "f"
    return name if not known or known == want else None


def _end(spans: Sequence[Span]) -> int:
    last = spans[-1]
    return last.paragraph * _PARAGRAPH + last.end


def _statement_evidence(quote: Quote) -> QuoteEvidence:
    """A statement found by other means, for the ranker: its words, cue and any speaker."""
    mention = quote.speaker_mention
    return QuoteEvidence(
        spans=quote.spans,
        open_at=quote.spans[0].start,
        close_end=quote.spans[-1].end,
        rule_speaker=quote.speaker,
        rule_mention=(mention.paragraph, mention.start, mention.end) if mention else None,
        rule_source="labeller" if mention else "",
        attributed=mention is not None,
        cue=quote.cue_span,
        kind=quote.kind,
    )


def _evidence(item: _Found, previous: _Found | None, quote: Quote) -> QuoteEvidence:
    """What the rules found for ``item``, for the ranker."""
    gaps = []
    for before, after in zip(item.passages, item.passages[1:], strict=False):
        p = before.spans[-1].paragraph
        if after.spans[0].paragraph == p:
            gaps.append(Span(p, before.close_end, after.open_at))
    last = item.passages[-1]
    return QuoteEvidence(
        spans=item.spans,
        open_at=item.passages[0].open_at,
        close_end=last.close_end if last.closed else last.spans[-1].end,
        gaps=tuple(gaps),
        rule_speaker=item.speaker,
        rule_mention=item.mention,
        rule_source=item.source if item.mention else "",
        attributed=item.attributed,
        parsed=item.parsed,
        previous_mention=previous.mention if previous else None,
        previous_speaker=previous.speaker if previous else None,
        cue=quote.cue_span,
    )


def _colon_before(paragraphs: Sequence[str], item: _Found) -> int | None:
    """The paragraph before a quote that opens its own, when it ends with a colon."""
    first = item.passages[0]
    p = first.spans[0].paragraph
    if p == 0 or item.attributed or paragraphs[p][: first.open_at].strip():
        return None
    return p - 1 if paragraphs[p - 1].rstrip().endswith(":") else None


def _main_words(item: _Found) -> tuple[int, tuple[int, int]]:
    """The longest span of the quote: its attribution is where the parse looks (a short
    quoted term joined to the quote by mistake must not decide its speaker)."""
    span = max(item.spans, key=lambda s: s.end - s.start)
    return span.paragraph, (span.start, span.end)


def _attribute_from_parse(
    paragraphs: Sequence[str], item: _Found, subject: ParsedSubject, resolver: SpeakerResolver
) -> None:
    """The parse's subject, resolved to a name, where word order found none or another.

    A name the parse finds outranks the one word order found; a pronoun or a description
    only fills in where word order found nothing in the quote's own sentence, since the
    rules resolve those with more context ("the lanky professor" to the one named before).
    """
    if subject.kind == "description" and not is_speaker_noun(subject.text.split()[-1]):
        return  # "many", "which", "this": no one to resolve to
    if subject.kind == "name" and subject.text.isupper() and " " in subject.text:
        return  # a heading in capitals ("ANALYST'S TAKE"), not a name
    if item.attributed and item.speaker and subject.kind != "name":
        return
    if not subject.reported:
        if not item.attributed:
            p = subject.paragraph
            attribution = Attribution(subject.text, "", subject.start, subject.end)
            item.other_subject = resolver.speaker(paragraphs[p], p, attribution)[0] or subject.text
        return
    p = subject.paragraph
    text = subject.text
    if subject.kind == "description" and "," in text:
        # "the lanky, bespectacled professor" reads as "the bespectacled professor"
        text = f"{text.split()[0]} {text.rsplit(',', 1)[1].strip()}"
    attribution = Attribution(text, subject.cue, subject.start, subject.end)
    speaker, role = resolver.speaker(paragraphs[p], p, attribution)
    if speaker is None:
        return
    if item.attributed and item.speaker and _same_speaker(item.speaker, speaker):
        return
    item.speaker, item.role, item.cue = speaker, role, subject.cue
    item.mention, item.source = (p, subject.start, subject.end), "parse"
    item.attributed = True


def _same_speaker(a: str, b: str) -> bool:
    last_a, last_b = a.rsplit(maxsplit=1)[-1].lower(), b.rsplit(maxsplit=1)[-1].lower()
    return last_a == last_b or a.lower() in b.lower() or b.lower() in a.lower()


def clear_caches() -> None:
    """Forget the per-text caches (names and sentence ends), e.g. before timing a cold run."""
    clear_name_cache()
    clear_sentence_cache()
    clear_mask_cache()


def _text(paragraphs: Sequence[str], item: _Found) -> str:
    return " ".join(paragraphs[s.paragraph][s.start : s.end] for s in item.spans)


def _to_quote(
    paragraphs: Sequence[str], item: _Found, listed: frozenset[tuple[int, int]] = frozenset()
) -> Quote:
    """``item`` as a quote; ``listed``: where the passages that stand in a list of titles open."""
    text = _text(paragraphs, item)
    kind: str = "direct"
    if (
        item.title
        or _is_modifier(paragraphs, item)
        or _is_mentioned(paragraphs, item)
        or (not item.attributed and _is_term(paragraphs, text, item))
        or _in_title_list(item, listed)
    ):
        kind = "term"
    direct = kind == "direct"
    role = item.role if direct and not _honorific_only(item.role) else None
    speaker = item.speaker if direct else None
    mention = None
    if speaker is not None and item.mention is not None:
        p, start, end = item.mention
        words = paragraphs[p][start:end]
        mention = SpeakerMention(p, start, end, words, _via(words))
    cue = item.cue if direct else None
    return Quote(
        text=text,
        speaker=speaker,
        cue=cue,
        spans=item.spans,
        role=role,
        kind="term" if kind == "term" else "direct",
        cue_span=_cue_span(paragraphs, cue, item) if cue else None,
        speaker_mention=mention,
    )


def _via(words: str) -> MentionVia:
    """How the words that decided a speaker refer to them."""
    if words.lower() in PRONOUNS or words.lower() in _SUBJECT_FORM:
        return "pronoun"
    runs = name_runs(words)
    if runs and runs[-1].end == len(words) and not re.match(r"(?:the|a|an)\s", words, re.IGNORECASE):
        return "name"
    return "description"


#: How far from the speaker's words (or the quote) its cue is looked for, in characters.
_CUE_REACH = 600


def _cue_span(paragraphs: Sequence[str], cue: str, item: _Found) -> Span | None:
    """Where the cue stands: its occurrence nearest the speaker's words (else the quote)."""
    if item.mention is not None:
        p, anchor = item.mention[0], item.mention[1]
    else:
        p, anchor = item.first_paragraph, item.passages[0].open_at
    text = paragraphs[p]
    quoted = [(s.start, s.end) for s in item.spans if s.paragraph == p]
    best: Span | None = None
    # Near the anchor only: a paragraph of thousands of "said" must not be read for each quote.
    pattern = re.compile(r"(?<!\w)" + re.escape(cue) + r"(?!\w)")
    for m in pattern.finditer(text, max(0, anchor - _CUE_REACH), anchor + _CUE_REACH):
        if any(a <= m.start() < b for a, b in quoted):
            continue
        if best is None or abs(m.start() - anchor) < abs(best.start - anchor):
            best = Span(p, m.start(), m.end())
    return best


_HONORIFIC_ROLES = word_set(
    "dr dr. doctor mr mr. mrs mrs. ms ms. miss mx mx. sir dame lord lady madam mme m."
)


def _honorific_only(role: str | None) -> bool:
    """ "Dr" or "Mrs" is a form of address, not a role a reader needs beside the name."""
    return bool(role) and all(w.lower() in _HONORIFIC_ROLES for w in (role or "").split())


def _is_term(paragraphs: Sequence[str], text: str, item: _Found) -> bool:
    """A scare quote or title: a few words, or a short capitalised title, said by nobody."""
    if len(item.passages) > 1 or len(item.spans) > 1:
        return False
    passage = item.passages[0]
    if not paragraphs[passage.spans[0].paragraph][: passage.open_at].strip():
        return False  # a quotation that opens its paragraph is speech, however short
    if text.rstrip().endswith(("!", "?")):
        return False  # a chant or a question is said, however short
    return len(WORDS.findall(text)) <= _TERM_WORDS or _is_title(text)


# What stands between the titles of a list: a comma, "and" or "or".
_LIST_GAP = re.compile(r",?\s*(?:(?:and|or)\s+)?")


def _in_title_list(item: _Found, listed: frozenset[tuple[int, int]]) -> bool:
    """A title among a list of quoted titles ("hits including “Black Water,” “China Grove,”
    “Minute By Minute” and others"): the names of works, whoever the sentence cites."""
    if len(item.passages) != 1 or len(item.spans) != 1:
        return False
    passage = item.passages[0]
    return (passage.spans[0].paragraph, passage.open_at) in listed


def _listed_titles(paragraphs: Sequence[str], passages: Sequence[Passage]) -> frozenset[tuple[int, int]]:
    """(paragraph, opening mark) of each passage in a row of three or more quoted titles joined
    by commas, "and" or "or"."""
    listed: set[tuple[int, int]] = set()
    row: list[Passage] = []

    def close_row() -> None:
        titles = [paragraphs[r.spans[0].paragraph][r.spans[0].start : r.spans[0].end] for r in row]
        if len(row) >= 3 and all(_is_title(t.rstrip(" ,.")) for t in titles):
            listed.update((r.spans[0].paragraph, r.open_at) for r in row)

    for passage in passages:
        p = passage.spans[0].paragraph
        joined = bool(row) and row[-1].spans[-1].paragraph == p and len(passage.spans) == 1
        if joined and _LIST_GAP.fullmatch(paragraphs[p], row[-1].close_end, passage.open_at):
            row.append(passage)
            continue
        close_row()
        row = [passage] if len(passage.spans) == 1 else []
    close_row()
    return frozenset(listed)


_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|its|his|her|their|our|my|your|this|that|these|those|so-called)\s*$", re.IGNORECASE
)
_WORD_AFTER = re.compile(r"\s+[a-z]")


def _is_modifier(paragraphs: Sequence[str], item: _Found) -> bool:
    """A few quoted words used inside a noun phrase ("the 'worst case' figures"): a scare
    quote, even in a sentence that attributes other words to someone."""
    if len(item.passages) != 1 or len(item.spans) != 1:
        return False
    passage = item.passages[0]
    span = passage.spans[0]
    text = paragraphs[span.paragraph]
    words = WORDS.findall(text[span.start : span.end])
    if not 0 < len(words) <= _TERM_WORDS or re.search(r"[.!?,;:]", text[span.start : span.end]):
        return False
    before = text[max(0, passage.open_at - 20) : passage.open_at]
    return bool(_DETERMINER_BEFORE.search(before)) and bool(_WORD_AFTER.match(text, passage.close_end))


# Nouns that say the quoted words after them are talked about, not said: the word "We", the
# phrase "anchor baby", the slogan "Experience Counts". ("The words" often opens what someone
# wrote or said: a sign with the words "Stop the war".)
_MENTION_NOUNS = word_set(
    "word term phrase expression slogan motto hashtag catchphrase nickname moniker label"
)
_MENTION_BEFORE = re.compile(r"\b(?:the|a|an|this|that|his|her|their|its)\s+([\w-]+)[,:]?\s*$", re.IGNORECASE)


def _is_mentioned(paragraphs: Sequence[str], item: _Found) -> bool:
    """Quoted words named as words ("sold the right to use the word “We”"): a term, however
    near a verb of saying, since nobody is reported saying them there."""
    if len(item.passages) != 1:
        return False
    passage = item.passages[0]
    text = paragraphs[passage.spans[0].paragraph]
    found = _MENTION_BEFORE.search(text, max(0, passage.open_at - 30), passage.open_at)
    return found is not None and found.group(1).lower() in _MENTION_NOUNS


_TITLE_BEFORE = re.compile(
    r"(?:\b(?:on|in|of|to|the|from|with|by|show|program|programme|film|book|titled|called|named"
    r"|song|album|single|track|novel|play|poem|series|hashtag|slogan)|[’']s?)\s*$"
)
# What a work's name follows, whatever its case: 'a column entitled, "Why Electing ..."'.
_ENTITLED = re.compile(r"\b(?:entitled|titled|headlined)[,:]?\s*$")


def _is_named_title(paragraphs: Sequence[str], passage: Passage) -> bool:
    """A title standing where a name of a show or work goes: "on Fox's "Morning Update.""."""
    if len(passage.spans) != 1:
        return False
    span = passage.spans[0]
    text = paragraphs[span.paragraph]
    quoted = text[span.start : span.end]
    if _NICKNAME.fullmatch(quoted) and _NAME_SIDES.match(text, passage.close_end):
        before = text[: passage.open_at].rstrip().split()
        if before and before[-1][:1].isupper():
            return True  # a nickname inside a name: Riefian "Ifan" Fajarsyah
    if _ENTITLED.search(text, max(0, passage.open_at - 20), passage.open_at) and len(quoted.split()) <= 20:
        return True  # a title is a few words; a long passage after "titled" runs on into speech
    titled = _is_title(quoted)
    if headline_before_byline(text, passage, titled=titled):
        return True  # "Rates rise again," by Ann Roe: a headline and its writer
    return titled and (
        bool(_TITLE_BEFORE.search(text[max(0, passage.open_at - 40) : passage.open_at]))
        or beside_work_noun(text, passage)
    )


_NICKNAME = re.compile(r"[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*)?")
_NAME_SIDES = re.compile(r"\s+[A-Z]")


# --- passages that belong together -------------------------------------------------------


def _merge_split_quotes(paragraphs: Sequence[str], passages: list[Passage]) -> list[_Found]:
    """Join passages split only by their attribution: ``"A," she said. "B."``.

    A title inside the attribution ("said on "Morning Update."") is its own quote and does
    not break the join.
    """
    found: list[_Found] = []
    last_speech: _Found | None = None
    for passage in passages:
        title = _is_named_title(paragraphs, passage)
        if last_speech is not None and not title:
            last = last_speech.passages[-1]
            same_paragraph = last.spans[-1].paragraph == passage.spans[0].paragraph
            if same_paragraph and last.closed:
                text = paragraphs[passage.spans[0].paragraph]
                between = text[last.close_end : passage.open_at]
                first_text = text[last.spans[-1].start : last.spans[-1].end]
                if (
                    _is_attribution_only(first_text, between)
                    and not _names_another_speaker(text, between, last.close_end, passage)
                    and not _introduced_by_another(paragraphs, last_speech.passages[0], between)
                ):
                    last_speech.passages.append(passage)
                    continue
        item = _Found([passage], title=title)
        found.append(item)
        if not title:
            last_speech = item
    return found


def _names_another_speaker(text: str, between: str, between_start: int, passage: Passage) -> bool:
    """The second passage has an attribution of its own that names someone other than the
    one between the two: ``"A," said Smith. "B," added Jones.`` is two quotes."""
    if not passage.closed:
        return False
    said = text[passage.spans[-1].start : passage.spans[-1].end].rstrip("'’\"” ")
    stop = _next_mark(text, passage.close_end)
    own = _after_clause(text, passage.close_end, stop, quote_ended=said.endswith("."))
    if own is None or not _right_after(own, passage.close_end):
        return False  # nobody named right after it (a pronoun or a later clause keeps the join)
    shared = _between_attribution(between)
    if shared is None or not shared.subject:
        return True
    if not shared.subject[:1].isupper() and shared.subject.lower() not in PRONOUNS:
        return False  # "the Senate minority leader said. ..." Reid said: may well be one person
    return not _same_speaker(shared.subject, own.subject)


def _between_attribution(between: str) -> Attribution | None:
    """The attribution in the words between two quoted passages (after the first, or before
    the second)."""
    return _after_clause(between, 0, len(between)) or _before_clause(between, 0, len(between))


def _attribution_after(paragraphs: Sequence[str], last: Passage) -> Attribution | None:
    """The attribution after a closed quotation, in the rest of its sentence or the next one."""
    text = paragraphs[last.spans[-1].paragraph]
    stop = _next_mark(text, last.close_end)
    said = text[last.spans[-1].start : last.spans[-1].end].rstrip("'’\"” ")
    return _after_clause(text, last.close_end, stop, quote_ended=said.endswith("."))


def _introduced_by_another(paragraphs: Sequence[str], first: Passage, between: str) -> bool:
    """The first passage has its speaker named before it, and the words between name someone
    else: ``Dahl answers with, "Why now?" Ruud then writes back, "You look tired."`` is two
    voices (a pronoun between, "she added", goes on with the first)."""
    text = paragraphs[first.spans[0].paragraph]
    before = _before_clause(text, sentence_start(text, first.open_at), first.open_at)
    if before is None or not before.subject[:1].isupper():
        return False
    shared = _between_attribution(between)
    if shared is None or not shared.subject[:1].isupper() or shared.subject.lower() in PRONOUNS:
        return False
    return not _same_speaker(before.subject, shared.subject)


def _is_attribution_only(first: str, between: str) -> bool:
    """Text between two quoted passages that is nothing but "she said" (one sentence, a cue),
    after a first part that hands over to it ("A," / "A —" / "A?" she said)."""
    stripped = between.strip(" ,;:—–-")
    lead = WORDS.match(stripped)
    first = first.rstrip().rstrip("'’\"”")
    hands_over = (
        first.endswith((",", "—", "–", "-", "…", "..."))
        or between.lstrip().startswith((",", "—", "–"))
        or first.endswith(("!", "?"))
        or (first.endswith(".") and lead is not None and lead.group()[:1].islower())
    )
    if not hands_over:
        return False
    words = WORDS.findall(stripped)
    if not words or len(words) > 45:
        return False
    inner = stripped.rstrip(".,;:—–- ")
    if sentence_ends(inner + " "):
        return False
    if not any(w.lower() in CUES for w in words) and not _CUE_PHRASES.search(stripped.lower()):
        return False
    if _after_clause(between, 0, len(between)) is None and _before_clause(between, 0, len(between)) is None:
        return False
    # It must end like a clause that hands back to the quote: with punctuation or "that".
    return bool(re.search(r"([.,:;—–-]|\bthat)[\s\"”’']*$", between)) or between.strip() == ""


# --- attribution -------------------------------------------------------------------------


def _sentence_after(text: str, pos: int) -> str:
    ends = sentence_ends(text, pos, min(len(text), pos + _CLAUSE_REACH + 200))
    end = ends[0][0] if ends else len(text)
    return text[pos:end]


# How far after a closing mark a speaker may stand for "..." X said / said X.
_ADJACENT = 25


def _right_after(attribution: Attribution, close_end: int) -> bool:
    """The attribution names someone right after the quote: ``"...," Smith said`` or
    ``said Smith``, the form word order reads as well as any parse."""
    named = attribution.subject[:1].isupper() and attribution.subject.lower() not in PRONOUNS
    return named and 0 <= attribution.subject_start - close_end <= _ADJACENT


def _attribute_own_sentence(paragraphs: Sequence[str], item: _Found, resolver: SpeakerResolver) -> None:
    """Speaker from the quote's own sentence: between its parts, after it, or before it."""
    candidates: list[tuple[Attribution, int]] = []  # (attribution, paragraph)
    for before, after in zip(item.passages, item.passages[1:], strict=False):
        p = before.spans[-1].paragraph
        text = paragraphs[p]
        between_start = before.close_end
        attribution = _after_clause(text, between_start, after.open_at)
        if attribution is None:
            attribution = _before_clause(text, between_start, after.open_at)
        if attribution is not None:
            candidates.append((attribution, p))
            item.adjacent = _right_after(attribution, between_start)
            break
    last, first = item.passages[-1], item.passages[0]
    # "X said: "..." The firm says it ...": a quotation handed over by a colon is X's, and the
    # sentence after it is a statement of its own.
    colon = not candidates and paragraphs[first.spans[0].paragraph][: first.open_at].rstrip().endswith(":")
    if colon:
        _attribute_before(paragraphs, first, candidates)
    if not candidates and last.closed:
        trailing = _attribution_after(paragraphs, last)
        if trailing is not None:
            candidates.append((trailing, last.spans[-1].paragraph))
            item.adjacent = _right_after(trailing, last.close_end)
    if not candidates and not colon:
        _attribute_before(paragraphs, first, candidates)
    if not candidates and last.closed:
        p = last.spans[-1].paragraph
        signed = _signature(paragraphs[p], last.close_end)
        if signed is not None:
            candidates.append((signed, p))
    if not candidates:
        first = item.passages[0]
        p = first.spans[0].paragraph
        labelled = _name_label(paragraphs[p], first.open_at)
        if labelled is not None:
            candidates.append((labelled, p))
    if not candidates:
        return
    attribution, p = candidates[0]
    item.attributed = True
    item.cue = attribution.cue
    speaker, role = resolver.speaker(paragraphs[p], p, attribution)
    item.speaker, item.role = speaker, role
    item.mention, item.source = _mention_of(p, attribution), "own"


def _attribute_before(
    paragraphs: Sequence[str], first: Passage, candidates: list[tuple[Attribution, int]]
) -> None:
    """The attribution before the quotation in its own sentence, added to ``candidates``."""
    p = first.spans[0].paragraph
    text = paragraphs[p]
    begins = sentence_start(text, first.open_at)
    attribution = _before_clause(text, begins, first.open_at)
    if attribution is not None:
        # "X said he heard students shout, "..."": the words are the students'.
        attribution = heard_voice(text, attribution.subject_end, first.open_at) or attribution
        candidates.append((attribution, p))


_SIGNATURE = re.compile(r"\s*[―—–-]+\s*(?P<name>[^―—–\n]{2,60}?)[.\s]*$")


def _signature(text: str, close_end: int) -> Attribution | None:
    """A quotation signed with a dash and a name that ends the paragraph: ``"..." ― Ana Lee``."""
    m = _SIGNATURE.match(text, close_end)
    if m is None:
        return None
    runs = name_runs(m.group("name"))
    if len(runs) != 1 or runs[0].start != 0 or m.group("name")[runs[0].end :].strip(" ,."):
        return None
    start = m.start("name")
    return Attribution(runs[0].name, "", start, start + len(runs[0].name))


_LABEL_START = re.compile(r"(?:^|\s[-–—]\s|[.!?][\"”’']?\s+|[\"”’]\s+)")
# How far before a quotation its name label is looked for: a label is a name and a colon, so
# only this window is read, which keeps a paragraph of many quotations linear.
_LABEL_WINDOW = 300


def _name_label(text: str, open_at: int) -> Attribution | None:
    """A name and a colon before a quotation, as in transcripts and round-ups:
    ``Marlow: "..."``, ``Pollsters agree - Dana Holt: "..."``."""
    offset = max(0, open_at - _LABEL_WINDOW)
    head = text[offset:open_at].rstrip()
    if not head.endswith(":"):
        return None
    head = head[:-1].rstrip()
    # The paragraph's start counts only when the window reaches it; otherwise a label that
    # began before the window is longer than any name.
    starts = [m.end() for m in _LABEL_START.finditer(head) if offset == 0 or m.end() > 0]
    start = max((s for s in starts if s < len(head)), default=None)
    if start is None:
        return None
    label = re.sub(r"\s*\([^)]*\)$", "", head[start:])  # "Rep. Trey Gowdy (R-S.C.):"
    runs = name_runs(label)
    if len(runs) != 1 or runs[0].start != 0 or label[runs[0].end :].strip():
        return None  # a sentence ending in a colon, not a name
    run = runs[0]
    start += offset + run.start
    return Attribution(run.name, "", start, start + len(run.name))


_DOUBLE_MARK = re.compile(r"[\"“”«»„]|''|’’|‘‘")


def _next_mark(text: str, pos: int) -> int:
    """Where the next double quotation mark stands (an attribution ends before it)."""
    m = _DOUBLE_MARK.search(text, pos)
    return m.start() if m else len(text)


def _attribute_from_context(
    paragraphs: Sequence[str], item: _Found, previous: _Found | None, resolver: SpeakerResolver
) -> None:
    """A quote with no attribution of its own: the sentence before it, else the quote before."""
    first = item.passages[0]
    p = first.spans[0].paragraph
    text = paragraphs[p]
    own_start = sentence_start(text, first.open_at)
    lead = _lead_sentence(paragraphs, p, own_start, previous)
    previous_is_adjacent = previous is not None and previous.last_paragraph >= p - 1
    if lead is not None:
        lp, ltext, lstart, lend = lead
        inside_previous = (
            previous is not None
            and previous.last_paragraph == lp
            and previous.passages[-1].close_at >= lstart
            and previous.first_paragraph <= lp
        )
        sentence = ltext[lstart:lend].rstrip()
        if not inside_previous or sentence.endswith(":"):
            attribution = _lead_clause(ltext, lstart, lend)
            if attribution is None and not text[own_start : first.open_at].strip():
                # The quotation is a sentence of its own, after one about its speaker.
                attribution = _opening_speaker(ltext, lstart, lend)
            if attribution is not None:
                speaker, role = resolver.speaker(ltext, lp, attribution)
                if speaker is not None:
                    item.speaker, item.role, item.cue = speaker, role, attribution.cue
                    item.mention, item.source = _mention_of(lp, attribution), "lead"
                    return
    if previous is not None and previous_is_adjacent and previous.speaker:
        if item.other_subject and not _same_speaker(item.other_subject, previous.speaker):
            return  # its sentence is about someone else: weak evidence, no speaker
        item.speaker, item.role, item.cue = previous.speaker, previous.role, None
        item.mention, item.source = previous.mention, "chain"
        return
    if lead is not None and own_start == 0 and first.open_at == 0:
        # A paragraph that is all quotation, after a sentence about someone: "He moved in
        # last week." / "It feels warm."
        lp, ltext, lstart, lend = lead
        subject = _sentence_subject(ltext, lstart, lend)
        if subject is not None:
            speaker, role = resolver.speaker(ltext, lp, subject)
            if speaker is not None and resolver.is_person(speaker):
                item.speaker, item.role = speaker, role
                item.mention, item.source = _mention_of(lp, subject), "subject"


def _lead_sentence(
    paragraphs: Sequence[str], p: int, own_start: int, previous: _Found | None
) -> tuple[int, str, int, int] | None:
    """The sentence before a quotation's own (paragraph, text, start, end), in its paragraph or
    at the end of the previous one; none for a second quotation in the sentence of the first
    ("telling the crowd, "A," and, "B""), which goes on with its speaker."""
    if previous is not None and previous.last_paragraph == p and previous.passages[-1].close_at >= own_start:
        return None
    text = paragraphs[p]
    if own_start > 0:
        return p, text, sentence_start(text, own_start - 1), own_start
    if p > 0 and paragraphs[p - 1]:
        prev_text = paragraphs[p - 1]
        return p - 1, prev_text, sentence_start(prev_text, len(prev_text)), len(prev_text)
    return None


def _mention_of(p: int, attribution: Attribution) -> tuple[int, int, int] | None:
    """Where the words naming the speaker stand, when the attribution names someone."""
    if not attribution.subject or attribution.subject_start < 0:
        return None
    return p, attribution.subject_start, attribution.subject_end


def _opening_speaker(text: str, start: int, end: int) -> Attribution | None:
    """The subject a sentence opens with, when its verb of saying is a participle or an
    infinitive that has no subject of its own: "Lusk distanced himself ... by saying he would
    help.", "She went on to tell the crowd:". Not across a clause of someone else's ("where he
    appeared ... for saying", "who said") nor for a possessor ("Lusk's advice earned him")."""
    subject = _sentence_subject(text, start, end)
    if subject is None or text.startswith(("’s", "'s"), subject.subject_end):
        return None
    tokens = _tokens(text, subject.subject_end, end)
    for k, (word, _, _) in enumerate(tokens):
        if word.lower() in _OTHER_CLAUSE:
            return None
        cue = _cue_at(tokens, k)
        if cue is None:
            continue
        if cue == "according to" or not (
            word.lower().endswith("ing") or (k and tokens[k - 1][0].lower() == "to")
        ):
            return None
        return Attribution(subject.subject, cue, subject.subject_start, subject.subject_end)
    return None


# Words that open a clause with a subject of its own.
_OTHER_CLAUSE = SUBORDINATORS | {"who", "which", "that", "whom", "whose", "where", "after"}


def _sentence_subject(text: str, start: int, end: int) -> Attribution | None:
    """The pronoun or name a sentence opens with (after a lead-in like "On Oct. 1,")."""
    sentence = text[start:end]
    lead_in = re.match(r"(?:(?:On|In|At|By|For|After|Before|Since|During)\b[^,]{0,40},\s*)?", sentence)
    offset = start + (lead_in.end() if lead_in else 0)
    word = WORDS.match(text, offset)
    if word is None:
        return None
    if word.group().lower() in ("he", "she"):
        return Attribution(word.group(), "", word.start(), word.end())
    runs = name_runs(text[offset:end])
    # "Finance Minister Marta Kovac put ...": a title before the name opens the sentence.
    if runs and (runs[0].start == 0 or text[offset : offset + runs[0].start].strip() == runs[0].role):
        run = runs[0]
        return Attribution(run.name, "", offset + run.start, offset + run.end)
    return None


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in WORDS.finditer(text, start, end)]


def _cue_at(tokens: list[tuple[str, int, int]], k: int) -> str | None:
    """The speech verb (or "according to") at token ``k``, if it is one."""
    word = tokens[k][0].lower()
    if tokens[k][0].isupper() and len(word) > 1:
        return None  # a heading in capitals ("... IN OTHER STATES"), not a verb
    if (
        k
        and tokens[k][0][:1].isupper()
        and tokens[k - 1][0][:1].isupper()
        and tokens[k][1] == tokens[k - 1][2] + 1
    ):
        return None  # a word of a name run on from the word before it ("the United States")
    if word in CUES:
        return tokens[k][0]
    if word == "according" and k + 1 < len(tokens) and tokens[k + 1][0].lower() == "to":
        return "according to"
    if k + 1 < len(tokens):
        pair = f"{word} {tokens[k + 1][0].lower()}"
        if pair in ("went on", "goes on", "pointed out", "points out", "summed up", "put it"):
            return f"{tokens[k][0]} {tokens[k + 1][0]}"
    return None


# Words that start a speech verb or phrase: a quick test before a clause is read closely.
_CUE_STARTS = CUES | {"according", "went", "goes", "pointed", "points", "summed", "put"}


def _has_cue(text: str, start: int, end: int) -> bool:
    return any(w.lower() in _CUE_STARTS for w in WORDS.findall(text, start, end))


# How far from a quotation its attribution may stand, in characters.
_CLAUSE_REACH = 400


def _after_clause(text: str, start: int, stop: int, *, quote_ended: bool = False) -> Attribution | None:
    """Attribution right after a quote: ", she said", " said the statement", " X told reporters".

    ``quote_ended``: the quotation closed its own sentence ("...today."); a new sentence after
    it is its attribution only when it opens with one ("Smith said." but not "Another
    member of the public, whose name was withheld, wrote: ...").
    """
    sentence = _sentence_after(text, start)
    end = min(stop, start + len(sentence), start + _CLAUSE_REACH)
    head = text[start:end]
    lead = head.lstrip(" ,;:—–-")
    if not lead:
        return None
    offset = start + len(head) - len(lead)
    if not _has_cue(text, offset, end):
        return None
    tokens = _tokens(text, offset, end)
    new_sentence = quote_ended and lead[:1].isupper()
    reach = 4 if new_sentence else 40
    for k in range(min(len(tokens), reach)):
        cue = _cue_at(tokens, k)
        if cue is None:
            continue
        if new_sentence and _own_statement(text, tokens, k, cue):
            break
        if cue == "according to":
            return _subject_after(text, tokens, k + 2, cue, end)
        before = text[offset : tokens[k][1]]
        if k == 0:
            return _subject_after(text, tokens, k + 1, cue, end) or Attribution("", cue, -1, -1)
        subject = _subject_before(text, offset, tokens, k)
        if subject is not None:
            return Attribution(subject[0], cue, subject[1], subject[2])
        if "," in before or len(before.split()) > 8:
            return None
    return None


# What a verb of saying reports, opening right after it: "said that ...", "said it ...".
_REPORTS_AFTER = re.compile(r"\s+(?:that|it|he|she|they|we|I|there|its|his|her|their|our)\s+\w")


# What a verb of saying takes as its object, opening right after it: "announced a number of
# appointments", "said the company would ...".
_THING_AFTER = re.compile(r"\s+(?:a|an|the|its|their|his|her|plans?|several|\d)\b")


def _own_statement(text: str, tokens: list[tuple[str, int, int]], k: int, cue: str) -> bool:
    """The sentence after a finished quotation, with its cue at token ``k``, is a statement of
    its own, not the quotation's attribution: '"... the government." The US has said it is
    committed to ...', '"... growth." Nissan also announced a number of appointments'. Not when
    it goes on with the one who spoke: "He said that ...", "Kovac added that ...", "Kovac also
    said that ..."."""
    if tokens[0][0].lower() in PRONOUNS or cue.lower().startswith("add"):
        return False
    if _THING_AFTER.match(text, tokens[k][2]) and reporting_lemma(cue) not in LISTENER_VERBS:
        return True
    if any(word.lower() == "also" for word, _, _ in tokens[:k]):
        return False
    return _REPORTS_AFTER.match(text, tokens[k][2]) is not None


def _before_clause(text: str, start: int, stop: int) -> Attribution | None:
    """Attribution before a quote in its own sentence: "X said:", "In a tweet, X wrote,",
    "according to X,". The cue nearest the quote decides, and it must stand close to it."""
    return _cue_clause(text, start, stop, next_to_quote=True)


def _lead_clause(text: str, start: int, end: int) -> Attribution | None:
    """A speaker named in the sentence before a quote ("X said in an interview.", "X wrote:")."""
    return _cue_clause(text, start, end, next_to_quote=False)


def _cue_clause(text: str, start: int, stop: int, *, next_to_quote: bool) -> Attribution | None:
    """The subject of the last speech verb in ``text[start:stop]`` that has one.

    ``next_to_quote``: the quote follows right at ``stop`` (same sentence). Then only the
    cue nearest it counts, with at most an object ("told reporters") or "that" between them
    unless a colon or comma hands over; a sentence of its own before the quote may have its
    speaker at any earlier cue.
    """
    start = max(start, stop - _CLAUSE_REACH)
    if not _has_cue(text, start, stop):
        return None
    tokens = _tokens(text, start, stop)
    hands_over = text[start:stop].rstrip().endswith((":", ","))
    for k in range(len(tokens) - 1, -1, -1):
        cue = _cue_at(tokens, k)
        if cue is None:
            continue
        if cue == "according to":
            return _subject_after(text, tokens, k + 2, cue, stop)
        if next_to_quote and len(text[tokens[k][2] : stop].split()) > 8 and not hands_over:
            return None
        subject = _subject_before(text, start, tokens, k)
        if subject is not None:
            return Attribution(subject[0], cue, subject[1], subject[2])
        inverted = _subject_after(text, tokens, k + 1, cue, stop)
        if inverted is not None and (
            _described_as(text, inverted) or _opens_what_was_said(text, inverted, stop)
        ):
            # "by saying he would help", "argued it was "fair"", "described Lusk as": no
            # inverted subject
            inverted = None
        if inverted is not None or next_to_quote:
            return inverted
    return None


def _described_as(text: str, inverted: Attribution) -> bool:
    """The words after the verb are what it describes ("described Lusk as "a reckless captain"",
    "declared Lusk to be "the best""): its object, never who speaks ("was described by Kovac
    as "..."" names the one who described)."""
    if re.search(r"\bby\s+$", text[max(0, inverted.subject_start - 4) : inverted.subject_start]):
        return False
    after = text[inverted.subject_end :]
    if reporting_lemma(inverted.cue.split()[0]) in NAMING_VERBS:
        # A name may modify what is described ("described the Bollywood elements as "..."").
        return re.match(r"\s+(?:[a-z][\w-]*\s+){0,2}as\b", after) is not None
    return re.match(r"\s+(?:as|to\s+be)\b", after) is not None


def _opens_what_was_said(text: str, inverted: Attribution, stop: int) -> bool:
    """A pronoun after a verb of saying is its subject ("..., said he.") only where the clause
    ends; before more words it opens the clause reported."""
    if inverted.subject.lower() not in PRONOUNS:
        return False
    return re.match(r"\s*(?:[,.;:!?”’\"')]|$)", text[inverted.subject_end : stop]) is None


def _subject_before(
    text: str, start: int, tokens: list[tuple[str, int, int]], k: int
) -> tuple[str, int, int] | None:
    """The noun phrase that is the subject of the cue at token ``k``, if it stands right before."""
    j = k - 1
    quoting = _quoting_before(tokens, j)
    if quoting is not None:
        # "Arab News quoted Prince Saud as saying": the one quoted speaks ("quoted him": he)
        first, last = tokens[quoting + 1][1], tokens[j - 1][2]
        quoted = text[first:last]
        return _SUBJECT_FORM.get(quoted.lower(), quoted), first, last
    if j >= 1 and tokens[j][0].lower() == "as" and tokens[j - 1][0].lower() == "quoted":
        j -= 2  # "he was quoted as saying"
        if j >= 0 and tokens[j][0].lower() in ("was", "is", "were", "being"):
            j -= 1
    while j >= 0 and tokens[j][0].lower() in _ADVERBS:
        j -= 1
    if j < 0:
        return None
    seg_end = tokens[j][2]
    gap = text[seg_end : tokens[j + 1][1]].strip()
    segment = text[start:seg_end]
    if gap.lstrip(".").startswith(")"):
        # "Rep. G.K. Butterfield (D-N.C.) said": drop the parenthesis.
        opening = segment.rfind("(")
        if opening < 0:
            return None
        segment = segment[:opening].rstrip()
    elif gap.endswith(","):  # "X, chief economist at Y Inc., said"
        return _subject_with_appositive(start, segment)
    elif gap not in ("", "."):
        return None
    return _noun_phrase_at_end(start, segment)


# The one quoted, as an object, and the pronoun that stands for them as a subject.
_SUBJECT_FORM = {"him": "he", "her": "she", "them": "they", "me": "I", "us": "we"}


def _quoting_before(tokens: list[tuple[str, int, int]], j: int) -> int | None:
    """The token of "quoted" in "quoted X as" ending at token ``j`` ("as"), with at least one
    word between, at most six: X is the one quoted."""
    if j < 2 or tokens[j][0].lower() != "as":
        return None
    for i in range(j - 2, max(-1, j - 8), -1):
        if tokens[i][0].lower() in ("quoted", "quotes", "quoting"):
            return i
    return None


def _subject_with_appositive(start: int, segment: str) -> tuple[str, int, int] | None:
    """ "X, a spokesman for Y, said" -> X; "the director of Y, Jane Doe, said" -> Jane Doe."""
    last_comma = segment.rfind(",")
    if last_comma < 0:
        return None
    appositive = segment[last_comma + 1 :].strip()
    runs = name_runs(appositive)
    if runs and runs[0].start == 0 and runs[-1].end == len(appositive) and len(runs) == 1:
        pos = start + segment.rfind(appositive)
        return appositive, pos, pos + len(appositive)
    # The leftmost phrase followed by ", <appositive>" is the subject.
    begin = 0
    for m in re.finditer(",", segment):
        head = segment[begin : m.start()]
        found = _noun_phrase_at_end(start + begin, head)
        if found is not None:
            return found
        begin = m.end()
    return None


def _noun_phrase_at_end(start: int, segment: str) -> tuple[str, int, int] | None:
    """The name, pronoun or description that ends ``segment`` (offsets shifted by ``start``)."""
    if not segment.strip():
        return None
    last = WORDS.findall(segment)[-1:]
    if last and last[0].lower() in PRONOUNS and segment.rstrip().endswith(last[0]):
        pos = start + segment.rstrip().rfind(last[0])
        return last[0], pos, pos + len(last[0])
    runs = name_runs(segment)
    if runs and segment[runs[-1].end :].strip(" .") == "":
        begin, end = _name_phrase(segment, runs)
        return segment[begin:end], start + begin, start + end
    # A description: "the spokesman", "the Ukrainian statement", "Surrey staff", "police";
    # after the last comma or spaced dash ("at the box office in its first week - who").
    clause = PHRASE_BREAK.split(segment)[-1].strip()
    qualified = _QUALIFIED_DESCRIPTION.search(clause)
    if qualified and is_speaker_noun(qualified.group("head")):
        # "one veteran of the government projects", "a member of the public"
        phrase = qualified.group()
        pos = start + segment.rfind(phrase)
        return phrase, pos, pos + len(phrase)
    words = clause.split()
    for n in range(min(len(words), 6), 0, -1):
        phrase = " ".join(words[-n:])
        described = _DESCRIPTION.match(phrase)
        if described and is_speaker_noun(described.group("head")):
            pos = start + segment.rfind(phrase)
            return phrase, pos, pos + len(phrase)
    if words and words[-1].lower() in GROUP_NOUNS:
        n = 1
        while n < len(words) and words[-n - 1][:1].isupper() and words[-n - 1] not in ("The", "But", "And"):
            n += 1
        phrase = " ".join(words[-n:])
        pos = start + segment.rfind(phrase)
        return phrase, pos, pos + len(phrase)
    return None


def _name_phrase(segment: str, runs: Sequence[NameRun]) -> tuple[int, int]:
    """Where the subject ends ``segment`` with a name: the name, or the words around it that
    make it a description."""
    run = runs[-1]
    owner = _owned_description(segment, runs)
    if owner is not None:
        # "the head of Harbour Lines said": the person described, not the body after "of".
        return owner, run.end
    lead = segment[max(0, run.start - 4) : run.start].lower()
    if lead.endswith(("the ", " a ", "an ")) and len(runs) == 1 and len(run.tokens) <= 3:
        # "the Kentucky Republican": an epithet, resolved as a description.
        return segment.lower().rfind(lead.strip().split()[-1] + " ", 0, run.start), run.end
    # "Tim Guest with the Health Authority": the person, not the body they belong to.
    if len(runs) >= 2 and re.fullmatch(
        r"\s+(?:with|of|from|at|for)\s+(?:the\s+)?", segment[runs[-2].end : run.start]
    ):
        run = runs[-2]
    return run.start, run.end


# "the head of", "The star of", "a former director of": a person described by what they
# belong to, ending where the names after "of" begin.
_DESCRIBED_OF = re.compile(
    r"\b(?:[Tt]he|[Aa]n?)\s+(?:[a-z][\w-]*\s+){0,3}?(?P<head>[a-z][\w-]*)\s+of\s+(?:the\s+)?$"
)


def _owned_description(segment: str, runs: Sequence[NameRun]) -> int | None:
    """Where a description of a person by the names that end ``segment`` begins ("the head of
    Harbour Lines", "The star of Rain Man and Tootsie"), or ``None``."""
    k = len(runs) - 1
    while k > 0 and re.fullmatch(r",?\s+(?:and\s+)?|,\s*", segment[runs[k - 1].end : runs[k].start]):
        k -= 1  # names joined by "and" or commas
    described = _DESCRIBED_OF.search(segment, max(0, runs[k].start - 60), runs[k].start)
    if described is None or not is_speaker_noun(described.group("head")):
        return None
    return described.start()


def _subject_after(
    text: str, tokens: list[tuple[str, int, int]], k: int, cue: str, end: int
) -> Attribution | None:
    """The subject after an inverted cue: "said Smith", "said the statement", "according to X"."""
    if k >= len(tokens):
        return None
    word, wstart, _ = tokens[k]
    if word.lower() in PRONOUNS:
        return Attribution(word, cue, wstart, tokens[k][2])
    rest = text[wstart:end]
    runs = name_runs(rest)
    # "said the IFSD's Azfar Ali Khan", "says MaRS director Adam Jagelewski": the person.
    while len(runs) >= 2 and re.fullmatch(
        r"(?:[’']s)?\s+(?:[a-z-]+\s+){0,3}?(?:[a-z-]+)?\s*", rest[runs[0].end : runs[1].start]
    ):
        gap_words = rest[runs[0].end : runs[1].start].split()
        # "said Secretary of State Mike Pompeo": an office, then the person.
        office = gap_words in (["of"], ["of", "the"]) and runs[0].name in TITLES
        if not (
            rest[runs[0].end : runs[0].end + 2] in ("’s", "'s")
            or (gap_words and gap_words[-1] in ROLE_NOUNS)
            or office
        ):
            break
        runs = runs[1:]
    if runs and runs[0].start <= 40 and not rest[: runs[0].start].strip(" ").count(" ") > 3:
        run = runs[0]
        lead = re.sub(r"^.*?[’']s\s+", "", rest[: run.start].strip()).lower().rstrip(",")
        lead_words = lead.split()
        # "said head librarian Oona Fitz", "said the harbour master, Dana Holt"
        role_lead = bool(lead_words) and (
            lead_words[-1] in ROLE_NOUNS
            or (len(lead_words) <= 4 and all(re.fullmatch(r"[a-z-]+", w) for w in lead_words))
        )
        if lead in ("", "the", "a", "an") or lead_words[-1:] in (["of"], ["for"]) or run.role or role_lead:
            return Attribution(rest[run.start : run.end], cue, wstart + run.start, wstart + run.end)
    m = re.match(
        r"(?:the|a|an|his|her|their|its)\s+(?:[\w’'\-]+\s+){0,4}?[\w\-]+(?=\s*[,.;:!?]|\s+(?:on|in|at|of|to|for|"
        r"this|last|said|during|after|before|when|while)\b|$)",
        rest,
        re.IGNORECASE,
    )
    if m and is_speaker_noun(m.group().split()[-1]):
        return Attribution(m.group(), cue, wstart, wstart + m.end())
    return None
