"""The PIN flow through the real language server over stdio, against a sandbox on 127.0.0.1.

The test client plays the editor: it answers the prompts, keeps secrets, and approves in the
sandbox's authorize page (over HTTP) at the address the server opened with window/showDocument.
"""

from __future__ import annotations

import json
from typing import Any

import requests
from lsprotocol import types
from oauth_http.lsp import methods
from oauth_http.oauth.presets import PRESETS
from oauth_http.sandbox.accounts import SANDBOX_CONSUMER_KEY, SANDBOX_CONSUMER_SECRET
from oauth_http.sandbox.browser import approve
from oauth_http.sandbox.server import RunningSandbox

from tests.lsp.editor import Editor, EditorClient
from tests.oauth1_reference import OAuth1


def stored(editor: Editor, kind: str) -> dict[str, Any] | None:
    found = [value for key, value in editor.vault.items() if key.endswith(f":sandbox:{kind}")]
    assert len(found) <= 1
    return json.loads(found[0]) if found else None


async def test_authorize_the_sandbox_end_to_end(
    client: EditorClient, editor: Editor, workspace_sandbox: RunningSandbox
) -> None:
    result = await client.execute(methods.AUTHORIZE, {"provider": "sandbox"})

    assert result == {"status": "authorized", "message": "Authorized sandbox as sandbox_user"}
    assert "Authorized sandbox as sandbox_user" in editor.messages(types.MessageType.Info)
    address = editor.authorize_address()
    assert address.startswith(f"{workspace_sandbox.url}/oauth/authorize?oauth_token=")
    assert any(address in message for message in editor.messages())
    key_prompt, secret_prompt, pin_prompt = editor.asked
    assert (key_prompt["value"], key_prompt["masked"]) == (SANDBOX_CONSUMER_KEY, False)
    assert secret_prompt["masked"] is True
    assert pin_prompt["masked"] is False

    assert stored(editor, "consumer") == {
        "key": SANDBOX_CONSUMER_KEY,
        "secret": SANDBOX_CONSUMER_SECRET,
    }
    token = stored(editor, "token")
    assert token is not None and token["screenName"] == "sandbox_user"
    assert all(workspace_key in key for key in editor.vault for workspace_key in ["oauthHttp:"])
    assert len(editor.changes) == 1
    assert client.lsp.progress_reports, "the network steps showed no progress"
    kinds = client.progress_kinds()
    assert kinds.count("begin") == kinds.count("end") == 2

    auth = OAuth1(SANDBOX_CONSUMER_KEY, SANDBOX_CONSUMER_SECRET, token["token"], token["secret"])
    answer = requests.get(
        f"{workspace_sandbox.url}/1.1/account/verify_credentials.json", auth=auth, timeout=10
    )
    assert answer.json()["screen_name"] == "sandbox_user"


async def test_without_a_provider_the_user_picks_one(client: EditorClient, editor: Editor) -> None:
    result = await client.execute(methods.AUTHORIZE)
    assert result["status"] == "authorized"
    (items,) = editor.picked_from
    by_id = {item["id"]: item for item in items}
    assert list(by_id)[:2] == ["twitter", "flickr"]
    assert by_id["sandbox"]["description"] == "not authorized"
    assert by_id["jira"]["description"] == "needs configuration"
    assert by_id["tumblr"]["description"] == "not authorized (Loopback)"
    assert by_id["netsuite"]["description"] == "needs configuration"  # no netsuiteAccountId
    assert by_id["xero"]["description"] == "moved to OAuth 2.0"
    assert list(by_id)[-4:] == ["etsy", "xero", "quickbooks", "yahoo"]

    editor.pick = lambda items: None
    assert (await client.execute(methods.AUTHORIZE))["status"] == "cancelled"
    by_id = {item["id"]: item for item in editor.picked_from[-1]}
    assert by_id["sandbox"]["description"] == "authorized as sandbox_user"


async def test_a_cancelled_prompt_stores_nothing(client: EditorClient, editor: Editor) -> None:
    editor.consumer_secret = None
    result = await client.execute(methods.AUTHORIZE, {"provider": "sandbox"})
    assert result["status"] == "cancelled"
    assert "nothing was stored" in result["message"]
    assert editor.vault == {}
    assert editor.changes == []


async def test_a_wrong_pin_fails_with_the_reason_and_stores_nothing(
    client: EditorClient, editor: Editor
) -> None:
    editor.pin = lambda url: "0000000" if approve(url) != "0000000" else "1111111"
    result = await client.execute(methods.AUTHORIZE, {"provider": "sandbox"})
    assert result["status"] == "failed"
    assert "verifier_invalid" in result["message"]
    assert "the PIN was wrong or expired; authorize again" in result["message"]
    assert result["message"] in editor.messages(types.MessageType.Error)
    assert editor.vault == {}


async def test_a_denied_authorization_stores_nothing(client: EditorClient, editor: Editor) -> None:
    denials: list[str] = []

    def deny(url: str) -> str:
        denials.append(approve(url, deny=True))
        return "1234567"

    editor.pin = deny
    result = await client.execute(methods.AUTHORIZE, {"provider": "sandbox"})
    assert denials == ["Access denied"] or "denied" in denials[0].lower()
    assert result["status"] == "failed"
    assert "authorize again" in result["message"]
    assert editor.vault == {}


async def test_an_unknown_consumer_key_says_to_check_it(
    client: EditorClient, editor: Editor
) -> None:
    editor.consumer_key = "nobody"
    result = await client.execute(methods.AUTHORIZE, {"provider": "sandbox"})
    assert result["status"] == "failed"
    assert "consumer_key_unknown" in result["message"]
    assert "check the consumer key" in result["message"]
    assert not client.lsp.shown_documents
    assert editor.vault == {}


async def test_a_stopped_sandbox_is_connection_refused(
    client: EditorClient, editor: Editor, workspace_sandbox: RunningSandbox
) -> None:
    workspace_sandbox.stop()
    result = await client.execute(methods.AUTHORIZE, {"provider": "sandbox"})
    assert result["status"] == "failed"
    assert "connection refused" in result["message"]
    assert f"127.0.0.1:{workspace_sandbox.port}" in result["message"]
    assert "oauth-http sandbox" in result["message"]
    assert editor.vault == {}


async def test_providers_before_and_after_and_sign_out(
    client: EditorClient, editor: Editor
) -> None:
    def states(answer: list[dict[str, Any]]) -> dict[str, tuple[bool, str]]:
        return {state["id"]: (state["authorized"], state["source"]) for state in answer}

    before = states(await client.execute(methods.PROVIDERS))
    assert before["sandbox"] == (False, "preset+environment")
    assert before["twitter"] == (False, "preset")
    assert len(before) == len(PRESETS)

    await client.execute(methods.AUTHORIZE, {"provider": "sandbox"})
    assert states(await client.execute(methods.PROVIDERS))["sandbox"] == (
        True,
        "preset+environment",
    )

    result = await client.execute(methods.SIGN_OUT, {"provider": "sandbox"})
    assert result["message"] == "Signed out of sandbox."
    assert stored(editor, "token") is None and stored(editor, "consumer") is not None
    assert states(await client.execute(methods.PROVIDERS))["sandbox"][0] is False
    assert len(editor.changes) == 2

    await client.execute(methods.SIGN_OUT, {"provider": "sandbox", "forgetConsumer": True})
    assert editor.vault == {}


async def test_sign_out_without_a_provider_offers_only_authorized_ones(
    client: EditorClient, editor: Editor
) -> None:
    await client.execute(methods.AUTHORIZE, {"provider": "sandbox"})
    result = await client.execute(methods.SIGN_OUT)
    assert [item["id"] for item in editor.picked_from[-1]] == ["sandbox"]
    assert result["message"] == "Signed out of sandbox."


async def test_a_provider_that_needs_configuration_says_what(
    client: EditorClient, editor: Editor
) -> None:
    result = await client.execute(methods.AUTHORIZE, {"provider": "jira"})
    assert result["status"] == "failed"
    assert "jiraBaseUrl" in result["message"]
    assert result["message"] in editor.messages(types.MessageType.Error)
    result = await client.execute(methods.AUTHORIZE, "twiter")
    assert 'Did you mean "twitter"?' in result["message"]
    assert editor.asked == []
