"""The httpbed's routes, as plain functions from a Request to a Response (or a Stall).

/echo                 method, path, query, headers, body (text and base64) and cookies, as JSON
/stall                reads the request and never answers (read timeouts, cancellation)
/slow-body            sends the headers and 10 of 1000 bytes, then nothing more
/redirect?status=302&to=URL   one redirect to URL (relative or absolute)
/chain/N              N redirects (302) ending at /echo
/loop                 redirects to itself for ever
/large?bytes=N        a JSON body of about N bytes: {"data": "aaaa..."}
/png                  a 1x1 PNG
/latin1, /shift-jis   text with charset=iso-8859-1 / Shift_JIS; /latin1-no-charset without one
/html                 an HTML page (what a login wall answers)
/rate-limited?style=x-rate-limit|retry-after|ratelimit&status=429&reset=EPOCH|SECONDS
/oauth-problem?problem=NAME&status=401&date=EPOCH&acceptable=A-B
/json                 {"token": ..., "user": {...}, "items": [...]} with X-Request-Id
/xml                  an XML document
/status/CODE          that status with a JSON body
/cookies/set?a=1      sets the cookies; /cookies shows what the client sent
/repeated-headers     two X-Multi headers and two Set-Cookie headers
/gzip                 a gzip-encoded JSON body
"""

from __future__ import annotations

import base64
import gzip
import json
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.cookies import SimpleCookie

JSON = "application/json"
LATIN1_TEXT = "café crème brûlée"
SHIFT_JIS_TEXT = "日本語のテキスト"
JSON_DOCUMENT = {
    "token": "chain-token-123",
    "user": {"id": 42, "name": "Ada Lovelace", "admin": False},
    "items": [{"id": 1, "tag": "first"}, {"id": 2, "tag": "second"}],
}
XML_DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<feed xmlns="http://www.w3.org/2005/Atom">'
    '<reply id="r-1"><text>Hello</text></reply>'
    '<reply id="r-2"><text>World</text></reply>'
    "</feed>"
)
HTML_PAGE = "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Log in</body></html>"


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: list[tuple[str, str]]
    raw_query: str
    headers: list[tuple[str, str]]
    body: bytes
    host: str
    base_url: str

    def param(self, name: str, default: str = "") -> str:
        return next((value for key, value in self.query if key == name), default)

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    reason: str | None = None

    @classmethod
    def json(cls, value: object, status: int = 200) -> Response:
        return cls(status, json.dumps(value, indent=2).encode(), [("Content-Type", JSON)])


@dataclass(frozen=True)
class Stall:
    """Never finish: send `head` (with a Content-Length of `announced_length`) or nothing."""

    head: Response | None = None
    announced_length: int = 0


def route(request: Request) -> Response | Stall:
    path = request.path
    if path.startswith("/chain/"):
        return _chain(request)
    if path.startswith("/status/"):
        code = int(path.rsplit("/", 1)[1])
        return Response.json({"status": code}, code)
    handler = _ROUTES.get(path)
    if handler is None:
        return Response.json({"error": f"no route {path}"}, 404)
    return handler(request)


def echo(request: Request) -> Response:
    cookies = SimpleCookie()
    cookies.load(request.header("Cookie") or "")
    return Response.json(
        {
            "method": request.method,
            "path": request.path,
            "query": [list(pair) for pair in request.query],
            "raw_query": request.raw_query,
            "headers": [list(pair) for pair in request.headers],
            "body": request.body.decode("utf-8", errors="replace"),
            "body_base64": base64.b64encode(request.body).decode(),
            "cookies": {name: morsel.value for name, morsel in cookies.items()},
        }
    )


def _redirect(request: Request) -> Response:
    status = int(request.param("status", "302"))
    return Response(status, b"", [("Location", request.param("to", "/echo"))])


def _chain(request: Request) -> Response:
    remaining = int(request.path.rsplit("/", 1)[1])
    if remaining <= 0:
        return echo(request)
    return Response(302, b"", [("Location", f"/chain/{remaining - 1}")])


def _loop(request: Request) -> Response:
    return Response(302, b"", [("Location", "/loop")])


def _large(request: Request) -> Response:
    size = int(request.param("bytes", "6000000"))
    body = b'{"data": "' + b"a" * max(size - 12, 0) + b'"}'
    return Response(200, body, [("Content-Type", JSON)])


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _rate_limited(request: Request) -> Response:
    status = int(request.param("status", "429"))
    reset = request.param("reset", "60")
    header = {
        "x-rate-limit": "x-rate-limit-reset",
        "retry-after": "Retry-After",
        "ratelimit": "RateLimit-Reset",
    }[request.param("style", "retry-after")]
    return Response(
        status,
        b'{"errors": [{"code": 88, "message": "Rate limit exceeded"}]}',
        [("Content-Type", JSON), (header, reset)],
    )


def _oauth_problem(request: Request) -> Response:
    status = int(request.param("status", "401"))
    pairs = [("oauth_problem", request.param("problem", "signature_invalid"))]
    acceptable = request.param("acceptable")
    if acceptable:
        pairs.append(("oauth_acceptable_timestamps", acceptable))
    body = "&".join(f"{name}={value}" for name, value in pairs).encode()
    headers = [("Content-Type", "application/x-www-form-urlencoded")]
    date = request.param("date")
    if date:
        headers.append(("Date", formatdate(float(date), usegmt=True)))
    return Response(status, body, headers)


def _set_cookies(request: Request) -> Response:
    headers = [("Set-Cookie", f"{name}={value}; Path=/") for name, value in request.query]
    return Response(200, b"{}", [("Content-Type", JSON), *headers])


def _repeated(request: Request) -> Response:
    return Response(
        200,
        b"{}",
        [
            ("Content-Type", JSON),
            ("X-Multi", "one"),
            ("X-Multi", "two"),
            ("Set-Cookie", "first=1; Path=/"),
            ("Set-Cookie", "second=2; Path=/"),
        ],
    )


def _gzip(request: Request) -> Response:
    body = gzip.compress(json.dumps(JSON_DOCUMENT).encode())
    return Response(200, body, [("Content-Type", JSON), ("Content-Encoding", "gzip")])


def _text(content_type: str, data: bytes) -> Response:
    return Response(200, data, [("Content-Type", content_type)])


_ROUTES: dict[str, Callable[[Request], Response | Stall]] = {
    "/echo": echo,
    "/stall": lambda request: Stall(),
    "/slow-body": lambda request: Stall(
        Response(200, b"0123456789", [("Content-Type", JSON)]), 1000
    ),
    "/redirect": _redirect,
    "/loop": _loop,
    "/large": _large,
    "/png": lambda request: _text("image/png", png_bytes()),
    "/latin1": lambda request: _text(
        "text/plain; charset=iso-8859-1", LATIN1_TEXT.encode("latin-1")
    ),
    "/latin1-no-charset": lambda request: _text("text/plain", LATIN1_TEXT.encode("latin-1")),
    "/shift-jis": lambda request: _text(
        "text/plain; charset=Shift_JIS", SHIFT_JIS_TEXT.encode("shift_jis")
    ),
    "/html": lambda request: _text("text/html; charset=utf-8", HTML_PAGE.encode()),
    "/rate-limited": _rate_limited,
    "/oauth-problem": _oauth_problem,
    "/json": lambda request: Response(
        200,
        json.dumps(JSON_DOCUMENT).encode(),
        [("Content-Type", JSON), ("X-Request-Id", "req-7")],
    ),
    "/xml": lambda request: _text("application/xml", XML_DOCUMENT.encode()),
    "/cookies/set": _set_cookies,
    "/cookies": echo,
    "/repeated-headers": _repeated,
    "/gzip": _gzip,
}
