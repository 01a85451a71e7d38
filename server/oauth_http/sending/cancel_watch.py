"""Stopping a send promptly when its cancel event is set, even while it waits for the server.

A blocked socket read cannot be interrupted from Python, but shutting the socket down makes it
return at once. Each send registers its `threading.Event` for the current thread
(`CancelWatch.watching`); the connection classes of the transport hand the socket they are
about to wait on to `attach`; one daemon thread checks the registered events every
`POLL_SECONDS` while sends are in flight (and sleeps otherwise) and shuts down the sockets of the
cancelled ones. The connect phase itself is not covered (no socket exists until it ends); the
connect timeout bounds it.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

POLL_SECONDS = 0.05


class _Registration:
    __slots__ = ("event", "sockets")

    def __init__(self, event: threading.Event) -> None:
        self.event = event
        self.sockets: list[socket.socket] = []


class CancelWatch:
    def __init__(self) -> None:
        self._local = threading.local()
        self._condition = threading.Condition()
        self._active: set[_Registration] = set()
        self._thread: threading.Thread | None = None

    @contextmanager
    def watching(self, event: threading.Event | None) -> Iterator[None]:
        """While inside, sockets attached on this thread are shut down once `event` is set."""
        if event is None:
            yield
            return
        registration = _Registration(event)
        previous = getattr(self._local, "registration", None)
        self._local.registration = registration
        with self._condition:
            self._active.add(registration)
            self._ensure_thread()
            self._condition.notify()
        try:
            yield
        finally:
            self._local.registration = previous
            with self._condition:
                self._active.discard(registration)

    def attach(self, sock: socket.socket | None) -> None:
        """Called by a connection before it waits for a response on `sock`."""
        registration: _Registration | None = getattr(self._local, "registration", None)
        if registration is None or sock is None:
            return
        with self._condition:
            registration.sockets.append(sock)
        if registration.event.is_set():
            _shut(sock)

    def _ensure_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(
                target=self._run, name="oauth-http-cancel-watch", daemon=True
            )
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._active:
                    self._condition.wait()
                cancelled = [r for r in self._active if r.event.is_set() and r.sockets]
                sockets = [s for r in cancelled for s in r.sockets]
                for registration in cancelled:
                    registration.sockets = []
            for sock in sockets:
                _shut(sock)
            with self._condition:
                self._condition.wait(POLL_SECONDS)


def _shut(sock: socket.socket) -> None:
    """Shut the connection down under any TLS layer (whose own `shutdown` would also drop its
    state while another thread reads through it)."""
    with suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


WATCH = CancelWatch()
