"""A JSON parser that keeps the position of every value and key, for env files and their problems.

`parse_json(text)` never raises: it returns the tree (`json_tree`; None when the text is not
valid JSON) and a list of problems. Positions are zero-based lines and code-point columns;
`\\r\\n`, `\\r` and `\\n` each end a line, as in LSP. A leading byte order mark is skipped and
not counted in columns.
Duplicate keys are a warning; the last one wins, as in `JSON.parse`.
"""

from __future__ import annotations

from oauth_http.syntax.spans import Problem, Severity, Span
from oauth_http.variables.json_scanner import SYNTAX, JsonScanner, JsonSyntaxError
from oauth_http.variables.json_tree import (
    JsonArray,
    JsonMember,
    JsonObject,
    JsonParse,
    JsonString,
    JsonValue,
)

MAX_DEPTH = 256
DUPLICATE_KEY = "json-duplicate-key"


def parse_json(text: str) -> JsonParse:
    """Parse `text`; on a syntax error the value is None and the problem says where and why."""
    parser = _Parser(text[1:] if text.startswith("\ufeff") else text)
    try:
        value = parser.document()
    except JsonSyntaxError as error:
        return JsonParse(None, (*parser.problems, error.problem))
    except RecursionError:  # only when the caller's own stack is already deep
        problem = Problem(
            Span(0, 0, 0, 0), "JSON nested too deeply to read.", Severity.ERROR, SYNTAX
        )
        return JsonParse(None, (problem,))
    return JsonParse(value, tuple(parser.problems))


class _Parser(JsonScanner):
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

    def unexpected_in_object(self) -> JsonSyntaxError:
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
