"""Completion and hover in env files (`http-client*.env.json`) for OAuth1 auth entries: the keys
of an entry, the values of the keys with fixed values ("Flow", "Body Hash", "Signature Method",
...), and the provider ids under "Auth". A wrong value is a diagnostic on its key (the entry
reader's problems, published by `diagnostics`)."""

from __future__ import annotations

from lsprotocol import types

from oauth_http.lsp.consumer_secret import auth_entries
from oauth_http.lsp.env_cursor import JsonCursor, cursor_at
from oauth_http.lsp.positions import from_utf16, to_range, to_utf16
from oauth_http.oauth.auth_key_docs import (
    BOOLEAN_KEYS,
    KEY_DOCS,
    VALUE_DOCS,
    key_markdown,
    value_markdown,
)
from oauth_http.oauth.auth_keys import KNOWN_KEYS
from oauth_http.oauth.presets import PRESETS
from oauth_http.syntax.spans import Span
from oauth_http.variables.json_tree import JsonBool, JsonString, JsonValue
from oauth_http.variables.jsonpos import parse_json

ENTRY_DEPTH = 4  # environment, "Security", "Auth", provider id


def _in_entry(path: tuple[str, ...]) -> bool:
    return len(path) == ENTRY_DEPTH and path[1:3] == ("Security", "Auth")


def _in_auth(path: tuple[str, ...]) -> bool:
    return len(path) == ENTRY_DEPTH - 1 and path[1:3] == ("Security", "Auth")


def env_completion(lines: list[str], line: int, col: int) -> list[types.CompletionItem]:
    """Completion at (line, col) (code points) of an env file's text."""
    before = "".join(f"{text}\n" for text in lines[:line]) + lines[line][:col]
    cursor = cursor_at(before)
    start = cursor.string_start if cursor.string_start is not None else cursor.word_start
    line_start = len(before) - col
    replace_from = start - line_start if start is not None and start >= line_start else col
    following = lines[line][col:]
    replace_to = col + 1 if cursor.string_start is not None and following.startswith('"') else col
    current = lines[line]
    edit_range = types.Range(
        types.Position(line, to_utf16(current, replace_from)),
        types.Position(line, to_utf16(current, replace_to)),
    )
    return [
        types.CompletionItem(
            label=label,
            detail=detail,
            kind=kind,
            text_edit=types.TextEdit(edit_range, text),
            filter_text=text,
        )
        for label, text, detail, kind in _choices(cursor)
    ]


def _choices(cursor: JsonCursor) -> list[tuple[str, str, str, types.CompletionItemKind]]:
    if cursor.place == "key" and _in_entry(cursor.path):
        return [
            (key, f'"{key}"', KEY_DOCS[key], types.CompletionItemKind.Property)
            for key in KNOWN_KEYS
        ]
    if cursor.place == "key" and _in_auth(cursor.path):
        return [
            (preset.id, f'"{preset.id}"', preset.label, types.CompletionItemKind.Module)
            for preset in PRESETS
        ]
    if cursor.place == "value" and _in_entry(cursor.path) and cursor.key in VALUE_DOCS:
        quoted = cursor.key not in BOOLEAN_KEYS
        return [
            (value, f'"{value}"' if quoted else value, doc, types.CompletionItemKind.EnumMember)
            for value, doc in VALUE_DOCS[cursor.key].items()
        ]
    return []


def env_hover(text: str, lines: list[str], line: int, col: int) -> types.Hover | None:
    """The meaning of the auth-entry key or value under (line, col), if any."""
    root = parse_json(text).value
    for _, entry in auth_entries(root):
        for member in entry.members:
            if _contains(member.key_span, line, col):
                found = key_markdown(member.key), member.key_span
            elif _contains(member.value.span, line, col):
                found = value_markdown(member.key, _shown(member.value) or ""), member.value.span
            else:
                continue
            markdown, span = found
            if markdown is None:
                return None
            return types.Hover(
                contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=markdown),
                range=to_range(span, lines),
            )
    return None


def _shown(value: JsonValue) -> str | None:
    if isinstance(value, JsonString):
        return value.value
    if isinstance(value, JsonBool):
        return "true" if value.value else "false"
    return None


def _contains(span: Span, line: int, col: int) -> bool:
    return (span.start_line, span.start_col) <= (line, col) <= (span.end_line, span.end_col)


def position_in(lines: list[str], position: types.Position) -> tuple[int, int]:
    text = lines[position.line] if position.line < len(lines) else ""
    return position.line, from_utf16(text, position.character)
