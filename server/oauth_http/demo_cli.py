"""The demo's way of running the CLI as a user would: `oauth-http authorize` with what the user
types on its stdin and the browser played where a person would click, and `oauth-http send`.

Each command is printed before it runs, and its output is shown indented.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

ADDRESS = re.compile(r"approve access at (\S+)")
NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}

Browser = Callable[[str], str | None]
"""Plays the user on the authorize page at an address; returns what to type next (a PIN), or
None when the browser comes back by itself (Loopback)."""


def cli(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "oauth_http", *arguments]


def title(text: str) -> None:
    print(f"\n\033[1m== {text}\033[0m", flush=True)


def authorize(
    provider: str,
    directory: Path,
    token_file: Path,
    typed: Sequence[str],
    *,
    browser: Browser | None = None,
    extra: Sequence[str] = (),
) -> bool:
    """`oauth-http authorize PROVIDER`, typing `typed`; True when it authorized."""
    shown = " ".join(["oauth-http authorize", provider, *extra, "--no-browser --token-file ..."])
    print(f"$ {shown}", flush=True)
    command = cli(
        "authorize", provider, "--dir", str(directory), *extra, "--no-browser",
        "--token-file", str(token_file),
    )  # fmt: skip
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, **NO_KEYRING},
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write("".join(f"{line}\n" for line in typed))
    process.stdin.flush()
    for line in process.stdout:
        print(f"  {line.rstrip()}", flush=True)
        found = ADDRESS.search(line)
        if found and browser is not None:
            more = browser(found.group(1))
            if more is not None:
                process.stdin.write(f"{more}\n")
                process.stdin.flush()
    return process.wait() == 0


def send(file: Path, where: Sequence[str], token_file: Path, extra: Sequence[str] = ()) -> None:
    print(f"$ oauth-http send {file.parent.name}/{file.name} {' '.join([*where, *extra])}")
    subprocess.run(
        cli("send", str(file), *where, *extra, "--token-file", str(token_file)),
        check=False,
        env={**os.environ, **NO_KEYRING},
    )
