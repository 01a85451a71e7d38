"""Each process's own folder of response bodies, and the sweep of the folders of dead processes.

Every folder lives under one per-user root, `<temp>/oauth-http-<uid>/bodies/` (created 0700; a
fresh private one instead when someone else owns it or can read it). A process's folder is
`<root>/<pid>-<random>/`, and next to it `<pid>-<random>.lock`, a file the process holds open
and locked for as long as it lives (`flock` on POSIX, `msvcrt.locking` on Windows); the kernel
drops the lock when the process ends, however it ends. So another process (another VS Code
window's server, a CLI run) never touches a folder whose lock it cannot take, and
`sweep_dead_folders` removes those whose lock it can: their process died (killed, crashed)
without cleaning up.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
import uuid
from contextlib import suppress
from pathlib import Path
from typing import IO

logger = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"
# A folder without its lock file is left alone this long (its process may be starting up).
_ORPHAN_AGE_SECONDS = 60.0


def default_root() -> Path:
    """`<temp>/oauth-http-<uid>/bodies` (the temp folder is already per user on Windows)."""
    uid = getattr(os, "getuid", None)
    name = f"oauth-http-{uid()}" if uid else "oauth-http"
    return Path(tempfile.gettempdir()) / name / "bodies"


def private_root(root: Path) -> Path:
    """`root`, created 0700; a fresh private folder instead if someone else owns it or can
    read it (a shared temp folder where another user made the path first)."""
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    uid = getattr(os, "getuid", None)
    status = root.stat()
    if uid is not None and (status.st_uid != uid() or status.st_mode & 0o077):
        return Path(tempfile.mkdtemp(prefix="oauth-http-bodies-"))
    return root


class ProcessFolder:
    """This process's folder under `root`, locked from `open()` until `close()` removes it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path: Path | None = None
        self._lock: IO[bytes] | None = None

    def open(self) -> Path:
        """Create and lock the folder (once); sweep the folders of dead processes first."""
        if self.path is not None:
            return self.path
        self.root = private_root(self.root)
        sweep_dead_folders(self.root)
        while True:
            name = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
            lock_path = self.root / f"{name}{LOCK_SUFFIX}"
            lock = open(lock_path, "xb")  # noqa: SIM115  # held open for the process's life
            _lock(lock)
            if _same_file(lock, lock_path):  # a sweeper did not take it in between
                break
            lock.close()
        folder = self.root / name
        folder.mkdir(mode=0o700)
        self._lock, self.path = lock, folder
        return folder

    def close(self) -> None:
        """Remove the folder with everything in it, then release and remove the lock."""
        if self.path is None or self._lock is None:
            return
        shutil.rmtree(self.path, ignore_errors=True)
        with suppress(OSError):
            Path(self._lock.name).unlink()
        self._lock.close()
        self.path, self._lock = None, None


def sweep_dead_folders(root: Path) -> int:
    """Remove the folders under `root` whose process is gone; returns how many went."""
    removed = 0
    try:
        entries = list(root.iterdir())
    except OSError:
        return 0
    names = {entry.name for entry in entries}
    for entry in entries:
        if entry.name.endswith(LOCK_SUFFIX):
            folder = entry.with_name(entry.name[: -len(LOCK_SUFFIX)])
            removed += _remove_if_unlocked(entry, folder)
        elif entry.is_dir() and f"{entry.name}{LOCK_SUFFIX}" not in names and _old(entry):
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
    if removed:
        logger.info("Removed %d body folders left by processes that ended", removed)
    return removed


def _remove_if_unlocked(lock_path: Path, folder: Path) -> int:
    try:
        lock = open(lock_path, "rb+")  # noqa: SIM115  # closed below
    except OSError:
        return 0
    try:
        if not _try_lock(lock):
            return 0
        shutil.rmtree(folder, ignore_errors=True)
        with suppress(OSError):
            lock_path.unlink()
        return 1
    finally:
        lock.close()


def _old(folder: Path) -> bool:
    try:
        return time.time() - folder.stat().st_mtime > _ORPHAN_AGE_SECONDS
    except OSError:
        return False


def _same_file(handle: IO[bytes], path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle.fileno()), path.stat())
    except OSError:
        return False


def _lock(handle: IO[bytes]) -> None:
    if not _try_lock(handle):
        raise OSError(f"cannot lock {handle.name}")


def _try_lock(handle: IO[bytes]) -> bool:
    """Take the exclusive lock without waiting; False when another process holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.write(b"\0")
            handle.flush()
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
