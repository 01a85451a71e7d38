"""The real `TokenTransport`: request and access tokens over HTTP with requests-oauthlib.

Every failure becomes a `TokenRequestError` whose message names the cause and the next step; an
answer without a field RFC 5849 requires is one too (`token_answers`).
requests, requests-oauthlib and cryptography are imported inside the methods that use them so the
language server starts without them. Blocking calls run in `asyncio.to_thread`.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oauth_http import __version__
from oauth_http.oauth.errors import TokenRequestError
from oauth_http.oauth.interaction import AccessToken, Consumer, RequestToken
from oauth_http.oauth.key_files import DiskKeyFiles, provider_key
from oauth_http.oauth.private_keys import PrivateKeyError
from oauth_http.oauth.provider_model import Provider
from oauth_http.oauth.token_answers import check_answer
from oauth_http.oauth.token_errors import (
    TokenStep,
    denied,
    network_error,
    not_a_token,
    token_missing,
)

if TYPE_CHECKING:
    import requests

USER_AGENT = f"oauth-http/{__version__}"
PLACEMENT_TYPES = {"header": "AUTH_HEADER", "query": "QUERY", "body": "BODY"}
_TOKEN_FIELDS = ("oauth_token", "oauth_token_secret", "oauth_callback_confirmed")


class RequestsTokenTransport:
    """Fetches tokens with `OAuth1Session`; relative private key paths start at `key_file_base`."""

    def __init__(
        self,
        *,
        key_file_base: Path | None = None,
        timeout: float = 30.0,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.key_file_base = key_file_base
        self.timeout = timeout
        self.user_agent = user_agent

    async def fetch_request_token(self, provider: Provider, consumer: Consumer) -> RequestToken:
        return await asyncio.to_thread(self._request_token, provider, consumer)

    async def fetch_access_token(
        self, provider: Provider, consumer: Consumer, request_token: RequestToken, verifier: str
    ) -> AccessToken:
        return await asyncio.to_thread(
            self._access_token, provider, consumer, request_token, verifier
        )

    def _request_token(self, provider: Provider, consumer: Consumer) -> RequestToken:
        step = TokenStep(provider, access=False)
        fields = self._fetch(step, consumer, None, callback_uri=provider.callback)
        confirmed = fields.get("oauth_callback_confirmed", "").lower() == "true"
        return RequestToken(fields["oauth_token"], fields.get("oauth_token_secret", ""), confirmed)

    def _access_token(
        self, provider: Provider, consumer: Consumer, request_token: RequestToken, verifier: str
    ) -> AccessToken:
        step = TokenStep(provider, access=True)
        fields = self._fetch(
            step,
            consumer,
            verifier,
            resource_owner_key=request_token.token,
            resource_owner_secret=request_token.secret,
        )
        extra = {name: value for name, value in fields.items() if name not in _TOKEN_FIELDS}
        return AccessToken(fields["oauth_token"], fields.get("oauth_token_secret", ""), extra)

    def _fetch(
        self, step: TokenStep, consumer: Consumer, verifier: str | None, **session_arguments: Any
    ) -> dict[str, str]:
        """The token response's fields; `verifier` is None for the request token step."""
        import requests
        from requests_oauthlib import OAuth1Session  # type: ignore[import-untyped]
        from requests_oauthlib.oauth1_session import (  # type: ignore[import-untyped]
            TokenMissing,
            TokenRequestDenied,
        )

        provider = step.provider
        rsa_key = (consumer.private_key or self._rsa_key(provider)) if provider.uses_rsa else None
        session = OAuth1Session(
            consumer.key,
            client_secret=consumer.secret or None,
            signature_method=provider.signature_method,
            signature_type=PLACEMENT_TYPES[provider.signature_placement],
            rsa_key=rsa_key,
            realm=provider.realm,
            **session_arguments,
        )
        session.headers["User-Agent"] = self.user_agent
        responses: list[requests.Response] = []
        session.hooks["response"].append(lambda response, *_, **__: responses.append(response))
        try:
            with session:
                if verifier is None:
                    realms = [provider.realm] if provider.realm else None
                    token = session.fetch_request_token(
                        step.url, realm=realms, timeout=self.timeout
                    )
                else:
                    token = session.fetch_access_token(
                        step.url, verifier=verifier, timeout=self.timeout
                    )
                fields = {str(name): str(value) for name, value in token.items()}
        except TokenRequestDenied as error:
            raise denied(step, error.response) from None
        except TokenMissing:
            raise token_missing(step, responses[-1] if responses else None) from None
        except ValueError:
            last = responses[-1] if responses else None
            raise not_a_token(step, last) from None
        except requests.RequestException as error:
            raise network_error(step, error, self.timeout) from None
        check_answer(step, fields, responses[-1] if responses else None)
        return fields

    def _rsa_key(self, provider: Provider) -> str:
        """The provider's key file, when the caller loaded no key (it cannot take a password)."""
        try:
            return provider_key(provider, DiskKeyFiles(), self.key_file_base, None)
        except PrivateKeyError as error:
            raise TokenRequestError(error.message, kind="key-file") from None
