"""Reading a command's arguments, one typed way, into the TypedDicts of `methods`.

`workspace/executeCommand` carries a list of JSON values; every command here takes one object
(pygls may hand it over as a namedtuple). `read_arguments(SendArguments, arguments)` keeps the
keys the TypedDict declares whose values have the declared type (an empty string counts as
absent), and answers `MissingArguments` when a required key is absent or of the wrong type.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar, cast

T = TypeVar("T")


@dataclass(frozen=True)
class MissingArguments:
    """The required keys a command's arguments lack."""

    command: str
    keys: tuple[str, ...]

    @property
    def message(self) -> str:
        return f"{self.command} needs {', '.join(self.keys)} in its arguments."


def read_arguments(
    kind: type[T], command: str, arguments: Sequence[Any], *, bare_string: str | None = None
) -> T | MissingArguments:
    """The first argument read as the TypedDict `kind`. With `bare_string`, a bare string
    argument is taken as that key's value (`oauthHttp.authorize "sandbox"`)."""
    given = _as_mapping(arguments[0] if arguments else None, bare_string)
    fields, required = _fields(cast(Any, kind))
    read: dict[str, Any] = {}
    for key, expected in fields.items():
        value = given.get(key)
        if _fits(value, expected):
            read[key] = value
    missing = tuple(key for key in required if key not in read)
    if missing:
        return MissingArguments(command, missing)
    return cast(T, read)


def _as_mapping(first: object, bare_string: str | None) -> Mapping[str, Any]:
    if isinstance(first, str) and bare_string is not None:
        return {bare_string: first}
    if isinstance(first, Mapping):
        return first
    as_dict = getattr(first, "_asdict", None)
    if callable(as_dict):
        return cast(Mapping[str, Any], as_dict())
    return {}


@cache
def _fields(kind: Any) -> tuple[dict[str, type], tuple[str, ...]]:
    hints = typing.get_type_hints(kind)
    required: frozenset[str] = getattr(kind, "__required_keys__", frozenset())
    return dict(hints), tuple(key for key in hints if key in required)


def _fits(value: object, expected: type) -> bool:
    if expected is bool:
        return isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if expected is str:
        return isinstance(value, str) and value != ""
    raise TypeError(f"command arguments of type {expected!r} are not supported")
