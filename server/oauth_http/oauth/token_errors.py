"""Why a token request failed, in words: the cause and the next step, from the response
(status, `oauth_problem`), the body's kind, or the network error requests raised.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from oauth_http.oauth.errors import TokenRequestError
from oauth_http.oauth.provider_model import Provider
from oauth_http.oauth.token_answers import mask_answer_text

if TYPE_CHECKING:
    import requests

_OAUTH_PROBLEM = re.compile(r"oauth_problem=\"?([A-Za-z_]+)")
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


class TokenStep:
    """Which token request is made, for the messages."""

    def __init__(self, provider: Provider, access: bool) -> None:
        self.provider = provider
        self.access = access
        self.name = "access token request" if access else "request token request"
        self.url_key = "Access Token URL" if access else "Request Token URL"
        self.url = provider.access_token_url if access else provider.request_token_url

    def fail(self, message: str, kind: str = "failed") -> TokenRequestError:
        return TokenRequestError(message, kind=kind)


def _oauth_problem(response: requests.Response) -> str | None:
    text = f"{response.headers.get('WWW-Authenticate', '')} {response.text[:2000]}"
    match = _OAUTH_PROBLEM.search(text)
    return match.group(1) if match else None


def _is_web_page(response: requests.Response) -> bool:
    content_type = response.headers.get("Content-Type", "").lower()
    return "html" in content_type or response.text.lstrip()[:1] == "<"


def looks_like_a_form(response: requests.Response) -> bool:
    content_type = response.headers.get("Content-Type", "").lower()
    return "x-www-form-urlencoded" in content_type or "oauth_" in response.text[:2000]


def describe(response: requests.Response | None) -> str:
    """A short, single-line account of a response body, never a whole page, secrets masked."""
    if response is None:
        return "no response"
    if _is_web_page(response):
        return f"HTTP {response.status_code}, a web page"
    snippet = mask_answer_text(" ".join(response.text.split()))[:200]
    return (
        f"HTTP {response.status_code}: {snippet!r}" if snippet else f"HTTP {response.status_code}"
    )


def denied(step: TokenStep, response: requests.Response) -> TokenRequestError:
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
        f"{provider.label} refused the {step.name} ({describe(response)}): {hint}.", "denied"
    )


def token_missing(step: TokenStep, response: requests.Response | None) -> TokenRequestError:
    """A decodable answer without `oauth_token`: a form without it, or not a token at all."""
    if response is None or not looks_like_a_form(response):
        return not_a_token(step, response)
    return step.fail(
        f"{step.provider.label} answered the {step.name} without an oauth_token "
        f"({describe(response)}): check the {step.url_key} ({step.url}).",
        "token-missing",
    )


def not_a_token(step: TokenStep, response: requests.Response | None) -> TokenRequestError:
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
        f"({describe(response)}): check the {step.url_key} ({step.url}).",
        "not-a-token",
    )


def network_error(
    step: TokenStep, error: requests.RequestException, timeout: float
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
        return connection_error(step, address, host, detail)
    return step.fail(
        f"The {step.url_key} {step.url} cannot be requested ({type(error).__name__}: {detail}): "
        "fix it in the env file.",
        "bad-url",
    )


def connection_error(step: TokenStep, address: str, host: str, detail: str) -> TokenRequestError:
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
