"""The three-legged PIN (out-of-band) flow, against the interfaces in `interaction`.

Consumer key and secret are asked only when neither the env file nor secret storage has them;
they are stored, with the access token, only once the whole flow succeeds, so cancelling or
failing at any step stores nothing new.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Literal, TypeVar

from oauth_http.oauth.credentials import known_consumer
from oauth_http.oauth.errors import SecretStorageError, TokenRequestError
from oauth_http.oauth.interaction import (
    AccessToken,
    Consumer,
    Progress,
    RequestToken,
    SecretStore,
    TokenTransport,
    UserInteraction,
)
from oauth_http.oauth.provider_model import Provider, authorize_address, usability_problem
from oauth_http.oauth.secret_keys import (
    consumer_secret_name,
    encode_consumer,
    encode_token,
    stored_token_from,
    token_secret_name,
)

CANCEL_POLL_SECONDS = 0.1
T = TypeVar("T")


@dataclass(frozen=True)
class Authorized:
    provider_id: str
    identity: str | None
    message: str
    status: Literal["authorized"] = "authorized"


@dataclass(frozen=True)
class Cancelled:
    message: str
    status: Literal["cancelled"] = "cancelled"


@dataclass(frozen=True)
class Failed:
    message: str
    status: Literal["failed"] = "failed"


AuthorizeOutcome = Authorized | Cancelled | Failed


@dataclass(frozen=True)
class _NewConsumer:
    consumer: Consumer
    asked: bool


class _Flow:
    def __init__(
        self,
        provider: Provider,
        interaction: UserInteraction,
        progress: Progress,
    ) -> None:
        self.provider = provider
        self.interaction = interaction
        self.progress = progress
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
    ) -> _NewConsumer | AuthorizeOutcome:
        label = self.provider.label
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
        return _NewConsumer(Consumer(key, secret), asked=(known_key, known_secret) != (key, secret))

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

    async def pin(self, url: str) -> str | AuthorizeOutcome:
        opened = await self.interaction.open_url(url)
        await self.interaction.show_info(
            f"To authorize {self.provider.label}, approve access at {url}"
        )
        where = "in the browser" if opened else "at the address shown (the browser did not open)"
        return await self.ask(
            "PIN",
            f"Approve access {where}, then enter the PIN (verifier) {self.provider.label} shows",
            placeholder="PIN",
        )


async def authorize(
    provider: Provider,
    *,
    folder: str,
    interaction: UserInteraction,
    secrets: SecretStore,
    transport: TokenTransport,
    progress: Progress,
) -> AuthorizeOutcome:
    """Run the PIN flow for `provider` in the workspace `folder` and store the access token."""
    problem = usability_problem(provider)
    if problem is not None:
        return Failed(problem)
    flow = _Flow(provider, interaction, progress)
    try:
        known = await known_consumer(provider, folder, secrets)
        chosen = await flow.consumer(known.key, known.secret)
        if not isinstance(chosen, _NewConsumer):
            return chosen
        request_token = await flow.network(
            f"Requesting a request token from {provider.label}…",
            transport.fetch_request_token(provider, chosen.consumer),
        )
        if not isinstance(request_token, RequestToken):
            return request_token
        pin = await flow.pin(authorize_address(provider, request_token.token))
        if not isinstance(pin, str):
            return pin
        access = await flow.network(
            f"Exchanging the PIN for an access token at {provider.label}…",
            transport.fetch_access_token(provider, chosen.consumer, request_token, pin),
        )
        if not isinstance(access, AccessToken):
            return access
        return await _store(provider, folder, secrets, chosen, access)
    except SecretStorageError as error:
        return Failed(f"Secret storage failed: {error.message}. Nothing new was stored.")


async def _store(
    provider: Provider,
    folder: str,
    secrets: SecretStore,
    chosen: _NewConsumer,
    access: AccessToken,
) -> AuthorizeOutcome:
    token = stored_token_from(access)
    if chosen.asked:
        await secrets.store(
            consumer_secret_name(folder, provider.id), encode_consumer(chosen.consumer)
        )
    await secrets.store(token_secret_name(folder, provider.id), encode_token(token))
    identity = token.identity
    message = f"Authorized {provider.id} as {identity}" if identity else f"Authorized {provider.id}"
    return Authorized(provider.id, identity, message)
