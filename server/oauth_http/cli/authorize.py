"""`oauth-http authorize PROVIDER`: the PIN flow on the command line.

Env files (`http-client.env.json`, `http-client.private.env.json`) are looked for from `--dir`
upwards; the first directory holding one is the workspace folder secrets are scoped to. Tokens go
to the OS keyring when it is usable and to `--token-file` when given. Exit codes: 0 authorized,
1 failed, 130 cancelled.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

from oauth_http.cli.terminal import TerminalInteraction, TerminalProgress
from oauth_http.cli.token_store import open_secret_store
from oauth_http.oauth.errors import ProviderLookupError
from oauth_http.oauth.flow import Authorized, Cancelled, authorize
from oauth_http.oauth.providers import ProviderRegistry, build_registry, lookup_provider
from oauth_http.syntax.model import Severity
from oauth_http.variables.environments import (
    PRIVATE_FILE,
    PUBLIC_FILE,
    EnvFile,
    Environments,
    parse_env_file,
)

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


def find_env_folder(start: Path) -> Path | None:
    """The first directory from `start` upwards that holds an env file."""
    for folder in (start, *start.parents):
        if (folder / PUBLIC_FILE).is_file() or (folder / PRIVATE_FILE).is_file():
            return folder
    return None


def _read_env_file(path: Path, *, private: bool) -> EnvFile | str | None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        return f"Cannot read {path}: {getattr(error, 'strerror', None) or error}"
    return parse_env_file(text, path=str(path), private=private)


def load_environments(folder: Path) -> Environments | str:
    """Both env files of `folder`, or why one cannot be read."""
    files: list[EnvFile | None] = []
    for name, private in ((PUBLIC_FILE, False), (PRIVATE_FILE, True)):
        loaded = _read_env_file(folder / name, private=private)
        if isinstance(loaded, str):
            return loaded
        files.append(loaded)
    return Environments(files[0], files[1])


def env_resolver(environments: Environments, selected: str | None) -> Callable[[str], str]:
    """`{{variables}}` resolved as a request would see them in the selected environment."""
    from oauth_http.syntax.parser import parse_document
    from oauth_http.variables.resolve import VariableScope

    scope = VariableScope(parse_document(""), environments=environments, environment=selected)
    return lambda text: scope.resolve_text(text, 0, 0).text


def _registry(args: argparse.Namespace, folder: Path | None) -> ProviderRegistry | str:
    if folder is None:
        if args.env:
            return f"--env {args.env} was given, but no {PUBLIC_FILE} was found from {args.dir}."
        return build_registry()
    environments = load_environments(folder)
    if isinstance(environments, str):
        return environments
    if args.env and not environments.has_environment(args.env):
        names = ", ".join(environments.environment_names()) or "none"
        return f'No environment "{args.env}" in the env files of {folder} (they have: {names}).'
    for path, problems in environments.problems().items():
        for problem in problems:
            if problem.severity > Severity.WARNING:
                continue
            line = problem.span.start_line + 1
            print(f"{path}:{line}: {problem.message}", file=sys.stderr)
    registry = build_registry(
        environments.security_auth(args.env), env_resolver(environments, args.env)
    )
    for entry_problem in registry.problems:
        if entry_problem.auth_id == args.provider and entry_problem.severity != "information":
            where = entry_problem.file_path or PUBLIC_FILE
            line = entry_problem.span.start_line + 1 if entry_problem.span else 0
            print(f"{where}:{line}: {entry_problem.message}", file=sys.stderr)
    return registry


def run(args: argparse.Namespace) -> int:
    from oauth_http.oauth.token_transport import RequestsTokenTransport

    start = args.dir.expanduser().resolve()
    env_folder = find_env_folder(start)
    registry = _registry(args, env_folder)
    if isinstance(registry, str):
        print(registry, file=sys.stderr)
        return EXIT_FAILED
    provider = lookup_provider(args.provider, registry)
    if isinstance(provider, ProviderLookupError):
        print(provider.message, file=sys.stderr)
        return EXIT_FAILED
    store = open_secret_store(args.token_file)
    if isinstance(store, str):
        print(store, file=sys.stderr)
        return EXIT_FAILED
    secrets, where = store
    folder = env_folder or start
    outcome = asyncio.run(
        authorize(
            provider,
            folder=folder.as_uri(),
            interaction=TerminalInteraction(open_browser=not args.no_browser),
            secrets=secrets,
            transport=RequestsTokenTransport(key_file_base=folder),
            progress=TerminalProgress(),
        )
    )
    if isinstance(outcome, Authorized):
        print(f"{outcome.message}. The token is kept in {where}.")
        return EXIT_AUTHORIZED
    print(outcome.message, file=sys.stderr)
    return EXIT_CANCELLED if isinstance(outcome, Cancelled) else EXIT_FAILED
