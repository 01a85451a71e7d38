"""JSON text to Python values and back for chaining, at any depth, without recursion.

`loads` is `json.loads` (C, fast) for ordinary documents; when that runs out of stack (JSON
nested deeper than Python's recursion limit, 100,000 levels say) the same text is read again by
an explicit-stack parser. `dumps_compact` is `json.dumps(separators=(",", ":"))`, with the
same fallback for values too deep for the C encoder. Both raise ValueError for text that is not
JSON, as `json.loads` does.
"""

from __future__ import annotations

import json
import re
from typing import Any

_TOKEN = re.compile(
    r'[ \t\r\n]*(?:("[^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*")'
    r"|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)|(true|false|null)|([{}\[\]:,]))"
)
_LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None}
_TRAILING = re.compile(r"[ \t\r\n]*\Z")


def loads(text: str) -> Any:
    """The value of the JSON `text`; ValueError when it is not JSON."""
    try:
        return json.loads(text)
    except RecursionError:
        return _DeepParser(text).document()


def dumps_compact(value: Any) -> str:
    """`value` as compact JSON (non-ASCII kept as it is)."""
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except RecursionError:
        return "".join(_iter_compact(value))


class _DeepParser:
    """An explicit-stack JSON parser: a list of open containers instead of the call stack."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0

    def _next(self) -> tuple[int, str]:
        match = _TOKEN.match(self.text, self.position)
        if match is None or match.lastindex is None:
            raise ValueError(f"Expecting a JSON token at character {self.position}")
        self.position = match.end()
        return match.lastindex, match.group(match.lastindex)

    def document(self) -> Any:
        value = self._value(*self._next())
        if _TRAILING.match(self.text, self.position) is None:
            raise ValueError(f"Extra data at character {self.position}")
        return value

    def _value(self, kind: int, token: str) -> Any:
        # Each open container is [container, key waiting for its value or None].
        stack: list[list[Any]] = []
        while True:
            if kind == 4 and token in "{[":
                stack.append([{} if token == "{" else [], None])
                kind, token = self._next()
                if token in "}]":
                    value = self._close(stack, token)
                elif isinstance(stack[-1][0], dict):
                    stack[-1][1] = self._key(kind, token)
                    kind, token = self._next()
                    continue
                else:
                    continue
            else:
                value = self._scalar(kind, token)
            while True:  # `value` is complete: put it into its container
                if not stack:
                    return value
                top = stack[-1]
                if isinstance(top[0], dict):
                    top[0][top[1]] = value
                else:
                    top[0].append(value)
                kind, token = self._next()
                if token == ",":
                    kind, token = self._next()
                    if isinstance(top[0], dict):
                        top[1] = self._key(kind, token)
                        kind, token = self._next()
                    break
                value = self._close(stack, token)

    def _key(self, kind: int, token: str) -> str:
        if kind != 1:
            raise ValueError(f"Expecting a property name at character {self.position}")
        key: str = json.loads(token)
        _, colon = self._next()
        if colon != ":":
            raise ValueError(f"Expecting ':' at character {self.position}")
        return key

    def _close(self, stack: list[list[Any]], token: str) -> Any:
        container = stack.pop()[0]
        if token != ("}" if isinstance(container, dict) else "]"):
            raise ValueError(f"Expecting ',' or a closing bracket at character {self.position}")
        return container

    def _scalar(self, kind: int, token: str) -> Any:
        if kind in (1, 2):
            return json.loads(token)
        if kind == 3:
            return _LITERALS[token]
        raise ValueError(f"Expecting a value at character {self.position}")


def _iter_compact(value: Any) -> Any:
    """The pieces of `value`'s compact JSON, depth first, with a stack of iterators."""
    stack: list[Any] = [iter([value])]
    closers: list[str] = [""]
    first: list[bool] = [True]
    while stack:
        try:
            item = next(stack[-1])
        except StopIteration:
            stack.pop()
            first.pop()
            yield closers.pop()
            continue
        if not first[-1]:
            yield ","
        first[-1] = False
        if isinstance(item, tuple):  # (key, value) of an object
            yield json.dumps(item[0], ensure_ascii=False) + ":"
            item = item[1]
        if isinstance(item, dict):
            yield "{"
            stack.append(iter(list(item.items())))
            closers.append("}")
            first.append(True)
        elif isinstance(item, list):
            yield "["
            stack.append(iter(item))
            closers.append("]")
            first.append(True)
        else:
            yield json.dumps(item, ensure_ascii=False)
