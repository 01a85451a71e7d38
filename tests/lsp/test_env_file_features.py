"""Env files in the editor: problems of their auth entries at the key, and the Quick Fix that
moves a consumer secret out of the public file into secret storage."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any, Union

import pytest_lsp
from cattrs import Converter
from lsprotocol import types
from oauth_http.lsp import methods
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import register_lsp_features

SERVER_COMMAND = [sys.executable, "-m", "oauth_http", "serve"]

ENV_TEXT = """{
  "dev": {
    "host": "http://127.0.0.1:9",
    "Security": {
      "Auth": {
        "mine": {
          "Type": "OAuth1",
          "Request Token URL": "{{host}}/oauth/request_token",
          "Authorize URL": "{{host}}/oauth/authorize",
          "Access Token URL": "{{host}}/oauth/access_token",
          "Consumer Key": "my-key",
          "Consumer Secret": "my-very-secret-value",
          "Signature Method": "HMAC-SHA1"
        },
        "broken": {
          "Type": "OAuth1",
          "Request Token URL": "ftp://nowhere",
          "Signature Methd": "HMAC-SHA1"
        }
      }
    }
  }
}
"""


def code_action_aware_converter() -> Converter:
    """pygls' converter, telling a CodeAction that carries a command from a bare Command the
    way VS Code does (lsprotocol takes any object with a "command" key for a Command)."""
    converter: Converter = default_converter()

    def command_or_code_action(value: Any, _: type) -> types.Command | types.CodeAction:
        if isinstance(value.get("command"), str):
            return converter.structure(value, types.Command)
        return converter.structure(value, types.CodeAction)

    converter.register_structure_hook(
        Union[types.Command, types.CodeAction],  # noqa: UP007
        command_or_code_action,
    )
    return converter


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=code_action_aware_converter)
    register_lsp_features(client)
    return client


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=SERVER_COMMAND, client_factory=make_client)
)
async def client(lsp_client: LanguageClient, tmp_path: Path):  # type: ignore[no-untyped-def]
    lsp_client.vault = {}  # type: ignore[attr-defined]
    lsp_client.edits = []  # type: ignore[attr-defined]

    @lsp_client.feature(methods.STORE_SECRET)
    def store_secret(params: Any) -> dict[str, Any]:
        lsp_client.vault[params.key] = params.value  # type: ignore[attr-defined]
        return {}

    @lsp_client.feature(types.WORKSPACE_APPLY_EDIT)
    def apply_edit(params: types.ApplyWorkspaceEditParams) -> types.ApplyWorkspaceEditResult:
        lsp_client.edits.append(params.edit)  # type: ignore[attr-defined]
        return types.ApplyWorkspaceEditResult(applied=True)

    (tmp_path / "http-client.env.json").write_text(ENV_TEXT, encoding="utf-8")
    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=tmp_path.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="ws")],
        initialization_options={"settings": {"environment": "dev"}},
    )
    await lsp_client.initialize_session(params)
    lsp_client.folder = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


def open_env(client: LanguageClient) -> str:
    path: Path = client.folder / "http-client.env.json"  # type: ignore[attr-defined]
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="json", version=1, text=ENV_TEXT
            )
        )
    )
    return uri


async def published(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    for _ in range(100):
        if client.diagnostics.get(uri):
            return list(client.diagnostics[uri])
        await asyncio.sleep(0.05)
    raise AssertionError("no diagnostics for the env file")


def line_of(needle: str) -> int:
    return next(i for i, line in enumerate(ENV_TEXT.splitlines()) if needle in line)


async def test_auth_entry_problems_sit_on_their_keys(client: LanguageClient) -> None:
    found = await published(client, open_env(client))
    by_line = {d.range.start.line: d for d in found}
    assert "http:// or https://" in by_line[line_of('"ftp://nowhere"')].message
    assert "Signature Method" in by_line[line_of('"Signature Methd"')].message
    secret = by_line[line_of('"Consumer Secret"')]
    assert secret.severity == types.DiagnosticSeverity.Information
    assert secret.code == "consumer-secret-in-file"


async def test_quick_fix_moves_the_secret_to_secret_storage(client: LanguageClient) -> None:
    uri = open_env(client)
    found = await published(client, uri)
    secret = next(d for d in found if d.code == "consumer-secret-in-file")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=secret.range,
            context=types.CodeActionContext(diagnostics=[secret]),
        )
    )
    assert actions is not None and len(actions) == 1
    action = actions[0]
    assert isinstance(action, types.CodeAction) and action.command is not None
    assert action.kind == types.CodeActionKind.QuickFix

    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(
            command=action.command.command, arguments=list(action.command.arguments or [])
        )
    )
    assert result["status"] == "moved"
    vault: dict[str, str] = client.vault  # type: ignore[attr-defined]
    assert len(vault) == 1
    key, value = next(iter(vault.items()))
    assert key.endswith(":mine:consumer")
    assert json.loads(value) == {"key": "my-key", "secret": "my-very-secret-value"}

    (edit,) = client.edits  # type: ignore[attr-defined]
    assert edit.changes is not None
    (text_edit,) = edit.changes[uri]
    lines = ENV_TEXT.split("\n")
    start, end = text_edit.range.start, text_edit.range.end
    edited = "\n".join(lines[: start.line]) + "\n" + lines[start.line][: start.character]
    edited += text_edit.new_text + lines[end.line][end.character :] + "\n"
    edited += "\n".join(lines[end.line + 1 :])
    assert "my-very-secret-value" not in edited
    parsed = json.loads(edited)
    mine = parsed["dev"]["Security"]["Auth"]["mine"]
    assert mine["Consumer Key"] == "my-key"
    assert "Consumer Secret" not in mine
    assert mine["Signature Method"] == "HMAC-SHA1"


def open_text(client: LanguageClient, name: str, text: str, version: int = 1) -> str:
    uri = (client.folder / name).as_uri()  # type: ignore[attr-defined]
    if version == 1:
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="json", version=1, text=text
                )
            )
        )
    else:
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
    return uri


async def completions_at_end(client: LanguageClient, uri: str, text: str) -> list[str]:
    lines = text.split("\n")
    answer = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(len(lines) - 1, len(lines[-1])),
        )
    )
    assert isinstance(answer, types.CompletionList)
    return [item.text_edit.new_text for item in answer.items if item.text_edit is not None]  # type: ignore[union-attr]


ENTRY = '{\n  "dev": {\n    "Security": {\n      "Auth": {\n        "mine": {\n'


async def test_completion_knows_the_keys_and_their_values(client: LanguageClient) -> None:
    name = "http-client.private.env.json"
    text = ENTRY + '          "Type": "OAuth1",\n          "'
    uri = open_text(client, name, text)
    keys = await completions_at_end(client, uri, text)
    assert {'"Flow"', '"Body Hash"', '"Include Version"', '"API Origins"'} <= set(keys)
    text = ENTRY + '          "Flow": "Lo'
    values = await completions_at_end(client, open_text(client, name, text, 2), text)
    assert values == ['"PIN"', '"Loopback"', '"Paste"', '"Consumer Only"']
    text = ENTRY + '          "Include Version": '
    assert await completions_at_end(client, open_text(client, name, text, 3), text) == [
        "true",
        "false",
    ]
    text = ENTRY + '          "Body Hash": "'
    body_hash = await completions_at_end(client, open_text(client, name, text, 4), text)
    assert body_hash == ['"Auto"', '"Always"', '"Never"']
    text = '{\n  "dev": {\n    "Security": {\n      "Auth": {\n        "'
    ids = await completions_at_end(client, open_text(client, name, text, 5), text)
    assert '"netsuite"' in ids and '"mastercard"' in ids


async def hover_at(client: LanguageClient, uri: str, line: int, column: int) -> types.Hover | None:
    return await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line, column),
        )
    )


async def test_hover_says_what_a_key_and_a_value_mean(client: LanguageClient) -> None:
    uri = open_env(client)
    line = line_of('"Signature Method"')
    column = ENV_TEXT.splitlines()[line].index('"Signature Method"') + 3
    on_key = await hover_at(client, uri, line, column)
    assert on_key is not None and isinstance(on_key.contents, types.MarkupContent)
    assert on_key.contents.value.startswith("**Signature Method**: How requests are signed.")
    assert "`RSA-SHA256`" in on_key.contents.value
    column = ENV_TEXT.splitlines()[line].index('"HMAC-SHA1"') + 2
    on_value = await hover_at(client, uri, line, column)
    assert on_value is not None and isinstance(on_value.contents, types.MarkupContent)
    assert on_value.contents.value == "**Signature Method** `HMAC-SHA1`: Signs with HMAC-SHA1."


async def test_a_wrong_flow_is_a_diagnostic_on_its_key(client: LanguageClient) -> None:
    text = ENTRY + '          "Flow": "Loopbak",\n          "Body Hash": "often"\n        }\n'
    text += "      }\n    }\n  }\n}\n"
    uri = open_text(client, "http-client.private.env.json", text)
    found = await published(client, uri)
    by_line = {d.range.start.line: d.message for d in found}
    assert 'did you mean "Loopback"?' in by_line[5]
    assert '"Auto", "Always", "Never"' in by_line[6]
