"""The request line `[METHOD] URL [HTTP/x.y]` and the checks of a request's URL.

A URL that holds variables is judged only on the parts the variables leave visible: after
`{{host}}/path` nothing about scheme or host can be known until the variables are resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import problem_codes as codes
from .memo import ParseMemo
from .model import VariableRef
from .spans import Problem, Severity, Span
from .variable_refs import scan_refs

KNOWN_METHODS = frozenset(
    ("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "PATCH", "OPTIONS", "TRACE")
)

_TOKEN = re.compile(r"[^ \t\f\v]+")
_METHOD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_VERSION = re.compile(r"HTTP/[0-9]+\.[0-9]+")
_REFERENCE = re.compile(r"\{\{[^{}]*\}\}")
_SPACE_IN_REFERENCE = re.compile(r"\{\{[^{} \t\f\v]*[ \t\f\v][^{}]*\}\}")
_SPACE = re.compile(r"[ \t\f\v]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")
_SCHEME_WITHOUT_SLASHES = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?![0-9]|$)")
_AUTHORITY_END = re.compile(r"[/?#]")
_PORT = re.compile(r"[0-9]{0,5}")
_HIDDEN = "\x00"


@dataclass(frozen=True, slots=True)
class RequestLine:
    """What one request line says; columns are on that line."""

    method: str
    method_span: Span | None
    url: str
    url_start: int
    url_end: int
    version: str | None
    problems: tuple[Problem, ...] = ()
    refs: tuple[VariableRef, ...] = ()


def mask_references(text: str) -> str:
    """`text` with every `{{...}}` turned into as many `x`, so spaces inside do not split it."""
    if "{{" not in text:
        return text
    return _REFERENCE.sub(_as_mask, text)


def _as_mask(match: re.Match[str]) -> str:
    return "x" * (match.end() - match.start())


def read_request_line(line: str, index: int, memo: ParseMemo) -> RequestLine:
    """Split the request line into method, URL and version; `url` is empty when it is missing."""
    key = (line, index)
    found = memo.request_lines.get(key)
    if found is None:
        found = memo.request_lines[key] = _read_request_line(line, index, memo)
    return found


def _read_request_line(line: str, index: int, memo: ParseMemo) -> RequestLine:
    table = memo.spans
    refs: list[VariableRef] = []
    problems: list[Problem] = []
    if "{{" in line:
        refs, problems = scan_refs(line, index, 0, spans=table)
    masked = mask_references(line) if _SPACE_IN_REFERENCE.search(line) else line
    tokens = [match.span() for match in _TOKEN.finditer(masked)]
    method, method_span = "GET", None
    start, end = tokens[0]
    first = line[start:end]
    if _is_method(line, tokens):
        method = first.upper()
        method_span = table[index, start, index, end]
        if first != method:
            problems.append(
                Problem(
                    method_span,
                    f"Method '{first}' should be upper case: {method}",
                    Severity.WARNING,
                    codes.METHOD_CASE,
                )
            )
        tokens = tokens[1:]
    version = None
    if tokens and _is_version(line, tokens[-1]):
        start, end = tokens.pop()
        written = line[start:end]
        if _VERSION.fullmatch(written):
            version = written
        else:
            problems.append(
                Problem(
                    table[index, start, index, end],
                    f"HTTP version '{written}' must look like HTTP/1.1 "
                    "(HTTP/<digits>.<digits>): correct it or leave it out.",
                    code=codes.HTTP_VERSION,
                )
            )
    if not tokens:
        at = len(line.rstrip(" \t\f\v"))
        return RequestLine(method, method_span, "", at, at, version, tuple(problems), tuple(refs))
    url_start, url_end = tokens[0]
    url = line[url_start:url_end]
    if len(tokens) > 1:
        extra_start, extra_end = tokens[1][0], tokens[-1][1]
        problems.append(
            Problem(
                table[index, extra_start, index, extra_end],
                f"Unexpected '{line[extra_start:extra_end]}' after the URL '{url}': a request "
                "line is [METHOD] URL [HTTP/x.y], and a space inside a URL is written %20.",
                code=codes.REQUEST_LINE,
            )
        )
    return RequestLine(
        method, method_span, url, url_start, url_end, version, tuple(problems), tuple(refs)
    )


def _is_version(line: str, token: tuple[int, int]) -> bool:
    """Whether the token is meant as an HTTP version (well formed or not)."""
    return line[token[0] : token[0] + 5].upper() == "HTTP/"


def _is_method(line: str, tokens: list[tuple[int, int]]) -> bool:
    """Whether the first token is the method: a known one in any case alone or before more text;
    any other word before a URL. A lower-case unknown word before a version is a bare host."""
    start, end = tokens[0]
    first = line[start:end]
    upper = first.upper()
    if len(tokens) == 1:
        return upper in KNOWN_METHODS
    if _METHOD.fullmatch(first) is None:
        return False
    return upper in KNOWN_METHODS or first == upper or not _is_version(line, tokens[1])


def url_problems(url: str, has_host_header: bool) -> list[tuple[str, str]]:
    """(message, code) for each thing wrong with `url` that its variables do not hide."""
    if url.startswith("{{") and "}}" in url and not _SPACE.search(url):
        return []  # the usual `{{baseUrl}}/path`: nothing visible to judge
    if "{{" in url:
        url = _REFERENCE.sub(_HIDDEN, url)
        unclosed = url.find("{{")
        if unclosed >= 0:
            url = url[:unclosed] + _HIDDEN
    shown = url.replace(_HIDDEN, "{{…}}")
    found: list[tuple[str, str]] = []
    if _SPACE.search(url):
        found.append((f"The URL '{shown}' contains a space: write it as %20.", codes.URL))
    if url.startswith(_HIDDEN):
        return found
    if url.startswith("/") or url == "*":
        if not has_host_header:
            found.append(
                (
                    f"'{shown}' has no host: add a 'Host: example.com' header, or write the "
                    "full URL, like https://example.com/path.",
                    codes.MISSING_HOST,
                )
            )
        return found
    scheme = _SCHEME.match(url)
    if scheme is not None:
        if scheme.group(1).lower() not in ("http", "https"):
            found.append(
                (
                    f"URL scheme '{scheme.group(1)}' is not supported: use http:// or https://.",
                    codes.URL,
                )
            )
            return found
        rest = url[scheme.end() :]
    elif _SCHEME_WITHOUT_SLASHES.match(url):
        found.append(
            (f"'{shown}' is not an http(s) URL: write it like https://host/path.", codes.URL)
        )
        return found
    else:
        rest = url
    message = _authority_problem(_AUTHORITY_END.split(rest, 1)[0], shown)
    if message is not None:
        found.append((message, codes.URL))
    return found


def _authority_problem(authority: str, shown: str) -> str | None:
    if _HIDDEN in authority:
        return None
    host = authority.rpartition("@")[2]
    port = ""
    if host.startswith("["):
        close = host.find("]")
        if close < 0:
            return f"The IPv6 address in '{shown}' has no closing ']'."
        host, port = host[: close + 1], host[close + 1 :]
        if port and not port.startswith(":"):
            return f"Unexpected '{port}' after the IPv6 address in '{shown}'."
        port = port[1:]
    elif ":" in host:
        host, _, port = host.rpartition(":")
    if not host:
        return f"The URL '{shown}' has no host: write it like https://example.com/path."
    if not _PORT.fullmatch(port) or (port and not 0 < int(port) <= 65535):
        return f"Port '{port}' in '{shown}' must be a number from 1 to 65535."
    return None
