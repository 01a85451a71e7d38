"""A hostile HTTP server on 127.0.0.1: answers too big, too slow, too deep or malformed.

`start_hostile()` serves each connection in its own thread, writing raw bytes (so it can break
HTTP in ways `http.server` will not); the answers are `hostile_cases.py`'s. Every connection is
bounded by `max_bytes` written and `max_seconds` spent, so a client whose own bounds break still
gets a finite answer. Each connection is recorded as a `Visit`: the request line (None when the
client sent no request at all), the bytes written, and whether and when the client closed the
connection, which is how tests check that a cancel or a size cap really stopped the transfer.
"""

from __future__ import annotations

import select
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from tests.httpbed.hostile_cases import CASES, Pause, Reset
from tests.httpbed.network import ClosedOnExit

MAX_BYTES = 300 * 1024 * 1024
MAX_SECONDS = 30.0
_HEAD_LIMIT = 64 * 1024


@dataclass
class Visit:
    """One connection as the server saw it."""

    opened_at: float
    request_line: str | None = None
    body: bytes = b""
    bytes_sent: int = 0
    client_closed_at: float | None = None
    ended: threading.Event = field(default_factory=threading.Event)

    @property
    def path(self) -> str | None:
        if self.request_line is None:
            return None
        target = self.request_line.split(" ")[1] if " " in self.request_line else ""
        return target.partition("?")[0]

    def wait_ended(self, timeout: float) -> bool:
        return self.ended.wait(timeout)


class HostileServer(ClosedOnExit):
    """Listens on 127.0.0.1; `url` is `http://127.0.0.1:PORT`; `visits` in arrival order."""

    def __init__(self, max_bytes: int = MAX_BYTES, max_seconds: float = MAX_SECONDS) -> None:
        self.max_bytes = max_bytes
        self.max_seconds = max_seconds
        self.visits: list[Visit] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def visits_to(self, path: str) -> list[Visit]:
        return [visit for visit in self.visits if visit.path == path]

    def wait_for_visit(self, path: str, timeout: float = 10.0) -> Visit:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.visits_to(path)
            if found:
                return found[-1]
            time.sleep(0.01)
        raise AssertionError(f"no request for {path} arrived within {timeout} s")

    def _accept(self) -> None:
        self._listener.settimeout(0.05)
        while not self._stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            visit = Visit(time.monotonic())
            self.visits.append(visit)
            threading.Thread(target=self._serve, args=(connection, visit), daemon=True).start()

    def _serve(self, connection: socket.socket, visit: Visit) -> None:
        started = time.monotonic()
        try:
            target = self._read_request(connection, visit)
            if target is not None:
                self._answer(connection, visit, target, started)
        except OSError:
            visit.client_closed_at = visit.client_closed_at or time.monotonic()
        finally:
            connection.close()
            visit.ended.set()

    def _read_request(self, connection: socket.socket, visit: Visit) -> str | None:
        connection.settimeout(self.max_seconds)
        data = b""
        while b"\r\n\r\n" not in data and len(data) < _HEAD_LIMIT:
            chunk = connection.recv(4096)
            if not chunk:
                visit.client_closed_at = time.monotonic()
                return None
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        visit.request_line = lines[0]
        named = [line for line in lines if line.lower().startswith("content-length:")]
        length = int(named[0].split(":", 1)[1]) if named else 0
        while len(rest) < min(length, _HEAD_LIMIT):
            chunk = connection.recv(4096)
            if not chunk:
                break
            rest += chunk
        visit.body = rest
        return lines[0].split(" ")[1] if lines[0].count(" ") >= 1 else "/"

    def _answer(self, connection: socket.socket, visit: Visit, target: str, started: float) -> None:
        path, _, query = target.partition("?")
        case = CASES.get(path)
        if case is None:
            connection.sendall(
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            return
        for piece in case(dict(parse_qsl(query))):
            if self._stopping.is_set() or time.monotonic() - started > self.max_seconds:
                return
            if isinstance(piece, bytes):
                room = self.max_bytes - visit.bytes_sent
                if room <= 0:
                    return
                connection.sendall(piece[:room])
                visit.bytes_sent += min(len(piece), room)
            elif isinstance(piece, Reset):
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return
            else:
                wait = piece.seconds if isinstance(piece, Pause) else self.max_seconds
                if self._client_closed(connection, min(wait, self.max_seconds), visit):
                    return

    def _client_closed(self, connection: socket.socket, seconds: float, visit: Visit) -> bool:
        """Wait up to `seconds`; True (and noted) when the client closed the connection."""
        deadline = time.monotonic() + seconds
        while not self._stopping.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            readable, _, _ = select.select([connection], [], [], min(left, 0.05))
            if readable:
                try:
                    if connection.recv(4096):
                        continue
                except OSError:
                    pass
                visit.client_closed_at = time.monotonic()
                return True
        return True

    def close(self) -> None:
        self._stopping.set()
        self._listener.close()
        self._thread.join(timeout=5)


def start_hostile(max_bytes: int = MAX_BYTES, max_seconds: float = MAX_SECONDS) -> HostileServer:
    return HostileServer(max_bytes, max_seconds)
