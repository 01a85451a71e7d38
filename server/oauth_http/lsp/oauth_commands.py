"""Commands `oauthHttp.authorize`, `oauthHttp.signOut` and `oauthHttp.providers`, and the
`oauthHttp/secretChanged` notification.

They run the PIN flow and sign-out through the editor (`client_interaction`) for the workspace
folder of the document given by `uri` (or the first folder), and notify
`oauthHttp/providersChanged` after a change. The providers come from the document context's
`provider_registry()`, the same registry diagnostics use. A secret changed outside the server
(another window's sign-out) is dropped from the server's cache, and the lenses asked for again.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, cast

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from oauth_http.lsp.client_interaction import (
    LspProgress,
    LspSecretStore,
    LspUserInteraction,
    reply_field,
)
from oauth_http.lsp.methods import (
    PROVIDERS_CHANGED,
    AuthorizeArguments,
    ProviderState,
    SignOutArguments,
)
from oauth_http.oauth.credentials import provider_state, sign_out
from oauth_http.oauth.errors import ProviderLookupError, SecretStorageError
from oauth_http.oauth.flow import Authorized, authorize
from oauth_http.oauth.interaction import PickChoice, SecretStore
from oauth_http.oauth.provider_model import usability_problem
from oauth_http.oauth.providers import ProviderRegistry, known_provider_ids, lookup_provider
from oauth_http.oauth.token_transport import RequestsTokenTransport

logger = logging.getLogger(__name__)


class AuthContext(Protocol):
    """What these commands need of `lsp.context.DocumentContext`."""

    @property
    def folder_uri(self) -> str: ...

    def provider_registry(self) -> ProviderRegistry: ...


class _HasContexts(Protocol):
    def context_for(self, uri: str | None) -> AuthContext: ...


def context_for(ls: LanguageServer, uri: str | None) -> AuthContext:
    return cast(_HasContexts, ls).context_for(uri)


def _command_arguments(arguments: Sequence[Any]) -> Mapping[str, Any]:
    """The first argument as an object; a bare string is taken as the provider id."""
    first = arguments[0] if arguments else None
    if isinstance(first, str):
        return {"provider": first}
    if isinstance(first, Mapping):
        return first
    if first is not None and hasattr(first, "_asdict"):
        return cast(Mapping[str, Any], first._asdict())
    return {}


def _text(arguments: Mapping[str, Any], key: str) -> str | None:
    value = arguments.get(key)
    return value if isinstance(value, str) and value else None


def authorize_arguments(arguments: Sequence[Any]) -> AuthorizeArguments:
    given = _command_arguments(arguments)
    parsed: AuthorizeArguments = {}
    if (uri := _text(given, "uri")) is not None:
        parsed["uri"] = uri
    if (provider := _text(given, "provider")) is not None:
        parsed["provider"] = provider
    return parsed


def sign_out_arguments(arguments: Sequence[Any]) -> SignOutArguments:
    given = _command_arguments(arguments)
    parsed: SignOutArguments = {"forgetConsumer": given.get("forgetConsumer") is True}
    if (uri := _text(given, "uri")) is not None:
        parsed["uri"] = uri
    if (provider := _text(given, "provider")) is not None:
        parsed["provider"] = provider
    return parsed


async def provider_states(
    registry: ProviderRegistry, folder: str, secrets: SecretStore
) -> list[ProviderState]:
    states: list[ProviderState] = []
    for provider_id in known_provider_ids(registry):
        provider = registry.providers[provider_id]
        state = await provider_state(provider_id, folder, secrets)
        states.append(
            {
                "id": provider_id,
                "label": provider.label,
                "authorized": state.authorized,
                "source": provider.source,
            }
        )
    return states


async def _choose(
    interaction: LspUserInteraction,
    registry: ProviderRegistry,
    folder: str,
    secrets: SecretStore,
    title: str,
    *,
    authorized_only: bool = False,
) -> str | None:
    choices: list[PickChoice] = []
    for provider_id in known_provider_ids(registry):
        provider = registry.providers[provider_id]
        state = await provider_state(provider_id, folder, secrets)
        if authorized_only and not state.authorized:
            continue
        if state.authorized:
            note = f"authorized as {state.identity}" if state.identity else "authorized"
        else:
            note = "needs configuration" if usability_problem(provider) else "not authorized"
        choices.append(PickChoice(provider_id, provider.label, note))
    if not choices:
        await interaction.show_info("No provider is authorized in this workspace folder.")
        return None
    return await interaction.pick(title, choices)


def secret_changed(ls: LanguageServer, params: Any) -> None:
    key = reply_field(params, "key")
    cache: dict[str, str | None] | None = getattr(ls, "secret_cache", None)
    if not isinstance(key, str) or cache is None or key not in cache:
        return
    del cache[key]
    from oauth_http.lsp.code_lens import refresh_code_lenses
    from oauth_http.lsp.server import OAuthHttpServer

    if isinstance(ls, OAuthHttpServer):
        refresh_code_lenses(ls)


def _notify_changed(ls: LanguageServer, folder: str) -> None:
    ls.protocol.notify(PROVIDERS_CHANGED, {"folderUri": folder})
    from oauth_http.lsp.code_lens import refresh_code_lenses
    from oauth_http.lsp.server import OAuthHttpServer

    if isinstance(ls, OAuthHttpServer):
        refresh_code_lenses(ls)


def _folder_path(folder: str) -> Path | None:
    path = to_fs_path(folder) if folder.startswith("file:") else None
    return Path(path) if path else None


async def run_authorize(ls: LanguageServer, arguments: AuthorizeArguments) -> dict[str, str]:
    """Authorize a provider (picked when not given); answers `{"status", "message"}`."""
    context = context_for(ls, arguments.get("uri"))
    registry = context.provider_registry()
    interaction, secrets = LspUserInteraction(ls), LspSecretStore(ls)
    folder = context.folder_uri
    provider_id = arguments.get("provider") or await _choose(
        interaction, registry, folder, secrets, "Authorize which provider?"
    )
    if provider_id is None:
        return {"status": "cancelled", "message": "No provider was picked."}
    provider = lookup_provider(provider_id, registry)
    if isinstance(provider, ProviderLookupError):
        await interaction.show_error(provider.message)
        return {"status": "failed", "message": provider.message}
    outcome = await authorize(
        provider,
        folder=folder,
        interaction=interaction,
        secrets=secrets,
        transport=RequestsTokenTransport(key_file_base=_folder_path(folder)),
        progress=LspProgress(ls),
    )
    if isinstance(outcome, Authorized):
        await interaction.show_info(outcome.message)
        _notify_changed(ls, folder)
    elif outcome.status == "failed":
        await interaction.show_error(outcome.message)
    else:
        await interaction.show_info(outcome.message)
    return {"status": outcome.status, "message": outcome.message}


async def run_sign_out(ls: LanguageServer, arguments: SignOutArguments) -> dict[str, str]:
    context = context_for(ls, arguments.get("uri"))
    interaction, secrets = LspUserInteraction(ls), LspSecretStore(ls)
    folder = context.folder_uri
    provider_id = arguments.get("provider") or await _choose(
        interaction,
        context.provider_registry(),
        folder,
        secrets,
        "Sign out of which provider?",
        authorized_only=True,
    )
    if provider_id is None:
        return {"status": "cancelled", "message": "No provider was picked."}
    message = await sign_out(
        provider_id, folder, secrets, forget_consumer=arguments.get("forgetConsumer", False)
    )
    await interaction.show_info(message)
    _notify_changed(ls, folder)
    return {"status": "signedOut", "message": message}


async def _reported(
    ls: LanguageServer, what: str, run: Awaitable[dict[str, str]]
) -> dict[str, str]:
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


async def authorize_command(ls: LanguageServer, *arguments: Any) -> dict[str, str]:
    return await _reported(ls, "Authorization", run_authorize(ls, authorize_arguments(arguments)))


async def sign_out_command(ls: LanguageServer, *arguments: Any) -> dict[str, str]:
    return await _reported(ls, "Sign-out", run_sign_out(ls, sign_out_arguments(arguments)))


async def providers_command(ls: LanguageServer, *arguments: Any) -> list[ProviderState]:
    uri = authorize_arguments(arguments).get("uri")
    context = context_for(ls, uri)
    states = await provider_states(
        context.provider_registry(), context.folder_uri, LspSecretStore(ls)
    )
    if uri and _command_arguments(arguments).get("onlyUsed") is True:
        used = _providers_named_in(ls, uri)
        states = [state for state in states if state["id"] in used]
    return states


def _providers_named_in(ls: LanguageServer, uri: str) -> set[str]:
    """The provider ids the document's `# @oauth1` lines name."""
    from oauth_http.lsp.request_jobs import document_for
    from oauth_http.lsp.server import OAuthHttpServer

    parsed = document_for(ls, uri) if isinstance(ls, OAuthHttpServer) else None
    if parsed is None:
        return set()
    directives = list(parsed.file_directives())
    for block in parsed.blocks:
        if block.parsed.request is not None:
            directives.extend(block.parsed.request.directives)
    return {d.argument.split()[0] for d in directives if d.word == "oauth1" and d.argument.split()}
