"""`oauth-http authorize PROVIDER`: the provider's flow on the command line (or `--flow`'s).

Translation only: the arguments give the folder, environment and flow, `workspace.authorization`
runs the flow with the terminal's interaction, and this module prints the outcome. The Loopback
flow prints the authorize address (and opens it unless `--no-browser`) and finishes when the
browser comes back; Paste reads the token and its secret hidden from the terminal, or one line
each from stdin (token first).

Env files (`http-client.env.json`, `http-client.private.env.json`) are looked for from `--dir`
upwards; the first directory holding one is the workspace folder secrets are scoped to. Tokens go
to the OS keyring when it is usable and to `--token-file` when given. Exit codes: 0 authorized,
1 failed, 130 cancelled.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from oauth_http.cli.context import add_workspace_arguments, context_for_dir
from oauth_http.cli.terminal import TerminalInteraction, TerminalProgress
from oauth_http.cli.token_store import open_secret_store
from oauth_http.oauth.entry_options import CHOICES_BY_KEY, canonical_value
from oauth_http.oauth.errors import ProviderLookupError
from oauth_http.oauth.flow import Authorized, Cancelled
from oauth_http.oauth.flow_loopback import DEFAULT_TIMEOUT_SECONDS
from oauth_http.oauth.provider_model import FLOWS, Flow
from oauth_http.oauth.providers import lookup_provider
from oauth_http.syntax.spans import Severity
from oauth_http.variables.env_files import PUBLIC_FILE
from oauth_http.workspace.authorization import entry_problems, start_authorization
from oauth_http.workspace.contexts import DocumentContext

EXIT_AUTHORIZED = 0
EXIT_FAILED = 1
EXIT_CANCELLED = 130


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("provider", metavar="PROVIDER", help="provider id, e.g. sandbox, twitter")
    add_workspace_arguments(parser)
    parser.add_argument(
        "--no-browser", action="store_true", help="only print the authorize address"
    )
    parser.add_argument(
        "--flow",
        metavar="FLOW",
        type=_flow,
        help=f"how to get the credentials, instead of the provider's own: {', '.join(FLOWS)}",
    )
    parser.add_argument(
        "--timeout",
        metavar="S",
        type=float,
        default=DEFAULT_TIMEOUT_SECONDS,
        help=f"Loopback: how long to wait for the browser (default {DEFAULT_TIMEOUT_SECONDS:g} s)",
    )
    parser.add_argument(
        "--token-file",
        metavar="PATH",
        type=Path,
        help="also keep the consumer and token in this JSON file (mode 0600); needed when no "
        "keyring backend is usable",
    )


def _flow(text: str) -> Flow:
    found = canonical_value(CHOICES_BY_KEY["Flow"], text)
    if found is None:
        raise argparse.ArgumentTypeError(f"unknown flow {text!r}: use {', '.join(FLOWS)}")
    return found  # type: ignore[return-value]


def _print_problems(context: DocumentContext, provider_id: str) -> None:
    """The env files' errors and warnings, and those of the provider's entry, on stderr."""
    if context.environments is not None:
        for path, problems in context.environments.problems().items():
            for problem in problems:
                if problem.severity <= Severity.WARNING:
                    line = problem.span.start_line + 1
                    print(f"{path}:{line}: {problem.message}", file=sys.stderr)
    for entry_problem in entry_problems(context, provider_id):
        where = entry_problem.file_path or PUBLIC_FILE
        line = entry_problem.span.start_line + 1 if entry_problem.span else 0
        print(f"{where}:{line}: {entry_problem.message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    context = context_for_dir(args.dir, args.env)
    if isinstance(context, str):
        print(context, file=sys.stderr)
        return EXIT_FAILED
    _print_problems(context, args.provider)
    provider = lookup_provider(args.provider, context.provider_registry())
    if isinstance(provider, ProviderLookupError):
        print(provider.message, file=sys.stderr)
        return EXIT_FAILED
    store = open_secret_store(args.token_file)
    if isinstance(store, str):
        print(store, file=sys.stderr)
        return EXIT_FAILED
    secrets, where = store
    outcome = asyncio.run(
        start_authorization(
            context,
            args.provider,
            interaction=TerminalInteraction(open_browser=not args.no_browser),
            secrets=secrets,
            progress=TerminalProgress(),
            flow=args.flow,
            browser_timeout=args.timeout,
        )
    )
    if isinstance(outcome, Authorized):
        kept = (
            "Its consumer is" if (args.flow or provider.flow) == "Consumer Only" else "The token is"
        )
        print(f"{outcome.message.rstrip('.')}. {kept} kept in {where}.")
        return EXIT_AUTHORIZED
    print(outcome.message, file=sys.stderr)
    return EXIT_CANCELLED if isinstance(outcome, Cancelled) else EXIT_FAILED
