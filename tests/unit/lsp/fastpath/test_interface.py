"""`oauth_http.lsp.fastpath`'s names with the fast path on and off (`ENABLED`), in-process; the
same over stdio is tests/lsp/test_fastpath_paths.py."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from typing import Any

import pytest
from oauth_http.lsp import fastpath
from oauth_http.lsp.fastpath.protocol import EncodedJson, OAuthHttpProtocol
from oauth_http.lsp.serialization import LightLenses
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

LENSES = LightLenses([(3, [0]), (3, [0, "sandbox"])])


def written(server: LanguageServer) -> list[dict[str, Any]]:
    writer = server.protocol.writer
    assert isinstance(writer, StdoutWriter) and isinstance(writer._stdout, io.BytesIO)
    output = writer._stdout
    chunks = output.getvalue().split(b"Content-Length: ")[1:]
    return [json.loads(chunk.split(b"\r\n\r\n", 1)[1]) for chunk in chunks]


def serving(protocol_cls: type[LanguageServerProtocol]) -> LanguageServer:
    server = LanguageServer("interface", "0", protocol_cls=protocol_cls)
    server.protocol.set_writer(StdoutWriter(io.BytesIO()))
    return server


def test_on_it_is_our_protocol_lenses_as_text_and_notifications_as_they_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fastpath, "ENABLED", True)
    assert fastpath.protocol_class() is OAuthHttpProtocol
    result = fastpath.lens_result(LENSES)
    assert isinstance(result, EncodedJson) and json.loads(result) == LENSES.values()
    server = serving(OAuthHttpProtocol)
    fastpath.notify(server, "oauthHttp/response", {"id": "r1", "headers": [["A-B", "c"]]})
    assert written(server) == [
        {
            "jsonrpc": "2.0",
            "method": "oauthHttp/response",
            "params": {"id": "r1", "headers": [["A-B", "c"]]},
        }
    ]


def test_off_it_is_stock_pygls_with_values_it_can_serialise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fastpath, "ENABLED", False)
    assert fastpath.protocol_class() is LanguageServerProtocol
    assert fastpath.lens_result(LENSES) == LENSES.values()
    server = serving(LanguageServerProtocol)
    fastpath.notify(server, "oauthHttp/response", {"id": "r1", "headers": [["A-B", "c"]]})
    server.protocol._send_response(7, fastpath.lens_result(LENSES))
    notification, answer = written(server)
    assert notification["params"] == {"id": "r1", "headers": [["A-B", "c"]]}
    assert answer == {"jsonrpc": "2.0", "id": 7, "result": LENSES.values()}


def test_a_stock_protocol_gets_stock_notifications_even_with_the_fast_path_on() -> None:
    server = serving(LanguageServerProtocol)
    fastpath.notify(server, "oauthHttp/response", {"id": "r2"})
    assert written(server)[0]["params"] == {"id": "r2"}


@pytest.mark.parametrize(("value", "enabled"), [("0", False), ("1", True), ("", True)])
def test_the_environment_switch(value: str, enabled: bool) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", "from oauth_http.lsp import fastpath; print(fastpath.ENABLED)"],
        env={**os.environ, "OAUTH_HTTP_FAST_PATH": value},
        capture_output=True,
        text=True,
        check=True,
    )
    assert finished.stdout.strip() == str(enabled)
