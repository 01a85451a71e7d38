"""`oauthHttp.environments`: the environments a document can use, for the extension's picker."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from oauth_http.lsp.server import OAuthHttpServer


def _uri_argument(arguments: tuple[Any, ...]) -> str | None:
    first = arguments[0] if arguments else None
    if isinstance(first, Mapping):
        uri = first.get("uri")
        return uri if isinstance(uri, str) else None
    uri = getattr(first, "uri", None)
    return uri if isinstance(uri, str) else None


async def environments_command(ls: OAuthHttpServer, *arguments: Any) -> dict[str, Any]:
    """Answer `{"environments": [names], "selected": name or None, "files": [paths]}`."""
    context = ls.context_for(_uri_argument(arguments))
    names = context.environments.environment_names() if context.environments else []
    return {
        "environments": names,
        "selected": context.selected_environment,
        "files": list(context.env_paths),
    }
