"""`oauthHttp.curlRequest` through the real server over stdio: the request at a line, prepared and
signed as a send would, unmasked and not sent; the sandbox on 127.0.0.1 checks the signature."""

from __future__ import annotations

import asyncio
import base64
import json
from pathlib import Path
from typing import Any

import requests
from oauth_http.lsp import methods
from oauth_http.sandbox.accounts import (
    SANDBOX_ACCESS_TOKEN,
    SANDBOX_CONSUMER_SECRET,
    SANDBOX_SCREEN_NAME,
)
from oauth_http.sandbox.server import RunningSandbox

from tests.lsp.editor import Editor, EditorClient, as_dict, headers_of


async def curl_request(client: EditorClient, uri: str, line: int) -> dict[str, Any]:
    return as_dict(await client.execute(methods.CURL_REQUEST, {"uri": uri, "line": line}))


def run(answer: dict[str, Any]) -> requests.Response:
    """Send the answer as the pasted cURL command would: these headers, this body, nothing else."""
    body = answer["bodyText"].encode() if answer["bodyText"] is not None else None
    with requests.Session() as session:
        prepared = requests.Request(answer["method"], answer["url"], data=body).prepare()
        prepared.headers.clear()
        prepared.headers.update(dict(answer["headers"]))
        if body is not None:
            prepared.headers["Content-Length"] = str(len(body))
        return session.send(prepared, timeout=10)


async def test_signed_request_holds_the_real_token_and_a_signature_the_sandbox_accepts(
    client: EditorClient,
    editor: Editor,
    workspace: Path,
    workspace_sandbox: RunningSandbox,
) -> None:
    editor.authorize(workspace.as_uri())
    url = f"{workspace_sandbox.url}/1.1/account/verify_credentials.json"
    uri = client.open_http("signed.http", f"# @oauth1 sandbox\nGET {url}\n")
    answer = await curl_request(client, uri, 1)
    assert set(answer) == {"method", "url", "headers", "bodyText", "bodyBase64"}, answer
    assert answer["method"] == "GET" and answer["url"] == url
    assert answer["bodyText"] is None and answer["bodyBase64"] is None
    authorization = headers_of(answer["headers"])["authorization"]
    assert f'oauth_token="{SANDBOX_ACCESS_TOKEN}"' in authorization
    signature = authorization.split('oauth_signature="')[1].split('"')[0]
    assert len(signature) > 20 and "*" not in signature
    assert SANDBOX_CONSUMER_SECRET not in json.dumps(answer)

    first = await asyncio.to_thread(run, answer)
    assert first.status_code == 200, first.text
    assert first.json()["screen_name"] == SANDBOX_SCREEN_NAME
    again = await asyncio.to_thread(run, answer)
    assert again.status_code == 401 and "nonce_used" in again.text, "the nonce was fresh"
    fresh = await curl_request(client, uri, 1)
    assert (await asyncio.to_thread(run, fresh)).status_code == 200, "each call signs anew"


async def test_prompted_form_post_is_signed_with_its_body_and_accepted(
    client: EditorClient,
    editor: Editor,
    workspace: Path,
    workspace_sandbox: RunningSandbox,
) -> None:
    editor.authorize(workspace.as_uri())
    editor.answers["Value for status"] = "Hello from cURL!"
    text = (
        "# @oauth1 sandbox\n\n"
        "### post\n# @prompt status What to post\n"
        f"POST {workspace_sandbox.url}/1.1/statuses/update.json\n"
        "Content-Type: application/x-www-form-urlencoded\n\n"
        "status={{status}}\n"
    )
    uri = client.open_http("post.http", text)
    answer = await curl_request(client, uri, 4)
    assert [asked["title"] for asked in editor.asked] == ["Value for status"]
    assert answer["method"] == "POST"
    assert answer["bodyText"] == "status=Hello%20from%20cURL%21" and answer["bodyBase64"] is None
    posted = await asyncio.to_thread(run, answer)
    assert posted.status_code == 200, posted.text
    assert posted.json()["text"] == "Hello from cURL!"


async def test_unauthorized_provider_gives_an_error_and_asks_nothing(
    client: EditorClient,
    editor: Editor,
    workspace: Path,
    workspace_sandbox: RunningSandbox,
) -> None:
    url = f"{workspace_sandbox.url}/1.1/account/verify_credentials.json"
    uri = client.open_http("unauthorized.http", f"# @oauth1 sandbox\nGET {url}\n")
    answer = await curl_request(client, uri, 1)
    assert set(answer) == {"error"}
    assert "not authorized" in answer["error"] and "Authorize" in answer["error"]
    assert editor.asked == [] and client.lsp.shown_documents == []


async def test_plain_request_comes_back_resolved_and_unsigned(
    client: EditorClient, workspace: Path, workspace_sandbox: RunningSandbox
) -> None:
    text = f"@base = {workspace_sandbox.url}\n\nGET {{{{base}}}}/?x=1\nX-Trace: t1\n"
    uri = client.open_http("plain.http", text)
    answer = await curl_request(client, uri, 2)
    assert answer["url"] == f"{workspace_sandbox.url}/?x=1"
    headers = headers_of(answer["headers"])
    assert "authorization" not in headers
    assert headers["x-trace"] == "t1" and headers["user-agent"].startswith("oauth-http/")
    page = await asyncio.to_thread(run, answer)
    assert page.status_code == 200 and "<html" in page.text.lower()


async def test_binary_body_comes_back_as_base64(
    client: EditorClient, workspace: Path, workspace_sandbox: RunningSandbox
) -> None:
    data = b"\x00\x01\xfe\xff binary"
    (workspace / "blob.bin").write_bytes(data)
    text = (
        f"POST {workspace_sandbox.url}/1.1/echo\n"
        "Content-Type: application/octet-stream\n\n< ./blob.bin\n"
    )
    uri = client.open_http("binary.http", text)
    answer = await curl_request(client, uri, 0)
    assert answer["bodyText"] is None
    assert base64.b64decode(answer["bodyBase64"]) == data


async def test_what_stops_a_send_is_the_error(
    client: EditorClient,
    editor: Editor,
    workspace: Path,
    workspace_sandbox: RunningSandbox,
) -> None:
    text = (
        f"GET {workspace_sandbox.url}/1.1/echo?q={{{{missing}}}}\n\n"
        f"###\nPOST {workspace_sandbox.url}/1.1/echo\n\n< ./nowhere.json\n\n"
        f"###\n# @prompt who\nGET {workspace_sandbox.url}/?who={{{{who}}}}\n"
    )
    editor.answers["Value for who"] = None  # the prompt is cancelled
    uri = client.open_http("broken.http", text)
    unresolved = await curl_request(client, uri, 0)
    assert set(unresolved) == {"error"} and "{{missing}}" in unresolved["error"]
    missing = await curl_request(client, uri, 3)
    assert set(missing) == {"error"} and "nowhere.json" in missing["error"]
    cancelled = await curl_request(client, uri, 8)
    assert cancelled == {"error": "A prompt for the request was cancelled."}
    assert [asked["title"] for asked in editor.asked] == ["Value for who"]
    outside = await curl_request(client, uri, 99)
    assert "no request at line 100" in outside["error"]


async def test_a_body_starting_with_at_is_text_not_a_file_to_read(
    client: EditorClient, workspace: Path, workspace_sandbox: RunningSandbox
) -> None:
    text = f"POST {workspace_sandbox.url}/1.1/echo\nContent-Type: text/plain\n\n@/etc/passwd\n"
    uri = client.open_http("at.http", text)
    answer = await curl_request(client, uri, 0)
    assert answer["bodyText"] == "@/etc/passwd" and answer["bodyBase64"] is None
    assert "root:" not in json.dumps(answer)
