"""Env-file settings that point every preset at the persona that plays its provider, for the
tests, the demos and `examples/providers/` (whose `http-client.env.json` has them in `$shared`).

Presets that fetch tokens get the persona's token URLs; every preset gets the sandbox's origin
under "API Origins" (its credentials may go there) and the persona's public demo consumer key,
so only what a user would really type is asked: the consumer secret, the pasted tokens, a key's
password. Site variables (magentoSiteUrl, maasUrl, ...) point at the personas' paths.
"""

from __future__ import annotations

from oauth_http.sandbox.accounts import (
    DEMO_RSA_PKCS12_FILE,
    DEMO_RSA_PKCS12_PASSWORD,
    demo_rsa_pkcs12_path,
)
from oauth_http.sandbox.browser import create_tokens
from oauth_http.sandbox.personas import NETSUITE_ACCOUNT_ID, PERSONAS_BY_NAME

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
