"""What an OAuth 1.0a provider is: endpoints, signature method and placement, and flow options.

Pure data plus the few pure functions every front end needs: the authorize URL, whether the
provider can be used as configured, and `{{variable}}` resolution of its fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SIGNATURE_METHODS: tuple[str, ...] = (
    "HMAC-SHA1",
    "HMAC-SHA256",
    "HMAC-SHA512",
    "RSA-SHA1",
    "RSA-SHA256",
    "RSA-SHA512",
    "PLAINTEXT",
)
SIGNATURE_PLACEMENTS: tuple[str, ...] = ("header", "query", "body")

Flow = Literal["PIN", "Loopback", "Paste", "Consumer Only"]
FLOWS: tuple[Flow, ...] = ("PIN", "Loopback", "Paste", "Consumer Only")
TOKEN_URL_FLOWS: tuple[Flow, ...] = ("PIN", "Loopback")
"""The flows that fetch tokens from the provider, and so need its three token URLs."""

BodyHashMode = Literal["Auto", "Always", "Never"]
BODY_HASH_MODES: tuple[BodyHashMode, ...] = ("Auto", "Always", "Never")

PasteFormat = Literal["Token and Secret", "consumer:token:secret"]
PASTE_FORMATS: tuple[PasteFormat, ...] = ("Token and Secret", "consumer:token:secret")
"""What the Paste flow asks for: the access token and its secret, or one three-part API key
(Canonical MAAS) that holds the consumer key too, with an empty consumer secret."""

ProviderSource = Literal["preset", "environment", "preset+environment"]

Resolve = Callable[[str], str]
"""Text with `{{variables}}` to text, unknown variables left as written."""

_VARIABLE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
_PLACEHOLDER = re.compile(r"\{\{[^{}]*\}\}")


@dataclass(frozen=True)
class Provider:
    """One provider, with every `{{variable}}` already resolved where the environment allowed.

    `consumer_key`/`consumer_secret` come from the env file when it sets them;
    `suggested_consumer_key` only prefills the prompt (the sandbox's demo key).
    `unresolved_variables` lists variables its fields still need; such a provider cannot be used
    until the environment defines them. `api_origins` are the origins, besides those of the token
    URLs, its credentials may be used for (see `origins.py`).

    The token URLs are empty for a provider whose flow fetches no tokens. `flow` is how its
    credentials are obtained: the PIN (out-of-band) or Loopback (a redirect
    to 127.0.0.1) three-legged flows, tokens made on the provider's site and pasted, or the
    consumer credentials alone (no token). `body_hash`, `include_version` and
    `send_empty_token` are signing switches real providers need (see `signing.SigningOptions`).
    """

    id: str
    label: str
    request_token_url: str = ""
    authorize_url: str = ""
    access_token_url: str = ""
    signature_method: str = "HMAC-SHA1"
    signature_placement: str = "header"
    realm: str | None = None
    callback: str = "oob"
    authorize_parameters: tuple[tuple[str, str], ...] = ()
    consumer_key: str | None = None
    consumer_secret: str | None = None
    suggested_consumer_key: str | None = None
    private_key_file: str | None = None
    api_origins: tuple[str, ...] = ()
    flow: Flow = "PIN"
    body_hash: BodyHashMode = "Auto"
    include_version: bool = True
    send_empty_token: bool = False
    paste_format: PasteFormat = "Token and Secret"
    description: str = ""
    source: ProviderSource = "preset"
    unresolved_variables: tuple[str, ...] = ()

    @property
    def uses_rsa(self) -> bool:
        return self.signature_method.startswith("RSA-")

    @property
    def endpoints(self) -> tuple[str, str, str]:
        return (self.request_token_url, self.authorize_url, self.access_token_url)

    @property
    def fetches_tokens(self) -> bool:
        """Whether its flow asks the provider for tokens (and so needs the token URLs)."""
        return self.flow in TOKEN_URL_FLOWS

    @property
    def consumer_only(self) -> bool:
        """Whether requests are signed with the consumer credentials alone, without a token."""
        return self.flow == "Consumer Only"


def variables_in(text: str) -> list[str]:
    """Names of the `{{variables}}` left in `text`, in order, without duplicates."""
    names: list[str] = []
    for match in _VARIABLE.finditer(text):
        if match.group(1) not in names:
            names.append(match.group(1))
    return names


def usability_problem(provider: Provider) -> str | None:
    """Why `provider` cannot be authorized or sign as configured, or None when it can."""
    if provider.unresolved_variables:
        names = ", ".join(provider.unresolved_variables)
        example = provider.unresolved_variables[0]
        return (
            f'Provider "{provider.id}" needs the variable{"s" if "," in names else ""} {names}: '
            f"define {example} in the selected environment of http-client.env.json "
            f'(e.g. "{example}": "https://example.com") or select an environment that has it.'
        )
    if provider.fetches_tokens and not all(provider.endpoints):
        missing = [
            key
            for key, url in zip(
                ("Request Token URL", "Authorize URL", "Access Token URL"),
                provider.endpoints,
                strict=True,
            )
            if not url
        ]
        return (
            f'Provider "{provider.id}" uses the {provider.flow} flow, which needs '
            f"{', '.join(missing)}: add {'them' if len(missing) > 1 else 'it'} under "
            f'"Security": {{"Auth": {{"{provider.id}": ...}}}} in http-client.env.json, or set '
            '"Flow" to "Paste" or "Consumer Only".'
        )
    if provider.uses_rsa and not provider.private_key_file:
        return (
            f'Provider "{provider.id}" signs with {provider.signature_method} and needs a private '
            'key: add "Private Key File" (PEM, or PKCS#12 .p12/.pfx) under '
            f'"Security": {{"Auth": {{"{provider.id}": ...}}}} in http-client.env.json.'
        )
    return None


def authorize_address(provider: Provider, request_token: str) -> str:
    """The page where the user approves access: the authorize URL with `oauth_token` and the
    provider's authorize parameters added to whatever query it already has."""
    parts = urlsplit(provider.authorize_url)
    query: list[tuple[str, str]] = parse_qsl(parts.query, keep_blank_values=True)
    query.append(("oauth_token", request_token))
    query.extend(provider.authorize_parameters)
    return urlunsplit(parts._replace(query=urlencode(query)))


def is_web_address(text: str) -> bool:
    """True for an absolute http(s) URL with a host."""
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def merge_parameters(
    base: Sequence[tuple[str, str]], override: Sequence[tuple[str, str]]
) -> tuple[tuple[str, str], ...]:
    """`base` with every name in `override` replaced by (or added as) its new value."""
    overridden = {name for name, _ in override}
    kept = [(name, value) for name, value in base if name not in overridden]
    return (*kept, *override)


def resolve_text(text: str, resolve: Resolve) -> str:
    """`text` with each `{{variable}}` resolved; a value followed by "/" loses its own trailing
    slash, so `{{baseUrl}}/oauth` works whether or not baseUrl ends with one."""

    def one(match: re.Match[str]) -> str:
        value = resolve(match.group(0))
        if value != match.group(0) and text.startswith("/", match.end()):
            return value.rstrip("/")
        return value

    return _PLACEHOLDER.sub(one, text)


def with_unresolved_variables(provider: Provider) -> Provider:
    """`provider` with `unresolved_variables` listing the `{{variables}}` its fields still hold."""
    texts = [
        *provider.endpoints,
        provider.consumer_key or "",
        provider.consumer_secret or "",
        provider.private_key_file or "",
        provider.realm or "",
        provider.callback,
        *(value for _, value in provider.authorize_parameters),
        *provider.api_origins,
    ]
    names: list[str] = []
    for text in texts:
        names.extend(name for name in variables_in(text) if name not in names)
    return replace(provider, unresolved_variables=tuple(names))
