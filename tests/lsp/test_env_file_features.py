"""Env files in the editor: problems of their auth entries at the key, and the Quick Fix that
moves a consumer secret out of the public file into secret storage."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any, Union

import pytest
from cattrs import Converter
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import register_lsp_features

from tests.lsp.editor import EditorClient, ServerOptions

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


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "http-client.env.json").write_text(ENV_TEXT, encoding="utf-8")
    return tmp_path


@pytest.fixture
def server_options() -> ServerOptions:
    return ServerOptions(settings={"environment": "dev"}, client_factory=make_client)


def open_env(client: EditorClient) -> str:
    return client.open(client.folder / "http-client.env.json", ENV_TEXT, language_id="json")


async def published(client: EditorClient, uri: str) -> list[types.Diagnostic]:
    for _ in range(100):
        if client.lsp.diagnostics.get(uri):
            return list(client.lsp.diagnostics[uri])
        await asyncio.sleep(0.05)
    raise AssertionError("no diagnostics for the env file")


def line_of(needle: str) -> int:
    return next(i for i, line in enumerate(ENV_TEXT.splitlines()) if needle in line)


async def test_auth_entry_problems_sit_on_their_keys(client: EditorClient) -> None:
    found = await published(client, open_env(client))
    by_line = {d.range.start.line: d for d in found}
    assert "http:// or https://" in by_line[line_of('"ftp://nowhere"')].message
    assert "Signature Method" in by_line[line_of('"Signature Methd"')].message
    secret = by_line[line_of('"Consumer Secret"')]
    assert secret.severity == types.DiagnosticSeverity.Information
    assert secret.code == "consumer-secret-in-file"


async def test_quick_fix_moves_the_secret_to_secret_storage(client: EditorClient) -> None:
    uri = open_env(client)
    found = await published(client, uri)
    secret = next(d for d in found if d.code == "consumer-secret-in-file")
    actions = await client.lsp.text_document_code_action_async(
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

    result = await client.execute(action.command.command, *(action.command.arguments or []))
    assert result["status"] == "moved"
    vault = client.editor.vault
    assert len(vault) == 1
    key, value = next(iter(vault.items()))
    assert key.endswith(":mine:consumer")
    assert json.loads(value) == {"key": "my-key", "secret": "my-very-secret-value"}

    (edit,) = client.editor.edits
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


def open_text(client: EditorClient, name: str, text: str, version: int = 1) -> str:
    path = client.folder / name
    if version == 1:
        return client.open(path, text, language_id="json")
    uri = path.as_uri()
    client.lsp.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    return uri


async def completions_at_end(client: EditorClient, uri: str, text: str) -> list[str]:
    lines = text.split("\n")
    answer = await client.lsp.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(len(lines) - 1, len(lines[-1])),
        )
    )
    assert isinstance(answer, types.CompletionList)
    return [item.text_edit.new_text for item in answer.items if item.text_edit is not None]


ENTRY = '{\n  "dev": {\n    "Security": {\n      "Auth": {\n        "mine": {\n'


async def test_completion_knows_the_keys_and_their_values(client: EditorClient) -> None:
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


async def hover_at(client: EditorClient, uri: str, line: int, column: int) -> types.Hover | None:
    return await client.lsp.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line, column),
        )
    )


async def test_hover_says_what_a_key_and_a_value_mean(client: EditorClient) -> None:
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


async def test_a_wrong_flow_is_a_diagnostic_on_its_key(client: EditorClient) -> None:
    text = ENTRY + '          "Flow": "Loopbak",\n          "Body Hash": "often"\n        }\n'
    text += "      }\n    }\n  }\n}\n"
    uri = open_text(client, "http-client.private.env.json", text)
    found = await published(client, uri)
    by_line = {d.range.start.line: d.message for d in found}
    assert 'did you mean "Loopback"?' in by_line[5]
    assert '"Auto", "Always", "Never"' in by_line[6]
