"""Through the real language server: a provider's credentials stay on the provider's origins,
against an attacker's listener of the test's own (a second httpbed on 127.0.0.1). A signed
request or a redirect of one to a foreign origin, PLAINTEXT without TLS, an env file pointing a
preset's token URLs at the attacker (shown, and refused when the user does not agree), an https
preset URL downgraded to http (refused without asking): each test asserts what the listener
received and what the user saw. Legitimate use keeps working: the sandbox preset on its own
origin (the `workspace` fixture's env file redefines it; the editor agrees once), an origin the
user allowed with the refusal's button (kept in SecretStorage), a redirect that stays on the
origin, and a definition that changes asks again.

`http://0.0.0.0:PORT` reaches a listener on 127.0.0.1 but is not a loopback address: it plays a
host on the network without leaving the machine.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from oauth_http.lsp import methods
from oauth_http.oauth.secret_keys import allowed_origins_name
from oauth_http.sandbox.server import RunningSandbox

from tests.httpbed import RunningBed, start_httpbed
from tests.lsp.editor import Editor, EditorClient


@pytest.fixture
def attacker() -> Iterator[RunningBed]:
    with start_httpbed() as listener:
        yield listener


def folder_uri(client: EditorClient) -> str:
    return client.folder.as_uri()


def write_env(client: EditorClient, auth: dict[str, dict[str, str]]) -> None:
    env = {"$shared": {"Security": {"Auth": auth}}, "dev": {}}
    (client.folder / "http-client.env.json").write_text(json.dumps(env), encoding="utf-8")


def sandbox_entry(base: str, **more: str) -> dict[str, str]:
    return {
        "Request Token URL": f"{base}/oauth/request_token",
        "Authorize URL": f"{base}/oauth/authorize",
        "Access Token URL": f"{base}/oauth/access_token",
        **more,
    }


async def signed_send(client: EditorClient, url: str, name: str = "api.http") -> dict[str, Any]:
    uri = client.open_http(name, f"# @oauth1 sandbox\nGET {url}\n")
    return await client.send(uri, line=1)


async def offered(editor: Editor, count: int) -> list[str]:
    """The message requests shown so far, once there are `count` (the refusal's offer comes
    right after the record)."""
    for _ in range(200):
        if len(editor.offered) >= count:
            return editor.offered
        await asyncio.sleep(0.025)
    raise AssertionError(f"fewer than {count} messages were offered: {editor.offered}")


async def test_a_foreign_origin_with_hmac_is_neither_signed_nor_sent(
    client: EditorClient, editor: Editor, attacker: RunningBed
) -> None:
    editor.authorize(folder_uri(client))
    record = await signed_send(client, f"{attacker.url}/echo?steal=1")
    assert attacker.requests_seen == []
    error = record["error"]
    assert record["status"] is None and error["kind"] == "foreign_origin"
    assert f"Not sent: {attacker.url} is not an origin of sandbox" in error["message"]
    assert f'"Allow {attacker.url} for sandbox"' in error["hint"]
    assert record["oauth"] is None
    (message,) = await offered(editor, 1)
    assert message == error["message"]


async def test_a_plaintext_override_sends_nothing_to_a_foreign_origin(
    client: EditorClient,
    editor: Editor,
    attacker: RunningBed,
    workspace_sandbox: RunningSandbox,
) -> None:
    write_env(
        client,
        {"sandbox": sandbox_entry(workspace_sandbox.url, **{"Signature Method": "PLAINTEXT"})},
    )
    editor.authorize(folder_uri(client))
    record = await signed_send(client, f"{attacker.url}/echo")
    assert attacker.requests_seen == []
    assert record["error"]["kind"] == "foreign_origin"
    (shown,) = editor.confirmations
    assert "Signature Method: HMAC-SHA1 → PLAINTEXT" in shown


async def test_plaintext_without_tls_is_not_sent_even_to_an_allowed_origin(
    client: EditorClient,
    editor: Editor,
    attacker: RunningBed,
    workspace_sandbox: RunningSandbox,
) -> None:
    write_env(
        client,
        {"sandbox": sandbox_entry(workspace_sandbox.url, **{"Signature Method": "PLAINTEXT"})},
    )
    network = f"http://0.0.0.0:{attacker.port}"
    editor.authorize(folder_uri(client))
    editor.vault[allowed_origins_name(folder_uri(client), "sandbox")] = json.dumps([network])
    record = await signed_send(client, f"{network}/echo")
    assert attacker.requests_seen == []
    assert record["error"]["kind"] == "plaintext_without_tls"
    assert "RFC 5849 section 3.4.4" in record["error"]["message"]


async def test_token_urls_pointed_at_the_attacker_are_shown_and_refused_unless_agreed(
    client: EditorClient, editor: Editor, attacker: RunningBed
) -> None:
    write_env(client, {"twitter": sandbox_entry(attacker.url)})
    editor.confirm_overrides = False
    result = await client.execute(methods.AUTHORIZE, {"provider": "twitter"})
    assert result["status"] == "failed" and "was not agreed to" in result["message"]
    assert attacker.requests_seen == []
    assert editor.asked == []  # no consumer key or secret was asked for
    (shown,) = editor.confirmations
    assert (
        f"Request Token URL: https://api.x.com/oauth/request_token → {attacker.url}"
        "/oauth/request_token" in shown
    )
    assert "Access Token URL: https://api.x.com/oauth/access_token → " in shown
    assert result["message"] in editor.messages(types.MessageType.Error)


async def test_agreeing_names_the_host_in_the_consumer_prompts(
    client: EditorClient, editor: Editor, attacker: RunningBed
) -> None:
    write_env(client, {"twitter": sandbox_entry(attacker.url)})
    editor.consumer_secret = None  # cancels at the secret's prompt
    result = await client.execute(methods.AUTHORIZE, {"provider": "twitter"})
    assert result["status"] == "cancelled"
    key_prompt, secret_prompt = editor.asked
    for prompt in (key_prompt, secret_prompt):
        assert f"X (Twitter); this workspace sends it to {attacker.url}" in prompt["prompt"]
    assert attacker.requests_seen == []


async def test_an_https_preset_url_downgraded_to_http_is_refused_without_asking(
    client: EditorClient, editor: Editor, attacker: RunningBed
) -> None:
    write_env(client, {"twitter": sandbox_entry(f"http://0.0.0.0:{attacker.port}")})
    result = await client.execute(methods.AUTHORIZE, {"provider": "twitter"})
    assert result["status"] == "failed" and "It was refused" in result["message"]
    assert "from https://api.x.com/oauth/request_token into the plain http" in result["message"]
    assert editor.confirmations == [] and editor.asked == []
    assert attacker.requests_seen == []


async def test_allowing_an_origin_from_the_refusal_makes_the_next_send_work(
    client: EditorClient, editor: Editor, bed: RunningBed
) -> None:
    editor.authorize(folder_uri(client))
    editor.choices = [f"Allow {bed.url} for sandbox"]
    uri = client.open_http("api.http", f"# @oauth1 sandbox\nGET {bed.url}/echo?allowed=1\n")
    for _ in range(200):  # the warning is there before the send
        if any(d.code == "foreign-origin" for d in await client.diagnostics(uri)):
            break
        await asyncio.sleep(0.025)
    seen = len(bed.requests_seen)
    refused = await client.send(uri, line=1)
    assert refused["error"]["kind"] == "foreign_origin" and len(bed.requests_seen) == seen
    key = allowed_origins_name(folder_uri(client), "sandbox")
    for _ in range(200):
        if key in editor.vault:
            break
        await asyncio.sleep(0.025)
    assert json.loads(editor.vault[key]) == [bed.url]
    assert not any(bed.url in path.read_text() for path in client.folder.glob("*.json"))
    for _ in range(200):  # the request line's warning goes once the origin is allowed
        if not any(d.code == "foreign-origin" for d in await client.diagnostics(uri)):
            break
        await asyncio.sleep(0.025)
    assert not any(d.code == "foreign-origin" for d in await client.diagnostics(uri))
    record = await signed_send(client, f"{bed.url}/echo?allowed=1")
    assert record["status"] == 200, record["error"]
    sent = bed.requests_seen[-1]
    assert sent.query == [("allowed", "1")]
    assert "oauth_signature=" in dict(sent.headers)["Authorization"]


async def test_a_redirect_of_a_signed_request_to_a_foreign_origin_is_not_sent(
    client: EditorClient, editor: Editor, bed: RunningBed, attacker: RunningBed
) -> None:
    editor.authorize(folder_uri(client))
    editor.vault[allowed_origins_name(folder_uri(client), "sandbox")] = json.dumps([bed.url])
    record = await signed_send(client, f"{bed.url}/redirect?to={attacker.url}/echo")
    assert attacker.requests_seen == []
    assert record["status"] == 302 and record["error"]["kind"] == "foreign_redirect"
    assert f"The redirect to {attacker.url} was not followed" in record["error"]["message"]
    assert record["redirects"] == []
    (message,) = await offered(editor, 1)
    assert attacker.url in message


async def test_a_redirect_that_stays_on_the_origin_is_followed_and_signed(
    client: EditorClient, editor: Editor, bed: RunningBed
) -> None:
    editor.authorize(folder_uri(client))
    editor.vault[allowed_origins_name(folder_uri(client), "sandbox")] = json.dumps([bed.url])
    record = await signed_send(client, f"{bed.url}/redirect?to=/echo")
    assert record["status"] == 200 and record["error"] is None
    assert record["redirects"] == [f"{bed.url}/echo"]
    assert "oauth_signature=" in dict(bed.requests_seen[-1].headers)["Authorization"]


async def test_the_sandbox_preset_on_its_origin_is_agreed_once_and_asked_again_on_change(
    client: EditorClient, editor: Editor, workspace_sandbox: RunningSandbox
) -> None:
    editor.authorize(folder_uri(client))
    url = f"{workspace_sandbox.url}/1.1/account/verify_credentials.json"
    first = await signed_send(client, url)
    assert first["status"] == 200, first["error"]
    second = await signed_send(client, url)
    assert second["status"] == 200
    assert len(editor.confirmations) == 1
    assert "Sandbox (local) (sandbox)" in editor.confirmations[0]

    write_env(
        client,
        {"sandbox": sandbox_entry(workspace_sandbox.url, **{"Signature Placement": "query"})},
    )
    editor.confirm_overrides = False
    refused = await signed_send(client, url)
    assert refused["error"]["kind"] == "definition_refused"
    assert len(editor.confirmations) == 2
    assert "Signature Placement: header → query" in editor.confirmations[1]


async def test_a_diagnostic_marks_a_signed_request_to_a_foreign_origin(
    client: EditorClient, attacker: RunningBed, workspace_sandbox: RunningSandbox
) -> None:
    uri = client.open_http(
        "marks.http",
        f"# @oauth1 sandbox\n###\nGET {attacker.url}/a\n\n###\nGET {workspace_sandbox.url}/b\n",
    )
    diagnostics = await client.diagnostics(uri)
    foreign = [d for d in diagnostics if d.code == "foreign-origin"]
    assert [d.range.start.line for d in foreign] == [2]
    assert f"{attacker.url} is not an origin of sandbox" in foreign[0].message


async def test_the_answer_is_kept_in_secret_storage_not_in_workspace_files(
    client: EditorClient, editor: Editor, workspace_sandbox: RunningSandbox
) -> None:
    editor.authorize(folder_uri(client))
    url = f"{workspace_sandbox.url}/1.1/account/verify_credentials.json"
    assert (await signed_send(client, url))["status"] == 200
    definition = f"oauthHttp:{folder_uri(client)}:sandbox:definition"
    assert "fingerprint" in json.loads(editor.vault[definition])
    files = [path.read_text() for path in Path(client.folder).glob("*.json")]
    assert not any("fingerprint" in text for text in files)
