"""A workspace for the provider tests: `examples/providers/providers.http` and an env file whose
`$shared` points every preset at the persona playing it on a test's sandbox (as
`examples/providers/http-client.env.json` does for the sandbox on port 8765), and what a user
types for each preset (its persona's demo secret, the tokens made on the persona's page, a key's
password). Shared by the CLI and the language server tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from oauth_http.oauth.presets import PRESETS_BY_ID
from oauth_http.sandbox.accounts import DEMO_RSA_PKCS12_PASSWORD
from oauth_http.sandbox.browser import create_tokens
from oauth_http.sandbox.persona_env import PRESET_PERSONAS, persona_environment
from oauth_http.sandbox.personas import PERSONAS_BY_NAME

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "providers"
PROVIDERS_FILE = "providers.http"
PRESETS_BY_FLOW = {
    flow: [preset for preset in PRESET_PERSONAS if PRESETS_BY_ID[preset].flow == flow]
    for flow in ("PIN", "Loopback", "Paste", "Consumer Only")
}


def persona_workspace(folder: Path, sandbox_url: str) -> Path:
    shutil.copy(EXAMPLES / PROVIDERS_FILE, folder / PROVIDERS_FILE)
    env = {"$shared": persona_environment(sandbox_url)}
    (folder / "http-client.env.json").write_text(json.dumps(env, indent=2), encoding="utf-8")
    return folder


def consumer_secret(preset: str) -> str:
    if preset == "discogs":
        return "discogs-secret"
    return PERSONAS_BY_NAME[PRESET_PERSONAS[preset]].consumer.secret or ""


def typed_answers(preset: str, sandbox_url: str) -> list[str]:
    """What the user types to authorize `preset`, in order, before any browser step; tokens to
    paste are made on the persona's page first, as a person would."""
    persona = PRESET_PERSONAS[preset]
    tokens_page = f"{sandbox_url}/personas/{persona}/tokens"
    if preset == "maas":
        return [create_tokens(tokens_page)["api-key"]]
    if preset == "mastercard":
        return [DEMO_RSA_PKCS12_PASSWORD]
    answers = [consumer_secret(preset)]
    if PRESETS_BY_ID[preset].flow == "Paste":
        issued = create_tokens(tokens_page)
        answers += [issued["token"], issued["token-secret"]]
    return answers
