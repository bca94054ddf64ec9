"""The same statement across articles: quotes grouped, and how each version differs.

News copies quotes from wires, press releases and each other: the same statement turns up
trimmed, with a sentence dropped, a word changed, or given to someone else. Grouping works in
two steps, so that 100,000 articles' quotes are never compared pair by pair:

1. **Candidates** from an index of word shingles (runs of :data:`SHINGLE` words of the
   normalised text): two quotes are compared only when they share two shingles (one when the
   shorter is under :data:`SURE_WORDS` words; see :func:`shared_shingles_needed`), and a
   shingle found in very many quotes (a stock phrase) proposes nothing. Exact copies are one
   text. Shared shingles are counted per text over the postings of its shingles, so the cost
   follows the postings' sizes, and text where every run of words is common (a small
   vocabulary) does not turn into millions of comparisons.
2. **The test** of a pair (:func:`same_statement`): the shorter quote must be mostly inside the
   longer one (rapidfuzz's alignment of the shorter against the longer, ``partial_ratio``), and
   what they share must be most of the shorter one's words, so two statements that only share
   a phrase ("we will not back down") stay apart.

Pairs that pass are joined (union-find): a group is every version of one statement.
:func:`differences` then says, word by word, how a version differs from another.
"""

from __future__ import annotations

import difflib
import re
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Literal

#: Words in a shingle: long enough to be rare by chance, short enough to survive an edit.
SHINGLE = 4
#: A shingle in more quotes than this is a stock phrase: it proposes no pair.
COMMON_SHINGLE = 50
#: How well the shorter quote must align inside the longer one (0-100).
MIN_ALIGNMENT = 85.0
#: Share of the shorter quote's words the two must have in common.
MIN_SHARED_WORDS = 0.7
#: Quotes shorter than this many words are grouped only when they are the same words.
MIN_FUZZY_WORDS = 6
#: Shingles two quotes must share to be compared (see :func:`shared_shingles_needed`) ...
MIN_SHARED_SHINGLES = 2
#: ... when the shorter of the two has at least this many words; below, one is enough.
SURE_WORDS = 9

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)


def words_of(text: str) -> list[str]:
    """The quote's words, case folded, apostrophes kept inside words, punctuation dropped."""
    return [w.replace("’", "'") for w in _WORD.findall(text.casefold())]


@dataclass(frozen=True, slots=True)
class Version:
    """One quote as one article carries it: ``key`` names it (article id and quote number)."""

    key: Hashable
    text: str
    speaker: str | None = None


def same_statement(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two quotes' words (see :func:`words_of`) are versions of one statement."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return _same(short, long, " ".join(short), " ".join(long))


def _same(short: Sequence[str], long: Sequence[str], short_text: str, long_text: str) -> bool:
    """:func:`same_statement` with the shorter quote first and both joined already."""
    from rapidfuzz import fuzz

    if not short:
        return False
    if len(short) == len(long) and short_text == long_text:
        return True
    if len(short) < MIN_FUZZY_WORDS:
        return False
    if f" {short_text} " in f" {long_text} ":
        return True  # a run of the longer one's words (trimmed, a sentence dropped): aligned
    if fuzz.partial_ratio(short_text, long_text, score_cutoff=MIN_ALIGNMENT) < MIN_ALIGNMENT:
        return False
    matcher = difflib.SequenceMatcher(a=list(short), b=list(long), autojunk=False)
    shared = sum(block.size for block in matcher.get_matching_blocks())
    return shared >= MIN_SHARED_WORDS * len(short)


def shingles_of(words: Sequence[str]) -> set[str]:
    """The quote's runs of :data:`SHINGLE` words, each as one string."""
    runs = zip(*(words[i:] for i in range(SHINGLE)), strict=False)
    return {" ".join(run) for run in runs}


def shared_shingles_needed(shorter_words: int) -> int:
    """How many shingles two quotes must share to be compared, by the shorter one's length.

    One changed word leaves a quote of :data:`SURE_WORDS` words or more at least two shingles
    in common with the original, so asking for two loses no single-word edit, no trimming and no
    dropped sentence, while two unrelated quotes that share a four-word run by chance (in text
    with a small vocabulary, most pairs) are never compared. Shorter quotes need one.
    """
    return 1 if shorter_words < SURE_WORDS else MIN_SHARED_SHINGLES


def group_quotes(versions: Iterable[Version]) -> list[list[Hashable]]:
    """Groups of two or more keys whose quotes are one statement, each in input order;
    groups ordered by their first member."""
    items = list(versions)
    # The same words in several articles (a wire copy) are one version: only one of them is
    # compared with the rest, so copies cost nothing. A text is kept as one string (its words
    # joined by single spaces), not as a tuple of words: half a million quotes fit in memory.
    exact: dict[str, list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        text = " ".join(words_of(item.text))
        if text:
            exact[text].append(n)
    parent = list(range(len(items)))

    def find(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    def join(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for members in exact.values():
        for other in members[1:]:
            join(members[0], other)
    # A quote under MIN_FUZZY_WORDS words joins only its exact copies (done): it proposes nothing.
    texts = [text for text in exact if text.count(" ") >= max(SHINGLE, MIN_FUZZY_WORDS) - 1]
    firsts = [exact[text][0] for text in texts]
    del exact
    for i, j in candidate_pairs(texts):
        a, b = firsts[i], firsts[j]
        if find(a) != find(b) and _same_texts(texts[i], texts[j]):
            join(a, b)
    groups: dict[int, list[Hashable]] = defaultdict(list)
    for n, item in enumerate(items):
        groups[find(n)].append(item.key)
    return [members for _root, members in sorted(groups.items()) if len(members) > 1]


def _same_texts(a: str, b: str) -> bool:
    """:func:`same_statement` of two texts whose words are joined by single spaces."""
    a_words, b_words = a.split(" "), b.split(" ")
    if len(a_words) <= len(b_words):
        return _same(a_words, b_words, a, b)
    return _same(b_words, a_words, b, a)


def candidate_pairs(texts: Sequence[str]) -> Iterator[tuple[int, int]]:
    """Pairs (i, j), i < j, of texts (words joined by single spaces) that share enough
    shingles to be compared.

    A shingle found in one text or in more than :data:`COMMON_SHINGLE` proposes nothing. For
    each text, the later texts that share its shingles are counted in one pass (Counter counts
    in C), so the cost is the sum of the squared posting sizes, never the number of pairs of
    texts; only those sharing :func:`shared_shingles_needed` shingles come out. Shingles are
    kept as their hashes, eight bytes each (two shingles with one hash would at worst propose
    a pair that the test then rejects).
    """
    hashes = [array("q", {hash(s) for s in shingles_of(text.split(" "))}) for text in texts]
    frequency = Counter(chain.from_iterable(hashes))
    index: dict[int, list[int]] = defaultdict(list)
    for n, these in enumerate(hashes):
        for shingle in these:
            if 1 < frequency[shingle] <= COMMON_SHINGLE:
                index[shingle].append(n)
    del frequency
    short = [text.count(" ") + 1 < SURE_WORDS for text in texts]
    for n, these in enumerate(hashes):
        postings = [index[s] for s in these if s in index]
        if not postings:
            continue
        later = Counter(chain.from_iterable(posting[bisect_right(posting, n) :] for posting in postings))
        if short[n]:
            found: Iterable[int] = later
        else:  # (this loop runs for most pairs: kept to one comparison each)
            found = [
                other for other, shared in later.items() if shared >= MIN_SHARED_SHINGLES or short[other]
            ]
        for other in found:
            yield n, other


Change = Literal["same", "dropped", "added", "changed"]


@dataclass(frozen=True, slots=True)
class Difference:
    """How a version differs from a reference version of the same statement.

    ``pieces`` are (change, reference words, this version's words) in reading order;
    ``truncated`` is true when this version is a contiguous part of the reference (or the
    reference of it); ``other_speaker`` when the two name different speakers.
    """

    pieces: tuple[tuple[Change, str, str], ...]
    truncated: bool
    other_speaker: bool

    @property
    def identical(self) -> bool:
        return all(kind == "same" for kind, _a, _b in self.pieces) and not self.other_speaker

    def summary(self) -> str:
        """In a few words: "2 words changed, 5 dropped; another speaker"."""
        counts: dict[str, int] = defaultdict(int)
        for kind, ref, this in self.pieces:
            if kind == "changed":
                counts["changed"] += max(len(ref.split()), len(this.split()))
            elif kind == "dropped":
                counts["dropped"] += len(ref.split())
            elif kind == "added":
                counts["added"] += len(this.split())
        parts = [f"{n} word{'s' if n != 1 else ''} {kind}" for kind, n in counts.items() if n]
        if self.truncated:
            parts.insert(0, "shortened")
        if self.other_speaker:
            parts.append("another speaker")
        return "; ".join(parts) if parts else "the same words"


def _clip(words: str, most: int = 8) -> str:
    parts = words.split()
    return " ".join(parts[:most]) + (" …" if len(parts) > most else "")


def difference_details(difference: Difference, *, most: int = 3) -> str:
    """The changes themselves, in reading order, for a reader to check at a glance:
    "“money” → “funds”; dropped “by the spring”; added “and nobody cut corners”" (the first
    ``most`` of them, then how many more)."""
    shown: list[str] = []
    changes = [(kind, a, b) for kind, a, b in difference.pieces if kind != "same"]
    for kind, ref, this in changes[:most]:
        if kind == "changed":
            shown.append(f"“{_clip(ref)}” → “{_clip(this)}”")
        elif kind == "dropped":
            shown.append(f"dropped “{_clip(ref)}”")
        else:
            shown.append(f"added “{_clip(this)}”")
    if len(changes) > most:
        shown.append(f"{len(changes) - most} more")
    return "; ".join(shown)


def differences(reference: Version, version: Version) -> Difference:
    """Word by word, what ``version`` dropped, added or changed against ``reference``."""
    ref = reference.text.split()
    this = version.text.split()
    ref_keys = [" ".join(words_of(w)) for w in ref]
    this_keys = [" ".join(words_of(w)) for w in this]
    matcher = difflib.SequenceMatcher(a=ref_keys, b=this_keys, autojunk=False)
    pieces: list[tuple[Change, str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = " ".join(ref[i1:i2]), " ".join(this[j1:j2])
        if tag == "equal":
            pieces.append(("same", a, b))
        elif tag == "delete":
            pieces.append(("dropped", a, ""))
        elif tag == "insert":
            pieces.append(("added", "", b))
        else:
            pieces.append(("changed", a, b))
    ref_words, this_words = words_of(reference.text), words_of(version.text)
    truncated = len(this_words) != len(ref_words) and (
        _contains(ref_words, this_words) or _contains(this_words, ref_words)
    )
    other = bool(
        reference.speaker and version.speaker and _name_key(reference.speaker) != _name_key(version.speaker)
    )
    return Difference(tuple(pieces), truncated, other)


def _contains(long: Sequence[str], short: Sequence[str]) -> bool:
    n = len(short)
    return n > 0 and any(list(long[i : i + n]) == list(short) for i in range(len(long) - n + 1))


def _name_key(name: str) -> str:
    return " ".join(words_of(name))
