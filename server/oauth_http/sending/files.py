"""Reading the files a send needs (body includes, RSA private keys) behind a small interface.

`FileReader` is the seam: the disk adapter reads real files, tests can hand in a dictionary.
`find_include` looks for an include's path relative to the `.http` file's folder, then to the
workspace folder (as REST Client does); absolute and `~` paths are used as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class FileReader(Protocol):
    def read_bytes(self, path: Path) -> bytes:
        """The file's content; raises FileNotFoundError or another OSError."""
        ...

    def exists(self, path: Path) -> bool: ...


class DiskFileReader:
    def read_bytes(self, path: Path) -> bytes:
        return path.read_bytes()

    def exists(self, path: Path) -> bool:
        return path.is_file()


@dataclass(frozen=True)
class FileLookup:
    """Where an include was looked for, and the first place it exists (None when nowhere)."""

    found: Path | None
    tried: tuple[Path, ...]


def find_include(path_text: str, bases: Sequence[Path | None], files: FileReader) -> FileLookup:
    written = Path(path_text).expanduser()
    if written.is_absolute():
        candidates = [written]
    else:
        candidates = []
        for base in bases:
            if base is not None and base / written not in candidates:
                candidates.append(base / written)
    for candidate in candidates:
        if files.exists(candidate):
            return FileLookup(candidate, tuple(candidates))
    return FileLookup(None, tuple(candidates))
