"""The failures that keep a provider's credentials where they belong, with the next step.

A signed request to an origin that is not among its provider's (nor one the user allowed) is
neither signed nor sent; a redirect of one to such an origin is not followed; PLAINTEXT, whose
signature is the secrets themselves, goes only over https or to a loopback address (RFC 5849
section 3.4.4); a provider definition of the workspace's own that the user did not agree to is
not used. Each message names the origin and the provider; each hint says how to go on, in the
editor and with `oauth-http send`.
"""

from __future__ import annotations

from oauth_http.sending.failures import (
    DEFINITION_REFUSED,
    FOREIGN_ORIGIN,
    FOREIGN_REDIRECT,
    PLAINTEXT_WITHOUT_TLS,
    Failure,
)


def _allow_hint(origin: str, provider_id: str) -> str:
    return (
        f'If {origin} is really {provider_id}\'s, click "Allow {origin} for {provider_id}" on the '
        f"message (kept for this workspace folder), or pass `--allow-origin {origin}` to "
        "`oauth-http send` (for that run only), then send again."
    )


def foreign_origin(origin: str, provider_id: str, origins: tuple[str, ...]) -> Failure:
    """The request's own URL is on `origin`, which is not one of `origins` (the provider's)."""
    return Failure(
        FOREIGN_ORIGIN,
        f"Not sent: {origin} is not an origin of {provider_id}, so the request was neither "
        f"signed nor sent there ({provider_id}'s credentials go only to "
        f"{', '.join(origins) or 'its token URLs'}).",
        _allow_hint(origin, provider_id),
    )


def foreign_redirect(origin: str, provider_id: str) -> Failure:
    """A redirect of a signed request pointed at `origin`, outside the provider's origins."""
    return Failure(
        FOREIGN_REDIRECT,
        f"The redirect to {origin} was not followed: it is not an origin of {provider_id}, and "
        "this request was signed with its credentials. This record is the redirect response.",
        _allow_hint(origin, provider_id),
    )


def plaintext_without_tls(where: str, provider_id: str) -> Failure:
    """A PLAINTEXT-signed request to `where` (an origin), which is neither https nor loopback."""
    return Failure(
        PLAINTEXT_WITHOUT_TLS,
        f"Not sent: {provider_id} signs with PLAINTEXT, which puts the consumer secret and the "
        f"token secret in the request itself, and {where} is plain http (RFC 5849 section 3.4.4 "
        "allows PLAINTEXT only over TLS).",
        "Use an https:// URL (a loopback address such as 127.0.0.1 is allowed for local "
        "servers), or a signature method such as HMAC-SHA1.",
    )


def definition_refused(message: str, provider_id: str) -> Failure:
    """The workspace's definition of `provider_id` was refused (or not agreed to)."""
    return Failure(
        DEFINITION_REFUSED,
        message,
        f'Check {provider_id}\'s entry under "Security": {{"Auth": ...}} in the env file; '
        "send again and agree when you trust it.",
    )
