"""`make demo-terminal`: the sandbox provider, every way to get credentials, and signed requests,
for real, with the CLI.

It starts the sandbox OAuth 1.0a provider on 127.0.0.1:8765, runs `oauth-http authorize sandbox`
as a user would (the demo plays the user in the browser: it opens the authorize page over HTTP,
approves, and types the PIN back), sends the requests of `examples/twitter.http` with
`oauth-http send`, then shows each other flow against the persona that plays a real provider
(`examples/providers/`): Loopback (Tumblr: the browser comes back to the CLI), Paste (NetSuite's
token, MAAS's API key, made on the persona's page), Consumer Only (Mastercard's PKCS#12 key,
Schoology). It then keeps the sandbox running so you can try the CLI, or the extension in VS Code,
against it. Ctrl+C stops it.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from oauth_http.demo_cli import authorize, send, title
from oauth_http.sandbox import accounts
from oauth_http.sandbox.browser import approve, approve_and_follow
from oauth_http.sandbox.persona_env import terminal_answers
from oauth_http.sandbox.server import start_sandbox

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PROVIDERS = EXAMPLES / "providers"
PORT = accounts.SANDBOX_DEFAULT_PORT
# One preset per way of getting credentials, each against its persona.
FLOWS = (
    ("tumblr", "Loopback: the browser comes back to the CLI on 127.0.0.1"),
    ("netsuite", "Paste: a token made on NetSuite's (the persona's) page; realm, HMAC-SHA256"),
    ("maas", "Paste: MAAS's consumer:token:secret API key; PLAINTEXT"),
    ("mastercard", "Consumer Only: RSA-SHA256 with a PKCS#12 key, a body hash on every request"),
    ("schoology", 'Consumer Only: realm "Schoology API" and an empty oauth_token'),
)


def _pin(url: str) -> str:
    pin = approve(url)
    print(f"  (the demo approved in the browser; the page shows PIN {pin})", flush=True)
    return pin


def _come_back(url: str) -> None:
    landed = approve_and_follow(url)
    print(f"  (the demo approved; the browser came back and shows: {landed.title})", flush=True)


def _request_lines() -> list[int]:
    lines = (EXAMPLES / "twitter.http").read_text(encoding="utf-8").splitlines()
    return [n + 1 for n, text in enumerate(lines) if text.startswith(("GET ", "POST "))]


def _every_flow(token_file: Path, base: str) -> bool:
    for preset, what in FLOWS:
        title(f"{preset} — {what}")
        browser = _come_back if preset == "tumblr" else None
        typed = terminal_answers(preset, base)
        if not authorize(preset, PROVIDERS, token_file, typed, browser=browser):
            print(f"The authorization of {preset} failed; see above.", file=sys.stderr)
            return False
        send(PROVIDERS / "providers.http", ["--name", preset], token_file)
        print()
    return True


def main() -> int:
    """Run the demo until Ctrl+C (KeyboardInterrupt, handled by the caller)."""
    try:
        sandbox = start_sandbox(port=PORT)
    except OSError as error:
        print(
            f"Cannot listen on 127.0.0.1:{PORT} ({error.strerror}). Is a sandbox already "
            "running? Stop it, or run `oauth-http sandbox --port N` yourself.",
            file=sys.stderr,
        )
        return 2
    with sandbox, tempfile.TemporaryDirectory() as folder:
        token_file = Path(folder) / "tokens.json"
        title(f"The sandbox OAuth 1.0a provider is running at {sandbox.url}")
        print(f"  consumer key    {accounts.SANDBOX_CONSUMER_KEY}")
        print(f"  consumer secret {accounts.SANDBOX_CONSUMER_SECRET}")
        title("Authorize with the PIN flow")
        typed = [accounts.SANDBOX_CONSUMER_KEY, accounts.SANDBOX_CONSUMER_SECRET]
        if not authorize(
            "sandbox", EXAMPLES, token_file, typed, browser=_pin, extra=["--env", "sandbox"]
        ):
            print("The authorization failed; see above.", file=sys.stderr)
            return 1
        title("Send signed requests from examples/twitter.http")
        for line in _request_lines():
            send(EXAMPLES / "twitter.http", ["--line", str(line)], token_file, ["--env", "sandbox"])
            print()
        if not _every_flow(token_file, sandbox.url):
            return 1
        title("Try it yourself")
        print(
            f"  The sandbox keeps running at {sandbox.url} until Ctrl+C. In another terminal:\n"
            "    .venv/bin/oauth-http authorize sandbox --dir examples --env sandbox\n"
            "    .venv/bin/oauth-http send examples/twitter.http --all --env sandbox -v\n"
            "    .venv/bin/oauth-http authorize tumblr --dir examples/providers\n"
            "    .venv/bin/oauth-http send examples/providers/providers.http --name tumblr\n"
            "  or open examples/ in VS Code with the extension (see README.md).",
            flush=True,
        )
        while True:
            time.sleep(3600)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nStopped.")
        sys.exit(0)
