"""Completion: methods, header names and values, `{{variables}}`, `{{$system}}` variables,
`# @directives` and provider ids after `# @oauth1 `; in env files, the keys and values of auth
entries (`env_features`)."""

from __future__ import annotations

import re

from lsprotocol import types

from oauth_http.lsp.completion_catalog import HEADER_VALUES, HEADERS, METHODS
from oauth_http.lsp.documents import OpenDocument
from oauth_http.lsp.env_features import env_completion
from oauth_http.lsp.positions import from_utf16
from oauth_http.lsp.server import OAuthHttpServer
from oauth_http.syntax.directives import DIRECTIVES
from oauth_http.syntax.parsed_document import ParsedDocument
from oauth_http.syntax.system_variable_syntax import SYSTEM_VARIABLES
from oauth_http.workspace.layout import is_env_file

_DIRECTIVE = re.compile(r"^\s*(?:#|//)\s*@([\w-]*)$")
_OAUTH1_ARGUMENT = re.compile(r"^\s*(?:#|//)\s*@oauth1\s+([\w.-]*)$")
_OPEN_VARIABLE = re.compile(r"\{\{\s*(%?)(\$?)([\w.$-]*)$")
_HEADER_NAME = re.compile(r"^([\w-]*)$")
_HEADER_VALUE = re.compile(r"^([\w-]+)\s*:\s*([^,;]*)$")
_METHOD_WORD = re.compile(r"^([A-Za-z]*)$")


def _items(
    labels: list[tuple[str, str]], kind: types.CompletionItemKind
) -> list[types.CompletionItem]:
    return [types.CompletionItem(label=label, detail=detail, kind=kind) for label, detail in labels]


def _variable_items(
    ls: OAuthHttpServer, uri: str, parsed: ParsedDocument, line: int
) -> list[tuple[str, str]]:
    """Custom variables visible from `line`, then `name.response.` of every named request."""
    scope = ls.context_for(uri).scope(parsed)
    items = [(name, "variable") for name in scope.names(line)]
    for block in parsed.blocks:
        request = block.parsed.request
        if request is not None and request.name:
            items.append(
                (f"{request.name}.response.body.$", f"from the response of {request.name}")
            )
            items.append(
                (f"{request.name}.response.headers.", f"a header of {request.name}'s response")
            )
    return items


def _position_kind(parsed: ParsedDocument, lines: list[str], line: int) -> str:
    """Where `line` is in its block: "request-line", "headers", "body" or "other"."""
    block = parsed.block_at(line)
    if block is None:
        return "request-line"
    request = block.parsed.request
    if request is None:
        return "request-line"
    request_line = block.start_line + request.request_line
    if line < request_line:
        return "other"
    if line == request_line:
        return "request-line"
    for number in range(request_line + 1, line):
        if not lines[number].strip():
            return "body"
    return "headers" if lines[line].strip() or line == request_line + 1 else "body"


def complete(
    ls: OAuthHttpServer, document: OpenDocument, line: int, col: int
) -> list[types.CompletionItem]:
    uri, parsed, lines = document.uri, document.parsed, document.lines
    text = lines[line] if line < len(lines) else ""
    before = text[:col]
    if match := _OAUTH1_ARGUMENT.match(before):
        return _items(
            [
                (provider, "OAuth 1.0a provider")
                for provider in ls.context_for(uri).provider_registry().providers
            ],
            types.CompletionItemKind.Module,
        )
    if _DIRECTIVE.match(before):
        return _items(sorted(DIRECTIVES.items()), types.CompletionItemKind.Keyword)
    if match := _OPEN_VARIABLE.search(before):
        if match.group(2):
            return _items(
                [(name[1:], detail) for name, detail in sorted(SYSTEM_VARIABLES.items())],
                types.CompletionItemKind.Function,
            )
        return _items(_variable_items(ls, uri, parsed, line), types.CompletionItemKind.Variable)
    where = _position_kind(parsed, lines, line)
    if where == "request-line" and _METHOD_WORD.match(before):
        return _items(
            [(method, "HTTP method") for method in METHODS], types.CompletionItemKind.Keyword
        )
    if where == "headers":
        if match := _HEADER_VALUE.match(before):
            values = HEADER_VALUES.get(match.group(1).lower(), ())
            return _items([(v, match.group(1)) for v in values], types.CompletionItemKind.Value)
        if _HEADER_NAME.match(before):
            return [
                types.CompletionItem(
                    label=name,
                    detail=detail,
                    kind=types.CompletionItemKind.Field,
                    insert_text=f"{name}: ",
                )
                for name, detail in HEADERS.items()
            ]
    return []


def completion(ls: OAuthHttpServer, params: types.CompletionParams) -> types.CompletionList:
    document = ls.documents.get(params.text_document.uri)
    if document is None:
        return types.CompletionList(is_incomplete=False, items=[])
    lines = document.lines
    line = params.position.line
    if line >= len(lines):
        return types.CompletionList(is_incomplete=False, items=[])
    col = from_utf16(lines[line], params.position.character)
    if is_env_file(document.uri):
        return types.CompletionList(is_incomplete=False, items=env_completion(lines, line, col))
    items = complete(ls, document, line, col)
    return types.CompletionList(is_incomplete=False, items=items)
