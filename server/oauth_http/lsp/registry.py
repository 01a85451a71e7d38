"""Which function handles each LSP method and each command: the one table of the server.

Each entry names the real handler (`hover.hover`), so mypy and "find usages" see it. The modules
are imported on first use only (`_LazyModule`), and warmed up in a background thread once the
client is initialized, so the server answers `initialize` about as fast as a bare pygls server.
A feature handler is called `(server, params)`; a command `(server, arguments)`, with the
arguments of `workspace/executeCommand` as sent (each command reads them with
`arguments.read_arguments`). A command marked `restricted=` reaches the network, reads local
files for a request or authorizes: in Restricted Mode (`workspace_trust.py`) it is not run, and
answers what `restricted` gives instead.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from lsprotocol import types

from oauth_http.lsp import methods
from oauth_http.lsp.server import OAuthHttpServer  # at run time: stock pygls reads the hints

if TYPE_CHECKING:
    from oauth_http.lsp import (
        code_lens,
        completion,
        consumer_secret,
        curl_command,
        definition,
        document_sync,
        environment_commands,
        folding,
        hover,
        lifecycle,
        oauth_commands,
        send_commands,
        symbols,
        workspace_trust,
    )
else:

    class _LazyModule:
        """A handler module, imported the first time one of its names is read."""

        def __init__(self, name: str) -> None:
            self._name = f"oauth_http.lsp.{name}"

        def __getattr__(self, attribute: str) -> Any:
            return getattr(importlib.import_module(self._name), attribute)

    code_lens = _LazyModule("code_lens")
    completion = _LazyModule("completion")
    consumer_secret = _LazyModule("consumer_secret")
    curl_command = _LazyModule("curl_command")
    definition = _LazyModule("definition")
    document_sync = _LazyModule("document_sync")
    environment_commands = _LazyModule("environment_commands")
    folding = _LazyModule("folding")
    hover = _LazyModule("hover")
    lifecycle = _LazyModule("lifecycle")
    oauth_commands = _LazyModule("oauth_commands")
    send_commands = _LazyModule("send_commands")
    symbols = _LazyModule("symbols")
    workspace_trust = _LazyModule("workspace_trust")

P = TypeVar("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Feature(Generic[P, R]):
    """An LSP method, its handler (loaded on first use), whether the handler is a coroutine
    function, and the registration options pygls advertises."""

    method: str
    load: Callable[[], Callable[[OAuthHttpServer, P], R]]
    is_async: bool = False
    options: object | None = None


@dataclass(frozen=True)
class Command(Generic[R]):
    """A `workspace/executeCommand` command and its async handler; `restricted` loads the answer
    that refuses it in Restricted Mode (None: the command runs there too)."""

    name: str
    load: Callable[[], Callable[[OAuthHttpServer, Sequence[Any]], Awaitable[R]]]
    restricted: Callable[[], Callable[[OAuthHttpServer], R]] | None = None


FEATURES: tuple[Feature[Any, Any], ...] = (
    Feature(types.INITIALIZE, lambda: lifecycle.initialize),
    Feature(types.INITIALIZED, lambda: lifecycle.initialized, is_async=True),
    Feature(
        types.WORKSPACE_DID_CHANGE_CONFIGURATION,
        lambda: lifecycle.did_change_configuration,
        is_async=True,
    ),
    Feature(types.SHUTDOWN, lambda: lifecycle.shutdown),
    Feature(types.TEXT_DOCUMENT_DID_OPEN, lambda: document_sync.did_open),
    Feature(types.TEXT_DOCUMENT_DID_CHANGE, lambda: document_sync.did_change),
    Feature(types.TEXT_DOCUMENT_DID_CLOSE, lambda: document_sync.did_close),
    Feature(methods.SECRET_CHANGED, lambda: oauth_commands.secret_changed),
    Feature(methods.WORKSPACE_TRUSTED, lambda: workspace_trust.workspace_trusted),
    Feature(
        types.TEXT_DOCUMENT_CODE_LENS,
        lambda: code_lens.code_lens,
        options=types.CodeLensOptions(resolve_provider=True),
    ),
    Feature(types.CODE_LENS_RESOLVE, lambda: code_lens.code_lens_resolve),
    Feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL, lambda: symbols.document_symbol),
    Feature(types.TEXT_DOCUMENT_FOLDING_RANGE, lambda: folding.folding_range),
    Feature(types.TEXT_DOCUMENT_HOVER, lambda: hover.hover),
    Feature(types.TEXT_DOCUMENT_DEFINITION, lambda: definition.definition),
    Feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        lambda: consumer_secret.code_action,
        options=types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    ),
    Feature(
        types.TEXT_DOCUMENT_COMPLETION,
        lambda: completion.completion,
        options=types.CompletionOptions(trigger_characters=["{", "$", "@", " ", ":"]),
    ),
)

COMMANDS: tuple[Command[Any], ...] = (
    Command(
        methods.AUTHORIZE,
        lambda: oauth_commands.authorize_command,
        restricted=lambda: workspace_trust.refuse_authorize,
    ),
    Command(methods.SIGN_OUT, lambda: oauth_commands.sign_out_command),
    Command(methods.PROVIDERS, lambda: oauth_commands.providers_command),
    Command(methods.ENVIRONMENTS, lambda: environment_commands.environments_command),
    Command(methods.MOVE_CONSUMER_SECRET, lambda: consumer_secret.move_consumer_secret_command),
    Command(
        methods.SEND,
        lambda: send_commands.send_command,
        restricted=lambda: workspace_trust.refuse_send,
    ),
    Command(
        methods.SEND_ALL,
        lambda: send_commands.send_all_command,
        restricted=lambda: workspace_trust.refuse_send_all,
    ),
    Command(
        methods.CURL_REQUEST,
        lambda: curl_command.curl_request_command,
        restricted=lambda: workspace_trust.refuse_curl,
    ),
)


def _feature_handler(feature: Feature[Any, Any]) -> Callable[..., Any]:
    if feature.is_async:

        async def async_handler(ls: OAuthHttpServer, params: Any) -> Any:
            return await feature.load()(ls, params)

        return async_handler

    def handler(ls: OAuthHttpServer, params: Any) -> Any:
        return feature.load()(ls, params)

    return handler


def _command_handler(command: Command[Any]) -> Callable[..., Awaitable[Any]]:
    async def handler(ls: OAuthHttpServer, *arguments: Any) -> Any:
        if command.restricted is not None and not ls.workspace_trusted:
            return command.restricted()(ls)
        return await command.load()(ls, arguments)

    return handler


def register(server: OAuthHttpServer) -> None:
    """Register every feature and command of the table with `server`."""
    for feature in FEATURES:
        server.feature(feature.method, feature.options)(_feature_handler(feature))
    for command in COMMANDS:
        server.command(command.name)(_command_handler(command))


def warm_up() -> None:
    """Import every handler module and the workspace layer (run in a thread after
    `initialized`, so the first hover or send does not wait for imports)."""
    for feature in FEATURES:
        feature.load()
    for command in COMMANDS:
        command.load()
    importlib.import_module("oauth_http.workspace.contexts")
    importlib.import_module("oauth_http.workspace.send_flow")
