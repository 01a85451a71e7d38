"""The httpbed's HTTP adapter: ThreadingHTTPServer, keep-alive, routes from `routes.py`."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qsl

from tests.httpbed.routes import Request, Response, Stall, route


class BedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, tls: bool) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stopping = threading.Event()
        self.scheme = "https" if tls else "http"
        self.requests_seen: list[Request] = []
        if tls:
            from tests.httpbed.tls import self_signed_context

            self.socket = self_signed_context().wrap_socket(self.socket, server_side=True)


class _Handler(BaseHTTPRequestHandler):
    server: BedServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path, _, query = self.path.partition("?")
        request = Request(
            method=self.command,
            path=path,
            query=parse_qsl(query, keep_blank_values=True),
            raw_query=query,
            headers=list(self.headers.items()),
            body=body,
            host=self.headers.get("Host", ""),
            base_url=f"{self.server.scheme}://{self.headers.get('Host', '')}",
        )
        self.server.requests_seen.append(request)
        answer = route(request)
        if isinstance(answer, Stall):
            self._stall(answer)
            return
        self._send(answer)

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET  # noqa: N815

    def _send(self, response: Response) -> None:
        self.send_response(response.status, response.reason)
        for name, value in response.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def _stall(self, stall: Stall) -> None:
        """Answer nothing (or only the start of a response) until the server stops."""
        if stall.head is not None:
            self.send_response(stall.head.status)
            for name, value in stall.head.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(stall.announced_length))
            self.end_headers()
            self.wfile.write(stall.head.body)
            self.wfile.flush()
        self.server.stopping.wait()
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        pass


class RunningBed:
    """A running httpbed: `url` is `http://127.0.0.1:PORT`, `other_host_url` the same server
    as `http://localhost:PORT` (another host name for redirect tests)."""

    def __init__(self, server: BedServer) -> None:
        self.server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    @property
    def url(self) -> str:
        return f"{self.server.scheme}://127.0.0.1:{self.port}"

    @property
    def other_host_url(self) -> str:
        return f"{self.server.scheme}://localhost:{self.port}"

    @property
    def requests_seen(self) -> list[Request]:
        return self.server.requests_seen

    def stop(self) -> None:
        self.server.stopping.set()
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> RunningBed:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def start_httpbed(*, tls: bool = False) -> RunningBed:
    return RunningBed(BedServer(tls))
