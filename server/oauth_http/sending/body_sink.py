"""Collecting one response body as it streams: a head in memory, all of it on disk, up to a cap.

`BodySink` counts decoded bytes (what the server's compressed bytes expand to), so a
compression bomb stops at the cap like any other body. The first `head_limit` bytes stay in
memory for the record; once the body grows past them, everything that arrives also goes to a
file of `BodyFiles`. At `max_size` bytes the sink takes no more: `write` answers False, the
reader stops and closes the connection, and `complete` is False (what arrived is kept).
"""

from __future__ import annotations

import os

from oauth_http.sending.body_files import BodyFiles

UNBOUNDED = 1 << 62


class BodySink:
    def __init__(
        self, head_limit: int, files: BodyFiles, suffix: str, *, max_size: int = UNBOUNDED
    ) -> None:
        self.max_size = max(max_size, 0)
        self.limit = min(max(head_limit, 0), self.max_size)
        self._files = files
        self._suffix = suffix
        self._head = bytearray()
        self._size = 0
        self._descriptor: int | None = None
        self.path: str | None = None
        self.complete = True

    def write(self, chunk: bytes) -> bool:
        """Take `chunk`; False once the body reached `max_size` and the rest is not wanted."""
        room = self.max_size - self._size
        if len(chunk) > room:
            chunk = chunk[:room]
            self.complete = False
        if chunk:
            self._take(chunk)
        return self.complete

    def _take(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._descriptor is None and self._size <= self.limit:
            self._head += chunk
            return
        if self._descriptor is None:
            self._descriptor, self.path = self._files.create(self._suffix)
            self._write_all(bytes(self._head))
            keep = self.limit - len(self._head)
            self._head += chunk[:keep]
        self._write_all(chunk)

    def _write_all(self, data: bytes) -> None:
        assert self._descriptor is not None and self.path is not None
        view = memoryview(data)
        while view:
            written = os.write(self._descriptor, view)
            view = view[written:]
        self._files.grew(self.path, len(data))

    @property
    def size(self) -> int:
        return self._size

    @property
    def head(self) -> bytes:
        return bytes(self._head)

    def close(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)
            self._descriptor = None
            if self.path is not None:
                self._files.finished(self.path)

    def discard(self) -> None:
        """Close and delete the file (a cancelled or failed read keeps nothing)."""
        self.close()
        if self.path is not None:
            self._files.forget(self.path)
            self.path = None
