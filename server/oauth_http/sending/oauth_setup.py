"""Which provider signs a request, with which credentials, and the signer that uses them.

`provider_id_for` reads `# @oauth1 PROVIDER` from the request or, failing that, from the file's
defaults (the directives before the first request). `load_oauth` is what both front ends call
to turn that id into an `OAuthSetup` (provider, consumer, token, RSA key) or a `Failure` naming
what is missing; `Signer` signs each hop of a send with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from oauth_http.oauth.credentials import CredentialsMissing, ProviderCredentials, credentials_for
from oauth_http.oauth.errors import ProviderLookupError
from oauth_http.oauth.interaction import SecretStore
from oauth_http.oauth.key_files import provider_key, stored_key_password, where_to_fix
from oauth_http.oauth.origins import allows, origin_of, plaintext_allowed, provider_origins
from oauth_http.oauth.private_keys import PrivateKeyError
from oauth_http.oauth.provider_model import Provider
from oauth_http.oauth.provider_signing import signing_options
from oauth_http.oauth.providers import ProviderRegistry, lookup_provider
from oauth_http.oauth.signing import Credentials, OutgoingRequest, SignedRequest, sign_request
from oauth_http.sending.credential_failures import foreign_origin, plaintext_without_tls
from oauth_http.sending.failures import KEY_FILE, NOT_AUTHORIZED, PROVIDER, Failure
from oauth_http.sending.files import DiskFileReader, FileReader
from oauth_http.syntax.model import Directive, Request


@dataclass(frozen=True)
class OAuthSetup:
    """A provider and the credentials that sign for it (the RSA key as PEM text, if any), and
    the origins the user allowed them to go to besides the provider's own."""

    provider: Provider
    credentials: Credentials = field(repr=False)
    allowed_origins: tuple[str, ...] = ()

    @classmethod
    def from_stored(
        cls, provider: Provider, stored: ProviderCredentials, rsa_key: str | None = None
    ) -> OAuthSetup:
        return cls(provider, stored.for_signing(rsa_key))


def provider_id_for(request: Request, file_directives: Sequence[Directive] = ()) -> str | None:
    """The provider a request is signed with: its own `# @oauth1`, else the file's."""
    directive = request.directive("oauth1")
    if directive is None:
        directive = next((d for d in reversed(file_directives) if d.word == "oauth1"), None)
    if directive is None:
        return None
    provider_id = directive.argument.split()[0] if directive.argument.split() else ""
    return provider_id or None


class Signer:
    """Signs requests for one `OAuthSetup`; a fresh nonce and timestamp on every call."""

    def __init__(self, setup: OAuthSetup) -> None:
        self.setup = setup
        self.options = signing_options(setup.provider)

    def sign(self, request: OutgoingRequest) -> SignedRequest:
        return sign_request(request, self.setup.credentials, self.options)

    def refusal(self, url: str) -> Failure | None:
        """Why a request to `url` must not carry these credentials: its origin is neither the
        provider's nor one the user allowed, or PLAINTEXT would go without TLS; else None."""
        provider = self.setup.provider
        origin = origin_of(url) or url
        if not allows(provider, url, self.setup.allowed_origins):
            return foreign_origin(origin, provider.id, provider_origins(provider))
        if provider.signature_method == "PLAINTEXT" and not plaintext_allowed(url):
            return plaintext_without_tls(origin, provider.id)
        return None

    def allows_redirect(self, url: str) -> bool:
        """Whether a redirect of a request these credentials signed may go to `url`."""
        return allows(self.setup.provider, url, self.setup.allowed_origins)


async def load_oauth(
    provider_id: str,
    registry: ProviderRegistry,
    folder_uri: str,
    secrets: SecretStore,
    *,
    files: FileReader | None = None,
    key_base: Path | None = None,
) -> OAuthSetup | Failure:
    """The provider `provider_id` names with its stored credentials, or why it cannot sign.

    `folder_uri` scopes the stored secrets (the workspace folder); a relative private key path
    is taken from `key_base`.
    """
    provider = lookup_provider(provider_id, registry)
    if isinstance(provider, ProviderLookupError):
        return Failure(
            PROVIDER,
            provider.message,
            "Fix the '# @oauth1' line or the provider's entry in http-client.env.json.",
        )
    stored = await credentials_for(provider, folder_uri, secrets)
    if isinstance(stored, CredentialsMissing):
        return not_authorized(provider_id)
    rsa_key = None
    if provider.uses_rsa:
        key = await read_private_key(
            provider, files or DiskFileReader(), key_base, folder_uri, secrets
        )
        if isinstance(key, Failure):
            return key
        rsa_key = key
    return OAuthSetup.from_stored(provider, stored, rsa_key)


def not_authorized(provider_id: str) -> Failure:
    return Failure(
        NOT_AUTHORIZED,
        f'This request is signed with "{provider_id}", which is not authorized in this '
        "workspace yet (no access token is stored).",
        f'Run "OAuth: Authorize provider" (or `oauth-http authorize {provider_id}`), then send '
        "again.",
    )


async def read_private_key(
    provider: Provider, files: FileReader, base: Path | None, folder_uri: str, secrets: SecretStore
) -> str | Failure:
    """The PEM text of the provider's private key, opened with the password stored for it."""
    password = await stored_key_password(provider, folder_uri, secrets)
    try:
        return provider_key(provider, files, base, password)
    except PrivateKeyError as error:
        if error.needs_password:
            return Failure(
                NOT_AUTHORIZED,
                f"{error.message} It is asked when {provider.id} is authorized.",
                f'Run "OAuth: Authorize provider" (or `oauth-http authorize {provider.id}`) and '
                "enter the key's password, then send again.",
            )
        return Failure(
            KEY_FILE, error.message, f"Check {where_to_fix(provider)} in http-client.env.json."
        )
