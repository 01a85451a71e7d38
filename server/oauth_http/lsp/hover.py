"""Hover on `{{variable}}`: its value (masked when the name looks secret) and its source; in env
files, what an auth entry's key or value means (`env_features`)."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from oauth_http.lsp.env_features import env_hover, position_in
from oauth_http.lsp.positions import to_range
from oauth_http.lsp.references import reference_under_cursor
from oauth_http.lsp.server import OAuthHttpServer
from oauth_http.syntax.model import RefKind, VariableRef
from oauth_http.syntax.parsed_document import ParsedDocument
from oauth_http.syntax.system_variable_syntax import SYSTEM_VARIABLES
from oauth_http.variables.scope import Definition, looks_secret, mask
from oauth_http.workspace.contexts import DocumentContext
from oauth_http.workspace.layout import is_env_file


def _source_text(definition: Definition) -> str:
    if definition.source == "file":
        line = definition.span.start_line + 1 if definition.span else "?"
        return f"file variable, line {line}"
    if definition.source == "prompt":
        return "asked when the request is sent (`# @prompt`)"
    file_name = Path(definition.path).name if definition.path else "env file"
    if definition.source == "shared":
        return f"`$shared` in {file_name}"
    return f"environment `{definition.environment}` in {file_name}"


def _shown(name: str, value: str | None) -> str:
    if value is None:
        return "_(no value yet)_"
    shown = mask(value) if looks_secret(name) else value
    return f"`{shown}`" if shown else "_(empty)_"


def describe(ref: VariableRef, context: DocumentContext, parsed: ParsedDocument) -> str:
    if ref.kind is RefKind.SYSTEM:
        description = SYSTEM_VARIABLES.get(ref.name, "unknown system variable")
        return f"**{ref.raw or ref.name}**: {description}"
    if ref.kind is RefKind.REQUEST:
        path = ".".join(ref.args)
        return (
            f"**{ref.name}.{path}**: from the last response of request `{ref.name}` "
            "in this session, resolved when the request is sent."
        )
    scope = context.scope(parsed)
    definition = scope.lookup(ref.name, ref.span.start_line)
    if definition is None:
        where = (
            f"environment `{context.selected_environment}`"
            if context.selected_environment
            else "no environment"
        )
        return f"**{ref.name}** is not defined (file variables, {where})."
    lines = [f"**{ref.name}** = {_shown(ref.name, definition.value)}"]
    if definition.raw is not None and definition.raw != definition.value:
        lines.append(f"written as {_shown(ref.name, definition.raw)}")
    if ref.percent_encode:
        lines.append("sent percent-encoded (`{{%...}}`)")
    lines.append(f"from {_source_text(definition)}")
    return "\n\n".join(lines)


def hover(ls: OAuthHttpServer, params: types.HoverParams) -> types.Hover | None:
    if is_env_file(params.text_document.uri):
        document = ls.documents.get(params.text_document.uri)
        if document is None:
            return None
        line, col = position_in(document.lines, params.position)
        return env_hover(document.text, document.lines, line, col)
    found = reference_under_cursor(ls, params.text_document, params.position)
    if found is None:
        return None
    document, ref = found
    text = describe(ref, ls.context_for(document.uri), document.parsed)
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
        range=to_range(ref.span, document.lines),
    )
