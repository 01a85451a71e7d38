"""The fast path's contract: the server's core scenarios over stdio give the same answers with the
fast path on and with `OAUTH_HTTP_FAST_PATH=0` (stock pygls), each test once per path.

The servers run with `OAUTH_HTTP_DEBUG_STATS=1`, so a test can check which path is on and that
pygls' tables of pending requests do not grow with use (`oauthHttp/debugStats`).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from oauth_http.lsp import methods
from oauth_http.sandbox.server import RunningSandbox
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.httpbed import RunningBed
from tests.lsp.editor import Editor, as_dict, open_http, start_session

SERVER_COMMAND = [sys.executable, "-m", "oauth_http", "serve"]
SWITCH, DEBUG = "OAUTH_HTTP_FAST_PATH", "OAUTH_HTTP_DEBUG_STATS"


def _config(**env: str) -> ClientServerConfig:
    inherited = {key: value for key, value in os.environ.items() if key not in (SWITCH, DEBUG)}
    return ClientServerConfig(server_command=SERVER_COMMAND, server_env={**inherited, **env})


async def _session(lsp_client: LanguageClient, editor: Editor, workspace: Path, fast: bool):  # type: ignore[no-untyped-def]
    lsp_client.initialize_result = await start_session(lsp_client, editor, workspace)  # type: ignore[attr-defined]
    lsp_client.fast_path = fast  # type: ignore[attr-defined]
    lsp_client.exited = False  # type: ignore[attr-defined]
    yield
    if not lsp_client.exited:  # type: ignore[attr-defined]
        await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=_config(**{DEBUG: "1"}))
async def fast_client(lsp_client: LanguageClient, editor: Editor, workspace: Path):  # type: ignore[no-untyped-def]
    async for _ in _session(lsp_client, editor, workspace, fast=True):
        yield


@pytest_lsp.fixture(config=_config(**{DEBUG: "1", SWITCH: "0"}))
async def stock_client(lsp_client: LanguageClient, editor: Editor, workspace: Path):  # type: ignore[no-untyped-def]
    async for _ in _session(lsp_client, editor, workspace, fast=False):
        yield


@pytest.fixture(params=["fast_client", "stock_client"], ids=["fast path", "stock pygls"])
def client(request: pytest.FixtureRequest) -> LanguageClient:
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


@pytest_lsp.fixture(config=_config())
async def plain_client(lsp_client: LanguageClient, editor: Editor, workspace: Path):  # type: ignore[no-untyped-def]
    await start_session(lsp_client, editor, workspace)
    yield
    await lsp_client.shutdown_session()


async def debug_stats(client: LanguageClient) -> dict[str, Any]:
    return as_dict(await client.protocol.send_request_async(methods.DEBUG_STATS, None))


async def send_answer(client: LanguageClient, uri: str, line: int) -> dict[str, Any]:
    params = types.ExecuteCommandParams(
        command=methods.SEND, arguments=[{"uri": uri, "line": line}]
    )
    return as_dict(await client.workspace_execute_command_async(params))


async def sent_record(client: LanguageClient, uri: str, line: int) -> dict[str, Any]:
    answer = await send_answer(client, uri, line)
    assert answer["status"] == "sent", answer
    editor: Editor = client.editor  # type: ignore[attr-defined]
    return next(record for record in editor.records if record["id"] == answer["recordId"])


async def lenses_of(client: LanguageClient, uri: str) -> list[types.CodeLens]:
    params = types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
    return list(await client.text_document_code_lens_async(params) or [])


def change(client: LanguageClient, uri: str, version: int, line: int, text: str) -> None:
    at = types.Position(line=line, character=0)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(range=types.Range(at, at), text=text)
            ],
        )
    )


async def test_initialize_advertises_the_same_features_and_the_path_asked_for(
    client: LanguageClient,
) -> None:
    result: types.InitializeResult = client.initialize_result  # type: ignore[attr-defined]
    capabilities = result.capabilities
    assert result.server_info is not None and result.server_info.name == "oauth-http"
    assert capabilities.code_lens_provider is not None
    assert capabilities.code_lens_provider.resolve_provider is True
    assert capabilities.hover_provider and capabilities.completion_provider is not None
    sync = capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions)
    assert sync.change == types.TextDocumentSyncKind.Incremental and sync.open_close
    assert capabilities.execute_command_provider is not None
    assert set(capabilities.execute_command_provider.commands) == {
        methods.SEND,
        methods.SEND_ALL,
        methods.AUTHORIZE,
        methods.SIGN_OUT,
        methods.PROVIDERS,
        methods.ENVIRONMENTS,
        methods.MOVE_CONSUMER_SECRET,
        methods.CURL_REQUEST,
    }
    assert (await debug_stats(client))["fastPath"] is client.fast_path  # type: ignore[attr-defined]


async def test_an_opened_file_gets_its_diagnostics(client: LanguageClient) -> None:
    uri = open_http(client, "broken.http", "get http://127.0.0.1/{{nowhere}}\n")
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    messages = sorted(d.message for d in client.diagnostics[uri])
    assert len(messages) == 2, messages
    assert any("nowhere" in message for message in messages), messages
    assert any("GET" in message for message in messages), messages


async def test_code_lenses_resolve_to_send_and_authorize(client: LanguageClient) -> None:
    text = "### one\nGET http://127.0.0.1/a\n\n### two\n# @oauth1 sandbox\nGET http://127.0.0.1/b\n"
    uri = open_http(client, "lenses.http", text)
    first = await lenses_of(client, uri)
    assert [(lens.range.start.line, lens.command) for lens in first] == [(1, None), (5, None)]
    for _ in range(100):  # the server looks up the token, finds none, and adds "Authorize"
        lenses = await lenses_of(client, uri)
        if len(lenses) == 3:
            break
        await asyncio.sleep(0.05)
    assert [lens.range.start.line for lens in lenses] == [1, 5, 5]
    resolved = [await client.code_lens_resolve_async(lens) for lens in lenses]
    commands = [lens.command for lens in resolved]
    assert all(command is not None for command in commands)
    assert [(c.title, c.command, list(c.arguments or [])) for c in commands if c] == [
        ("Send request", methods.SEND, [{"uri": uri, "line": 1}]),
        ("Send request", methods.SEND, [{"uri": uri, "line": 5}]),
        ("Authorize sandbox", methods.AUTHORIZE, [{"uri": uri, "provider": "sandbox"}]),
    ]


async def test_hover_shows_a_variable_and_completion_offers_it(client: LanguageClient) -> None:
    text = "@host = 127.0.0.1:9\nGET http://{{host}}/\n\n###\nGET http://{{\n"
    uri = open_http(client, "hover.http", text)
    document = types.TextDocumentIdentifier(uri=uri)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=document, position=types.Position(1, 14))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "127.0.0.1:9" in hover.contents.value
    completion = await client.text_document_completion_async(
        types.CompletionParams(text_document=document, position=types.Position(4, 13))
    )
    items = completion.items if isinstance(completion, types.CompletionList) else completion
    assert items is not None and "host" in {item.label for item in items}


async def test_an_edit_is_seen_by_the_next_lenses(client: LanguageClient) -> None:
    uri = open_http(client, "edited.http", "GET http://127.0.0.1/a\n")
    assert [lens.range.start.line for lens in await lenses_of(client, uri)] == [0]
    change(client, uri, 2, 0, "GET http://127.0.0.1/first\n\n###\n")
    assert [lens.range.start.line for lens in await lenses_of(client, uri)] == [0, 3]


async def test_a_plain_send_answers_its_record_and_notifies_it(
    client: LanguageClient, editor: Editor, bed: RunningBed
) -> None:
    text = f'POST {bed.url}/echo?x=1\nContent-Type: application/json\n\n{{"a": "ü"}}\n'
    uri = open_http(client, "plain.http", text)
    record = await sent_record(client, uri, 0)
    assert record["status"] == 200 and record["error"] is None and record["uri"] == uri
    assert json.loads(record["body"]["text"])["body"] == '{"a": "ü"}'
    assert [r["id"] for r in editor.records] == [record["id"]], "one notification per send"


async def test_a_signed_send_reads_the_token_from_the_editor(
    client: LanguageClient, editor: Editor, workspace_sandbox: RunningSandbox
) -> None:
    editor.authorize(client.folder.as_uri())  # type: ignore[attr-defined]
    text = f"# @oauth1 sandbox\nGET {workspace_sandbox.url}/1.1/account/verify_credentials.json\n"
    record = await sent_record(client, open_http(client, "signed.http", text), 1)
    assert record["status"] == 200 and record["oauth"]["provider"] == "sandbox"


async def test_a_cancelled_send_answers_cancelled_and_the_server_goes_on(
    client: LanguageClient, bed: RunningBed
) -> None:
    uri = open_http(client, "cancel.http", f"GET {bed.url}/stall\n\n###\nGET {bed.url}/echo\n")
    params = types.ExecuteCommandParams(command=methods.SEND, arguments=[{"uri": uri, "line": 0}])
    pending = client.protocol.send_request(
        types.WORKSPACE_EXECUTE_COMMAND, params, msg_id="cancel-me"
    )
    await asyncio.sleep(0.3)
    client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id="cancel-me"))
    with pytest.raises(Exception, match=r"(?i)cancel"):
        await asyncio.wait_for(asyncio.wrap_future(pending), timeout=10)
    assert (await sent_record(client, uri, 3))["status"] == 200


async def test_sends_and_edits_leave_no_pending_requests_behind(
    client: LanguageClient, bed: RunningBed
) -> None:
    sent = open_http(client, "sent.http", f"GET {bed.url}/echo\n")
    edited = open_http(client, "typed.http", "GET http://127.0.0.1/\n")
    await sent_record(client, sent, 0)
    await lenses_of(client, edited)
    before = await debug_stats(client)
    for version in range(2, 22):
        await sent_record(client, sent, 0)
        change(client, edited, version, 0, "# typed\n")
        assert len(await lenses_of(client, edited)) == 1
    after = await debug_stats(client)
    for table in ("requestFutures", "resultTypes", "progressTokens", "tasks"):
        assert after[table] <= before[table], (table, before, after)


async def test_shutdown_with_a_send_in_flight_answers_and_exit_ends_the_server(
    client: LanguageClient, bed: RunningBed
) -> None:
    uri = open_http(client, "stalled.http", f"GET {bed.url}/stall\n")
    params = types.ExecuteCommandParams(command=methods.SEND, arguments=[{"uri": uri, "line": 0}])
    in_flight = asyncio.wrap_future(
        client.protocol.send_request(types.WORKSPACE_EXECUTE_COMMAND, params)
    )
    await asyncio.sleep(0.3)
    assert await client.shutdown_async(None) is None
    with pytest.raises(Exception, match=r"(?i)cancel"):
        await asyncio.wait_for(in_flight, timeout=10)
    client.exit(None)
    client.exited = True  # type: ignore[attr-defined]
    server = client._server
    assert server is not None
    assert await asyncio.wait_for(server.wait(), timeout=10) == 0


async def test_without_the_debug_switch_there_is_no_debug_method(
    plain_client: LanguageClient,
) -> None:
    with pytest.raises(Exception, match=r"(?i)method not found|unknown method"):
        await debug_stats(plain_client)
