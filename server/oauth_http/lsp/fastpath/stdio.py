"""Reading the client's messages from stdin without a thread hop per line.

pygls reads stdin in a worker thread, one `readline` or `read` per call: four hops into the
event loop for every message, about a third of a millisecond of each round trip. When stdin is
a pipe or socket of its own (how VS Code and the tests start the server), asyncio reads it
directly instead. Anything else keeps pygls' reader: a terminal, a file, stdin shared with stdout
(non-blocking mode would also affect writes to stdout), Windows (whose proactor loop needs pipes
opened for overlapped I/O), or a pipe asyncio refuses.
"""

from __future__ import annotations

import asyncio
import logging
import os
import stat
import sys
import threading
from typing import BinaryIO

from pygls.io_ import StdinAsyncReader, StdoutWriter, run_async
from pygls.lsp.server import LanguageServer

logger = logging.getLogger(__name__)

STREAM_LIMIT = 1024 * 1024


class PipeReader:
    """pygls' `AsyncReader` over an asyncio stream; answers b"" at the end of input, as pygls'
    reader does."""

    def __init__(self, stdin: BinaryIO) -> None:
        self._stdin = stdin
        self._stream: asyncio.StreamReader | None = None
        self._fallback: StdinAsyncReader | None = None

    async def _connected(self) -> asyncio.StreamReader | StdinAsyncReader:
        if self._fallback is not None:
            return self._fallback
        if self._stream is None:
            loop = asyncio.get_running_loop()
            stream = asyncio.StreamReader(limit=STREAM_LIMIT)
            try:
                await loop.connect_read_pipe(
                    lambda: asyncio.StreamReaderProtocol(stream), self._stdin
                )
            except (OSError, ValueError) as error:
                logger.warning("Reading stdin through pygls' thread instead: %s", error)
                self._fallback = StdinAsyncReader(self._stdin)
                return self._fallback
            self._stream = stream
        return self._stream

    async def readline(self) -> bytes:
        reader = await self._connected()
        try:
            return await reader.readline()
        except ValueError:  # a header line longer than the limit: not LSP, end the session
            return b""

    async def readexactly(self, n: int) -> bytes:
        reader = await self._connected()
        try:
            return await reader.readexactly(n)
        except asyncio.IncompleteReadError:
            return b""


def has_own_pipe(stdin: BinaryIO, stdout: BinaryIO) -> bool:
    """Whether stdin is a pipe or socket that stdout does not share (and not on Windows)."""
    if os.name != "posix":
        return False
    try:
        stdin_stat = os.fstat(stdin.fileno())
        stdout_stat = os.fstat(stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    if not (stat.S_ISFIFO(stdin_stat.st_mode) or stat.S_ISSOCK(stdin_stat.st_mode)):
        return False
    same = (stdin_stat.st_dev, stdin_stat.st_ino) == (stdout_stat.st_dev, stdout_stat.st_ino)
    return not same


def run_on_stdio(server: LanguageServer) -> None:
    """Serve the client on stdin and stdout until it exits or the pipe breaks."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    if not has_own_pipe(stdin, stdout):
        server.start_io(stdin, stdout)
        return
    stop = threading.Event()
    server._stop_event = stop  # pygls' shutdown() sets it; run_async checks it between messages
    server.protocol.set_writer(StdoutWriter(stdout))
    try:
        asyncio.run(
            run_async(
                stop_event=stop,
                reader=PipeReader(stdin),
                protocol=server.protocol,
                logger=logger,
                error_handler=server.report_server_error,
            )
        )
    except BrokenPipeError:
        logger.error("The connection to the client is lost; shutting down.")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()  # type: ignore[no-untyped-call]
