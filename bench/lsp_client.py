"""A small LSP client over stdio for the benchmarks (pygls' own client, no test framework)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent

Handler = TypeVar("Handler", bound=Callable[..., Any])


class BenchClient(LanguageClient):
    """pygls' client, keeping the diagnostics last published."""

    last_diagnostics: types.PublishDiagnosticsParams | None = None

    def handles(self, method: str) -> Callable[[Handler], Handler]:
        """`@self.feature(method)` with its type: pygls' `feature` has no return annotation."""
        register: Callable[[Handler], Handler] = self.feature(method)
        return register


async def start(*command: str) -> tuple[BenchClient, float]:
    """Spawn a server and initialize it; return the client and the seconds it took."""
    client = BenchClient("oauth-http-bench", "0")

    @client.handles(types.WORKSPACE_CONFIGURATION)
    def configuration(params: types.ConfigurationParams) -> list[object]:
        return [{} for _ in params.items]

    @client.handles(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: types.PublishDiagnosticsParams) -> None:
        client.last_diagnostics = params

    started = time.perf_counter()
    await client.start_io(*command)
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=ROOT.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=ROOT.as_uri(), name="root")],
        )
    )
    elapsed = time.perf_counter() - started
    client.initialized(types.InitializedParams())
    return client, elapsed


async def stop(client: LanguageClient) -> None:
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc."""
    status = Path(f"/proc/{pid}/status").read_text()
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


OUR_SERVER = (sys.executable, "-m", "oauth_http", "serve")
BARE_SERVER = (sys.executable, str(ROOT / "bench" / "bare_pygls_server.py"))
