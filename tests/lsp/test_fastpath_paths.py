"""The fast path's contract: the server's core scenarios over stdio give the same answers with the
fast path on and with `OAUTH_HTTP_FAST_PATH=0` (stock pygls), each test once per path.

The servers run with `OAUTH_HTTP_DEBUG_STATS=1`, so a test can check which path is on and that
pygls' tables of pending requests do not grow with use (`oauthHttp/debugStats`).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from lsprotocol import types
from oauth_http.lsp import methods
from oauth_http.sandbox.server import RunningSandbox

from tests.httpbed import RunningBed
from tests.lsp.editor import DEBUG_STATS, FAST_PATH, Editor, EditorClient, ServerOptions, as_dict

FAST = ServerOptions(env={DEBUG_STATS: "1", FAST_PATH: None})
STOCK = ServerOptions(env={DEBUG_STATS: "1", FAST_PATH: "0"})
PLAIN = ServerOptions(env={DEBUG_STATS: None, FAST_PATH: None})


@pytest.fixture(params=[FAST, STOCK], ids=["fast path", "stock pygls"])
def server_options(request: pytest.FixtureRequest) -> ServerOptions:
    """Each test once per path, with the debug method on."""
    options: ServerOptions = request.param
    return options


async def debug_stats(client: EditorClient) -> dict[str, Any]:
    return as_dict(await client.lsp.protocol.send_request_async(methods.DEBUG_STATS, None))


async def sent_record(client: EditorClient, uri: str, line: int) -> dict[str, Any]:
    answer = await client.send_answer(uri, line=line)
    assert answer["status"] == "sent", answer
    return client.record(answer["recordId"])


async def test_initialize_advertises_the_same_features_and_the_path_asked_for(
    client: EditorClient,
) -> None:
    result: types.InitializeResult = client.initialize_result
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
    assert (await debug_stats(client))["fastPath"] is client.options.fast_path


async def test_an_opened_file_gets_its_diagnostics(client: EditorClient) -> None:
    uri = client.open_http("broken.http", "get http://127.0.0.1/{{nowhere}}\n")
    await client.lsp.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    messages = sorted(d.message for d in client.lsp.diagnostics[uri])
    assert len(messages) == 2, messages
    assert any("nowhere" in message for message in messages), messages
    assert any("GET" in message for message in messages), messages


async def test_code_lenses_resolve_to_send_and_authorize(client: EditorClient) -> None:
    text = "### one\nGET http://127.0.0.1/a\n\n### two\n# @oauth1 sandbox\nGET http://127.0.0.1/b\n"
    uri = client.open_http("lenses.http", text)
    first = await client.lenses(uri)
    assert [(lens.range.start.line, lens.command) for lens in first] == [(1, None), (5, None)]
    for _ in range(100):  # the server looks up the token, finds none, and adds "Authorize"
        lenses = await client.lenses(uri)
        if len(lenses) == 3:
            break
        await asyncio.sleep(0.05)
    assert [lens.range.start.line for lens in lenses] == [1, 5, 5]
    resolved = [await client.lsp.code_lens_resolve_async(lens) for lens in lenses]
    commands = [lens.command for lens in resolved]
    assert all(command is not None for command in commands)
    assert [(c.title, c.command, list(c.arguments or [])) for c in commands if c] == [
        ("Send request", methods.SEND, [{"uri": uri, "line": 1}]),
        ("Send request", methods.SEND, [{"uri": uri, "line": 5}]),
        ("Authorize sandbox", methods.AUTHORIZE, [{"uri": uri, "provider": "sandbox"}]),
    ]


async def test_hover_shows_a_variable_and_completion_offers_it(client: EditorClient) -> None:
    text = "@host = 127.0.0.1:9\nGET http://{{host}}/\n\n###\nGET http://{{\n"
    uri = client.open_http("hover.http", text)
    document = types.TextDocumentIdentifier(uri=uri)
    hover = await client.lsp.text_document_hover_async(
        types.HoverParams(text_document=document, position=types.Position(1, 14))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "127.0.0.1:9" in hover.contents.value
    completion = await client.lsp.text_document_completion_async(
        types.CompletionParams(text_document=document, position=types.Position(4, 13))
    )
    items = completion.items if isinstance(completion, types.CompletionList) else completion
    assert items is not None and "host" in {item.label for item in items}


async def test_an_edit_is_seen_by_the_next_lenses(client: EditorClient) -> None:
    uri = client.open_http("edited.http", "GET http://127.0.0.1/a\n")
    assert [lens.range.start.line for lens in await client.lenses(uri)] == [0]
    client.change(uri, 2, 0, "GET http://127.0.0.1/first\n\n###\n")
    assert [lens.range.start.line for lens in await client.lenses(uri)] == [0, 3]


async def test_a_plain_send_answers_its_record_and_notifies_it(
    client: EditorClient, editor: Editor, bed: RunningBed
) -> None:
    text = f'POST {bed.url}/echo?x=1\nContent-Type: application/json\n\n{{"a": "ü"}}\n'
    uri = client.open_http("plain.http", text)
    record = await sent_record(client, uri, 0)
    assert record["status"] == 200 and record["error"] is None and record["uri"] == uri
    assert json.loads(record["body"]["text"])["body"] == '{"a": "ü"}'
    assert [r["id"] for r in editor.records] == [record["id"]], "one notification per send"


async def test_a_signed_send_reads_the_token_from_the_editor(
    client: EditorClient, editor: Editor, workspace_sandbox: RunningSandbox
) -> None:
    editor.authorize(client.folder.as_uri())
    text = f"# @oauth1 sandbox\nGET {workspace_sandbox.url}/1.1/account/verify_credentials.json\n"
    record = await sent_record(client, client.open_http("signed.http", text), 1)
    assert record["status"] == 200 and record["oauth"]["provider"] == "sandbox"


async def test_a_cancelled_send_answers_cancelled_and_the_server_goes_on(
    client: EditorClient, bed: RunningBed
) -> None:
    uri = client.open_http("cancel.http", f"GET {bed.url}/stall\n\n###\nGET {bed.url}/echo\n")
    params = types.ExecuteCommandParams(command=methods.SEND, arguments=[{"uri": uri, "line": 0}])
    pending = client.lsp.protocol.send_request(
        types.WORKSPACE_EXECUTE_COMMAND, params, msg_id="cancel-me"
    )
    await asyncio.sleep(0.3)
    client.lsp.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id="cancel-me"))
    with pytest.raises(Exception, match=r"(?i)cancel"):
        await asyncio.wait_for(asyncio.wrap_future(pending), timeout=10)
    assert (await sent_record(client, uri, 3))["status"] == 200


async def test_sends_and_edits_leave_no_pending_requests_behind(
    client: EditorClient, bed: RunningBed
) -> None:
    sent = client.open_http("sent.http", f"GET {bed.url}/echo\n")
    edited = client.open_http("typed.http", "GET http://127.0.0.1/\n")
    await sent_record(client, sent, 0)
    await client.lenses(edited)
    before = await debug_stats(client)
    for version in range(2, 22):
        await sent_record(client, sent, 0)
        client.change(edited, version, 0, "# typed\n")
        assert len(await client.lenses(edited)) == 1
    after = await debug_stats(client)
    for table in ("requestFutures", "resultTypes", "progressTokens", "tasks"):
        assert after[table] <= before[table], (table, before, after)


async def test_shutdown_with_a_send_in_flight_answers_and_exit_ends_the_server(
    client: EditorClient, bed: RunningBed
) -> None:
    uri = client.open_http("stalled.http", f"GET {bed.url}/stall\n")
    params = types.ExecuteCommandParams(command=methods.SEND, arguments=[{"uri": uri, "line": 0}])
    in_flight = asyncio.wrap_future(
        client.lsp.protocol.send_request(types.WORKSPACE_EXECUTE_COMMAND, params)
    )
    await asyncio.sleep(0.3)
    assert await client.lsp.shutdown_async(None) is None  # type: ignore[func-returns-value]  # pygls types the answer None; the test checks it is
    with pytest.raises(Exception, match=r"(?i)cancel"):
        await asyncio.wait_for(in_flight, timeout=10)
    client.exit()
    server = client.lsp._server
    assert server is not None
    assert await asyncio.wait_for(server.wait(), timeout=10) == 0


@pytest.mark.parametrize("server_options", [PLAIN], ids=["no switches"])
async def test_without_the_debug_switch_there_is_no_debug_method(client: EditorClient) -> None:
    with pytest.raises(Exception, match=r"(?i)method not found|unknown method"):
        await debug_stats(client)
