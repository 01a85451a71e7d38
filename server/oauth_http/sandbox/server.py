"""Serve the sandbox over HTTP with the standard library's ThreadingHTTPServer.

`start_sandbox()` runs it in a background thread and returns a RunningSandbox (a context
manager); `oauth-http sandbox` uses `serve_forever` on the same server in the foreground.
"""

from __future__ import annotations

import re
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from oauth_http.sandbox.accounts import SANDBOX_DEFAULT_HOST, demo_consumers
from oauth_http.sandbox.app import SandboxApp
from oauth_http.sandbox.messages import IncomingRequest, Response
from oauth_http.sandbox.state import SandboxState

MAX_BODY_BYTES = 10 * 1024 * 1024
SHUTDOWN_POLL_SECONDS = 0.05
_SECRET_QUERY_VALUE = re.compile(r"((?:^|[?&])oauth_(?:signature|token|verifier)=)[^&\s]*")


class SandboxHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], app: SandboxApp, *, log_requests: bool) -> None:
        super().__init__(address, _SandboxRequestHandler)
        self.app = app
        self.log_requests = log_requests

    @property
    def address(self) -> str:
        """`host:port` as bound (with the real port when 0 was asked for)."""
        host, port = self.server_address[:2]
        return f"{host if isinstance(host, str) else host.decode()}:{port}"


class _SandboxRequestHandler(BaseHTTPRequestHandler):
    server: SandboxHTTPServer
    protocol_version = "HTTP/1.1"
    # Headers and body go out in one segment, with no Nagle delay, so keep-alive clients do not
    # wait ~40 ms per response for a delayed ACK.
    disable_nagle_algorithm = True
    wbufsize = 64 * 1024
    server_version = "OAuthHTTPSandbox/1.0"

    def do_GET(self) -> None:
        self._dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET  # noqa: N815

    def _dispatch(self) -> None:
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            self._send(Response(411, b"Send the body with a Content-Length, not chunked."))
            return
        length_header = self.headers.get("Content-Length", "0") or "0"
        length = int(length_header) if length_header.isdigit() else -1
        if not 0 <= length <= MAX_BODY_BYTES:
            self.close_connection = True
            self._send(Response(413, b"Request body missing a valid Content-Length or too big."))
            return
        path, _, query = self.path.partition("?")
        request = IncomingRequest(
            method=self.command,
            path=path,
            query=query,
            headers=tuple(self.headers.items()),
            body=self.rfile.read(length) if length else b"",
            host=self.headers.get("Host") or self.server.address,
        )
        try:
            response = self.server.app.handle(request)
        except Exception as error:  # a sandbox bug must still answer, not drop the connection
            response = Response(500, f"Sandbox error: {type(error).__name__}".encode())
        self._send(response)

    def _send(self, response: Response) -> None:
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if self.server.log_requests:
            line = _SECRET_QUERY_VALUE.sub(r"\1****", self.requestline)
            sys.stderr.write(f"{self.address_string()} {line} -> {code}\n")

    def log_message(self, format: str, *args: object) -> None:
        if self.server.log_requests:
            sys.stderr.write(f"sandbox: {format % args}\n")


class RunningSandbox:
    """A sandbox serving in a background thread; `url` has no trailing slash."""

    def __init__(self, server: SandboxHTTPServer) -> None:
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": SHUTDOWN_POLL_SECONDS},
            name="oauth-http-sandbox",
            daemon=True,
        )
        self._thread.start()

    @property
    def app(self) -> SandboxApp:
        return self._server.app

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{self._server.address}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> RunningSandbox:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def make_server(
    host: str = SANDBOX_DEFAULT_HOST,
    port: int = 0,
    *,
    clock: Callable[[], float] | None = None,
    log_requests: bool = False,
) -> SandboxHTTPServer:
    """Bind a sandbox server (port 0 picks a free port) without starting to serve."""
    state = SandboxState(demo_consumers(), clock or time.time)
    return SandboxHTTPServer((host, port), SandboxApp(state), log_requests=log_requests)


def start_sandbox(
    host: str = SANDBOX_DEFAULT_HOST,
    port: int = 0,
    *,
    clock: Callable[[], float] | None = None,
    log_requests: bool = False,
) -> RunningSandbox:
    """Start a sandbox serving in a background thread; stop it with `.stop()` or `with`."""
    return RunningSandbox(make_server(host, port, clock=clock, log_requests=log_requests))
