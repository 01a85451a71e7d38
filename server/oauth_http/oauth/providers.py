"""The providers a workspace knows: presets plus the env file's auth entries, and the one lookup.

`build_registry` merges the presets with the `"Security": {"Auth": ...}` entries of the selected
environment; `lookup_provider` is the single place that turns a provider id (from a
`# @oauth1 <id>` line, a command or the CLI) into a usable `Provider` or a `ProviderLookupError`
(which, for an API that moved to OAuth 2.0, says so).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from oauth_http.oauth.auth_keys import CONSUMER_SECRET_IN_FILE, PRIVATE_KEY_FILE
from oauth_http.oauth.errors import ProviderLookupError, ProviderProblem
from oauth_http.oauth.presets import PRESETS, PRESETS_BY_ID
from oauth_http.oauth.presets_retired import RETIRED_BY_ID
from oauth_http.oauth.provider_entries import read_auth_entry
from oauth_http.oauth.provider_model import (
    Provider,
    Resolve,
    resolve_text,
    usability_problem,
    with_unresolved_variables,
)
from oauth_http.variables.environments import AuthConfig
from oauth_http.variables.json_tree import JsonObject, to_python


@dataclass(frozen=True)
class ProviderRegistry:
    """Providers by id in display order (presets first), ids whose entries are broken with the
    reason, every problem found in the auth entries, and the presets as they are before the env
    file's entries (their variables resolved), to show what an entry changes."""

    providers: Mapping[str, Provider] = field(default_factory=dict)
    broken: Mapping[str, str] = field(default_factory=dict)
    problems: tuple[ProviderProblem, ...] = ()
    presets: Mapping[str, Provider] = field(default_factory=dict)


def _identity(text: str) -> str:
    return text


def _resolved_preset(preset: Provider, resolve: Resolve) -> Provider:
    resolved = replace(
        preset,
        request_token_url=resolve_text(preset.request_token_url, resolve),
        authorize_url=resolve_text(preset.authorize_url, resolve),
        access_token_url=resolve_text(preset.access_token_url, resolve),
        api_origins=tuple(resolve_text(origin, resolve) for origin in preset.api_origins),
        realm=resolve_text(preset.realm, resolve) if preset.realm else None,
    )
    return with_unresolved_variables(resolved)


def build_registry(
    auth_entries: Mapping[str, AuthConfig] | None = None, resolve: Resolve = _identity
) -> ProviderRegistry:
    """Presets (with `{{variables}}` resolved) overlaid with the selected environment's
    `Security.Auth` entries (`Environments.security_auth(selected)`).

    `resolve` turns text with `{{variables}}` into text, leaving unknown ones in place. Each
    problem carries the env file and span of the key it is about.
    """
    providers: dict[str, Provider] = {
        preset.id: _resolved_preset(preset, resolve) for preset in PRESETS
    }
    presets = dict(providers)
    broken: dict[str, str] = {}
    problems: list[ProviderProblem] = []
    for auth_id, config in (auth_entries or {}).items():
        entry = {key: to_python(setting.value) for key, setting in config.settings.items()}
        preset = providers.get(auth_id) if auth_id in PRESETS_BY_ID else None
        result = read_auth_entry(auth_id, entry, resolve, preset)
        problems.extend(
            _located(problem, config)
            for problem in result.problems
            if not _secret_already_private(problem, config)
        )
        if result.provider is not None:
            providers[auth_id] = _anchored_key_file(result.provider, config)
        elif result.broken_reason is not None and preset is None:
            broken[auth_id] = result.broken_reason
    return ProviderRegistry(providers, broken, tuple(problems), presets)


def _anchored_key_file(provider: Provider, config: AuthConfig) -> Provider:
    """A relative "Private Key File" is relative to the env file that names it (string work
    on the paths only, no file access)."""
    setting = config.get(PRIVATE_KEY_FILE)
    key_file = provider.private_key_file
    if setting is None or not key_file or key_file.startswith("~") or os.path.isabs(key_file):
        return provider
    anchored = os.path.join(os.path.dirname(setting.path), key_file)
    return replace(provider, private_key_file=anchored)


def _secret_already_private(problem: ProviderProblem, config: AuthConfig) -> bool:
    """The plain-text secret hint is moot when the secret sits in the private env file."""
    setting = config.get(problem.key) if problem.key else None
    return problem.code == CONSUMER_SECRET_IN_FILE and setting is not None and setting.private


def _located(problem: ProviderProblem, config: AuthConfig) -> ProviderProblem:
    """`problem` with the file and span of its key (or of the entry's id for the whole entry)."""
    setting = config.get(problem.key) if problem.key else None
    if setting is not None:
        span = setting.key_span
        if problem.subkey is not None and isinstance(setting.value, JsonObject):
            member = setting.value.member(problem.subkey)
            span = member.key_span if member else span
        return replace(problem, file_path=setting.path, span=span)
    if config.origins:
        origin = config.origins[0]
        return replace(problem, file_path=origin.path, span=origin.span)
    return problem


def known_provider_ids(registry: ProviderRegistry) -> list[str]:
    """Every id a `# @oauth1` line may name: presets first, then the env file's own."""
    return list(registry.providers)


def lookup_provider(provider_id: str, registry: ProviderRegistry) -> Provider | ProviderLookupError:
    """The provider `provider_id` names, ready for the PIN flow and signing, or why not."""
    provider = registry.providers.get(provider_id)
    if provider is not None:
        problem = usability_problem(provider)
        return provider if problem is None else ProviderLookupError(provider_id, problem)
    retired = RETIRED_BY_ID.get(provider_id.strip().lower())
    if retired is not None:
        return ProviderLookupError(provider_id, retired.message)
    if provider_id in registry.broken:
        return ProviderLookupError(
            provider_id,
            f'Provider "{provider_id}" cannot be used: {registry.broken[provider_id]} Fix its '
            'entry under "Security": {"Auth": ...} in the env file.',
        )
    return _unknown(provider_id, known_provider_ids(registry))


def _unknown(provider_id: str, known: list[str]) -> ProviderLookupError:
    by_lower = {known_id.lower(): known_id for known_id in known}
    close = difflib.get_close_matches(provider_id.lower(), list(by_lower), n=1, cutoff=0.6)
    suggestion = by_lower.get(provider_id.lower()) or (by_lower[close[0]] if close else None)
    hint = f'Did you mean "{suggestion}"? ' if suggestion else ""
    return ProviderLookupError(
        provider_id,
        f'Unknown provider "{provider_id}". {hint}Known providers: {", ".join(known)}; or '
        f'define it in http-client.env.json under "Security": {{"Auth": {{"{provider_id}": '
        '{"Type": "OAuth1", ...}}}.',
        suggestion,
    )
