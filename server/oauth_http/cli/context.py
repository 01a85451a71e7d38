"""The workspace context of a directory for the CLI's commands: env files looked for from `--dir`
upwards, the `--env` environment checked to exist; and those two options."""

from __future__ import annotations

import argparse
from pathlib import Path

from oauth_http.variables.env_files import PUBLIC_FILE
from oauth_http.workspace.contexts import DocumentContext, WorkspaceContexts
from oauth_http.workspace.env_source import DiskEnvSource
from oauth_http.workspace.layout import layout_of_directory


def add_workspace_arguments(parser: argparse._ActionsContainer) -> None:
    """`--env` and `--dir`, the options that choose the env files."""
    parser.add_argument("--env", metavar="NAME", help="environment of the env files to use")
    parser.add_argument(
        "--dir",
        metavar="DIR",
        type=Path,
        default=Path("."),
        help="where to start looking for env files, upwards (default: the current directory)",
    )


def context_for_dir(directory: Path, environment: str | None) -> DocumentContext | str:
    """The context of `directory`, or (a str) why its env files cannot be used."""
    start = directory.expanduser().resolve()
    context = WorkspaceContexts(DiskEnvSource()).for_document(
        None, layout_of_directory(start), environment
    )
    if context.env_read_errors:
        return context.env_read_errors[0]
    if environment and context.environments is None:
        return f"--env {environment} was given, but no {PUBLIC_FILE} was found from {directory}."
    missing = context.missing_environment()
    if missing is not None:
        return missing
    return context
