"""A command that fails unexpectedly (a bug, a RecursionError, a MemoryError) gets an error
answer, and the server goes on answering, on the fast path and on stock pygls alike."""

from __future__ import annotations

from typing import Any

import pytest
from oauth_http.lsp.fastpath.protocol import OAuthHttpProtocol
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from tests.unit.lsp.fastpath.pygls_session import Session, settle


@pytest.mark.parametrize("protocol_cls", [OAuthHttpProtocol, LanguageServerProtocol])
@pytest.mark.parametrize("failure", [RecursionError, MemoryError, KeyError])
async def test_a_failing_command_answers_an_error_and_the_server_goes_on(
    protocol_cls: type[LanguageServerProtocol], failure: type[BaseException]
) -> None:
    session = Session(protocol_cls, fixed=True)

    @session.server.command("explode")
    async def explode(ls: LanguageServer, *arguments: Any) -> str:
        raise failure("boom")

    @session.server.command("fine")
    async def fine(ls: LanguageServer, *arguments: Any) -> str:
        return "still here"

    for msg_id, command in ((1, "explode"), (2, "fine")):
        params = {"command": command, "arguments": []}
        session.feed({"id": msg_id, "method": "workspace/executeCommand", "params": params})
        await settle()
    answers = session.answers()
    assert "error" in answers[1] and "result" not in answers[1]
    assert answers[2].get("result") == "still here"
