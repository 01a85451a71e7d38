"""Every preset's flow and signing through the real language server over stdio, against the
sandbox persona that plays its provider: "OAuth: Authorize provider" (the command the palette and
the CodeLens run), then "Send request", from nothing to a signed 200.

The test client plays the editor and the user: it types what a person types (the persona's
secret, tokens made on its page, a key's password, masked), approves in the persona's page at the
address the server opened, and for the Loopback flow follows the redirect back to the server's
listener as a browser would."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from oauth_http.lsp import methods
from oauth_http.oauth.flow_loopback import WAITING
from oauth_http.sandbox.browser import Landing, approve_and_follow
from oauth_http.sandbox.server import RunningSandbox

from tests.lsp.editor import Editor, EditorClient, plain
from tests.persona_workspace import (
    PRESETS_BY_FLOW,
    PROVIDERS_FILE,
    persona_workspace,
    typed_answers,
)


@pytest.fixture
def workspace(tmp_path: Path, workspace_sandbox: RunningSandbox) -> Path:
    return persona_workspace(tmp_path, workspace_sandbox.url)


async def run(client: EditorClient, command: str, argument: object) -> Any:
    return plain(await client.execute(command, argument))


def open_providers(client: EditorClient) -> str:
    return client.open(client.folder / PROVIDERS_FILE)


async def next_opened(client: EditorClient, seen: int) -> str:
    """The address the server opens in the browser after the `seen` ones before it."""
    for _ in range(400):
        if len(client.lsp.shown_documents) > seen:
            return client.lsp.shown_documents[seen].uri
        await asyncio.sleep(0.05)
    raise AssertionError("the server opened no authorize page")


async def sent(client: EditorClient, uri: str, name: str) -> dict[str, Any]:
    answer = await run(client, methods.SEND, {"uri": uri, "name": name})
    assert answer["status"] == "sent", answer
    record = client.record(answer["recordId"])
    assert record["status"] == 200, record["body"]
    body: dict[str, Any] = json.loads(record["body"]["text"])
    return body


async def authorize(
    client: EditorClient, editor: Editor, uri: str, preset: str, sandbox: RunningSandbox
) -> tuple[dict[str, Any], Landing | None]:
    editor.typed = list(typed_answers(preset, sandbox.url))
    seen = len(client.lsp.shown_documents)
    task = asyncio.ensure_future(run(client, methods.AUTHORIZE, {"uri": uri, "provider": preset}))
    landed = None
    if preset in PRESETS_BY_FLOW["Loopback"]:
        landed = await asyncio.to_thread(approve_and_follow, await next_opened(client, seen))
    outcome: dict[str, Any] = await task
    assert outcome["status"] == "authorized", outcome
    assert editor.typed == []
    return outcome, landed


async def test_loopback_and_pin_presets(
    client: EditorClient, editor: Editor, workspace_sandbox: RunningSandbox
) -> None:
    uri = open_providers(client)
    for preset in [*PRESETS_BY_FLOW["Loopback"], *PRESETS_BY_FLOW["PIN"]]:
        outcome, landed = await authorize(client, editor, uri, preset, workspace_sandbox)
        assert outcome["message"] == f"Authorized {preset} as sandbox_user"
        if landed is not None:
            assert landed.status == 200 and landed.title.startswith("Authorized ")
            assert landed.message is not None and "secret storage" in landed.message
        assert (await sent(client, uri, preset))["token"] == "access"
    messages = [
        getattr(report, "message", None)
        for reports in client.lsp.progress_reports.values()
        for report in reports
    ]
    assert WAITING in messages
    assert any("approve access at http://127.0.0.1:" in offer for offer in editor.offered)


async def test_paste_presets_ask_masked_and_sign(
    client: EditorClient, editor: Editor, workspace_sandbox: RunningSandbox
) -> None:
    uri = open_providers(client)
    for preset in PRESETS_BY_FLOW["Paste"]:
        before = len(editor.asked)
        outcome, _ = await authorize(client, editor, uri, preset, workspace_sandbox)
        assert outcome["message"] == f"Stored the access token for {preset}"
        asked = editor.asked[before:]
        assert all(prompt["masked"] for prompt in asked), asked
        body = await sent(client, uri, preset)
        assert body["token"] == "access"
    assert client.lsp.shown_documents == []
    stored = [key for key in editor.vault if key.endswith(":token")]
    assert len(stored) == len(PRESETS_BY_FLOW["Paste"])


async def test_consumer_only_presets_need_no_token_and_no_lens_after(
    client: EditorClient, editor: Editor, workspace_sandbox: RunningSandbox
) -> None:
    uri = open_providers(client)
    for preset in PRESETS_BY_FLOW["Consumer Only"]:
        outcome, _ = await authorize(client, editor, uri, preset, workspace_sandbox)
        assert outcome["message"].startswith(f"{preset} is ready")
        body = await sent(client, uri, preset)
        assert body["token"] is None
    assert not any(key.endswith(":token") for key in editor.vault)
    states = await run(client, methods.PROVIDERS, {"uri": uri, "onlyUsed": True})
    by_id = {state["id"]: state for state in states}
    for preset in PRESETS_BY_FLOW["Consumer Only"]:
        assert by_id[preset]["authorized"] is True and by_id[preset]["flow"] == "Consumer Only"
    titles = []
    for lens in await client.lenses(uri):
        resolved = await client.lsp.code_lens_resolve_async(lens)
        titles.append(resolved.command.title if resolved.command else "")
    for preset in PRESETS_BY_FLOW["Consumer Only"]:
        assert f"Authorize {preset}" not in titles
    assert "Authorize tumblr" in titles  # not authorized in this test


async def test_loopback_enter_the_code_instead(
    client: EditorClient, editor: Editor, workspace_sandbox: RunningSandbox
) -> None:
    uri = open_providers(client)
    editor.choices = ["Enter the code instead"]
    editor.typed = ["callback-secret"]
    # The code is then asked; the editor's `pin` approves at the address the server opened and
    # reads the verifier off the redirect without following it (a browser that cannot come back).
    outcome = await run(client, methods.AUTHORIZE, {"uri": uri, "provider": "tumblr"})
    assert outcome["status"] == "authorized", outcome
    code_prompt = editor.asked[-1]
    assert "oauth_verifier" in code_prompt["prompt"] and not code_prompt["masked"]
    assert (await sent(client, uri, "tumblr"))["token"] == "access"


async def test_loopback_cancelled_from_the_progress_stores_nothing(
    client: EditorClient, editor: Editor
) -> None:
    uri = open_providers(client)
    editor.typed = ["callback-secret"]
    task = asyncio.ensure_future(run(client, methods.AUTHORIZE, {"uri": uri, "provider": "tumblr"}))
    for _ in range(400):
        waiting = [
            token
            for token, reports in client.lsp.progress_reports.items()
            if any(getattr(report, "message", None) == WAITING for report in reports)
        ]
        if waiting:
            break
        await asyncio.sleep(0.05)
    else:
        raise AssertionError("no progress said it waits for the browser")
    client.lsp.window_work_done_progress_cancel(
        types.WorkDoneProgressCancelParams(token=waiting[0])
    )
    outcome = await task
    assert outcome["status"] == "cancelled" and "nothing was stored" in outcome["message"]
    assert not any(key.endswith(":tumblr:token") for key in editor.vault)


async def test_a_retired_api_is_a_diagnostic_that_says_where_it_went(
    client: EditorClient,
) -> None:
    text = "# @oauth1 xero\nGET https://api.xero.com/api.xro/2.0/Invoices\n"
    uri = client.open_http("xero.http", text)
    (problem,) = await client.diagnostics(uri)
    assert problem.severity == types.DiagnosticSeverity.Error
    assert "Xero no longer accepts OAuth 1.0a" in problem.message
    assert (problem.range.start.character, problem.range.end.character) == (10, 14)
