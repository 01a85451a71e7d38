"""Every pygls internal the fast path overrides or touches, still there with the shape it expects.

A pygls upgrade that renames, moves or re-shapes one of them fails here, naming it, before it can
fail a user. The list is the one in `oauth_http/lsp/fastpath/__init__.py`; the behaviour on both
paths is tests/lsp/test_fastpath_paths.py's.
"""

from __future__ import annotations

import inspect
import io
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import pygls.io_
import pytest
from lsprotocol import types
from oauth_http.lsp import methods
from oauth_http.lsp.fastpath import pending
from oauth_http.lsp.fastpath.protocol import OAuthHttpProtocol
from oauth_http.lsp.main import create_server
from pygls import feature_manager
from pygls.lsp.server import LanguageServer
from pygls.progress import Progress
from pygls.protocol import JsonRPCProtocol, LanguageServerProtocol, lsp_method
from pygls.protocol import language_server as language_server_module
from pygls.server import JsonRPCServer

if TYPE_CHECKING:
    from oauth_http.lsp.server import OAuthHttpServer


def parameters(function: Callable[..., Any]) -> list[str]:
    return list(inspect.signature(function).parameters)


OVERRIDDEN_BUILTINS = {
    "lsp_text_document__did_open": types.TEXT_DOCUMENT_DID_OPEN,
    "lsp_text_document__did_change": types.TEXT_DOCUMENT_DID_CHANGE,
    "lsp_text_document__did_close": types.TEXT_DOCUMENT_DID_CLOSE,
    "lsp_workspace__execute_command": types.WORKSPACE_EXECUTE_COMMAND,
}

SIGNATURES: dict[str, tuple[Callable[..., Any], list[str], str]] = {
    "JsonRPCProtocol._send_response": (
        JsonRPCProtocol._send_response,
        ["self", "msg_id", "result", "error"],
        "protocol.py overrides it to send EncodedJson as it is",
    ),
    "JsonRPCProtocol._send_data": (
        JsonRPCProtocol._send_data,
        ["self", "data"],
        "protocol.py's notify_json sends through it",
    ),
    "JsonRPCProtocol.set_writer": (
        JsonRPCProtocol.set_writer,
        ["self", "writer", "include_headers"],
        "stdio.py sets the stdout writer",
    ),
    "JsonRPCProtocol._execute_handler": (
        JsonRPCProtocol._execute_handler,
        ["self", "msg_id", "handler", "callback", "args", "kwargs"],
        "pending.py's table is filled here; the overridden builtins are run here",
    ),
    "JsonRPCProtocol._run_generator": (
        JsonRPCProtocol._run_generator,
        ["self", "future", "gen", "result_future"],
        "protocol.py's document-sync handlers are generators it runs",
    ),
    "pygls.io_.run_async": (
        pygls.io_.run_async,
        ["stop_event", "reader", "protocol", "logger", "error_handler"],
        "stdio.py runs pygls' message loop over its own reader",
    ),
    "pygls.io_.StdinAsyncReader": (
        pygls.io_.StdinAsyncReader,
        ["stdin", "executor"],
        "stdio.py falls back to it",
    ),
    "pygls.io_.StdoutWriter": (pygls.io_.StdoutWriter, ["stdout"], "stdio.py writes with it"),
    "JsonRPCServer.start_io": (
        JsonRPCServer.start_io,
        ["self", "stdin", "stdout"],
        "fastpath.run and stdio.py fall back to it",
    ),
    "language_server._prepare_command_arguments": (
        language_server_module._prepare_command_arguments,
        ["handler", "params", "converter"],
        "stock pygls converts command arguments with it (the commands must get them raw)",
    ),
    "feature_manager.is_thread_function": (
        feature_manager.is_thread_function,
        ["f"],
        "protocol.py's command dispatch runs @thread commands in the pool",
    ),
}


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def test_each_internal_keeps_its_signature(name: str) -> None:
    function, expected, why = SIGNATURES[name]
    found = parameters(function)
    assert found == expected, f"pygls changed {name}{tuple(found)}: {why}"


@pytest.mark.parametrize("name", sorted(OVERRIDDEN_BUILTINS))
def test_each_overridden_builtin_handler_is_still_a_builtin_of_that_method(name: str) -> None:
    method = OVERRIDDEN_BUILTINS[name]
    stock = getattr(LanguageServerProtocol, name, None)
    assert stock is not None, f"pygls no longer has LanguageServerProtocol.{name} ({method})"
    assert getattr(stock, "method_name", None) == method, f"pygls moved {method} off {name}"
    assert parameters(stock) == ["self", "params"], f"pygls changed {name}'s parameters"
    server = LanguageServer("contract", "0", protocol_cls=OAuthHttpProtocol)
    registered = server.protocol.fm.builtin_features.get(method)
    assert registered is not None, f"pygls no longer registers a builtin handler for {method}"
    assert registered.__func__ is getattr(OAuthHttpProtocol, name), (
        f"pygls' _register_builtin_features no longer picks OAuthHttpProtocol.{name} for {method}"
    )


def test_lsp_method_still_marks_a_builtin_by_method_name() -> None:
    @lsp_method("x/y")
    def handler(self: object, params: object) -> None: ...

    assert getattr(handler, "method_name", None) == "x/y"


def test_the_protocol_still_holds_what_the_fast_path_reads_and_replaces() -> None:
    protocol = LanguageServer("contract", "0").protocol
    for name in ("_request_futures", "_result_types"):
        assert type(getattr(protocol, name, None)) is dict, f"pygls changed protocol.{name}"
    assert hasattr(protocol, "writer") and protocol._include_headers is False
    assert isinstance(protocol.fm.features, dict) and isinstance(protocol.fm.commands, dict)
    assert isinstance(protocol.progress, Progress) and protocol.progress.tokens == {}
    assert (protocol.VERSION, protocol.CHARSET) == ("2.0", "utf-8")
    assert protocol.CONTENT_TYPE == "application/vscode-jsonrpc"
    pending.install(protocol)
    assert isinstance(protocol._request_futures, pending.SelfCleaningFutures)


def test_the_server_still_has_a_thread_pool_for_thread_commands() -> None:
    server = LanguageServer("contract", "0")
    assert isinstance(server.thread_pool, ThreadPoolExecutor), "pygls changed thread_pool"
    server.thread_pool.shutdown()


def test_shutdown_still_ends_the_loop_through_stop_event() -> None:
    server = LanguageServer("contract", "0")
    assert server._stop_event is None, "pygls changed JsonRPCServer._stop_event"
    stop = threading.Event()
    server._stop_event = stop
    server.shutdown()
    assert stop.is_set(), "JsonRPCServer.shutdown() no longer sets _stop_event (stdio.py's loop)"


def test_the_stdout_writer_writes_through_and_flushes() -> None:
    out = io.BytesIO()
    pygls.io_.StdoutWriter(out).write(b"x")
    assert out.getvalue() == b"x"


def test_stock_pygls_hands_every_command_of_the_server_its_arguments_unconverted() -> None:
    """The registration form `async def command(ls: <server class>, *arguments: Any)`: pygls
    skips the first parameter (named `ls`) and gives `*arguments` the values as sent; it
    evaluates every annotation of the handler first, so each must resolve at run time."""
    server = create_server()
    converter = server.protocol._converter
    arguments = [{"uri": "file:///a.http", "line": 1, "Content-Type": "x"}, [2], None]
    assert methods.SEND in server.protocol.fm.commands
    for name, handler in server.protocol.fm.commands.items():
        params = types.ExecuteCommandParams(command=name, arguments=arguments)
        prepared = language_server_module._prepare_command_arguments(handler, params, converter)
        assert prepared == (tuple(arguments), {}), f"{name} gets {prepared} on stock pygls"


def test_stock_pygls_refuses_a_command_whose_annotations_do_not_resolve() -> None:
    """Why the form above needs annotations that resolve: a name imported only for type
    checking makes every call of the command fail (pygls answers "Invalid Params")."""
    server = LanguageServer("contract", "0")

    async def command(ls: OAuthHttpServer, *arguments: Any) -> Any:  # only under TYPE_CHECKING
        return arguments

    server.command("contract.unresolved")(command)
    handler = server.protocol.fm.commands["contract.unresolved"]
    params = types.ExecuteCommandParams(command="contract.unresolved", arguments=[1])
    with pytest.raises(NameError, match="OAuthHttpServer"):
        language_server_module._prepare_command_arguments(
            handler, params, server.protocol._converter
        )
