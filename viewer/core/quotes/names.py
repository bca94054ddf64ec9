"""Names for quote speakers, found without a language model.

A name is a run of capitalised words ("Petra Lindqvist", "Anna B. Kerr", "Carrow Harbour Police
Service"), with titles split off as the person's role ("Prime Minister", "Norway's Foreign
Minister") and sentence-starting words left out. The :class:`NameBook` remembers every name the
article gives (title, standfirst, body, captions, and the entities when there are any) so that a
surname or a title-plus-surname resolves to the fullest name ("Lindqvist" -> "Petra
Lindqvist"), and what role the article states for each person.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from viewer.core.lexicon import (
    HONORIFICS,
    QUESTION_WORDS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    glued_words,
    headline_case,
    headline_cue,
    inflected_reporting,
    is_acronym,
    reporting_lemma,
    spells,
    without_possessive,
    word_set,
)
from viewer.core.model import Article, Entity

# A word, a dotted abbreviation ("U.S."), or capitals joined by an ampersand ("AT&T", "S&N").
WORD = re.compile(
    r"[A-Z]{1,3}&[A-Z]{1,3}\b(?:[’']s?)?|(?:[^\W\d_]\.){2,}|[^\W_](?:[\w’'\-]*[^\W_])?(?:[’']s?)?"
)
_PARTICLES = word_set("de da di du van von der den del della dos das la le bin ibn al el ben st st. y e mc")
# Words of a sentence's grammar that prose writes in small letters inside a name ("Bank of
# England", "Procter and Gamble"); capitalised, they are a headline's title case ("Trump And
# Rubio Miss The Mark On Jobs"), and a name ends before them.
_TITLE_CASE_BREAKS = word_set(
    """And Or But Nor The To For On In At With From By Into Over After Before As Is Are Was
    Were Be Has Have Had Will Would Can Could Not No"""
)
# Words that make the capitalised words before them a title or role, not part of the name.
TITLES = word_set(
    """President Vice-President Prime Minister Premier Chancellor Secretary Secretary-General Senator
    Sen. Sen Representative Rep. Rep Congressman Congresswoman Governor Gov. Gov Mayor Councillor
    Councilor Coun. Coun Alderman Dr. Dr Prof. Prof Professor Rev. Rev Reverend Father Pastor Rabbi
    Imam Bishop Archbishop Cardinal Pope King Queen Prince Princess Sheikh Emir Chief Judge Justice
    Magistrate Attorney General Gen. Gen Lt. Lt Lieut. Col. Col Colonel Maj. Maj Major Capt. Capt
    Captain Sgt. Sgt Sergeant Cpl. Cpl Corporal Constable Const. Const Officer Detective Det. Det
    Inspector Insp. Supt. Superintendent Commissioner Commander Cmdr. Admiral Adm. Ambassador
    Director Director-General Chairman Chairwoman Chairperson Chair CEO CFO COO Spokesman
    Spokeswoman Spokesperson Leader Speaker Deputy Lieutenant-Governor Coach Hon. Honourable
    Honorable MP MPP MLA MNA Chancellor Dean Provost Principal Trustee Sheriff Marshal Warden
    Pte. Private Sergeant-Major Brig. Brigadier Field Marshal Ald. Premier-designate
    President-elect Prosecutor Crown Counsel Minister-designate Del. Delegate"""
)
# Capitalised words that start sentences or name days and months, never part of a person's name.
_NOT_NAMES = word_set(
    """The A An And But Or Nor So Yet For In On At By To From Of With Without Within About After
    Before Since Until While When Where Why How What Which Who Whom Whose If As Though Although
    Because Despite During Under Over Into Onto Upon Then Now Still Also Even Just Only Meanwhile
    However Moreover Instead Indeed Perhaps Maybe Yes No Not Some Many Most Much More Several Both
    Each Every All Any Other Another Such This That These Those His Her Their Its Our My Your We
    They He She It I You There Here Asked Speaking According Last Next Earlier Later Today
    Yesterday Tomorrow Tonight Monday Tuesday Wednesday Thursday Friday Saturday Sunday January
    February March April May June July August September October November December Mon Tue Wed
    Thu Fri Sat Sun Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Like Unlike Once Twice
    First Second Third One Two Three Four Five Six Seven Eight Nine Ten Let Please Thank Thanks
    Oh Well Yeah Okay OK Hey Dear Among Against Between Through Throughout Toward Towards Via
    Whatever Whoever Whichever Wherever Whenever Neither Either Whether Otherwise Nevertheless
    Nonetheless Therefore Thus Hence Anyway
    Overall Already Again Almost Always Never Sometimes Often Soon Recently Currently Initially
    Finally Eventually Ultimately Additionally Furthermore Similarly Likewise Separately
    Elsewhere Everyone Everybody Someone Somebody Nobody Nothing Something Anything Everything
    Sources Officials Police Critics Experts Residents People Some Others Many Day Eve Christmas
    Easter Thanksgiving Weekend Week Morning Afternoon Evening Night Besides Beside Alongside Amid
    Amidst Amongst Except Including Excluding Following Per Regarding Concerning"""
)
# Words that end an organisation's name: "Saskatoon Police Service", "Defense Ministry".
ORG_WORDS = word_set(
    """Ministry Department Dept Relations Affairs Council Committee Commission University College
    School Association Society Institute Foundation Agency Service Services Police Force Forces
    Party Government Bank Company Corp Corporation Inc Ltd LLC Group News Board Authority Office
    Court Centre Center Union Federation Assembly Nations Network House Senate Congress
    Parliament Hospital Coalition Alliance Organization Organisation Club Team Fund Trust Army
    Navy Military Guard Bureau Administration Campaign Church Museum Times Post Journal Press
    Herald Tribune Telegraph Gazette Images Photos Photography Pictures Agency Institute Laboratory Lab Clinic Network Media
    Inc. Ltd. Co Co. Partners Industries Airlines Airways Motors Systems Technologies Holdings
    Initiative Project Program Programme Coalition Caucus Cabinet Secretariat Tribunal Registry
    Federation Confederation League Chamber Legion Legislature Council Security Development
    Research Consulting Safety Energy Environment Immigration Transport Transportation Education
    Finance Resources Studies Sciences Directorate Inspectorate Academy Observatory Exchange"""
)
CUES = SPEECH_VERBS

PRONOUNS = {"he": "m", "she": "f", "they": "", "i": "", "we": "", "it": ""}


@dataclass(frozen=True, slots=True)
class NameRun:
    """A run of capitalised words: the name, the title or role split off its front, and where."""

    name: str
    role: str | None
    start: int  # offsets of the name itself (title excluded)
    end: int
    gender: str = ""

    @property
    def tokens(self) -> list[str]:
        return self.name.split()


_plain = without_possessive


def _is_cap(token: str) -> bool:
    """Capitalised, or an Arabic name with its article: al-Shabaab, el-Sisi, bin-Laden."""
    return token[:1].isupper() or bool(_ARTICLE_NAME.match(token))


_ARTICLE_NAME = re.compile(r"(?:al|el|ad|ash|as|at|bin|ibn|abu|abd)-[^\W\d_]", re.IGNORECASE)


def name_runs(text: str) -> tuple[NameRun, ...]:
    """The capitalised runs of ``text`` that may be names, titles split off as roles."""
    return _name_runs(text)


def clear_name_cache() -> None:
    """Forget the names found in each text and what was worked out for each word."""
    _name_runs.cache_clear()
    is_org.cache_clear()
    reporting_lemma.cache_clear()


@functools.lru_cache(maxsize=4096)
def _name_runs(text: str) -> tuple[NameRun, ...]:
    runs: list[NameRun] = []
    tokens = [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]
    i = 0
    while i < len(tokens):
        word, start, end = tokens[i]
        if not _is_cap(word):
            i += 1
            continue
        group = [(word, start, end)]
        j = i + 1
        while j < len(tokens) and not _possessive(group[-1][0]):
            nxt, nstart, nend = tokens[j]
            gap = text[group[-1][2] : nstart]
            after = _after_nickname(text, tokens, j) if gap in _NICKNAME_OPENS else None
            if after is not None:  # "Riefian “Ifan” Fajarsyah" is Riefian Fajarsyah
                group.append(tokens[after])
                j = after + 1
                continue
            abbreviation = gap == ". " and (len(group[-1][0]) == 1 or group[-1][0] in ABBREVIATIONS)
            if gap not in (" ", "-") and not abbreviation:
                break
            following = tokens[j + 1][0] if j + 1 < len(tokens) else ""
            particle = nxt.lower() in _PARTICLES and (_is_cap(following) or following.lower() in _PARTICLES)
            # A body's name goes on through "of": "Bank of England", "Chambers of Commerce".
            particle = particle or (nxt in ("of", "for") and body_word(group[-1][0]) and _is_cap(following))
            # ... and through "and" once it has: "Department of Health and Human Services".
            particle = particle or (
                nxt == "and" and _is_cap(following) and any(w in ("of", "for") for w, _, _ in group[1:])
            )
            if not (_is_cap(nxt) or particle):
                break
            group.append((nxt, nstart, nend))
            j += 1
        run = _make_run(text, group)
        if run is not None:
            runs.append(run)
        i = j
    return tuple(_bodies_joined(text, runs))


def _bodies_joined(text: str, runs: list[NameRun]) -> list[NameRun]:
    """``runs`` with a body's name that lists one-word subjects before its last ones joined into
    one: "Food and Drug Administration", "Meteorology, Climatology and Geophysics Agency" (the
    words before "and" are no names of their own; an acronym is: "the IMF and World Bank")."""
    out: list[NameRun] = []
    for found in runs:
        run = found
        k = len(out)
        if (
            body_word(run.tokens[-1])
            and len(run.tokens) > 1
            and k
            and text[out[-1].end : run.start] == " and "
        ):
            k -= 1
            while k and text[out[k - 1].end : out[k].start] == ", ":
                k -= 1
            listed = out[k:]
            # a list of several before the last is one name after "the" only ("visited Oslo,
            # Bergen and Harbour Council offices" names three)
            after_the = text[max(0, listed[0].start - 4) : listed[0].start].lower() == "the "
            if (len(listed) == 1 or after_the) and all(
                len(r.tokens) == 1 and r.role is None and not _possessive(r.name) and not r.name.isupper()
                for r in listed
            ):
                first = listed[0]
                run = NameRun(text[first.start : run.end], None, first.start, run.end, run.gender)
                del out[k:]
        out.append(run)
    return out


ABBREVIATIONS = word_set(
    "Mr Mrs Ms Dr St Jr Sr Sen Rep Del Gov Gen Lt Col Maj Capt Sgt Cpl Det Rev Prof Hon Supt Insp Adm "
    "Brig Pte Const Coun Ald Mt Ft Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Ave Blvd Rd Corp"
)


_OWNER_BEFORE = re.compile(r"\b([A-Z][\w.&-]*[’']s)\s+$")
_MONTH_NAMES = frozenset({"May", "March", "June", "April", "August", "July", "January"})


def _possessive(token: str) -> bool:
    return token.endswith(("’s", "'s")) or (token.endswith(("’", "'")) and len(token) > 1)


def _with_dots(text: str, group: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Tokens with the period of an abbreviation or initial kept ("Mr.", "W.")."""
    out = []
    for word, start, end in group:
        if text[end : end + 1] == "." and (len(word) == 1 or word in ABBREVIATIONS):
            out.append((word + ".", start, end + 1))
        else:
            out.append((word, start, end))
    return out


def _is_role_word(word: str) -> bool:
    """A role's word before a name: a role noun, "Ex-minister", an owner ("Harbour's")."""
    return word.lower() in ROLE_NOUNS or _hyphened_role(word) or _possessive(word)


def _hyphened_role(word: str) -> bool:
    """A capitalised word whose last part is a role in lower case: "Ex-minister", "Co-owner",
    "Singer-guitarists"."""
    last = word.rsplit("-", 1)[-1]
    return (
        "-" in word
        and last.islower()
        and (last in ROLE_NOUNS or (last[:-1] in ROLE_NOUNS and last[-1:] == "s"))
    )


#: The lower-case last part of a capitalised word that describes what follows it: "Oslo-born",
#: "London-based", "US-led", "Saudi-backed".
_HYPHENED_MODIFIERS = word_set("born based raised bred led backed owned funded run linked")


def _hyphened_modifier(word: str) -> bool:
    return "-" in word and word.rsplit("-", 1)[-1] in _HYPHENED_MODIFIERS


# A nickname in quotation marks between a first name and a surname ("Joaquín “El Chapo”
# Guzmán"): one to three capitalised words, the quotation closed right before the surname.
_NICKNAME_OPENS = frozenset({" “", ' "', " ‘", " '"})
_NICKNAME_CLOSES = frozenset({"” ", '" ', "’ ", "' "})
_NICKNAME = re.compile(r" [“\"‘'][^“”\"‘’']+[”\"’'] ")


def _after_nickname(text: str, tokens: list[tuple[str, int, int]], j: int) -> int | None:
    """The index of the surname after a quoted nickname starting at token ``j``, or ``None``."""
    for k in range(j, min(j + 3, len(tokens) - 1)):
        if not _is_cap(tokens[k][0]) or (k > j and text[tokens[k - 1][2] : tokens[k][1]] != " "):
            return None
        gap = text[tokens[k][2] : tokens[k + 1][1]]
        # (a word may keep a closing apostrophe as its own: "'Head'")
        if gap in _NICKNAME_CLOSES or (gap == " " and tokens[k][0].endswith(("'", "’"))):
            return k + 1 if _is_cap(tokens[k + 1][0]) else None
    return None


# The endings of adverbs made from other words ("Worryingly", "Separately", "Additionally");
# names seldom end so ("Kelly", "Sally", "Stanley" do not).
_ADVERB_END = re.compile(r"[a-z]{3,}(?:ingly|edly|ally|ately|ively|ously|fully|ably|ibly|ently|antly)")


def _opens_sentence(text: str, start: int) -> bool:
    """The word at ``start`` opens its paragraph, a sentence of it, or a quotation ("asked,
    “Can Ana Lind win?”"); a dash that opens the paragraph is no word ("– Using Ana Lind? –")."""
    # The few characters before it only (the whole paragraph before, copied for each word,
    # made a long paragraph quadratic); the paragraph's start when they reach it.
    lo = max(0, start - 40)
    before = text[lo:start].rstrip(" ")
    if before.endswith(("“", "‘")) or (before.endswith(('"', "'")) and before[:-1][-1:] in ("", " ", "(")):
        return True
    before = before.rstrip(" \"“'‘(–—")
    return (not before and lo == 0) or before[-1:] in (".", "!", "?", ":", ";")


def _sentence_adverb(text: str, word: str, start: int, end: int) -> bool:
    """A capitalised adverb opening its sentence before a comma: "Worryingly, said the firm"."""
    return (
        _opens_sentence(text, start)
        and text[end : end + 1] == ","
        and _ADVERB_END.fullmatch(word.lower()) is not None
    )


def _without_opening_words(text: str, group: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """``group`` without the words that open a sentence and name nobody."""
    while group and (group[0][0] in _NOT_NAMES or group[0][0] in _PARTICLES):
        group = group[1:]
    # A sentence that opens with a verb: "Overstating the cost, ..." is no name. A participle
    # opening the paragraph, or a sentence before a title ("Describing Mr Jackson as ..., the
    # mother said"); not "It rose. Sterling Morrison said".
    if (
        len(group) > 1
        and group[0][0].endswith("ing")
        and _opens_sentence(text, group[0][1])
        and (not text[: group[0][1]].strip(" \"“'‘(–—") or group[1][0] in HONORIFICS or group[1][0] in TITLES)
    ):
        group = group[1:]
    if len(group) == 1 and _sentence_adverb(text, *group[0]):
        return []
    # An inflected verb of saying opening a sentence before the name: "Said Mr Fogg: ...",
    # "Adds Ian Fogg, ..." (who speaks, inverted).
    if len(group) > 1 and _opens_sentence(text, group[0][1]) and inflected_reporting(group[0][0]):
        group = group[1:]
    # A question's auxiliary before the name: "Can Northwind survive the winter?", a headline.
    if len(group) > 1 and group[0][0] in _QUESTION_AUXILIARIES and _opens_question(text, group[0][1]):
        group = group[1:]
    return group


#: The auxiliaries a yes-no question opens with ("Can", "Does", "Will"), when they stand before a
#: name in a sentence that ends with a question mark.
_QUESTION_AUXILIARIES = word_set(
    "Can Could Will Would Should Shall Must Might Does Did Do Is Are Was Were Has Have Had"
)


def _opens_question(text: str, start: int) -> bool:
    """The word at ``start`` opens a sentence that ends with a question mark (a full stop of
    an abbreviation or an initial, "Can Dr. Lind win?", ends none)."""
    if not _opens_sentence(text, start):
        return False
    for word in text[start : start + 300].split():
        if _ends_sentence(word.rstrip("\"”’')")):
            return word.rstrip("\"”’')").endswith("?")
    return False


def _before_headline_words(group: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """``group`` up to a headline's verb of saying ("Trump Tells Voters He Will Win") or a small
    word of its title case ("Trump And Rubio Miss The Mark"): the name ends before it."""
    for k, (word, _, _) in enumerate(group):
        if k and (headline_cue(word) or word in _TITLE_CASE_BREAKS):
            return group[:k]
    return group


def _make_run(text: str, group: list[tuple[str, int, int]]) -> NameRun | None:
    if any(glued_words(word) for word, _, _ in group):
        return None  # "Zach CarterFlagShareLikeReplySara Bondioli": a page's buttons, no name
    group = _before_headline_words(_without_opening_words(text, _with_dots(text, group)))
    # "Australian-born Assange", "San Francisco-based I-DEV International": what the modifier
    # describes is the name, the words up to it are a place's or a people's.
    group = group[
        max((k + 1 for k, (word, _, _) in enumerate(group) if _hyphened_modifier(word)), default=0) :
    ]
    while group and _plain(group[-1][0]) in _NOT_NAMES:
        month_name = group[-1][0] in _MONTH_NAMES and not re.match(r"\s+\d", text[group[-1][2] :])
        if len(group) >= 2 and (month_name or group[-1][0] in ORG_WORDS):
            break  # "Theresa May", "Ms. May": a name, not a date; "Kent Police": a body
        group = group[:-1]
    if not group or (len(group) == 1 and _hyphened_role(group[0][0])):
        return None  # nothing left, or "Vice-president", "Ex-minister" alone: a role, no name
    role_end = -1
    for k, (word, _, _) in enumerate(group[:-1]):
        hyphened = word.split("-")[0]
        if word in TITLES or _plain(word) in TITLES or hyphened in TITLES or _is_role_word(word):
            role_end = k
    gender = ""
    if role_end < 0 and group[0][0] in HONORIFICS and len(group) > 1:
        gender = HONORIFICS[group[0][0]]
        role_end = 0
    role = None
    if role_end >= 0:
        first_title = role_end
        while first_title > 0 and group[first_title - 1][0] not in HONORIFICS:
            first_title -= 1
        role_words = [w for w, _, _ in group[first_title : role_end + 1] if w not in HONORIFICS]
        if role_words and not all(_possessive(w) for w in role_words):
            role = " ".join(role_words)
            owner = _OWNER_BEFORE.search(text, max(0, group[0][1] - 40), group[0][1])
            if owner is not None:
                role = f"{owner.group(1)} {role}"  # "Ukraine's Foreign Minister"
        if group[0][0] in HONORIFICS:
            gender = HONORIFICS[group[0][0]]
        group = group[role_end + 1 :]
    # Honorific right before the name after a title: "Prime Minister Mr. X" is rare; skip.
    while group and group[0][0] in HONORIFICS and len(group) > 1:
        gender = gender or HONORIFICS[group[0][0]]
        group = group[1:]
    # An organisation's name inside the run, followed by a person: "Relations Carolyn Bennett".
    for k in range(len(group) - 2, 0, -1):
        if (
            _plain(group[k][0]) in ORG_WORDS
            and len(group) - k - 1 >= 2
            and group[k + 1][0] not in ("of", "for")
        ):
            group = group[k + 1 :]
            break
    if not group:
        return None
    name = text[group[0][1] : group[-1][2]]
    name = _plain(name) if _possessive(name) else name
    end = group[0][1] + len(name)
    return NameRun(_NICKNAME.sub(" ", name), role, group[0][1], end, gender)


def body_word(word: str) -> bool:
    """A word that names a kind of body, singular or plural ("Bank", "Chambers")."""
    return word in ORG_WORDS or (word.endswith("s") and word[:-1] in ORG_WORDS)


@functools.lru_cache(maxsize=16384)
def is_org(name: str) -> bool:
    """An organisation's name: ends with an organisation word, or an acronym like TASS.
    Remembered per name: the rules and the speaker candidates ask it of every name often."""
    words = name.split()
    if not words:
        return False
    if _plain(words[-1]) in ORG_WORDS or any(w in ORG_WORDS for w in words[1:]):
        return True
    if any(nxt in ("of", "for") and body_word(w) for w, nxt in itertools.pairwise(words[:-1])):
        return True  # "Bank of England", "British Chambers of Commerce"
    return len(words) == 1 and len(words[0]) >= 2 and words[0].isupper()


def looks_like_person(name: str, *, recognised: bool = False) -> bool:
    """Two to four capitalised words with no organisation word: a person's full name.
    ``recognised``: the recogniser called the name a person's, so a role noun or a title as
    its last word is a surname ("James Seller", "Ana Farmer", "Rick Dean"), not a role."""
    words = name.split()
    roles = words[:-1] if recognised else words
    return (
        2 <= len(words) <= 5
        and not is_org(name)
        # no acronym ("UCP MLA", "Windows ATMs"); a middle initial ("William A. Ackman") is none
        and not any(w.removesuffix("s").isupper() and len(w.rstrip(".").removesuffix("s")) > 1 for w in words)
        and not any(w in TITLES or w.removesuffix("s") in TITLES for w in roles)
        and not any(w.lower() in ROLE_NOUNS for w in roles)
    )


#: The lower-case words inside a name ("Ministry of Health", "Bank of England").
NAME_LINKS = frozenset({"of", "for", "the", "and", "de", "du"})
_ROLE_AFTER = re.compile(
    r"^,\s+(?P<role>(?:(?:the|a|an|[A-Z][\w.&-]*[’']s)\s+|(?!who\b|which\b)(?=[a-z]))(?:[^,;:.!?\"“”]|\.(?=[\w,])){2,90}?)"
    r"(?=,|\.\s|\.$|\s+(?:said|says|told|who|which|whose|that)\b)"
)


#: No role starts with a word that opens a clause ("in what host ...", "... that author X").
_OPENS_CLAUSE = QUESTION_WORDS | {"that"}


def role_before(text: str, start: int) -> str | None:
    """A lower-case role right before a name: "Harbour Board spokeswoman Petra Lindqvist"."""
    head = text[max(0, start - 120) : start]
    if not head.endswith(" "):
        return None
    words = head.split()
    if not words or words[-1] not in ROLE_NOUNS:
        return None
    # Back over one more lower-case word ("union organiser") and capitalised words or
    # linking words ("Ministry of Health spokesman").
    k = len(words) - 1
    if (
        k > 0
        and words[k - 1].islower()
        and words[k - 1].isalpha()
        and words[k - 1] not in NAME_LINKS
        and not inflected_reporting(words[k - 1])  # "... says executive Kevin Mayer" (not "state")
        and words[k - 1] not in _OPENS_CLAUSE  # "in what host Tom Bergeron described as"
    ):
        k -= 1
    while k > 0 and len(words) - k < 8 and (words[k - 1][:1].isupper() or words[k - 1] in NAME_LINKS):
        if _ends_sentence(words[k - 1]):
            break  # "... in January. Aviation analyst Nick Lowe": the role starts the sentence
        if words[k - 1].endswith((",", ";", ":")):
            # "early Tuesday, Jefferies analyst Ann Roe": a body's role starts the clause ("Ann
            # Roe, a veteran Republican strategist": no role of "Republican")
            if not words[k][:1].isupper():
                return None
            break
        k -= 1
    if any(not re.fullmatch(r"[\w’'.&-]+", w) for w in words[k:]):
        return None
    words = words[k:]
    while words and words[0] in NAME_LINKS:
        words.pop(0)
    while words and words[0] in _NOT_NAMES:
        words.pop(0)
    return " ".join(words) or None


def _ends_sentence(word: str) -> bool:
    """``word`` closes a sentence: a full stop (not of an initial or an abbreviation such as
    "U.S." or "Gov."), a question or an exclamation mark."""
    if word.endswith(("?", "!")):
        return True
    return word.endswith(".") and not re.fullmatch(r"(?:\w\.)+", word) and word[:-1] not in ABBREVIATIONS


def role_after(text: str, end: int) -> str | None:
    """An appositive role right after a name: "Lindqvist, the board's spokeswoman, said"."""
    m = _ROLE_AFTER.match(text[end : end + 140])
    if m is None:
        return None
    role = m.group("role").strip()
    # The role noun comes early ("chief economist at X", "the town's finance director"),
    # not deep inside a clause ("similar statements made by a former candidate").
    head = [w.lower() for w in re.findall(r"[\w’'-]+", role)[:5]]
    if not any(w in ROLE_NOUNS for w in head):
        return None
    for article in ("the ", "a ", "an "):
        if role.startswith(article):
            role = role[len(article) :]
            break
    return role


@dataclass(slots=True)
class _Known:
    """One distinct name and every place (order) the article gives it."""

    name: str
    kind: str  # "person", "org", "person-entity" or ""
    words: frozenset[str]  # the name's words without possessive endings
    size: int
    orders: list[int]  # sorted

    @property
    def first(self) -> int:
        return self.orders[0]

    def last_before(self, order: int) -> int | None:
        k = bisect.bisect_right(self.orders, order)
        return self.orders[k - 1] if k else None


@dataclass(frozen=True, slots=True)
class RoleQuery:
    """Whom a description of a role may stand for. ``before``: someone named before it (not
    after "a": an indefinite description brings in someone new). ``words``: what the role of
    someone named after it must hold, in lower case ("the Federal Reserve head" is not a bank's
    head of strategy named next), and ``reach``, how far after (in offsets) they may first be
    named; ``None``, nobody named after."""

    before: bool = True
    words: frozenset[str] = frozenset()
    reach: int | None = 1 << 40

    def may_be_later(self, role: str, distance: int) -> bool:
        return (
            self.reach is not None
            and distance <= self.reach
            and self.words <= {_plain(w).lower() for w in role.split()}
        )


@dataclass(slots=True)
class NameBook:
    """Every name an article gives, to turn a surname or a description into the fullest name."""

    entries: dict[str, _Known] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    by_word: dict[str, list[_Known]] = field(default_factory=dict)
    #: Runs of words that hold a name after words that are no part of it ("State Mike Pompeo"
    #: of "Secretary of State Mike Pompeo"), to that name.
    aliases: dict[str, str] = field(default_factory=dict)
    # fullest()'s answers since the last name was added: the rules, the resolver and the
    # speaker candidates each ask it about every name of the article.
    _answers: dict[tuple[str, int], str] = field(default_factory=dict, repr=False, compare=False)

    def add(self, name: str, order: int, kind: str = "", role: str | None = None, gender: str = "") -> None:
        self._answers.clear()
        name = _NICKNAME.sub(" ", name)  # the recogniser keeps "Riefian “Ifan” Fajarsyah" whole
        entry = self.entries.get(name)
        if entry is None:
            plain = [_plain(w) for w in name.split()]
            entry = _Known(name, kind, frozenset(plain), len(plain), [order])
            self.entries[name] = entry
            for word in dict.fromkeys(plain):
                self.by_word.setdefault(word, []).append(entry)
        else:
            bisect.insort(entry.orders, order)
            if kind == "person-entity" or not entry.kind:
                entry.kind = kind or entry.kind
        if role and name not in self.roles:
            self.roles[name] = role
        if gender and name not in self.genders:
            self.genders[name] = gender
        if kind and (kind == "person-entity" or name not in self.kinds):
            self.kinds[name] = kind

    def _spelled_out(self, surface: str) -> str | None:
        """The one name of several words an acronym stands for ("PBO" for "Parliamentary
        Budget Officer", "ECB" for "European Central Bank"), or ``None``."""
        if not is_acronym(surface):
            return None
        found = {k.name for k in self.entries.values() if k.size >= 2 and spells(surface, k.name)}
        return found.pop() if len(found) == 1 else None

    def fullest(self, surface: str, order: int) -> str:
        """The fullest name the article gives for ``surface`` near ``order``."""
        surface = self.aliases.get(surface, surface)
        key = (surface, order)
        found = self._answers.get(key)
        if found is None:
            found = self._fullest(surface, order)
            self._answers[key] = found
        return found

    def _fullest(self, surface: str, order: int) -> str:
        words = surface.split()
        if not words:
            return surface
        # A person's surname never grows into an organisation ("Greenspan" is not
        # "Greenspan's Bakery"), and an organisation's word not into a person.
        org_like = is_org(surface)
        wanted = {_plain(w) for w in words if w not in HONORIFICS}
        candidates = [
            k
            for k in self.by_word.get(_plain(words[-1]), [])
            if k.size > len(words)
            and wanted <= k.words
            and (org_like or k.kind != "org")
            and "’s" not in k.name
            and "'s" not in k.name
            and not _model_name(words, k)
        ]
        if not candidates:
            return self._spelled_out(surface) or surface
        # A full name given earlier in the same paragraph, else the person the article
        # introduced first (relatives and namesakes come later and are named in full).
        paragraph = order // 100_000 if order >= 0 else -1
        same = []
        for k in candidates:
            last = k.last_before(order)
            if last is not None and last >= 0 and last // 100_000 == paragraph:
                same.append((last, k.size, k))
        nearest = max(same, key=lambda t: (t[0], t[1]))[2] if same else min(candidates, key=lambda k: k.first)
        return max((k for k in candidates if nearest.words <= k.words), key=lambda k: k.size).name

    def role_of(self, name: str) -> str | None:
        return self.roles.get(name)

    def gender_of(self, name: str) -> str:
        return self.genders.get(name, "")

    def org_with(self, head: str, order: int) -> str | None:
        """The nearest organisation whose name holds ``head`` ("the ministry" -> "Defense Ministry")."""
        head = head.capitalize()
        pool = [k for k in self.by_word.get(head, []) if is_org(k.name) or k.kind == "org"]
        if not pool:
            return None

        def nearest(k: _Known) -> tuple[int, int]:
            last = k.last_before(order)
            return (last if last is not None else -(1 << 40) - k.first, len(k.name))

        return max(pool, key=nearest).name

    def person_with_role(
        self, noun: str, order: int, body: frozenset[str] = frozenset(), query: RoleQuery | None = None
    ) -> str | None:
        """The person the article gives a role containing ``noun`` ("the spokesman"): of those
        named before ``order``, the one named last; else the first named after it (a lead's "A
        lawyer for the bloggers said" names the lawyer paragraphs later), when the role names
        the ``body`` the description gives (the words of "for the Harbour Board"), if any: a
        spokesman for one shopping centre is not the one named before or later for another.
        ``query`` says which of those the description may be (any, by default)."""
        query = query or RoleQuery()
        before: tuple[int, str] | None = None
        after: tuple[int, str] | None = None
        for name, role in self.roles.items():
            if noun.lower() in role.lower().split() and (
                not body or body & {_plain(w) for w in role.split()}
            ):
                entry = self.entries.get(name)
                first = entry.first if entry else 0
                if first <= order:
                    if query.before and (before is None or first > before[0]):
                        before = (first, name)
                elif (after is None or first < after[0]) and query.may_be_later(role, first - order):
                    after = (first, name)
        found = before or after
        return found[1] if found else None


def _model_name(words: list[str], known: _Known) -> bool:
    """``known`` is a product's name that starts with the name ``words``, its model written in
    capitals or with a number ("Sony PSP", "Archos AV400", "Apple TV"): a maker's name does not
    grow into its product's ("Rogers" into "Rogers Media" still does)."""
    extra = known.name.split()[len(words) :]
    return (
        known.name.split()[: len(words)] == words
        and any((w.isupper() and len(w) >= 2) or any(c.isdigit() for c in w) for w in extra)
        and known.kind != "org"
        and not is_org(known.name)
    )


_LOWER_WORD = re.compile(r"\b[a-z][a-z-]+\b")
#: An office named before a person's name: "Secretary of ", "Minister of the ".
_OFFICE_OF = re.compile(r"\b[A-Z][a-z]+(?:-[A-Za-z]+)? of (?:the )?$")


@dataclass(frozen=True, slots=True)
class _ArticleWords:
    """What the article and its recogniser say of words: written in lower case, people's
    names (and their variants), places' names."""

    lower: frozenset[str]
    persons: frozenset[str]
    places: frozenset[str]
    groups: frozenset[str] = frozenset()  # parties and nationalities ("Republican", "Dutch")
    bodies: frozenset[str] = frozenset()  # every other name the recogniser found, as written
    body: str = ""  # the body's paragraphs, one per line


def _without_common_opening(name: str, text: str, start: int, known: _ArticleWords) -> str:
    """``name`` without the words before the person the recogniser found in it: an office's
    last words ("State Mike Pompeo" of "Secretary of State Mike Pompeo"), a place or a party the
    recogniser found ("Britain Liu Xiaming" of "ambassador to Britain Liu Xiaming", "Republican
    Ana Lind"), or the word that opens
    its sentence or headline when the article writes that word in lower case ("Unpredictable
    Sondland faces questions" is about Sondland, "is likely to be unpredictable"); "Bill
    Gates", which the recogniser found whole, keeps its "Bill"."""
    first, _, rest = name.partition(" ")
    if not rest or name in known.persons or first in HONORIFICS:
        return name
    if _OFFICE_OF.search(text, max(0, start - 40), start):
        # "Secretary of State Mike Pompeo", "Director of Public Prosecution Eva Persson": the
        # office's last words are no part of the person's name.
        words = name.split()
        return next(
            (" ".join(words[k:]) for k in range(1, len(words)) if " ".join(words[k:]) in known.persons), name
        )
    opens = first.lower() in known.lower and _opens_sentence(text, start)
    if rest not in known.persons:
        # "Outside Northwind's plant, ...": a word the article writes in lower case, opening
        # the sentence before a body the recogniser found, is no part of that body's name.
        return rest if opens and rest in known.bodies and name not in known.bodies else name
    if first in known.places or first in known.groups:
        # "ambassador to Britain Liu Xiaming": a place, then the person; "Republican Ana Lind":
        # a party or a nationality, then the person.
        return rest
    return rest if opens else name


def _without_headline_opening(name: str, text: str, start: int, known: _ArticleWords) -> str:
    """A name that opens a headline, a standfirst or a caption, without that opening word when
    the body never writes the two together but gives the rest another first word: the capital
    is the sentence's ("Rocker Doherty in on-stage fight" is about the body's Pete Doherty;
    "Ana Lind quits" keeps her first name when the body has no other for Lind)."""
    first, _, rest = name.partition(" ")
    if not rest or first in HONORIFICS or not _opens_sentence(text, start):
        return name
    if name in known.body or name in known.persons:
        return name
    return rest if re.search(rf"\b[A-Z][\w.’'-]* {re.escape(rest)}\b", known.body) else name


def _add_runs(
    book: NameBook, text: str, base: int, known: _ArticleWords, quoted: Sequence[tuple[int, int]] = ()
) -> None:
    """Add the names ``text`` gives to ``book``; ``base`` is the order of its start (negative
    for the title, standfirst and captions), ``quoted`` its quoted words (start, end)."""
    # A headline quoted in Title Case lends no names ("Speaker Paul Ryan Joins Growing List of
    # Conservatives ...").
    headlines = [(a, b) for a, b in quoted if headline_case(text[a:b])]
    for run in name_runs(text):
        if (
            any(a <= run.start < b for a, b in headlines)
            or _in_title_case(text, run.end)
            or _headline_run(run.name)
        ):
            continue
        order = base + run.start if base >= 0 else base
        role = run.role or role_before(text, run.start) or role_after(text, run.end)
        name = _without_common_opening(run.name, text, run.start, known)
        if base < 0 and name == run.name:
            name = _without_headline_opening(name, text, run.start, known)
        if name != run.name:
            book.aliases[run.name] = name
        kind = "org" if is_org(name) else ("person" if looks_like_person(name) else "")
        book.add(name, order, kind, role if kind != "org" else None, run.gender)


_NEXT_WORD = re.compile(r"[ ]+([A-Z][a-z]*)\b")


def _in_title_case(text: str, end: int) -> bool:
    """The run ending at ``end`` goes on in a headline's title case ("Bush Hits Marco Rubio On
    Abortion" in a live blog's paragraph): its capitals say nothing about where a name ends."""
    following = _NEXT_WORD.match(text, end)
    return following is not None and following.group(1) in _TITLE_CASE_BREAKS


#: Capitalised words that only a headline puts inside a run of capitals ("Why Can’t Ana Lind
#: Sing Her Own Songs?").
_HEADLINE_PRONOUNS = word_set("Her His Its Their Our My Your")


def _headline_run(name: str) -> bool:
    """A run of capitals that only a headline writes: a contraction ("Can’t") or a capitalised
    possessive pronoun after its first word. It lends the book no full form."""
    words = name.split()
    return any(w.endswith(("n’t", "n't")) for w in words) or any(w in _HEADLINE_PRONOUNS for w in words[1:])


def build_book(
    article: Article,
    entities: Iterable[Entity] = (),
    quoted: Mapping[int, Sequence[tuple[int, int]]] | None = None,
) -> NameBook:
    """All names in the article; ``order`` is ``paragraph * 100_000 + offset`` for the body,
    negative for the title, standfirst and captions (which a reader sees first). ``quoted``:
    the quoted words of each paragraph (start, end), as the quote finder found them."""
    book = NameBook()
    entities = tuple(entities)
    known = _ArticleWords(
        body="\n".join(article.paragraphs),
        lower=frozenset(_LOWER_WORD.findall("\n".join(article.paragraphs))),
        persons=frozenset(
            form for entity in entities if entity.type == "PERSON" for form in (entity.name, *entity.variants)
        ),
        places=frozenset(e.name for e in entities if e.type in ("GPE", "LOC")),
        groups=frozenset(form for e in entities if e.type == "NORP" for form in (e.name, *e.variants)),
        bodies=frozenset(form for e in entities if e.type != "PERSON" for form in (e.name, *e.variants)),
    )
    # A headline in Title Case is one capitalised run from end to end ("Warren Hammers Wells
    # Fargo CEO"): its capitals say nothing about names, so it lends none.
    title = "" if headline_case(article.title) else article.title
    extra: list[tuple[str, int]] = [(title, -3), (article.standfirst or "", -2)]
    extra += [(f.caption, -1) for f in article.figures]
    texts = extra + [(p, i * 100_000) for i, p in enumerate(article.paragraphs)]
    for text, base in texts:
        if text:
            p = base // 100_000 if base >= 0 else -1
            _add_runs(book, text, base, known, (quoted or {}).get(p, ()))
    for entity in entities:
        # Entities widen the names but never override the text's own reading: a person's
        # entity must look like a full name ("Vancouver's Bo Horvat" becomes "Bo Horvat").
        if entity.type == "PERSON":
            kind = "person-entity"
        elif entity.type in ("ORG", "NORP", "GPE", "FAC"):
            kind = "org"
        else:
            continue
        first = min(
            (m.index * 100_000 + m.start if m.where == "paragraph" else -1 for m in entity.mentions),
            default=-1,
        )
        for form in dict.fromkeys((entity.name, *entity.variants)):
            name = re.sub(r"^.*[’']s\s+", "", form).strip()
            if kind == "person-entity" and not looks_like_person(name, recognised=True):
                continue
            if len(name.split()) > 1:
                book.add(name, first, kind)
                if entity.type == "ORG" and book.kinds.get(name) == "person":
                    # The recogniser's "organisation" beats a guess from the name's shape
                    # ("Hewlett Packard"); its places do not ("Nino Niederreiter" as a GPE).
                    book.kinds[name] = "org"
    return book
