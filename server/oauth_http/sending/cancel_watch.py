"""Stopping a send at once when it is cancelled or out of time, even while it waits on the server.

A blocked socket read cannot be interrupted from Python, but shutting the socket down makes it
return at once. Each send registers its cancel `threading.Event` and its deadline (a
`time.monotonic()` value: the whole exchange's time bound) for the current thread
(`CancelWatch.watching`, which gives the send its `Watch`); the transport's connections hand the
socket they are about to write to or wait on to `attach`, and refuse to write a request once the
send is stopped (`check_before_write`), so a request cancelled before it went out is never sent.
One daemon thread checks the registered sends every `POLL_SECONDS` while any are in flight (and
sleeps otherwise; `cancel(event)` wakes it at once) and shuts down the sockets of those cancelled
or out of time. The connect
phase itself has no socket to shut until it ends; its timeout is the time left.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

POLL_SECONDS = 0.05


class StoppedBeforeWriteError(ConnectionAbortedError):
    """The send was cancelled or ran out of time before its request was written."""


class Watch:
    """One send's cancel event, deadline and sockets."""

    __slots__ = ("deadline", "event", "sockets")

    def __init__(self, event: threading.Event | None, deadline: float | None) -> None:
        self.event = event
        self.deadline = deadline
        self.sockets: list[socket.socket] = []

    @property
    def cancelled(self) -> bool:
        return self.event is not None and self.event.is_set()

    @property
    def timed_out(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    @property
    def stopped(self) -> bool:
        return self.cancelled or self.timed_out

    def time_left(self) -> float | None:
        return None if self.deadline is None else max(self.deadline - time.monotonic(), 0.0)


class CancelWatch:
    def __init__(self) -> None:
        self._local = threading.local()
        self._condition = threading.Condition()
        self._active: set[Watch] = set()
        self._thread: threading.Thread | None = None

    @contextmanager
    def watching(
        self, event: threading.Event | None, deadline: float | None = None
    ) -> Iterator[Watch]:
        """While inside, sockets attached on this thread are shut down once `event` is set or
        `deadline` has passed."""
        watch = Watch(event, deadline)
        previous = getattr(self._local, "watch", None)
        self._local.watch = watch
        with self._condition:
            self._active.add(watch)
            self._ensure_thread()
            self._condition.notify()
        try:
            yield watch
        finally:
            self._local.watch = previous
            with self._condition:
                self._active.discard(watch)

    def current(self) -> Watch | None:
        watch: Watch | None = getattr(self._local, "watch", None)
        return watch

    def attach(self, sock: socket.socket | None) -> None:
        """Called by a connection before it writes to or waits on `sock`."""
        watch = self.current()
        if watch is None or sock is None:
            return
        with self._condition:
            if not any(known is sock for known in watch.sockets):
                watch.sockets.append(sock)
        if watch.stopped:
            _shut(sock)

    def cancel(self, event: threading.Event) -> None:
        """Set `event` and wake the watch thread at once (rather than at its next poll)."""
        event.set()
        with self._condition:
            self._condition.notify_all()

    def check_before_write(self) -> None:
        """Raise `StoppedBeforeWriteError` when this thread's send is cancelled or out of time."""
        watch = self.current()
        if watch is not None and watch.stopped:
            raise StoppedBeforeWriteError("the send was stopped before its request was written")

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
                stopped = [watch for watch in self._active if watch.sockets and watch.stopped]
                sockets = [sock for watch in stopped for sock in watch.sockets]
                for watch in stopped:
                    watch.sockets = []
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
