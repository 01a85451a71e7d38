"""CodeLens: "Send request" above every request, and "Authorize PROVIDER" on signed ones.

Lenses are sent without their commands (only a range and a little data) and resolved when VS Code
shows them: serialising 10,000 full lenses would cost more than parsing the file.
"""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from oauth_http.lsp import methods
from oauth_http.lsp.positions import line_range
from oauth_http.lsp.server import OAuthHttpServer
from oauth_http.syntax.model import ParsedDocument


def lenses(uri: str, parsed: ParsedDocument) -> list[types.CodeLens]:
    result: list[types.CodeLens] = []
    default_provider: str | None = None
    for directive in parsed.file_directives():
        if directive.word == "oauth1":
            default_provider = directive.argument or None
    for block in parsed.blocks:
        request = block.parsed.request
        if request is None:
            continue
        line = block.start_line + request.request_line
        where = line_range(line)
        result.append(types.CodeLens(range=where, data=["send", uri, line]))
        own = request.directive("oauth1")
        provider = (own.argument or None) if own is not None else default_provider
        if provider:
            result.append(types.CodeLens(range=where, data=["authorize", uri, line, provider]))
    return result


def resolve(lens: types.CodeLens) -> types.CodeLens:
    data: Any = lens.data
    if not isinstance(data, list | tuple) or len(data) < 3:
        return lens
    kind, uri, line = data[0], data[1], data[2]
    if kind == "authorize" and len(data) >= 4:
        lens.command = types.Command(
            title=f"Authorize {data[3]}",
            command=methods.AUTHORIZE,
            arguments=[{"uri": uri, "provider": data[3]}],
        )
    else:
        lens.command = types.Command(
            title="Send request", command=methods.SEND, arguments=[{"uri": uri, "line": line}]
        )
    return lens


def code_lens(ls: OAuthHttpServer, params: types.CodeLensParams) -> list[types.CodeLens]:
    document = ls.documents.get(params.text_document.uri)
    if document is None:
        return []
    return lenses(document.uri, document.parsed)


def code_lens_resolve(ls: OAuthHttpServer, lens: types.CodeLens) -> types.CodeLens:
    return resolve(lens)
