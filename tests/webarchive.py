"""Small web archives written by the tests: WARC records of invented pages, as a crawler stores them.

Every page here is fictional, written for the tests.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Sequence
from pathlib import Path

CAPTURED = "2024-03-02T09:30:00Z"


def record(
    kind: str,
    uri: str | None,
    block: bytes,
    *,
    content_type: str = "application/http; msgtype=response",
    date: str = CAPTURED,
    number: int = 0,
    extra: Sequence[tuple[str, str]] = (),
) -> bytes:
    """One WARC record: its headers, its block and the two line breaks that end it."""
    head = [("WARC-Type", kind), ("WARC-Record-ID", f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>")]
    head.append(("WARC-Date", date))
    if uri:
        head.append(("WARC-Target-URI", uri))
    head.extend(extra)
    head += [("Content-Type", content_type), ("Content-Length", str(len(block)))]
    lines = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in head) + "\r\n"
    return lines.encode() + block + b"\r\n\r\n"


def http(status: str, headers: Sequence[tuple[str, str]], body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode("latin-1") + body


def request(uri: str, number: int = 0) -> bytes:
    path = "/" + uri.split("/", 3)[-1] if uri.count("/") >= 3 else "/"
    block = f"GET {path} HTTP/1.1\r\nHost: example.org\r\nUser-Agent: test-crawler\r\n\r\n".encode()
    return record("request", uri, block, content_type="application/http; msgtype=request", number=number)


def page(
    title: str, paragraphs: Sequence[str], *, published: str | None = None, charset: str = "utf-8"
) -> str:
    """An invented news page: a header, the article, a footer."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html><head><meta charset="{charset}"><title>{title}</title>{meta}</head>'
        f'<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>Copyright the Test Gazette</footer></body></html>"
    )


def response(uri: str, html: bytes, *, number: int = 0, headers: Sequence[tuple[str, str]] = ()) -> bytes:
    head = list(headers)
    if not any(k.lower() == "content-type" for k, _ in head):
        head.insert(0, ("Content-Type", "text/html"))
    if not any(k.lower() == "transfer-encoding" for k, _ in head):
        head.append(("Content-Length", str(len(html))))
    return record("response", uri, http("200 OK", head, html), number=number)


def chunked(data: bytes, size: int = 100) -> bytes:
    parts = [
        f"{len(data[i : i + size]):x};note=x\r\n".encode() + data[i : i + size] + b"\r\n"
        for i in range(0, len(data), size)
    ]
    return b"".join(parts) + b"0\r\n\r\n"


FERRY = page(
    "Ferry timetable changes for winter",
    [
        "The island ferry will sail twice a day from November, the harbour board said on Friday.",
        "Captain Ines Varga said the morning crossing would leave at seven and the evening one at five.",
        "Passengers with season tickets keep their fares until the end of the year, the board added.",
    ],
)
ORCHARD = page(
    "Orchard harvest starts two weeks early",
    [
        "Pickers in the valley began the apple harvest on Monday, two weeks ahead of the usual date.",
        "A warm spring and a dry summer brought the fruit on early, growers at the cooperative said.",
        "The cooperative expects to press its first cider by the middle of the month.",
    ],
    published="2024-02-28T08:00:00Z",
)
# Written in Windows-1252 and said so only in the HTTP header (the page itself claims UTF-8).
MARKET = page(
    "Market hall reopens after repairs",
    [
        "The market hall opened its doors again on Saturday after a year of repairs to the roof.",
        "Stallholders sold cheese, bread and the first crêpes of the season to a crowd of shoppers.",
        "The council said the repairs came in under budget, a first for the town’s building works.",
    ],
)
ARCHIVE_PAGES = (
    ("https://news.example.org/ferry-timetable", FERRY),
    ("https://news.example.org/orchard-harvest", ORCHARD),
    ("https://news.example.org/market-hall", MARKET),
)


def crawl() -> list[bytes]:
    """The records of a small crawl: three pages among the records a crawl also holds."""
    ferry_url, orchard_url, market_url = (url for url, _ in ARCHIVE_PAGES)
    logo = b"\x89PNG\r\n\x1a\n" + bytes(64)
    moved = (
        b"<html><head><title>Moved</title></head><body><p>Moved <a href='/new'>here</a>.</p></body></html>"
    )
    orchard = ORCHARD.encode()
    return [
        record(
            "warcinfo", None, b"software: test-crawler\r\n", content_type="application/warc-fields", number=1
        ),
        request(ferry_url, 2),
        response(ferry_url, FERRY.encode(), number=3),
        record(
            "response",
            "https://news.example.org/logo.png",
            http("200 OK", [("Content-Type", "image/png"), ("Content-Length", str(len(logo)))], logo),
            number=4,
        ),
        record(
            "response",
            "https://news.example.org/old-ferry",
            http("301 Moved Permanently", [("Location", ferry_url), ("Content-Type", "text/html")], moved),
            number=5,
        ),
        request(orchard_url, 6),
        response(
            orchard_url,
            chunked(gzip.compress(orchard)),
            number=7,
            headers=[("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
        ),
        record(
            "revisit",
            ferry_url,
            http("200 OK", [("Content-Type", "text/html")], b""),
            number=8,
            extra=[("WARC-Refers-To-Target-URI", ferry_url)],
        ),
        response(
            market_url,
            MARKET.encode("cp1252"),
            number=9,
            headers=[("Content-Type", "text/html; charset=windows-1252")],
        ),
    ]


def write(path: Path, records: Sequence[bytes], *, compressed: bool | None = None) -> Path:
    """The records as a plain archive, or one gzip member per record (the default for a name
    ending in .gz)."""
    if compressed is None:
        compressed = path.name.endswith(".gz")
    path.write_bytes(b"".join(gzip.compress(r) for r in records) if compressed else b"".join(records))
    return path


def deflate(data: bytes, *, raw: bool) -> bytes:
    packer = zlib.compressobj(wbits=-15 if raw else 15)
    return packer.compress(data) + packer.flush()
