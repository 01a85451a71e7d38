"""CodeLens: "Send request" above every request, and "Authorize PROVIDER" on signed ones.

Lenses are sent without their commands (only a line and a little data) and resolved when VS Code
shows them: serialising 10,000 full lenses would cost more than parsing the file.
"""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from oauth_http.lsp import methods
from oauth_http.lsp.serialization import LightLenses
from oauth_http.lsp.server import OAuthHttpServer
from oauth_http.syntax.model import ParsedDocument


def lenses(document_id: int, parsed: ParsedDocument) -> LightLenses:
    """(line, data) per lens; `serialization.py` turns each into a CodeLens without a command.

    `data` is `[document id, line]` for "Send request" and `[document id, line, provider]` for
    "Authorize provider": short, because a 10,000-request file sends 20,000 of them.
    """
    result = LightLenses()
    default_provider: str | None = None
    for directive in parsed.file_directives():
        if directive.word == "oauth1":
            default_provider = directive.argument or None
    for block in parsed.blocks:
        request = block.parsed.request
        if request is None:
            continue
        line = block.start_line + request.request_line
        result.append((line, [document_id, line]))
        own = request.directive("oauth1")
        provider = (own.argument or None) if own is not None else default_provider
        if provider:
            result.append((line, [document_id, line, provider]))
    return result


def resolve(ls: OAuthHttpServer, lens: types.CodeLens) -> types.CodeLens:
    data: Any = lens.data
    if not isinstance(data, list | tuple) or len(data) < 2:
        return lens
    uri = ls.documents.uri_of(data[0])
    line = data[1]
    if uri is None:
        return lens
    if len(data) >= 3:
        lens.command = types.Command(
            title=f"Authorize {data[2]}",
            command=methods.AUTHORIZE,
            arguments=[{"uri": uri, "provider": data[2]}],
        )
    else:
        lens.command = types.Command(
            title="Send request", command=methods.SEND, arguments=[{"uri": uri, "line": line}]
        )
    return lens


def code_lens(ls: OAuthHttpServer, params: types.CodeLensParams) -> LightLenses:
    document = ls.documents.get(params.text_document.uri)
    if document is None:
        return LightLenses()
    return lenses(ls.documents.id_of(document.uri), document.parsed)


def code_lens_resolve(ls: OAuthHttpServer, lens: types.CodeLens) -> types.CodeLens:
    return resolve(ls, lens)
