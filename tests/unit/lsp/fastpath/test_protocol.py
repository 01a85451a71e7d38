"""The fast path's command dispatch: arguments as sent, and `$/cancelRequest` reaching the command
(stock pygls 2.1.1 answers the cancel but lets the command run on)."""

from __future__ import annotations

import asyncio
from typing import Any

from oauth_http.lsp.fastpath.protocol import OAuthHttpProtocol
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from tests.unit.lsp.fastpath.pygls_session import Session, settle


def _watched_command(session: Session) -> tuple[list[tuple[Any, ...]], list[str]]:
    received: list[tuple[Any, ...]] = []
    outcome: list[str] = []

    @session.server.command("watched")
    async def watched(ls: LanguageServer, *arguments: Any) -> str:
        received.append(arguments)
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            outcome.append("cancelled")
            raise
        outcome.append("ran to its end")
        return "done"

    return received, outcome


def _run(session: Session, msg_id: int, *arguments: Any) -> None:
    params = {"command": "watched", "arguments": list(arguments)}
    session.feed({"id": msg_id, "method": "workspace/executeCommand", "params": params})


async def test_a_cancel_request_cancels_the_command_on_the_fast_path_only() -> None:
    for protocol_cls, reached in ((OAuthHttpProtocol, True), (LanguageServerProtocol, False)):
        session = Session(protocol_cls, fixed=True)
        _, outcome = _watched_command(session)
        _run(session, 1)
        await settle()
        session.feed({"method": "$/cancelRequest", "params": {"id": 1}})
        await settle()
        assert session.answers()[1]["error"]["code"] == -32800, protocol_cls
        assert outcome == (["cancelled"] if reached else []), protocol_cls


async def test_commands_get_their_arguments_as_sent_on_both_paths() -> None:
    arguments = ({"uri": "file:///a.http", "line": 3, "Content-Type": "x"}, 2, None, ["a"])
    for protocol_cls in (OAuthHttpProtocol, LanguageServerProtocol):
        session = Session(protocol_cls, fixed=True)
        received, _ = _watched_command(session)
        _run(session, 1, *arguments)
        await settle()
        assert received == [arguments], protocol_cls


async def test_an_unknown_command_is_invalid_params_on_both_paths() -> None:
    for protocol_cls in (OAuthHttpProtocol, LanguageServerProtocol):
        session = Session(protocol_cls, fixed=True)
        session.feed({"id": 1, "method": "workspace/executeCommand", "params": {"command": "nope"}})
        await settle()
        error = session.answers()[1]["error"]
        assert error["code"] == -32602 and "nope" in error["message"], protocol_cls
