"""A small JSONPath subset for `{{NAME.response.body.$.path}}`, without a dependency.

Supported: `$`, `.key`, `.*`, `['key']` / `["key"]`, `[n]` (negative counts from the end),
`[*]` and `..key` / `..*` (recursive descent). As REST Client does, a reference takes the first
match; strings are given as they are and other values as compact JSON.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from oauth_http.sending.json_values import dumps_compact

_DOT_KEY = re.compile(r"\.(\*|[^.\[\]]+)")
_DEEP_KEY = re.compile(r"\.\.(\*|[^.\[\]]+)")
_BRACKET = re.compile(r"""\[\s*(?:(\*)|(-?\d+)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\]""")

WILDCARD = "*"


@dataclass(frozen=True, slots=True)
class Step:
    """One step: a key (str), an index (int) or `*`; `deep` for `..` (any depth below)."""

    selector: str | int
    deep: bool = False


class JsonPathError(ValueError):
    """The path is not in the supported subset; the message says where."""


def parse_path(path: str) -> tuple[Step, ...]:
    """The steps of `path`, which must start with `$`."""
    text = path.strip()
    if not text.startswith("$"):
        raise JsonPathError(f"A JSONPath starts with '$', e.g. $.id; got {path!r}.")
    steps: list[Step] = []
    position = 1
    while position < len(text):
        deep = _DEEP_KEY.match(text, position)
        if deep:
            steps.append(Step(deep.group(1), deep=True))
            position = deep.end()
            continue
        if text.startswith("..[", position):
            bracket = _BRACKET.match(text, position + 2)
            if bracket:
                steps.append(Step(_bracket_selector(bracket), deep=True))
                position = bracket.end()
                continue
        dot = _DOT_KEY.match(text, position)
        if dot:
            steps.append(Step(dot.group(1)))
            position = dot.end()
            continue
        bracket = _BRACKET.match(text, position)
        if bracket:
            steps.append(Step(_bracket_selector(bracket)))
            position = bracket.end()
            continue
        raise JsonPathError(f"Cannot read the JSONPath {path!r} at {text[position:]!r}.")
    return tuple(steps)


def _bracket_selector(match: re.Match[str]) -> str | int:
    star, index, single, double = match.groups()
    if star:
        return WILDCARD
    if index is not None:
        return int(index)
    quoted = single if single is not None else double
    return re.sub(r"\\(.)", r"\1", quoted)


def find(path: str, document: object) -> list[object]:
    """Every value `path` selects in `document` (parsed JSON), in document order."""
    current: list[object] = [document]
    for step in parse_path(path):
        following: list[object] = []
        for value in current:
            sources = _descendants(value) if step.deep else iter((value,))
            for source in sources:
                following.extend(_select(source, step.selector))
        current = following
    return current


def _descendants(value: object) -> Iterator[object]:
    """`value` and everything inside it, depth first."""
    stack = [value]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _select(value: object, selector: str | int) -> list[object]:
    if selector == WILDCARD:
        if isinstance(value, dict):
            return list(value.values())
        return list(value) if isinstance(value, list) else []
    if isinstance(selector, int):
        if isinstance(value, list) and -len(value) <= selector < len(value):
            return [value[selector]]
        return []
    if isinstance(value, dict) and selector in value:
        return [value[selector]]
    if isinstance(value, list) and selector.lstrip("-").isdigit():
        return _select(value, int(selector))
    return []


def as_text(value: object) -> str:
    """How a selected value is substituted: strings as they are, the rest as compact JSON."""
    if isinstance(value, str):
        return value
    return dumps_compact(value)


def first_match(path: str, document: object) -> str | None:
    """The first value `path` selects, as text; None when nothing matches or the path is bad."""
    try:
        found = find(path, document)
    except JsonPathError:
        return None
    return as_text(found[0]) if found else None
