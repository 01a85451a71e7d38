"""What is stored for a provider in a workspace folder: the consumer, the access token, and the
credentials that sign requests. Also signing out.

The consumer comes from the env file when it sets the key (and secret), else from secret storage.
A Consumer Only provider signs with the consumer alone, so it is ready as soon as the consumer is
known; every other flow needs an access token too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from oauth_http.oauth.interaction import Consumer, SecretStore
from oauth_http.oauth.provider_model import Provider
from oauth_http.oauth.secret_keys import (
    StoredToken,
    allowed_origins_name,
    consumer_secret_name,
    decode_consumer,
    decode_token,
    definition_name,
    key_password_name,
    token_secret_name,
)

if TYPE_CHECKING:
    from oauth_http.oauth import signing


@dataclass(frozen=True)
class KnownConsumer:
    """What is known of the consumer before asking: each part None when it must be asked."""

    key: str | None
    secret: str | None


@dataclass(frozen=True)
class ProviderCredentials:
    """Everything stored that signs a request for a provider (RSA keys are read by the caller);
    `token` is None for a Consumer Only provider."""

    consumer: Consumer
    token: StoredToken | None

    def for_signing(self, rsa_key: str | None = None) -> signing.Credentials:
        """The signing module's credentials; `rsa_key` is the private key's PEM text."""
        from oauth_http.oauth import signing

        return signing.Credentials(
            consumer_key=self.consumer.key,
            consumer_secret=self.consumer.secret,
            token=self.token.token if self.token else None,
            token_secret=self.token.secret if self.token else None,
            rsa_key=rsa_key,
        )


@dataclass(frozen=True)
class CredentialsMissing:
    message: str


@dataclass(frozen=True)
class ProviderAuthState:
    """Whether the provider can sign in the folder (`authorized`: a token is stored, or for a
    Consumer Only provider the consumer is known), and whose token it is."""

    authorized: bool
    identity: str | None = None


async def known_consumer(provider: Provider, folder: str, secrets: SecretStore) -> KnownConsumer:
    """The consumer key and secret from the env file, else from secret storage.

    A stored secret is used only with the key it was stored with; RSA providers need no secret.
    """
    stored = decode_consumer(await secrets.get(consumer_secret_name(folder, provider.id)))
    key = provider.consumer_key or (stored.key if stored else None)
    if provider.uses_rsa:
        return KnownConsumer(key, "")
    if provider.consumer_secret:
        return KnownConsumer(key, provider.consumer_secret)
    if stored is not None and stored.key == key:
        return KnownConsumer(key, stored.secret)
    return KnownConsumer(key, None)


async def stored_token(provider_id: str, folder: str, secrets: SecretStore) -> StoredToken | None:
    return decode_token(await secrets.get(token_secret_name(folder, provider_id)))


def readiness_secret(provider: Provider | None, provider_id: str, folder: str) -> str | None:
    """The secret whose absence means the provider still needs authorizing, or None when it
    needs nothing stored (a Consumer Only HMAC provider whose env file gives key and secret).

    A Consumer Only RSA provider is ready once authorizing found its key (and its password):
    that stores its consumer. Every other provider is ready once a token is stored.
    """
    if provider is not None and provider.consumer_only:
        if provider.consumer_key and provider.consumer_secret and not provider.uses_rsa:
            return None
        return consumer_secret_name(folder, provider.id)
    return token_secret_name(folder, provider_id)


async def provider_state(
    provider: Provider, folder: str, secrets: SecretStore
) -> ProviderAuthState:
    """Whether the folder holds what the provider signs with, and whose token it is."""
    if provider.consumer_only and provider.uses_rsa:
        stored = decode_consumer(await secrets.get(consumer_secret_name(folder, provider.id)))
        return ProviderAuthState(stored is not None)
    if provider.consumer_only:
        consumer = await known_consumer(provider, folder, secrets)
        return ProviderAuthState(consumer.key is not None and consumer.secret is not None)
    token = await stored_token(provider.id, folder, secrets)
    if token is None:
        return ProviderAuthState(authorized=False)
    return ProviderAuthState(authorized=True, identity=token.identity)


async def credentials_for(
    provider: Provider, folder: str, secrets: SecretStore
) -> ProviderCredentials | CredentialsMissing:
    """The consumer and access token that sign requests for `provider`, or what is missing."""
    consumer = await known_consumer(provider, folder, secrets)
    token = None if provider.consumer_only else await stored_token(provider.id, folder, secrets)
    if (
        consumer.key is None
        or consumer.secret is None
        or (token is None and not provider.consumer_only)
    ):
        return CredentialsMissing(
            f'Not authorized with "{provider.id}": run "OAuth: Authorize provider" '
            f"(or `oauth-http authorize {provider.id}`) first."
        )
    return ProviderCredentials(Consumer(consumer.key, consumer.secret), token)


async def _forget_consumer(provider_id: str, folder: str, secrets: SecretStore) -> None:
    """The consumer, its key's password, and the user's answers about the provider (the origins
    allowed, the workspace definition agreed to)."""
    for name in (consumer_secret_name, key_password_name, allowed_origins_name, definition_name):
        await secrets.delete(name(folder, provider_id))


async def sign_out(
    provider_id: str,
    folder: str,
    secrets: SecretStore,
    *,
    forget_consumer: bool = False,
    consumer_only: bool = False,
) -> str:
    """Remove the access token (and, with `forget_consumer`, the stored consumer, key
    password and the user's answers about the provider); say what. A Consumer Only provider
    has only its consumer to forget."""
    if consumer_only:
        had_consumer = await secrets.get(consumer_secret_name(folder, provider_id)) is not None
        await _forget_consumer(provider_id, folder, secrets)
        if had_consumer:
            return f"Forgot the consumer key and secret of {provider_id}."
        return f"{provider_id} had no stored consumer; nothing to remove."
    had_token = await stored_token(provider_id, folder, secrets) is not None
    await secrets.delete(token_secret_name(folder, provider_id))
    if forget_consumer:
        await _forget_consumer(provider_id, folder, secrets)
    consumer_note = " and forgot its consumer key and secret" if forget_consumer else ""
    if had_token:
        return f"Signed out of {provider_id}{consumer_note}."
    return f"{provider_id} had no access token{consumer_note or '; nothing to remove'}."
