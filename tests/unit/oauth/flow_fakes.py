"""Fakes at the authorization flows' seams (interaction, secrets, transport, progress, key
files; the Loopback listener's fake is in loopback_fakes.py) for unit tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from oauth_http.oauth.errors import SecretStorageError, TokenRequestError
from oauth_http.oauth.flow import AuthorizeOutcome, authorize
from oauth_http.oauth.interaction import (
    AccessToken,
    Consumer,
    PickChoice,
    RequestToken,
)
from oauth_http.oauth.loopback import LoopbackServer
from oauth_http.oauth.provider_model import Provider
from oauth_http.sandbox.accounts import demo_rsa_pkcs12_path, demo_rsa_private_key


@dataclass
class Ask:
    title: str
    prompt: str
    masked: bool
    placeholder: str
    value: str


@dataclass
class FakeInteraction:
    """Answers prompts from `answers` in order; records what was asked, opened and shown."""

    answers: list[str | None]
    picks: list[str | None] = field(default_factory=list)
    opens: bool = True
    asked: list[Ask] = field(default_factory=list)
    opened: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    picked_from: list[list[PickChoice]] = field(default_factory=list)
    # What `choose` answers (None: dismissed at once); it waits for `choice_ready` first.
    choice: str | None = None
    choice_ready: asyncio.Event = field(default_factory=asyncio.Event)
    offers: list[str] = field(default_factory=list)
    # Plays the browser: called with each address the flow opens.
    on_open: Callable[[str], None] | None = None
    # What `confirm` answers (a definition of the workspace's own agreed to); what it showed.
    agrees: bool = True
    confirmations: list[str] = field(default_factory=list)

    async def ask_text(
        self,
        title: str,
        prompt: str,
        *,
        masked: bool = False,
        placeholder: str = "",
        value: str = "",
    ) -> str | None:
        self.asked.append(Ask(title, prompt, masked, placeholder, value))
        assert self.answers, f"unexpected prompt: {prompt}"
        return self.answers.pop(0)

    async def pick(self, title: str, items: Sequence[PickChoice]) -> str | None:
        self.picked_from.append(list(items))
        return self.picks.pop(0)

    async def open_url(self, url: str) -> bool:
        self.opened.append(url)
        if self.on_open is not None:
            self.on_open(url)
        return self.opens

    async def choose(self, text: str, actions: Sequence[str]) -> str | None:
        self.offers.append(text)
        if self.choice is None:
            return None
        await self.choice_ready.wait()
        return self.choice

    async def confirm(self, text: str, action: str) -> bool:
        self.confirmations.append(text)
        return self.agrees

    async def show_info(self, text: str) -> None:
        self.infos.append(text)

    async def show_error(self, text: str) -> None:
        self.errors.append(text)


@dataclass
class DictKeyFiles:
    """Key files by path (as the flow asks for them); a missing one is FileNotFoundError."""

    files: dict[str, bytes] = field(default_factory=dict)
    read: list[str] = field(default_factory=list)

    def read_bytes(self, path: Path) -> bytes:
        self.read.append(str(path))
        if str(path) not in self.files:
            raise FileNotFoundError(2, "No such file or directory")
        return self.files[str(path)]


@dataclass
class DictSecrets:
    values: dict[str, str] = field(default_factory=dict)
    fail_on_store: bool = False

    async def get(self, key: str) -> str | None:
        return self.values.get(key)

    async def store(self, key: str, value: str) -> None:
        if self.fail_on_store:
            raise SecretStorageError("the keychain is locked")
        self.values[key] = value

    async def delete(self, key: str) -> None:
        self.values.pop(key, None)


@dataclass
class FakeProgress:
    """Records progress; cancels right after any `begin` (`cancel_after_begin`) or after the
    `begin` whose message is `cancel_on`."""

    cancel_after_begin: bool = False
    cancel_on: str | None = None
    began: list[str] = field(default_factory=list)
    ended: int = 0
    _cancelled: bool = False

    async def begin(self, title: str, message: str) -> None:
        self.began.append(message)
        self._cancelled = self.cancel_after_begin or message == self.cancel_on

    async def report(self, message: str) -> None:
        pass

    async def end(self, message: str) -> None:
        self.ended += 1

    @property
    def cancelled(self) -> bool:
        return self._cancelled


@dataclass
class FakeTransport:
    """Hands out fixed tokens; `fail_request`/`fail_access` raise; `hang` never answers."""

    access_extra: dict[str, str] = field(
        default_factory=lambda: {"user_id": "42", "screen_name": "sandbox_user"}
    )
    fail_request: str | None = None
    fail_access: str | None = None
    hang: bool = False
    consumers: list[Consumer] = field(default_factory=list)
    verifiers: list[str] = field(default_factory=list)
    callbacks: list[str] = field(default_factory=list)

    async def fetch_request_token(self, provider: Provider, consumer: Consumer) -> RequestToken:
        self.consumers.append(consumer)
        self.callbacks.append(provider.callback)
        if self.hang:
            await asyncio.Event().wait()
        if self.fail_request:
            raise TokenRequestError(self.fail_request)
        return RequestToken("request-token", "request-secret", True)

    async def fetch_access_token(
        self, provider: Provider, consumer: Consumer, request_token: RequestToken, verifier: str
    ) -> AccessToken:
        assert request_token.token == "request-token"
        self.verifiers.append(verifier)
        if self.fail_access:
            raise TokenRequestError(self.fail_access)
        return AccessToken("access-token", "access-secret", dict(self.access_extra))


FOLDER = "file:///work/project"
KEY_FILES = {
    "key.pem": demo_rsa_private_key().encode(),
    "signing.p12": Path(demo_rsa_pkcs12_path()).read_bytes(),
}


async def run_flow(
    provider: Provider,
    interaction: FakeInteraction,
    *,
    secrets: DictSecrets | None = None,
    transport: FakeTransport | None = None,
    progress: FakeProgress | None = None,
    loopback: LoopbackServer | None = None,
    timeout: float = 60,
) -> AuthorizeOutcome:
    """`authorize` in FOLDER with fakes at every seam not given (the demo keys as key files)."""
    return await authorize(
        provider,
        folder=FOLDER,
        interaction=interaction,
        secrets=secrets if secrets is not None else DictSecrets(),
        transport=transport or FakeTransport(),
        progress=progress or FakeProgress(),
        loopback=loopback,
        key_files=DictKeyFiles(dict(KEY_FILES)),
        browser_timeout=timeout,
    )
