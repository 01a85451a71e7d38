"""Temporary body files: each process's own folder, the sweep of dead processes' folders, the
total budget (oldest first, chaining's last, a growing body never), and the session removing a
body's file when its record leaves the history."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from oauth_http.sending.body_files import BodyFiles
from oauth_http.sending.body_folders import ProcessFolder, sweep_dead_folders
from oauth_http.sending.body_sink import BodySink
from oauth_http.sending.chaining import Exchange, StoredMessage
from oauth_http.sending.record_types import (
    RecordBody,
    RecordRequest,
    RecordTiming,
    ResponseRecord,
)
from oauth_http.workspace.session import HISTORY_ENTRIES, SendSession

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from oauth_http.sending.body_folders import ProcessFolder
    held = ProcessFolder(Path(sys.argv[1]))  # kept: its lock lives as long as it does
    folder = held.open()
    (folder / "response-x.json").write_text("{}")
    print(folder, flush=True)
    time.sleep(60)
    """
)


def _holder(root: Path) -> tuple[subprocess.Popen[str], Path]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    return process, Path(process.stdout.readline().strip())


def _written(files: BodyFiles, size: int, suffix: str = ".bin") -> str:
    sink = BodySink(0, files, suffix)
    sink.write(b"x" * size)
    sink.close()
    assert sink.path is not None
    return sink.path


def test_another_live_process_folder_is_never_touched_and_a_dead_ones_is_swept(
    tmp_path: Path,
) -> None:
    root = tmp_path / "bodies"
    process, theirs = _holder(root)
    try:
        assert sweep_dead_folders(root) == 0 and (theirs / "response-x.json").exists()
        ours = ProcessFolder(root)
        mine = ours.open()
        assert mine != theirs and mine.parent == theirs.parent == root
        ours.close()
        assert not mine.exists() and not mine.with_name(mine.name + ".lock").exists()
        assert theirs.exists(), "closing our folder leaves theirs alone"
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    assert sweep_dead_folders(root) == 1
    assert not theirs.exists() and list(root.iterdir()) == []


def test_opening_a_folder_sweeps_the_dead_ones_first(tmp_path: Path) -> None:
    root = tmp_path / "bodies"
    process, theirs = _holder(root)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    files = BodyFiles(root)
    _written(files, 10)
    assert not theirs.exists()
    assert [path.name for path in root.iterdir() if path.is_dir()] == [files.folder.name]
    files.close()
    assert list(root.iterdir()) == []


def test_an_orphaned_folder_without_its_lock_goes_only_once_it_is_old(tmp_path: Path) -> None:
    root = tmp_path / "bodies"
    root.mkdir(mode=0o700)
    orphan = root / "123-abc"
    orphan.mkdir()
    assert sweep_dead_folders(root) == 0, "maybe a process that is starting"
    old = time.time() - 3600
    os.utime(orphan, (old, old))
    assert sweep_dead_folders(root) == 1 and not orphan.exists()


def test_the_budget_removes_the_oldest_files_first_and_chainings_last(tmp_path: Path) -> None:
    files = BodyFiles(tmp_path, budget=100)
    first, second, third = (_written(files, 30) for _ in range(3))
    files.protected = lambda: [first]
    fourth = _written(files, 30)  # 120 > 100: one must go, not the protected first
    assert not Path(second).exists()
    assert all(Path(path).exists() for path in (first, third, fourth))
    fifth = _written(files, 90)  # only the protected one is left to make room with
    assert files.paths() == [fifth] and Path(fifth).exists()
    assert files.total == 90


def test_a_growing_body_is_never_removed_to_make_room(tmp_path: Path) -> None:
    files = BodyFiles(tmp_path, budget=50)
    old = _written(files, 40)
    sink = BodySink(0, files, ".bin")
    for _ in range(10):
        sink.write(b"y" * 10)
    sink.close()
    assert not Path(old).exists()
    assert sink.path is not None and Path(sink.path).stat().st_size == 100


def test_a_sink_stops_at_the_maximum_size_and_keeps_what_arrived(tmp_path: Path) -> None:
    sink = BodySink(4, BodyFiles(tmp_path), ".txt", max_size=10)
    assert sink.write(b"abcdef") is True
    assert sink.write(b"ghij") is True, "exactly the maximum: the body may end here"
    assert sink.write(b"k") is False and sink.complete is False
    sink.close()
    assert sink.size == 10 and sink.head == b"abcd"
    assert sink.path is not None and Path(sink.path).read_bytes() == b"abcdefghij"


def _record(number: int, path: str | None) -> ResponseRecord:
    body: RecordBody | None = None
    if path is not None:
        body = RecordBody(
            text="",
            base64=None,
            contentType="text/plain",
            charset="utf-8",
            size=1,
            truncated=True,
            fullPath=path,
            complete=True,
        )
    return ResponseRecord(
        id=f"r{number}",
        uri="file:///api.http",
        line=0,
        label="GET",
        startedAt="2026-01-01T00:00:00Z",
        request=RecordRequest(method="GET", url="http://127.0.0.1/", headers=[], body=None),
        status=200,
        reason="OK",
        httpVersion="HTTP/1.1",
        headers=[],
        body=body,
        timing=RecordTiming(total=1.0, headers=None),
        oauth=None,
        redirects=[],
        error=None,
    )


def test_a_body_file_goes_when_its_record_leaves_the_history(tmp_path: Path) -> None:
    session = SendSession(BodyFiles(tmp_path))
    big = _written(session.body_files, 10)
    named = _written(session.body_files, 10)
    session.store.remember(
        "login", Exchange(StoredMessage((), b""), StoredMessage((), b"", named), 200)
    )
    session.delivered(_record(0, big))
    session.delivered(_record(1, named))
    for number in range(2, HISTORY_ENTRIES + 1):
        session.delivered(_record(number, None))
        assert Path(big).exists() is (number < HISTORY_ENTRIES)
    session.delivered(_record(99, None))
    assert Path(named).exists(), "chaining still reads the named request's body"
    session.store.forget("login")
    session.delivered(_record(100, None))
    assert not Path(named).exists()
    folder = session.body_files.folder
    session.close()
    assert not folder.exists()


def test_a_record_nobody_will_show_loses_its_file_at_once(tmp_path: Path) -> None:
    session = SendSession(BodyFiles(tmp_path))
    path = _written(session.body_files, 10)
    session.discard(_record(1, path))
    assert not Path(path).exists()
