"""Keeps the document store in step with the editor and re-publishes diagnostics after changes."""

from __future__ import annotations

from lsprotocol import types

from oauth_http.lsp import diagnostics
from oauth_http.lsp.server import OAuthHttpServer


def did_open(ls: OAuthHttpServer, params: types.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    ls.documents.open(item.uri, item.text, item.version)
    diagnostics.document_changed(ls, item.uri)


def did_change(ls: OAuthHttpServer, params: types.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.documents.change(uri, list(params.content_changes), params.text_document.version)
    diagnostics.document_changed(ls, uri)


def did_close(ls: OAuthHttpServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.documents.close(uri)
    ls.forget_document(uri)
    diagnostics.document_closed(ls, uri)
