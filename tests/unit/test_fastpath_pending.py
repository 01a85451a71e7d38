"""pygls' table of pending requests: what stock pygls 2.1.1 keeps, and what `pending.install`
leaves of it. Messages go through the protocol's own `structure_message` and `handle_message`, as
the stdin loop hands them over; answers are written to a buffer."""

from __future__ import annotations

import asyncio
import io
import json
from typing import Any

from oauth_http.lsp.fastpath import pending
from oauth_http.lsp.fastpath.protocol import OAuthHttpProtocol
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


async def test_stock_pygls_still_files_a_future_per_edit_and_per_command_forever() -> None:
    """If this fails, pygls stopped keeping these: `fastpath/pending.py` may be dropped."""
    session = Session(LanguageServerProtocol, fixed=False)
    session.open_document()
    await settle()
    before = len(session.table)
    session.edit()
    session.command(1)
    session.release.set()
    await settle()
    assert session.answers()[1]["result"] == "done" and session.edits == 1
    kept = list(session.table.values())[before:]
    assert len(kept) == 2 and all(future.done() for future in kept), session.table


async def test_installed_the_table_keeps_only_what_is_still_running() -> None:
    for protocol_cls in (LanguageServerProtocol, OAuthHttpProtocol):
        session = Session(protocol_cls, fixed=True)
        session.open_document()
        for _ in range(50):
            session.edit()
        for msg_id in range(1, 51):
            session.command(msg_id)
        await settle()
        running = len(session.table)
        assert running >= 50, "each running command is pending"
        session.release.set()
        await settle()
        answers = session.answers()
        assert all(answers[msg_id]["result"] == "done" for msg_id in range(1, 51))
        assert session.edits == 50
        assert session.table == {}, protocol_cls


async def test_an_error_answer_to_a_server_request_leaves_nothing_behind() -> None:
    session = Session(LanguageServerProtocol, fixed=True)
    protocol = session.server.protocol
    asked = protocol.send_request_async("workspace/codeLens/refresh", None, msg_id="refresh-1")
    assert "refresh-1" in session.table and "refresh-1" in protocol._result_types
    session.feed({"id": "refresh-1", "error": {"code": -32601, "message": "no"}})
    try:
        await asked
    except Exception as error:
        assert "no" in str(error)
    await settle()
    assert "refresh-1" not in session.table
    assert "refresh-1" not in protocol._result_types


async def test_shutdown_with_a_command_running_answers_instead_of_failing() -> None:
    """Stock pygls 2.1.1 answers this shutdown with "dictionary changed size during iteration"
    (openlawlibrary/pygls#606): cancelling the command's future removes it from the table."""
    for fixed, expected in ((False, "error"), (True, "result")):
        session = Session(LanguageServerProtocol, fixed=fixed)
        session.command(1)
        await settle()
        session.feed({"id": 2, "method": "shutdown"})
        await settle()
        answers = session.answers()
        assert "error" in answers[1], "the running command is cancelled"
        assert expected in answers[2], (fixed, answers[2])
        if fixed:
            assert answers[2]["result"] is None


def test_install_keeps_what_is_already_pending_and_is_idempotent() -> None:
    session = Session(LanguageServerProtocol, fixed=False)
    before = dict(session.table)
    pending.install(session.server.protocol)
    table = session.table
    pending.install(session.server.protocol)
    assert session.table is table and isinstance(table, pending.SelfCleaningFutures)
    assert dict(table) == {key: future for key, future in before.items() if not future.done()}
