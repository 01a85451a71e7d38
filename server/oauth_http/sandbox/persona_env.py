"""Env-file settings that point every preset at the persona that plays its provider, for the
tests, the demos and `examples/providers/` (whose `http-client.env.json` has them in `$shared`).

Presets that fetch tokens get the persona's token URLs; every preset gets the sandbox's origin
under "API Origins" (its credentials may go there) and the persona's public demo consumer key,
so only what a user would really type is asked: the consumer secret, the pasted tokens, a key's
password. Site variables (magentoSiteUrl, maasUrl, ...) point at the personas' paths.
Such an entry changes where a preset's credentials go, so the first authorization asks the user
to agree (`redefines_preset`; on a terminal, `terminal_answers` starts with that `yes`).
"""

from __future__ import annotations

import json
import re

from oauth_http.oauth.overrides import workspace_definition
from oauth_http.oauth.providers import build_registry
from oauth_http.sandbox.accounts import (
    DEMO_RSA_PKCS12_FILE,
    DEMO_RSA_PKCS12_PASSWORD,
    demo_rsa_pkcs12_path,
)
from oauth_http.sandbox.browser import create_tokens
from oauth_http.sandbox.personas import NETSUITE_ACCOUNT_ID, PERSONAS_BY_NAME
from oauth_http.variables.env_files import parse_env_file
from oauth_http.variables.environments import Environments

# Preset id -> the persona that plays it.
PRESET_PERSONAS: dict[str, str] = {
    "tumblr": "callback",
    "evernote": "callback",
    "evernote-sandbox": "callback",
    "garmin": "callback",
    "discogs": "plaintext",
    "netsuite": "netsuite",
    "magento": "tokens",
    "mediawiki-owner": "tokens",
    "maas": "plaintext",
    "mastercard": "mastercard",
    "woocommerce": "woocommerce",
    "schoology": "schoology",
}
SITE_VARIABLES = {
    "magentoSiteUrl": "tokens",
    "maasUrl": "plaintext",
    "woocommerceSiteUrl": "woocommerce",
}
TOKEN_URLS = {
    "Request Token URL": "oauth/request_token",
    "Authorize URL": "oauth/authorize",
    "Access Token URL": "oauth/access_token",
}


def persona_environment(base_url: str, *, key_file: str | None = None) -> dict[str, object]:
    """The variables and "Security": {"Auth": ...} for a sandbox at `base_url`;
    `key_file` is Mastercard's "Private Key File" (the shipped demo .p12 by default)."""
    personas = f"{base_url}/personas"
    auth: dict[str, dict[str, object]] = {}
    for preset_id, name in PRESET_PERSONAS.items():
        persona = PERSONAS_BY_NAME[name]
        entry: dict[str, object] = {"API Origins": [base_url]}
        if persona.three_legged and preset_id not in ("maas",):
            entry.update({key: f"{personas}/{name}/{path}" for key, path in TOKEN_URLS.items()})
        if preset_id != "maas":
            entry["Consumer Key"] = (
                "discogs-consumer" if preset_id == "discogs" else (persona.consumer.key)
            )
        auth[preset_id] = entry
    auth["mastercard"]["Private Key File"] = key_file or demo_rsa_pkcs12_path()
    return {
        "personasUrl": personas,
        "netsuiteAccountId": NETSUITE_ACCOUNT_ID,
        **{variable: f"{personas}/{name}" for variable, name in SITE_VARIABLES.items()},
        "Security": {"Auth": auth},
    }


EXAMPLES_KEY_FILE = f"../../server/oauth_http/sandbox/{DEMO_RSA_PKCS12_FILE}"
"""Mastercard's key file as `examples/providers/http-client.env.json` names it (relative to it)."""


PASTED = ("netsuite", "magento", "mediawiki-owner")


def consumer_secret(preset: str) -> str:
    """The demo consumer secret of the persona playing `preset`."""
    if preset == "discogs":
        return "discogs-secret"
    return PERSONAS_BY_NAME[PRESET_PERSONAS[preset]].consumer.secret or ""


def typed_answers(preset: str, base_url: str) -> list[str]:
    """What the user types to authorize `preset` against the sandbox at `base_url`, in order,
    before any browser step; tokens to paste are made on the persona's page first, as a person
    would."""
    tokens_page = f"{base_url}/personas/{PRESET_PERSONAS[preset]}/tokens"
    if preset == "maas":
        return [create_tokens(tokens_page)["api-key"]]
    if preset == "mastercard":
        return [DEMO_RSA_PKCS12_PASSWORD]
    answers = [consumer_secret(preset)]
    if preset in PASTED:
        issued = create_tokens(tokens_page)
        answers += [issued["token"], issued["token-secret"]]
    return answers


def redefines_preset(preset: str, base_url: str) -> bool:
    """Whether the persona's entry for `preset` changes where its credentials go (its token
    URLs, or an origin beyond the preset's own), so that its first authorization asks."""
    environment = persona_environment(base_url)
    values = {name: value for name, value in environment.items() if isinstance(value, str)}

    def resolve(text: str) -> str:
        return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda found: values.get(found[1], found[0]), text)

    env_file = parse_env_file(
        json.dumps({"$shared": environment}), path="http-client.env.json", private=False
    )
    registry = build_registry(Environments(env_file, None).security_auth(None), resolve)
    provider = registry.providers[preset]
    return workspace_definition(provider, registry.presets.get(preset)) is not None


def terminal_answers(preset: str, base_url: str) -> list[str]:
    """`typed_answers` as `oauth-http authorize` reads them: after the `yes` that agrees to the
    persona's entry, when it asks for one."""
    agree = ["yes"] if redefines_preset(preset, base_url) else []
    return [*agree, *typed_answers(preset, base_url)]
