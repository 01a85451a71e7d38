"""`oauthHttp/debugStats`: how big pygls' tables and the server's own are, for the soak in bench/.

Registered by `fastpath.run` only when the environment sets `OAUTH_HTTP_DEBUG_STATS=1`; otherwise
the method does not exist (the server answers MethodNotFound), so the editor never pays for it.
The answer (`DebugStats`) has no secrets in it, only counts:

- `fastPath`: whether the fast path is on (`fastpath.ENABLED`);
- `requestFutures`, `resultTypes`: pygls' `_request_futures` and `_result_types`
  (protocol/json_rpc.py:160-161), the tables of pending requests;
- `progressTokens`: pygls' `Progress.tokens` (progress.py:31);
- `tasks`: the event loop's unfinished asyncio tasks;
- `gcTracked`, `gcFrozen`: objects the cyclic collector tracks, and those `gc.freeze()` moved out
  of its reach (the document store freezes each big parse);
- `serverTables`: the length of every dict, list, set and tuple the server object holds, or an
  object it holds, up to four attributes deep (`documents._documents`, `secret_cache`,
  `_sends.session.store._exchanges`, `protocol._converter...`), by attribute path;
- `rssKb`: the process's resident memory, from /proc (None elsewhere).
"""

from __future__ import annotations

import asyncio
import gc
import os
from pathlib import Path
from types import ModuleType
from typing import Any, TypedDict

from pygls.lsp.server import LanguageServer

from oauth_http.lsp.methods import DEBUG_STATS

SWITCH = "OAUTH_HTTP_DEBUG_STATS"
_CONTAINERS = (dict, list, set, tuple, frozenset)


class DebugStats(TypedDict):
    fastPath: bool
    requestFutures: int
    resultTypes: int
    progressTokens: int
    tasks: int
    gcTracked: int
    gcFrozen: int
    serverTables: dict[str, int]
    rssKb: int | None


def wanted() -> bool:
    return os.environ.get(SWITCH) == "1"


def install(server: LanguageServer) -> None:
    """Register `oauthHttp/debugStats` on `server`."""

    def debug_stats(ls: LanguageServer, params: Any) -> DebugStats:
        return stats(ls)

    server.feature(DEBUG_STATS)(debug_stats)


def stats(server: LanguageServer) -> DebugStats:
    from oauth_http.lsp import fastpath

    protocol = server.protocol
    return {
        "fastPath": fastpath.ENABLED,
        "requestFutures": len(protocol._request_futures),
        "resultTypes": len(protocol._result_types),
        "progressTokens": len(protocol.progress.tokens),
        "tasks": len(asyncio.all_tasks()),
        "gcTracked": len(gc.get_objects()),
        "gcFrozen": gc.get_freeze_count(),
        "serverTables": server_tables(server),
        "rssKb": rss_kb(),
    }


def server_tables(server: object) -> dict[str, int]:
    """Sizes of the containers the server holds, up to four attributes deep (`vars` only: no
    property is read, so nothing lazy is created)."""
    sizes: dict[str, int] = {}
    seen = {id(server)}

    def walk(holder: object, path: str, depth: int) -> None:
        for name, value in vars(holder).items():
            where = f"{path}{name}"
            if isinstance(value, _CONTAINERS):
                sizes[where] = len(value)
            elif depth < 4 and _has_vars(value) and id(value) not in seen:
                seen.add(id(value))
                walk(value, f"{where}.", depth + 1)

    walk(server, "", 1)
    return sizes


def _has_vars(value: object) -> bool:
    return hasattr(value, "__dict__") and not isinstance(value, type | ModuleType)


def rss_kb() -> int | None:
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return None
