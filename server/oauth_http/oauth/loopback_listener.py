"""The real Loopback listener: a tiny HTTP/1.1 server on 127.0.0.1 (asyncio streams, on the
caller's event loop) for one authorization.

Only a GET of the callback path is passed on to the flow; that request is held until the flow
answers it with its page. Anything else gets a short page (404, 405) and never reaches the flow.
The query, which holds the verifier, is never logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from oauth_http.oauth.loopback import (
    CallbackAddress,
    CallbackListener,
    CallbackRequest,
    LoopbackError,
    landing_page,
)

HEAD_LIMIT = 16 * 1024
READ_TIMEOUT_SECONDS = 10.0
OVER_PAGE = landing_page(
    "Nothing is waiting here any more",
    "This authorization is over in OAuth HTTP (it finished, was cancelled or timed out).",
    succeeded=False,
)


@dataclass
class _Held:
    query: dict[str, str]
    page: asyncio.Future[str] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class _Listener:
    def __init__(self, path: str) -> None:
        self.path = path
        self.url = ""
        self.servers: list[asyncio.Server] = []
        self._arrivals: asyncio.Queue[_Held] = asyncio.Queue()
        self._current: _Held | None = None
        self._held: list[_Held] = []

    @property
    def callback_url(self) -> str:
        return self.url

    async def next_callback(self) -> CallbackRequest:
        self._current = await self._arrivals.get()
        return CallbackRequest(dict(self._current.query))

    async def answer(self, page: str) -> None:
        if self._current is not None and not self._current.page.done():
            self._current.page.set_result(page)

    async def close(self) -> None:
        for server in self.servers:
            server.close()
        for held in self._held:
            if not held.page.done():
                held.page.set_result(OVER_PAGE)
        for server in self.servers:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(server.wait_closed(), READ_TIMEOUT_SECONDS)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), READ_TIMEOUT_SECONDS)
            method, target = _request_line(head)
            path, _, query = target.partition("?")
            if method != "GET":
                await _reply(writer, 405, _short_page("Only GET is answered here."))
            elif path != self.path:
                await _reply(
                    writer, 404, _short_page("OAuth HTTP waits for the browser elsewhere.")
                )
            else:
                held = _Held(dict(parse_qsl(query, keep_blank_values=True)))
                self._held.append(held)
                await self._arrivals.put(held)
                await _reply(writer, 200, await held.page)
        except (
            asyncio.IncompleteReadError,
            asyncio.LimitOverrunError,
            asyncio.TimeoutError,
            ValueError,
        ):
            await _reply(writer, 400, _short_page("That was not an HTTP request."))
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()


class AsyncioLoopbackServer:
    """Opens one listener per authorization (`LoopbackServer`)."""

    async def listen(self, address: CallbackAddress) -> CallbackListener:
        listener = _Listener(address.path)
        host = "::1" if address.host == "::1" else "127.0.0.1"
        first = await _serve(listener, host, address.port)
        port = int(first.sockets[0].getsockname()[1])
        listener.servers.append(first)
        if address.host == "localhost":  # a browser may resolve localhost to ::1 first
            with contextlib.suppress(LoopbackError):
                listener.servers.append(await _serve(listener, "::1", port))
        shown_host = "[::1]" if address.host == "::1" else address.host
        listener.url = f"http://{shown_host}:{port}{address.path}"
        return listener


async def _serve(listener: _Listener, host: str, port: int) -> asyncio.Server:
    try:
        return await asyncio.start_server(listener.handle, host, port, limit=HEAD_LIMIT)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise LoopbackError(
                f"Port {port} on {host} is in use, so OAuth HTTP cannot receive the browser's "
                'redirect there: stop the program that uses it, or set "Callback" to another '
                "port (or remove it, and a free port is used)."
            ) from None
        raise LoopbackError(
            f"OAuth HTTP cannot listen on {host}:{port} for the browser's redirect "
            f"({error.strerror or error})."
        ) from None


def _request_line(head: bytes) -> tuple[str, str]:
    words = head.split(b"\r\n", 1)[0].decode("latin-1").split()
    if len(words) != 3 or not words[2].startswith("HTTP/"):
        raise ValueError("not a request line")
    return words[0], words[1]


def _short_page(message: str) -> str:
    return landing_page("OAuth HTTP", message, succeeded=False)


async def _reply(writer: asyncio.StreamWriter, status: int, page: str) -> None:
    reasons = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}
    body = page.encode("utf-8")
    head = (
        f"HTTP/1.1 {status} {reasons[status]}\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
    )
    writer.write(head.encode("ascii") + body)
    with contextlib.suppress(ConnectionError):
        await writer.drain()
