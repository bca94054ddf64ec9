"""The inputs of the fuzzing harness (:mod:`benchmarks.fuzz`): hypothesis strategies.

Three kinds of input, for every target:

- **generated**: articles, pages and records built from an invented vocabulary, with photo
  captions and credits put in by a known rule, so that whether a caption stayed in the body is
  decidable (:class:`Planted` says what was put in);
- **mutated**: real files (``seeds/``, generated pages, and any folder given with ``--corpus``)
  with a few random edits: tokens that matter to the format inserted, ranges deleted, repeated
  or spliced in from another file, bytes changed, the end cut off;
- **random**: bytes and text with no structure, and markup or JSON fragments strung together.

Deep shapes (a chain of tags or brackets repeated thousands of times) come from
:func:`deep_page`, :func:`deep_json` and :func:`deep_brackets`; :func:`huge_input` makes
files near the size limits. Every sentence here is invented.
"""

from __future__ import annotations

import codecs
import gzip
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

# --- the invented vocabulary ----------------------------------------------------------------
# Body text, captions and credits use words of their own, so a caption's words found in the
# body can only have come from the caption.
_PEOPLE = ("Dana Holt", "Tomas Berg", "Ines Varga", "Kofi Mensah", "Greta Olsen", "Omar Blyth")
_NOUNS = ("ferry", "harbour", "council", "timetable", "budget", "bridge", "market", "library", "tenants")
_VERBS = ("promised", "delayed", "approved", "questioned", "opened", "closed", "funded", "reviewed")
_ENDS = (".", ".", ".", "!", "?", ";", "…")
_SUBJECTS = ("A heron", "Volunteers", "The lighthouse keeper", "Two children", "A fishing boat", "Pickers")
_ACTIONS = ("waits", "stands by the slipway", "is pictured", "rests", "gathers kelp", "walks home")
_PLACES = ("Brennick", "Tallowmere", "Ostreva Point", "Quillan Bay", "Harrowgate Sands")
_DAYS = ("on Tuesday", "on 14 March", "at dawn", "in the rain", "last week")
_PHOTOGRAPHERS = ("Mara Quist", "Leo Anwar", "Priya Dellow", "Sten Ruud")
_AGENCIES = ("Harbour Wire", "Northgate Images", "Coastline Press")


@dataclass(frozen=True, slots=True)
class Planted:
    """Captions and credits put into a generated input: none of them may stay in the body."""

    captions: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()
    #: Text of scripts and styles, which is never article text.
    hidden: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FileInput:
    """The bytes of one file for a reader, and what a generator planted in it (if it knows)."""

    data: bytes
    planted: Planted | None = None
    origin: str = "random"
    #: The file's suffix when it is not the target's (a compressed archive: ".warc.gz").
    suffix: str | None = None

    def __repr__(self) -> str:  # what hypothesis prints for a failing example
        return f"FileInput(origin={self.origin!r}, planted={self.planted!r}, data={self.data!r})"


sentences = st.builds(
    lambda noun, verb, other, end: f"The {noun} {verb} the {other} again{end}",
    st.sampled_from(_NOUNS),
    st.sampled_from(_VERBS),
    st.sampled_from(_NOUNS),
    st.sampled_from(_ENDS),
)


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    """A body paragraph of one to four sentences, sometimes a quotation with its speaker."""
    parts = draw(st.lists(sentences, min_size=1, max_size=4))
    form = draw(st.integers(0, 5))
    person = draw(st.sampled_from(_PEOPLE))
    said = parts[0].rstrip(".!?;…")
    if form == 1:
        parts[0] = f"“{said},” said {person}."
    elif form == 2:
        parts[0] = f'{person} said: "{said}."'
    elif form == 3:
        parts[0] = f"“{said},” {person.split()[0]} said, “{parts[-1].rstrip('.')}.”"
    return " ".join(parts)


@st.composite
def captions(draw: st.DrawFn) -> tuple[str, str, str]:
    """(caption, photographer, agency)."""
    caption = (
        f"{draw(st.sampled_from(_SUBJECTS))} {draw(st.sampled_from(_ACTIONS))} at "
        f"{draw(st.sampled_from(_PLACES))} {draw(st.sampled_from(_DAYS))}."
    )
    return caption, draw(st.sampled_from(_PHOTOGRAPHERS)), draw(st.sampled_from(_AGENCIES))


# --- plain text --------------------------------------------------------------------------------
#: The forms a caption takes in plain text (``{cap}``, ``{who}``, ``{agency}``), one list of lines each.
_TEXT_CAPTION_FORMS: tuple[tuple[str, ...], ...] = (
    ("{cap} (photo credit: {who}/{agency})",),
    ("{cap} ({who}/{agency})",),
    ("{cap}", "(Photo: {who}/{agency})"),  # the credit on a line of its own
    ("{cap} Photo: {who}/{agency}",),
    ("{cap}", "{cap} (Credit: {agency})"),  # scraped twice, once with its credit
    ("   {cap} (Credit: {who})",),  # indented
)


def _text_caption_lines(
    form: int, cap: str, who: str, agency: str, second: tuple[str, str, str]
) -> list[str]:
    """A caption as scrapers write it into plain text, by one of the forms the reader knows."""
    if form < len(_TEXT_CAPTION_FORMS):
        return [line.format(cap=cap, who=who, agency=agency) for line in _TEXT_CAPTION_FORMS[form]]
    cap2, who2, agency2 = second
    return [f"{cap} ({who}/{agency}) {cap2} ({who2}/{agency2})"]  # two captions on one line


@st.composite
def text_articles(draw: st.DrawFn, *, title_line: bool = True) -> tuple[str, Planted]:
    """A plain-text article: title line, perhaps a byline and a date line, paragraphs and
    captions in the forms scrapers write them, blocks split by blank lines or not."""
    lines: list[str] = []
    if title_line:
        lines += [draw(sentences).rstrip(".!?;…").replace("The ", "", 1).capitalize(), ""]
        if draw(st.booleans()):
            lines += [f"By {draw(st.sampled_from(_PEOPLE))}", ""]
    body = draw(st.lists(paragraphs(), min_size=1, max_size=8))
    planted_captions: list[str] = []
    planted_credits: list[str] = []
    slots = draw(st.lists(st.integers(0, len(body)), max_size=3))
    for i in range(len(body) + 1):
        for _ in range(slots.count(i)):
            cap, who, agency = draw(captions())
            second = draw(captions())
            form = draw(st.integers(0, 6))
            lines += [*_text_caption_lines(form, cap, who, agency, second), ""]
            planted_captions.append(cap)
            planted_credits += [who, agency] if form not in (4, 5) else [agency if form == 4 else who]
            if form == 6:
                planted_captions.append(second[0])
                planted_credits += [second[1], second[2]]
        if i < len(body):
            lines.append(body[i])
            if draw(st.integers(0, 3)):
                lines.append("")  # most paragraphs are blocks of their own; some share one
    text = "\n".join(lines)
    return text, Planted(tuple(planted_captions), tuple(planted_credits))


_ENCODINGS = ("utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252", "utf-16-le")


@st.composite
def encoded(draw: st.DrawFn, text: str) -> bytes:
    """Text as a file holds it: UTF-8 mostly, else with a BOM, UTF-16 or cp1252; CRLF or not."""
    if draw(st.integers(0, 4)) == 0:
        text = text.replace("\n", "\r\n")
    codec = draw(st.sampled_from(_ENCODINGS))
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    if codec == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    return data


@st.composite
def generated_text_files(draw: st.DrawFn) -> FileInput:
    text, planted = draw(text_articles())
    return FileInput(draw(encoded(text)), planted, "generated")


# --- web pages ---------------------------------------------------------------------------------
def _html_figure(form: int, cap: str, who: str, agency: str) -> str:
    if form == 0:
        return f'<figure><img src="p.jpg" alt=""><figcaption>{cap} <span class="credit">{who}/{agency}</span></figcaption></figure>'
    if form == 1:
        return f'<figure><img src="p.jpg"><figcaption>{cap} (Photo: {who}/{agency})</figcaption></figure>'
    if form == 2:
        return (
            f'<figure><picture><img src="p.jpg"></picture><figcaption><p>{cap}</p>'
            f'<p class="copyright">© {agency}</p></figcaption></figure>'
        )
    if form == 3:
        return f'<div class="image-caption">{cap} <span class="photo-credit">{who}/{agency}</span></div>'
    return f"<p>{cap} ({who}/{agency})</p>"  # unmarked: found by its credit, as in plain text


_WRAPPERS = ("", "div", "section", "span", "div class='article-body'", "font")
_INLINE = ("b", "em", "i", "strong", "a href='https://example.org/x'")


@st.composite
def html_pages(draw: st.DrawFn) -> tuple[str, Planted]:
    """A news page: head and meta, navigation and asides, an article of paragraphs with figures
    in the forms pages mark them up, inline markup, scripts and styles whose text is hidden."""
    title = draw(sentences).rstrip(".!?;…")
    head = f"<title>{title} | Example News</title>" if draw(st.booleans()) else ""
    if draw(st.booleans()):
        head += f'<meta property="og:title" content="{title}"><meta name="author" content="{draw(st.sampled_from(_PEOPLE))}">'
    secret = "Zqxvw" + str(draw(st.integers(0, 999)))
    style = f"<style>.{secret} {{ color: red }}</style>" if draw(st.booleans()) else ""
    body = draw(st.lists(paragraphs(), min_size=1, max_size=8))
    parts: list[str] = [f"<h1>{title}</h1>"] if draw(st.booleans()) else []
    caps: list[str] = []
    credits: list[str] = []
    slots = draw(st.lists(st.integers(0, len(body)), max_size=3))
    for i in range(len(body) + 1):
        for _ in range(slots.count(i)):
            cap, who, agency = draw(captions())
            form = draw(st.integers(0, 4))
            parts.append(_html_figure(form, cap, who, agency))
            caps.append(cap)
            credits += [agency] if form == 2 else [who, agency]
        if i == len(body):
            break
        text = body[i]
        if draw(st.integers(0, 3)) == 0:
            words = text.split(" ")
            at = draw(st.integers(0, len(words) - 1))
            tag = draw(st.sampled_from(_INLINE))
            words[at] = f"<{tag}>{words[at]}</{tag.split()[0]}>"
            text = " ".join(words)
        closing = "" if draw(st.integers(0, 5)) == 0 else "</p>"
        paragraph = f"<p>{text}{closing}"
        wrap = draw(st.sampled_from(_WRAPPERS))
        if wrap:
            paragraph = f"<{wrap}>{paragraph}</{wrap.split()[0]}>"
        parts.append(paragraph)
    if draw(st.booleans()):
        parts.insert(draw(st.integers(0, len(parts))), f"<script>var {secret} = 'hidden';</script>")
    nav = "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>" if draw(st.booleans()) else ""
    aside = "<aside class='related'><a href='/a'>Other story</a></aside>" if draw(st.booleans()) else ""
    page = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}{style}</head><body>{nav}"
        f"<article>{''.join(parts)}</article>{aside}</body></html>"
    )
    return page, Planted(tuple(caps), tuple(credits), (secret,))


@st.composite
def generated_html_files(draw: st.DrawFn) -> FileInput:
    page, planted = draw(html_pages())
    return FileInput(page.encode("utf-8"), planted, "generated")


# --- JSON records --------------------------------------------------------------------------------
_TITLE_KEYS = ("title", "headline", "Title", "HEADLINE", "name")
_BODY_KEYS = ("text", "body", "content", "articleBody", "Text", "full_text", "maintext")
_EXTRA = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@st.composite
def records(draw: st.DrawFn) -> tuple[dict[str, Any], Planted]:
    """One article record with common field names (in any case), its body a plain-text
    article with captions, and a few other fields of any JSON value."""
    text, planted = draw(text_articles(title_line=False))
    record: dict[str, Any] = {draw(st.sampled_from(_BODY_KEYS)): text}
    if draw(st.booleans()):
        record[draw(st.sampled_from(_TITLE_KEYS))] = draw(sentences)
    if draw(st.booleans()):
        record["url"] = draw(st.sampled_from(("https://example.org/news/ferry-runs-late", "not a url", "")))
    if draw(st.booleans()):
        record["date"] = draw(
            st.sampled_from(("2025-02-03", "3 February 2025", "yesterday", "", "9999-99-99"))
        )
    if draw(st.booleans()):
        record["author"] = draw(
            st.sampled_from((_PEOPLE[0], list(_PEOPLE[:3]), {"name": _PEOPLE[1]}, [{"name": _PEOPLE[2]}], 7))
        )
    record.update(
        draw(st.dictionaries(st.sampled_from(("source", "summary", "tags", "x")), _EXTRA, max_size=2))
    )
    return record, planted


@st.composite
def generated_json_files(draw: st.DrawFn) -> FileInput:
    items = draw(st.lists(records(), min_size=1, max_size=4))
    planted = Planted(
        tuple(c for _, p in items for c in p.captions), tuple(c for _, p in items for c in p.credits)
    )
    shape = draw(st.integers(0, 2))
    value: Any = items[0][0] if shape == 0 else [r for r, _ in items]
    if shape == 2:
        value = {"articles": value}
    text = json.dumps(value, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from((None, 2))))
    return FileInput(draw(encoded(text)), planted, "generated")


@st.composite
def generated_jsonl_files(draw: st.DrawFn) -> FileInput:
    items = draw(st.lists(records(), min_size=1, max_size=5))
    lines = [json.dumps(r, ensure_ascii=draw(st.booleans())) for r, _ in items]
    for _ in range(draw(st.integers(0, 2))):  # bad lines and blank lines among the good ones
        lines.insert(
            draw(st.integers(0, len(lines))), draw(st.sampled_from(("", "{", "[1, 2]", '"x"', "  ")))
        )
    end = draw(st.sampled_from(("\n", "\r\n")))
    data = end.join(lines).encode("utf-8") + (end.encode() if draw(st.booleans()) else b"")
    if draw(st.integers(0, 5)) == 0:
        data = codecs.BOM_UTF8 + data
    planted = Planted(
        tuple(c for _, p in items for c in p.captions), tuple(c for _, p in items for c in p.credits)
    )
    return FileInput(data, planted, "generated")


# --- mutations -------------------------------------------------------------------------------------
# fmt: off
TEXT_TOKENS = (
    "\n", "\n\n", "\r", "\r\n", "\t", "   ", "\u00a0", "\u2028", "\u2029", "\ufeff", "\x00", "\x1b",
    '"', "“", "”", "‘", "’", "«", "»", "„", "(", ")", "[", "]", "(photo credit: ", "Photo: ",
    "/Reuters)", "(Leo Anwar/Harbour Wire)", "Open this photo in gallery:", "By ", "Published: ",
    "contributed to this report.", "Advertisement", "READ MORE: ", ", she said.", " said ", "Mr ",
    "—", "…", "http://", ":", "/", "-\n", "\u200b", "\u00ad", "日本語", "العربية",
)
HTML_TOKENS = (
    "<p>", "</p>", "<div>", "</div>", "<figure>", "</figure>", "<figcaption>", "</figcaption>",
    "<table><tr><td>", "</td></tr></table>", "<tr>", "<td>", "<br>", "<br><br>", "<script>",
    "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<noscript>", "<template>",
    '<div class="caption">', '<span class="credit">', '<div class="article-body">',
    '<div style="display:none">', "<article>", "</article>", "<main>", "<h1>", "<h2>", "<li>",
    "<ul>", "<blockquote>", "<a href='javascript:x'>", "</a>", "<img src=x>", "&amp;", "&#0;",
    "&#xD800;", "&#1114112;", "&", "<", ">", '"', "'", '<meta charset="utf-16">',
    '<meta charset="bogus">', '<?xml version="1.0" encoding="cp037"?>',
    '<script type="application/ld+json">{"@type":"NewsArticle","headline":', '<base href="x">',
    "<svg>", "<math>", "<html>", "<head>", "<body>", "<title>", "</title>", "<form>", "<header>",
    "<h1>Title</h1>", '<script type="text/template">', "</template>", "\x00",
    "https://example.org/news/ferry", "story.html", '<?xml version="1.0"?><rss>',
)
JSON_TOKENS = (
    "{", "}", "[", "]", ",", ":", '"', "\\", "\\u0000", "\\ud800", "\\udfff", "null", "true",
    "1e999", "-0", '"text":', '"title":', '"body":', '"articles":', '"url":', '"date":', '"author":',
    "\n", "\r\n", "NaN", "Infinity", "[[[[[[[[", "]]]]]]]]", '{"a":{"a":{"a":', "\ufeff", "\x00",
)
# fmt: on
_BAD_BYTES = (
    b"\xff",
    b"\xfe",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\xef\xbb\xbf",
    b"\x00",
    b"\x80\x80",
    b"\xf4\x90\x80\x80",
)
#: Mutations may grow an input to about this size (repeats of a slice make long runs).
MAX_MUTATED_BYTES = 200_000


@st.composite
def mutated(draw: st.DrawFn, seeds: Sequence[bytes], tokens: Sequence[str]) -> bytes:
    """One of ``seeds`` with one to six random edits."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.integers(0, 9))
        at = draw(st.integers(0, len(data)))
        if op <= 2:
            data[at:at] = draw(st.sampled_from(tokens)).encode("utf-8")
        elif op == 3:
            data[at:at] = draw(st.sampled_from(_BAD_BYTES) | st.binary(min_size=1, max_size=6))
        elif op == 4:
            del data[at : at + draw(st.integers(1, 64))]
        elif op == 5:  # a slice copied elsewhere
            start = draw(st.integers(0, len(data)))
            piece = bytes(data[start : start + draw(st.integers(1, 300))])
            to = draw(st.integers(0, len(data)))
            data[to:to] = piece
        elif op == 6:  # a slice repeated many times: long runs, deep nesting
            run = bytes(data[at : at + draw(st.integers(1, 40))]) or b"<"
            times = draw(st.integers(2, max(2, min(3000, MAX_MUTATED_BYTES // len(run)))))
            data[at:at] = run * times
        elif op == 7:  # spliced in from another file
            other = draw(st.sampled_from(seeds))
            start = draw(st.integers(0, len(other)))
            data[at:at] = other[start : start + draw(st.integers(1, 500))]
        elif op == 8:  # cut short
            del data[max(at, 1) :]
        elif data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        if len(data) > MAX_MUTATED_BYTES:
            del data[MAX_MUTATED_BYTES:]
    return bytes(data)


def seed_files(folders: Sequence[Path], suffixes: Sequence[str], limit: int = 400) -> list[bytes]:
    """The bytes of the files with these suffixes under ``folders`` (small ones, at most ``limit``)."""
    found: list[bytes] = []
    for folder in folders:
        paths = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
        for path in paths:
            if path.suffix.lower() in suffixes and path.stat().st_size <= MAX_MUTATED_BYTES:
                found.append(path.read_bytes())
                if len(found) >= limit:
                    return found
    return found


# --- random ----------------------------------------------------------------------------------------
def random_bytes(tokens: Sequence[str]) -> st.SearchStrategy[bytes]:
    """Bytes of no structure, text of any characters, and the format's tokens strung together."""
    return st.one_of(
        st.binary(max_size=600),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(st.sampled_from(tokens) | st.text(max_size=12), max_size=80).map(
            lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
        ),
    )


# --- deep and huge ------------------------------------------------------------------------------------
# fmt: off
DEEP_TAGS = (
    "div", "span", "b", "p", "li", "ul", "table", "tr", "td", "blockquote", "figure", "figcaption",
    "a href='x'", "h2", "section", "article", "font", "dl", "dd", "header", "form", "main",
    "div class='caption'", "span class='credit'", "div class='share'", "div class='article-body'",
    "div style='display:none'", "noscript", "template", "svg", "pre", "center", "em",
)
# fmt: on
#: The prose a deep page may hold: whatever the depth, it must be read.
DEEP_PROSE = "The ferry promised the harbour a timetable again, and the council approved the budget."
_FILLERS = (
    "",
    "deep text",
    DEEP_PROSE,
    "A heron waits at Brennick on Tuesday. (Leo Anwar/Harbour Wire)",
    "<a href='/x'>Home</a> <a href='/y'>News</a>",
    "<img src='p.jpg'>",
    "“We will not stop,” said Dana Holt.",
)


@dataclass(frozen=True, slots=True)
class DeepShape:
    """A chain of tags repeated ``depth`` times, text at the bottom, on every level or beside it."""

    chain: tuple[str, ...]
    depth: int
    closed: bool
    filler: str
    where: str  # "bottom", "each" or "beside"
    extra: dict[str, Any] = field(default_factory=dict)

    def page(self) -> str:
        opener = "".join(f"<{t}>" for t in self.chain)
        closer = "".join(f"</{t.split()[0]}>" for t in reversed(self.chain)) if self.closed else ""
        if self.where == "each":
            inner = (opener + self.filler) * self.depth + closer * self.depth
        elif self.where == "beside":
            inner = (opener + self.filler + closer + opener) * self.depth + closer * self.depth
        else:
            inner = opener * self.depth + self.filler + closer * self.depth
        return f"<html><body>{inner}</body></html>"


@st.composite
def deep_page(draw: st.DrawFn, max_tags: int) -> DeepShape:
    """A deep shape of at most about ``max_tags`` tags (counted as the reader counts them, by
    "<"), often right at that limit."""
    chain = tuple(draw(st.lists(st.sampled_from(DEEP_TAGS), min_size=1, max_size=3)))
    closed = draw(st.booleans())
    where = draw(st.sampled_from(("bottom", "each", "beside")))
    per_level = len(chain) * (1 + closed) * (2 if where == "beside" else 1)
    most = max(1, max_tags // per_level)
    depth = draw(st.integers(1, most) | st.sampled_from((most, most // 2 or 1, min(most, 20_000))))
    return DeepShape(chain, depth, closed, draw(st.sampled_from(_FILLERS)), where)


@st.composite
def deep_json(draw: st.DrawFn, max_depth: int) -> bytes:
    """JSON nested ``depth`` levels: arrays, objects, or an article record holding such a value."""
    depth = draw(st.integers(1, max_depth) | st.sampled_from((max_depth, 20_000, 990)))
    kind = draw(st.integers(0, 2))
    if kind == 0:
        value = "[" * depth + "]" * depth
    elif kind == 1:
        value = '{"a":' * depth + "1" + "}" * depth
    else:
        nested = "[" * depth + '"Dana Holt"' + "]" * depth
        value = f'{{"title": "Deep", "text": "The ferry ran late again.", "author": {nested}}}'
    return value.encode("utf-8")


@st.composite
def deep_brackets(draw: st.DrawFn, max_depth: int) -> str:
    """A line of nested brackets or quotation marks, for the caption and quote rules."""
    depth = draw(st.integers(1, max_depth))
    open_, close = draw(
        st.sampled_from((("(", ")"), ("[", "]"), ("“", "”"), ("‘", "’"), ('"', '"'), ("«", "»")))
    )
    text = draw(st.sampled_from(("", "A heron waits. ", "Leo Anwar/Harbour Wire", "we will not stop")))
    return "A caption. " + open_ * depth + text + close * depth


@dataclass(frozen=True, slots=True)
class HugeShape:
    """A file of about ``size`` bytes in one of the shapes that cost the readers most."""

    kind: str
    size: int

    @property
    def suffix(self) -> str:
        return {"text": ".txt", "json": ".json", "jsonl": ".jsonl"}.get(self.kind.split("-")[0], ".html")

    def data(self) -> bytes:
        build = _HUGE_SHAPES.get(self.kind)
        if build is None:
            raise ValueError(self.kind)
        return build(self.size)


_PROSE = "The ferry promised the harbour a timetable again, and the council approved the budget. "

#: How each huge shape is built for about ``n`` bytes.
_HUGE_SHAPES: dict[str, Callable[[int], bytes]] = {
    "html-prose": lambda n: (
        "<html><body><article>" + f"<p>{_PROSE * 3}</p>" * (n // (len(_PROSE) * 3 + 7))
    ).encode(),
    "html-one-paragraph": lambda n: (
        "<html><body><p>" + _PROSE * (n // len(_PROSE)) + "</p></body></html>"
    ).encode(),
    "html-one-word": lambda n: b"<html><body><p>" + b"x" * n + b"</p></body></html>",
    "html-inline-image": lambda n: (
        b"<html><body><p>" + _PROSE.encode() + b'</p><img src="data:image/png;base64,' + b"A" * n + b'">'
    ),
    "html-tags": lambda n: b"<html><body><p>" + _PROSE.encode() + b"</p>" + b"<i>x</i>" * (n // 8),
    "text-lines": lambda n: (_PROSE + "\n\n").encode() * (n // (len(_PROSE) + 2)),
    "text-one-line": lambda n: _PROSE.encode() * (n // len(_PROSE)),
    "json-body": lambda n: json.dumps(
        {"title": "Huge", "text": (_PROSE + "\n\n") * (n // (len(_PROSE) + 2))}
    ).encode(),
}
HUGE_KINDS = tuple(_HUGE_SHAPES)


# --- web archives ----------------------------------------------------------------------------------
# Written by hand (the WARC 1.0 framing is a few header lines), so the harness needs no archive
# library; used once the readers know the "warc" format.
def warc_record(kind: str, uri: str | None, block: bytes, content_type: str, number: int) -> bytes:
    """One WARC record: headers, the block and the two line breaks that end it."""
    head = [
        ("WARC-Type", kind),
        ("WARC-Record-ID", f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>"),
        ("WARC-Date", "2025-02-03T09:30:00Z"),
    ]
    if uri:
        head.append(("WARC-Target-URI", uri))
    head += [("Content-Type", content_type), ("Content-Length", str(len(block)))]
    return (
        ("WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in head) + "\r\n").encode() + block + b"\r\n\r\n"
    )


def _http_response(status: str, content_type: str, body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode("latin-1") + body


@st.composite
def generated_warc_files(draw: st.DrawFn) -> FileInput:
    """A small crawl: crawl information, then for each page a request and its response (an
    image, a redirect or a revisit among them), each record plain or gzipped on its own."""
    records = [warc_record("warcinfo", None, b"software: fuzz\r\n", "application/warc-fields", 0)]
    planted = Planted()
    for n in range(draw(st.integers(1, 3))):
        uri = f"https://news.example.org/story-{n}"
        records.append(
            warc_record(
                "request", uri, b"GET / HTTP/1.1\r\n\r\n", "application/http; msgtype=request", len(records)
            )
        )
        kind = draw(st.integers(0, 5))
        if kind == 0:
            block = _http_response("200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(32))
        elif kind == 1:
            block = _http_response("301 Moved Permanently", "text/html", b"<p>Moved</p>")
        else:
            page, more = draw(html_pages())
            planted = Planted(
                planted.captions + more.captions, planted.credits + more.credits, planted.hidden + more.hidden
            )
            block = _http_response("200 OK", "text/html; charset=utf-8", page.encode("utf-8"))
        records.append(
            warc_record("response", uri, block, "application/http; msgtype=response", len(records))
        )
    if draw(st.booleans()):  # compressed as the standard asks: one gzip member per record
        return FileInput(
            b"".join(gzip.compress(r, mtime=0) for r in records), planted, "generated", ".warc.gz"
        )
    return FileInput(b"".join(records), planted, "generated")


# fmt: off
WARC_TOKENS = (*HTML_TOKENS, "WARC/1.0\r\n", "WARC-Type: response\r\n", "Content-Length: 99999999\r\n", "\r\n\r\n",
               "HTTP/1.1 200 OK\r\n", "Transfer-Encoding: chunked\r\n", "Content-Encoding: gzip\r\n", "\x1f\x8b")
# fmt: on
