"""This process's temporary files of response bodies: one folder, a total budget, oldest out first.

A body over the head limit streams into a file here (`body_sink`), readable only by its owner
(mode 0600). `BodyFiles` keeps the files in this process's own folder (`body_folders`: no other
process touches it, and the folders of dead processes are swept when it is made), counts their
bytes, and when a growing body takes the total past `budget`, removes the oldest other files
first: the bodies `protected` names (those chaining may still read) only after every other one.
`forget(path)` removes one file (its history entry went), `close()` the whole folder (the server
shuts down, the CLI run ends). Names hold no data.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Callable, Collection
from pathlib import Path

from oauth_http.sending.body_folders import ProcessFolder, default_root

logger = logging.getLogger(__name__)

MEGABYTE = 1024 * 1024
DEFAULT_LIMIT = 5 * MEGABYTE
DEFAULT_BUDGET = 1024 * MEGABYTE


def _nothing_protected() -> Collection[str]:
    return ()


class BodyFiles:
    """The files of this process's bodies; thread-safe (sends stream from worker threads)."""

    def __init__(self, root: Path | None = None, *, budget: int = DEFAULT_BUDGET) -> None:
        self._folder = ProcessFolder(root or default_root())
        self.budget = budget
        self.protected: Callable[[], Collection[str]] = _nothing_protected
        self._sizes: dict[str, int] = {}  # oldest first
        self._growing: set[str] = set()
        self._lock = threading.Lock()

    @property
    def folder(self) -> Path:
        """This process's folder (made, and the dead processes' swept, on first use)."""
        with self._lock:
            return self._folder.open()

    def create(self, suffix: str) -> tuple[int, str]:
        """A new file readable only by its owner (mkstemp's 0600): (descriptor, path)."""
        with self._lock:
            folder = self._folder.open()
            descriptor, path = tempfile.mkstemp(prefix="response-", suffix=suffix, dir=folder)
            self._sizes[path] = 0
            self._growing.add(path)
        return descriptor, path

    def grew(self, path: str, added: int) -> None:
        """`path` took `added` more bytes: make room within the budget, oldest files first."""
        with self._lock:
            if path in self._sizes:
                self._sizes[path] += added
                self._fit()

    def finished(self, path: str) -> None:
        """`path` is written: from now on it may be removed to make room."""
        with self._lock:
            self._growing.discard(path)

    def forget(self, path: str) -> None:
        """Remove one file (its record is gone, or its download was cancelled or failed)."""
        with self._lock:
            self._remove(path)

    def paths(self) -> list[str]:
        with self._lock:
            return list(self._sizes)

    @property
    def total(self) -> int:
        with self._lock:
            return sum(self._sizes.values())

    def clean(self) -> int:
        """Remove every body file; returns how many went."""
        with self._lock:
            kept = list(self._sizes)
            for path in kept:
                self._remove(path)
            return len(kept)

    def close(self) -> None:
        """Remove every body file and this process's folder."""
        self.clean()
        with self._lock:
            self._folder.close()

    def _fit(self) -> None:
        excess = sum(self._sizes.values()) - self.budget
        if excess <= 0:
            return
        protected = set(self.protected())
        done = [path for path in self._sizes if path not in self._growing]
        order = [p for p in done if p not in protected] + [p for p in done if p in protected]
        for path in order:
            if excess <= 0:
                break
            excess -= self._sizes[path]
            logger.info("Removed an older body file to stay within %d bytes", self.budget)
            self._remove(path)

    def _remove(self, path: str) -> None:
        self._sizes.pop(path, None)
        self._growing.discard(path)
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        except OSError:
            logger.warning("Cannot remove the body file %s", path, exc_info=True)
