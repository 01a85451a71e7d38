"""Entry point of `oauth-http`: parses the subcommand and hands over to its module.

Each subcommand lives in its own module exposing `add_arguments(parser)` and `run(args) -> int`.
Modules are imported only when their subcommand runs, so `oauth-http serve` starts without
loading requests, oauthlib or the sandbox.
"""

from __future__ import annotations

import importlib
import sys
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
