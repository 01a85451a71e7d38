"""A workspace for the provider tests: `examples/providers/providers.http` and an env file whose
`$shared` points every preset at the persona playing it on a test's sandbox (as
`examples/providers/http-client.env.json` does for the sandbox on port 8765), and what a user
types for each preset (`persona_env.typed_answers`; on a terminal `terminal_answers`, which agree
to the persona's entry first). Shared by the CLI and the language server
tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from oauth_http.oauth.presets import PRESETS_BY_ID
from oauth_http.sandbox.persona_env import (
    PRESET_PERSONAS,
    persona_environment,
    terminal_answers,
    typed_answers,
)

__all__ = [
    "PRESETS_BY_FLOW",
    "PROVIDERS_FILE",
    "persona_workspace",
    "terminal_answers",
    "typed_answers",
]

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
