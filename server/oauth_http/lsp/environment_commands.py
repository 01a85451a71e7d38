"""`oauthHttp.environments`: the environments a document can use, for the extension's picker."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from oauth_http.lsp.arguments import MissingArguments, read_arguments
from oauth_http.lsp.methods import ENVIRONMENTS, DocumentArguments, EnvironmentsAnswer
from oauth_http.lsp.server import OAuthHttpServer


async def environments_command(ls: OAuthHttpServer, arguments: Sequence[Any]) -> EnvironmentsAnswer:
    """The environment names, the selected one, and the env files they come from."""
    given = read_arguments(DocumentArguments, ENVIRONMENTS, arguments)
    uri = None if isinstance(given, MissingArguments) else given.get("uri")
    context = ls.context_for(uri)
    names = context.environments.environment_names() if context.environments else []
    return {
        "environments": names,
        "selected": context.selected_environment,
        "files": list(context.env_paths),
    }
