"""The hostile server's answers, each a generator of raw bytes and pauses (`hostile.py` runs them).

Every case is bounded: a bomb expands to `mb` MiB (256 by default), an endless or dripping body
stops at the server's byte and time bounds, so a client whose own bound breaks still cannot fill
the disk or the memory of the machine. Paths:

/gzip-bomb?mb=N, /deflate-bomb?mb=N, /br-bomb     compressed zeros that expand to N MiB
/endless          a body without Content-Length that never ends (until the server's bounds)
/trickle?kb=N     like /endless, N KiB (64 by default) every tenth of a second
/drip             a Content-Length of 1000, then one byte a second
/stall            reads the request and answers nothing
/deep-json?depth=N        `{"top": 1, "deep": [[[...]]]}`, N levels deep (100,000 by default)
/wide-json?items=N        an array of N small objects (a million by default)
/deep-xml?depth=N         N nested elements
/many-headers?count=N     N response headers (150 by default; the client reads 100)
/long-header?kb=N         one header line of N KiB (70 by default; the client reads 64)
/short-body       a Content-Length of 1000, 10 bytes, then the connection closes
/reset-body       a Content-Length of 100000, 1000 bytes, then a TCP reset
/bad-status       a status line that is not HTTP
/big?mb=N         N MiB of JSON with a Content-Length (a plain large body)
"""

from __future__ import annotations

import base64
import gzip
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

MIB = 1024 * 1024
ZEROS = bytes(MIB)
# 256 MiB of zeros compressed by the brotli library (quality 11, window 24): 211 bytes. Made once
# with libbrotlienc through ctypes, so the tests need no brotli package to send it.
BROTLI_256_MIB = base64.b64decode(
    "z///f/gnAOKxQCD3/p/////wTwDEYQGA7v0/////4Z8AiMMiAN37f/7//8M/ARCHBQC69//8//+HfwIgDgsAdO//+f"
    "//D/8EQBwWAOje//P//x/+CYA4LADQvf/n//8//BMAcVgAoHv/z///f/gnAOKwAED3/p/////wTwDEYQGA7v0/////"
    "4Z8AiMMCAN37f/7//8M/ARCHBQC69//8//+HfwIgDgsAdO//+f//D/8EQBwWAOje//P//x/+CYA4LADQvf/P//9//B"
    "MAcVgAoHv/Dw=="
)


@dataclass(frozen=True)
class Pause:
    """Wait this many seconds (while watching whether the client closed the connection)."""

    seconds: float


@dataclass(frozen=True)
class Reset:
    """Close the connection with a TCP reset (SO_LINGER 0) instead of an orderly close."""


@dataclass(frozen=True)
class WaitForClose:
    """Send nothing more until the client closes the connection (or the server's time bound)."""


Piece = bytes | Pause | Reset | WaitForClose
Query = dict[str, str]


def _head(status: str, headers: list[tuple[str, str]]) -> bytes:
    """A status line and headers; every answer closes its connection after it."""
    lines = [
        f"HTTP/1.1 {status}",
        *(f"{name}: {value}" for name, value in headers),
        "Connection: close",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _number(query: Query, name: str, default: int) -> int:
    return int(query.get(name, default))


def gzip_bomb(query: Query) -> Iterator[Piece]:
    member = gzip.compress(ZEROS, 9)
    yield _head("200 OK", [("Content-Type", "application/json"), ("Content-Encoding", "gzip")])
    for _ in range(_number(query, "mb", 256)):
        yield member


def deflate_bomb(query: Query) -> Iterator[Piece]:
    compressor = zlib.compressobj(9)
    first = compressor.compress(ZEROS) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(ZEROS) + compressor.flush(zlib.Z_FULL_FLUSH)
    yield _head("200 OK", [("Content-Type", "application/json"), ("Content-Encoding", "deflate")])
    yield first
    for _ in range(_number(query, "mb", 256) - 1):
        yield block


def br_bomb(query: Query) -> Iterator[Piece]:
    yield _head(
        "200 OK",
        [
            ("Content-Type", "application/json"),
            ("Content-Encoding", "br"),
            ("Content-Length", str(len(BROTLI_256_MIB))),
        ],
    )
    yield BROTLI_256_MIB


def endless(query: Query) -> Iterator[Piece]:
    yield _head("200 OK", [("Content-Type", "text/plain")])
    chunk = b"x" * (64 * 1024)
    while True:
        yield chunk


def trickle(query: Query) -> Iterator[Piece]:
    yield _head("200 OK", [("Content-Type", "text/plain")])
    chunk = b"t" * (_number(query, "kb", 64) * 1024)
    while True:
        yield chunk
        yield Pause(0.1)


def drip(query: Query) -> Iterator[Piece]:
    yield _head("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "1000")])
    for _ in range(1000):
        yield b"."
        yield Pause(1.0)


def stall(query: Query) -> Iterator[Piece]:
    yield WaitForClose()


def deep_json(query: Query) -> Iterator[Piece]:
    depth = _number(query, "depth", 100_000)
    body = b'{"top": 1, "deep": ' + b"[" * depth + b"]" * depth + b"}"
    yield _sized("application/json", body)


def wide_json(query: Query) -> Iterator[Piece]:
    items = _number(query, "items", 1_000_000)
    body = ("[" + ",".join(f'{{"id":{n}}}' for n in range(items)) + "]").encode()
    yield _sized("application/json", body)


def deep_xml(query: Query) -> Iterator[Piece]:
    depth = _number(query, "depth", 100_000)
    body = b'<root id="r"><top>1</top>' + b"<a>" * depth + b"</a>" * depth + b"</root>"
    yield _sized("application/xml", body)


def many_headers(query: Query) -> Iterator[Piece]:
    count = _number(query, "count", 150)
    headers = [(f"X-Header-{n}", "v") for n in range(count)]
    yield _head("200 OK", [*headers, ("Content-Length", "2")]) + b"{}"


def long_header(query: Query) -> Iterator[Piece]:
    size = _number(query, "kb", 70) * 1024
    yield _head("200 OK", [("X-Long", "a" * size), ("Content-Length", "2")]) + b"{}"


def short_body(query: Query) -> Iterator[Piece]:
    yield _head("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "1000")])
    yield b"0123456789"


def reset_body(query: Query) -> Iterator[Piece]:
    yield _head("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "100000")])
    yield b"r" * 1000
    yield Pause(0.2)
    yield Reset()


def bad_status(query: Query) -> Iterator[Piece]:
    yield b"HTTP/1.1 abc Not a status\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"


def big(query: Query) -> Iterator[Piece]:
    size = _number(query, "mb", 8) * MIB
    yield _head("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(size))])
    yield b'{"data": "'
    remaining = size - len(b'{"data": ""}')
    while remaining > 0:
        piece = min(remaining, MIB)
        yield b"a" * piece
        remaining -= piece
    yield b'"}'


def _sized(content_type: str, body: bytes) -> bytes:
    head = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
    return _head("200 OK", head) + body


CASES: dict[str, Callable[[Query], Iterator[Piece]]] = {
    "/gzip-bomb": gzip_bomb,
    "/deflate-bomb": deflate_bomb,
    "/br-bomb": br_bomb,
    "/endless": endless,
    "/trickle": trickle,
    "/drip": drip,
    "/stall": stall,
    "/deep-json": deep_json,
    "/wide-json": wide_json,
    "/deep-xml": deep_xml,
    "/many-headers": many_headers,
    "/long-header": long_header,
    "/short-body": short_body,
    "/reset-body": reset_body,
    "/bad-status": bad_status,
    "/big": big,
}
