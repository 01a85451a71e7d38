"""What a workspace's env file changes about where a provider's credentials go, and its fingerprint.

A workspace file (often written by someone else) may point a preset's token URLs elsewhere,
weaken its signature method, move the signature, widen its origins, or define a provider of its
own. `workspace_definition` says what such an entry changes compared with the preset (preset
value → workspace value; for a custom provider, every such field), with a fingerprint (a hash of
those fields) that an answer of the user is bound to, so any later change asks again. An entry
that changes none of them (a consumer key, a realm, a narrower list of origins) changes nothing
here. An https preset URL turned into plain http is `refused` outright, unless the new URL is a
loopback address (a local test provider). `secret_destination` names the host a consumer
secret is used with when it is not the preset's own.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass

from oauth_http.oauth.auth_keys import (
    ACCESS_TOKEN_URL,
    AUTHORIZE_URL,
    REQUEST_TOKEN_URL,
    SIGNATURE_METHOD,
    SIGNATURE_PLACEMENT,
)
from oauth_http.oauth.origins import is_loopback_url, origin_matches, origin_of, provider_origins
from oauth_http.oauth.provider_model import Provider

ORIGINS = "Origins (token URLs and API Origins)"
_URL_FIELDS = (
    (REQUEST_TOKEN_URL, "request_token_url"),
    (AUTHORIZE_URL, "authorize_url"),
    (ACCESS_TOKEN_URL, "access_token_url"),
)
_SIGNING_FIELDS = (
    (SIGNATURE_METHOD, "signature_method"),
    (SIGNATURE_PLACEMENT, "signature_placement"),
)


@dataclass(frozen=True)
class Change:
    """One field the workspace sets: `preset` is the preset's value (None for a custom
    provider), `workspace` the env file's."""

    key: str
    preset: str | None
    workspace: str

    def line(self) -> str:
        if self.preset is None:
            return f"{self.key}: {self.workspace}"
        return f"{self.key}: {self.preset} → {self.workspace}"


@dataclass(frozen=True)
class WorkspaceDefinition:
    """What the workspace's entry for `provider_id` changes; `refused` says why it cannot be
    used at all (an https preset URL downgraded to http)."""

    provider_id: str
    label: str
    custom: bool
    changes: tuple[Change, ...]
    fingerprint: str
    refused: str | None = None

    def summary(self) -> str:
        """The changes as one paragraph, for a message box or a terminal."""
        if self.custom:
            intro = (
                f'This workspace\'s env file defines the provider "{self.provider_id}": its '
                "consumer secret and tokens go to"
            )
        else:
            intro = (
                f"This workspace's env file changes where {self.label} ({self.provider_id}) "
                "credentials go"
            )
        listed = "; ".join(change.line() for change in self.changes)
        return f"{intro}: {listed}."


def fingerprint_of(provider: Provider) -> str:
    """A hash of the fields that decide where the provider's credentials go and how they are
    protected: the token and authorize URLs, the signature method and placement, the origins."""
    fields = {
        "id": provider.id,
        "urls": list(provider.endpoints),
        "signature": [provider.signature_method, provider.signature_placement],
        "origins": sorted(provider_origins(provider)),
    }
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=128)  # asked before every signed send; pure, on frozen providers
def workspace_definition(provider: Provider, preset: Provider | None) -> WorkspaceDefinition | None:
    """What the env file's entry changes about `provider` compared with `preset` (the preset of
    that id, its variables resolved; None for a custom provider); None when it changes nothing
    that decides where credentials go."""
    if provider.source == "preset":
        return None
    if preset is None:
        return WorkspaceDefinition(
            provider.id, provider.label, True, _custom_fields(provider), fingerprint_of(provider)
        )
    changes = [
        Change(key, getattr(preset, name) or "(none)", getattr(provider, name) or "(none)")
        for key, name in (*_URL_FIELDS, *_SIGNING_FIELDS)
        if getattr(provider, name) != getattr(preset, name)
    ]
    if _widened_origins(provider, preset):
        changes.append(
            Change(
                ORIGINS,
                ", ".join(provider_origins(preset)) or "(none)",
                ", ".join(provider_origins(provider)),
            )
        )
    if not changes:
        return None
    return WorkspaceDefinition(
        provider.id,
        provider.label,
        False,
        tuple(changes),
        fingerprint_of(provider),
        _downgrade(provider, preset),
    )


def _custom_fields(provider: Provider) -> tuple[Change, ...]:
    changes = [
        Change(key, None, getattr(provider, name))
        for key, name in _URL_FIELDS
        if getattr(provider, name)
    ]
    changes.append(Change(ORIGINS, None, ", ".join(provider_origins(provider)) or "(none)"))
    changes.extend(Change(key, None, getattr(provider, name)) for key, name in _SIGNING_FIELDS)
    return tuple(changes)


def _widened_origins(provider: Provider, preset: Provider) -> list[str]:
    """The provider's origins that none of the preset's own covers."""
    own = provider_origins(preset)
    return [
        origin
        for origin in provider_origins(provider)
        if not any(origin_matches(origin, pattern) for pattern in own)
    ]


def _downgrade(provider: Provider, preset: Provider) -> str | None:
    for key, name in _URL_FIELDS:
        before, after = getattr(preset, name), getattr(provider, name)
        if (
            before.lower().startswith("https://")
            and after.lower().startswith("http://")
            and not is_loopback_url(after)
        ):
            return (
                f'The env file turns {provider.label}\'s "{key}" from {before} into the plain '
                f"http address {after}, where anyone on the way could read what is sent. It was "
                f"refused; use an https:// address in the env file."
            )
    return None


def secret_destination(provider: Provider, preset: Provider | None) -> str | None:
    """The origin the provider's consumer secret is used with when it is not the preset's own
    (any origin, for a custom provider), else None."""
    if provider.fetches_tokens:
        where = origin_of(provider.request_token_url)
        own = origin_of(preset.request_token_url) if preset is not None else None
        return where if where != own else None
    origins = provider_origins(provider)
    own_origins = provider_origins(preset) if preset is not None else ()
    foreign = [origin for origin in origins if origin not in own_origins]
    return ", ".join(foreign) if foreign else None
