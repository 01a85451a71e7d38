"""pygls' table of pending requests: what stock pygls 2.1.1 keeps, and what `pending.install`
leaves of it."""

from __future__ import annotations

from oauth_http.lsp.fastpath import pending
from oauth_http.lsp.fastpath.protocol import OAuthHttpProtocol
from pygls.protocol import LanguageServerProtocol

from tests.unit.lsp.fastpath.pygls_session import Session, settle


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
