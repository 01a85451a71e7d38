"""The keys of an auth entry that take one of a few values ("Flow", "Body Hash", "Signature
Method", ...) or true/false ("Include Version", ...), read into the provider's fields.

A value that is none of the valid ones is a problem on its key that names the closest valid value
and all of them; matching ignores case and extra spaces, nothing else, so a near miss such as
"HMAC-SHA-1" is reported rather than guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from oauth_http.oauth.auth_keys import (
    BODY_HASH,
    BOOLEAN_KEYS,
    FLOW,
    PASTE_FORMAT,
    SIGNATURE_METHOD,
    SIGNATURE_PLACEMENT,
    closest_choice,
)
from oauth_http.oauth.errors import ProblemSeverity
from oauth_http.oauth.provider_model import (
    BODY_HASH_MODES,
    FLOWS,
    PASTE_FORMATS,
    SIGNATURE_METHODS,
    SIGNATURE_PLACEMENTS,
)


class EntryReader(Protocol):
    """What the option readers use of the entry reader."""

    entry: Mapping[str, Any]
    fields: dict[str, Any]

    def text(self, key: str) -> str | None: ...

    def problem(
        self,
        key: str | None,
        message: str,
        *,
        severity: ProblemSeverity = "error",
        code: str = "invalid-auth-entry",
        subkey: str | None = None,
    ) -> None: ...


@dataclass(frozen=True)
class Choice:
    """A key with a fixed set of values: the provider field it sets, what the values are called
    in messages, and the sentence that lists them."""

    key: str
    field: str
    values: tuple[str, ...]
    what: str
    advice: str


def _listed(values: tuple[str, ...]) -> str:
    return ", ".join(f'"{value}"' for value in values)


CHOICES: tuple[Choice, ...] = (
    Choice(
        SIGNATURE_METHOD,
        "signature_method",
        SIGNATURE_METHODS,
        "signature method",
        f"use one of {', '.join(SIGNATURE_METHODS)}.",
    ),
    Choice(
        SIGNATURE_PLACEMENT,
        "signature_placement",
        SIGNATURE_PLACEMENTS,
        "signature placement",
        'use "header" (the Authorization header), "query" or "body".',
    ),
    Choice(
        FLOW,
        "flow",
        FLOWS,
        "flow",
        f'use {_listed(FLOWS)}: "PIN" types the code the provider shows, "Loopback" lets the '
        'browser come back to 127.0.0.1, "Paste" takes tokens made on the provider\'s site, '
        '"Consumer Only" signs without a token.',
    ),
    Choice(
        BODY_HASH,
        "body_hash",
        BODY_HASH_MODES,
        "body hash mode",
        f'use {_listed(BODY_HASH_MODES)}: "Auto" hashes non-form bodies with content, "Always" '
        'every request that has no form body (the empty string when there is no body), "Never" '
        "none.",
    ),
    Choice(
        PASTE_FORMAT,
        "paste_format",
        PASTE_FORMATS,
        "paste format",
        f"use {_listed(PASTE_FORMATS)} (one API key holding the consumer key, the token and "
        "its secret, as Canonical MAAS gives).",
    ),
)
CHOICES_BY_KEY: dict[str, Choice] = {choice.key: choice for choice in CHOICES}


def canonical_value(choice: Choice, text: str) -> str | None:
    """The valid value `text` names (case and extra spaces ignored), or None."""
    by_folded = {_folded(valid): valid for valid in choice.values}
    return by_folded.get(_folded(text))


def read_choice(reader: EntryReader, choice: Choice) -> None:
    """Set `choice.field` from the entry's value when it is one of the valid ones."""
    value = reader.text(choice.key)
    if value is None:
        return
    canonical = canonical_value(choice, value)
    if canonical is not None:
        reader.fields[choice.field] = canonical
        return
    suggestion = closest_choice(value, choice.values)
    if suggestion is not None and choice.key == SIGNATURE_PLACEMENT:
        suggestion = suggestion.lower()
    hint = f'did you mean "{suggestion}"? ' if suggestion else ""
    reader.problem(choice.key, f'Unknown {choice.what} "{value}": {hint}{choice.advice}')


def read_boolean(reader: EntryReader, key: str) -> None:
    """Set the field of a true/false key; anything but a JSON boolean is a problem."""
    if key not in reader.entry:
        return
    value = reader.entry[key]
    if isinstance(value, bool):
        reader.fields[BOOLEAN_KEYS[key]] = value
        return
    reader.problem(key, f'"{key}" must be true or false (without quotes).')


def read_options(reader: EntryReader) -> None:
    """Every enumerated and true/false key of the entry."""
    for choice in CHOICES:
        read_choice(reader, choice)
    for key in BOOLEAN_KEYS:
        read_boolean(reader, key)


def _folded(text: str) -> str:
    return " ".join(text.split()).lower()
