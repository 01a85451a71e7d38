"""The origins a provider's credentials may be used for, and whether a URL is one of them.

An origin is `scheme://host[:port]` (lower case, the default port left out). A provider's origins
are those of its request-token and access-token URLs plus its `api_origins`: a preset lists its
real API hosts, an env-file entry adds its own under "API Origins". An API origin may start its
host with `*.` to mean any subdomain (`https://*.wikipedia.org`), and may be written as any URL
(`{{jiraBaseUrl}}` resolves to one): only its origin counts. The authorize URL is not among them:
the browser opens it, and no credential goes there.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from oauth_http.oauth.provider_model import Provider

_DEFAULT_PORTS = {"http": 80, "https": 443}
WILDCARD = "*."


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
