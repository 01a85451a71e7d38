"""Finding the `{{reference}}` under the cursor, for hover and go to definition."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from oauth_http.lsp.positions import from_utf16
from oauth_http.syntax.model import VariableRef
from oauth_http.syntax.parsed_document import ParsedDocument

if TYPE_CHECKING:
    from oauth_http.lsp.documents import OpenDocument
    from oauth_http.lsp.server import OAuthHttpServer


def reference_at(parsed: ParsedDocument, line: int, col: int) -> VariableRef | None:
    """The reference whose `{{...}}` holds (line, col), with absolute positions."""
    block = parsed.block_at(line)
    if block is None:
        return None
    relative = line - block.start_line
    candidates: list[VariableRef] = []
    if block.parsed.request is not None:
        candidates.extend(block.parsed.request.refs)
    for variable in block.parsed.file_variables:
        candidates.extend(variable.refs)
    for ref in candidates:
        if ref.span.contains(relative, col):
            return ref.shift(block.start_line)
    return None


def reference_under_cursor(
    ls: OAuthHttpServer, text_document: types.TextDocumentIdentifier, position: types.Position
) -> tuple[OpenDocument, VariableRef] | None:
    """The open document and the reference at `position`, if there is one."""
    document = ls.documents.get(text_document.uri)
    if document is None:
        return None
    lines = document.lines
    line = position.line
    col = from_utf16(lines[line] if line < len(lines) else "", position.character)
    ref = reference_at(document.parsed, line, col)
    return (document, ref) if ref is not None else None
