"""pygls' protocol without pygls' own copy of open documents.

pygls stores every open document and re-splits it on each change with a Python loop over its
lines; the server keeps its own store (documents.py), so these handlers only pass the
notifications on to the server's features.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lsprotocol import types
from pygls.protocol import LanguageServerProtocol, lsp_method

Dispatch = Iterator[tuple[Any, tuple[Any, ...], None]]


class OAuthHttpProtocol(LanguageServerProtocol):
    def _forward(self, method: str, params: Any) -> Dispatch:
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> Dispatch:
        yield from self._forward(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Dispatch:
        yield from self._forward(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> Dispatch:
        yield from self._forward(types.TEXT_DOCUMENT_DID_CLOSE, params)
