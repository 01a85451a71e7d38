"""The keys of an OAuth1 `"Security": {"Auth": {"<id>": {...}}}` entry, and near-miss matching.

Shared by the entry reader and by editor features (completion and hover in env files).
"""

from __future__ import annotations

import difflib

TYPE = "Type"
REQUEST_TOKEN_URL = "Request Token URL"
AUTHORIZE_URL = "Authorize URL"
ACCESS_TOKEN_URL = "Access Token URL"
CONSUMER_KEY = "Consumer Key"
CONSUMER_SECRET = "Consumer Secret"
SIGNATURE_METHOD = "Signature Method"
SIGNATURE_PLACEMENT = "Signature Placement"
PRIVATE_KEY_FILE = "Private Key File"
REALM = "Realm"
CALLBACK = "Callback"
AUTHORIZE_PARAMETERS = "Authorize Parameters"
API_ORIGINS = "API Origins"
FLOW = "Flow"
BODY_HASH = "Body Hash"
INCLUDE_VERSION = "Include Version"
SEND_EMPTY_TOKEN = "Send Empty Token"
PASTE_FORMAT = "Paste Format"

URL_KEYS: dict[str, str] = {
    REQUEST_TOKEN_URL: "request_token_url",
    AUTHORIZE_URL: "authorize_url",
    ACCESS_TOKEN_URL: "access_token_url",
}
TEXT_KEYS: dict[str, str] = {
    CONSUMER_KEY: "consumer_key",
    CONSUMER_SECRET: "consumer_secret",
    PRIVATE_KEY_FILE: "private_key_file",
    REALM: "realm",
    CALLBACK: "callback",
}
KNOWN_KEYS: tuple[str, ...] = (
    TYPE,
    *URL_KEYS,
    *TEXT_KEYS,
    SIGNATURE_METHOD,
    SIGNATURE_PLACEMENT,
    AUTHORIZE_PARAMETERS,
    API_ORIGINS,
    FLOW,
    BODY_HASH,
    INCLUDE_VERSION,
    SEND_EMPTY_TOKEN,
    PASTE_FORMAT,
)
BOOLEAN_KEYS: dict[str, str] = {
    INCLUDE_VERSION: "include_version",
    SEND_EMPTY_TOKEN: "send_empty_token",
}
OAUTH1_TYPE = "OAuth1"
CONSUMER_SECRET_IN_FILE = "consumer-secret-in-file"

URL_EXAMPLES = {
    REQUEST_TOKEN_URL: "https://api.example.com/oauth/request_token",
    AUTHORIZE_URL: "https://api.example.com/oauth/authorize",
    ACCESS_TOKEN_URL: "https://api.example.com/oauth/access_token",
}


def closest_key(key: str) -> str | None:
    """The known key `key` was probably meant to be, or None."""
    by_lower = {known.lower(): known for known in KNOWN_KEYS}
    if key.strip().lower() in by_lower:
        return by_lower[key.strip().lower()]
    matches = difflib.get_close_matches(key.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[matches[0]] if matches else None


def closest_choice(value: str, choices: tuple[str, ...]) -> str | None:
    """The choice `value` was probably meant to be (case-insensitive), or None."""
    upper = {choice.upper(): choice for choice in choices}
    matches = difflib.get_close_matches(value.upper(), list(upper), n=1, cutoff=0.5)
    return upper[matches[0]] if matches else None
