"""The real `TokenTransport`: request and access tokens over HTTP with requests-oauthlib.

Every failure becomes a `TokenRequestError` whose message names the cause and the next step.
requests, requests-oauthlib and cryptography are imported inside the methods that use them so the
language server starts without them. Blocking calls run in `asyncio.to_thread`.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from oauth_http.oauth.errors import TokenRequestError
from oauth_http.oauth.interaction import AccessToken, Consumer, RequestToken
from oauth_http.oauth.provider_model import Provider

if TYPE_CHECKING:
    import requests

USER_AGENT = "oauth-http/0.1 (+https://github.com/oauth-http)"
PLACEMENT_TYPES = {"header": "AUTH_HEADER", "query": "QUERY", "body": "BODY"}
_OAUTH_PROBLEM = re.compile(r"oauth_problem=\"?([A-Za-z_]+)")
_TOKEN_FIELDS = ("oauth_token", "oauth_token_secret", "oauth_callback_confirmed")

_PROBLEM_HINTS = {
    "consumer_key_unknown": "the provider does not know this consumer key: check the consumer key",
    "consumer_key_rejected": "the consumer key was rejected: check the application's settings "
    "with the provider and the consumer key",
    "consumer_key_refused": "the consumer key was refused: check the application's settings "
    "with the provider",
    "signature_invalid": "the signature did not verify: check the consumer secret",
    "signature_method_rejected": "the provider does not accept this signature method: set "
    '"Signature Method" to one it supports',
    "verifier_invalid": "the PIN was wrong or expired; authorize again",
    "token_rejected": "the request token was rejected; authorize again",
    "token_expired": "the request token expired; authorize again",
    "token_used": "the request token was already used; authorize again",
    "token_revoked": "the request token was revoked; authorize again",
    "timestamp_refused": "the provider refused the timestamp: check this computer's clock",
    "nonce_used": "the nonce was already used: try again",
    "permission_denied": "access was denied on the authorize page; authorize again and approve",
    "permission_unknown": "access was not approved yet; approve it on the authorize page first",
    "user_refused": "access was denied on the authorize page; authorize again and approve",
    "parameter_absent": "the provider expected other OAuth parameters: check its settings",
    "parameter_rejected": "the provider rejected an OAuth parameter: check its settings",
    "version_rejected": "the provider does not speak OAuth 1.0a",
}
_RSA_SIGNATURE_HINT = (
    "the signature did not verify: check that the private key matches the public key "
    "registered with the provider"
)


class _Step:
    def __init__(self, provider: Provider, access: bool) -> None:
        self.provider = provider
        self.name = "access token request" if access else "request token request"
        self.url_key = "Access Token URL" if access else "Request Token URL"
        self.url = provider.access_token_url if access else provider.request_token_url

    def fail(self, message: str, kind: str = "failed") -> TokenRequestError:
        return TokenRequestError(message, kind=kind)


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
        step = _Step(provider, access=False)
        fields = self._fetch(step, consumer, None, callback_uri=provider.callback)
        confirmed = fields.get("oauth_callback_confirmed", "").lower() == "true"
        return RequestToken(fields["oauth_token"], fields.get("oauth_token_secret", ""), confirmed)

    def _access_token(
        self, provider: Provider, consumer: Consumer, request_token: RequestToken, verifier: str
    ) -> AccessToken:
        step = _Step(provider, access=True)
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
        self, step: _Step, consumer: Consumer, verifier: str | None, **session_arguments: Any
    ) -> dict[str, str]:
        """The token response's fields; `verifier` is None for the request token step."""
        import requests
        from requests_oauthlib import OAuth1Session  # type: ignore[import-untyped]
        from requests_oauthlib.oauth1_session import (  # type: ignore[import-untyped]
            TokenMissing,
            TokenRequestDenied,
        )

        provider = step.provider
        session = OAuth1Session(
            consumer.key,
            client_secret=consumer.secret or None,
            signature_method=provider.signature_method,
            signature_type=PLACEMENT_TYPES[provider.signature_placement],
            rsa_key=self._rsa_key(provider) if provider.uses_rsa else None,
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
                return {str(name): str(value) for name, value in token.items()}
        except TokenRequestDenied as error:
            raise _denied(step, error.response) from None
        except TokenMissing:
            last = responses[-1] if responses else None
            if last is None or not _looks_like_a_form(last):
                raise _not_a_token(step, last) from None
            raise step.fail(
                f"{provider.label} answered the {step.name} without an oauth_token "
                f"({_describe(last)}): check the {step.url_key} ({step.url}).",
                "token-missing",
            ) from None
        except ValueError:
            last = responses[-1] if responses else None
            raise _not_a_token(step, last) from None
        except requests.RequestException as error:
            raise _network_error(step, error, self.timeout) from None

    def _rsa_key(self, provider: Provider) -> str:
        from cryptography.hazmat.primitives.serialization import load_pem_private_key

        path = Path(provider.private_key_file or "").expanduser()
        if not path.is_absolute() and self.key_file_base is not None:
            path = self.key_file_base / path
        where = f'"Private Key File" under "Security": {{"Auth": {{"{provider.id}": ...}}}}'
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise TokenRequestError(
                f"Cannot read the private key file {path} ({reason}): check {where}.",
                kind="key-file",
            ) from None
        try:
            load_pem_private_key(text.encode(), password=None)
        except (ValueError, TypeError) as error:
            raise TokenRequestError(
                f"{path} is not an unencrypted PEM private key ({error}): point {where} at "
                "one (openssl genrsa -out key.pem 2048).",
                kind="key-file",
            ) from None
        return text


def _oauth_problem(response: requests.Response) -> str | None:
    text = f"{response.headers.get('WWW-Authenticate', '')} {response.text[:2000]}"
    match = _OAUTH_PROBLEM.search(text)
    return match.group(1) if match else None


def _is_web_page(response: requests.Response) -> bool:
    content_type = response.headers.get("Content-Type", "").lower()
    return "html" in content_type or response.text.lstrip()[:1] == "<"


def _looks_like_a_form(response: requests.Response) -> bool:
    content_type = response.headers.get("Content-Type", "").lower()
    return "x-www-form-urlencoded" in content_type or "oauth_" in response.text[:2000]


def _describe(response: requests.Response | None) -> str:
    """A short, single-line account of a response body, never a whole page."""
    if response is None:
        return "no response"
    if _is_web_page(response):
        return f"HTTP {response.status_code}, a web page"
    snippet = " ".join(response.text.split())[:200]
    return (
        f"HTTP {response.status_code}: {snippet!r}" if snippet else f"HTTP {response.status_code}"
    )


def _denied(step: _Step, response: requests.Response) -> TokenRequestError:
    provider = step.provider
    problem = _oauth_problem(response)
    status = response.status_code
    if problem is not None:
        hint = _PROBLEM_HINTS.get(problem, "check the consumer key and secret")
        if problem == "signature_invalid" and provider.uses_rsa:
            hint = _RSA_SIGNATURE_HINT
        return step.fail(
            f"{provider.label} refused the {step.name} (HTTP {status}, {problem}): {hint}.",
            problem,
        )
    if status == 404:
        hint = f"check the {step.url_key} ({step.url})"
    elif status >= 500:
        hint = "the provider had an error; try again later"
    else:
        hint = f"check the consumer key and secret, and the {step.url_key}"
    return step.fail(
        f"{provider.label} refused the {step.name} ({_describe(response)}): {hint}.", "denied"
    )


def _not_a_token(step: _Step, response: requests.Response | None) -> TokenRequestError:
    label = step.provider.label
    if response is not None and _is_web_page(response):
        return step.fail(
            f"{label} answered the {step.name} with a web page instead of a token "
            f"(HTTP {response.status_code}): check the {step.url_key} ({step.url}); it may point "
            "at a login or documentation page.",
            "not-a-token",
        )
    return step.fail(
        f"{label} answered the {step.name} with something that is not a token "
        f"({_describe(response)}): check the {step.url_key} ({step.url}).",
        "not-a-token",
    )


def _network_error(
    step: _Step, error: requests.RequestException, timeout: float
) -> TokenRequestError:
    import requests

    parts = urlsplit(step.url)
    host = parts.hostname or step.url
    address = f"{host}:{parts.port}" if parts.port else host
    detail = str(error)
    if isinstance(error, requests.Timeout):
        return step.fail(
            f"{step.provider.label} ({address}) did not answer the {step.name} within "
            f"{timeout:g} s: try again later, or check the {step.url_key}.",
            "timeout",
        )
    if isinstance(error, requests.exceptions.SSLError):
        reason = "the server does not speak TLS there" if "WRONG_VERSION" in detail else detail
        if "CERTIFICATE_VERIFY_FAILED" in detail:
            reason = "its certificate is not trusted"
        return step.fail(
            f"The TLS connection to {address} failed ({reason}): check that the {step.url_key} "
            "uses the right scheme and port, and that this system trusts the certificate.",
            "tls",
        )
    if isinstance(error, requests.ConnectionError):
        return _connection_error(step, address, host, detail)
    return step.fail(
        f"The {step.url_key} {step.url} cannot be requested ({type(error).__name__}: {detail}): "
        "fix it in the env file.",
        "bad-url",
    )


def _connection_error(step: _Step, address: str, host: str, detail: str) -> TokenRequestError:
    lowered = detail.lower()
    if "refused" in lowered:
        local = host in ("127.0.0.1", "localhost", "::1")
        hint = (
            "is the provider running? Start the sandbox with `oauth-http sandbox`"
            if step.provider.id == "sandbox" or local
            else f"check the {step.url_key} and that the provider is up"
        )
        return step.fail(
            f"Could not connect to {address} for the {step.name} (connection refused): {hint}.",
            "connection-refused",
        )
    name_errors = ("name or service not known", "nodename nor servname", "getaddrinfo failed")
    if "name resolution" in lowered or any(text in lowered for text in name_errors):
        return step.fail(
            f"Could not resolve the host {host} for the {step.name}: check the {step.url_key} "
            "and your network connection.",
            "dns",
        )
    return step.fail(
        f"Could not connect to {address} for the {step.name}: check the {step.url_key} and your "
        "network connection.",
        "connection",
    )
