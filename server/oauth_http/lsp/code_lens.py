"""CodeLens: "Send request" above every request, and "Authorize PROVIDER" on signed ones whose
provider still needs it (no token stored; for a Consumer Only provider, no consumer). In
Restricted Mode they say what trusting the workspace would allow ("Trust the workspace to send")
and open Manage Workspace Trust (`workspace_trust.py`).

Lenses are sent without their commands (only a line and a little data) and resolved when VS Code
shows them: serialising 10,000 full lenses would cost more than parsing the file.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from typing import Any

from lsprotocol import types

from oauth_http.lsp import fastpath, methods
from oauth_http.lsp.client_interaction import LspSecretStore
from oauth_http.lsp.serialization import LightLenses
from oauth_http.lsp.server import OAuthHttpServer
from oauth_http.lsp.workspace_trust import trust_lens
from oauth_http.oauth.credentials import readiness_secret
from oauth_http.oauth.errors import SecretStorageError
from oauth_http.oauth.provider_model import Provider
from oauth_http.syntax.outline import Outline

logger = logging.getLogger(__name__)


def lenses(
    document_id: int, outline: Outline, show_authorize: Callable[[str], bool]
) -> LightLenses:
    """(line, data) per lens, each sent as a CodeLens without a command.

    `data` is `[document id]` for "Send request" and `[document id, provider]` for "Authorize
    provider" (the line is the lens's own): short, because a 10,000-request file sends 10,000 or
    more. The authorize lens appears only where `show_authorize(provider)` says so.
    """
    result = LightLenses()
    send_data = [document_id]
    authorize_data: dict[str, list[Any] | None] = {}
    for request in outline.requests:
        result.append((request.line, send_data))
        provider = outline.provider_of(request)
        if provider is None:
            continue
        if provider not in authorize_data:
            shown = show_authorize(provider)
            authorize_data[provider] = [document_id, provider] if shown else None
        data = authorize_data[provider]
        if data is not None:
            result.append((request.line, data))
    return result


def resolve(ls: OAuthHttpServer, lens: types.CodeLens) -> types.CodeLens:
    data: Any = lens.data
    if not isinstance(data, list | tuple) or not data:
        return lens
    uri = ls.documents.uri_of(data[0])
    if uri is None:
        return lens
    if not ls.workspace_trusted:
        action = f"authorize {data[1]}" if len(data) >= 2 else "send"
        lens.command = trust_lens(f"Trust the workspace to {action}")
    elif len(data) >= 2:
        lens.command = types.Command(
            title=f"Authorize {data[1]}",
            command=methods.AUTHORIZE,
            arguments=[{"uri": uri, "provider": data[1]}],
        )
    else:
        lens.command = types.Command(
            title="Send request",
            command=methods.SEND,
            arguments=[{"uri": uri, "line": lens.range.start.line}],
        )
    return lens


def code_lens(ls: OAuthHttpServer, params: types.CodeLensParams) -> Any:
    document = ls.documents.get(params.text_document.uri)
    if document is None:
        return fastpath.lens_result(LightLenses())
    context = ls.context_for(document.uri)
    folder = context.folder_uri
    providers = context.provider_registry().providers
    unknown: set[str] = set()

    def show_authorize(provider: str) -> bool:
        key = readiness_secret(providers.get(provider), provider, folder)
        if key is None:
            return False
        if key not in ls.secret_cache:
            unknown.add(provider)
            return False
        return ls.secret_cache[key] is None

    result = lenses(ls.documents.id_of(document.uri), document.outline, show_authorize)
    if unknown:
        ls.keep(asyncio.ensure_future(_check_authorization(ls, folder, unknown, providers)))
    return fastpath.lens_result(result)


async def _check_authorization(
    ls: OAuthHttpServer, folder: str, unknown: set[str], providers: Mapping[str, Provider]
) -> None:
    """Read whether each provider holds what it signs with (a token, or for a Consumer Only
    provider its consumer); refresh the lenses if one does not.

    Until then "Authorize PROVIDER" is left out, so opening a big file does not wait for the
    editor's secret storage.
    """
    secrets = LspSecretStore(ls)
    missing = False
    for provider in unknown:
        key = readiness_secret(providers.get(provider), provider, folder)
        if key is None:
            continue
        try:
            missing = await secrets.get(key) is None or missing
        except SecretStorageError:
            ls.secret_cache[key] = None  # no secret storage: offer to authorize
            missing = True
    if missing:
        refresh_code_lenses(ls)


def refresh_code_lenses(ls: OAuthHttpServer) -> None:
    """Ask the client to request code lenses again, when it can."""
    workspace = ls.client_capabilities.workspace
    lens_capability = workspace.code_lens if workspace else None
    if lens_capability is not None and lens_capability.refresh_support:
        ls.keep(asyncio.ensure_future(_refresh(ls)))


async def _refresh(ls: OAuthHttpServer) -> None:
    try:
        await ls.workspace_code_lens_refresh_async(None)
    except Exception as error:  # the lenses come back on the next request anyway
        logger.info("The client did not refresh code lenses: %s", error)


def code_lens_resolve(ls: OAuthHttpServer, lens: types.CodeLens) -> types.CodeLens:
    return resolve(ls, lens)
