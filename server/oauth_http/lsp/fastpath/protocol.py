"""pygls' protocol, minus three costs this server does not need.

- Document sync: pygls stores every open document and re-splits it on each change with a Python
  loop over its lines; the server keeps its own store (lsp/documents.py), so didOpen, didChange
  and didClose are only passed on to the server's handlers.
- Commands: pygls inspects a command handler's signature and evaluates its type hints on every
  `workspace/executeCommand` to convert the arguments; every command here takes
  `(ls, *arguments)` as sent, so they are passed on as they are. And the command runs as the
  request's own task, so `$/cancelRequest` cancels it: pygls runs it as a second task its
  generator waits on, and a cancel stops only the generator (the command ran on to its end).
- Answers already JSON: `notify_json` sends a notification whose parameters are plain JSON (the
  response record) without pygls' generic conversion of every nested value, and a result that is
  already JSON text (`EncodedJson`: the code lenses) is written out as it is.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
from collections.abc import Iterator, Mapping
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.feature_manager import is_thread_function
from pygls.protocol import LanguageServerProtocol, lsp_method

logger = logging.getLogger(__name__)

Dispatch = Iterator[tuple[Any, tuple[Any, ...], None]]


class EncodedJson(str):
    """A result already encoded as JSON text, sent without conversion."""


class OAuthHttpProtocol(LanguageServerProtocol):
    def notify_json(self, method: str, params: Mapping[str, Any]) -> None:
        self._send_data({"jsonrpc": self.VERSION, "method": method, "params": params})

    def _send_response(self, msg_id: Any, result: Any = None, error: Any = None) -> None:
        if error is not None or not isinstance(result, EncodedJson):
            super()._send_response(msg_id, result, error)
            return
        self._result_types.pop(msg_id, None)
        message = f'{{"jsonrpc":"2.0","id":{json.dumps(msg_id)},"result":{result}}}'.encode()
        if self.writer is None:
            logger.error("Cannot answer request %s: no transport", msg_id)
            return
        if self._include_headers:
            header = (
                f"Content-Length: {len(message)}\r\n"
                f"Content-Type: {self.CONTENT_TYPE}; charset={self.CHARSET}\r\n\r\n"
            ).encode()
            message = header + message
        self.writer.write(message)  # the stdio writer, which writes at once

    def _forward(self, method: str, params: Any) -> Dispatch:
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> Dispatch:
        yield from self._forward(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Dispatch:
        yield from self._forward(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> Dispatch:
        yield from self._forward(types.TEXT_DOCUMENT_DID_CLOSE, params)

    @lsp_method(types.WORKSPACE_EXECUTE_COMMAND)
    async def lsp_workspace__execute_command(  # type: ignore[override]  # a coroutine, not a generator
        self, params: types.ExecuteCommandParams
    ) -> Any:
        handler = self.fm.commands.get(params.command)
        if handler is None:
            raise JsonRpcInvalidParams.of(ValueError(f"Command {params.command!r} is not defined"))
        arguments = tuple(params.arguments or ())
        if is_thread_function(handler):  # type: ignore[no-untyped-call]
            return await asyncio.wrap_future(self._server.thread_pool.submit(handler, *arguments))
        result = handler(*arguments)
        return await result if inspect.isawaitable(result) else result
