"""The origins a provider's credentials may be used for, and whether a URL is one of them.

An origin is `scheme://host[:port]` (lower case, the default port left out). A provider's origins
are those of its request-token and access-token URLs plus its `api_origins`: a preset lists its
real API hosts, an env-file entry adds its own under "API Origins". An API origin may start its
host with `*.` to mean any subdomain (`https://*.wikipedia.org`), and may be written as any URL
(`{{jiraBaseUrl}}` resolves to one): only its origin counts. The authorize URL is not among them:
the browser opens it, and no credential goes there.

`plaintext_allowed` is RFC 5849 section 3.4.4's rule for PLAINTEXT, whose "signature" is the
secrets themselves: only over TLS, or to this machine (127.0.0.0/8, ::1, localhost).
"""

from __future__ import annotations

import functools
import ipaddress
from urllib.parse import urlsplit

from oauth_http.oauth.provider_model import Provider

_DEFAULT_PORTS = {"http": 80, "https": 443}
WILDCARD = "*."


@functools.lru_cache(maxsize=1024)  # asked for every send and hop, mostly of the same few URLs
def origin_of(url: str) -> str | None:
    """The origin of an http(s) URL, or None when it has none (not http(s), no host)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    if ":" in host:
        host = f"[{host}]"
    shown_port = f":{port}" if port is not None and port != _DEFAULT_PORTS[scheme] else ""
    return f"{scheme}://{host}{shown_port}"


@functools.lru_cache(maxsize=128)  # providers are frozen: the answer never changes
def provider_origins(provider: Provider) -> tuple[str, ...]:
    """Every origin (or `*.` pattern) the provider's credentials may go to, without duplicates."""
    written = (provider.request_token_url, provider.access_token_url, *provider.api_origins)
    found: list[str] = []
    for url in written:
        origin = origin_of(url) if url else None
        if origin is not None and origin not in found:
            found.append(origin)
    return tuple(found)


def origin_matches(origin: str, pattern: str) -> bool:
    """Whether `origin` is `pattern`, or a subdomain of a `scheme://*.host[:port]` pattern."""
    if origin == pattern:
        return True
    scheme, _, rest = pattern.partition("://")
    if not rest.startswith(WILDCARD):
        return False
    wanted_scheme, _, origin_rest = origin.partition("://")
    return wanted_scheme == scheme and origin_rest.endswith("." + rest[len(WILDCARD) :])


def allows(provider: Provider, url: str, extra: tuple[str, ...] = ()) -> bool:
    """Whether `url` is on one of the provider's origins, or one of `extra` (origins the user
    allowed)."""
    origin = origin_of(url)
    if origin is None:
        return False
    return any(origin_matches(origin, pattern) for pattern in (*provider_origins(provider), *extra))


def is_loopback_host(host: str) -> bool:
    """Whether `host` (brackets allowed around IPv6) names this machine: 127.0.0.0/8, ::1 or
    localhost."""
    name = host.strip().strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_loopback_url(url: str) -> bool:
    """Whether `url` is an http(s) URL to a loopback address."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return False
    return bool(host) and is_loopback_host(host or "")


def plaintext_allowed(url: str) -> bool:
    """Whether a PLAINTEXT-signed request (the secrets in clear text) may go to `url`: over
    https, or to a loopback address."""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme == "https" or (scheme == "http" and is_loopback_url(url))


def plaintext_token_problem(provider: Provider) -> str | None:
    """Why the provider's token requests may not be made: PLAINTEXT to a token URL that is
    neither https nor loopback (the consumer secret would cross the network in clear text)."""
    if provider.signature_method != "PLAINTEXT" or not provider.fetches_tokens:
        return None
    for what, url in (
        ("request token URL", provider.request_token_url),
        ("access token URL", provider.access_token_url),
    ):
        if not plaintext_allowed(url):
            return (
                f"{provider.id} signs with PLAINTEXT, which sends the consumer secret itself, and "
                f"its {what} {origin_of(url) or url} is plain http: RFC 5849 section 3.4.4 "
                "allows PLAINTEXT only over TLS, so nothing was sent. Use https:// token URLs "
                "(or a loopback address for a local provider), or a signature method such as "
                "HMAC-SHA1."
            )
    return None
