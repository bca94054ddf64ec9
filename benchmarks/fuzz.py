"""Fuzzing: ``python -m viewer fuzz TARGET --examples N [--seconds S] [--seed K]``.

hypothesis draws inputs for each target (see :mod:`benchmarks.fuzz_inputs`: generated
articles and pages with planted captions, real files with random edits, random bytes, deep and
huge shapes) and every input is checked against the invariants:

- no exception escapes (a reader answers with an article or a failure with a message), and no
  warning either (the test suite makes warnings errors; ``extract`` would print them);
- every quote span lies inside its paragraph and its text is the text there (cue and speaker
  mention too);
- no planted caption, credit or script text stays in the body;
- reading again gives the same result (the quote finder's caches emptied in between);
- the time of one input stays under the target's bound (processor time, so that other work on
  the machine does not count), and the process's memory stays under :data:`MEMORY_BOUND_MB`:
  the peak resident size (``getrusage``'s ``ru_maxrss``) is read after every input, and the
  largest rise one input caused above the resident size before it is reported.

Targets: ``text``, ``html``, ``json``, ``jsonl`` (the readers, through the same entry point
the extractor and the window use), ``captions`` (the caption splitter), ``quotes`` (the quote
finder on the rule path, no parser), ``search`` (the search syntax, run against a real store),
``cite`` (the citation formats and user templates), ``deep`` (pages and JSON nested up to the
readers' limits) and ``huge`` (files near and over the size limits). A file format the readers
know that has no generator here (web archives, once they land) gets a target of its own
fuzzed from mutated seed files of its suffix. ``all`` runs every target, the examples shared
by each target's weight.

A failure is shrunk by hypothesis to a small input, printed, and saved under ``--out`` (the
file itself for a reader); a slow input is saved without shrinking. The exit status is 1 when
anything was found. ``--corpus DIR`` adds the files under DIR to the seeds at run time (for
example the evaluation pages); nothing from it is written anywhere but ``--out``.
"""

from __future__ import annotations

import argparse
import html.parser
import json
import os
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as seeded
from hypothesis import strategies as st

from benchmarks import fuzz_inputs as inputs
from viewer.core import captions
from viewer.core.model import Article, Format, Quote, ReadFailure, Span

#: The peak resident memory of the whole fuzzing process may not pass this.
MEMORY_BOUND_MB = 1500
#: How many examples hypothesis draws in one go (one seed); a long run is many such chunks,
#: so the engine's memory of what it drew stays small.
CHUNK = 2000
#: Slow inputs saved per target (they are not shrunk: each one costs its time again).
MAX_SLOW_SAVED = 5
#: Failures found per target before it stops (the same fault is often found again).
MAX_FAILURES = 3
#: An input still running after this many times its target's bound (processor time) is
#: stopped and reported as a hang.
HANG_FACTOR = 10
SEEDS_DIR = Path(__file__).resolve().parents[1] / "seeds"


class Broken(AssertionError):
    """An invariant that does not hold."""


class _Hang(BaseException):
    """Raised by the timer in an input that ran far over its bound. A BaseException, so that
    no ``except Exception`` in the code under test swallows it; hypothesis lets it through."""


def _stop_hanging(_signum: int, _frame: object) -> None:
    raise _Hang


class _Watchdog:
    """A processor-time alarm (``ITIMER_PROF``) where the platform has one."""

    def __init__(self) -> None:
        self.able = hasattr(signal, "setitimer") and hasattr(signal, "SIGPROF")
        if self.able:
            signal.signal(signal.SIGPROF, _stop_hanging)

    def arm(self, seconds: float) -> None:
        if self.able:
            signal.setitimer(signal.ITIMER_PROF, seconds)

    def disarm(self) -> None:
        if self.able:
            signal.setitimer(signal.ITIMER_PROF, 0)


def expect(condition: object, message: str) -> None:
    if not condition:
        raise Broken(message)


# --- what every target shares -------------------------------------------------------------------
@dataclass
class Context:
    """What targets need once per run: a scratch folder, the seed files, a store to search."""

    folder: Path
    seed_folders: list[Path]
    _store: Any = None

    def seeds(self, suffixes: Sequence[str]) -> list[bytes]:
        return inputs.seed_files(self.seed_folders, suffixes)

    def store(self) -> Any:
        if self._store is None:
            self._store = _search_store(self.folder / "search")
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


@dataclass(frozen=True)
class Target:
    name: str
    about: str
    inputs: Callable[[Context], st.SearchStrategy[Any]]
    run: Callable[[Context, Any], Any]
    verify: Callable[[Context, Any, Any], None]
    #: Processor seconds one input may take.
    bound: float
    #: Share of an ``all`` run's examples.
    weight: float
    #: Called between the first and the second run of an input (caches emptied).
    reset: Callable[[], None] | None = None


# --- readers ------------------------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _clean(text: str | None, what: str) -> None:
    if text is None:
        return
    bad = _CONTROL.search(text)
    expect(bad is None, f"{what} holds the control character {bad.group() if bad else ''!r}: {text[:80]!r}")


def check_article(article: Article, planted: inputs.Planted | None = None) -> None:
    """What every article a reader gives must satisfy, whatever the input."""
    expect(article.title.strip(), "an article without a title")
    for name in ("title", "standfirst", "byline", "date", "source", "url", "contributors"):
        _clean(getattr(article, name), name)
    for i, paragraph in enumerate(article.paragraphs):
        _clean(paragraph, f"paragraph {i}")
        expect(paragraph.strip(), f"paragraph {i} is empty")
    expect(
        not article.paragraph_kinds or len(article.paragraph_kinds) == len(article.paragraphs),
        "paragraph kinds out of step with the paragraphs",
    )
    for figure in article.figures:
        _clean(figure.caption, "a caption")
        _clean(figure.credit, "a credit")
        expect(figure.caption or figure.credit, "a figure with neither caption nor credit")
        expect(
            -1 <= figure.after_paragraph < max(1, len(article.paragraphs)), f"figure out of place: {figure}"
        )
    json.dumps(article.to_json(), ensure_ascii=False).encode("utf-8")  # what extract writes
    if planted is None:
        return
    body = [captions.caption_key(p) for p in article.paragraphs]
    for caption in planted.captions:
        key = captions.caption_key(caption)
        expect(not any(key in p for p in body), f"the caption {caption!r} stayed in the body")
    for credit in planted.credits:
        expect(not any(credit in p for p in article.paragraphs), f"the credit {credit!r} stayed in the body")
    shown = [article.title, article.standfirst or "", *article.paragraphs]
    for hidden in planted.hidden:
        expect(not any(hidden in t for t in shown), f"script or style text {hidden!r} was shown")


def _read(ctx: Context, fmt: Format, suffix: str, value: inputs.FileInput) -> list[Article | ReadFailure]:
    from viewer.core.readers import FoundFile, read_file

    path = ctx.folder / f"input{value.suffix or suffix}"
    path.write_bytes(value.data)
    return read_file(FoundFile(path, ctx.folder, fmt))


def _verify_read(_ctx: Context, value: inputs.FileInput, items: list[Article | ReadFailure]) -> None:
    expect(items, "no article and no failure")
    records = []
    for item in items:
        if isinstance(item, ReadFailure):
            expect(item.message.strip(), "a failure without a message")
            _clean(item.message, "a failure's message")
        else:
            expect(isinstance(item, Article), f"neither an article nor a failure: {item!r}")
            check_article(item, value.planted)
        records.append(item.record)
    numbered = [r for r in records if r is not None]
    expect(numbered == sorted(set(numbered)), f"records out of order or repeated: {records}")


def _reader_target(
    name: str,
    fmt: Format,
    suffix: str,
    *,
    generated: st.SearchStrategy[inputs.FileInput] | None,
    tokens: Sequence[str],
    weight: float,
    bound: float,
) -> Target:
    def strategy(ctx: Context) -> st.SearchStrategy[inputs.FileInput]:
        seeds = ctx.seeds([suffix] if suffix != ".json" else [".json", ".jsonl"])
        if fmt == "json":  # a corpus's records are JSON files too
            seeds = [line for s in seeds for line in s.splitlines() if line.strip()] + seeds
        parts: list[st.SearchStrategy[inputs.FileInput]] = []
        if generated is not None:
            parts.append(generated)
            seeds = [*seeds, *_examples_of(generated, 12)]
        if seeds:
            parts.append(inputs.mutated(seeds, tokens).map(lambda d: inputs.FileInput(d, None, "mutated")))
        parts.append(inputs.random_bytes(tokens).map(lambda d: inputs.FileInput(d, None, "random")))
        if fmt == "html":
            parts.append(
                inputs.deep_page(12_000).map(lambda s: inputs.FileInput(s.page().encode(), None, "deep"))
            )
        if fmt in ("json", "jsonl"):
            parts.append(inputs.deep_json(3000).map(lambda d: inputs.FileInput(d, None, "deep")))
        return st.one_of(*parts)

    return Target(
        name,
        f"the {name} reader (read_file, as extract and the window read)",
        strategy,
        lambda ctx, value: _read(ctx, fmt, suffix, value),
        _verify_read,
        bound,
        weight,
    )


def _examples_of(strategy: st.SearchStrategy[inputs.FileInput], count: int) -> list[bytes]:
    """A few generated files to mutate, drawn once per run (always the same ones)."""
    found: list[bytes] = []

    @settings(
        max_examples=count, database=None, phases=(Phase.generate,), suppress_health_check=list(HealthCheck)
    )
    @seeded(count)
    @given(strategy)
    def draw(value: inputs.FileInput) -> None:
        found.append(value.data)

    draw()
    return found


# --- the caption splitter ------------------------------------------------------------------------
@dataclass(frozen=True)
class CaptionLine:
    line: str
    #: (caption, credit) the splitter must give, when the line was made by a known form.
    expected: tuple[tuple[str, str], ...] | None = None


@st.composite
def _caption_lines(draw: st.DrawFn) -> CaptionLine:
    cap, who, agency = draw(inputs.captions())
    form = draw(st.integers(0, 3))
    if form == 0:
        return CaptionLine(f"{cap} (photo credit: {who}/{agency})", ((cap, f"{who}/{agency}"),))
    if form == 1:
        return CaptionLine(f"{cap} ({who}/{agency})", ((cap, f"{who}/{agency}"),))
    if form == 2:
        return CaptionLine(f"{cap} Photo: {who}/{agency}", ((cap, f"{who}/{agency}"),))
    cap2, who2, agency2 = draw(inputs.captions())
    return CaptionLine(
        f"{cap} ({who}/{agency}) {cap2} ({who2}/{agency2})",
        ((cap, f"{who}/{agency}"), (cap2, f"{who2}/{agency2}")),
    )


_CAPTION_ALPHABET = st.sampled_from(list("()[]/:.,-–— \"“”'’abcdehilmnoprstuyACDGILMPRS0123456789©|\t\u00a0"))


def _captions_inputs(ctx: Context) -> st.SearchStrategy[CaptionLine]:
    seeds = [line for data in ctx.seeds([".txt"]) for line in data.splitlines() if line.strip()]
    return st.one_of(
        _caption_lines(),
        st.text(_CAPTION_ALPHABET, max_size=160).map(CaptionLine),
        st.text(max_size=200).map(CaptionLine),
        inputs.mutated(seeds, inputs.TEXT_TOKENS).map(lambda d: CaptionLine(d.decode("utf-8", "replace"))),
        inputs.deep_brackets(5000).map(CaptionLine),
    )


def _run_captions(_ctx: Context, value: CaptionLine) -> dict[str, Any]:
    line = value.line
    return {
        "credit": captions.parse_credit(line),
        "split": captions.split_caption_credit(line),
        "run": captions.split_caption_run(line),
        "standalone": captions.standalone_credit(line),
        "furniture": captions.is_furniture(line),
        "marker": captions.strip_leading_marker(line),
        "clean": captions.clean_caption(line),
        "key": captions.caption_key(line),
        "beyond": captions.beyond_caption_rules(" ".join(line.split())) if line.strip() else None,
    }


def _verify_captions(_ctx: Context, value: CaptionLine, out: dict[str, Any]) -> None:
    line = value.line
    key = captions.caption_key(line)
    pieces = [out["split"]] if out["split"] is not None else []
    pieces += out["run"] or []
    for piece in pieces:
        expect(piece.credit, f"a split without a credit: {piece}")
        expect(
            captions.caption_key(piece.caption) in key and captions.caption_key(piece.credit) in key,
            f"a split whose words are not the line's: {piece}",
        )
    if out["beyond"]:
        flat = " ".join(line.split())
        expect(
            not captions.is_furniture(flat)
            and captions.split_caption_run(flat) is None
            and captions.split_caption_credit(flat) is None
            and captions.standalone_credit(flat) is None
            and captions.strip_leading_marker(flat) is None,
            "beyond_caption_rules skipped a line a rule takes",
        )
    if value.expected is not None:
        got = (
            [(c.caption, c.credit) for c in out["run"]]
            if len(value.expected) > 1
            else [(out["split"].caption, out["split"].credit)]
            if out["split"]
            else []
        )
        expect(got == list(value.expected), f"the caption and credit were not split: {got}")


# --- the quote finder (rule path) -----------------------------------------------------------------
_QUOTE_ALPHABET = st.sampled_from(list("\"'“”‘’«»„‹› .,:;!?—-()abcdeghilnorstuyABCDHKLMS0123456789\n\t"))


def _quotes_inputs(ctx: Context) -> st.SearchStrategy[tuple[str, ...]]:
    from viewer.core.readers.text import parse_plain

    seeds = [
        "\n\n".join(parse_plain(data.decode("utf-8", "replace")).paragraphs).encode("utf-8")
        for data in ctx.seeds([".txt"])
    ]
    split = lambda d: tuple(p for p in d.decode("utf-8", "replace").split("\n\n") if p)  # noqa: E731
    return st.one_of(
        st.lists(st.text(_QUOTE_ALPHABET, max_size=200), max_size=6).map(tuple),
        st.lists(inputs.paragraphs(), min_size=1, max_size=8).map(tuple),
        inputs.mutated(seeds, inputs.TEXT_TOKENS).map(split),
        st.lists(inputs.deep_brackets(2000), min_size=1, max_size=2).map(tuple),
    )


def _run_quotes(_ctx: Context, paragraphs: tuple[str, ...]) -> tuple[tuple[Quote, ...], tuple[Quote, ...]]:
    from viewer.core.quotes import find_quotes

    article = Article(path="fuzz.txt", format="text", title="Fuzz", paragraphs=paragraphs)
    return find_quotes(article), find_quotes(article, with_terms=True)


def _inside(span: Span, paragraphs: tuple[str, ...], what: str) -> str:
    expect(
        0 <= span.paragraph < len(paragraphs), f"{what} in paragraph {span.paragraph} of {len(paragraphs)}"
    )
    text = paragraphs[span.paragraph]
    expect(0 <= span.start < span.end <= len(text), f"{what} {span} outside its paragraph of {len(text)}")
    return text[span.start : span.end]


def check_quotes(quotes: Sequence[Quote], paragraphs: tuple[str, ...]) -> None:
    """Spans inside their paragraphs, texts matching, kinds known, speakers not pronouns."""
    from viewer.core.quotes.names import PRONOUNS

    for quote in quotes:
        expect(quote.spans, f"a quote without spans: {quote}")
        parts = [_inside(span, paragraphs, "a quote span") for span in quote.spans]
        expect(quote.text == " ".join(parts), f"quote text {quote.text!r} is not its spans' {parts!r}")
        expect(all(p == p.strip() for p in parts), f"a span with white space at an edge: {parts!r}")
        expect(quote.kind in ("direct", "mixed", "indirect", "term"), f"unknown kind {quote.kind}")
        if quote.speaker is not None:
            expect(
                quote.speaker.strip() and quote.speaker.lower() not in PRONOUNS, f"speaker {quote.speaker!r}"
            )
        if quote.cue_span is not None:
            _inside(quote.cue_span, paragraphs, "a cue span")
        mention = quote.speaker_mention
        if mention is not None:
            where = Span(mention.paragraph, mention.start, mention.end)
            expect(_inside(where, paragraphs, "a speaker mention") == mention.text, f"mention {mention}")


def _verify_quotes(_ctx: Context, paragraphs: tuple[str, ...], out: tuple[tuple[Quote, ...], ...]) -> None:
    plain, with_terms = out
    check_quotes(with_terms, paragraphs)
    check_quotes(plain, paragraphs)
    expect([q for q in with_terms if q.is_statement] == list(plain), "terms changed the other quotes")


def _clear_quote_caches() -> None:
    from viewer.core.quotes import clear_caches

    clear_caches()


# --- search syntax --------------------------------------------------------------------------------
_SEARCH_SYNTAX = st.sampled_from(
    [
        '"',
        ":",
        "speaker:",
        "entity:",
        "quote:",
        "text:",
        "http:",
        "*",
        "-",
        "(",
        ")",
        "^",
        "NEAR",
        "AND",
        "OR",
        "NOT",
        " ",
        "ferry",
        "Holt",
        "é",
        "ß",
        "日本",
        "🙂",
        "\\",
        "%",
        "''",
        "\x00",
        "\u200b",
        "+",
        "{",
        "}",
    ]
)


def _search_store(folder: Path) -> Any:
    """A real store of one analysed article, so both full-text tables have rows to match."""
    from viewer.core.corpus.store import open_store
    from viewer.core.corpus.sync import sync
    from viewer.core.model import AnalysedArticle

    news = folder / "news"
    news.mkdir(parents=True, exist_ok=True)
    (news / "ferry.txt").write_text("Ferry late again\n\n“We worked all night,” said Dana Holt.\n", "utf-8")
    db = folder / "store" / "corpus.sqlite3"
    for _ in sync([news], db, folder / "session" / "corpus.sqlite3"):
        pass
    store = open_store(db)
    [article_id] = store.ids()
    article = store.item(article_id)
    assert isinstance(article, Article)
    quote = Quote("We worked all night,", "Dana Holt", "said", (Span(0, 1, 21),))
    store.put_analysis(article_id, AnalysedArticle(article, (quote,), ()))
    return store


def _search_inputs(_ctx: Context) -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=60),
        st.lists(_SEARCH_SYNTAX, max_size=16).map("".join),
        st.text(st.characters(codec="utf-8"), max_size=40),
    )


def _run_search(ctx: Context, text: str) -> tuple[Any, list[list[int]]]:
    from viewer.core.corpus.search import parse_query

    query = parse_query(text)
    store = ctx.store()
    return query, [store.ids(text, sort=sort) for sort in ("file", "title", "date")]


def _verify_search(ctx: Context, text: str, out: tuple[Any, list[list[int]]]) -> None:
    query, found = out
    for n, term in enumerate(query.terms):
        expect(term.words and all(re.fullmatch(r"\w+", w) for w in term.words), f"bad words {term.words}")
        expect(not term.prefix or n == len(query.terms) - 1, "a prefix term that is not the last")
    everything = set(ctx.store().ids())
    for ids in found:
        expect(set(ids) <= everything and len(ids) == len(set(ids)), f"search found {ids}")


# --- citations ----------------------------------------------------------------------------------------
_HOSTILE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "a\nb\rc\td",
            "**bold** _x_ [l](u) #h |t|",
            "\x00\x1b\u2028\ufeff",
            "}{",
            "{quote}",
            "&amp; &lt;",
            "javascript:alert(1)",
            "http://x.org/a b)c",
            "https://example.org/a?b=1&c=<2>",
            "🙂" * 5,
        ]
    ),
)
_URLS = st.one_of(
    _HOSTILE, st.sampled_from(["https://example.org/news/a", "http://x", "ftp://x/y", "mailto:a@b", "//x"])
)
_DATES = st.one_of(
    _HOSTILE,
    st.sampled_from(
        ["2025-02-03", "2025-02-03T15:30:00Z", "2025-13", "0000-00-00", "2025", "9999-12-31T99:99"]
    ),
)
_TEMPLATES = st.one_of(
    st.text(st.sampled_from(list("{}quotespakrdilnhg ,—|")), max_size=40),
    st.lists(
        st.sampled_from(
            [
                *(
                    f"{{{f}}}"
                    for f in (
                        "quote",
                        "speaker",
                        "role",
                        "title",
                        "source",
                        "date",
                        "url",
                        "path",
                        "paragraph",
                    )
                ),
                "{{",
                "}}",
                "{",
                "}",
                ", ",
                " — ",
                "{nope}",
                "{ quote }",
                "x",
            ]
        ),
        max_size=10,
    ).map("".join),
)


@st.composite
def _citations(draw: st.DrawFn) -> tuple[Quote, Article, str]:
    paragraphs = tuple(draw(st.lists(_HOSTILE, min_size=0, max_size=3)))
    spans = tuple(
        Span(draw(st.integers(-1, 3)), a, a + draw(st.integers(0, 30)))
        for a in draw(st.lists(st.integers(0, 30), min_size=1, max_size=3))
    )
    quote = Quote(
        draw(_HOSTILE),
        draw(st.none() | _HOSTILE),
        draw(st.none() | _HOSTILE),
        spans,
        role=draw(st.none() | _HOSTILE),
        kind=draw(st.sampled_from(("direct", "mixed", "indirect", "term"))),
    )
    article = Article(
        # A file name that is not UTF-8 comes to Python with lone surrogates (os.fsdecode).
        path=draw(_HOSTILE | st.sampled_from(["/news/caf\udce9.txt", "/news/a\nb.txt"])),
        format="text",
        title=draw(_HOSTILE),
        paragraphs=paragraphs,
        record=draw(st.none() | st.integers(-1, 10**12)),
        byline=draw(st.none() | _HOSTILE),
        date=draw(st.none() | _DATES),
        source=draw(st.none() | _HOSTILE),
        url=draw(st.none() | _URLS),
    )
    return quote, article, draw(_TEMPLATES)


def _run_cite(_ctx: Context, value: tuple[Quote, Article, str]) -> dict[str, Any]:
    from viewer.core import cite

    quote, article, template = value
    out: dict[str, Any] = {
        fmt: cite.cite(quote, article, fmt) for fmt in ("plain", "markdown", "html", "csl-json")
    }
    try:
        out["template"] = cite.cite_template(quote, article, template)
    except cite.TemplateError as err:
        expect(str(err), "a template error without a message")
        out["template"] = ("error", str(err))
    return out


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _verify_cite(_ctx: Context, value: tuple[Quote, Article, str], out: dict[str, Any]) -> None:
    from viewer.core.cite import HTML_CLASSES, kind_label, quote_words

    quote, article, _ = value
    words = quote_words(quote, article)
    expect(
        not re.search(r"[\x00-\x1f\x7f\ud800-\udfff]", words), f"control characters in the quote: {words!r}"
    )
    expect("\n" not in out["plain"], "a plain citation over several lines")
    if quote.is_verbatim:
        expect(out["markdown"].count("\n") == 2, "a Markdown citation with lines of the article's making")
        first = out["markdown"].split("\n")[0][3:-1]
    else:
        # Reported or partly quoted: one paragraph that says so, never a block quote or our marks.
        label = f"**{kind_label(quote)}** ("
        expect(out["markdown"].count("\n") == 0, "a Markdown citation with lines of the article's making")
        expect(out["markdown"].startswith(label), f"a {quote.kind} statement cited without its kind")
        expect(
            out["plain"].startswith(f"{kind_label(quote)}: "), f"a {quote.kind} statement cited as a quote"
        )
        expect("<blockquote" not in out["html"], f"a {quote.kind} statement in a <blockquote>")
        before_dash = out["markdown"].split(" — ")[0]
        first = before_dash[len(label) :]
    expect(not re.search(r"(?<!\\)[<>`*_\[\]#|]", first), "unescaped Markdown")
    parser = _Tags()
    parser.feed(out["html"])
    for tag, attrs in parser.tags:
        expect(tag in ("blockquote", "p", "footer", "strong", "cite", "a"), f"a <{tag}> in the HTML citation")
        for name, attr in attrs:
            expect(
                (name in ("href", "cite") and (attr or "").startswith(("http://", "https://")))
                or (name == "class" and attr in HTML_CLASSES.values()),
                f"{name}={attr!r}",
            )
    [item] = json.loads(out["csl-json"])
    expect(item["id"].startswith("quote-") and item["type"] == "article-newspaper", f"CSL item {item}")
    for text in out.values():
        if isinstance(text, str):
            text.encode("utf-8")  # what the clipboard takes


# --- deep and huge --------------------------------------------------------------------------------
@dataclass(frozen=True)
class DeepInput:
    kind: str  # "html", "json" or "jsonl"
    data: bytes
    shape: Any = None

    def __repr__(self) -> str:
        return f"DeepInput({self.kind!r}, shape={self.shape!r}, {len(self.data)} bytes)"


def _deep_inputs(_ctx: Context) -> st.SearchStrategy[DeepInput]:
    from viewer.core.readers.html import MAX_TAGS

    return st.one_of(
        inputs.deep_page(MAX_TAGS + 50).map(lambda s: DeepInput("html", s.page().encode(), s)),
        inputs.deep_json(200_000).map(lambda d: DeepInput("json", d, f"{len(d)} bytes of nesting")),
        inputs.deep_json(200_000).map(lambda d: DeepInput("jsonl", d, f"{len(d)} bytes of nesting")),
    )


def _run_deep(ctx: Context, value: DeepInput) -> list[Article | ReadFailure]:
    return _read(ctx, value.kind, f".{value.kind}", inputs.FileInput(value.data))  # type: ignore[arg-type]


#: Elements that neither hide their text nor make it something other than body text.
_PLAIN_TAGS = frozenset(
    {"div", "span", "b", "p", "li", "ul", "table", "tr", "td", "blockquote", "section", "article"}
    | {"font", "dl", "dd", "main", "pre", "center", "em"}
)


def _verify_deep(ctx: Context, value: DeepInput, items: list[Article | ReadFailure]) -> None:
    """As every reading, and: a page whose only text is a sentence of prose inside plain
    elements, however deep, is read with that sentence in its body."""
    from viewer.core.readers.html import MAX_TAGS

    _verify_read(ctx, inputs.FileInput(b""), items)
    shape = value.shape
    if not isinstance(shape, inputs.DeepShape) or shape.filler != inputs.DEEP_PROSE:
        return
    if not {t.split()[0] for t in shape.chain} <= _PLAIN_TAGS or value.data.count(b"<") > MAX_TAGS:
        return
    key = captions.caption_key(inputs.DEEP_PROSE)
    article = items[0]
    expect(isinstance(article, Article), f"a deep page of prose was refused: {article}")
    assert isinstance(article, Article)
    expect(
        any(key in captions.caption_key(p) for p in article.paragraphs),
        f"the prose of a page {shape.depth:,} levels deep was not read: {article.paragraphs[:3]}",
    )


def _huge_inputs(_ctx: Context) -> st.SearchStrategy[inputs.HugeShape]:
    sizes = st.sampled_from((1_000_000, 8_000_000, 15_900_000, 31_000_000, 50_000_000))
    return st.builds(inputs.HugeShape, st.sampled_from(inputs.HUGE_KINDS), sizes)


def _run_huge(ctx: Context, shape: inputs.HugeShape) -> list[Article | ReadFailure]:
    fmt = {".txt": "text", ".json": "json", ".jsonl": "jsonl"}.get(shape.suffix, "html")
    return _read(ctx, fmt, shape.suffix, inputs.FileInput(shape.data()))  # type: ignore[arg-type]


def _verify_files(ctx: Context, value: Any, items: list[Article | ReadFailure]) -> None:
    _verify_read(ctx, inputs.FileInput(b""), items)


# --- the targets --------------------------------------------------------------------------------------
def targets() -> dict[str, Target]:
    """Every target, in the order ``all`` runs them."""
    from viewer.core.readers import SUFFIXES

    found = [
        _reader_target(
            "text",
            "text",
            ".txt",
            generated=inputs.generated_text_files(),
            tokens=inputs.TEXT_TOKENS,
            weight=0.10,
            bound=2.0,
        ),
        _reader_target(
            "html",
            "html",
            ".html",
            generated=inputs.generated_html_files(),
            tokens=inputs.HTML_TOKENS,
            weight=0.025,
            bound=10.0,
        ),
        _reader_target(
            "json",
            "json",
            ".json",
            generated=inputs.generated_json_files(),
            tokens=inputs.JSON_TOKENS,
            weight=0.05,
            bound=2.0,
        ),
        _reader_target(
            "jsonl",
            "jsonl",
            ".jsonl",
            generated=inputs.generated_jsonl_files(),
            tokens=inputs.JSON_TOKENS,
            weight=0.05,
            bound=2.0,
        ),
        Target(
            "captions",
            "the caption splitter (viewer.core.captions)",
            _captions_inputs,
            _run_captions,
            _verify_captions,
            0.5,
            0.22,
        ),
        Target(
            "quotes",
            "the quote finder on the rule path (find_quotes, no parser)",
            _quotes_inputs,
            _run_quotes,
            _verify_quotes,
            2.0,
            0.14,
            _clear_quote_caches,
        ),
        Target(
            "search",
            "the search syntax (parse_query, and the query run on a real store)",
            _search_inputs,
            _run_search,
            _verify_search,
            0.5,
            0.20,
        ),
        Target(
            "cite",
            "the citation formats and user templates (viewer.core.cite)",
            lambda _c: _citations(),
            _run_cite,
            _verify_cite,
            0.5,
            0.20,
        ),
        Target(
            "deep",
            "pages and JSON nested up to the readers' limits",
            _deep_inputs,
            _run_deep,
            _verify_deep,
            20.0,
            0.0001,
        ),
        Target(
            "huge",
            "files near and over the size limits",
            _huge_inputs,
            _run_huge,
            _verify_files,
            60.0,
            0.00002,
        ),
    ]
    # Formats the readers know beyond these: web archives have a generator here (crawls of
    # generated pages) for when their reader lands; any other is fuzzed from mutated seed files
    # of its suffixes and random bytes.
    known = {"text", "html", "json", "jsonl"}
    for fmt in sorted(set(SUFFIXES.values()) - known):
        suffix = min(s for s, f in SUFFIXES.items() if f == fmt)
        generated: st.SearchStrategy[inputs.FileInput] | None = None
        tokens: Sequence[str] = inputs.TEXT_TOKENS
        if str(fmt) == "warc":  # (a str: the Format of this branch does not name it yet)
            generated, tokens, suffix = inputs.generated_warc_files(), inputs.WARC_TOKENS, ".warc"
        found.append(
            _reader_target(fmt, fmt, suffix, generated=generated, tokens=tokens, weight=0.02, bound=10.0)
        )
    return {t.name: t for t in found}


# --- running ----------------------------------------------------------------------------------------
@dataclass
class Finding:
    target: str
    kind: str  # "failure", "slow", "hang" or "memory"
    message: str
    example: str
    saved: Path | None = None


@dataclass
class Tally:
    """What one target's run did."""

    target: str
    examples: int = 0
    seconds: float = 0.0
    slowest: float = 0.0
    slowest_input: str = ""
    largest_rise_mb: float = 0.0
    findings: list[Finding] = field(default_factory=list)


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return _peak_mb()


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def _brief(value: Any, limit: int = 400) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + f"… ({len(text):,} characters)"


def _save(out: Path, target: str, kind: str, value: Any, n: int) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    data = getattr(value, "data", None)
    if isinstance(value, inputs.HugeShape):
        data = value.data()
    if isinstance(data, bytes):
        suffix = {"text": ".txt", "deep": ".html"}.get(target, f".{target}")
        if isinstance(value, DeepInput):
            suffix = f".{value.kind}"
        path = out / f"{target}-{kind}-{n}{suffix}"
        path.write_bytes(data)
    else:
        path = out / f"{target}-{kind}-{n}.repr"
        path.write_text(repr(value), "utf-8")
    return path


@dataclass
class _Run:
    """One target's run: what checks each input hypothesis draws, and notes what it finds."""

    target: Target
    ctx: Context
    tally: Tally
    out: Path
    bound: float  # seconds of processor time an input may take
    deadline: float  # on the monotonic clock: inputs drawn after it are not run
    failing: list[Any] = field(default_factory=list)  # the input being checked
    watchdog: _Watchdog = field(default_factory=_Watchdog)

    def last_input(self) -> Any:
        return self.failing[0] if self.failing else None

    def note(self, kind: str, message: str, value: Any) -> int:
        """Saves ``value`` and notes what it did; how many findings of this kind there are now."""
        findings = self.tally.findings
        saved = _save(self.out, self.target.name, kind, value, len(findings))
        findings.append(Finding(self.target.name, kind, message, _brief(value), saved))
        return sum(f.kind == kind for f in findings)

    def check(self, value: Any) -> None:
        """Runs one input with the watchdog armed, notes its time and memory, verifies what it
        gave and that running it again gives the same."""
        if time.monotonic() > self.deadline:
            return
        target, tally = self.target, self.tally
        self.failing[:] = [value]
        rss_before, peak_before = _rss_mb(), _peak_mb()
        cpu = time.process_time()
        self.watchdog.arm(self.bound * HANG_FACTOR)
        try:
            result = target.run(self.ctx, value)
        finally:
            self.watchdog.disarm()
        spent = time.process_time() - cpu
        tally.examples += 1
        peak = _peak_mb()
        if peak > peak_before:  # this input took the process to a new peak: by how much
            tally.largest_rise_mb = max(tally.largest_rise_mb, peak - rss_before)
        if spent > tally.slowest:
            tally.slowest, tally.slowest_input = spent, _brief(value, 200)
        if spent > self.bound and sum(f.kind == "slow" for f in tally.findings) < MAX_SLOW_SAVED:
            self.note("slow", f"{spent:.2f} s of processor time (the bound is {self.bound:g} s)", value)
        target.verify(self.ctx, value, result)
        if target.reset is not None:
            target.reset()
        expect(target.run(self.ctx, value) == result, "reading again gave another result")
        self.failing.clear()


def _chunk(
    strategy: st.SearchStrategy[Any], check: Callable[[Any], None], size: int, seed: int
) -> Callable[[], None]:
    """``size`` inputs from ``strategy``, drawn from ``seed``, each given to ``check``; a failing
    one is shrunk."""

    def one(value: Any) -> None:
        check(value)

    return settings(
        max_examples=size,
        deadline=None,
        database=None,
        phases=(Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )(seeded(seed)(given(strategy)(one)))


def run_target(
    target: Target,
    ctx: Context,
    *,
    examples: int,
    seconds: float,
    seed: int,
    out: Path,
    bound_scale: float = 1.0,
    progress: Callable[[Tally], None] = lambda _tally: None,
) -> Tally:
    """Run ``examples`` inputs (or ``seconds``, whichever ends first) and check each one."""
    tally = Tally(target.name)
    strategy = target.inputs(ctx)
    started = time.monotonic()
    deadline = started + seconds
    run = _Run(target, ctx, tally, out, target.bound * bound_scale, deadline)
    chunk = 0
    while tally.examples < examples and time.monotonic() < deadline:
        before = tally.examples
        check = _chunk(strategy, run.check, min(CHUNK, examples - tally.examples), seed * 1_000_003 + chunk)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # a warning on stderr for a page is a fault too
                check()
        except _Hang:
            message = f"stopped after {run.bound * HANG_FACTOR:g} s of processor time"
            if run.note("hang", message, run.last_input()) >= MAX_SLOW_SAVED:
                break
            chunk += 1
            continue  # the next chunk: a hang is not shrunk (each try costs its time again)
        except Exception as err:  # a failing input, shrunk by hypothesis
            message = "".join(f"{type(err).__name__}: {err}".splitlines(keepends=True)[:6]).strip()
            if run.note("failure", message, run.last_input()) >= MAX_FAILURES:
                break
        chunk += 1  # after a failure too: the run goes on with the next seed
        tally.seconds = time.monotonic() - started
        progress(tally)
        if tally.examples == before:
            break  # the strategy has nothing new to give
    if _peak_mb() > MEMORY_BOUND_MB:
        tally.findings.append(
            Finding(target.name, "memory", f"peak resident memory {_peak_mb():.0f} MB", tally.slowest_input)
        )
    tally.seconds = time.monotonic() - started
    return tally


def share(total: int, chosen: Sequence[Target]) -> dict[str, int]:
    """``total`` examples shared by weight (each target at least one)."""
    weights = sum(t.weight for t in chosen) or 1.0
    return {t.name: max(1, round(total * t.weight / weights)) for t in chosen}


def fuzz(
    names: Sequence[str],
    *,
    examples: int,
    seconds: float = float("inf"),
    seed: int = 0,
    out: Path | None = None,
    corpus: Sequence[Path] = (),
    bound_scale: float = 1.0,
    say: Callable[[str], None] = lambda _line: None,
) -> list[Tally]:
    """Run the named targets (``["all"]`` for every one); ``examples`` are shared by weight
    when more than one target runs."""
    every = targets()
    chosen = list(every.values()) if list(names) == ["all"] else [every[n] for n in names]
    counts = share(examples, chosen) if len(chosen) > 1 else {chosen[0].name: examples}
    scratch = Path(tempfile.mkdtemp(prefix="viewer-fuzz-"))
    found = out or scratch / "found"
    ctx = Context(scratch / "work", [SEEDS_DIR, *corpus])
    ctx.folder.mkdir()
    tallies = []
    deadline = time.monotonic() + seconds
    try:
        for i, target in enumerate(chosen):
            tally = run_target(
                target,
                ctx,
                examples=counts[target.name],
                seconds=(deadline - time.monotonic()) / (len(chosen) - i),  # time left, shared
                seed=seed,
                out=found,
                bound_scale=bound_scale,
                progress=lambda t: say(f"  ... {t.target}: {t.examples:,} examples, {t.seconds:.0f} s"),
            )
            tallies.append(tally)
            say(_line(tally, target))
            for finding in tally.findings:
                say(
                    f"  FOUND ({finding.kind}) {finding.message}\n    input: {finding.example}\n    saved: {finding.saved}"
                )
    finally:
        ctx.close()
        # Only what was found stays (in a temporary folder unless ``out`` was given).
        shutil.rmtree(ctx.folder, ignore_errors=True)
        if out is not None or not found.exists():
            shutil.rmtree(scratch, ignore_errors=True)
    return tallies


def _line(tally: Tally, target: Target) -> str:
    rate = tally.examples / tally.seconds if tally.seconds else 0.0
    return (
        f"{tally.target:9} {tally.examples:>9,} examples in {tally.seconds:8.1f} s ({rate:7.1f}/s); "
        f"slowest {tally.slowest * 1000:8.1f} ms of processor time (bound {target.bound:g} s); "
        f"largest memory rise {tally.largest_rise_mb:6.1f} MB; {len(tally.findings)} found"
    )


def main(argv: Sequence[str] | None = None) -> int:
    names = list(targets())
    parser = argparse.ArgumentParser(prog="python -m viewer fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "target", nargs="?", choices=[*names, "all"], help="what to fuzz; all shares the examples by weight"
    )
    parser.add_argument(
        "--examples", type=int, default=1000, metavar="N", help="how many inputs (default 1000)"
    )
    parser.add_argument(
        "--seconds", type=float, default=float("inf"), metavar="S", help="stop after S seconds"
    )
    parser.add_argument(
        "--seed", type=int, default=0, metavar="K", help="the run's seed (default 0): same seed, same inputs"
    )
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="where failing inputs are saved (default: a temporary folder)"
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="more seed files, read at run time",
    )
    parser.add_argument("--list", action="store_true", help="list the targets and their bounds")
    args = parser.parse_args(argv)
    if args.list:
        for target in targets().values():
            print(f"{target.name:9} bound {target.bound:5g} s, weight {target.weight:g}: {target.about}")
        return 0
    if args.target is None:
        parser.error("name a target (or all; --list lists them)")
    started = time.monotonic()
    cpu = time.process_time()
    tallies = fuzz(
        [args.target],
        examples=args.examples,
        seconds=args.seconds,
        seed=args.seed,
        out=args.out,
        corpus=args.corpus,
        say=lambda line: print(line, flush=True),
    )
    total = sum(t.examples for t in tallies)
    found = sum(len(t.findings) for t in tallies)
    print(
        f"total {total:,} examples in {time.monotonic() - started:.0f} s "
        f"({time.process_time() - cpu:.0f} s of processor time); peak resident memory {_peak_mb():.0f} MB "
        f"(bound {MEMORY_BOUND_MB} MB); {found} found; seed {args.seed}"
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
