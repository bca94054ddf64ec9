"""Photo captions and credits in scraped text: recognise them, split the credit off.

Scraped dumps carry each caption once or twice, with or without its credit, sometimes
indented, sometimes with the credit on a line of its own::

     Image posted by the armed forces. (photo credit: Armed Forces/Facebook)
    Image posted by the armed forces.
    (photo credit: Armed Forces/Facebook)

A line is taken for a caption only on evidence a body paragraph does not show: a credit at
its end (``(credit: X)``, ``(Name/Agency)``, ``Photo: X/AP``), a credit line right after it,
a caption marker in front (``Open this photo in gallery``), or the same line repeated.
Ordinary paragraphs must never be taken for captions, so every rule wants one of those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that introduce a credit: "(photo credit: X)", "(Credit: X)", "(Photo: X)", "(Source: X)".
_CREDIT_WORDS = (
    r"(?:photo(?:graph)?s?|picture|pic|image|video|illustration|graphic|file photo|source|courtesy)"
    r"(?:\s+(?:credit|by|courtesy(?:\s+of)?))?"
    r"|credits?|courtesy(?:\s+of)?"
)
_KEYED = re.compile(rf"^\s*(?:{_CREDIT_WORDS})\s*[:\-–—]\s*(?P<who>\S.*?)\s*$", re.IGNORECASE)

_COURTESY = re.compile(r"^(?:(?:photo|image|picture)\s+)?courtesy\s+of\s+(?P<who>\S.{1,100})$", re.IGNORECASE)
# A name-like piece of a credit: capitalised words, initials, "The", "de", "&", digits.
_NAME_PIECE = r"[A-Z0-9][\w.'’&-]*(?:\s+(?:[A-Z0-9][\w.'’&-]*|of|the|de|da|van|von|del|for|and|&))*"
# "Toronto Star file photo", "THE CANADIAN PRESS FILE PHOTO", "AP Photo" (names keep their case).
_PHOTO_OF = re.compile(rf"^(?P<who>{_NAME_PIECE}?)\s+(?i:(?:file\s+)?(?:photo(?:graph)?|image|picture)s?)$")
# A lone name in brackets after a finished sentence, ending the line: "... in Toronto. (CBC)".
_LONE_NAME = re.compile(rf"^[(\[]\s*(?P<who>{_NAME_PIECE})\s*[)\]]$")
# "Name/Agency", "Name / Agency", "Name/AFP/Getty Images", "Instagram/Darian Lonechild".
_SLASHED = re.compile(rf"^\s*{_NAME_PIECE}(?:\s*/\s*{_NAME_PIECE}){{1,3}}\s*$")
# "Photo: Name/AP", "Photograph: Name" or "Photograph by Name/AFP/Getty Images" standing at
# the end of a caption, a sentence of its own, without brackets.
_TRAILING_KEYED = re.compile(
    rf"(?:^|(?<=[.!?\"”’)]))\s+(?P<key>(?:photo(?:graph)?|picture|image|credit)s?\s*:"
    rf"|(?:photo(?:graph)?|picture|image)s?\s+by)\s*"
    rf"(?P<who>{_NAME_PIECE}(?:\s*/\s*{_NAME_PIECE}){{0,3}})\s*$",
    re.IGNORECASE,
)
# Markers some sites put in front of a caption.
_LEADING_MARKER = re.compile(
    r"^\s*(?:open this photo in gallery:?|enlarge this image|caption:|image caption:?|"
    r"photo caption:?|pictured:|above:|top:|image:)\s*",
    re.IGNORECASE,
)

# Lines that scrapers leave between paragraphs: page furniture, never article text.
_FURNITURE = re.compile(
    r"^(?:advertisement|advert|sponsored(?: content)?|(?:story|article) continue[sd]? below(?: advertisement)?"
    r"|continue reading(?: (?:below|the main story|the article))?|skip (?:ad|advertisement)"
    r"|scroll (?:down )?to continue(?: reading)?|read more below|also on [\w .'’-]{2,30})[.:]?$",
    re.IGNORECASE,
)
# A link to another story or a video, labelled in capitals: "READ MORE: ...", "WATCH: ...".
_LINK_LINE = re.compile(
    r"^(?:READ MORE|MORE|WATCH|LISTEN|RELATED|SEE ALSO|ALSO READ|CLICK HERE|VIDEO|PHOTOS)\s*:\s+\S"
)
# A credit glued after a caption's last sentence without brackets: "... in Ottawa. Jane Doe/Reuters".
_GLUED_SLASHED = re.compile(rf"(?<=[.!?\"”’])\s+(?P<who>{_NAME_PIECE}(?:\s*/\s*{_NAME_PIECE}){{1,3}})\.?\s*$")

# A credit that opens the caption instead of ending it (plain-text dumps of some agencies):
# "Jo Bell / The Harbour Press A crowd waits for the ferry.", "Ann Lee/AFP via Getty Images
# Rescuers ...". The credit runs from a name over a slash to the first word that ends an
# agency's name, so the caption's own opening name is not taken into it.
_AGENCY_END = (
    r"(?i:press|images|photos?|pictures|reuters|afp|ap|epa|getty|shutterstock|alamy|handout|pool|wire)"
)
_CREDIT_WORD = r"[A-Z][\w.'’&-]*"
_AGENCY_TAIL = rf"{_AGENCY_END}(?:\s+{_AGENCY_END})*"
_LEADING_CREDIT = re.compile(
    rf"^(?P<credit>(?:{_CREDIT_WORD}\s+){{0,3}}{_CREDIT_WORD}\s*/\s*"
    rf"(?:{_CREDIT_WORD}(?:\s+|\s*/\s*)){{0,4}}?{_AGENCY_TAIL}"
    rf"(?:\s+via\s+(?:{_CREDIT_WORD}\s+){{0,3}}?{_AGENCY_TAIL})?)\s+(?P<caption>[A-Z\"“].*)$"
)

MAX_CAPTION_CHARS = 600
MAX_CREDIT_CHARS = 120
_BRACKETED = re.compile(rf"[(\[][^()\[\]]{{2,{MAX_CREDIT_CHARS}}}[)\]]")


@dataclass(frozen=True, slots=True)
class CaptionLine:
    """A line read as a caption: its text and its credit (either may be empty)."""

    caption: str
    credit: str | None


def parse_credit(text: str) -> str | None:
    """The credit in ``text`` if the whole of it is one, without brackets or "photo credit:"."""
    inner = text.strip()
    if (inner.startswith("(") and inner.endswith(")")) or (inner.startswith("[") and inner.endswith("]")):
        inner = inner[1:-1].strip()
    if not inner or len(inner) > MAX_CREDIT_CHARS or ("(" in inner and ")" not in inner):
        return None
    keyed = _KEYED.match(inner)
    if keyed:
        who = keyed.group("who").strip().strip(".").strip()
        return who or None
    photo_of = _PHOTO_OF.match(inner)
    if photo_of:
        return photo_of.group("who").strip()
    courtesy = _COURTESY.match(inner)
    if courtesy:
        return courtesy.group("who").strip().rstrip(".")
    if _SLASHED.match(inner):
        return re.sub(r"\s*/\s*", "/", inner).strip()
    return None


def _trailing_bracket(text: str) -> tuple[str, str] | None:
    """Split ``text`` into (before, bracketed tail) if it ends with a balanced (...) or [...]."""
    text = text.rstrip()
    if not text or text[-1] not in ")]":
        return None
    close = text[-1]
    opener = "(" if close == ")" else "["
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        if ch == close:
            depth += 1
        elif ch == opener:
            depth -= 1
            if depth == 0:
                return text[:i], text[i:]
    return None


_NOT_CREDITS = frozenset({"applause", "laughter", "cheers", "video", "audio", "updated", "sic", "ends"})


def _lone_name_credit(before: str, bracket: str) -> str | None:
    """ "A sentence. (CBC)" at the end of a line: a bare name after a finished sentence."""
    match = _LONE_NAME.match(bracket.strip())
    if match is None or not re.search(r"[.!?\"”’]$", before.rstrip()) or len(before.split()) < 3:
        return None
    who = match.group("who").strip()
    if len(who) > 60 or who.casefold() in _NOT_CREDITS or who.isdigit():
        return None
    return who


def split_caption_credit(line: str) -> CaptionLine | None:
    """A caption line with a credit at its end, split; None if it carries no credit.

    >>> split_caption_credit("A woman trains. (credit: Alexey Furman/Getty Images)")
    CaptionLine(caption='A woman trains.', credit='Alexey Furman/Getty Images')
    """
    text = line.strip()
    if len(text) > MAX_CAPTION_CHARS:
        return None
    tail = _trailing_bracket(text)
    if tail is not None:
        before, bracket = tail
        credit = parse_credit(bracket) or _lone_name_credit(before, bracket)
        if credit is not None:
            return CaptionLine(clean_caption(before), credit)
    # Cheap tests first: both patterns below need a character most sentences lack.
    keyed = _TRAILING_KEYED.search(text) if ":" in text or " by " in text else None
    if keyed is not None:
        before = text[: keyed.start()]
        return CaptionLine(clean_caption(before), keyed.group("who").strip())
    glued = _GLUED_SLASHED.search(text) if "/" in text else None
    if glued is not None and len(glued.group("who")) <= MAX_CREDIT_CHARS:
        before = text[: glued.start()]
        return CaptionLine(
            clean_caption(before), re.sub(r"\s*/\s*", "/", glued.group("who")).strip().rstrip(".")
        )
    return None


def split_leading_credit(line: str) -> CaptionLine | None:
    """A caption line that opens with its credit, split; None if it does not.

    >>> split_leading_credit("Jo Bell / The Harbour Press A crowd waits for the last ferry.")
    CaptionLine(caption='A crowd waits for the last ferry.', credit='Jo Bell/The Harbour Press')
    """
    text = line.strip()
    if "/" not in text[:80] or len(text) > MAX_CAPTION_CHARS:
        return None
    match = _LEADING_CREDIT.match(text)
    if match is None:
        return None
    caption = match.group("caption")
    words = caption.split()
    if len(words) < 5 or not any(w.islower() for w in words):
        return None  # a caption says what the picture shows, in a sentence
    return CaptionLine(caption, re.sub(r"\s*/\s*", "/", match.group("credit")))


def split_caption_run(line: str) -> list[CaptionLine] | None:
    """Several captions scraped onto one line, each ending with its bracketed credit.

    "A dog. (Ann Lee/Star) A cat. (Bo Li/Star)" -> two captions. None unless the whole line
    is such a run (the last piece must end with a credit too).
    """
    text = line.strip()
    if not text or text[-1] not in ")]":
        return None  # a run ends with a bracketed credit
    pieces: list[CaptionLine] = []
    start = 0
    for match in _BRACKETED.finditer(text):
        credit = parse_credit(match.group())
        if credit is None:
            continue
        caption = clean_caption(text[start : match.start()])
        if not caption:
            return None
        pieces.append(CaptionLine(caption, credit))
        start = match.end()
    if len(pieces) < 2 or text[start:].strip():
        return None
    return pieces


def beyond_caption_rules(text: str) -> bool:
    """True when no rule here can take ``text`` (a stripped line) for a caption, a credit or
    page furniture: every rule needs something most body paragraphs lack (shortness, a
    colon, a closing bracket at the end, a slash, a dash in a short line, a caption marker),
    so a paragraph without any of them skips the rules at once."""
    size = len(text)
    if size <= 60 or ":" in text or text[-1] in ")]":
        return False  # furniture; keyed credits, link lines, markers; bracketed credits
    if size <= MAX_CAPTION_CHARS and "/" in text:
        return False  # a credit glued after the caption: "... in Ottawa. Jane Doe/Reuters"
    if size <= MAX_CREDIT_CHARS and ("-" in text or "–" in text or "—" in text):
        return False  # a keyed credit line: "Photo - Jane Doe"
    return _LEADING_MARKER.match(text) is None


def is_furniture(line: str) -> bool:
    """Page furniture a scraper left in the text ("Story continues below advertisement")."""
    text = line.strip()
    if _LINK_LINE.match(text) and len(text) <= 200:
        return True
    return len(text) <= 60 and _FURNITURE.match(text) is not None


def standalone_credit(line: str) -> str | None:
    """The credit if the whole line is a credit: "(photo credit: X)", "Credit: X", "(X/AP)"."""
    text = line.strip()
    if not text:
        return None
    bracketed = text[0] in "([" and text[-1] in ")]"
    if bracketed:
        return parse_credit(text)
    keyed = _KEYED.match(text)
    if keyed and len(text) <= MAX_CREDIT_CHARS:
        who = keyed.group("who").strip().rstrip(".")
        # "Source: the ministry said ..." is a sentence, not a credit: want a name-like tail.
        if re.match(rf"^{_NAME_PIECE}(?:\s*[/,;]\s*{_NAME_PIECE})*$", who):
            return who
    return None


def strip_leading_marker(line: str) -> str | None:
    """The caption after a site's caption marker, or None if the line has no marker."""
    match = _LEADING_MARKER.match(line)
    if match is None or match.end() >= len(line.strip()):
        return None
    return line[match.end() :].strip()


def clean_caption(text: str) -> str:
    text = text.strip()
    marker = strip_leading_marker(text)
    if marker is not None:
        text = marker
    return text.rstrip(" -–—|/").strip()


def caption_key(text: str) -> str:
    """A comparison key: case, spacing and punctuation folded, so repeats match."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())
