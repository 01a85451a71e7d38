"""Signed sends through the language server against a bare requests-oauthlib loop.

200 signed GETs to a sandbox in its own process, each an `oauthHttp.send` command over stdio on a
document open in the editor, as a CodeLens click sends it (resolve, sign, send, build and notify
the record), against the same 200 with one `OAuth1Session`, in
blocks of 20 taking turns. Prints both totals and their ratio (target 1.2x or less), and what the
server adds to a send: the median send through it less the median bare one (target 1.5 ms or
less).
"""

from __future__ import annotations

import asyncio
import json
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from oauth_http.sandbox import accounts
from oauth_http.sandbox.server import start_sandbox  # noqa: F401

from bench.lsp_client import OUR_SERVER
from bench.raw_lsp import RawLspClient
from bench.send_bench import BLOCK, COUNT, PATH, WARM_UP, _bare_send


def _workspace(folder: Path, base: str) -> Path:
    auth = {
        "sandbox": {
            "Request Token URL": f"{base}/oauth/request_token",
            "Authorize URL": f"{base}/oauth/authorize",
            "Access Token URL": f"{base}/oauth/access_token",
        }
    }
    env = {"$shared": {"Security": {"Auth": auth}}}
    (folder / "http-client.env.json").write_text(json.dumps(env), encoding="utf-8")
    request = folder / "bench.http"
    request.write_text(f"# @oauth1 sandbox\nGET {base}{PATH}\n", encoding="utf-8")
    return request


async def _sandbox_process() -> tuple[asyncio.subprocess.Process, str]:
    """The sandbox in its own process, as a real provider is: it must not share the client's
    interpreter (and its GIL) with the loop being timed."""
    port = _free_port()
    process = await asyncio.create_subprocess_exec(
        *OUR_SERVER[:3],
        "sandbox",
        "--port",
        str(port),
        "--quiet",
        stdout=asyncio.subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                return process, url
        except OSError:
            await asyncio.sleep(0.05)
    raise RuntimeError("the sandbox did not start")


def answer_as_the_editor(client: RawLspClient, vault: dict[str, str]) -> None:
    """Serve the server's secret requests from `vault`, and agree once to the env file's
    redefinition of the sandbox preset (it points at this run's sandbox), as a user would."""
    client.answers["oauthHttp/getSecret"] = lambda params: {"value": vault.get(params["key"])}
    client.answers["oauthHttp/storeSecret"] = lambda params: vault.update(
        {params["key"]: params["value"]}
    )
    client.answers["window/showMessageRequest"] = lambda params: params["actions"][0]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _run(count: int) -> None:
    sandbox_process, sandbox_url = await _sandbox_process()
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        request = _workspace(folder, sandbox_url)
        vault = accounts.authorized_secrets(folder.as_uri())
        client = await RawLspClient.start(*OUR_SERVER)
        answer_as_the_editor(client, vault)
        records: dict[str, Any] = {}
        client.listeners["oauthHttp/response"] = lambda record: records.update(
            {record["id"]: record}
        )
        await client.initialize(folder)
        arguments = [{"uri": client.open(request), "line": 1}]

        async def ours() -> None:
            answer: Any = await client.request(
                "workspace/executeCommand",
                {"command": "oauthHttp.send", "arguments": arguments},
            )
            record = records.pop(answer.get("recordId"), None)
            if record is None or record["status"] != 200:
                raise RuntimeError(f"the language server answered {answer}, record {record}")

        round_trip_ms = await _empty_round_trip_ms(client, count)
        hop_ms = await _thread_hop_ms(count)
        bare, close_bare = _bare_send(sandbox_url)
        for _ in range(WARM_UP):
            await ours()
            bare()
        times: dict[str, list[float]] = {"server": [], "bare": []}
        blocks = max(count // BLOCK, 1)
        for number in range(blocks):
            for label in ("server", "bare") if number % 2 == 0 else ("bare", "server"):
                for _ in range(BLOCK):
                    started = time.perf_counter()
                    if label == "server":
                        await ours()
                    else:
                        bare()
                    times[label].append(time.perf_counter() - started)
        close_bare()
        await client.stop()
    sandbox_process.terminate()
    await sandbox_process.wait()
    _report(times["server"], times["bare"], round_trip_ms, hop_ms)


async def _empty_round_trip_ms(client: RawLspClient, count: int) -> float:
    """Median milliseconds of a request the server answers at once (a hover on no document)."""
    times = []
    for _ in range(count):
        started = time.perf_counter()
        await client.request(
            "textDocument/hover",
            {"textDocument": {"uri": "file:///none"}, "position": {"line": 0, "character": 0}},
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


async def _thread_hop_ms(count: int) -> float:
    """Median milliseconds of handing nothing to a worker thread and back, as a send does."""
    times = []
    for _ in range(count):
        started = time.perf_counter()
        await asyncio.to_thread(int)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _report(ours: list[float], bare: list[float], round_trip_ms: float, hop_ms: float) -> None:
    sent = len(ours)
    ours_ms, bare_ms = sum(ours) * 1000 / sent, sum(bare) * 1000 / sent
    added_ms = (statistics.median(ours) - statistics.median(bare)) * 1000
    floor_ms = bare_ms + round_trip_ms + hop_ms
    print(f"signed GETs through the language server, {sent} each, in blocks of {BLOCK}")
    print(f"  oauthHttp.send over stdio:  {ours_ms * sent:8.1f} ms total, {ours_ms:6.3f} ms each")
    print(f"  bare OAuth1Session loop:    {bare_ms * sent:8.1f} ms total, {bare_ms:6.3f} ms each")
    print(
        f"  ratio: {ours_ms / bare_ms:.2f}x (target 1.20x or less); the server adds "
        f"{added_ms:.3f} ms per send (medians; target <= 1.5)"
    )
    print("  what any send through the server pays, even one adding no work of its own:")
    print(
        f"    an empty LSP round trip over stdio (a hover on no document)  {round_trip_ms:6.3f} ms"
    )
    print(f"    a hop to a worker thread and back (asyncio.to_thread)        {hop_ms:6.3f} ms")
    print(
        f"    so at best {floor_ms / bare_ms:.2f}x; the server's own work per send "
        f"(dispatch, context, scope, record, notification): {ours_ms - floor_ms:.3f} ms"
    )


def main(count: int = COUNT) -> None:
    asyncio.run(_run(count))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else COUNT)
