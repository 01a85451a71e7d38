"""Authorizing a provider with its flow, against the interfaces in `interaction` and `loopback`.

- PIN: a request token with `oauth_callback=oob`, the authorize page, the PIN typed in.
- Loopback: the same, with the browser coming back to a listener on 127.0.0.1 (`flow_loopback`).
- Paste: the access token and secret made on the provider's site (`flow_paste`).
- Consumer Only: no token at all; the consumer secret is stored, or the key file found.

Consumer key and secret are asked only when neither the env file nor secret storage has them, a
private key's password only when the stored one is missing or wrong; they are stored, with the
token, only once the whole flow succeeds, so cancelling or failing at any step stores nothing new.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from oauth_http.oauth.credentials import known_consumer
from oauth_http.oauth.errors import SecretStorageError
from oauth_http.oauth.flow_loopback import DEFAULT_TIMEOUT_SECONDS, loopback_token
from oauth_http.oauth.flow_outcomes import Authorized, AuthorizeOutcome, Cancelled, Failed
from oauth_http.oauth.flow_paste import Pasted, paste_api_key, paste_token
from oauth_http.oauth.flow_steps import FlowSeams, FlowSteps, NewConsumer
from oauth_http.oauth.interaction import (
    AccessToken,
    Progress,
    RequestToken,
    SecretStore,
    TokenTransport,
    UserInteraction,
)
from oauth_http.oauth.key_files import DiskKeyFiles, KeyFiles
from oauth_http.oauth.loopback import LoopbackServer
from oauth_http.oauth.provider_model import Provider, authorize_address, usability_problem
from oauth_http.oauth.secret_keys import (
    consumer_secret_name,
    encode_consumer,
    encode_key_password,
    encode_token,
    key_password_name,
    stored_token_from,
    token_secret_name,
)

__all__ = ["AuthorizeOutcome", "Authorized", "Cancelled", "Failed", "authorize"]


async def authorize(
    provider: Provider,
    *,
    folder: str,
    interaction: UserInteraction,
    secrets: SecretStore,
    transport: TokenTransport,
    progress: Progress,
    loopback: LoopbackServer | None = None,
    key_files: KeyFiles | None = None,
    key_base: Path | None = None,
    browser_timeout: float = DEFAULT_TIMEOUT_SECONDS,
) -> AuthorizeOutcome:
    """Run `provider`'s flow in the workspace `folder` and store what it obtained.

    `loopback` opens the Loopback flow's listener (the real one when None); `key_files` reads
    an RSA provider's key file, relative to `key_base`; `browser_timeout` bounds the Loopback
    flow's wait for the browser.
    """
    problem = usability_problem(provider)
    if problem is not None:
        return Failed(problem)
    seams = FlowSeams(interaction, secrets, progress, key_files or DiskKeyFiles(), key_base)
    steps = FlowSteps(provider, folder, seams)
    try:
        if provider.flow == "Paste" and provider.paste_format == "consumer:token:secret":
            return await _pasted_api_key(steps)
        known = await known_consumer(provider, folder, secrets)
        chosen = await steps.consumer(known.key, known.secret)
        if isinstance(chosen, NewConsumer):
            chosen = await steps.private_key(chosen)
        if not isinstance(chosen, NewConsumer):
            return chosen
        if provider.consumer_only:
            return await _store(steps, chosen, None)
        if provider.flow == "Paste":
            pasted = await paste_token(steps)
            return (
                pasted
                if not isinstance(pasted, Pasted)
                else await _store(steps, chosen, pasted.token)
            )
        if provider.flow == "Loopback":
            if loopback is None:
                from oauth_http.oauth.loopback_listener import AsyncioLoopbackServer

                loopback = AsyncioLoopbackServer()
            access = await loopback_token(steps, chosen, transport, loopback, browser_timeout)
        else:
            access = await _pin_token(steps, chosen, transport)
        if not isinstance(access, AccessToken):
            return access
        return await _store(steps, chosen, access)
    except SecretStorageError as error:
        return Failed(f"Secret storage failed: {error.message}. Nothing new was stored.")


async def _pin_token(
    steps: FlowSteps, chosen: NewConsumer, transport: TokenTransport
) -> AccessToken | AuthorizeOutcome:
    provider = steps.provider
    request_token = await steps.network(
        f"Requesting a request token from {provider.label}…",
        transport.fetch_request_token(provider, chosen.consumer),
    )
    if not isinstance(request_token, RequestToken):
        return request_token
    url = authorize_address(provider, request_token.token)
    opened = await steps.interaction.open_url(url)
    await steps.interaction.show_info(f"To authorize {provider.label}, approve access at {url}")
    where = "in the browser" if opened else "at the address shown (the browser did not open)"
    pin = await steps.ask(
        "PIN",
        f"Approve access {where}, then enter the PIN (verifier) {provider.label} shows",
        placeholder="PIN",
    )
    if not isinstance(pin, str):
        return pin
    return await steps.network(
        f"Exchanging the PIN for an access token at {provider.label}…",
        transport.fetch_access_token(provider, chosen.consumer, request_token, pin),
    )


async def _pasted_api_key(steps: FlowSteps) -> AuthorizeOutcome:
    pasted = await paste_api_key(steps)
    if not isinstance(pasted, Pasted) or pasted.consumer is None:
        return pasted if not isinstance(pasted, Pasted) else Failed("No consumer was pasted.")
    chosen = await steps.private_key(pasted.consumer)
    if not isinstance(chosen, NewConsumer):
        return chosen
    return await _store(steps, chosen, pasted.token)


async def _store(
    steps: FlowSteps, chosen: NewConsumer, access: AccessToken | None
) -> AuthorizeOutcome:
    """Keep what the flow obtained, and say so; a provider with no token is only "ready"."""
    provider, folder, secrets = steps.provider, steps.folder, steps.seams.secrets
    # A Consumer Only RSA provider's stored consumer says its key was found (and opened).
    if chosen.asked or (access is None and provider.uses_rsa):
        stored = replace(chosen.consumer, private_key=None)
        await secrets.store(consumer_secret_name(folder, provider.id), encode_consumer(stored))
    if chosen.key_password is not None:
        await secrets.store(
            key_password_name(folder, provider.id), encode_key_password(chosen.key_password)
        )
    if access is None:
        return Authorized(
            provider.id,
            None,
            f"{provider.id} is ready: its requests are signed with the consumer credentials "
            "alone (no token).",
        )
    token = stored_token_from(access)
    await secrets.store(token_secret_name(folder, provider.id), encode_token(token))
    identity = token.identity
    if provider.flow == "Paste":
        message = f"Stored the access token for {provider.id}"
    else:
        message = (
            f"Authorized {provider.id} as {identity}" if identity else f"Authorized {provider.id}"
        )
    return Authorized(provider.id, identity, message)
