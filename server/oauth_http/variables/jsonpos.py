"""A JSON parser that keeps the position of every value and key, for env files and their problems.

`parse_json(text)` never raises: it returns the tree (`json_tree`; None when the text is not
valid JSON) and a list of problems. Positions are zero-based lines and code-point columns;
`\\r\\n`, `\\r` and `\\n` each end a line, as in LSP. A leading byte order mark is skipped and
not counted in columns.
Duplicate keys are a warning; the last one wins, as in `JSON.parse`.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from oauth_http.syntax.spans import Problem, Severity, Span
from oauth_http.variables.json_tree import (
    JsonArray,
    JsonBool,
    JsonMember,
    JsonNull,
    JsonNumber,
    JsonObject,
    JsonParse,
    JsonString,
    JsonValue,
)

MAX_DEPTH = 256
SYNTAX = "json-syntax"
DUPLICATE_KEY = "json-duplicate-key"


def parse_json(text: str) -> JsonParse:
    """Parse `text`; on a syntax error the value is None and the problem says where and why."""
    parser = _Parser(text[1:] if text.startswith("\ufeff") else text)
    try:
        value = parser.document()
    except _SyntaxError as error:
        return JsonParse(None, (*parser.problems, error.problem))
    except RecursionError:  # only when the caller's own stack is already deep
        problem = Problem(
            Span(0, 0, 0, 0), "JSON nested too deeply to read.", Severity.ERROR, SYNTAX
        )
        return JsonParse(None, (problem,))
    return JsonParse(value, tuple(parser.problems))


class _SyntaxError(Exception):
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


class _Parser:
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

    def fail(self, message: str, start: int, end: int | None = None) -> _SyntaxError:
        if end is None:
            end = min(start + 1, len(self.text))
            if end < len(self.text) and self.text[start] in "\r\n":
                end = start
        return _SyntaxError(Problem(self.span(start, end), message, Severity.ERROR, SYNTAX))

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

    def document(self) -> JsonValue:
        self.skip_whitespace()
        if self.pos >= len(self.text):
            raise self.fail("The text is empty; expected a JSON value such as {}.", 0, 0)
        value = self.value(0)
        self.skip_whitespace()
        if self.pos < len(self.text):
            raise self.fail(
                "Unexpected text after the end of the JSON value; a JSON file holds one value.",
                self.pos,
            )
        return value

    def value(self, depth: int) -> JsonValue:
        if depth > MAX_DEPTH:
            raise self.fail(f"JSON nested deeper than {MAX_DEPTH} levels.", self.pos)
        char = self.text[self.pos] if self.pos < len(self.text) else ""
        if char == "{":
            return self.object(depth)
        if char == "[":
            return self.array(depth)
        if char == '"':
            start = self.pos
            value = self.string()
            return JsonString(value, self.span(start, self.pos))
        if char == "-" or char.isdigit():
            return self.number()
        return self.literal()

    def object(self, depth: int) -> JsonObject:
        start = self.pos
        self.pos += 1
        members: list[JsonMember] = []
        seen: set[str] = set()
        self.skip_whitespace()
        if self.text.startswith("}", self.pos):
            self.pos += 1
            return JsonObject((), self.span(start, self.pos))
        while True:
            if not self.text.startswith('"', self.pos):
                raise self.unexpected_in_object()
            key_start = self.pos
            key = self.string()
            key_span = self.span(key_start, self.pos)
            if key in seen:
                self.problems.append(
                    Problem(
                        key_span,
                        f"Duplicate key '{key}'; the last one wins.",
                        Severity.WARNING,
                        DUPLICATE_KEY,
                    )
                )
            seen.add(key)
            self.skip_whitespace()
            if not self.text.startswith(":", self.pos):
                raise self.fail(
                    f"Expected ':' after the key '{key}', found {self.describe_here()}.", self.pos
                )
            self.pos += 1
            self.skip_whitespace()
            members.append(JsonMember(key, key_span, self.value(depth + 1)))
            self.skip_whitespace()
            if self.text.startswith("}", self.pos):
                self.pos += 1
                return JsonObject(tuple(members), self.span(start, self.pos))
            if not self.text.startswith(",", self.pos):
                raise self.fail(
                    f"Expected ',' or '}}' after the value of '{key}', "
                    f"found {self.describe_here()}.",
                    self.pos,
                )
            comma = self.pos
            self.pos += 1
            self.skip_whitespace()
            if self.text.startswith("}", self.pos):
                raise self.fail("Trailing comma is not allowed in JSON; remove it.", comma)

    def unexpected_in_object(self) -> _SyntaxError:
        if self.text.startswith("'", self.pos):
            return self.fail("JSON keys must be in double quotes, not single quotes.", self.pos)
        if self.pos >= len(self.text):
            return self.fail(
                "Unexpected end of the text: the object is not closed with '}'.", self.pos
            )
        return self.fail(
            f"Expected a key in double quotes, found {self.describe_here()}.", self.pos
        )

    def array(self, depth: int) -> JsonArray:
        start = self.pos
        self.pos += 1
        items: list[JsonValue] = []
        self.skip_whitespace()
        if self.text.startswith("]", self.pos):
            self.pos += 1
            return JsonArray((), self.span(start, self.pos))
        while True:
            items.append(self.value(depth + 1))
            self.skip_whitespace()
            if self.text.startswith("]", self.pos):
                self.pos += 1
                return JsonArray(tuple(items), self.span(start, self.pos))
            if not self.text.startswith(",", self.pos):
                raise self.fail(
                    f"Expected ',' or ']' in the array, found {self.describe_here()}.", self.pos
                )
            comma = self.pos
            self.pos += 1
            self.skip_whitespace()
            if self.text.startswith("]", self.pos):
                raise self.fail("Trailing comma is not allowed in JSON; remove it.", comma)

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
                raise _SyntaxError(
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
