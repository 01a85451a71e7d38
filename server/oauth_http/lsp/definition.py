"""Go to definition of `{{var}}`: its `@var` line, its env-file key, or the named request."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from oauth_http.lsp.positions import to_range
from oauth_http.lsp.references import reference_under_cursor
from oauth_http.lsp.server import OAuthHttpServer
from oauth_http.syntax.lines import split_lines
from oauth_http.syntax.model import RefKind
from oauth_http.syntax.spans import Span
from oauth_http.workspace.layout import uri_of_path


def _lines_of(ls: OAuthHttpServer, uri: str, path: str) -> list[str]:
    document = ls.documents.get(uri)
    if document is not None:
        return document.lines
    try:
        return split_lines(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return []


def definition(ls: OAuthHttpServer, params: types.DefinitionParams) -> types.Location | None:
    under_cursor = reference_under_cursor(ls, params.text_document, params.position)
    if under_cursor is None:
        return None
    document, ref = under_cursor
    parsed, lines = document.parsed, document.lines
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
    uri = uri_of_path(found.path)
    target: Span = found.span
    return types.Location(uri=uri, range=to_range(target, _lines_of(ls, uri, found.path)))
