"""Go to definition of `{{var}}`: its `@var` line, its env-file key, or the named request."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path

from oauth_http.lsp.positions import from_utf16, to_range
from oauth_http.lsp.references import reference_at
from oauth_http.lsp.server import OAuthHttpServer
from oauth_http.syntax.lines import split_lines
from oauth_http.syntax.model import RefKind, Span


def _lines_of(ls: OAuthHttpServer, uri: str, path: str) -> list[str]:
    document = ls.documents.get(uri)
    if document is not None:
        return document.lines
    try:
        return split_lines(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return []


def definition(ls: OAuthHttpServer, params: types.DefinitionParams) -> types.Location | None:
    document = ls.documents.get(params.text_document.uri)
    if document is None:
        return None
    lines = document.lines
    line = params.position.line
    col = from_utf16(lines[line] if line < len(lines) else "", params.position.character)
    parsed = document.parsed
    ref = reference_at(parsed, line, col)
    if ref is None:
        return None
    if ref.kind is RefKind.REQUEST:
        request = parsed.request_named(ref.name)
        if request is None:
            return None
        span = request.name_span or request.url_span
        return types.Location(uri=document.uri, range=to_range(span, lines))
    if ref.kind is not RefKind.CUSTOM:
        return None
    found = ls.context_for(document.uri).scope(parsed).lookup(ref.name, ref.span.start_line)
    if found is None or found.span is None:
        return None
    if found.path is None:
        return types.Location(uri=document.uri, range=to_range(found.span, lines))
    uri = from_fs_path(found.path) or Path(found.path).as_uri()
    target: Span = found.span
    return types.Location(uri=uri, range=to_range(target, _lines_of(ls, uri, found.path)))
