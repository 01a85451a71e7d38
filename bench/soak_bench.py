"""A soak of the real server over stdio: 10,000 signed sends and 10,000 edits, then its memory.

The server runs with `OAUTH_HTTP_DEBUG_STATS=1`, so `oauthHttp/debugStats` answers the size of
pygls' tables of pending requests (and of the server's own); resident memory is read from the
server's /proc/PID/status. Each send is an `oauthHttp.send` of a signed GET to a sandbox in its
own process; each edit is an incremental didChange of a 20-request document followed by its code
lenses, as an editor asks after a keystroke (every 250th also waits for the diagnostics). After a
warm-up, the sends and edits run in two halves, each 5,000 sends then 5,000 edits, with a
snapshot after each run. Target: flat after the warm-up, under 0.2 MB per 1,000 sends. Run with
`OAUTH_HTTP_FAST_PATH=0` for stock pygls. `python -m bench.soak_bench [count]`.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from oauth_http.lsp import methods
from oauth_http.sandbox import accounts

from bench.lsp_client import OUR_SERVER, rss_mb
from bench.lsp_send_bench import _sandbox_process, _workspace, answer_as_the_editor
from bench.raw_lsp import RawLspClient

COUNT = 10_000
WARM_UP = 500
DIAGNOSTICS_EVERY = 250
EDITED_REQUESTS = 20


@dataclass
class Snapshot:
    label: str
    rss_mb: float
    stats: dict[str, Any]


def _edited_text() -> str:
    blocks = [
        f"### Request {i}\n# @name r{i}\nGET http://127.0.0.1:9/items/{i:02d}?count=1\n"
        f"Accept: application/json\n\n"
        for i in range(EDITED_REQUESTS)
    ]
    return "".join(blocks)


class Soak:
    def __init__(self, client: RawLspClient, send_uri: str, edit_uri: str) -> None:
        self.client = client
        self.send_uri = send_uri
        self.edit_uri = edit_uri
        self.records: dict[str, Any] = {}
        self.version = 1
        self.diagnosed = asyncio.Event()
        client.listeners[methods.RESPONSE] = lambda record: self.records.update(
            {record["id"]: record}
        )
        client.listeners["textDocument/publishDiagnostics"] = self._diagnostics

    def _diagnostics(self, params: Any) -> None:
        if params["uri"] == self.edit_uri and params.get("version") == self.version:
            self.diagnosed.set()

    async def send(self) -> None:
        answer: Any = await self.client.request(
            "workspace/executeCommand",
            {"command": methods.SEND, "arguments": [{"uri": self.send_uri, "line": 1}]},
        )
        record = self.records.pop(answer.get("recordId"), None)
        if record is None or record["status"] != 200:
            raise RuntimeError(f"the server answered {answer}, record {record}")

    async def edit(self) -> None:
        self.version += 1
        line = 2 + 5 * (self.version % EDITED_REQUESTS)  # a request line: "...?count=1"
        digit = str(self.version % 10)
        self.diagnosed.clear()
        change = {
            "range": {
                "start": {"line": line, "character": 38},
                "end": {"line": line, "character": 39},
            },
            "text": digit,
        }
        self.client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": self.edit_uri, "version": self.version},
                "contentChanges": [change],
            },
        )
        lenses = await self.client.request(
            "textDocument/codeLens", {"textDocument": {"uri": self.edit_uri}}
        )
        if len(lenses) != EDITED_REQUESTS:
            raise RuntimeError(f"{len(lenses)} lenses after edit {self.version}")
        if self.version % DIAGNOSTICS_EVERY == 0:
            await asyncio.wait_for(self.diagnosed.wait(), timeout=10)

    async def snapshot(self, label: str) -> Snapshot:
        stats = await self.client.request(methods.DEBUG_STATS, None)
        return Snapshot(label, rss_mb(self.client.process.pid), stats)


async def _run(count: int) -> None:
    sandbox_process, sandbox_url = await _sandbox_process()
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        send_path = _workspace(folder, sandbox_url)
        edit_path = folder / "edited.http"
        edit_path.write_text(_edited_text(), encoding="utf-8")
        vault = accounts.authorized_secrets(folder.as_uri())
        os.environ["OAUTH_HTTP_DEBUG_STATS"] = "1"
        client = await RawLspClient.start(*OUR_SERVER)
        answer_as_the_editor(client, vault)
        await client.initialize(folder)
        soak = Soak(client, client.open(send_path), client.open(edit_path))
        started = time.perf_counter()
        snapshots = [await soak.snapshot("before the warm-up")]
        for _ in range(WARM_UP):
            await soak.send()
            await soak.edit()
        snapshots.append(await soak.snapshot("start (after the warm-up)"))
        half = count // 2
        for number, label in ((1, "middle"), (2, "end")):
            for _ in range(half):
                await soak.send()
            snapshots.append(await soak.snapshot(f"after {number * half:,} sends"))
            for _ in range(half):
                await soak.edit()
            snapshots.append(await soak.snapshot(f"{label} ({number * half:,} of each)"))
        elapsed = time.perf_counter() - started
        await client.stop()
    sandbox_process.terminate()
    await sandbox_process.wait()
    _report(count, snapshots, elapsed)


def _report(count: int, snapshots: list[Snapshot], elapsed: float) -> None:
    path = "stock pygls" if os.environ.get("OAUTH_HTTP_FAST_PATH") == "0" else "fast path"
    print(
        f"soak: {count:,} sends and {count:,} edits through the real server over stdio "
        f"({path}, {elapsed:.0f} s)"
    )
    print(f"  {'':28} {'RSS MB':>7} {'pending':>8} {'results':>8} {'tasks':>6} {'gc frozen':>10}")
    for shot in snapshots:
        stats = shot.stats
        print(
            f"  {shot.label:28} {shot.rss_mb:7.1f} {stats['requestFutures']:8d} "
            f"{stats['resultTypes']:8d} {stats['tasks']:6d} {stats['gcFrozen']:10d}"
        )
    start, sends_1, middle, sends_2, end = snapshots[1:]
    thousands = count / 1000
    per_send = (sends_1.rss_mb - start.rss_mb + sends_2.rss_mb - middle.rss_mb) / thousands
    per_edit = (middle.rss_mb - sends_1.rss_mb + end.rss_mb - sends_2.rss_mb) / thousands
    print(f"  after the warm-up: {per_send:+.3f} MB per 1,000 sends (target < 0.2), ", end="")
    print(f"{per_edit:+.3f} MB per 1,000 edits")
    print(
        "  (pending, results: pygls' _request_futures and _result_types; "
        "tasks: unfinished asyncio tasks)"
    )
    grown = {
        name: (size, end.stats["serverTables"].get(name))
        for name, size in start.stats["serverTables"].items()
        if end.stats["serverTables"].get(name) != size
    }
    changed = ", ".join(f"{name} {before} -> {after}" for name, (before, after) in grown.items())
    print(f"  server tables that changed after the warm-up: {changed or 'none'}")


def main(count: int = COUNT) -> None:
    asyncio.run(_run(count))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else COUNT)
