"""A listener on 127.0.0.1 that holds connections at the door, then lets them in: for "a request
cancelled before it is written is not sent".

While closed, it is a `FullBacklog` (an accept queue with no room), so a client's connect hangs
in the kernel (its SYNs are dropped). `open()` empties the queue and accepts from
then on, recording every byte each connection sends until it closes; the client's retried SYN
then gets through within a few seconds. `received()` is all the bytes that arrived.
"""

from __future__ import annotations

import socket
import threading

from tests.httpbed.network import FullBacklog


class Gate(FullBacklog):
    def __init__(self) -> None:
        super().__init__()
        self._chunks: list[bytes] = []
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def open(self) -> None:
        """Let queued and new connections in (the fillers are accepted and dropped first)."""
        for filler in self._fillers:
            filler.close()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def received(self) -> bytes:
        return b"".join(self._chunks)

    def _accept(self) -> None:
        self._listener.settimeout(0.05)
        while not self._stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._read, args=(connection,), daemon=True).start()

    def _read(self, connection: socket.socket) -> None:
        connection.settimeout(0.2)
        with connection:
            while not self._stopping.is_set():
                try:
                    chunk = connection.recv(4096)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not chunk:
                    return
                self._chunks.append(chunk)

    def close(self) -> None:
        self._stopping.set()
        super().close()
        if self._thread is not None:
            self._thread.join(timeout=5)
