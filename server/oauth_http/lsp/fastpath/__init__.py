"""Everything in the server that reaches into pygls internals, behind this one interface.

The rest of the server uses only these names:

- `ENABLED`: False when the environment sets `OAUTH_HTTP_FAST_PATH=0`; then every name below
  falls back to stock pygls 2.1 and the server runs as any pygls server does.
- `protocol_class()`: the `protocol_cls` for the LanguageServer (`protocol.OAuthHttpProtocol`,
  or stock `LanguageServerProtocol`).
- `run(server)`: serve on stdio (`stdio.run_on_stdio`, or `server.start_io`). On both paths it
  first applies `pending.py`, the workaround for pygls' table of pending requests (which gains a
  done future per edit and per command, and makes `shutdown` fail while a send is in flight), and,
  when `OAUTH_HTTP_DEBUG_STATS=1`, registers `oauthHttp/debugStats` (`debug_stats.py`).
- `notify(server, method, params)`: a notification whose params are already plain JSON (the
  response record), sent without cattrs on the fast path.
- `lens_result(lenses)`: what the code-lens handler answers: JSON text sent as it is on the fast
  path, CodeLens-shaped values pygls serialises otherwise.

Commands are registered as `async def command(ls: OAuthHttpServer, *arguments: Any) -> Any` and
get the arguments as sent on both paths. The fast path calls `handler(*arguments)` as the
request's own task (so `$/cancelRequest` cancels it). Stock pygls' `_prepare_command_arguments`
(language_server.py:353) skips a first parameter named `ls` and gives a `*arguments` parameter
the rest unconverted, but first evaluates all the handler's annotations with
`typing.get_type_hints`, on every call: each must resolve at run time in the handler's module (a
name imported only under TYPE_CHECKING makes every call "Invalid Params"); and its cancel stops
pygls' generator but not the command, which runs on. Document sync: the fast path hands didOpen,
didChange and didClose straight to the server's handlers; stock pygls keeps its own copy of each
document first, then calls them.

What it buys, `make bench` against `OAUTH_HTTP_FAST_PATH=0 make bench` (medians of three
alternating runs on a busy 2-core machine, ranges in brackets; fast path first):
- empty LSP round trip: 0.16 ms [0.09-0.19] against 0.24 [0.20-0.46] (the stdin reader);
- start-up against bare pygls: 1.07x [1.05-1.30] against 1.19x [1.15-1.33], within this
  machine's noise of each other (nothing here runs before `initialize` is answered);
- didOpen to code lenses on the 10,000-request file: 197 ms [96-214] against 471 [315-492];
- edit to code lenses: 94 ms [71-250] against 376 [300-417];
- resident memory after the big-file figures: 72 MB against 84 (pygls' copy of the document);
- what the server adds to a signed send: 1.93 ms [1.48-2.17] against 2.46 [1.59-2.93].
Piece by piece, in-process (best of 20): 20,000 lenses answered through pygls take 171 ms, as
`EncodedJson` 6 ms (encoding included); pygls' copy of the big file costs 7.5 ms an edit;
evaluating a command's type hints 0.02 ms a call; `notify_json` saves 0.02 ms on a 2.7 KB
record (0.15 ms on a 1 MB one). The stdin reader saves pygls' four thread hops a message.

What each piece relies on in pygls 2.1.1 (tests/unit/lsp/fastpath/test_contract.py checks each one):

- `protocol.py`, OAuthHttpProtocol:
  - builtin handlers replaced by name: `lsp_text_document__did_open`, `__did_change`,
    `__did_close` and `lsp_workspace__execute_command` (protocol/language_server.py:216-247 and
    316), found through `lsp_method`'s `method_name` by `_register_builtin_features` (:50, :86);
  - generator handlers yielding `(handler, args, kwargs)`, run by `JsonRPCProtocol._run_generator`
    (protocol/json_rpc.py:241); a coroutine builtin run as the request's task by
    `_execute_handler` (:176); `fm.features` / `fm.commands` (feature_manager.py:169, :229),
    `is_thread_function` (:77) and the server's `thread_pool` (server.py:278);
  - `_send_response(msg_id, result, error)` overridden (json_rpc.py:552), with `_result_types`
    (:161), `writer`, `_include_headers` (:164-165), `CONTENT_TYPE`, `CHARSET`, `VERSION`;
  - `_send_data(data)` (:519) for `notify_json`.
- `stdio.py`: `pygls.io_.run_async(stop_event, reader, protocol, logger, error_handler)`
  (io_.py:117) with its reader interface (`readline`, `readexactly`, b"" at the end),
  `StdinAsyncReader` and `StdoutWriter` (:68, :90), and `JsonRPCServer._stop_event` (server.py:73),
  which `shutdown()` sets (:78) to end the loop.
- `pending.py`: `_request_futures` and `_result_types` (json_rpc.py:160-161), replaced on the
  protocol instance; `lsp_shutdown` iterating `_request_futures.items()` (language_server.py:209).
- `debug_stats.py`: reads `_request_futures`, `_result_types` and `progress.tokens`
  (progress.py:31).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any

from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from oauth_http.lsp.fastpath import debug_stats, pending
from oauth_http.lsp.fastpath.protocol import EncodedJson, OAuthHttpProtocol
from oauth_http.lsp.serialization import LightLenses

__all__ = ["ENABLED", "lens_result", "notify", "protocol_class", "run"]

SWITCH = "OAUTH_HTTP_FAST_PATH"

ENABLED: bool = os.environ.get(SWITCH, "1") != "0"


def protocol_class() -> type[LanguageServerProtocol]:
    """The `protocol_cls` for the LanguageServer: ours, or stock pygls' when switched off."""
    return OAuthHttpProtocol if ENABLED else LanguageServerProtocol


def run(server: LanguageServer) -> None:
    """Serve the client on stdin and stdout until it exits or the pipe breaks; on both paths
    with pygls' table of pending requests kept from growing (`pending.py`)."""
    pending.install(server.protocol)
    if debug_stats.wanted():
        debug_stats.install(server)
    if ENABLED:
        from oauth_http.lsp.fastpath.stdio import run_on_stdio

        run_on_stdio(server)
    else:
        server.start_io(sys.stdin.buffer, sys.stdout.buffer)


def notify(server: LanguageServer, method: str, params: Mapping[str, Any]) -> None:
    """Send a notification whose `params` are already plain JSON values."""
    protocol = server.protocol
    if ENABLED and isinstance(protocol, OAuthHttpProtocol):
        protocol.notify_json(method, params)
    else:
        protocol.notify(method, params)


def lens_result(lenses: LightLenses) -> Any:
    """What the code-lens handler answers: JSON text sent as it is, or values pygls serialises."""
    return EncodedJson(lenses.encoded()) if ENABLED else lenses.values()
