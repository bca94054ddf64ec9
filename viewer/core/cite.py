"""Citation formats for one quote: plain text, Markdown, HTML, CSL-JSON and a user template.

Every format is made from the quote, its article's metadata and where the quote stands
(the article's path and the paragraphs of its spans), by pure functions; the window puts the
result on the clipboard. A split quote ("…," she said, "…") keeps its parts apart: they are
joined with " … " so that they never read as one sentence.

Only a direct quote's words are the speaker's own, and only they are ever put in quotation
marks. A reported statement (kind ``"indirect"``) is the article's paraphrase: every format
cites it without marks and says so ("Reported: Ana Lind said the pier would open in May
(paraphrase, not the speaker's own words) — …"). A mixed quote is the article's paraphrase
carrying the speaker's words in the article's own marks: it is cited whole, without marks
of ours around it, its fragments keeping the article's marks ("Partly quoted: …"). A user
template's marks around ``{quote}`` are left out for both (:func:`cite_template`).

CSL-JSON is the data format of the Citation Style Language that Zotero, pandoc and other
reference managers read: :func:`csl_item` makes one item of type ``article-newspaper``
(fields named as in the CSL 1.0.2 input schema ``csl-data.json``), and :func:`csl_json` an
array of items, as a bibliography file holds them.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from urllib.parse import urlsplit

from viewer.core.lexicon import word_set
from viewer.core.model import Article, Quote, QuoteKind

CitationFormat = Literal["plain", "markdown", "html", "csl-json", "template"]
FORMATS: tuple[CitationFormat, ...] = ("plain", "markdown", "html", "csl-json", "template")
FORMAT_TITLES: dict[CitationFormat, str] = {
    "plain": "Plain Text",
    "markdown": "Markdown",
    "html": "HTML",
    "csl-json": "CSL-JSON",
    "template": "Template",
}

#: The fields a user template may name, in the order the preferences list them.
TEMPLATE_FIELDS = ("quote", "speaker", "role", "title", "source", "date", "url", "path", "paragraph")
DEFAULT_TEMPLATE = "“{quote}” — {speaker}, {title}, {source}, {date} {url}"

#: Between the parts of a quote the article splits ("…," she said, "…").
PART_JOINER = " … "

#: How each kind of statement is named where it is cited (a direct quote needs no name: its
#: quotation marks say it).
KIND_LABELS: dict[QuoteKind, str] = {
    "direct": "Quote",
    "mixed": "Partly quoted",
    "indirect": "Reported",
    "term": "Quoted term",
}
#: What each kind that is not verbatim is, said beside it in every format.
KIND_NOTES: dict[QuoteKind, str] = {
    "mixed": "paraphrase; only the words in quotation marks are the speaker's",
    "indirect": "paraphrase, not the speaker's own words",
    "term": "a term the article quotes, not a statement",
}
#: Opening quotation marks a template may put before ``{quote}``, and the marks that close each.
_CLOSING_FOR = {
    '"': '"',
    "'": "'",
    "“": "”",
    "‘": "’",
    "„": "“”",
    "‚": "‘’",
    "«": "»",
    "‹": "›",
    "「": "」",
    "『": "』",
}
_MARK_BEFORE = re.compile("([" + re.escape("".join(_CLOSING_FOR)) + "])\\s*$")
_MARK_AFTER = re.compile("^\\s*[" + re.escape("".join(set("".join(_CLOSING_FOR.values())))) + "]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")
_WHITESPACE = re.compile(r"\s+")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_BY = re.compile(r"^\s*(?:by|written by|words by)\s+", re.IGNORECASE)
_NAME_BREAK = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w.'’-]*$")
#: Template text that only separates fields (", ", " — ", " | "): it goes with an empty field.
_SEPARATOR = re.compile(r"^[\s,;:·|/–—-]+$")
#: A literal "{{" or "}}", a field "{name}", or a brace standing alone.
_TEMPLATE_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


# text --------------------------------------------------------------------------------------
def _one_line(text: str, limit: int) -> str:
    """Control characters out, white space collapsed, shortened with "…" past ``limit``."""
    flat = _WHITESPACE.sub(" ", _CONTROL.sub(" ", text)).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def shown_path(path: str) -> str:
    """A path as people see it: a file name whose bytes are not UTF-8 reaches Python with lone
    surrogates standing for those bytes (``os.fsdecode``), which no clipboard or JSON text can
    carry; each such byte becomes "\ufffd", as a file manager shows it."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return path


def quote_parts(quote: Quote, article: Article | None) -> list[str]:
    """Each part of a quote exactly as the article writes it (a split quote has two or more).

    The parts come from the quote's spans in the article's own paragraphs; when a span does
    not fit the article or the quote's words (the article changed), the quote's text is the
    one part. Without the article, the text is cut by the spans' lengths.
    """
    parts: list[str] = []
    if article is None:
        return parts_of_text(quote.text, [span.end - span.start for span in quote.spans])
    for span in quote.spans:
        if not 0 <= span.paragraph < len(article.paragraphs):
            break
        part = article.paragraphs[span.paragraph][span.start : span.end].strip()
        if not part:
            break
        parts.append(part)
    whole = _one_line(quote.text, len(quote.text) + 1)
    fits = len(parts) == len(quote.spans) and all(_one_line(p, len(p) + 1) in whole for p in parts)
    return parts if parts and fits else [quote.text]


def parts_of_text(text: str, lengths: Sequence[int]) -> list[str]:
    """A quote's text cut back into its parts by the lengths of its spans (analysis joins the
    parts of a split quote with one space); the text as one part when the lengths do not fit."""
    if len(lengths) < 2 or sum(lengths) + len(lengths) - 1 != len(text):
        return [text]
    parts, at = [], 0
    for length in lengths:
        parts.append(text[at : at + length].strip())
        at += length + 1
    return [p for p in parts if p] or [text]


def quote_words(quote: Quote, article: Article | None, limit: int = 20_000) -> str:
    """The quote on one line, its parts joined with " … "."""
    return PART_JOINER.join(_one_line(part, limit) for part in quote_parts(quote, article))


def display_date(value: str | None) -> str | None:
    """An ISO 8601 date as people read it: "14 Mar 2025", "8 Nov 2019, 15:30".

    The time is shown as the article gives it (its own zone); anything that is not ISO is
    returned as it is.
    """
    if not value:
        return value
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    day = f"{moment.day} {moment:%b %Y}"
    has_time = "T" in value or " " in value.strip()
    return f"{day}, {moment:%H:%M}" if has_time else day


def web_link(url: str | None) -> str | None:
    """The URL if it is a web address (http, https), else ``None``: nothing else is linked."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


def paragraph_label(quote: Quote) -> str:
    """The paragraphs the quote stands in, as people count them (the first is 1): "2", "2, 3"."""
    numbers = sorted({span.paragraph + 1 for span in quote.spans})
    return ", ".join(str(n) for n in numbers)


# the common parts ----------------------------------------------------------------------------
def _speaker_and_role(quote: Quote) -> list[str]:
    if quote.speaker:
        parts = [_one_line(quote.speaker, 200)]
    elif quote.document:
        parts = [f"source: {_one_line(quote.document, 200)} (no speaker named)"]
    else:
        parts = ["unattributed"]
    if quote.role:
        parts.append(_one_line(quote.role, 200))
    return parts


def _source_and_date(article: Article) -> list[str]:
    values = (article.source, display_date(article.date))
    return [_one_line(value, 200) for value in values if value]


def _title(article: Article) -> str:
    return _one_line(article.title, 500)


# statements that are not verbatim ----------------------------------------------------------------
def kind_label(quote: Quote) -> str:
    """What the quote is, as a citation names it: "Quote", "Reported", "Partly quoted"."""
    return KIND_LABELS.get(quote.kind, "Quote")


def kind_note(quote: Quote) -> str:
    """What a statement that is not verbatim is ("paraphrase, not the speaker's own words");
    empty for a direct quote."""
    return "" if quote.is_verbatim else KIND_NOTES.get(quote.kind, "")


def _cue_in_words(quote: Quote) -> bool:
    cue = quote.cue_span
    return cue is not None and any(
        s.paragraph == cue.paragraph and s.start <= cue.start < s.end for s in quote.spans
    )


def reported_lead(quote: Quote) -> str:
    """Who made a statement that is not verbatim and the article's verb, to stand before its
    words: "Ana Lind said", "Ana Lind, the mayor, warned", "According to the council,".
    Empty when the speaker or the cue is not known, or the words already hold the cue: the
    speaker is then named after the words, as for a direct quote."""
    said_by = quote.speaker or quote.document
    if quote.is_verbatim or not said_by or not quote.cue or _cue_in_words(quote):
        return ""
    who = _one_line(said_by, 200)
    if quote.role:
        who += f", {_one_line(quote.role, 200)},"
    cue = _one_line(quote.cue, 60)
    if cue.casefold().startswith("according"):
        return f"{cue[:1].upper()}{cue[1:]} {who}" + ("" if who.endswith(",") else ",")
    return f"{who} {cue}"


def statement_sentence(quote: Quote, article: Article | None) -> str:
    """A statement that is not verbatim on one line, after its speaker and verb when they are
    known ("Ana Lind said the pier would open in May"); never in quotation marks of ours (a
    mixed statement keeps the article's marks around the speaker's words)."""
    words = quote_words(quote, article)
    lead = reported_lead(quote)
    if lead and article is not None and not (quote.cue or "").casefold().startswith("according"):
        lead = " ".join([lead, *_between_cue_and_words(quote, article).split()])
    return f"{lead} {_in_sentence(words)}" if lead else words


# Words that open a sentence with a capital only because they open it, never as a name: after
# the lead ("the operator announced", "According to X,") they go on in lower case.
_SENTENCE_OPENERS = word_set(
    """the a an that this these those it its there they their we our he his she her some many
    most all no none one two in on at for by with as after before since while when if but and
    so yet more less fewer few several much any each every other such nearly almost about"""
)


def _in_sentence(words: str) -> str:
    """``words`` to follow a lead: "That creates an opening" reads "that creates an opening"
    after "According to the analyst,"; a name keeps its capital."""
    first = words.split(maxsplit=1)[0] if words.strip() else ""
    if first.casefold() in _SENTENCE_OPENERS and first[:1].isupper():
        return words[:1].lower() + words[1:] if words[:1].isupper() else words
    return words


def _between_cue_and_words(quote: Quote, article: Article) -> str:
    """The article's few words between the verb and what was said, which the sentence needs:
    "told reporters", "said on Monday that". Empty when the words do not follow the verb in its
    sentence."""
    cue, first = quote.cue_span, quote.spans[0] if quote.spans else None
    if cue is None or first is None or first.paragraph != cue.paragraph or first.start < cue.end:
        return ""
    if not 0 <= cue.paragraph < len(article.paragraphs):
        return ""
    gap = article.paragraphs[cue.paragraph][cue.end : first.start]
    if len(gap) > _BRIDGE_CHARS or any(c in _BRIDGE_STOPS for c in gap):
        return ""
    return gap


# "told the Harbour Gazette's night desk on Monday that": longer is another clause.
_BRIDGE_CHARS = 48
_BRIDGE_STOPS = frozenset('.!?;:"“”()\n')


def _tail_speaker(quote: Quote) -> list[str]:
    """The speaker (and role) as the citation names them after the words: not again when the
    lead already named them."""
    return [] if reported_lead(quote) else _speaker_and_role(quote)


def _statement_head(quote: Quote, article: Article | None) -> str:
    """The statement before the dash: “words” (direct), or "Reported: … (what it is)"."""
    if quote.is_verbatim:
        return f"“{quote_words(quote, article)}”"
    return f"{kind_label(quote)}: {statement_sentence(quote, article)} ({kind_note(quote)})"


def statement_line(quote: Quote, article: Article | None) -> str:
    """The statement and who made it, without the article: “words” — Speaker for a direct
    quote; "Reported: Ana Lind said … (paraphrase, not the speaker's own words)" otherwise."""
    head, tail = _statement_head(quote, article), _tail_speaker(quote)
    return f"{head} — {', '.join(tail)}" if tail else head


# plain, Markdown, HTML -----------------------------------------------------------------------
def cite_plain(quote: Quote, article: Article) -> str:
    """“quote” — Speaker, role, “Title”, Source, date, URL (missing parts left out); a
    statement that is not verbatim as "Reported: Speaker said … (paraphrase, not the speaker's
    own words) — “Title”, …"."""
    parts = [*_tail_speaker(quote), f"“{_title(article)}”", *_source_and_date(article)]
    link = web_link(article.url)
    if link:
        parts.append(_one_line(link, 2000))
    return f"{_statement_head(quote, article)} — " + ", ".join(parts)


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def cite_markdown(quote: Quote, article: Article) -> str:
    """A Markdown block quote for a direct quote; one paragraph that says what it is for any
    other kind (a block quote reads as the speaker's words). Every character Markdown reads as
    markup is escaped."""
    title = _md(_title(article))
    link = web_link(article.url)
    title_part = f"[*{title}*]({link.replace(')', '%29').replace(' ', '%20')})" if link else f"*{title}*"
    rest = [title_part, *(_md(p) for p in _source_and_date(article))]
    if not quote.is_verbatim:
        tail = _tail_speaker(quote)
        who = [f"**{_md(tail[0])}**", *(_md(p) for p in tail[1:])] if tail else []
        return (
            f"**{kind_label(quote)}** ({_md(kind_note(quote))}): {_md(statement_sentence(quote, article))}"
            f" — " + ", ".join([*who, *rest])
        )
    speaker, *role = _speaker_and_role(quote)
    parts = [f"**{_md(speaker)}**", *(_md(p) for p in role), *rest]
    return f"> “{_md(quote_words(quote, article))}”\n>\n> — " + ", ".join(parts)


#: The class of the paragraph that cites a statement that is not verbatim, by kind.
HTML_CLASSES: dict[QuoteKind, str] = {
    "mixed": "partly-quoted",
    "indirect": "reported-speech",
    "term": "quoted-term",
}


def cite_html(quote: Quote, article: Article) -> str:
    """A ``<blockquote>`` with a ``<footer>`` for a direct quote; a ``<p>`` that says what it
    is for any other kind (a block quote is markup for someone's own words). Every piece of
    article text is escaped, and only a web address becomes a link."""
    e = html.escape
    title = e(_title(article))
    link = web_link(article.url)
    cite = f'<a href="{e(link, quote=True)}"><cite>{title}</cite></a>' if link else f"<cite>{title}</cite>"
    rest = [cite, *(e(p) for p in _source_and_date(article))]
    if not quote.is_verbatim:
        tail = _tail_speaker(quote)
        who = [f"<strong>{e(tail[0])}</strong>", *(e(p) for p in tail[1:])] if tail else []
        css = HTML_CLASSES.get(quote.kind, "reported-speech")
        return (
            f'<p class="{css}"><strong>{e(kind_label(quote))}</strong> ({e(kind_note(quote))}): '
            f"{e(statement_sentence(quote, article))} — {', '.join([*who, *rest])}</p>"
        )
    speaker, *role = _speaker_and_role(quote)
    parts = [f"<strong>{e(speaker)}</strong>", *(e(p) for p in role), *rest]
    cite_attr = f' cite="{e(link, quote=True)}"' if link else ""
    return (
        f"<blockquote{cite_attr}><p>“{e(quote_words(quote, article))}”</p>"
        f"<footer>— {', '.join(parts)}</footer></blockquote>"
    )


# CSL-JSON -----------------------------------------------------------------------------------
def byline_names(byline: str | None) -> list[dict[str, str]]:
    """CSL name objects for the people of a byline ("By Ana Costa and Tom Reid").

    A piece that does not look like a name (a job title, "Staff", lower-case words) is left
    out; a one-word name is kept whole as a ``literal`` name.
    """
    if not byline:
        return []
    names = []
    for piece in _NAME_BREAK.split(_BY.sub("", _one_line(byline, 300))):
        words = piece.split()
        if not words or len(words) > 4 or not all(_NAME_WORD.match(w) for w in words):
            continue
        if len(words) == 1:
            names.append({"literal": words[0]})
        else:
            names.append({"family": words[-1], "given": " ".join(words[:-1])})
    return names


def csl_date(value: str | None) -> dict[str, Any] | None:
    """A CSL date: ``date-parts`` from an ISO date ("2024-05-06", "2024-05", "2024"), else
    the text as a ``literal``."""
    if not value or not value.strip():
        return None
    match = re.match(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?\s*$", value)
    if match:
        parts = [int(p) for p in match.groups() if p is not None]
        if len(parts) < 2 or 1 <= parts[1] <= 12:
            return {"date-parts": [parts]}
    return {"literal": _one_line(value, 100)}


def csl_id(quote: Quote, article: Article) -> str:
    """A stable id: the same quote of the same article always gets the same one."""
    where = [article.path, str(article.record), *(f"{s.paragraph}:{s.start}:{s.end}" for s in quote.spans)]
    digest = hashlib.sha1("\x1f".join(where).encode("utf-8", "surrogatepass")).hexdigest()
    return f"quote-{digest[:12]}"


def csl_item(quote: Quote, article: Article) -> dict[str, Any]:
    """One CSL-JSON item: the article as a newspaper article; the quote, who said it and where
    it stands go in ``note`` (which Zotero keeps in "Extra") and, field by field, in ``custom``.

    ``note`` says what a statement that is not verbatim is, as the plain citation does;
    ``custom.kind`` is the kind, and its words are ``custom.statement``, never ``custom.quote``.
    """
    item: dict[str, Any] = {"id": csl_id(quote, article), "type": "article-newspaper"}
    if article.title:
        item["title"] = _title(article)
    authors = byline_names(article.byline)
    if authors:
        item["author"] = authors
    if article.source:
        item["container-title"] = _one_line(article.source, 200)
    issued = csl_date(article.date)
    if issued is not None:
        item["issued"] = issued
    link = web_link(article.url)
    if link:
        item["URL"] = link
    words = quote_words(quote, article)
    item["note"] = f"{statement_line(quote, article)} (paragraph {paragraph_label(quote)})"
    # A direct quote's words are "quote"; any other kind's are "statement", with the kind
    # beside them: no field that reads as verbatim holds a paraphrase.
    custom: dict[str, Any] = {"kind": quote.kind, "quote" if quote.is_verbatim else "statement": words}
    custom.update(
        {
            "speaker": quote.speaker,
            "role": quote.role,
            "cue": quote.cue,
            "path": shown_path(article.path),
            "record": article.record,
            "spans": [span.to_json() for span in quote.spans],
        }
    )
    if quote.cue_span is not None:
        custom["cue_span"] = quote.cue_span.to_json()
    if quote.speaker_mention is not None:
        custom["speaker_mention"] = quote.speaker_mention.to_json()
    item["custom"] = custom
    return item


def csl_json(items: list[dict[str, Any]]) -> str:
    """CSL-JSON text: an array of items, as a bibliography file holds them."""
    return json.dumps(items, ensure_ascii=False, indent=2)


def cite_csl_json(quote: Quote, article: Article) -> str:
    return csl_json([csl_item(quote, article)])


# the user's template ----------------------------------------------------------------------------
class TemplateError(ValueError):
    """A template that cannot be used, with a message that says where and why."""


@dataclass(frozen=True, slots=True)
class Template:
    """A parsed template: literal text and field names, in order (``(True, name)`` is a field)."""

    text: str
    pieces: tuple[tuple[bool, str], ...]

    def fields(self) -> tuple[str, ...]:
        return tuple(name for is_field, name in self.pieces if is_field)


def parse_template(text: str) -> Template:
    """Check a template and split it into text and fields.

    Fields are ``{quote}``, ``{speaker}``, ``{role}``, ``{title}``, ``{source}``, ``{date}``,
    ``{url}``, ``{path}`` and ``{paragraph}``; ``{{`` and ``}}`` stand for a brace. Anything else
    in braces, and a brace standing alone, raise :class:`TemplateError`.
    """
    pieces: list[tuple[bool, str]] = []
    at = 0
    for match in _TEMPLATE_TOKEN.finditer(text):
        if match.start() > at:
            pieces.append((False, text[at : match.start()]))
        at = match.end()
        token = match.group(0)
        column = match.start() + 1
        if token in ("{{", "}}"):
            pieces.append((False, token[0]))
        elif token == "{":
            raise TemplateError(f"“{{” at character {column} is never closed (write {{{{ for a brace)")
        elif token == "}":
            raise TemplateError(f"“}}” at character {column} closes nothing (write }}}} for a brace)")
        else:
            name = match.group(1).strip()
            if name not in TEMPLATE_FIELDS:
                known = ", ".join(f"{{{f}}}" for f in TEMPLATE_FIELDS)
                raise TemplateError(f"Unknown field {token} at character {column}; the fields are {known}")
            pieces.append((True, name))
    if at < len(text):
        pieces.append((False, text[at:]))
    return Template(text, tuple(pieces))


def template_values(quote: Quote, article: Article) -> dict[str, str]:
    """What each template field stands for; a value the article lacks is empty. ``{quote}`` of
    a statement that is not verbatim says what it is ("Reported: … (paraphrase, not the
    speaker's own words)")."""
    words = quote_words(quote, article)
    if not quote.is_verbatim:
        words = f"{kind_label(quote)}: {words} ({kind_note(quote)})"
    return {
        "quote": words,
        "speaker": _one_line(quote.speaker or "", 200),
        "role": _one_line(quote.role or "", 200),
        "title": _title(article),
        "source": _one_line(article.source or "", 200),
        "date": _one_line(display_date(article.date) or "", 100),
        "url": web_link(article.url) or "",
        "path": _CONTROL.sub(" ", shown_path(article.path)).replace("\n", " "),  # one line, spaces kept
        "paragraph": paragraph_label(quote),
    }


def _unmarked(pieces: tuple[tuple[bool, str], ...]) -> tuple[tuple[bool, str], ...]:
    """The pieces without the quotation marks a template puts around ``{quote}``: an opening
    mark straight before the field and the first mark after the field that closes it (“{quote}”,
    « {quote} », “{quote} (¶{paragraph})”), or a closing mark straight after the field."""
    out = list(pieces)
    for at, (is_field, name) in enumerate(out):
        if not (is_field and name == "quote"):
            continue
        before = out[at - 1] if at > 0 else (True, "")
        opening = None if before[0] else _MARK_BEFORE.search(before[1])
        if opening is not None:
            out[at - 1] = (False, before[1][: opening.start()])
            closers = _CLOSING_FOR[opening.group(1)]
            for later in range(at + 1, len(out)):
                is_later_field, text = out[later]
                if is_later_field and text == "quote":
                    break
                close = (
                    -1 if is_later_field else min((i for i in map(text.find, closers) if i >= 0), default=-1)
                )
                if close >= 0:
                    head = text[:close] if text[:close].strip() else ""  # « {quote} »: its space too
                    out[later] = (False, head + text[close + 1 :])
                    break
        elif at + 1 < len(out) and not out[at + 1][0]:
            closing = _MARK_AFTER.search(out[at + 1][1])
            if closing is not None:
                out[at + 1] = (False, out[at + 1][1][closing.end() :])
    return tuple(out)


def cite_template(quote: Quote, article: Article, template: Template | str) -> str:
    """The template filled in. Raises :class:`TemplateError` for a template that is not valid.

    For a statement that is not verbatim (reported, mixed), quotation marks the template puts
    around ``{quote}`` (“{quote}”, "{quote}", « {quote} ») are left out: ``{quote}`` says what
    it is instead."""
    parsed = parse_template(template) if isinstance(template, str) else template
    values = template_values(quote, article)
    pieces = parsed.pieces if quote.is_verbatim else _unmarked(parsed.pieces)
    out: list[tuple[str, bool]] = []  # (text, whether it is a separator written by the template)
    after_empty = False
    for is_field, text in pieces:
        if is_field:
            out.append((values[text], False))
            after_empty = not values[text]
        elif after_empty and _SEPARATOR.match(text):
            after_empty = False  # the separator after a field the article lacks goes with it
        else:
            out.append((text, bool(_SEPARATOR.match(text))))
            after_empty = False
    while out and (not out[-1][0] or out[-1][1]):
        out.pop()  # nothing but separators and empty fields left at the end
    return "".join(text for text, _ in out)


def cite(quote: Quote, article: Article, fmt: CitationFormat, template: str = DEFAULT_TEMPLATE) -> str:
    """The quote cited in ``fmt``. Raises :class:`TemplateError` for a bad template."""
    if fmt == "plain":
        return cite_plain(quote, article)
    if fmt == "markdown":
        return cite_markdown(quote, article)
    if fmt == "html":
        return cite_html(quote, article)
    if fmt == "csl-json":
        return cite_csl_json(quote, article)
    return cite_template(quote, article, template)
