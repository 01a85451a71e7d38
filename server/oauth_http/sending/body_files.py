"""Where response bodies over the size limit are kept while they stream, and afterwards.

`BodySink` collects a body as it arrives: its first `limit` bytes in memory and, once it grows
past the limit, all of it in a temporary file readable only by its owner (mode 0600). The files go
in a per-user folder, `BodyFiles`, which `clean()` empties.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

DEFAULT_LIMIT = 5 * 1024 * 1024


class BodyFiles:
    """The per-user folder where bodies over the limit are kept; `clean()` empties it."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_folder()
        self._checked = False

    def create(self, suffix: str) -> tuple[int, str]:
        """A new file readable only by its owner (mkstemp's 0600): (descriptor, path). Names
        hold no data."""
        if not self._checked:
            self.folder = _private_folder(self.folder)
            self._checked = True
        return tempfile.mkstemp(prefix="response-", suffix=suffix, dir=self.folder)

    def clean(self) -> int:
        """Remove every kept body; returns how many files went."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.glob("response-*"):
            try:
                path.unlink()
                removed += 1
            except OSError:
                continue
        return removed


def default_folder() -> Path:
    """`<temp>/oauth-http-<uid>/bodies` (the temp folder is already per user on Windows)."""
    uid = getattr(os, "getuid", None)
    name = f"oauth-http-{uid()}" if uid else "oauth-http"
    return Path(tempfile.gettempdir()) / name / "bodies"


def _private_folder(folder: Path) -> Path:
    """`folder`, created 0700; a fresh private one instead if someone else owns it or can
    read it (a shared temp folder where another user made the path first)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    uid = getattr(os, "getuid", None)
    status = folder.stat()
    if uid is not None and (status.st_uid != uid() or status.st_mode & 0o077):
        return Path(tempfile.mkdtemp(prefix="oauth-http-bodies-"))
    return folder


class BodySink:
    """Collects a body as it streams: the first `limit` bytes in memory, all of it on disk once
    it grows past the limit."""

    def __init__(self, limit: int, files: BodyFiles, suffix: str) -> None:
        self.limit = max(limit, 0)
        self._files = files
        self._suffix = suffix
        self._head = bytearray()
        self._size = 0
        self._descriptor: int | None = None
        self.path: str | None = None

    def write(self, chunk: bytes) -> None:
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
        assert self._descriptor is not None
        view = memoryview(data)
        while view:
            written = os.write(self._descriptor, view)
            view = view[written:]

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

    def discard(self) -> None:
        """Close and delete the file (a cancelled or failed read keeps nothing)."""
        self.close()
        if self.path is not None:
            Path(self.path).unlink(missing_ok=True)
            self.path = None
