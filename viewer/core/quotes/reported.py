"""Reported speech: statements in the reporter's own words, decided by a learned labeller.

"Brenmoor said it was seeking acquisitions", "According to the ministry, 16,000 volunteers have
applied", "The plan will fail, the mayor said." Each verb of saying or writing in a parsed
sentence (and each "according to") is a *candidate*; a sequence labeller (a linear-chain CRF,
:mod:`~viewer.core.quotes.learned`) reads the sentence's words against that candidate (how each
word hangs from the cue in the dependency parse, on which side of it, the cue's own shape:
negated, a question, a modal) and marks the words of what it reports, or none. Trained on an
annotated corpus of news (``python -m viewer train``), it decides both whether the candidate
reports a statement and where its content begins and ends.

What the parse gives beside it, for the speaker: the cue's grammatical subject ("Brenmoor", "the
mayor", "she"; the object of "according to"), which the caller resolves to a name as it does
for direct quotes. The features are computed here, for training and for use alike, so that the
model reads at run time exactly what it learned from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from viewer.core.lexicon import LISTENER_VERBS, RELATIVE_PRONOUNS, headline_case, reporting_lemma, word_set
from viewer.core.quotes.evidence import joined_to_finite, object_controller, quoted_as
from viewer.core.quotes.parse import ArticleParse
from viewer.core.quotes.speakers import DOC_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = [
    "Candidate",
    "Labeller",
    "ReportedContent",
    "candidates",
    "content_of",
    "cue_subject",
    "features",
    "has_subject",
    "is_candidate",
    "told_clause",
]

#: Features of each word of a sentence -> a label per word ("B", "I" or "O") and the model's
#: probability of that label there.
Labeller = Callable[[Sequence[Sequence[str]]], tuple[Sequence[str], Sequence[float]]]

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_CLIMB = frozenset({"advcl", "xcomp", "conj", "pcomp", "prep", "acomp", "ccomp", "acl"})
_MODALS = frozenset(
    {"would", "could", "might", "may", "should", "can", "must", "will", "'d", "’d", "'ll", "’ll"}
)
_CONDITIONS = frozenset({"if", "unless", "whether"})
_NEGATIONS = frozenset({"not", "n't", "n’t", "never", "no"})
_QUOTE_MARKS = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»", "„"})
_PATH_STEPS = 3
# The cue's own dependents that tell what it takes: an infinitive ("urged them to"), an object
# ("announced a plan"), who heard it ("told reporters"), a clause beside it, a "because".
_CUE_CHILDREN = frozenset({"xcomp", "dobj", "dative", "prep", "advcl", "parataxis", "conj", "mark", "agent"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A verb of saying (or "according") in a parsed sentence of paragraph ``paragraph``."""

    paragraph: int
    sentence: SpacySpan
    cue: Token


@dataclass(frozen=True, slots=True)
class ReportedContent:
    """What a candidate reports, by offsets into its paragraph's own text."""

    paragraph: int
    start: int
    end: int
    cue_start: int
    cue_end: int
    cue_text: str
    #: The labeller's mean probability for the content's words: how sure it is of them.
    sure: float = 1.0
    #: The content holds a verb of its own (a clause, not a bare noun phrase: "denied the
    #: request", "vowed retribution").
    clause: bool = True
    #: The part of the content before a cue that interrupts it ("The repairs, she said, would
    #: take a year"): its offsets, or ``None``.
    lead: tuple[int, int] | None = None


def is_candidate(token: Token, headline: bool) -> bool:
    """A form of a verb of saying or writing used as a verb, or "according" before "to".
    ``headline``: the token's text is written in headline case (:func:`headline_case`)."""
    if token.lower_ == "according":
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return nxt is not None and nxt.lower_ == "to"
    tag = token.tag_
    if (
        token.text[:1].isupper()
        and not token.is_sent_start
        and token.i > 0
        and token.nbor(-1).text[:1].isupper()
        and not headline
    ):
        return False  # a word of a title in prose ("singles include You Said No"), not a verb
    return (not tag or tag.startswith("VB")) and reporting_lemma(token.lower_) is not None


def candidates(parse: ArticleParse, p: int) -> Iterator[Candidate]:
    """The candidates of paragraph ``p`` (outside quotations: a cue inside quoted words is the
    quoted speaker's own)."""
    doc = parse.doc(p)
    if doc is None:
        return
    headline = headline_case(doc.text)
    for sentence in doc.sents:
        for token in sentence:
            if is_candidate(token, headline) and not parse.in_quotation(p, token):
                yield Candidate(p, sentence, token)


def _shape(text: str) -> str:
    if text.isdigit():
        return "d"
    if not text[:1].isalnum():
        return "p"
    if text.isupper() and len(text) > 1:
        return "X"
    return "Xx" if text[:1].isupper() else "x"


def _distance(n: int) -> str:
    if n <= 3:
        return str(n)
    if n <= 6:
        return "4-6"
    if n <= 12:
        return "7-12"
    return "13+"


def _word_features(parse: ArticleParse, p: int, token: Token) -> list[str]:
    """What a word is, whatever the cue: its form, tag, relation to its head, quotation."""
    lower = token.lower_
    quoted = parse.in_quotation(p, token)
    out = [
        f"w={lower if not quoted else '<q>'}",
        f"t={token.tag_}",
        f"d={token.dep_}",
        f"hd={token.head.dep_}",
        f"sh={_shape(token.text)}",
    ]
    if quoted:
        out.append("inq")
    if token.text in _QUOTE_MARKS:
        out.append("mark")
    if token.is_sent_start:
        out.append("first")
    if reporting_lemma(lower) is not None:
        out.append("cueword")
    return out


def _cue_features(cue: Token, sentence: SpacySpan) -> list[str]:
    """What the candidate is: its verb, its form, what it takes (a clause, an infinitive, an
    object), negated, a question, a condition, passive, under another verb of saying."""
    lemma = "according" if cue.lower_ == "according" else reporting_lemma(cue.lower_) or cue.lower_
    children = list(cue.children)
    deps = {c.dep_ for c in children}
    subject = next((c for c in children if c.dep_ in _SUBJECTS), None)
    out = [f"C:l={lemma}", f"C:t={cue.tag_}", f"C:d={cue.dep_}", f"C:hd={cue.head.dep_}"]
    out.append(f"C:ccomp={'ccomp' in deps}")
    out.extend(f"C:has={d}" for d in sorted(deps & _CUE_CHILDREN))
    if cue.head.i != cue.i and reporting_lemma(cue.head.lower_) is not None:
        out.append("C:undercue")  # "said, adding ...", "told reporters, noting ..."
    if any(c.lower_ in _NEGATIONS and c.dep_ == "neg" for c in children):
        out.append("C:neg")
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in children):
        out.append("C:modal")
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in children):
        out.append("C:if")
    if sentence.text.rstrip().rstrip("\"”’'").endswith("?"):
        out.append("C:question")
    if "nsubjpass" in deps or "auxpass" in deps:
        out.append("C:passive")
    if subject is None:
        out.append("C:subj=none")
    else:
        out.append(f"C:subj={subject.tag_}")
    return out


@dataclass(frozen=True, slots=True)
class _Sentence:
    """What every candidate of one sentence reads alike: each word's own features, its
    relation and shape, and the chain of its heads up to the root (indices into the doc)."""

    words: list[list[str]]
    deps: list[str]
    shapes: list[str]
    chains: list[list[int]]


def _sentence(parse: ArticleParse, p: int, sentence: SpacySpan) -> _Sentence:
    key = (p, sentence.start)
    found = parse.memo.get(key)
    if isinstance(found, _Sentence):
        return found
    doc = sentence.doc
    tokens = list(sentence)  # once: each pass over a span makes a Python object of every token
    heads = [t.head.i for t in tokens]
    offset = sentence.start
    chains: list[list[int]] = []
    for k in range(len(heads)):
        chain = [offset + k]
        while len(chain) < 40:
            head = (
                heads[chain[-1] - offset]
                if offset <= chain[-1] < offset + len(heads)
                else doc[chain[-1]].head.i
            )
            if head == chain[-1]:
                break
            chain.append(head)
        chains.append(chain)
    made = _Sentence(
        words=[_word_features(parse, p, t) for t in tokens],
        deps=[t.dep_ for t in tokens],
        shapes=[_shape(t.text) for t in tokens],
        chains=chains,
    )
    parse.memo[key] = made
    return made


def features(parse: ArticleParse, candidate: Candidate) -> list[list[str]]:
    """The features of every word of the candidate's sentence, read against its cue."""
    p, sentence, cue = candidate.paragraph, candidate.sentence, candidate.cue
    shared = _sentence(parse, p, sentence)
    offset = sentence.start
    doc = sentence.doc
    cue_chain = shared.chains[cue.i - offset]
    cue_rank = {i: k for k, i in enumerate(cue_chain)}
    cue_deps = [doc[i].dep_ for i in cue_chain]
    cue_level = _cue_features(cue, sentence)
    lemma = cue_level[0][4:]
    # The features that depend only on a word's relation to the cue (and its side), made once.
    by_relation: dict[tuple[str, str], list[str]] = {}
    rows: list[list[str]] = []
    for k in range(len(shared.words)):
        row = list(shared.words[k])
        i = offset + k
        if i == cue.i:
            row.append("side=cue")
            row.extend(cue_level)
            rows.append(row)
            continue
        side = "before" if i < cue.i else "after"
        down: list[str] = []
        lca_rank = -1
        for node in shared.chains[k]:
            if node in cue_rank:
                lca_rank = cue_rank[node]
                break
            down.append(
                shared.deps[node - offset] if offset <= node < offset + len(shared.deps) else doc[node].dep_
            )
        up = cue_deps[: max(lca_rank, 0)]
        down.reverse()  # from the common ancestor down to the word
        if lca_rank == 0:
            relation = f"sub={down[0]}"  # inside the cue's subtree, under this relation
        elif not down:
            relation = "anc"  # the word governs the cue ("..., the mayor said")
        else:
            relation = "out"
        path = f"U{'.'.join(up[:_PATH_STEPS])}|D{'.'.join(down[:_PATH_STEPS])}"
        short_path = f"U{'.'.join(up[:1])}|D{'.'.join(down[:2])}|{len(down)}"
        distance = _distance(abs(i - cue.i))
        row.extend(
            (
                f"side={side}",
                f"dist={side}{distance}",
                f"path={path}",
                f"spath={short_path}",
                f"spath={short_path}|sh={shared.shapes[k]}",
            )
        )
        common = by_relation.get((relation, side))
        if common is None:
            common = [relation, f"{relation}|{side}", f"{relation}|l={lemma}"]
            by_relation[relation, side] = common
        row.extend(common)
        row.extend((f"{relation}|d={shared.deps[k]}", f"up={'.'.join(up[:1])}|{side}"))
        joined = by_relation.get((relation, ""))
        if joined is None:
            joined = [f"{c}|{relation}" for c in cue_level[4:]]
            by_relation[relation, ""] = joined
        row.extend(joined)
        rows.append(row)
    return _with_neighbours(rows)


def _with_neighbours(rows: list[list[str]]) -> list[list[str]]:
    """Each row with its neighbours' words and relations (their first three features, which
    what is added here leaves as they are): where a clause opens and closes."""
    last = len(rows) - 1
    for k, row in enumerate(rows):
        if k > 0:
            row.extend(["-1" + f for f in rows[k - 1][:3]])
        else:
            row.append("BOS")
        if k < last:
            row.extend(["+1" + f for f in rows[k + 1][:3]])
        else:
            row.append("EOS")
    return rows


def content_of(
    parse: ArticleParse, candidate: Candidate, labels: Sequence[str], sure: Sequence[float] = ()
) -> list[ReportedContent]:
    """The content the labels mark for a candidate: each run of content words, by offsets into
    the paragraph's text (a stand-in clause counts as its whole quotation)."""
    p, sentence, cue = candidate.paragraph, candidate.sentence, candidate.cue
    cue_range = parse.original(p, cue)
    if cue_range is None:
        return []
    cue_end_token = cue.nbor(1) if cue.lower_ == "according" else cue
    cue_end = parse.original(p, cue_end_token) or cue_range
    runs: list[list[Token]] = []
    weights: dict[int, float] = {}
    for k, (token, label) in enumerate(zip(sentence, labels, strict=True)):
        weights[token.i] = sure[k] if k < len(sure) else 1.0
        if label == "B" or (label == "I" and not runs):
            runs.append([token])
        elif label == "I":
            if runs[-1][-1].i == token.i - 1:
                runs[-1].append(token)
            else:
                runs.append([token])
    runs = [run for run in _without_circumstance(cue, runs) if any(not t.is_punct for t in run)]
    lead: list[Token] | None = None
    if len(runs) >= 2 and runs[0][-1].i < cue.i < runs[1][0].i and runs[1][0].i - runs[0][-1].i <= 8:
        lead = runs.pop(0)  # the content goes on after the cue that interrupts it
    out: list[ReportedContent] = []
    cue_text = parse.paragraphs[p][cue_range[0] : cue_end[1]]
    for run in runs:
        first = parse.original(p, run[0])
        last = parse.original(p, run[-1])
        if first is None or last is None:
            continue
        words = run + (lead or [])
        mean = sum(weights[t.i] for t in words) / len(words)
        clause = _is_clause(parse, p, words)
        before = None
        if lead is not None:
            lead_first, lead_last = parse.original(p, lead[0]), parse.original(p, lead[-1])
            if lead_first is not None and lead_last is not None:
                before = (lead_first[0], lead_last[1])
            lead = None
        out.append(
            ReportedContent(p, first[0], last[1], cue_range[0], cue_end[1], cue_text, mean, clause, before)
        )
    return out


def told_clause(cue: Token) -> Token | None:
    """The clause a verb of saying reports: its clausal complement, or one the parse hung from
    who heard it or from where it was said ("warned islanders that the ferry would stop", "said
    in a statement that the pier was safe", where "stop" and "was" may hang from the noun
    before them as if it were a relative clause; a "that" of a relative clause is its subject
    or object, never the "mark" a reported clause opens with)."""
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        return clause
    listener = reporting_lemma(cue.lower_) in LISTENER_VERBS
    nouns = [c for c in cue.children if c.dep_ in ("dobj", "dative") and listener]
    nouns += [
        o for c in cue.children if c.dep_ == "prep" and c.i > cue.i for o in c.children if o.dep_ == "pobj"
    ]
    for noun in nouns:
        for c in noun.children:
            marks = [m.lower_ for m in c.children if m.dep_ == "mark"]
            if (
                c.dep_ in ("acl", "relcl")
                and marks == ["that"]
                and any(m.dep_.startswith("nsubj") for m in c.children)
            ):
                return c
    return None


def _listener(cue: Token, clause: Token | None) -> tuple[int, int] | None:
    """The first and last token of who heard what a verb of telling reports, when the clause
    it reports follows them ("told reporters that ...", "assured the islanders the pier was
    safe"); ``clause`` is the one it reports (:func:`told_clause`)."""
    if reporting_lemma(cue.lower_) not in LISTENER_VERBS:
        return None
    heard = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
    if heard is None or clause is None or clause.i < heard.i:
        return None
    deps = {c.dep_ for c in clause.children}
    if not deps & _SUBJECTS and "aux" in deps:
        return None  # "warned Asian states could stop ...": the parse's object is the clause's subject
    return heard.left_edge.i, min(heard.right_edge.i, clause.left_edge.i - 1)


def _without_circumstance(cue: Token, runs: list[list[Token]]) -> list[list[Token]]:
    """The runs without who heard what was said, when or where ("assured their voters that
    ...", "said a week later that ...")."""
    clause = told_clause(cue)
    for gap in (_listener(cue, clause), _before_that(cue, clause)):
        if gap is not None:
            runs = [[t for t in run if not gap[0] <= t.i <= gap[1]] for run in runs]
    return runs


def _before_that(cue: Token, clause: Token | None) -> tuple[int, int] | None:
    """The tokens from the cue's next word to the "that" its reported ``clause`` opens with
    ("said a week later that ...", "said in a statement on Monday that ..."), when there are any."""
    if clause is None:
        return None
    mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if mark is None or mark.i <= cue.i + 1:
        return None
    return cue.i + 1, mark.i


def _is_clause(parse: ArticleParse, p: int, words: Sequence[Token]) -> bool:
    """The words are headed by a verb or a predicate with a subject (a clause: "the plan would fail", "to relocate the
    embassy") or say something of the cue's object ("accused the board of hiding the figures",
    "called him a master at deals"), not a noun that a verb inside them only describes ("an
    offer from Xstrata, which the firm raised last week": what "arguing against" takes is the
    offer); a quotation counts as a clause."""
    inside = {t.i for t in words}
    tops = [t for t in words if t.head.i == t.i or t.head.i not in inside]
    said_of = any(t.dep_ == "dobj" for t in tops) and any(
        t.dep_ in _SAID_OF_OBJECT or (t.dep_ == "prep" and t.lower_ in _PREDICATING) for t in tops
    )
    return (
        said_of
        or any(parse.in_quotation(p, t) for t in words)
        or any(t.tag_.startswith(("VB", "MD")) or t.dep_ == "ccomp" or has_subject(t) for t in tops)
    )


def has_subject(token: Token) -> bool:
    """The token has a subject of its own: it heads a clause, whatever the tagger calls it
    ("Sanders is best suited to ...", where "suited" may be tagged an adjective)."""
    return any(c.dep_ in _SUBJECTS for c in token.children)


# What says something of a verb's object: "accused her [of being asleep]", "called him [a
# master]", "described it [as a disaster]", "blamed them [for the delays]"; not when or where
# ("announced their plans [in the summer]").
_SAID_OF_OBJECT = frozenset({"oprd", "xcomp", "acomp", "advcl"})
_PREDICATING = frozenset({"of", "as", "for", "with"})


def _saying_above(cue: Token) -> Token | None:
    """The verb of saying a participle without a subject of its own belongs to: in "X argued
    that the plan failed, noting ..." the noting is X's, though the parse may hang it from
    the reported clause."""
    if cue.tag_ != "VBG" or any(c.dep_ in _SUBJECTS for c in cue.children):
        return None
    mismatched = joined_to_finite(cue)
    for above in list(cue.ancestors)[:4]:
        if reporting_lemma(above.text) is not None and above.tag_.startswith("VB"):
            return above
        if mismatched and above.i == cue.head.i:
            continue  # "writing that it was late and adding ...": not the subject of "was"
        if any(c.dep_ == "nsubj" and c.tag_ in ("NNP", "PRP") for c in above.children):
            return None  # "Sullivan said Ebbers ordered it, telling him ...": Ebbers told him
    return None


def cue_subject(cue: Token) -> Token | None:
    """The grammatical subject of the cue: who the parse says speaks ("X said", "said X",
    "according to X", "X was quoted as saying", "X, adding that ..."), or ``None``."""
    if cue.lower_ == "according":
        for to in cue.children:
            if to.lower_ == "to":
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        return obj
        return None
    gerund = _gerunds_subject(cue)
    above = _saying_above(cue) if gerund is None else None
    if above is not None:
        return cue_subject(above)
    verb = cue
    for _ in range(4):
        found = (
            gerund
            or (None if verb.i == cue.i else quoted_as(verb, cue.i))
            or _subject_of(verb, cue, agent=verb.i == cue.i)
            or object_controller(verb)
        )
        if found is not None:
            return _issuer(found, cue) or found
        if verb.dep_ not in _CLIMB or verb.head.i == verb.i or _addressed(verb):
            return _issuer(verb, cue)
        verb = verb.head
    return None


def _gerunds_subject(cue: Token) -> Token | None:
    """The name right before a gerund of saying after a preposition ("about Bishop Lind calling
    Christmas a sham", "over Lind saying ..."): the gerund's own subject, though the parse may
    hang the gerund from the verb before, as if it were that verb's subject's participle."""
    if cue.tag_ != "VBG" or cue.i == 0 or any(c.dep_ in _SUBJECTS for c in cue.children):
        return None
    before = cue.nbor(-1)
    if (
        before.tag_ not in ("NNP", "NNPS")
        or before.dep_ != "pobj"
        or before.head.lower_ not in _GERUND_OPENERS
    ):
        return None  # "wrote to Alder Ferries saying ...": whoever wrote is saying it
    return before


# Prepositions that take a gerund with its own subject ("about Lind calling", "with officials
# saying"), not the one a message goes to ("to", "for").
_GERUND_OPENERS = frozenset({"about", "over", "of", "despite", "with", "without", "after", "amid"})


# Verbs of putting out a document, as written: their subject wrote it, or speaks through it.
_ISSUE_VERBS = word_set(
    """issue issues issued issuing release releases released releasing publish publishes
    published publishing post posts posted posting send sends sent sending sign signs signed
    signing put puts putting circulate circulates circulated circulating"""
)


def _issuer(document: Token, cue: Token) -> Token | None:
    """Who put out the document the cue's words are in, when the sentence says so: "The port
    issued a statement saying ...", "Lind released a video that said ..." are the port's and
    Lind's words. Not when the document names its own author ("released a letter from her
    doctor that says ..."), nor for another verb ("challenged a ruling which said ..."):
    ``None``."""
    if document.i == cue.i or document.dep_ != "dobj" or document.lower_ not in DOC_NOUNS:
        return None
    if document.head.lower_ not in _ISSUE_VERBS:
        return None
    if any(c.dep_ == "prep" and c.lower_ in ("by", "from") for c in document.children):
        return None
    return _subject_of(document.head, cue, agent=False)


def _titled_name(subject: Token) -> Token:
    """The name a long title runs into: in "Former Secretary of State and party frontrunner
    Ana Lind is calling for ...", the parse may hang the title's noun and the name each from
    the verb, ..."""
    if subject.tag_ in ("NNP", "NNPS"):
        return subject
    if not any(c.dep_ == "det" for c in subject.children):
        # or made the name a second subject joined by "and" ("the chairman and Ana Lind"
        # are two people: a title has no article)
        for other in subject.children:
            if other.dep_ == "conj" and other.tag_ in ("NNP", "NNPS") and other.i == subject.right_edge.i:
                return other
    after = subject.right_edge.i + 1
    for other in subject.head.children:
        if (
            other.i > subject.i
            and other.dep_ == subject.dep_
            and other.tag_ in ("NNP", "NNPS")
            and other.left_edge.i == after
        ):
            return other
    return subject


def hyphened_word(token: Token) -> Token:
    """The noun a piece of a hyphenated word stands in: the tokenizer cuts "vice-president"
    in three and the parse may make each piece a subject ("co", "-", "owner"), or hang the
    last from the name it describes ("co-founder Ola Reyes" is Reyes)."""
    doc, last = token.doc, token
    while (
        last.i + 2 < len(doc)
        and not last.whitespace_
        and doc[last.i + 1].text == "-"
        and not doc[last.i + 1].whitespace_
    ):
        last = doc[last.i + 2]
    if last.i == token.i:
        if token.text != "-" or token.whitespace_ or token.i + 1 == len(doc):
            return token  # a word of its own
        last = doc[token.i + 1]  # the hyphen itself: the word after it
    while last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i:
        last = last.head
    return last


def _addressed(verb: Token) -> bool:
    """A passive verb of telling: its subject, its own or one it shares with the verb before
    ("... and are told to wait"), is who heard it."""
    return reporting_lemma(verb.text) in LISTENER_VERBS and any(c.dep_ == "auxpass" for c in verb.children)


def _subject_of(verb: Token, cue: Token, *, agent: bool = True) -> Token | None:
    """The verb's own subject, or (``agent``) the "by" of its passive; for "who said" the noun
    the relative clause hangs from. A participle's subject is its verb's subject, never its
    "by": in "Marlow was booed by dockers after telling them ...", Marlow tells."""
    subjects = []
    for child in verb.children:
        if child.dep_ == "nsubjpass" and _addressed(verb):
            continue  # "staff were told that ...": who heard it; the speaker is "by" whom
        if child.dep_ in _SUBJECTS - {"expl"}:
            subjects.append(child)
        elif child.dep_ == "agent" and agent and not subjects:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    if not subjects:
        return None
    child = _own_subject(subjects, cue)
    if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    return _titled_name(hyphened_word(child))


def _own_subject(subjects: list[Token], cue: Token) -> Token:
    """The cue's subject when the parse gives its verb two (it has one): not a relative pronoun
    beside a speaker ("the pier, which she said was safe"), not a label before a colon
    ("FERRY INDEX: On Tuesday, a port economist said ..."), and in a parenthetical cue
    ("Fares, Marlow said, will rise") the one between its commas; else the first, as written
    ("Voters in Alder, Brook and Kell said": the parse's second is a place in the list)."""
    if len(subjects) == 1:
        return subjects[0]
    doc = cue.doc
    kept = [c for c in subjects if c.lower_ not in RELATIVE_PRONOUNS] or subjects
    kept = [c for c in kept if not any(t.text == ":" for t in doc[c.i + 1 : cue.i])] or kept
    nearest = max((c for c in kept if c.i < cue.i), key=lambda c: c.i, default=kept[0])
    left = nearest.left_edge.i
    parenthetical = (
        left > 0 and doc[left - 1].text == "," and cue.i + 1 < len(doc) and doc[cue.i + 1].text == ","
    )
    return nearest if parenthetical else kept[0]
