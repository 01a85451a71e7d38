"""The server's stdin reader: asyncio on a pipe of its own, pygls' threaded reader otherwise."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from oauth_http.lsp.fastpath.stdio import PipeReader, has_own_pipe


def _message(payload: dict[str, object]) -> bytes:
    body = json.dumps({"jsonrpc": "2.0", **payload}).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def test_a_pipe_of_its_own_is_read_with_asyncio(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    with open(read_end, "rb", buffering=0) as stdin, open(tmp_path / "out", "wb") as stdout:
        assert has_own_pipe(stdin, stdout)
    os.close(write_end)


def test_a_file_a_shared_socket_or_a_closed_stream_keeps_the_threaded_reader(
    tmp_path: Path,
) -> None:
    file = tmp_path / "in"
    file.write_bytes(b"")
    with open(file, "rb") as stdin, open(tmp_path / "out", "wb") as stdout:
        assert not has_own_pipe(stdin, stdout)
    one, other = socket.socketpair()
    with one, other, one.makefile("rb") as stdin, one.makefile("wb") as stdout:
        assert not has_own_pipe(stdin, stdout), "stdin and stdout are the same socket"
    closed = open(file, "rb")  # noqa: SIM115
    closed.close()
    with open(tmp_path / "out", "wb") as stdout:
        assert not has_own_pipe(closed, stdout)


def test_the_pipe_reader_reads_lines_and_bodies_and_answers_empty_at_the_end() -> None:
    read_end, write_end = os.pipe()

    async def read_all() -> list[bytes]:
        with open(read_end, "rb", buffering=0) as stdin:
            reader = PipeReader(stdin)
            os.write(write_end, b"Content-Length: 5\r\n\r\nhello")
            os.write(write_end, b"Content-Length: 9\r\n\r\nshort")
            os.close(write_end)
            return [
                await reader.readline(),
                await reader.readline(),
                await reader.readexactly(5),
                await reader.readline(),
                await reader.readline(),
                await reader.readexactly(9),  # the input ends before the body does
                await reader.readline(),
            ]

    assert asyncio.run(read_all()) == [
        b"Content-Length: 5\r\n",
        b"\r\n",
        b"hello",
        b"Content-Length: 9\r\n",
        b"\r\n",
        b"",
        b"",
    ]


def test_a_stream_asyncio_refuses_is_read_through_the_thread_instead(tmp_path: Path) -> None:
    file = tmp_path / "in"
    file.write_bytes(b"Content-Length: 2\r\n\r\n{}")

    async def read_all() -> list[bytes]:
        with open(file, "rb") as stdin:
            reader = PipeReader(stdin)
            return [
                await reader.readline(),
                await reader.readline(),
                await reader.readexactly(2),
                await reader.readline(),
            ]

    assert asyncio.run(read_all()) == [b"Content-Length: 2\r\n", b"\r\n", b"{}", b""]


@pytest.mark.parametrize("arguments", [["serve"], ["serve", "--log-level", "INFO"]])
def test_the_server_still_serves_when_stdin_is_a_file(tmp_path: Path, arguments: list[str]) -> None:
    script = tmp_path / "session.bin"
    script.write_bytes(
        _message({"id": 1, "method": "initialize", "params": {"capabilities": {}}})
        + _message({"method": "initialized", "params": {}})
        + _message({"id": 2, "method": "shutdown"})
        + _message({"method": "exit"})
    )
    with open(script, "rb") as stdin:
        finished = subprocess.run(
            [sys.executable, "-m", "oauth_http", *arguments],
            stdin=stdin,
            capture_output=True,
            timeout=60,
            check=False,
        )
    assert finished.returncode == 0, finished.stderr.decode()
    assert b'"serverInfo": {"name": "oauth-http"' in finished.stdout
    assert b'"id": 2' in finished.stdout
