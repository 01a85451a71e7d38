"""Reads one `"Security": {"Auth": {"<id>": {...}}}` entry of an env file into a `Provider`.

An entry with a preset's id overrides that preset's fields; any other id defines a custom
provider and needs `"Type": "OAuth1"` and, for the PIN and Loopback flows, the three token URLs
(a Paste or Consumer Only provider fetches no tokens, so it needs "API Origins" instead). The
enumerated and true/false keys are read by `entry_options`, the checks across keys are in
`entry_rules`. Entries of other types (JetBrains'
own `"OAuth2"`) are left alone. Every problem names the key and the fix and carries its JSON path.
String values may use `{{variables}}`, resolved through the `resolve` callable (no I/O here).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from oauth_http.oauth.auth_keys import (
    API_ORIGINS,
    AUTHORIZE_PARAMETERS,
    CONSUMER_SECRET,
    CONSUMER_SECRET_IN_FILE,
    FLOW,
    KNOWN_KEYS,
    OAUTH1_TYPE,
    REQUEST_TOKEN_URL,
    TEXT_KEYS,
    TYPE,
    URL_EXAMPLES,
    URL_KEYS,
    closest_key,
)
from oauth_http.oauth.entry_options import read_options
from oauth_http.oauth.entry_rules import check_provider
from oauth_http.oauth.errors import ProblemSeverity, ProviderProblem
from oauth_http.oauth.origins import origin_of
from oauth_http.oauth.provider_model import (
    FLOWS,
    TOKEN_URL_FLOWS,
    Provider,
    Resolve,
    is_web_address,
    merge_parameters,
    resolve_text,
    variables_in,
    with_unresolved_variables,
)


@dataclass
class EntryResult:
    """What one entry gives: a provider (None when the entry is not an OAuth1 entry or is
    broken), its problems, and for a broken entry the reason lookups report."""

    provider: Provider | None = None
    problems: list[ProviderProblem] = field(default_factory=list)
    broken_reason: str | None = None


class _EntryReader:
    def __init__(self, auth_id: str, entry: Mapping[str, Any], resolve: Resolve) -> None:
        self.auth_id = auth_id
        self.entry = entry
        self.resolve = resolve
        self.problems: list[ProviderProblem] = []
        self.fields: dict[str, Any] = {}

    def problem(
        self,
        key: str | None,
        message: str,
        *,
        severity: ProblemSeverity = "error",
        code: str = "invalid-auth-entry",
        subkey: str | None = None,
    ) -> None:
        self.problems.append(ProviderProblem(self.auth_id, key, message, severity, code, subkey))

    def text(self, key: str) -> str | None:
        """The resolved string value of `key`, or None when absent or not a string."""
        if key not in self.entry:
            return None
        value = self.entry[key]
        if not isinstance(value, str):
            self.problem(key, f'"{key}" must be a string: write its value in double quotes.')
            return None
        if not value.strip():
            self.problem(key, f'"{key}" is empty: give it a value or remove the key.')
            return None
        return resolve_text(value, self.resolve).strip()

    def read(self) -> None:
        for key in self.entry:
            if key not in KNOWN_KEYS:
                self.unknown_key(key)
        for key, name in URL_KEYS.items():
            url = self.text(key)
            if url is None:
                continue
            if not variables_in(url) and not is_web_address(url):
                self.problem(
                    key,
                    f'"{key}" must be an http:// or https:// URL, e.g. "{URL_EXAMPLES[key]}".',
                )
                continue
            self.fields[name] = url
        for key, name in TEXT_KEYS.items():
            value = self.text(key)
            if value is not None:
                self.fields[name] = value
        if "consumer_secret" in self.fields:
            self.problem(
                CONSUMER_SECRET,
                "The consumer secret is in plain text in this file: move it to the editor's "
                "secret storage (Quick Fix) or to http-client.private.env.json, which stays out "
                "of version control.",
                severity="information",
                code=CONSUMER_SECRET_IN_FILE,
            )
        read_options(self)
        self.read_authorize_parameters()
        self.read_api_origins()

    def unknown_key(self, key: str) -> None:
        suggestion = closest_key(key)
        hint = (
            f'did you mean "{suggestion}"?'
            if suggestion
            else "valid keys are " + ", ".join(f'"{known}"' for known in KNOWN_KEYS) + "."
        )
        message = f'Unknown key "{key}" in an OAuth1 auth entry: {hint}'
        self.problem(key, message, severity="warning")

    def read_authorize_parameters(self) -> None:
        if AUTHORIZE_PARAMETERS not in self.entry:
            return
        value = self.entry[AUTHORIZE_PARAMETERS]
        if not isinstance(value, Mapping):
            self.problem(
                AUTHORIZE_PARAMETERS,
                f'"{AUTHORIZE_PARAMETERS}" must be an object of query parameters, '
                'e.g. {"perms": "read"}.',
            )
            return
        parameters: list[tuple[str, str]] = []
        for name, raw in value.items():
            if isinstance(raw, str):
                parameters.append((str(name), resolve_text(raw, self.resolve)))
            elif isinstance(raw, int | float) and not isinstance(raw, bool):
                parameters.append((str(name), str(raw)))
            else:
                self.problem(
                    AUTHORIZE_PARAMETERS,
                    f'Authorize parameter "{name}" must be a string or a number.',
                    subkey=str(name),
                )
        self.fields["authorize_parameters"] = tuple(parameters)

    def read_api_origins(self) -> None:
        if API_ORIGINS not in self.entry:
            return
        value = self.entry[API_ORIGINS]
        example = '["https://api.example.com", "https://*.example.com"]'
        if not isinstance(value, list):
            self.problem(API_ORIGINS, f'"{API_ORIGINS}" must be a list of origins, e.g. {example}.')
            return
        origins: list[str] = []
        for index, raw in enumerate(value):
            text = resolve_text(raw, self.resolve).strip() if isinstance(raw, str) else None
            if text is not None and (variables_in(text) or origin_of(text) is not None):
                origins.append(text)
                continue
            self.problem(
                API_ORIGINS,
                f'Item {index + 1} of "{API_ORIGINS}" is not an http:// or https:// origin: '
                f"write one such as {example}.",
                subkey=str(index),
            )
        self.fields["api_origins"] = tuple(origins)


def _entry_type_is_oauth1(reader: _EntryReader, *, is_preset: bool) -> bool | None:
    """True for an OAuth1 entry, False for another tool's entry, None when the entry is broken."""
    if TYPE not in reader.entry:
        if is_preset:
            return True
        reader.problem(
            None,
            f'Auth entry "{reader.auth_id}" has no "{TYPE}": add "{TYPE}": "{OAUTH1_TYPE}" to '
            "define an OAuth 1.0a provider.",
        )
        return None
    kind = reader.entry[TYPE]
    if not isinstance(kind, str):
        reader.problem(TYPE, f'"{TYPE}" must be a string: write "{TYPE}": "{OAUTH1_TYPE}".')
        return None
    return kind.strip().lower() == OAUTH1_TYPE.lower()


def read_auth_entry(
    auth_id: str, entry: object, resolve: Resolve, preset: Provider | None
) -> EntryResult:
    """Read the entry `auth_id`: a custom provider, or `preset` with the entry's overrides."""
    if not isinstance(entry, Mapping):
        return EntryResult(
            problems=[
                ProviderProblem(
                    auth_id,
                    None,
                    f'Auth entry "{auth_id}" must be an object such as {{"{TYPE}": '
                    f'"{OAUTH1_TYPE}", "{REQUEST_TOKEN_URL}": "https://..."}}.',
                )
            ],
            broken_reason="its entry in the env file is not an object.",
        )
    reader = _EntryReader(auth_id, entry, resolve)
    is_oauth1 = _entry_type_is_oauth1(reader, is_preset=preset is not None)
    if is_oauth1 is False:
        return EntryResult(problems=reader.problems)
    reader.read()
    if is_oauth1 is None:
        return EntryResult(problems=reader.problems, broken_reason=f'it has no "{TYPE}".')
    return _provider_from(reader, preset)


def _provider_from(reader: _EntryReader, preset: Provider | None) -> EntryResult:
    fields = dict(reader.fields)
    if preset is None:
        missing = _missing_for_flow(reader, fields.get("flow", FLOWS[0]))
        if missing:
            keys = ", ".join(f'"{key}"' for key in missing)
            return EntryResult(
                problems=reader.problems, broken_reason=f"its entry lacks a valid {keys}."
            )
        base = Provider(
            id=reader.auth_id,
            label=reader.auth_id,
            request_token_url=fields.pop("request_token_url", ""),
            authorize_url=fields.pop("authorize_url", ""),
            access_token_url=fields.pop("access_token_url", ""),
            description="Defined in the env file's Security.Auth.",
            source="environment",
        )
    else:
        base = replace(preset, source="preset+environment")
        if "authorize_parameters" in fields:
            fields["authorize_parameters"] = merge_parameters(
                preset.authorize_parameters, fields["authorize_parameters"]
            )
    provider = with_unresolved_variables(replace(base, **fields))
    check_provider(reader, provider)
    return EntryResult(provider=provider, problems=reader.problems)


def _missing_for_flow(reader: _EntryReader, flow: str) -> list[str]:
    """The keys a custom entry with `flow` lacks, each reported once: the three token URLs for
    the flows that fetch tokens, else "API Origins" (where the credentials may go)."""
    if flow in TOKEN_URL_FLOWS:
        missing = [key for key, name in URL_KEYS.items() if name not in reader.fields]
        for key in missing:
            if key not in reader.entry:
                reader.problem(
                    None,
                    f'Auth entry "{reader.auth_id}" has no "{key}": add it, e.g. '
                    f'"{key}": "{URL_EXAMPLES[key]}", or set "{FLOW}" to "Paste" or '
                    '"Consumer Only" if the provider gives no tokens by a flow.',
                )
        return missing
    if reader.fields.get("api_origins"):
        return []
    if API_ORIGINS not in reader.entry:
        reader.problem(
            None,
            f'Auth entry "{reader.auth_id}" uses the {flow} flow, which has no token URLs, so '
            f'it needs "{API_ORIGINS}": the origins its credentials may be sent to, e.g. '
            '"API Origins": ["https://api.example.com"].',
        )
    return [API_ORIGINS]
