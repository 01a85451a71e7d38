"""Cancelling `oauthHttp.send` through the real server over stdio, checked on the test server's
side: the connection closes (or the request never arrives), no record comes afterwards, and no
body file is left. `$/cancelRequest` on the fast path; the progress's Cancel on both paths
(stock pygls, `OAUTH_HTTP_FAST_PATH=0`, cannot hand `$/cancelRequest` to the command).

Each test prints the time from the cancel to the connection closing; the only timed assertions
bound a hang (generous, so a slow machine fails nothing)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from oauth_http.lsp import methods

from tests.httpbed.gate import Gate
from tests.httpbed.hostile import HostileServer, Visit, start_hostile
from tests.httpbed.processes import body_folders_of
from tests.lsp.editor import EditorClient, ServerOptions, as_dict

SWITCH = "OAUTH_HTTP_FAST_PATH"
SETTINGS = {"responseSizeLimitMB": 0.1, "timeoutSeconds": 60}
HANG = 10.0  # seconds: past this a cancel is taken to have failed
FAST = ServerOptions(env={SWITCH: None}, settings=SETTINGS)
STOCK = ServerOptions(env={SWITCH: "0"}, settings=SETTINGS)
BOTH_PATHS = pytest.mark.parametrize(
    "server_options", [FAST, STOCK], ids=["fast path", "stock pygls"]
)


@pytest.fixture
def server_options() -> ServerOptions:
    """Only the fast path: `$/cancelRequest` cannot reach a command on stock pygls."""
    return FAST


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    with start_hostile() as running:
        yield running


def _pid(client: EditorClient) -> int:
    assert client.lsp._server is not None
    return int(client.lsp._server.pid)


def _body_files(client: EditorClient) -> list[Path]:
    return [path for folder in body_folders_of(_pid(client)) for path in folder.iterdir()]


def _records(client: EditorClient) -> list[dict[str, Any]]:
    return client.editor.records


def _start_send(client: EditorClient, uri: str, msg_id: str) -> asyncio.Future[Any]:
    params = types.ExecuteCommandParams(command=methods.SEND, arguments=[{"uri": uri, "line": 0}])
    return asyncio.wrap_future(
        client.lsp.protocol.send_request(types.WORKSPACE_EXECUTE_COMMAND, params, msg_id=msg_id)
    )


async def _until(check: Any, what: str, timeout: float = HANG) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"{what} did not happen within {timeout} s"
        await asyncio.sleep(0.01)


async def _closed_after(visit: Visit, cancelled_at: float) -> float:
    await _until(lambda: visit.client_closed_at is not None, "the client closing the connection")
    assert visit.client_closed_at is not None
    latency = visit.client_closed_at - cancelled_at
    print(f"\nconnection closed {latency * 1000:.0f} ms after the cancel")
    return latency


async def test_cancel_request_stops_the_download_and_leaves_no_record_or_file(
    client: EditorClient, hostile: HostileServer
) -> None:
    uri = client.open_http("trickle.http", f"GET {hostile.url}/trickle\n")
    answer = _start_send(client, uri, "cancel-download")
    visit = hostile.wait_for_visit("/trickle")
    await _until(lambda: _body_files(client), "the body growing past the head into a file")
    cancelled_at = time.monotonic()
    client.lsp.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id="cancel-download"))
    with pytest.raises(Exception, match=r"(?i)cancel"):
        await asyncio.wait_for(answer, timeout=HANG)
    assert await _closed_after(visit, cancelled_at) < HANG
    sent_then = visit.bytes_sent
    await _until(lambda: not _body_files(client), "the body file going")
    await asyncio.sleep(0.5)  # a record sent late would have arrived by now
    assert _records(client) == []
    assert visit.bytes_sent == sent_then


async def test_cancel_request_while_waiting_for_the_headers_closes_the_connection(
    client: EditorClient, hostile: HostileServer
) -> None:
    uri = client.open_http("stall.http", f"POST {hostile.url}/stall\n\nbody\n")
    answer = _start_send(client, uri, "cancel-stall")
    visit = hostile.wait_for_visit("/stall")
    cancelled_at = time.monotonic()
    client.lsp.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id="cancel-stall"))
    with pytest.raises(Exception, match=r"(?i)cancel"):
        await asyncio.wait_for(answer, timeout=HANG)
    assert await _closed_after(visit, cancelled_at) < HANG
    await asyncio.sleep(0.5)
    assert _records(client) == []


async def test_a_request_cancelled_before_it_is_written_is_not_sent(
    client: EditorClient,
) -> None:
    with Gate() as gate:
        text = f'POST {gate.url}/orders\nContent-Type: application/json\n\n{{"buy": 1}}\n'
        uri = client.open_http("gate.http", text)
        answer = _start_send(client, uri, "cancel-early")
        await asyncio.sleep(0.3)  # the connect waits at the gate
        client.lsp.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id="cancel-early"))
        with pytest.raises(Exception, match=r"(?i)cancel"):
            await asyncio.wait_for(answer, timeout=HANG)
        gate.open()
        await asyncio.sleep(4.0)  # the kernel retries the SYN after 1 s, then 3 s
        assert gate.received() == b"", "the cancelled POST was written"
    assert _records(client) == []


@BOTH_PATHS
async def test_the_progress_cancel_stops_the_download_on_both_paths(
    client: EditorClient, hostile: HostileServer
) -> None:
    uri = client.open_http("progress.http", f"GET {hostile.url}/trickle\n")
    answer = _start_send(client, uri, "progress-cancel")
    visit = hostile.wait_for_visit("/trickle")
    await _until(lambda: client.lsp.progress_reports, "the progress appearing")
    await _until(lambda: _body_files(client), "the body growing past the head into a file")
    token = next(iter(client.lsp.progress_reports))
    cancelled_at = time.monotonic()
    client.lsp.protocol.notify(
        types.WINDOW_WORK_DONE_PROGRESS_CANCEL, types.WorkDoneProgressCancelParams(token=token)
    )
    outcome = as_dict(await asyncio.wait_for(answer, timeout=HANG))
    assert outcome == {"status": "cancelled"}
    assert await _closed_after(visit, cancelled_at) < HANG
    await _until(lambda: not _body_files(client), "the body file going")
    await asyncio.sleep(0.3)
    assert _records(client) == []
