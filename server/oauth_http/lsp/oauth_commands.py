"""Commands `oauthHttp.authorize`, `oauthHttp.signOut` and `oauthHttp.providers`, and the
`oauthHttp/secretChanged` notification.

Translation only: the arguments are read, `workspace.authorization` does the work for the
document's workspace folder through the editor (`client_interaction`), and the outcome is shown
and answered. After a change the client hears `oauthHttp/providersChanged` and the lenses are
asked for again. A secret changed outside the server (another window's sign-out) is dropped from
the server's cache, and the lenses asked for again.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Sequence
from typing import Any

from lsprotocol import types

from oauth_http.lsp.arguments import MissingArguments, read_arguments
from oauth_http.lsp.client_interaction import (
    LspProgress,
    LspSecretStore,
    LspUserInteraction,
    reply_field,
)
from oauth_http.lsp.code_lens import refresh_code_lenses
from oauth_http.lsp.methods import (
    AUTHORIZE,
    PROVIDERS,
    PROVIDERS_CHANGED,
    SIGN_OUT,
    AuthorizeArguments,
    CommandOutcome,
    ProvidersArguments,
    ProviderState,
    SignOutArguments,
)
from oauth_http.lsp.server import OAuthHttpServer
from oauth_http.oauth.errors import SecretStorageError
from oauth_http.oauth.flow import Authorized
from oauth_http.syntax.parsed_document import ParsedDocument
from oauth_http.workspace.authorization import (
    NOTHING_PICKED,
    provider_statuses,
    sign_out_of,
    start_authorization,
)

logger = logging.getLogger(__name__)


def secret_changed(ls: OAuthHttpServer, params: Any) -> None:
    key = reply_field(params, "key")
    if not isinstance(key, str) or key not in ls.secret_cache:
        return
    del ls.secret_cache[key]
    refresh_code_lenses(ls)


def _notify_changed(ls: OAuthHttpServer, folder: str) -> None:
    ls.protocol.notify(PROVIDERS_CHANGED, {"folderUri": folder})
    refresh_code_lenses(ls)


async def run_authorize(ls: OAuthHttpServer, arguments: AuthorizeArguments) -> CommandOutcome:
    """Authorize a provider (picked when not given) and show the outcome."""
    context = ls.context_for(arguments.get("uri"))
    interaction = LspUserInteraction(ls)
    outcome = await start_authorization(
        context,
        arguments.get("provider"),
        interaction=interaction,
        secrets=LspSecretStore(ls),
        progress=LspProgress(ls),
    )
    if isinstance(outcome, Authorized):
        await interaction.show_info(outcome.message)
        _notify_changed(ls, context.folder_uri)
    elif outcome.status == "failed":
        await interaction.show_error(outcome.message)
    elif outcome.message != NOTHING_PICKED:
        await interaction.show_info(outcome.message)
    return {"status": outcome.status, "message": outcome.message}


async def _run_sign_out(ls: OAuthHttpServer, arguments: SignOutArguments) -> CommandOutcome:
    context = ls.context_for(arguments.get("uri"))
    interaction = LspUserInteraction(ls)
    message = await sign_out_of(
        context,
        arguments.get("provider"),
        interaction=interaction,
        secrets=LspSecretStore(ls),
        forget_consumer=arguments.get("forgetConsumer", False),
    )
    if message is None:
        return {"status": "cancelled", "message": NOTHING_PICKED}
    await interaction.show_info(message)
    _notify_changed(ls, context.folder_uri)
    return {"status": "signedOut", "message": message}


async def _reported(
    ls: OAuthHttpServer, what: str, run: Awaitable[CommandOutcome]
) -> CommandOutcome:
    """Run a command body; an unexpected error becomes a message instead of a crash."""
    try:
        return await run
    except SecretStorageError as error:
        message = f"{what} failed: secret storage failed: {error.message}."
    except Exception as error:
        logger.exception("%s failed", what)
        message = f"{what} failed: {type(error).__name__}: {error}"
    ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))
    return {"status": "failed", "message": message}


def _failed(ls: OAuthHttpServer, missing: MissingArguments) -> CommandOutcome:
    ls.window_show_message(
        types.ShowMessageParams(type=types.MessageType.Error, message=missing.message)
    )
    return {"status": "failed", "message": missing.message}


async def authorize_command(ls: OAuthHttpServer, arguments: Sequence[Any]) -> CommandOutcome:
    given = read_arguments(AuthorizeArguments, AUTHORIZE, arguments, bare_string="provider")
    if isinstance(given, MissingArguments):
        return _failed(ls, given)
    return await _reported(ls, "Authorization", run_authorize(ls, given))


async def sign_out_command(ls: OAuthHttpServer, arguments: Sequence[Any]) -> CommandOutcome:
    given = read_arguments(SignOutArguments, SIGN_OUT, arguments, bare_string="provider")
    if isinstance(given, MissingArguments):
        return _failed(ls, given)
    return await _reported(ls, "Sign-out", _run_sign_out(ls, given))


async def providers_command(ls: OAuthHttpServer, arguments: Sequence[Any]) -> list[ProviderState]:
    given = read_arguments(ProvidersArguments, PROVIDERS, arguments)
    if isinstance(given, MissingArguments):
        return []
    uri = given.get("uri")
    statuses = await provider_statuses(ls.context_for(uri), LspSecretStore(ls))
    states: list[ProviderState] = [
        {
            "id": status.id,
            "label": status.label,
            "authorized": status.authorized,
            "source": status.source,
            "flow": status.flow,
        }
        for status in statuses
    ]
    if uri and given.get("onlyUsed"):
        used = _providers_named_in(ls.documents.parsed_or_file(uri))
        states = [state for state in states if state["id"] in used]
    return states


def _providers_named_in(parsed: ParsedDocument | None) -> set[str]:
    """The provider ids the document's `# @oauth1` lines name."""
    if parsed is None:
        return set()
    directives = list(parsed.file_directives())
    for block in parsed.blocks:
        if block.parsed.request is not None:
            directives.extend(block.parsed.request.directives)
    return {d.argument.split()[0] for d in directives if d.word == "oauth1" and d.argument.split()}
