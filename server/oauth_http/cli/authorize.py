"""`oauth-http authorize PROVIDER`: the PIN flow on the command line.

Translation only: the arguments give the folder and environment, `workspace.authorization` runs
the flow with the terminal's interaction, and this module prints the outcome.

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

from oauth_http.cli.terminal import TerminalInteraction, TerminalProgress
from oauth_http.cli.token_store import open_secret_store
from oauth_http.oauth.errors import ProviderLookupError
from oauth_http.oauth.flow import Authorized, Cancelled
from oauth_http.oauth.providers import lookup_provider
from oauth_http.syntax.spans import Severity
from oauth_http.variables.env_files import PUBLIC_FILE
from oauth_http.workspace.authorization import entry_problems, start_authorization
from oauth_http.workspace.contexts import DocumentContext, WorkspaceContexts
from oauth_http.workspace.env_source import DiskEnvSource
from oauth_http.workspace.layout import layout_of_directory

EXIT_AUTHORIZED = 0
EXIT_FAILED = 1
EXIT_CANCELLED = 130


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("provider", metavar="PROVIDER", help="provider id, e.g. sandbox, twitter")
    parser.add_argument("--env", metavar="NAME", help="environment of the env files to use")
    parser.add_argument(
        "--dir",
        metavar="DIR",
        type=Path,
        default=Path("."),
        help="where to start looking for env files, upwards (default: the current directory)",
    )
    parser.add_argument(
        "--no-browser", action="store_true", help="only print the authorize address"
    )
    parser.add_argument(
        "--token-file",
        metavar="PATH",
        type=Path,
        help="also keep the consumer and token in this JSON file (mode 0600); needed when no "
        "keyring backend is usable",
    )


def _context(args: argparse.Namespace) -> DocumentContext | str:
    """The context of the `--dir` folder, or why its env files cannot be used."""
    start = args.dir.expanduser().resolve()
    context = WorkspaceContexts(DiskEnvSource()).for_document(
        None, layout_of_directory(start), args.env
    )
    if context.env_read_errors:
        return context.env_read_errors[0]
    if args.env and context.environments is None:
        return f"--env {args.env} was given, but no {PUBLIC_FILE} was found from {args.dir}."
    missing = context.missing_environment()
    if missing is not None:
        return missing
    return context


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
    context = _context(args)
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
        )
    )
    if isinstance(outcome, Authorized):
        print(f"{outcome.message}. The token is kept in {where}.")
        return EXIT_AUTHORIZED
    print(outcome.message, file=sys.stderr)
    return EXIT_CANCELLED if isinstance(outcome, Cancelled) else EXIT_FAILED
