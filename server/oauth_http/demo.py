"""`make run` in a terminal: the sandbox provider, the PIN flow and signed requests, for real.

It starts the sandbox OAuth 1.0a provider on 127.0.0.1:8765, runs `oauth-http authorize sandbox`
as a user would (the demo plays the user in the browser: it opens the authorize page over HTTP,
approves, and types the PIN back), sends the requests of `examples/twitter.http` with
`oauth-http send`, and then keeps the sandbox running so you can try the CLI, or the extension
in VS Code, against it. Ctrl+C stops it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from oauth_http.sandbox import accounts
from oauth_http.sandbox.browser import approve
from oauth_http.sandbox.server import start_sandbox

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PORT = accounts.SANDBOX_DEFAULT_PORT
_ADDRESS = re.compile(r"https?://\S+/oauth/authorize\S*")


def _cli(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "oauth_http", *arguments]


def _title(text: str) -> None:
    print(f"\n\033[1m== {text}\033[0m", flush=True)


def _authorize(token_file: Path) -> bool:
    command = _cli(
        "authorize",
        "sandbox",
        "--dir",
        str(EXAMPLES),
        "--env",
        "sandbox",
        "--no-browser",
        "--token-file",
        str(token_file),
    )
    print("$ oauth-http authorize sandbox --env sandbox --no-browser --token-file ...", flush=True)
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(f"{accounts.SANDBOX_CONSUMER_KEY}\n{accounts.SANDBOX_CONSUMER_SECRET}\n")
    process.stdin.flush()
    for line in process.stdout:
        print(f"  {line.rstrip()}", flush=True)
        found = _ADDRESS.search(line)
        if found:
            pin = approve(found.group(0))
            print(f"  (the demo approved in the browser; the page shows PIN {pin})", flush=True)
            process.stdin.write(f"{pin}\n")
            process.stdin.flush()
    return process.wait() == 0


def _send(token_file: Path, name: str | None = None, line: int | None = None) -> None:
    where = ["--name", name] if name else ["--line", str(line)]
    shown = " ".join(where)
    print(f"$ oauth-http send examples/twitter.http {shown} --env sandbox", flush=True)
    subprocess.run(
        _cli(
            "send",
            str(EXAMPLES / "twitter.http"),
            *where,
            "--env",
            "sandbox",
            "--token-file",
            str(token_file),
        ),
        check=False,
    )


def _request_lines() -> list[int]:
    lines = (EXAMPLES / "twitter.http").read_text(encoding="utf-8").splitlines()
    return [n + 1 for n, text in enumerate(lines) if text.startswith(("GET ", "POST "))]


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
        _title(f"The sandbox OAuth 1.0a provider is running at {sandbox.url}")
        print(f"  consumer key    {accounts.SANDBOX_CONSUMER_KEY}")
        print(f"  consumer secret {accounts.SANDBOX_CONSUMER_SECRET}")
        _title("Authorize with the PIN flow")
        if not _authorize(token_file):
            print("The authorization failed; see above.", file=sys.stderr)
            return 1
        _title("Send signed requests from examples/twitter.http")
        for line in _request_lines():
            _send(token_file, line=line)
            print()
        _title("Try it yourself")
        print(
            f"  The sandbox keeps running at {sandbox.url} until Ctrl+C. In another terminal:\n"
            "    .venv/bin/oauth-http authorize sandbox --dir examples --env sandbox\n"
            "    .venv/bin/oauth-http send examples/twitter.http --all --env sandbox -v\n"
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
