"""Where the cursor is in an env file that is being typed (so maybe not valid JSON yet): the keys
of the objects around it, and whether it is at a key or at the value of a key.

A small scanner over the text before the cursor: strings, brackets, colons and commas are enough
to know the path, and it never fails on unfinished input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Place = Literal["key", "value", "other"]


@dataclass(frozen=True)
class JsonCursor:
    """`path`: the member keys leading to the object the cursor is in, outermost first; `key`: the
    member whose value the cursor is at; `string_start`: the offset of the opening quote when the
    cursor is inside a string; `word_start`: where a bare word being typed (`tr`) starts."""

    path: tuple[str, ...]
    place: Place
    key: str | None = None
    string_start: int | None = None
    word_start: int | None = None


@dataclass
class _Frame:
    kind: Literal["object", "array"]
    expect: Literal["key", "colon", "value", "comma"]
    key: str | None = None
    keys: list[str] = field(default_factory=list)


def cursor_at(text_before: str) -> JsonCursor:
    """The cursor at the end of `text_before`."""
    stack: list[_Frame] = []
    index, length = 0, len(text_before)
    while index < length:
        char = text_before[index]
        if char == '"':
            end = _string_end(text_before, index)
            if end is None:
                return _result(stack, string_start=index)
            _took_string(stack, text_before[index + 1 : end])
            index = end + 1
            continue
        if char in "{[":
            path_key = stack[-1].key if stack and stack[-1].kind == "object" else None
            keys = [*(stack[-1].keys if stack else []), path_key or ""]
            kind: Literal["object", "array"] = "object" if char == "{" else "array"
            stack.append(_Frame(kind, "key" if kind == "object" else "value", keys=keys))
        elif char in "}]":
            if stack:
                stack.pop()
            if stack:
                stack[-1].expect = "comma"
        elif char == ":" and stack and stack[-1].kind == "object":
            stack[-1].expect = "value"
        elif char == "," and stack:
            stack[-1].expect = "key" if stack[-1].kind == "object" else "value"
        elif not char.isspace():
            end = index
            while end < length and text_before[end] not in _STRUCTURAL:
                end += 1
            if end == length:
                return _result(stack, word_start=index)
            if stack:
                stack[-1].expect = "comma"
            index = end
            continue
        index += 1
    return _result(stack)


_STRUCTURAL = frozenset('{}[]:,"\t\n\r ')


def _string_end(text: str, start: int) -> int | None:
    index = start + 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == '"':
            return index
        if text[index] == "\n":
            return None
        index += 1
    return None


def _took_string(stack: list[_Frame], value: str) -> None:
    if not stack:
        return
    frame = stack[-1]
    if frame.kind == "object" and frame.expect == "key":
        frame.key = value
        frame.expect = "colon"
    else:
        frame.expect = "comma"


def _result(
    stack: list[_Frame], string_start: int | None = None, word_start: int | None = None
) -> JsonCursor:
    if not stack:
        return JsonCursor((), "other", string_start=string_start, word_start=word_start)
    frame = stack[-1]
    path = tuple(frame.keys[1:])
    if frame.kind == "object" and frame.expect == "key":
        return JsonCursor(path, "key", string_start=string_start, word_start=word_start)
    if frame.kind == "object" and frame.expect == "value":
        return JsonCursor(path, "value", frame.key, string_start, word_start)
    return JsonCursor(path, "other", frame.key, string_start, word_start)
