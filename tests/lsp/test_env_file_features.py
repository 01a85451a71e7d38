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
