"""`oauthHttp.send` against the hostile server, through one real language server over stdio: each
case gives a record with its true cause (or a body stopped at the maximum size, kept and
labelled), chaining reads deep and wide bodies, the server's memory stays bounded (its peak
resident size) and so does its disk (its own body folder), and it stays up throughout."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from oauth_http.lsp import methods

from tests.httpbed.hostile import HostileServer, start_hostile
from tests.httpbed.processes import body_folders_of, peak_rss_mb, tree_bytes
from tests.lsp.conftest import running_client
from tests.lsp.editor import Editor, EditorClient, ServerOptions, as_dict

MB = 1024 * 1024
SETTINGS = {"maxResponseMB": 16, "responseSizeLimitMB": 1, "timeoutSeconds": 3}
PEAK_RSS_LIMIT_MB = 400  # the million-item chaining parse is most of it
pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileServer]:
    with start_hostile() as running:
        yield running


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[EditorClient]:
    """One server for the whole module: it must stay up through every case."""
    workspace = tmp_path_factory.mktemp("hostile")
    options = ServerOptions(settings=SETTINGS)
    async with running_client(request, Editor(), workspace, options) as started:
        yield started


def server_pid(client: EditorClient) -> int:
    server = client.lsp._server
    assert server is not None
    return int(server.pid)


async def send(client: EditorClient, text: str, line: int = 0, name: str = "hostile") -> Any:
    """The record of sending the request at `line` of a file holding `text`."""
    uri = client.open_http(f"{name}.http", text)
    answer = await client.send_answer(uri, line=line)
    assert answer["status"] == "sent", answer
    return client.record(answer["recordId"])


@pytest.mark.parametrize("case", ["/gzip-bomb", "/deflate-bomb", "/endless"])
async def test_a_body_past_the_maximum_size_is_kept_up_to_it_and_labelled(
    client: EditorClient, hostile: HostileServer, case: str
) -> None:
    record = await send(client, f"GET {hostile.url}{case}\n")
    body, error = record["body"], record["error"]
    assert record["status"] == 200 and error["kind"] == "too_large", error
    assert "larger than the 16 MB maximum" in error["message"]
    assert "oauthHttp.maxResponseMB" in error["hint"]
    assert body["complete"] is False and body["truncated"] is True
    assert body["size"] == 16 * MB and len(body["text"]) == 1 * MB
    assert Path(body["fullPath"]).stat().st_size == 16 * MB


@pytest.mark.parametrize(
    ("case", "kind", "cause"),
    [
        ("/drip", "body_timeout", "but not the whole body within 3 seconds"),
        ("/stall", "read_timeout", "sent no response within 3 seconds"),
        ("/many-headers", "protocol", "sent more than 100 response headers"),
        ("/long-header", "protocol", "sent a header line longer than 65,536 bytes"),
        ("/bad-status", "protocol", "did not answer with an HTTP status line"),
        ("/short-body", "protocol", "after 10 bytes of the 1,000 bytes its Content-Length"),
        ("/reset-body", "protocol", "reset the connection while sending the body"),
    ],
)
async def test_a_broken_or_slow_answer_is_named_by_its_true_cause(
    client: EditorClient, hostile: HostileServer, case: str, kind: str, cause: str
) -> None:
    record = await send(client, f"GET {hostile.url}{case}\n")
    error = record["error"]
    assert record["status"] is None and error["kind"] == kind, error
    assert cause in error["message"], error["message"]


async def test_chaining_reads_deep_json_wide_json_and_deep_xml(
    client: EditorClient, hostile: HostileServer
) -> None:
    base = hostile.url
    text = (
        f"# @name deep\nGET {base}/deep-json?depth=100000\n\n###\n"
        f"# @name wide\nGET {base}/wide-json?items=1000000\n\n###\n"
        f"# @name xml\nGET {base}/deep-xml?depth=100000\n\n###\n"
        f"POST {base}/stall\nContent-Type: application/json\n\n"
        '{"top": {{deep.response.body.$.top}}, "last": {{wide.response.body.$[999999].id}}, '
        '"xml": "{{xml.response.body.//top}}"}\n'
    )
    for line in (1, 5, 9):
        record = await send(client, text, line, name="chain")
        assert record["status"] == 200 and record["error"] is None, record["error"]
    record = await send(client, text, 13, name="chain")
    assert record["error"]["kind"] == "read_timeout", record["error"]
    assert json.loads(record["request"]["body"]["text"]) == {"top": 1, "last": 999999, "xml": "1"}


async def test_a_cut_body_cannot_be_chained_and_says_why(
    client: EditorClient, hostile: HostileServer
) -> None:
    text = (
        f"# @name bomb\nGET {hostile.url}/gzip-bomb\n\n###\n"
        f"GET {hostile.url}/stall?a={{{{bomb.response.body.$.a}}}}\n"
    )
    await send(client, text, 1, name="cut")
    record = await send(client, text, 4, name="cut")
    assert record["error"]["kind"] == "unresolved_variable"
    assert "was cut at the maximum response size" in record["error"]["message"]


async def test_the_server_stays_up_answers_bad_arguments_and_keeps_memory_and_disk_bounded(
    client: EditorClient, hostile: HostileServer
) -> None:
    for arguments in ([{"uri": 5, "line": "x"}], ["nonsense"], []):
        answer = await client.execute(methods.SEND, *arguments)
        assert as_dict(answer)["status"] == "failed"
    uri = client.open_http("alive.http", "GET http://127.0.0.1:1/{{missing}}\n")
    assert any("missing" in d.message for d in await client.diagnostics(uri))
    pid = server_pid(client)
    peak = peak_rss_mb(pid)
    print(f"language server peak RSS after every hostile case: {peak:.0f} MB")
    assert peak < PEAK_RSS_LIMIT_MB
    folders = body_folders_of(pid)
    assert len(folders) <= 1, folders  # its own folder, made by the first body over the head
    assert sum(tree_bytes(folder) for folder in folders) <= 1024 * MB  # within the budget
