"""Document symbols: each request (by name or title, else method and URL) and each file variable."""

from __future__ import annotations

from lsprotocol import types

from oauth_http.lsp.positions import to_range
from oauth_http.lsp.server import OAuthHttpServer
from oauth_http.syntax.parsed_document import ParsedDocument
from oauth_http.syntax.spans import Span


def document_symbols(parsed: ParsedDocument, lines: list[str]) -> list[types.DocumentSymbol]:
    symbols: list[types.DocumentSymbol] = []
    for block in parsed.blocks:
        offset = block.start_line
        for variable in block.parsed.file_variables:
            symbols.append(
                types.DocumentSymbol(
                    name=f"@{variable.name}",
                    detail=variable.value,
                    kind=types.SymbolKind.Variable,
                    range=to_range(variable.span.shift(offset), lines),
                    selection_range=to_range(variable.name_span.shift(offset), lines),
                )
            )
        request = block.parsed.request
        if request is None:
            continue
        whole = request.span.shift(offset)
        line_span = request.url_span.shift(offset)
        start = request.method_span.shift(offset) if request.method_span else line_span
        selection = Span(start.start_line, start.start_col, line_span.end_line, line_span.end_col)
        symbols.append(
            types.DocumentSymbol(
                name=request.label(),
                detail=f"{request.method} {request.url}",
                kind=types.SymbolKind.Method,
                range=to_range(whole, lines),
                selection_range=to_range(selection, lines),
            )
        )
    return symbols


def document_symbol(
    ls: OAuthHttpServer, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol]:
    document = ls.documents.get(params.text_document.uri)
    if document is None:
        return []
    return document_symbols(document.parsed, document.lines)
