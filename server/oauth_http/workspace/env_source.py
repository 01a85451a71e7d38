"""Where the text of env files and `.env` comes from: the disk, or the editor's open buffers.

`EnvSource` is the one interface the workspace layer reads these files through. The CLI reads the
disk (`DiskEnvSource`); the language server reads a file open in the editor from its buffer, so
diagnostics and sends follow unsaved edits, and the disk otherwise (`BufferedEnvSource`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

Version = tuple[int, int]


class EnvSource(Protocol):
    def version(self, path: str) -> Version:
        """Changes whenever the file's text may have changed; (0, 0) when it does not exist."""
        ...

    def read(self, path: str) -> str | None:
        """The file's text; None when it does not exist. Raises `OSError` or
        `UnicodeDecodeError` when it exists but cannot be read."""
        ...


class DiskEnvSource:
    def version(self, path: str) -> Version:
        try:
            status = os.stat(path)
        except OSError:
            return (0, 0)
        return (status.st_mtime_ns, status.st_size)

    def read(self, path: str) -> str | None:
        try:
            return Path(path).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            return None


# The open buffer of a path: (its editor version, its text), or None when it is not open.
OpenBuffer = Callable[[str], "tuple[int, str] | None"]


class BufferedEnvSource:
    """An open buffer's text first, else the disk."""

    def __init__(self, open_buffer: OpenBuffer, disk: EnvSource | None = None) -> None:
        self._open_buffer = open_buffer
        self._disk = disk or DiskEnvSource()

    def version(self, path: str) -> Version:
        buffer = self._open_buffer(path)
        if buffer is not None:
            return (-1, buffer[0])
        return self._disk.version(path)

    def read(self, path: str) -> str | None:
        buffer = self._open_buffer(path)
        if buffer is not None:
            return buffer[1]
        return self._disk.read(path)
