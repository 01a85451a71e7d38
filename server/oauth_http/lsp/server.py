"""The language server's state: the pygls server object and what every handler shares.

Open documents, the settings, the workspace contexts of documents (`workspace.contexts`), the
sends (`workspace.send_flow`), the cache of secrets read from the editor, and the background
tasks. Which function handles which LSP method is not here but in `registry.py`; starting the
server is `main.py`.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from oauth_http import __version__
from oauth_http.lsp import fastpath
from oauth_http.lsp.documents import DocumentStore
from oauth_http.lsp.settings import Settings

if TYPE_CHECKING:
    from oauth_http.syntax.spans import Problem
    from oauth_http.workspace.contexts import DocumentContext, WorkspaceContexts
    from oauth_http.workspace.layout import LayoutCache
    from oauth_http.workspace.send_flow import WorkspaceSends

logger = logging.getLogger(__name__)


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
        # Env files not open in the editor whose problems were published, and those problems.
        self.published_env_problems: dict[str, tuple[Problem, ...]] = {}
        self.secret_cache: dict[str, str | None] = {}
        # False in VS Code's Restricted Mode (`workspace_trust.py`): nothing is sent or authorized.
        self.workspace_trusted = True
        self._contexts: WorkspaceContexts | None = None
        self._layouts: LayoutCache | None = None
        self._sends: WorkspaceSends | None = None
        self._tasks: set[asyncio.Future[Any]] = set()

    @property
    def contexts(self) -> WorkspaceContexts:
        if self._contexts is None:
            from oauth_http.workspace.contexts import WorkspaceContexts
            from oauth_http.workspace.env_source import BufferedEnvSource
            from oauth_http.workspace.layout import LayoutCache

            self._contexts = WorkspaceContexts(BufferedEnvSource(self.documents.buffer_of_path))
            self._layouts = LayoutCache()
        return self._contexts

    @property
    def sends(self) -> WorkspaceSends:
        """The sends of this session; their limits follow the settings."""
        if self._sends is None:
            from oauth_http.workspace.send_flow import WorkspaceSends
            from oauth_http.workspace.session import SendSession

            self._sends = WorkspaceSends(SendSession(), self.settings.send_limits())
        else:
            self._sends.limits = self.settings.send_limits()
        return self._sends

    def context_for(self, uri: str | None) -> DocumentContext:
        """The workspace context (folders, environments, providers) of a document."""
        contexts = self.contexts
        assert self._layouts is not None
        workspace = self.workspace
        layout = self._layouts.of(
            uri, [folder.uri for folder in workspace.folders.values()], workspace.root_path
        )
        return contexts.for_document(uri, layout, self.settings.environment)

    def forget_document(self, uri: str) -> None:
        """Drop what is kept for a closed document (its context holds a scope over its parse)."""
        if self._contexts is not None and self._layouts is not None:
            self._contexts.forget(uri)
            self._layouts.forget(uri)

    def keep(self, task: asyncio.Future[Any]) -> None:
        """Hold a background task until it ends (asyncio keeps only weak references), and log
        its failure."""
        self._tasks.add(task)

        def finished(done: asyncio.Future[Any]) -> None:
            self._tasks.discard(done)
            if not done.cancelled() and done.exception() is not None:
                logger.error("Background task failed", exc_info=done.exception())

        task.add_done_callback(finished)

    def close_sends(self) -> None:
        """Close the HTTP sessions and delete the temporary body files."""
        if self._sends is not None:
            self._sends.session.close()
            self._sends = None

    def report_server_error(self, error: Exception, source: object) -> None:
        """Log the traceback; pygls already answers a failed request with an error response."""
        logger.error("Unexpected error (%s)", getattr(source, "__name__", source), exc_info=error)
