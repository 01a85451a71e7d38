"""Entry point of `oauth-http`: parses the subcommand and hands over to its module.

Each subcommand lives in its own module exposing `add_arguments(parser)` and `run(args) -> int`.
Modules are imported only when their subcommand runs, so `oauth-http serve` starts without
loading requests, oauthlib or the sandbox.

No traceback reaches a user: an exception a subcommand did not expect is one line on stderr,
naming it, and exit status 3 (`EXIT_INTERNAL`, apart from `send`'s 1 for HTTP errors with
--fail and 2 for no response). `OAUTH_HTTP_DEBUG=1` prints the traceback too, for developers.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    import argparse

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "serve": ("oauth_http.cli.serve", "run the language server on stdio"),
    "authorize": ("oauth_http.cli.authorize", "authorize a provider with the PIN flow"),
    "sign": ("oauth_http.cli.sign", "sign one request and print the base string and signature"),
    "sandbox": ("oauth_http.cli.sandbox", "run the local sandbox OAuth 1.0a provider"),
    "send": ("oauth_http.cli.send", "send requests from a .http file"),
}


EXIT_INTERNAL = 3
DEBUG_SWITCH = "OAUTH_HTTP_DEBUG"
_SHOWN_CAUSE = 200


class SubcommandModule(Protocol):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


def _load(name: str) -> SubcommandModule:
    return cast(SubcommandModule, importlib.import_module(SUBCOMMANDS[name][0]))


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments == ["serve"]:  # how the editor starts the server: skip argparse's ~10 ms
        from oauth_http.cli.serve import serve_with_defaults

        return serve_with_defaults()
    import argparse

    parser = argparse.ArgumentParser(
        prog="oauth-http", description="Call OAuth 1.0a APIs from .http files."
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    chosen = next((a for a in arguments if not a.startswith("-")), None)
    for name, (_, help_text) in SUBCOMMANDS.items():
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        if name == chosen:
            _load(name).add_arguments(sub)
    args = parser.parse_args(arguments)
    try:
        return _load(args.command).run(args)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: one line, not a traceback
        return _internal_error(args.command, error)


def _internal_error(command: str, error: Exception) -> int:
    if os.environ.get(DEBUG_SWITCH) == "1":
        traceback.print_exception(error, file=sys.stderr)
    print(f"oauth-http {command}: internal error: {describe(error)}", file=sys.stderr)
    return EXIT_INTERNAL


def describe(error: BaseException) -> str:
    """What went wrong, in one line: the exception's kind and the start of its message, with
    the next step (set OAUTH_HTTP_DEBUG=1 for the traceback, report it)."""
    if isinstance(error, RecursionError):
        cause = "the input is nested too deeply to process (RecursionError)"
    elif isinstance(error, MemoryError):
        cause = "out of memory (MemoryError)"
    else:
        text = " ".join(str(error).split())
        shown = text if len(text) <= _SHOWN_CAUSE else text[: _SHOWN_CAUSE - 1] + "…"
        cause = f"{type(error).__name__}: {shown}" if shown else type(error).__name__
    return (
        f"{cause}. Run again with {DEBUG_SWITCH}=1 for the traceback, and please report it "
        "(secrets removed)."
    )
