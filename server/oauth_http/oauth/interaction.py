"""The small interfaces the authorization flows run against, and the values that cross them.

Front ends adapt them: the language server to custom LSP requests and SecretStorage, the CLI to
the terminal and the keyring, unit tests to fakes. Every method is async. The Loopback flow's
listener is the seam in `loopback`; key files are read through `key_files.KeyFiles`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from oauth_http.oauth.provider_model import Provider


@dataclass(frozen=True)
class Consumer:
    """The application's credentials; `secret` is empty for RSA providers, whose `private_key`
    (PEM text, opened in memory) the flow loads before the token requests."""

    key: str
    secret: str
    private_key: str | None = field(default=None, compare=False)

    def __repr__(self) -> str:
        return f"Consumer(key={self.key!r}, secret=***)"


@dataclass(frozen=True)
class RequestToken:
    token: str
    secret: str
    callback_confirmed: bool = False

    def __repr__(self) -> str:
        return f"RequestToken(token={self.token!r}, secret=***)"


@dataclass(frozen=True)
class AccessToken:
    """An access token; `extra` holds the other response fields (`screen_name`, `user_id`, ...)."""

    token: str
    secret: str
    extra: Mapping[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"AccessToken(token=***, secret=***, extra={dict(self.extra)!r})"


@dataclass(frozen=True)
class PickChoice:
    id: str
    label: str
    description: str = ""


class UserInteraction(Protocol):
    async def ask_text(
        self,
        title: str,
        prompt: str,
        *,
        masked: bool = False,
        placeholder: str = "",
        value: str = "",
    ) -> str | None:
        """One line of text, or None when the user cancelled."""
        ...

    async def pick(self, title: str, items: Sequence[PickChoice]) -> str | None:
        """The id of the chosen item, or None when the user cancelled."""
        ...

    async def open_url(self, url: str) -> bool:
        """Open `url` in the browser; False when it could not be opened."""
        ...

    async def choose(self, text: str, actions: Sequence[str]) -> str | None:
        """Show `text` with a button per action; the action clicked, or None when the message
        was dismissed (a front end without buttons shows the text and answers None at once).
        The flow may stop waiting for the answer (the task is cancelled)."""
        ...

    async def confirm(self, text: str, action: str) -> bool:
        """Ask the user to agree to `text`: True only when they do (the editor: the button
        `action` clicked; a terminal: `yes` typed, or one line of stdin reading `yes`). Dismissing,
        any other answer, or no answer at all, refuses."""
        ...

    async def show_info(self, text: str) -> None: ...

    async def show_error(self, text: str) -> None: ...


class SecretStore(Protocol):
    async def get(self, key: str) -> str | None: ...

    async def store(self, key: str, value: str) -> None: ...

    async def delete(self, key: str) -> None: ...


class Progress(Protocol):
    """Shows that the flow waits on the network; `cancelled` turns true when the user cancels."""

    async def begin(self, title: str, message: str) -> None: ...

    async def report(self, message: str) -> None: ...

    async def end(self, message: str) -> None: ...

    @property
    def cancelled(self) -> bool: ...


class TokenTransport(Protocol):
    """Fetches tokens over the network; raises `TokenRequestError` with a clear message."""

    async def fetch_request_token(self, provider: Provider, consumer: Consumer) -> RequestToken: ...

    async def fetch_access_token(
        self, provider: Provider, consumer: Consumer, request_token: RequestToken, verifier: str
    ) -> AccessToken: ...
