"""What resolving references produces: definitions, resolved text and requests, and the
references left unresolved with the reason. Also the seam for earlier responses' values."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from oauth_http.syntax.model import BodyPart
from oauth_http.syntax.spans import Span

Source = Literal["prompt", "file", "environment", "shared"]


class RequestValues(Protocol):
    """Values of earlier responses: `lookup("login", ("response", "body", "$.id"))`; None when
    there is no such value, `ValueUnavailableError` when the response cannot be read for it."""

    def lookup(self, request_name: str, path: Sequence[str]) -> str | None: ...


class ValueUnavailableError(Exception):
    """The response is there but its value cannot be read (its body was cut, or is too big to
    read); the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A reference left as written, and why.

    `name` is the variable (`host`, `$dotenv`, the request name `login`), empty for text that is
    not a well-formed reference. `via` lists the file variables whose values led to it, outermost
    first; then `span` is inside the last one's definition.
    """

    name: str
    span: Span
    message: str
    raw: str = ""
    via: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Definition:
    """Where a variable's value comes from, for hover and go to definition.

    `raw` is the value as written and `value` the resolved one; both are None for a prompt that
    has no value yet. `path` is None for the current document. `unresolved` lists what the value
    itself could not resolve (a file variable referring to an undefined one, a cycle).
    """

    name: str
    source: Source
    raw: str | None
    value: str | None
    path: str | None
    span: Span | None
    private: bool = False
    environment: str | None = None
    unresolved: tuple[Unresolved, ...] = ()


@dataclass(frozen=True, slots=True)
class Resolution:
    text: str
    unresolved: tuple[Unresolved, ...]


@dataclass(frozen=True, slots=True)
class ResolvedRequest:
    """A request with its references replaced; body includes are left for the caller to read.

    `BodyInclude` parts keep their (resolved) path; a `<@` include's content should go through
    `resolve_text` once read.
    """

    method: str
    url: str
    headers: list[tuple[str, str]]
    body: tuple[BodyPart, ...] | None
    unresolved: tuple[Unresolved, ...]


def unique(items: Iterable[Unresolved]) -> tuple[Unresolved, ...]:
    """`items` without repeats (same place, same message), in order."""
    seen: set[tuple[Span, str]] = set()
    kept: list[Unresolved] = []
    for item in items:
        key = (item.span, item.message)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return tuple(kept)
