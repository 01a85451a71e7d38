"""The steps every authorization flow shares: asking (an empty answer asked again once), the
consumer key and secret (naming the host they go to when it is not the preset's own), the
private key and its password, and waiting on the network under a
cancellable progress. Each step answers its value, or the outcome that ends the flow."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from oauth_http.oauth.errors import TokenRequestError
from oauth_http.oauth.flow_outcomes import AuthorizeOutcome, Cancelled, Failed
from oauth_http.oauth.interaction import Consumer, Progress, SecretStore, UserInteraction
from oauth_http.oauth.key_files import KeyFiles, read_key_file, stored_key_password
from oauth_http.oauth.overrides import secret_destination
from oauth_http.oauth.presets import PRESETS_BY_ID
from oauth_http.oauth.private_keys import PrivateKeyError, load_private_key
from oauth_http.oauth.provider_model import Provider

CANCEL_POLL_SECONDS = 0.1
KEY_PASSWORD_ATTEMPTS = 3
T = TypeVar("T")


@dataclass(frozen=True)
class NewConsumer:
    """The consumer the flow signs with; `asked` when it was typed (so it is stored at the end),
    `key_password` when the private key's password was typed (stored at the end too)."""

    consumer: Consumer
    asked: bool
    key_password: str | None = None


@dataclass(frozen=True)
class FlowSeams:
    """What a flow runs against besides the transport: the user, secret storage, progress and
    the key files (a relative "Private Key File" is taken from `key_base`)."""

    interaction: UserInteraction
    secrets: SecretStore
    progress: Progress
    key_files: KeyFiles
    key_base: Path | None = None


class FlowSteps:
    def __init__(self, provider: Provider, folder: str, seams: FlowSeams) -> None:
        self.provider = provider
        self.folder = folder
        self.seams = seams
        self.interaction = seams.interaction
        self.progress = seams.progress
        self.title = f"Authorize {provider.label}"
        self.cancelled = Cancelled(f"Authorization of {provider.id} cancelled; nothing was stored.")

    async def ask(
        self,
        what: str,
        prompt: str,
        *,
        masked: bool = False,
        placeholder: str = "",
        value: str = "",
    ) -> str | AuthorizeOutcome:
        """A non-empty answer; an empty one is asked again once, then the flow fails."""
        for attempt in range(2):
            text = prompt if attempt == 0 else f"The {what} cannot be empty. {prompt}"
            answer = await self.interaction.ask_text(
                self.title, text, masked=masked, placeholder=placeholder, value=value
            )
            if answer is None:
                return self.cancelled
            if answer.strip():
                return answer.strip()
        return Failed(
            f"No {what} was entered for {self.provider.id}: run Authorize again and enter it."
        )

    async def consumer(
        self, known_key: str | None, known_secret: str | None
    ) -> NewConsumer | AuthorizeOutcome:
        label = self.provider.label
        destination = secret_destination(self.provider, PRESETS_BY_ID.get(self.provider.id))
        if destination is not None:
            # Not the preset's own host: the workspace chose where the secret goes.
            label = f"{label}; this workspace sends it to {destination}"
        key = known_key
        if key is None:
            answer = await self.ask(
                "consumer key",
                f"Consumer key (API key) of your application registered with {label}",
                placeholder="consumer key",
                value=self.provider.suggested_consumer_key or "",
            )
            if not isinstance(answer, str):
                return answer
            key = answer
        secret = known_secret
        if secret is None:
            answer = await self.ask(
                "consumer secret",
                f"Consumer secret (API secret) of your application registered with {label}",
                masked=True,
                placeholder="consumer secret",
            )
            if not isinstance(answer, str):
                return answer
            secret = answer
        return NewConsumer(Consumer(key, secret), asked=(known_key, known_secret) != (key, secret))

    async def private_key(self, chosen: NewConsumer) -> NewConsumer | AuthorizeOutcome:
        """`chosen` with the provider's RSA private key loaded, its password asked (masked) when
        the stored one is missing or wrong; unchanged for HMAC and PLAINTEXT providers."""
        if not self.provider.uses_rsa:
            return chosen
        try:
            path, data = read_key_file(self.provider, self.seams.key_files, self.seams.key_base)
        except PrivateKeyError as error:
            return Failed(error.message)
        password = await stored_key_password(self.provider, self.folder, self.seams.secrets)
        asked = False
        for attempt in range(KEY_PASSWORD_ATTEMPTS):
            try:
                pem = load_private_key(data, str(path), password)
            except PrivateKeyError as error:
                if not error.needs_password or attempt == KEY_PASSWORD_ATTEMPTS - 1:
                    return Failed(f"{error.message} Nothing was stored.")
                again = " (the one given is not right)" if password else ""
                answer = await self.ask(
                    "key password",
                    f"Password of the private key {path.name}{again}",
                    masked=True,
                    placeholder="key password",
                )
                if not isinstance(answer, str):
                    return answer
                password, asked = answer, True
                continue
            consumer = replace(chosen.consumer, private_key=pem)
            return replace(chosen, consumer=consumer, key_password=password if asked else None)
        return Failed(f"The private key {path.name} could not be opened; nothing was stored.")

    async def network(self, message: str, call: Awaitable[T]) -> T | AuthorizeOutcome:
        """Await `call` under progress; a cancel in the progress abandons it."""
        await self.progress.begin(self.title, message)
        task = asyncio.ensure_future(call)
        try:
            while True:
                done, _ = await asyncio.wait({task}, timeout=CANCEL_POLL_SECONDS)
                if done:
                    return task.result()
                if self.progress.cancelled:
                    task.cancel()
                    return self.cancelled
        except TokenRequestError as error:
            return Failed(error.message)
        except Exception as error:  # a transport bug must not take the editor down
            return Failed(
                f"Unexpected {type(error).__name__} while {message[0].lower()}"
                f"{message[1:].rstrip('…')}: {error}"
            )
        finally:
            await self.progress.end("")
