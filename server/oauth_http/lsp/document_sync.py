"""Keeps the document store in step with the editor and re-publishes diagnostics after changes."""

from __future__ import annotations

import logging

from lsprotocol import types

from oauth_http.lsp import diagnostics
from oauth_http.lsp.server import OAuthHttpServer

logger = logging.getLogger(__name__)


def did_open(ls: OAuthHttpServer, params: types.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    ls.documents.open(item.uri, item.text, item.version)
    ls.contexts.document_changed(item.uri)
    diagnostics.schedule(ls, item.uri)


def did_change(ls: OAuthHttpServer, params: types.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.documents.change(uri, list(params.content_changes), params.text_document.version)
    ls.contexts.document_changed(uri)
    diagnostics.schedule(ls, uri)


def did_close(ls: OAuthHttpServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.documents.close(uri)
    ls.contexts.forget(uri)
    ls.contexts.document_changed(uri)
    diagnostics.cancel(ls, uri)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
