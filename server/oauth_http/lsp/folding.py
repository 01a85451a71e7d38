"""Folding ranges: one per request block, from its first line to its last non-blank line."""

from __future__ import annotations

from lsprotocol import types

from oauth_http.lsp.server import OAuthHttpServer
from oauth_http.syntax.parsed_document import ParsedDocument


def folding_ranges(parsed: ParsedDocument, lines: list[str]) -> list[types.FoldingRange]:
    ranges: list[types.FoldingRange] = []
    for block in parsed.blocks:
        if block.parsed.request is None:
            continue
        start = block.start_line
        end = min(start + block.parsed.line_count, len(lines)) - 1
        while end > start and not lines[end].strip():
            end -= 1
        if end > start:
            ranges.append(
                types.FoldingRange(
                    start_line=start, end_line=end, kind=types.FoldingRangeKind.Region
                )
            )
    return ranges


def folding_range(
    ls: OAuthHttpServer, params: types.FoldingRangeParams
) -> list[types.FoldingRange]:
    document = ls.documents.get(params.text_document.uri)
    if document is None:
        return []
    return folding_ranges(document.parsed, document.lines)
