"""The tree `jsonpos.parse_json` returns: every JSON value and object key with its source span."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from oauth_http.syntax.spans import Problem, Span


@dataclass(frozen=True, slots=True)
class JsonString:
    value: str
    span: Span
    kind = "string"


@dataclass(frozen=True, slots=True)
class JsonNumber:
    """A number; `text` is the number exactly as written (env files use it as the value)."""

    text: str
    value: int | float
    span: Span
    kind = "number"


@dataclass(frozen=True, slots=True)
class JsonBool:
    value: bool
    span: Span
    kind = "boolean"


@dataclass(frozen=True, slots=True)
class JsonNull:
    span: Span
    kind = "null"


@dataclass(frozen=True, slots=True)
class JsonArray:
    items: tuple[JsonValue, ...]
    span: Span
    kind = "array"


@dataclass(frozen=True, slots=True)
class JsonMember:
    """One `"key": value` of an object."""

    key: str
    key_span: Span
    value: JsonValue


@dataclass(frozen=True, slots=True)
class JsonObject:
    """An object with its members in written order, duplicates included."""

    members: tuple[JsonMember, ...]
    span: Span
    kind = "object"

    def member(self, key: str) -> JsonMember | None:
        """The last member named `key` (the one `JSON.parse` keeps)."""
        for member in reversed(self.members):
            if member.key == key:
                return member
        return None

    def get(self, key: str) -> JsonValue | None:
        member = self.member(key)
        return member.value if member else None

    def unique_members(self) -> Iterator[JsonMember]:
        """Each key once, in first-appearance order, holding its last value."""
        last = {m.key: m for m in self.members}
        seen: set[str] = set()
        for member in self.members:
            if member.key not in seen:
                seen.add(member.key)
                yield last[member.key]


JsonValue = JsonObject | JsonArray | JsonString | JsonNumber | JsonBool | JsonNull


@dataclass(frozen=True, slots=True)
class JsonParse:
    value: JsonValue | None
    problems: tuple[Problem, ...]


def to_python(node: JsonValue) -> object:
    """The plain Python value of a node (dicts, lists, str, int, float, bool, None)."""
    if isinstance(node, JsonObject):
        return {m.key: to_python(m.value) for m in node.members}
    if isinstance(node, JsonArray):
        return [to_python(item) for item in node.items]
    if isinstance(node, JsonNull):
        return None
    return node.value
