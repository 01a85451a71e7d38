"""A minimal JSON-RPC client over stdio that only decodes JSON, as VS Code's client does.

pygls' Python client turns every result into lsprotocol objects; for 20,000 code lenses that
costs more than the server's own work, so the big-file figures use this client instead.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from pathlib import Path
from typing import Any


class RawLspClient:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.answers: dict[str, Any] = {}  # method -> callable(params) answering a server request
        self.listeners: dict[str, Any] = {}  # method -> callable(params) taking a notification
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[Any]] = {}
        self._reader = asyncio.create_task(self._read_forever())

    @classmethod
    async def start(cls, *command: str) -> RawLspClient:
        process = await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=64 * 1024 * 1024,
        )
        return cls(process)

    def _write(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method: str, params: Any) -> None:
        self._write({"method": method, "params": params})

    async def initialize(self, folder: Path) -> None:
        """`initialize` on `folder` as the one workspace folder (no client capabilities), then
        `initialized`."""
        await self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": folder.as_uri(),
                "workspaceFolders": [{"uri": folder.as_uri(), "name": folder.name}],
                "capabilities": {},
            },
        )
        self.notify("initialized", {})

    def open(self, path: Path) -> str:
        """Open the file at `path` as an http document; its URI."""
        text = path.read_text(encoding="utf-8")
        item = {"uri": path.as_uri(), "languageId": "http", "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": item})
        return path.as_uri()

    async def request(self, method: str, params: Any) -> Any:
        message_id = next(self._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._waiting[message_id] = future
        self._write({"id": message_id, "method": method, "params": params})
        return await future

    async def _read_forever(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        while True:
            header = await stdout.readuntil(b"\r\n\r\n")
            length = next(
                int(line.split(b":")[1])
                for line in header.split(b"\r\n")
                if line.lower().startswith(b"content-length")
            )
            message = json.loads(await stdout.readexactly(length))
            if "method" in message and "id" in message:  # a request from the server
                answer: Any = None
                if message["method"] == "workspace/configuration":
                    answer = [{} for _ in message["params"]["items"]]
                elif message["method"] in self.answers:
                    answer = self.answers[message["method"]](message["params"])
                self._write({"id": message["id"], "result": answer})
            elif "method" in message and message["method"] in self.listeners:
                self.listeners[message["method"]](message["params"])
            elif "id" in message and message["id"] in self._waiting:
                self._waiting.pop(message["id"]).set_result(message.get("result"))

    async def stop(self) -> None:
        await self.request("shutdown", None)
        self.notify("exit", None)
        await self.process.wait()
        self._reader.cancel()
