"""A bare pygls server fed messages directly, for the fast path's unit tests: each message goes
through the protocol's own `structure_message` and `handle_message`, as the stdin loop hands it
over, and every answer is written to a buffer."""

from __future__ import annotations

import asyncio
import io
import json
from typing import Any

from oauth_http.lsp.fastpath import pending
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

URI = "file:///tmp/pending.http"


class Session:
    """A bare pygls server with one document handler and one command, fed messages directly."""

    def __init__(self, protocol_cls: type[LanguageServerProtocol], *, fixed: bool) -> None:
        self.server = LanguageServer("pending", "0", protocol_cls=protocol_cls)
        self.output = io.BytesIO()
        self.server.protocol.set_writer(StdoutWriter(self.output))
        if fixed:
            pending.install(self.server.protocol)
        self.edits = 0
        self.release = asyncio.Event()

        @self.server.feature("textDocument/didChange")
        def did_change(ls: LanguageServer, params: Any) -> None:
            self.edits += 1

        @self.server.command("wait")
        async def wait(ls: LanguageServer, *arguments: Any) -> str:
            await self.release.wait()
            return "done"

        self.feed({"id": 0, "method": "initialize", "params": {"capabilities": {}}})
        self.feed({"method": "initialized", "params": {}})

    @property
    def table(self) -> dict[Any, Any]:
        return self.server.protocol._request_futures

    def feed(self, message: dict[str, Any]) -> None:
        protocol = self.server.protocol
        text = json.dumps({"jsonrpc": "2.0", **message})
        protocol.handle_message(json.loads(text, object_hook=protocol.structure_message))

    def edit(self) -> None:
        change = {"text": "GET http://127.0.0.1/\n"}
        document = {"uri": URI, "version": self.edits + 2}
        self.feed(
            {
                "method": "textDocument/didChange",
                "params": {"textDocument": document, "contentChanges": [change]},
            }
        )

    def command(self, msg_id: int) -> None:
        params = {"command": "wait", "arguments": [{"uri": URI}]}
        self.feed({"id": msg_id, "method": "workspace/executeCommand", "params": params})

    def answers(self) -> dict[Any, dict[str, Any]]:
        found = {}
        for chunk in self.output.getvalue().split(b"Content-Length: ")[1:]:
            message = json.loads(chunk.split(b"\r\n\r\n", 1)[1])
            if "id" in message and "method" not in message:
                found[message["id"]] = message
        return found

    def open_document(self) -> None:
        document = {"uri": URI, "languageId": "http", "version": 1, "text": ""}
        self.feed({"method": "textDocument/didOpen", "params": {"textDocument": document}})


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)
