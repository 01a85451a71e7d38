"""Closing a document lets go of its parse: the server keeps nothing of a closed document."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from lsprotocol import types
from oauth_http.lsp import document_sync
from oauth_http.lsp.main import create_server
from pygls.workspace import Workspace


async def test_a_closed_document_leaves_no_context_holding_its_parse(tmp_path: Path) -> None:
    server = create_server()
    folder = types.WorkspaceFolder(uri=tmp_path.as_uri(), name="project")
    server.protocol._workspace = Workspace(tmp_path.as_uri(), workspace_folders=[folder])
    uri = (tmp_path / "api.http").as_uri()
    item = types.TextDocumentItem(uri, "http", 1, "@host = h\nGET http://{{host}}/\n")
    document_sync.did_open(server, types.DidOpenTextDocumentParams(item))
    document = server.documents.get(uri)
    assert document is not None
    context = server.context_for(uri)
    context.scope(document.parsed)  # hover, completion and diagnostics build it
    kept = weakref.ref(context)
    del context
    assert kept() is not None, "the context is cached while the document is open"

    identifier = types.TextDocumentIdentifier(uri)
    document_sync.did_close(server, types.DidCloseTextDocumentParams(identifier))
    del document
    gc.collect()
    assert kept() is None, "a closed document's context (and the parse its scope holds) is kept"
