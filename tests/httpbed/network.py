"""Addresses on 127.0.0.1 that fail in known ways: a closed port, and a listener whose accept
queue is full, so new connections are never accepted (a connect timeout)."""

from __future__ import annotations

import socket
from types import TracebackType
from typing import Self


def closed_port() -> int:
    """A port nothing listens on: bound, then closed (the kernel does not hand it out at once)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


class ClosedOnExit:
    """A test listener used as `with start_...() as listener:`, closed at the end."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class FullBacklog(ClosedOnExit):
    """A listening socket with a backlog of 0 and one connection already queued: the kernel
    drops further SYNs, so connecting to `port` times out."""

    def __init__(self) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(0)
        self.port: int = self._listener.getsockname()[1]
        self._fillers: list[socket.socket] = []
        for _ in range(2):
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", self.port))
            self._fillers.append(filler)

    def close(self) -> None:
        for filler in self._fillers:
            filler.close()
        self._listener.close()


def full_backlog() -> FullBacklog:
    return FullBacklog()
