"""`oauthHttp.send` and `oauthHttp.sendAll` through the real server over stdio, against the sandbox
provider and the httpbed test server on 127.0.0.1, with conftest's `client` and `editor`."""

from __future__ import annotations

import asyncio
import json

from lsprotocol import types
from oauth_http.lsp import methods
from oauth_http.oauth.secret_keys import (
    StoredToken,
    encode_token,
    token_secret_name,
)
from oauth_http.sandbox.accounts import (
    SANDBOX_ACCESS_TOKEN,
    SANDBOX_ACCESS_TOKEN_SECRET,
    SANDBOX_CONSUMER_SECRET,
    SANDBOX_SCREEN_NAME,
)
from oauth_http.sandbox.server import RunningSandbox

from tests.httpbed import RunningBed, closed_port
from tests.lsp.editor import Editor, EditorClient, as_dict, headers_of


async def test_plain_send_fills_every_field_of_the_record(
    client: EditorClient, editor: Editor, bed: RunningBed
) -> None:
    text = f'### Echo it\nPOST {bed.url}/echo?x=1\nContent-Type: application/json\n\n{{"a": 1}}\n'
    uri = client.open_http("plain.http", text)
    record = as_dict(await client.send(uri, line=1))
    assert record["status"] == 200 and record["reason"] == "OK"
    assert record["httpVersion"] == "HTTP/1.1"
    assert record["error"] is None and record["oauth"] is None
    assert record["uri"] == uri and record["line"] == 1 and record["label"] == "Echo it"
    assert record["request"]["method"] == "POST"
    assert record["request"]["url"] == f"{bed.url}/echo?x=1"
    sent_headers = headers_of(record["request"]["headers"])
    assert sent_headers["content-type"] == "application/json"
    assert sent_headers["user-agent"].startswith("oauth-http/")
    assert record["request"]["body"]["text"] == '{"a": 1}'
    assert headers_of(record["headers"])["content-type"].startswith("application/json")
    body = record["body"]
    assert body["contentType"].startswith("application/json") and body["base64"] is None
    assert json.loads(body["text"])["body"] == '{"a": 1}'
    assert body["size"] == len(body["text"].encode()) and body["truncated"] is False
    assert record["timing"]["total"] > 0 and record["timing"]["headers"] is not None
    assert record["redirects"] == [] and record["startedAt"]
    assert editor.records == [record]

    answer = await client.send_answer(uri, line=1)
    assert answer == {"status": "sent", "recordId": editor.records[-1]["id"]}
    assert "body" not in answer, "the body travels once, in the notification"


async def test_signed_send_masks_secrets_and_shows_the_base_string(
    client: EditorClient, editor: Editor, workspace_sandbox: RunningSandbox
) -> None:
    editor.authorize(client.folder.as_uri())
    text = (
        "# @oauth1 sandbox\n"
        f"GET {workspace_sandbox.url}/1.1/account/verify_credentials.json\n"
        "Accept: application/json\n"
    )
    uri = client.open_http("signed.http", text)
    record = as_dict(await client.send(uri, line=1))
    assert record["status"] == 200, record["error"]
    assert json.loads(record["body"]["text"])["screen_name"] == SANDBOX_SCREEN_NAME
    authorization = headers_of(record["request"]["headers"])["authorization"]
    assert authorization.startswith("OAuth ") and "oauth_signature_method" in authorization
    oauth = record["oauth"]
    assert oauth["provider"] == "sandbox" and oauth["signatureMethod"] == "HMAC-SHA1"
    assert oauth["baseString"].startswith("GET&http%3A%2F%2F127.0.0.1%3A")
    serialized = json.dumps(record)
    for secret in (SANDBOX_CONSUMER_SECRET, SANDBOX_ACCESS_TOKEN_SECRET, SANDBOX_ACCESS_TOKEN):
        assert secret not in serialized
    signature = authorization.split('oauth_signature="')[1].split('"')[0]
    assert signature == "••••"


async def test_signed_form_post_is_accepted(
    client: EditorClient, editor: Editor, workspace_sandbox: RunningSandbox
) -> None:
    editor.authorize(client.folder.as_uri())
    api = f"{workspace_sandbox.url}/1.1"
    text = (
        "# @oauth1 sandbox\n\n"
        f"### post\nPOST {api}/statuses/update.json\n"
        "Content-Type: application/x-www-form-urlencoded\n\n"
        "status=Hello from the tests, with ünïcode!\n\n"
        f"### timeline\nGET {api}/statuses/home_timeline.json\n"
    )
    uri = client.open_http("post.http", text)
    posted = as_dict(await client.send(uri, line=3))
    assert posted["status"] == 200, posted["error"]
    assert json.loads(posted["body"]["text"])["text"] == "Hello from the tests, with ünïcode!"
    timeline = as_dict(await client.send(uri, line=8))
    assert "Hello from the tests, with ünïcode!" in timeline["body"]["text"]


async def test_connection_refused_then_the_next_request_works(
    client: EditorClient, bed: RunningBed
) -> None:
    port = closed_port()
    text = f"GET http://127.0.0.1:{port}/nothing\n\n###\nGET {bed.url}/echo\n"
    uri = client.open_http("refused.http", text)
    failed = as_dict(await client.send(uri, line=0))
    assert failed["status"] is None
    assert failed["error"]["kind"] == "connection_refused"
    assert str(port) in failed["error"]["message"] and failed["error"]["hint"]
    worked = as_dict(await client.send(uri, line=3))
    assert worked["status"] == 200


async def test_not_authorized_offers_to_authorize_then_sends(
    client: EditorClient, editor: Editor, workspace_sandbox: RunningSandbox
) -> None:
    text = f"# @oauth1 sandbox\nGET {workspace_sandbox.url}/1.1/account/verify_credentials.json\n"
    uri = client.open_http("unauthorized.http", text)
    editor.choices = ["Authorize"]
    record = as_dict(await client.send(uri, line=1))
    assert any("not authorized" in message for message in editor.offered)
    assert record["status"] == 200, record["error"]
    assert any(key.endswith(":sandbox:token") for key in editor.vault)


async def test_declining_to_authorize_gives_a_not_authorized_record(
    client: EditorClient, editor: Editor, workspace_sandbox: RunningSandbox
) -> None:
    text = f"# @oauth1 sandbox\nGET {workspace_sandbox.url}/1.1/account/verify_credentials.json\n"
    uri = client.open_http("declined.http", text)
    editor.choices = ["Cancel"]
    record = as_dict(await client.send(uri, line=1))
    assert record["status"] is None and record["error"]["kind"] == "not_authorized"


async def test_rejected_token_offers_to_authorize_again(
    client: EditorClient, editor: Editor, workspace_sandbox: RunningSandbox
) -> None:
    folder = client.folder.as_uri()
    editor.authorize(folder)
    editor.vault[token_secret_name(folder, "sandbox")] = encode_token(
        StoredToken("revoked-token", "revoked-secret")
    )
    text = f"# @oauth1 sandbox\nGET {workspace_sandbox.url}/1.1/account/verify_credentials.json\n"
    uri = client.open_http("revoked.http", text)
    record = as_dict(await client.send(uri, line=1))
    assert record["status"] == 401
    assert record["error"]["kind"] == "oauth_problem"
    assert "token_rejected" in record["error"]["message"]
    for _ in range(50):
        if any("Authorize again" in m or "no longer accepts" in m for m in editor.offered):
            break
        await asyncio.sleep(0.02)
    assert any("no longer accepts" in message for message in editor.offered)


async def test_chaining_and_the_offer_to_send_the_dependency_first(
    client: EditorClient, editor: Editor, bed: RunningBed
) -> None:
    text = (
        f"### first\n# @name first\nGET {bed.url}/json\n\n"
        f"### second\nGET {bed.url}/echo?got={{{{first.response.body.$.user.name}}}}"
        "&type={{first.response.headers.Content-Type}}\n"
    )
    uri = client.open_http("chain.http", text)
    editor.choices = ["Send 'first' first"]
    record = as_dict(await client.send(uri, line=5))
    assert any("'first'" in message for message in editor.offered)
    assert record["status"] == 200, record["error"]
    query = dict(json.loads(record["body"]["text"])["query"])
    assert query["got"] == "Ada Lovelace"
    assert query["type"].startswith("application/json")
    for _ in range(50):
        if len(editor.records) == 2:
            break
        await asyncio.sleep(0.02)
    assert [r["label"] for r in editor.records] == ["first", "second"]


async def test_prompt_values_are_asked_and_used(
    client: EditorClient, editor: Editor, bed: RunningBed
) -> None:
    text = f"# @prompt city Which city?\nGET {bed.url}/echo?city={{{{%city}}}}\n"
    uri = client.open_http("prompt.http", text)
    editor.answers = {"Value for city": "São Paulo"}
    record = as_dict(await client.send(uri, line=1))
    assert record["request"]["url"].endswith("city=S%C3%A3o%20Paulo")
    assert any(asked["prompt"] == "Which city?" for asked in editor.asked)

    editor.answers = {"Value for city": None}
    cancelled = as_dict(await client.send(uri, line=1))
    assert cancelled == {"status": "cancelled"}


async def test_hover_answers_while_a_slow_request_is_in_flight(
    client: EditorClient, bed: RunningBed
) -> None:
    text = f"@v = 1\n\n# @timeout 2\nGET {bed.url}/stall?v={{{{v}}}}\n"
    uri = client.open_http("slow.http", text)
    sending = asyncio.ensure_future(client.send(uri, line=3))
    await asyncio.sleep(0.3)
    hover = await client.lsp.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=3, character=text.splitlines()[3].index("{{v}}") + 2),
        )
    )
    assert not sending.done(), "the hover came back while the request was still in flight"
    assert hover is not None
    record = as_dict(await sending)
    assert record["error"]["kind"] == "read_timeout"
    assert "@timeout" in record["error"]["message"] + record["error"]["hint"]


async def test_send_all_stops_at_the_first_failure(
    client: EditorClient, editor: Editor, bed: RunningBed
) -> None:
    text = (
        f"GET {bed.url}/echo?n=1\n\n###\nGET {bed.url}/status/500\n\n###\nGET {bed.url}/echo?n=3\n"
    )
    uri = client.open_http("all.http", text)
    result = await client.execute(methods.SEND_ALL, {"uri": uri})
    assert as_dict(result)["status"] == "stopped" and as_dict(result)["sent"] == 2
    for _ in range(50):
        if len(editor.records) >= 2:
            break
        await asyncio.sleep(0.02)
    assert [r["status"] for r in editor.records] == [200, 500]


async def test_a_missing_request_is_refused_with_a_message(client: EditorClient) -> None:
    uri = client.open_http("empty.http", "# nothing here\n")
    result = as_dict(await client.send(uri, line=0))
    assert result["status"] == "failed"
    assert "no request" in result["message"].lower()


async def test_cancel_from_the_progress_stops_the_send(
    client: EditorClient, bed: RunningBed
) -> None:
    uri = client.open_http("cancel.http", f"GET {bed.url}/stall\n")
    sending = asyncio.ensure_future(client.send(uri, line=0))
    token = None
    for _ in range(100):
        if client.lsp.progress_reports:
            token = next(iter(client.lsp.progress_reports))
            break
        await asyncio.sleep(0.05)
    assert token is not None, "a send that takes a while shows a progress"
    client.lsp.window_work_done_progress_cancel(types.WorkDoneProgressCancelParams(token=token))
    answer = as_dict(await asyncio.wait_for(sending, timeout=10))
    assert answer == {"status": "cancelled"}, "a cancelled send delivers no record"
