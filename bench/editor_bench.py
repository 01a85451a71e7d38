"""Language-server figures: start-up against bare pygls, and a 10,000-request file.

Prints medians; no thresholds are asserted. Targets (2 cores): start-up within 1.1x of bare pygls,
open to lenses <= 300 ms, edit to lenses <= 150 ms, hover <= 20 ms, resident memory <= 80 MB.
"""

from __future__ import annotations

import asyncio
import statistics
import time

from bench.big_file import generate
from bench.lsp_client import BARE_SERVER, OUR_SERVER, ROOT, rss_mb, start, stop
from bench.raw_lsp import RawLspClient

STARTUP_RUNS = 8
EDIT_RUNS = 5


async def startup() -> None:
    ours: list[float] = []
    bare: list[float] = []
    for _ in range(STARTUP_RUNS):
        for command, figures in ((OUR_SERVER, ours), (BARE_SERVER, bare)):
            client, elapsed = await start(*command)
            figures.append(elapsed)
            await stop(client)
    our_median, bare_median = statistics.median(ours), statistics.median(bare)
    print(f"start-up (spawn to initialize answered), median of {STARTUP_RUNS} alternating runs")
    print(f"  oauth-http  {our_median * 1000:7.1f} ms")
    print(f"  bare pygls  {bare_median * 1000:7.1f} ms")
    print(f"  ratio       {our_median / bare_median:7.2f}x   (target <= 1.10x)")


def _find_variable_position(lines: list[str], middle: int) -> dict[str, int]:
    for number in range(middle, len(lines)):
        column = lines[number].find("{{")
        if column >= 0:
            return {"line": number, "character": column + 3}
    raise RuntimeError("the generated file has no {{variable}} after its middle")


async def big_file() -> None:
    text = generate(10_000)
    lines = text.split("\n")
    uri = (ROOT / "bench" / "big.http").as_uri()
    client = await RawLspClient.start(*OUR_SERVER)
    await client.request(
        "initialize",
        {"processId": None, "rootUri": ROOT.as_uri(), "capabilities": {}},
    )
    client.notify("initialized", {})
    await asyncio.sleep(1.0)  # an idle second: the server imports its handlers after initialized
    document = {"uri": uri}
    print(f"10,000-request file: {len(text.encode()) / 1e6:.2f} MB, {len(lines)} lines")

    started = time.perf_counter()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "http", "version": 1, "text": text}},
    )
    lenses = await client.request("textDocument/codeLens", {"textDocument": document})
    open_ms = (time.perf_counter() - started) * 1000
    count = len(lenses or [])
    print(f"  didOpen to code lenses   {open_ms:7.1f} ms   ({count} lenses; target <= 300)")

    middle = len(lines) // 2
    edit_times: list[float] = []
    for version in range(2, 2 + EDIT_RUNS):
        started = time.perf_counter()
        position = {"line": middle, "character": 0}
        client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [
                    {"range": {"start": position, "end": position}, "text": "# edited\n"}
                ],
            },
        )
        await client.request("textDocument/codeLens", {"textDocument": document})
        edit_times.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(0.3)  # as between keystrokes: the debounced diagnostics run here
    edit_ms = statistics.median(edit_times)
    print(f"  edit to code lenses      {edit_ms:7.1f} ms   (median; target <= 150)")

    hover_position = _find_variable_position(lines, middle + EDIT_RUNS)
    hover_times: list[float] = []
    for _ in range(10):
        started = time.perf_counter()
        await client.request(
            "textDocument/hover", {"textDocument": document, "position": hover_position}
        )
        hover_times.append((time.perf_counter() - started) * 1000)
    hover_ms = statistics.median(hover_times)
    print(f"  hover                    {hover_ms:7.1f} ms   (median; target <= 20)")
    print(f"  server resident memory   {rss_mb(client.process.pid):7.1f} MB   (target <= 80)")
    await client.stop()


async def main() -> None:
    await startup()
    await big_file()


if __name__ == "__main__":
    asyncio.run(main())
