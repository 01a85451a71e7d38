"""Problems and errors of the OAuth layer, each carrying a message that names the cause and the fix.

`ProviderProblem` is a problem in a `"Security": {"Auth": ...}` entry of an env file (with the JSON
path the language server turns into a diagnostic range), `ProviderLookupError` is why a provider
id cannot be used, and `TokenRequestError` is what a `TokenTransport` raises when a token request
fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from oauth_http.syntax.spans import Span

ProblemSeverity = Literal["error", "warning", "information"]


@dataclass(frozen=True)
class ProviderProblem:
    """One problem in an auth entry.

    `auth_id` names the entry under `"Security": {"Auth": ...}`; `key` the key inside it (None when
    the problem is about the entry as a whole, e.g. a missing key); `subkey` a key inside an object
    value such as "Authorize Parameters". `code` is stable, for code actions. `file_path` and
    `span` say where in which env file the problem belongs, when the entry came from one.
    """

    auth_id: str
    key: str | None
    message: str
    severity: ProblemSeverity = "error"
    code: str = "invalid-auth-entry"
    subkey: str | None = None
    file_path: str | None = None
    span: Span | None = None

    @property
    def path(self) -> tuple[str, ...]:
        """The JSON path below `"Security"."Auth"`: (auth id[, key[, subkey]])."""
        parts = [self.auth_id]
        if self.key is not None:
            parts.append(self.key)
            if self.subkey is not None:
                parts.append(self.subkey)
        return tuple(parts)


@dataclass(frozen=True)
class ProviderLookupError:
    """Why `provider_id` cannot be used: unknown, broken entry, or missing configuration."""

    provider_id: str
    message: str
    suggestion: str | None = None


class TokenRequestError(Exception):
    """A request-token or access-token request failed; `message` says why and what to do next."""

    def __init__(self, message: str, *, kind: str = "failed") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind


class SecretStorageError(Exception):
    """Secret storage could not read, store or delete a secret; `message` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
