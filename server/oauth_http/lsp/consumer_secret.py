"""Quick Fix for a "Consumer Secret" written in the public env file: move it to secret storage.

The code action runs `oauthHttp.moveConsumerSecret`, which stores the consumer key and secret in
the editor's secret storage for the workspace folder (where the PIN flow and signing look for them)
and then removes the key from the env file with a workspace edit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types

from oauth_http.lsp import methods
from oauth_http.lsp.arguments import MissingArguments, read_arguments
from oauth_http.lsp.client_interaction import LspSecretStore
from oauth_http.lsp.positions import from_utf16, to_range
from oauth_http.lsp.server import OAuthHttpServer
from oauth_http.oauth.auth_keys import CONSUMER_KEY, CONSUMER_SECRET, CONSUMER_SECRET_IN_FILE
from oauth_http.oauth.errors import SecretStorageError
from oauth_http.oauth.interaction import Consumer
from oauth_http.oauth.secret_keys import consumer_secret_name, encode_consumer
from oauth_http.syntax.lines import split_lines
from oauth_http.syntax.spans import Span
from oauth_http.variables.json_tree import JsonMember, JsonObject, JsonString
from oauth_http.variables.jsonpos import parse_json
from oauth_http.workspace.layout import path_of_uri

TITLE = "Move the consumer secret to secret storage"


@dataclass(frozen=True)
class SecretInFile:
    auth_id: str
    entry: JsonObject
    member: JsonMember


def auth_entries(root: object) -> Iterator[tuple[str, JsonObject]]:
    """Every `"Security": {"Auth": {id: {...}}}` entry of a parsed env file, with its id."""
    if not isinstance(root, JsonObject):
        return
    for section in root.members:
        security = section.value.get("Security") if isinstance(section.value, JsonObject) else None
        auth = security.get("Auth") if isinstance(security, JsonObject) else None
        if not isinstance(auth, JsonObject):
            continue
        for entry in auth.members:
            if isinstance(entry.value, JsonObject):
                yield entry.key, entry.value


def find_secret(text: str, line: int, col: int) -> SecretInFile | None:
    """The "Consumer Secret" member whose key starts at (line, col)."""
    for auth_id, entry in auth_entries(parse_json(text).value):
        for member in entry.members:
            span = member.key_span
            if member.key == CONSUMER_SECRET and (span.start_line, span.start_col) == (line, col):
                return SecretInFile(auth_id, entry, member)
    return None


def removal_span(entry: JsonObject, member: JsonMember) -> Span:
    """The text to delete to drop `member` from `entry`, with the comma that separates it."""
    members = entry.members
    index = members.index(member)
    start, end = member.key_span, member.value.span
    if index + 1 < len(members):
        following = members[index + 1].key_span
        return Span(start.start_line, start.start_col, following.start_line, following.start_col)
    if index > 0:
        previous = members[index - 1].value.span
        return Span(previous.end_line, previous.end_col, end.end_line, end.end_col)
    return Span(start.start_line, start.start_col, end.end_line, end.end_col)


def code_action(ls: OAuthHttpServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    actions: list[types.CodeAction] = []
    for diagnostic in params.context.diagnostics:
        if diagnostic.code != CONSUMER_SECRET_IN_FILE:
            continue
        where = diagnostic.range.start
        actions.append(
            types.CodeAction(
                title=TITLE,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=True,
                command=types.Command(
                    title=TITLE,
                    command=methods.MOVE_CONSUMER_SECRET,
                    arguments=[{"uri": uri, "line": where.line, "character": where.character}],
                ),
            )
        )
    return actions


async def move_consumer_secret_command(
    ls: OAuthHttpServer, arguments: Sequence[Any]
) -> methods.CommandOutcome:
    """Store the secret, then remove it from the file; answer `{"status", "message"}`."""
    given = read_arguments(
        methods.MoveConsumerSecretArguments, methods.MOVE_CONSUMER_SECRET, arguments
    )
    if isinstance(given, MissingArguments):
        return _failed(ls, given.message)
    uri = given["uri"]
    text = _text_of(ls, uri)
    if text is None:
        return _failed(ls, "The env file is not open and cannot be read from disk.")
    lines = split_lines(text)
    line = given["line"]
    col = from_utf16(lines[line], given["character"]) if 0 <= line < len(lines) else 0
    found = find_secret(text, line, col)
    if found is None:
        return _failed(ls, 'No "Consumer Secret" at that place any more; nothing was moved.')
    context = ls.context_for(uri)
    key_node = found.entry.get(CONSUMER_KEY)
    registry_provider = context.provider_registry().providers.get(found.auth_id)
    consumer_key = key_node.value if isinstance(key_node, JsonString) else None
    consumer_key = consumer_key or (registry_provider.consumer_key if registry_provider else None)
    if not isinstance(found.member.value, JsonString) or not consumer_key:
        return _failed(
            ls, f'Add a "Consumer Key" to "{found.auth_id}" first, then move its secret.'
        )
    consumer = Consumer(consumer_key, found.member.value.value)
    try:
        await LspSecretStore(ls).store(
            consumer_secret_name(context.folder_uri, found.auth_id), encode_consumer(consumer)
        )
    except SecretStorageError as error:
        return _failed(ls, f"Could not store the secret: {error.message}. The file is unchanged.")
    edit = types.WorkspaceEdit(
        changes={
            uri: [
                types.TextEdit(
                    range=to_range(removal_span(found.entry, found.member), lines), new_text=""
                )
            ]
        }
    )
    applied = await ls.workspace_apply_edit_async(types.ApplyWorkspaceEditParams(edit=edit))
    if not applied.applied:
        return _failed(
            ls,
            f'The secret of "{found.auth_id}" is in secret storage, but the editor did not '
            'remove it from the file: delete the "Consumer Secret" line yourself.',
        )
    message = (
        f'Moved the consumer secret of "{found.auth_id}" to secret storage and removed it from '
        "the file."
    )
    ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Info, message=message))
    return {"status": "moved", "message": message}


def _text_of(ls: OAuthHttpServer, uri: str) -> str | None:
    document = ls.documents.get(uri)
    if document is not None:
        return document.text
    path = path_of_uri(uri)
    if path is None:
        return None
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def _failed(ls: OAuthHttpServer, message: str) -> methods.CommandOutcome:
    ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=message))
    return {"status": "failed", "message": message}
