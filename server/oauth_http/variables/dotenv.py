"""`.env` files, as read for `{{$dotenv NAME}}`: text in, values and problems out.

Accepted lines: `KEY=VALUE`, `export KEY=VALUE`, spaces around `=`, blank lines and `#` comments.
A value may be in double quotes (escapes `\\n \\r \\t \\" \\\\` work), single quotes or backticks
(taken literally), or bare (trimmed; ` #` starts a comment). A key defined twice keeps its last
value. Values stay on one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from oauth_http.syntax.lines import WHITESPACE, split_lines
from oauth_http.syntax.spans import Problem, Severity, Span

CODE = "dotenv"
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_EXPORT = re.compile(r"export[ \t]+")
_DOUBLE_QUOTE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
_INLINE_COMMENT = re.compile(r"[ \t]#")


@dataclass(frozen=True, slots=True)
class Dotenv:
    """The values of a `.env` file, the span of each key, and the lines that could not be read."""

    values: dict[str, str]
    key_spans: dict[str, Span]
    problems: tuple[Problem, ...]


def parse_dotenv(text: str) -> Dotenv:
    values: dict[str, str] = {}
    spans: dict[str, Span] = {}
    problems: list[Problem] = []
    lines = split_lines(text[1:] if text.startswith("\ufeff") else text)
    for number, line in enumerate(lines):
        entry = _read_line(line, number)
        if isinstance(entry, Problem):
            problems.append(entry)
        elif entry is not None:
            key, key_span, value = entry
            values[key] = value
            spans[key] = key_span
    return Dotenv(values, spans, tuple(problems))


def _read_line(line: str, number: int) -> tuple[str, Span, str] | Problem | None:
    col = len(line) - len(line.lstrip(WHITESPACE))
    if col == len(line) or line[col] == "#":
        return None
    export = _EXPORT.match(line, col)
    if export:
        col = export.end()
    key_match = _KEY.match(line, col)
    equals = line.find("=", col)
    if equals < 0:
        return _problem(
            number,
            col,
            len(line.rstrip(WHITESPACE)),
            f"Expected KEY=VALUE on this line of the .env file, found '{line.strip()}'.",
        )
    key_text = line[col:equals].rstrip(WHITESPACE)
    if key_match is None or key_match.end() != col + len(key_text):
        return _problem(
            number,
            col,
            col + len(key_text),
            f"'{key_text}' is not a valid .env name: use letters, digits, '_', '.' and '-', "
            "starting with a letter or '_'.",
        )
    key_span = Span(number, col, number, col + len(key_text))
    value = _read_value(line, equals + 1, number)
    if isinstance(value, Problem):
        return value
    return key_text, key_span, value


def _read_value(line: str, start: int, number: int) -> str | Problem:
    col = start + len(line[start:]) - len(line[start:].lstrip(WHITESPACE))
    quote = line[col] if col < len(line) else ""
    if quote not in ('"', "'", "`"):
        rest = line[start:]
        comment = _INLINE_COMMENT.search(rest)
        return (rest[: comment.start()] if comment else rest).strip(WHITESPACE)
    pieces: list[str] = []
    pos = col + 1
    while pos < len(line) and line[pos] != quote:
        char = line[pos]
        if char == "\\" and quote == '"' and pos + 1 < len(line):
            escaped = line[pos + 1]
            pieces.append(_DOUBLE_QUOTE_ESCAPES.get(escaped, "\\" + escaped))
            pos += 2
            continue
        pieces.append(char)
        pos += 1
    if pos >= len(line):
        return _problem(
            number,
            col,
            len(line),
            f"The value has no closing {quote}: add it at the end of the line.",
        )
    after = line[pos + 1 :].strip(WHITESPACE)
    if after and not after.startswith("#"):
        tail = pos + 1 + len(line[pos + 1 :]) - len(line[pos + 1 :].lstrip(WHITESPACE))
        return _problem(
            number,
            tail,
            len(line.rstrip(WHITESPACE)),
            f"Unexpected '{after}' after the closing {quote}; put a comment after ' #'.",
        )
    return "".join(pieces)


def _problem(line: int, start: int, end: int, message: str) -> Problem:
    return Problem(Span(line, start, line, end), message, Severity.ERROR, CODE)
