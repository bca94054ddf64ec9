"""Direct quotations and who said them, by rules on the text (no language model needed).

1. :mod:`viewer.core.quotes_marks` finds the quoted passages (marks excluded, quotations
   running over paragraphs joined).
2. Passages split only by their attribution (``"A," she said. "B."``) become one quote.
3. Each quote gets a speaker from its own sentence ("X said", "said X", "X, the minister,
   said", "according to X", "X said:" before it), else from the sentence before it, else from
   the quote before it (a chain of paragraphs by one speaker).
4. The speaker is resolved to the fullest name the article gives: surnames and titles through
   :class:`~viewer.core.quotes_names.NameBook`, pronouns to the person last spoken of, and
   descriptions ("the spokesman", "the statement") to the person or body the article names.
Short quoted terms that nobody is said to have said come out with ``kind="term"``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from viewer.core.model import Article, Entity, Quote, Span
from viewer.core.quotes_marks import Passage, find_passages
from viewer.core.quotes_names import (
    HONORIFICS,
    PRONOUNS,
    ROLE_NOUNS,
    NameBook,
    NameRun,
    build_book,
    is_org,
    looks_like_person,
    name_runs,
    role_after,
    role_before,
    word_set,
)

__all__ = ["find_quotes"]

CUES = word_set(
    """said says say saying told tells telling added adds adding wrote writes writing
tweeted tweets posted posts warned warns warning explained explains explaining noted notes noting
stated states asked asks asking continued continues argued argues arguing insisted insists
claimed claims claiming replied replies responded responds recalled recalls recalling
acknowledged acknowledges admitted admits announced announces commented comments declared
declares emphasized emphasised emphasizes emphasises stressed stresses suggested suggests urged
urges conceded concedes countered counters cautioned cautions remarked remarks observed observes
agreed agrees confirmed confirms predicted predicts joked jokes laughed shouted yelled whispered
exclaimed reported reports testified testifies concluded concludes boasted boasts complained
complains lamented laments mused muses quipped quips retorted vowed vows promised promises
pledged pledges wondered wonders recounted recounts alleged alleges charged charges contended
contends maintained maintains reiterated reiterates elaborated explained answered answers
mentioned mentions described describes wrote chimed thundered scoffed sighed pleaded begged
demanded demands announced insisted texted emailed messaged told"""
)
_CUE_PHRASES = re.compile(
    r"\b(?:according to|went on|goes on|pointed out|points out|summed up|in a statement)\b"
)
_ADVERBS = word_set(
    """also later then previously has had have would will once recently further simply quickly
    flatly repeatedly reportedly publicly privately again earlier last told famously proudly
    bluntly candidly angrily calmly softly firmly recently often frequently just never"""
)
_DOC_NOUNS = word_set(
    """statement release post tweet letter report email e-mail message note memo filing document
    notice instructions announcement website video advertisement ad complaint lawsuit ruling
    decision order policy guidance update bulletin communique communiqué transcript
    press-release response reply petition motion judgment judgement study survey poll
    affidavit indictment proclamation"""
)
_GROUP_NOUNS = word_set("police officials authorities prosecutors investigators government organizers")
_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|vs|No))[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(A-Z0-9])"
)
_WORDS = re.compile(r"[^\W_](?:[\w’'\-]*[^\W_])?")
_DESCRIPTION = re.compile(
    r"^(?:the|a|an|his|her|their|its|our|one|another|that|this)\s+(?P<body>(?:[\w’'\-]+\s+){0,5}?)"
    r"(?P<head>[\w\-]+)$",
    re.IGNORECASE,
)
_AGENT = re.compile(
    r"\b(?:published|issued|released|posted|sent|signed|shared|put out|tweeted)\s+(?:on\s+\w+\s+)?by\s+"
    r"(?P<agent>(?:the\s+)?(?:[\w’'\-]+\s+){0,5}?[\w\-]+)(?=\s+(?:on|in|at|of|to|for|late|early|this|last|"
    r"yesterday|today|and|after|before|when|while)\b|[,.;:!?]|$)"
)
_ORG_AGENT_VERB = re.compile(
    r"(?P<agent>(?:[A-Z][\w’'\-]*\s+)*[A-Z][\w’'\-]*)\s+(?:issued|released|published|posted|put out|sent)\b"
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
    unresolved: bool = False  # an attribution was seen but the speaker could not be named

    @property
    def first_paragraph(self) -> int:
        return self.passages[0].spans[0].paragraph

    @property
    def last_paragraph(self) -> int:
        return self.passages[-1].spans[-1].paragraph

    @property
    def spans(self) -> tuple[Span, ...]:
        return tuple(s for p in self.passages for s in p.spans)


@dataclass(frozen=True, slots=True)
class _Attribution:
    subject: str  # the words naming the speaker ("Konashenkov", "she", "the statement")
    cue: str
    subject_start: int  # offset of the subject in the clause's paragraph
    subject_end: int


def find_quotes(article: Article, entities: Sequence[Entity] = ()) -> tuple[Quote, ...]:
    """Every direct quotation in the article's body, in order, with its speaker.

    ``entities`` (the article's merged named entities, if recognition ran) widen the names
    the speakers resolve to; without them the article's own capitalised names serve.
    """
    paragraphs = article.paragraphs
    if not paragraphs:
        return ()
    passages = find_passages(paragraphs)
    if not passages:
        return ()
    book = build_book(article, entities)
    resolver = _Resolver(article, book)
    found = _merge_split_quotes(paragraphs, passages)
    for item in found:
        _attribute_own_sentence(paragraphs, item, resolver)
    previous: _Found | None = None
    for item in found:
        if not item.attributed:
            _attribute_from_context(paragraphs, item, previous, resolver)
        if _text(paragraphs, item).strip():
            previous = item if item.speaker else previous
    return tuple(_to_quote(paragraphs, item) for item in found if _text(paragraphs, item))


def _text(paragraphs: Sequence[str], item: _Found) -> str:
    return " ".join(paragraphs[s.paragraph][s.start : s.end] for s in item.spans)


def _to_quote(paragraphs: Sequence[str], item: _Found) -> Quote:
    text = _text(paragraphs, item)
    kind: str = "quote"
    if not item.attributed and _is_term(text, item):
        kind = "term"
    return Quote(
        text=text,
        speaker=item.speaker if kind == "quote" else None,
        cue=item.cue if kind == "quote" else None,
        spans=item.spans,
        role=item.role if kind == "quote" else None,
        kind="term" if kind == "term" else "quote",
    )


def _is_term(text: str, item: _Found) -> bool:
    """A scare quote or title: a few words, or a short capitalised title, said by nobody."""
    if len(item.passages) > 1 or len(item.spans) > 1:
        return False
    words = _WORDS.findall(text)
    if len(words) <= _TERM_WORDS:
        return True
    small = {"a", "an", "the", "of", "and", "in", "on", "for", "to", "with", "at", "or", "from"}
    titled = all(w[:1].isupper() or w.lower() in small for w in words)
    return titled and len(words) <= 8 and not text.rstrip().endswith((".", "!", "?", ","))


# --- passages that belong together -------------------------------------------------------


def _merge_split_quotes(paragraphs: Sequence[str], passages: list[Passage]) -> list[_Found]:
    """Join passages split only by their attribution: ``"A," she said. "B."``."""
    found: list[_Found] = []
    for passage in passages:
        if found:
            last = found[-1].passages[-1]
            same_paragraph = last.spans[-1].paragraph == passage.spans[0].paragraph
            if same_paragraph and last.closed:
                text = paragraphs[passage.spans[0].paragraph]
                between = text[last.close_at + 1 : passage.open_at]
                if _is_attribution_only(between):
                    found[-1].passages.append(passage)
                    continue
        found.append(_Found([passage]))
    return found


def _is_attribution_only(between: str) -> bool:
    """Text between two quoted passages that is nothing but "she said" (one sentence, a cue)."""
    stripped = between.strip(" ,;:—–-")
    words = _WORDS.findall(stripped)
    if not words or len(words) > 20:
        return False
    inner = stripped.rstrip(".,;:—–- ")
    if _SENTENCE_END.search(inner + " "):
        return False
    if not any(w.lower() in CUES for w in words) and not _CUE_PHRASES.search(stripped.lower()):
        return False
    # It must end like a clause that hands back to the quote: with punctuation or "that".
    return bool(re.search(r"([.,:;—–-]|\bthat)\s*$", between)) or between.strip() == ""


# --- attribution -------------------------------------------------------------------------


def _sentence_before(text: str, pos: int) -> tuple[int, str]:
    """The start of the sentence holding ``pos`` and its text up to ``pos``."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        if m.end() <= pos:
            start = m.end()
    return start, text[start:pos]


def _sentence_after(text: str, pos: int) -> str:
    m = _SENTENCE_END.search(text, pos)
    end = m.start() + 1 if m else len(text)
    return text[pos:end]


def _attribute_own_sentence(paragraphs: Sequence[str], item: _Found, resolver: _Resolver) -> None:
    """Speaker from the quote's own sentence: between its parts, after it, or before it."""
    candidates: list[tuple[_Attribution, int]] = []  # (attribution, paragraph)
    for before, after in zip(item.passages, item.passages[1:], strict=False):
        p = before.spans[-1].paragraph
        text = paragraphs[p]
        between_start = before.close_at + 1
        attribution = _after_clause(text, between_start, after.open_at)
        if attribution is None:
            attribution = _before_clause(text, between_start, after.open_at)
        if attribution is not None:
            candidates.append((attribution, p))
            break
    last = item.passages[-1]
    if not candidates and last.closed:
        p = last.spans[-1].paragraph
        text = paragraphs[p]
        stop = _next_mark(text, last.close_at + 1)
        attribution = _after_clause(text, last.close_at + 1, stop)
        if attribution is not None:
            candidates.append((attribution, p))
    if not candidates:
        first = item.passages[0]
        p = first.spans[0].paragraph
        text = paragraphs[p]
        sentence_start, _ = _sentence_before(text, first.open_at)
        attribution = _before_clause(text, sentence_start, first.open_at)
        if attribution is not None:
            candidates.append((attribution, p))
    if not candidates:
        return
    attribution, p = candidates[0]
    item.attributed = True
    item.cue = attribution.cue
    speaker, role = resolver.speaker(paragraphs[p], p, attribution)
    item.speaker, item.role = speaker, role
    item.unresolved = speaker is None


def _next_mark(text: str, pos: int) -> int:
    m = re.compile(r"[\"“”«»„]").search(text, pos)
    return m.start() if m else len(text)


def _attribute_from_context(
    paragraphs: Sequence[str], item: _Found, previous: _Found | None, resolver: _Resolver
) -> None:
    """A quote with no attribution of its own: the sentence before it, else the quote before."""
    first = item.passages[0]
    p = first.spans[0].paragraph
    text = paragraphs[p]
    sentence_start, _ = _sentence_before(text, first.open_at)
    # The sentence before, in this paragraph or at the end of the previous one.
    lead: tuple[int, str, int, int] | None = None  # paragraph, text, start, end
    if sentence_start > 0:
        prev_start, _ = _sentence_before(text, max(0, sentence_start - 1))
        lead = (p, text, prev_start, sentence_start)
    elif p > 0 and paragraphs[p - 1]:
        prev_text = paragraphs[p - 1]
        prev_start, _ = _sentence_before(prev_text, len(prev_text))
        lead = (p - 1, prev_text, prev_start, len(prev_text))
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
            if attribution is not None:
                speaker, role = resolver.speaker(ltext, lp, attribution)
                if speaker is not None:
                    item.speaker, item.role, item.cue = speaker, role, attribution.cue
                    return
    if previous is not None and previous_is_adjacent and previous.speaker:
        item.speaker, item.role, item.cue = previous.speaker, previous.role, None


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORDS.finditer(text, start, end)]


def _cue_at(tokens: list[tuple[str, int, int]], k: int, text: str) -> str | None:
    word = tokens[k][0].lower()
    if word in CUES:
        return tokens[k][0]
    if word == "according" and k + 1 < len(tokens) and tokens[k + 1][0].lower() == "to":
        return "according to"
    if k + 1 < len(tokens):
        pair = f"{word} {tokens[k + 1][0].lower()}"
        if pair in ("went on", "goes on", "pointed out", "points out", "summed up"):
            return f"{tokens[k][0]} {tokens[k + 1][0]}"
    return None


def _after_clause(text: str, start: int, stop: int) -> _Attribution | None:
    """Attribution right after a quote: ", she said", " said the statement", " X told reporters"."""
    sentence = _sentence_after(text, start)
    end = min(stop, start + len(sentence))
    head = text[start:end]
    lead = head.lstrip(" ,;:—–-")
    if not lead:
        return None
    offset = start + len(head) - len(lead)
    tokens = _tokens(text, offset, end)
    for k in range(min(len(tokens), 12)):
        cue = _cue_at(tokens, k, text)
        if cue is None:
            continue
        if cue == "according to":
            return _subject_after(text, tokens, k + 2, cue, end)
        before = text[offset : tokens[k][1]]
        if k == 0:
            return _subject_after(text, tokens, k + 1, cue, end) or _Attribution("", cue, -1, -1)
        subject = _subject_before(text, offset, tokens[k][1], tokens, k)
        if subject is not None:
            return _Attribution(subject[0], cue, subject[1], subject[2])
        if "," in before or len(before.split()) > 8:
            return None
    return None


def _before_clause(text: str, start: int, stop: int) -> _Attribution | None:
    """Attribution before a quote: "X said:", "In a tweet, X wrote,", "according to X,"."""
    tokens = _tokens(text, start, stop)
    tail = text[start:stop].rstrip()
    for k in range(len(tokens) - 1, -1, -1):
        cue = _cue_at(tokens, k, text)
        if cue is None:
            continue
        after = text[tokens[k][2] : stop]
        if cue == "according to":
            return _subject_after(text, tokens, k + 2, cue, stop)
        # Between the cue and the quote: nothing, an object ("told reporters"), or "that".
        if len(after.split()) > 8 and not tail.endswith((":", ",")):
            return None
        subject = _subject_before(text, start, tokens[k][1], tokens, k)
        if subject is not None:
            return _Attribution(subject[0], cue, subject[1], subject[2])
        inverted = _subject_after(text, tokens, k + 1, cue, stop)
        if inverted is not None:
            return inverted
        return None
    return None


def _lead_clause(text: str, start: int, end: int) -> _Attribution | None:
    """A speaker named in the sentence before a quote ("X said in an interview.", "X wrote:")."""
    tokens = _tokens(text, start, end)
    for k in range(len(tokens)):
        cue = _cue_at(tokens, k, text)
        if cue is None:
            continue
        if cue == "according to":
            return _subject_after(text, tokens, k + 2, cue, end)
        subject = _subject_before(text, start, tokens[k][1], tokens, k)
        if subject is not None:
            return _Attribution(subject[0], cue, subject[1], subject[2])
        inverted = _subject_after(text, tokens, k + 1, cue, end)
        if inverted is not None:
            return inverted
    return None


def _subject_before(
    text: str, start: int, cue_start: int, tokens: list[tuple[str, int, int]], k: int
) -> tuple[str, int, int] | None:
    """The noun phrase that is the subject of the cue at token ``k``, if it stands right before."""
    j = k - 1
    while j >= 0 and tokens[j][0].lower() in _ADVERBS:
        j -= 1
    if j < 0:
        return None
    seg_end = tokens[j][2]
    gap = text[seg_end : tokens[j + 1][1]].strip()
    segment = text[start:seg_end]
    if gap.startswith(")"):
        # "Rep. G.K. Butterfield (D-N.C.) said": drop the parenthesis.
        opening = segment.rfind("(")
        if opening < 0:
            return None
        segment = segment[:opening].rstrip()
        seg_end = start + len(segment)
    elif gap == ",":
        # "X, a spokesman for Y, said": skip back over the appositive to X.
        comma = segment.rfind(",")
        if comma < 0:
            return None
        segment = segment[:comma].rstrip()
        seg_end = start + len(segment)
    elif gap not in ("", "."):
        return None
    if not segment.strip():
        return None
    last = _WORDS.findall(segment)[-1:]
    if last and last[0].lower() in PRONOUNS and segment.rstrip().endswith(last[0]):
        pos = start + segment.rstrip().rfind(last[0])
        return last[0], pos, pos + len(last[0])
    runs = name_runs(segment)
    if runs and segment[runs[-1].end :].strip(" .") == "":
        run = runs[-1]
        return segment[run.start : run.end], start + run.start, start + run.end
    # A description: "the spokesman", "the Ukrainian statement", "police".
    clause = segment[max(segment.rfind(","), -1) + 1 :].strip()
    words = clause.split()
    for n in range(min(len(words), 6), 0, -1):
        phrase = " ".join(words[-n:])
        if _DESCRIPTION.match(phrase):
            pos = start + segment.rfind(phrase)
            return phrase, pos, pos + len(phrase)
    if words and words[-1].lower() in _GROUP_NOUNS:
        pos = start + segment.rfind(words[-1])
        return words[-1], pos, pos + len(words[-1])
    return None


def _subject_after(
    text: str, tokens: list[tuple[str, int, int]], k: int, cue: str, end: int
) -> _Attribution | None:
    """The subject after an inverted cue: "said Smith", "said the statement", "according to X"."""
    if k >= len(tokens):
        return None
    word, wstart, _ = tokens[k]
    if word.lower() in PRONOUNS:
        return _Attribution(word, cue, wstart, tokens[k][2])
    rest = text[wstart:end]
    runs = name_runs(rest)
    if runs and runs[0].start <= 40 and not rest[: runs[0].start].strip(" ").count(" ") > 3:
        run = runs[0]
        lead = rest[: run.start].strip().lower()
        if lead in ("", "the", "a", "an") or lead.split()[-1:] in (["of"], ["for"]) or run.role:
            return _Attribution(rest[run.start : run.end], cue, wstart + run.start, wstart + run.end)
    m = re.match(
        r"(?:the|a|an|his|her|their|its)\s+(?:[\w’'\-]+\s+){0,4}?[\w\-]+(?=\s*[,.;:!?]|\s+(?:on|in|at|of|to|for|"
        r"this|last|said|during|after|before|when|while)\b|$)",
        rest,
        re.IGNORECASE,
    )
    if m:
        return _Attribution(m.group(), cue, wstart, wstart + m.end())
    return None


# --- resolving who the subject is --------------------------------------------------------


@dataclass(slots=True)
class _Mention:
    order: int
    name: str
    subject_like: bool


class _Resolver:
    """Turns the words naming a speaker into the fullest name the article gives."""

    def __init__(self, article: Article, book: NameBook) -> None:
        self.article = article
        self.book = book
        self.mentions: list[_Mention] = []
        self.genders: dict[str, dict[str, int]] = {}
        for p, text in enumerate(article.paragraphs):
            sentence_starts = {0} | {m.end() for m in _SENTENCE_END.finditer(text)}
            for run in name_runs(text):
                full = book.fullest(run.name, p * 100_000 + run.start)
                if not (looks_like_person(full) or _single_person(run, book)):
                    continue
                subject_like = _starts_sentence(text, run, sentence_starts) or _before_cue(text, run)
                self.mentions.append(_Mention(p * 100_000 + run.start, full, subject_like))
                self._tally_gender(full, text, run)

    def _tally_gender(self, name: str, text: str, run: NameRun) -> None:
        if run.gender:
            counts = self.genders.setdefault(name, {"m": 0, "f": 0})
            counts[run.gender] += 3
        m = re.search(r"\b(he|his|him|she|her|hers)\b", text[run.end : run.end + 160], re.IGNORECASE)
        if m:
            gender = "m" if m.group(1).lower() in ("he", "his", "him") else "f"
            counts = self.genders.setdefault(name, {"m": 0, "f": 0})
            counts[gender] += 1

    def gender(self, name: str) -> str:
        counts = self.genders.get(name)
        if not counts or counts["m"] == counts["f"]:
            return ""
        return "m" if counts["m"] > counts["f"] else "f"

    def speaker(self, text: str, p: int, attribution: _Attribution) -> tuple[str | None, str | None]:
        """The speaker's fullest name and stated role, or (None, None)."""
        subject = attribution.subject.strip()
        if not subject:
            return None, None
        order = p * 100_000 + max(attribution.subject_start, 0)
        lowered = subject.lower()
        if lowered in PRONOUNS:
            name = self.antecedent(order, PRONOUNS[lowered], lowered)
            return name, self.book.role_of(name) if name else None
        runs = name_runs(subject)
        if runs and runs[-1].name.lower() not in PRONOUNS:
            run = runs[-1]
            name = self.book.fullest(run.name, order)
            role = run.role or role_before(text, attribution.subject_start + run.start)
            role = role or role_after(text, attribution.subject_end) or self.book.role_of(name)
            if run.role and run.role.endswith(("’s", "'s")):
                role = None
            return _clean_name(name), role
        return self.describe(subject, order, text, p)

    def antecedent(self, order: int, gender: str, pronoun: str) -> str | None:
        """The person a pronoun most likely stands for: the nearest earlier subject-like
        person of a matching gender, else the nearest earlier person."""
        if pronoun in ("i", "we"):
            return None
        window = order - 400_000
        earlier = [m for m in self.mentions if window <= m.order < order]
        if pronoun == "they":
            return None
        for want_subject in (True, False):
            for m in reversed(earlier):
                if want_subject and not m.subject_like:
                    continue
                known = self.gender(m.name)
                if gender and known and known != gender:
                    continue
                return m.name
        return None

    def describe(self, subject: str, order: int, text: str, p: int) -> tuple[str | None, str | None]:
        """A description ("the spokesman", "the statement", "the ministry") to a name."""
        words = subject.split()
        head = words[-1].lower().strip(".,")
        if head in ROLE_NOUNS:
            name = self.book.person_with_role(head, order)
            if name is not None:
                return name, self.book.role_of(name)
            return None, None
        if head in _DOC_NOUNS:
            agent = self.agent(order, p)
            return agent, None
        org = self.book.org_with(head, order)
        if org is not None:
            return org, None
        if head in _GROUP_NOUNS:
            return subject[4:] if subject.lower().startswith("the ") else subject, None
        return None, None

    def agent(self, order: int, p: int) -> str | None:
        """Who issued a statement: "published by X", "X issued a statement", nearest before."""
        paragraphs = self.article.paragraphs
        for q in range(p, max(-1, p - 4), -1):
            text = paragraphs[q]
            limit = order - q * 100_000 if q == p else len(text)
            agents = list(_AGENT.finditer(text, 0, max(0, limit)))
            if agents:
                agent = agents[-1].group("agent")
                agent = agent[4:] if agent.lower().startswith("the ") else agent
                return self.book.fullest(agent, order)
            issuers = list(_ORG_AGENT_VERB.finditer(text, 0, max(0, limit)))
            if issuers:
                runs = name_runs(issuers[-1].group("agent"))
                if runs:
                    return self.book.fullest(runs[-1].name, order)
        return None


def _clean_name(name: str) -> str:
    words = name.split()
    while words and words[0] in HONORIFICS:
        words.pop(0)
    return " ".join(words) or name


def _single_person(run: NameRun, book: NameBook) -> bool:
    return len(run.tokens) == 1 and not is_org(run.name) and run.name in book.genders


def _starts_sentence(text: str, run: NameRun, starts: set[int]) -> bool:
    """The name opens its sentence (after at most a few capitalised or lead-in words)."""
    return any(s <= run.start and not re.search(r"[a-z]", text[s : run.start]) for s in starts)


def _before_cue(text: str, run: NameRun) -> bool:
    after = _WORDS.findall(text[run.end : run.end + 30])
    return bool(after) and (after[0].lower() in CUES or (len(after) > 1 and after[1].lower() in CUES))
