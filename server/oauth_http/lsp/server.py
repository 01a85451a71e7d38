"""The language server: the pygls server object, start-up, and the list of feature modules.

Each feature module exposes `register(server)`, which decorates its handlers on the server. Feature
modules import the heavy libraries (requests, oauthlib) only inside the handlers that need them, so
the server answers `initialize` quickly.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import sys

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from oauth_http import __version__
from oauth_http.lsp.context import DocumentContext, WorkspaceContexts
from oauth_http.lsp.documents import DocumentStore
from oauth_http.lsp.settings import Settings

logger = logging.getLogger(__name__)

FEATURE_MODULES = (
    "oauth_http.lsp.document_sync",
    "oauth_http.lsp.code_lens",
    "oauth_http.lsp.symbols",
    "oauth_http.lsp.folding",
    "oauth_http.lsp.hover",
    "oauth_http.lsp.definition",
    "oauth_http.lsp.completion",
    "oauth_http.lsp.oauth_commands",
)


class OAuthHttpServer(LanguageServer):
    """The pygls server plus the state every feature shares."""

    def __init__(self) -> None:
        super().__init__(
            name="oauth-http",
            version=__version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
        )
        self.documents = DocumentStore()
        self.settings = Settings()
        self.contexts = WorkspaceContexts(self)
        self.pending_diagnostics: dict[str, asyncio.TimerHandle] = {}

    def context_for(self, uri: str | None) -> DocumentContext:
        """The workspace context (folder, environments, settings) of a document."""
        return self.contexts.for_uri(uri)

    def report_server_error(self, error: Exception, source: object) -> None:
        """Log the traceback; pygls already answers a failed request with an error response."""
        logger.error("Unexpected error (%s)", getattr(source, "__name__", source), exc_info=error)


def create_server() -> OAuthHttpServer:
    server = OAuthHttpServer()
    for name in FEATURE_MODULES:
        importlib.import_module(name).register(server)
    return server


def serve(log_level: str = "WARNING") -> None:
    """Run the server on stdin/stdout; logs go to stderr (stdout is the protocol channel)."""
    logging.basicConfig(
        stream=sys.stderr, level=log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("pygls").setLevel(max(logging.WARNING, logging.getLevelName(log_level)))
    create_server().start_io()
