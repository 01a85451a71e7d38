"""Measuring a child process: its peak resident size, its exit status and output, its files.

`run_measured` runs a command with its output in files and reports that process's own peak
resident size (`ru_maxrss` from `os.wait4`), killing it when it outlives `timeout`. On Linux a
child's `ru_maxrss` starts from its parent's size at the fork, so a child of the test process
(which also holds the hostile server's big answers) would look as big as the test process; the
commands therefore run as children of `Spawner`, a few-MB helper process. `peak_rss_mb(pid)`
reads a running process's peak (VmHWM in /proc/PID/status, which starts afresh at exec).
`body_folders_of(pid)` lists the body folders a process made under the default root, and
`tree_bytes` adds up the sizes of the files under a folder.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from oauth_http.sending.body_folders import default_root

_SPAWNER = r"""
import json, os, subprocess, sys, threading
for line in sys.stdin:
    job = json.loads(line)
    with open(job["stdin"], "rb") as given, open(job["stdout"], "wb") as out, \
            open(job["stderr"], "wb") as err:
        child = subprocess.Popen(
            job["argv"], cwd=job["cwd"], env=job["env"], stdin=given, stdout=out, stderr=err
        )
    killed = threading.Event()
    timer = threading.Timer(job["timeout"], lambda: (killed.set(), child.kill()))
    timer.start()
    _, status, usage = os.wait4(child.pid, 0)
    timer.cancel()
    answer = {"returncode": os.waitstatus_to_exitcode(status), "maxrss": usage.ru_maxrss,
              "killed": killed.is_set(), "pid": child.pid}
    print(json.dumps(answer), flush=True)
"""


@dataclass(frozen=True)
class Measured:
    returncode: int
    stdout: bytes
    stderr: str
    peak_rss_mb: float
    killed: bool
    pid: int

    @property
    def stdout_text(self) -> str:
        return self.stdout.decode("utf-8", errors="replace")


class Spawner:
    """The helper process the measured commands run under, one at a time."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", _SPAWNER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._lock = threading.Lock()

    def run(
        self,
        command: Sequence[str],
        *,
        cwd: Path,
        env: Mapping[str, str],
        timeout: float,
        stdin: bytes,
    ) -> Measured:
        with self._lock, tempfile.TemporaryDirectory() as folder:
            files = {name: Path(folder) / name for name in ("stdin", "stdout", "stderr")}
            files["stdin"].write_bytes(stdin)
            job = {
                "argv": list(command),
                "cwd": str(cwd),
                "env": dict(env),
                "timeout": timeout,
                **{name: str(path) for name, path in files.items()},
            }
            assert self._process.stdin is not None and self._process.stdout is not None
            self._process.stdin.write(json.dumps(job) + "\n")
            self._process.stdin.flush()
            answer = json.loads(self._process.stdout.readline())
            return Measured(
                answer["returncode"],
                files["stdout"].read_bytes(),
                files["stderr"].read_text(encoding="utf-8", errors="replace"),
                answer["maxrss"] / 1024,
                answer["killed"],
                answer["pid"],
            )


_spawner: Spawner | None = None


def run_measured(
    command: Sequence[str],
    *,
    cwd: Path,
    env: Mapping[str, str],
    timeout: float = 60.0,
    stdin: bytes = b"",
) -> Measured:
    global _spawner  # noqa: PLW0603  # one helper process for the whole test session
    if _spawner is None:
        _spawner = Spawner()
    return _spawner.run(command, cwd=cwd, env=env, timeout=timeout, stdin=stdin)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmHWM for process {pid}")


def body_folders_of(pid: int) -> list[Path]:
    root = default_root()
    return sorted(p for p in root.glob(f"{pid}-*") if p.is_dir()) if root.is_dir() else []


def tree_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
