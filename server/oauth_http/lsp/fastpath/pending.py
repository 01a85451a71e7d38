"""A workaround for pygls 2.1.1's table of pending requests, which keeps most futures it ever made.

`JsonRPCProtocol._execute_handler` (protocol/json_rpc.py:176) files the future of every async,
threaded or generator handler in `_request_futures` (:160) under the id it is given. Only two
kinds of id are ever removed: a client request's own (`_send_handler_result`, :296) and a server
request's once answered (`_handle_response`, :430). Everything else runs under a fresh `uuid4()`
nothing knows: each notification (`_handle_notification`, :363) and each handler a generator
handler yields to (`_run_generator`, :277). pygls' builtin didOpen, didChange, didClose and
executeCommand handlers are generators, and command handlers are async, so the table gains one
done future per edit and one per command (each `oauthHttp.send`). `make bench`'s soak on stock
pygls without this workaround: 1,004 entries after the warm-up, 21,004 after 10,000 sends and
10,000 edits, and +1.29 MB resident per 1,000 sends, +2.21 MB per 1,000 edits. The fast path
runs a command as its request's own task (protocol.py), which pygls does pop, so there only the
edits grow it: 504 to 10,504 entries, +0.03 and +1.89 MB. With the workaround, on either path,
no entry is left and both figures are noise (+0.01 and +0.02 MB).

A server request answered with an error leaves its entry in `_result_types` (:161) the same way:
only a result pops it (`structure_message`, :471; openlawlibrary/pygls#608 reports the unanswered
case).

`install` replaces the protocol's table with `SelfCleaningFutures`, which drops each entry when
its future is done (if the table still holds that future), and the id's `_result_types` entry. Its
`items()` is a snapshot: `lsp_shutdown` cancels pending futures while iterating it
(language_server.py:209), and cancelling a generator's `concurrent.futures.Future` runs its
callbacks at once, which would change the table mid-loop (openlawlibrary/pygls#606).

No upstream report of the `uuid4()` entries was found (openlawlibrary/pygls issues, April 2026).
Reproduce on stock pygls: `tests/unit/lsp/fastpath/test_pending.py` feeds a bare LanguageServer one
didChange and one command and finds both futures still filed; `make bench`'s soak shows the
growth, or its absence, over 10,000 sends and 10,000 edits.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from pygls.protocol import JsonRPCProtocol

MsgId = str | int  # as pygls.protocol.json_rpc.MsgId
AnyFuture = Any  # asyncio.Future or concurrent.futures.Future: both have add_done_callback


class SelfCleaningFutures(dict[MsgId, AnyFuture]):
    """pygls' `_request_futures`, forgetting each future once it is done."""

    def __init__(self, result_types: dict[MsgId, Any]) -> None:
        super().__init__()
        self._result_types = result_types

    def __setitem__(self, key: MsgId, future: AnyFuture) -> None:
        super().__setitem__(key, future)
        future.add_done_callback(partial(self._forget, key))

    def _forget(self, key: MsgId, future: AnyFuture) -> None:
        if self.get(key) is future:
            del self[key]
        self._result_types.pop(key, None)  # ids are not reused: pygls' own are uuid4()

    def items(self) -> list[tuple[MsgId, AnyFuture]]:  # type: ignore[override]
        return list(super().items())


def install(protocol: JsonRPCProtocol) -> None:
    """Give `protocol` a table of pending requests that does not grow with use."""
    if isinstance(protocol._request_futures, SelfCleaningFutures):
        return
    table = SelfCleaningFutures(protocol._result_types)
    for key, future in protocol._request_futures.items():
        table[key] = future
    protocol._request_futures = table
