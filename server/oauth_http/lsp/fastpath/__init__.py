"""Everything in the server that reaches into pygls internals, behind this one interface.

The rest of the server uses only these names:

- `ENABLED`: False when the environment sets `OAUTH_HTTP_FAST_PATH=0`; then every name below
  falls back to stock pygls 2.1 and the server runs as any pygls server does.
- `protocol_class()`: the `protocol_cls` for the LanguageServer (`protocol.OAuthHttpProtocol`,
  or stock `LanguageServerProtocol`).
- `run(server)`: serve on stdio (`stdio.run_on_stdio`, or `server.start_io`), on both paths with
  the workaround in `pending.py` for pygls' table of pending requests, which otherwise gains an
  entry per edit and per command.
- `notify(server, method, params)`: a notification whose params are already plain JSON (the
  response record), sent without cattrs on the fast path.
- `lens_result(lenses)`: what the code-lens handler answers: JSON text sent as it is on the fast
  path, CodeLens-shaped values pygls serialises otherwise.

Commands take `(ls, *arguments)` on both paths: the fast path passes the arguments as sent; stock
pygls' `_prepare_command_arguments` (language_server.py:353) skips a first parameter named `ls`
and hands a `*arguments` parameter the remaining values unconverted, after evaluating the
handler's type hints with `typing.get_type_hints` on every call (so every annotation must resolve
at run time: a name imported only under TYPE_CHECKING turns each call into "Invalid Params").
Document sync: the fast path passes didOpen, didChange and didClose straight to the server's
handlers; stock pygls also keeps its own copy of each document first.

What each piece relies on in pygls 2.1.1 (tests/unit/test_fastpath_contract.py checks each one):

- `protocol.py`, OAuthHttpProtocol:
  - builtin handlers replaced by name: `lsp_text_document__did_open`, `__did_change`,
    `__did_close` and `lsp_workspace__execute_command` (protocol/language_server.py:216-247 and
    316), found through `lsp_method`'s `method_name` by `_register_builtin_features` (:50, :86);
  - generator handlers yielding `(handler, args, kwargs)`, run by `JsonRPCProtocol._run_generator`
    (protocol/json_rpc.py:241), and `fm.features` / `fm.commands` (feature_manager.py:169, :229);
  - `_send_response(msg_id, result, error)` overridden (json_rpc.py:552), with `_result_types`
    (:161), `writer`, `_include_headers` (:164-165), `CONTENT_TYPE`, `CHARSET`, `VERSION`;
  - `_send_data(data)` (:519) for `notify_json`.
- `stdio.py`: `pygls.io_.run_async(stop_event, reader, protocol, logger, error_handler)`
  (io_.py:117) with its reader interface (`readline`, `readexactly`, b"" at the end),
  `StdinAsyncReader` and `StdoutWriter` (:68, :90), and `JsonRPCServer._stop_event` (server.py:73),
  which `shutdown()` sets (:78) to end the loop.
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
