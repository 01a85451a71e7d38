"""The workspace context of a directory for the CLI's commands: env files looked for from `--dir`
upwards, the `--env` environment checked to exist."""

from __future__ import annotations

from pathlib import Path

from oauth_http.variables.environments import PUBLIC_FILE
from oauth_http.workspace.contexts import DocumentContext, WorkspaceContexts
from oauth_http.workspace.env_source import DiskEnvSource
from oauth_http.workspace.layout import layout_of_directory


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
