"""The language server: the pygls server object, start-up, and the table of every handler.

Handlers live in one module per LSP topic. They are registered here by name and imported on their
first call (and warmed up in a background thread once the client is initialized), so the server
answers `initialize` about as fast as a bare pygls server.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from oauth_http import __version__
from oauth_http.lsp import fastpath, methods
from oauth_http.lsp.documents import DocumentStore
from oauth_http.lsp.settings import Settings

if TYPE_CHECKING:
    from oauth_http.lsp.context import DocumentContext, WorkspaceContexts
    from oauth_http.lsp.send_session import SendSession

logger = logging.getLogger(__name__)

# (LSP method, registration options, module, function, is async)
FEATURES: tuple[tuple[str, object | None, str, str, bool], ...] = (
    (types.INITIALIZE, None, "lifecycle", "initialize", False),
    (types.INITIALIZED, None, "lifecycle", "initialized", True),
    (
        types.WORKSPACE_DID_CHANGE_CONFIGURATION,
        None,
        "lifecycle",
        "did_change_configuration",
        True,
    ),
    (types.TEXT_DOCUMENT_DID_OPEN, None, "document_sync", "did_open", False),
    (types.TEXT_DOCUMENT_DID_CHANGE, None, "document_sync", "did_change", False),
    (types.TEXT_DOCUMENT_DID_CLOSE, None, "document_sync", "did_close", False),
    (methods.SECRET_CHANGED, None, "oauth_commands", "secret_changed", False),
    (types.SHUTDOWN, None, "lifecycle", "shutdown", False),
    (
        types.TEXT_DOCUMENT_CODE_LENS,
        types.CodeLensOptions(resolve_provider=True),
        "code_lens",
        "code_lens",
        False,
    ),
    (types.CODE_LENS_RESOLVE, None, "code_lens", "code_lens_resolve", False),
    (types.TEXT_DOCUMENT_DOCUMENT_SYMBOL, None, "symbols", "document_symbol", False),
    (types.TEXT_DOCUMENT_FOLDING_RANGE, None, "folding", "folding_range", False),
    (types.TEXT_DOCUMENT_HOVER, None, "hover", "hover", False),
    (types.TEXT_DOCUMENT_DEFINITION, None, "definition", "definition", False),
    (
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
        "consumer_secret",
        "code_action",
        False,
    ),
    (
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=["{", "$", "@", " ", ":"]),
        "completion",
        "completion",
        False,
    ),
)

# (command, module, async function taking (ls, *arguments))
COMMANDS: tuple[tuple[str, str, str], ...] = (
    (methods.AUTHORIZE, "oauth_commands", "authorize_command"),
    (methods.SIGN_OUT, "oauth_commands", "sign_out_command"),
    (methods.PROVIDERS, "oauth_commands", "providers_command"),
    (methods.ENVIRONMENTS, "environment_commands", "environments_command"),
    (methods.MOVE_CONSUMER_SECRET, "consumer_secret", "move_consumer_secret_command"),
    (methods.SEND, "send_commands", "send_command"),
    (methods.SEND_ALL, "send_commands", "send_all_command"),
    (methods.CURL_REQUEST, "curl_command", "curl_request_command"),
)

HANDLER_MODULES = sorted(
    {f"oauth_http.lsp.{entry[2]}" for entry in FEATURES}
    | {f"oauth_http.lsp.{entry[1]}" for entry in COMMANDS}
)


class OAuthHttpServer(LanguageServer):
    """The pygls server plus the state every feature shares."""

    def __init__(self) -> None:
        super().__init__(
            name="oauth-http",
            version=__version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=fastpath.protocol_class(),
        )
        self.documents = DocumentStore()
        self.settings = Settings()
        self.pending_diagnostics: dict[str, asyncio.TimerHandle] = {}
        self._contexts: WorkspaceContexts | None = None
        self._send_session: SendSession | None = None
        self.secret_cache: dict[str, str | None] = {}
        self._tasks: set[asyncio.Future[Any]] = set()

    @property
    def contexts(self) -> WorkspaceContexts:
        if self._contexts is None:
            from oauth_http.lsp.context import WorkspaceContexts

            self._contexts = WorkspaceContexts(self)
        return self._contexts

    @property
    def send_session(self) -> SendSession:
        if self._send_session is None:
            from oauth_http.lsp.send_session import SendSession

            self._send_session = SendSession()
        return self._send_session

    def keep(self, task: asyncio.Future[Any]) -> None:
        """Hold a background task until it ends (asyncio keeps only weak references), and log
        its failure."""
        self._tasks.add(task)

        def finished(done: asyncio.Future[Any]) -> None:
            self._tasks.discard(done)
            if not done.cancelled() and done.exception() is not None:
                logger.error("Background task failed", exc_info=done.exception())

        task.add_done_callback(finished)

    def close_send_session(self) -> None:
        if self._send_session is not None:
            self._send_session.close()
            self._send_session = None

    def context_for(self, uri: str | None) -> DocumentContext:
        """The workspace context (folder, environments, settings) of a document."""
        return self.contexts.for_uri(uri)

    def report_server_error(self, error: Exception, source: object) -> None:
        """Log the traceback; pygls already answers a failed request with an error response."""
        logger.error("Unexpected error (%s)", getattr(source, "__name__", source), exc_info=error)


def _target(module: str, function: str) -> Callable[..., Any]:
    return getattr(importlib.import_module(f"oauth_http.lsp.{module}"), function)  # type: ignore[no-any-return]


def _lazy_handler(module: str, function: str, is_async: bool) -> Callable[..., Any]:
    if is_async:

        async def async_handler(ls: OAuthHttpServer, params: Any) -> Any:
            result: Awaitable[Any] = _target(module, function)(ls, params)
            return await result

        return async_handler

    def handler(ls: OAuthHttpServer, params: Any) -> Any:
        return _target(module, function)(ls, params)

    return handler


def _lazy_command(module: str, function: str) -> Callable[..., Awaitable[Any]]:
    async def command(ls: OAuthHttpServer, *arguments: Any) -> Any:
        result: Awaitable[Any] = _target(module, function)(ls, *arguments)
        return await result

    return command


def warm_up() -> None:
    """Import every handler module (run in a thread after `initialized`)."""
    for name in HANDLER_MODULES:
        importlib.import_module(name)
    importlib.import_module("oauth_http.lsp.context")


def create_server() -> OAuthHttpServer:
    server = OAuthHttpServer()
    for method, options, module, function, is_async in FEATURES:
        server.feature(method, options)(_lazy_handler(module, function, is_async))
    for command, module, function in COMMANDS:
        server.command(command)(_lazy_command(module, function))
    return server


def serve(log_level: str = "WARNING") -> None:
    """Run the server on stdin/stdout; logs go to stderr (stdout is the protocol channel)."""
    logging.basicConfig(
        stream=sys.stderr, level=log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("pygls").setLevel(max(logging.WARNING, logging.getLevelName(log_level)))
    fastpath.run(create_server())
