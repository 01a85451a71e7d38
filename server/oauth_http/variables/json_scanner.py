"""The lexical half of the JSON parser behind `jsonpos`: positions, strings, numbers, literals.

`JsonScanner` walks the text by offset and turns offsets into zero-based lines and code-point
columns (`\\r\\n`, `\\r` and `\\n` each end a line, as in LSP). It reads whitespace and the scalar
values with their spans, and raises `JsonSyntaxError`, holding a `Problem` that says where and
why, at the first malformed one. `jsonpos` builds objects and arrays on top of it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from oauth_http.syntax.spans import Problem, Severity, Span
from oauth_http.variables.json_tree import JsonBool, JsonNull, JsonNumber, JsonValue

SYNTAX = "json-syntax"


class JsonSyntaxError(Exception):
    """The text is not valid JSON; `problem` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


_WHITESPACE = re.compile(r"[ \t\r\n]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_STRING_RUN = re.compile(r'[^"\\\x00-\x1f]*')
_WORD = re.compile(r"[A-Za-z0-9_$.+\-]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_LITERALS: dict[str, bool | None] = {"true": True, "false": False, "null": None}


class JsonScanner:
    """The text and the current offset `pos`, with the problems found so far (warnings)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.problems: list[Problem] = []
        self.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset) - 1
        return line, offset - self.line_starts[line]

    def span(self, start: int, end: int) -> Span:
        return Span(*self.position(start), *self.position(end))

    def fail(self, message: str, start: int, end: int | None = None) -> JsonSyntaxError:
        if end is None:
            end = min(start + 1, len(self.text))
            if end < len(self.text) and self.text[start] in "\r\n":
                end = start
        return JsonSyntaxError(Problem(self.span(start, end), message, Severity.ERROR, SYNTAX))

    def skip_whitespace(self) -> None:
        match = _WHITESPACE.match(self.text, self.pos)
        self.pos = match.end() if match else self.pos
        if self.text.startswith(("//", "/*"), self.pos):
            raise self.fail("Comments are not allowed in JSON; remove this comment.", self.pos)

    def describe_here(self) -> str:
        if self.pos >= len(self.text):
            return "the end of the text"
        word = _WORD.match(self.text, self.pos)
        return f"'{word.group()}'" if word else f"'{self.text[self.pos]}'"

    def string(self) -> str:
        start = self.pos
        self.pos += 1
        pieces: list[str] = []
        text = self.text
        while True:
            run = _STRING_RUN.match(text, self.pos)
            end = run.end() if run else self.pos
            pieces.append(text[self.pos : end])
            self.pos = end
            if end >= len(text) or text[end] in "\r\n":
                raise JsonSyntaxError(
                    Problem(
                        self.span(start, end),
                        "Unterminated string: add the closing '\"' on the same line.",
                        Severity.ERROR,
                        SYNTAX,
                    )
                )
            char = text[end]
            if char == '"':
                self.pos += 1
                return "".join(pieces)
            if char == "\\":
                pieces.append(self.escape())
                continue
            raise self.fail(
                f"Control character U+{ord(char):04X} is not allowed in a JSON string; "
                "write it as an escape such as \\t.",
                end,
            )

    def escape(self) -> str:
        start = self.pos
        code = self.text[start + 1 : start + 2]
        if code in _ESCAPES:
            self.pos += 2
            return _ESCAPES[code]
        if code != "u":
            raise self.fail(
                f"Invalid escape '\\{code}' in a string; valid escapes are "
                '\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX.',
                start,
                start + 1 + len(code),
            )
        unit = self.hex4(start)
        if 0xD800 <= unit <= 0xDBFF and self.text.startswith("\\u", self.pos):
            low_start = self.pos
            low = self.hex4(low_start)
            if 0xDC00 <= low <= 0xDFFF:
                return chr(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            self.pos = low_start
        if 0xD800 <= unit <= 0xDFFF:
            return "\ufffd"
        return chr(unit)

    def hex4(self, start: int) -> int:
        digits = self.text[start + 2 : start + 6]
        valid = len(digits) - len(digits.lstrip("0123456789abcdefABCDEF"))
        if valid < 4:
            raise self.fail(
                "Invalid \\u escape: it needs four hexadecimal digits, as in \\u00e9.",
                start,
                start + 2 + valid,
            )
        self.pos = start + 6
        return int(digits, 16)

    def number(self) -> JsonNumber:
        start = self.pos
        match = _NUMBER.match(self.text, start)
        word = _WORD.match(self.text, start)
        if match is None or (word is not None and word.end() > match.end()):
            end = word.end() if word else start + 1
            raise self.fail(f"Invalid number '{self.text[start:end]}'.", start, end)
        text = match.group()
        self.pos = match.end()
        value: int | float = float(text) if any(c in text for c in ".eE") else int(text)
        return JsonNumber(text, value, self.span(start, self.pos))

    def literal(self) -> JsonValue:
        start = self.pos
        if start >= len(self.text):
            raise self.fail("Unexpected end of the text: expected a value.", start)
        word = _WORD.match(self.text, start)
        end = word.end() if word else start + 1
        found = self.text[start:end]
        if found in _LITERALS:
            self.pos = end
            span = self.span(start, end)
            literal = _LITERALS[found]
            return JsonNull(span) if literal is None else JsonBool(literal, span)
        if found == "'":
            message = "JSON strings must be in double quotes, not single quotes."
        elif found.lower() in _LITERALS:
            message = f"Invalid value '{found}'; JSON literals are lower case: {found.lower()}."
        else:
            message = (
                f"Expected a value (object, array, string, number, true, false or null), "
                f"found '{found}'."
            )
        raise self.fail(message, start, end)
