"""Workspace Trust through the real server over stdio: started in Restricted Mode
(`initializationOptions.workspaceTrusted: false`), the language features answer, the lenses say
what trusting would allow, and nothing is sent or authorized (the listener receives nothing);
after `oauthHttp/workspaceTrusted` a send goes out without a restart."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from lsprotocol import types
from oauth_http.lsp import methods

from tests.httpbed import RunningBed, start_httpbed
from tests.lsp.editor import Editor, EditorClient, ServerOptions, as_dict

RESTRICTED_SEND = (
    "This workspace is in Restricted Mode: trust it to send requests (Manage Workspace Trust)."
)
RESTRICTED_AUTHORIZE = (
    "This workspace is in Restricted Mode: trust it to authorize providers "
    "(Manage Workspace Trust)."
)


@pytest.fixture
def listener() -> Iterator[RunningBed]:
    """The other side: where the requests, and the sandbox preset's token URLs, point."""
    with start_httpbed() as running:
        yield running


@pytest.fixture
def workspace(tmp_path: Path, listener: RunningBed) -> Path:
    auth = {
        "sandbox": {
            "Request Token URL": f"{listener.url}/oauth/request_token",
            "Authorize URL": f"{listener.url}/oauth/authorize",
            "Access Token URL": f"{listener.url}/oauth/access_token",
        }
    }
    env = {"$shared": {"Security": {"Auth": auth}}, "dev": {"echoUrl": f"{listener.url}/echo"}}
    (tmp_path / "http-client.env.json").write_text(json.dumps(env), encoding="utf-8")
    return tmp_path


@pytest.fixture
def server_options() -> ServerOptions:
    return ServerOptions(settings={"environment": "dev"}, workspace_trusted=False)


def document_text(listener: RunningBed) -> str:
    return (
        "### Plain\n"  # 0
        "# @name plain\n"  # 1
        "GET {{echoUrl}}?q=1\n"  # 2
        "\n"  # 3
        "### Signed\n"  # 4
        "# @oauth1 sandbox\n"  # 5
        f"POST {listener.url}/echo\n"  # 6
        "Content-Type: application/json\n"  # 7
        "\n"  # 8
        '{"x": 1}\n'  # 9
        "\n"  # 10
        "### Broken\n"  # 11
        "GET {{echoUrl}}/{{undefinedThing}}\n"  # 12
    )


def at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


async def resolved_titles(client: EditorClient, uri: str) -> list[tuple[int, str, str]]:
    lenses = await client.lenses(uri)
    resolved = [await client.lsp.code_lens_resolve_async(lens) for lens in lenses]
    return sorted(
        (lens.range.start.line, lens.command.title, lens.command.command)
        for lens in resolved
        if lens.command is not None
    )


async def test_language_features_answer_in_restricted_mode(
    client: EditorClient, listener: RunningBed
) -> None:
    uri = client.open_http("api.http", document_text(listener))
    document = types.TextDocumentIdentifier(uri=uri)
    diagnostics = await client.diagnostics(uri)
    assert any("undefinedThing" in d.message for d in diagnostics), diagnostics
    symbols = await client.lsp.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=document)
    )
    assert [symbol.name for symbol in symbols or []] == ["plain", "Signed", "Broken"]
    hover = await client.lsp.text_document_hover_async(
        types.HoverParams(text_document=document, position=at(2, 7))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert f"{listener.url}/echo" in hover.contents.value
    completion = await client.lsp.text_document_completion_async(
        types.CompletionParams(text_document=document, position=at(7, 0))
    )
    items = completion.items if isinstance(completion, types.CompletionList) else completion
    assert "Accept" in [item.label for item in items or []]
    assert listener.requests_seen == []


async def test_lenses_say_what_trusting_would_allow(
    client: EditorClient, editor: Editor, listener: RunningBed
) -> None:
    uri = client.open_http("api.http", document_text(listener))
    await client.lenses(uri)
    await asyncio.wait_for(editor.lens_refreshes.wait(), timeout=10)  # no token: Authorize too
    assert await resolved_titles(client, uri) == [
        (2, "Trust the workspace to send", "workbench.trust.manage"),
        (6, "Trust the workspace to authorize sandbox", "workbench.trust.manage"),
        (6, "Trust the workspace to send", "workbench.trust.manage"),
        (12, "Trust the workspace to send", "workbench.trust.manage"),
    ]


async def test_send_send_all_and_copy_are_refused_and_nothing_goes_out(
    client: EditorClient, editor: Editor, listener: RunningBed
) -> None:
    editor.authorize(client.folder.as_uri())  # a stored token that must not be used
    editor.choices = ["Authorize", "Authorize"]  # would be clicked if asked
    uri = client.open_http("api.http", document_text(listener))
    assert await client.send_answer(uri, line=2) == {"status": "failed", "message": RESTRICTED_SEND}
    assert await client.send_answer(uri, line=6) == {"status": "failed", "message": RESTRICTED_SEND}
    send_all = as_dict(await client.execute(methods.SEND_ALL, {"uri": uri}))
    assert send_all == {"status": "failed", "message": RESTRICTED_SEND}
    curl = as_dict(await client.execute(methods.CURL_REQUEST, {"uri": uri, "line": 6}))
    assert curl["error"].startswith("This workspace is in Restricted Mode: trust it to")
    assert "method" not in curl and "headers" not in curl

    assert listener.requests_seen == []
    assert editor.records == [] and editor.offered == [] and editor.asked == []
    assert editor.messages(types.MessageType.Warning) == [RESTRICTED_SEND] * 3


async def test_authorize_is_refused_before_any_question(
    client: EditorClient, editor: Editor, listener: RunningBed
) -> None:
    uri = client.open_http("api.http", document_text(listener))
    for arguments in ({"uri": uri, "provider": "sandbox"}, {"uri": uri}):
        answer = as_dict(await client.execute(methods.AUTHORIZE, arguments))
        assert answer == {"status": "failed", "message": RESTRICTED_AUTHORIZE}
    assert listener.requests_seen == []
    assert editor.asked == [] and editor.picked_from == [] and editor.vault == {}
    assert client.lsp.shown_documents == []
    assert editor.messages(types.MessageType.Warning) == [RESTRICTED_AUTHORIZE] * 2


async def test_after_the_trust_notification_the_lenses_refresh_and_a_send_goes_out(
    client: EditorClient, editor: Editor, listener: RunningBed
) -> None:
    editor.authorize(client.folder.as_uri())
    uri = client.open_http("api.http", document_text(listener))
    assert await client.send_answer(uri, line=2) == {"status": "failed", "message": RESTRICTED_SEND}
    assert listener.requests_seen == []
    await client.lenses(uri)

    editor.lens_refreshes.clear()
    client.lsp.protocol.notify(methods.WORKSPACE_TRUSTED, None)
    await asyncio.wait_for(editor.lens_refreshes.wait(), timeout=10)
    assert await resolved_titles(client, uri) == [
        (2, "Send request", methods.SEND),
        (6, "Send request", methods.SEND),
        (12, "Send request", methods.SEND),
    ]
    record = await client.send(uri, line=2)
    assert record["status"] == 200, record
    assert [(seen.method, seen.path) for seen in listener.requests_seen] == [("GET", "/echo")]
    signed = await client.send(uri, line=6)
    assert signed["status"] == 200 and signed["oauth"]["provider"] == "sandbox", signed["error"]
    assert "authorization" in {name.lower() for name, _ in listener.requests_seen[-1].headers}


@pytest.mark.parametrize("server_options", [ServerOptions(workspace_trusted=True)], ids=["true"])
async def test_a_trusted_start_sends_at_once(client: EditorClient, listener: RunningBed) -> None:
    uri = client.open_http("plain.http", f"GET {listener.url}/echo\n")
    record = await client.send(uri, line=0)
    assert record["status"] == 200 and len(listener.requests_seen) == 1
