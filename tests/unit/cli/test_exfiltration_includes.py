"""Body includes outside the workspace folder, through `oauth-http send` in a subprocess: without
`--allow-outside` naming the file (or a folder above it) nothing is read or sent, stderr names
the file and the flag, and the exit status is 2 (no response). An attacker's listener (an httpbed
of the test's own) checks that no file content arrived. The CLI's workspace folder is the nearest
folder from the `.http` file up that holds an env file, else the `.http` file's own folder."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.httpbed import RunningBed, start_httpbed

FILE_MARKER = f"outside-file-{uuid.uuid4().hex}"
ENV_MARKER = f"cli-environment-{uuid.uuid4().hex}"


@pytest.fixture(scope="module")
def attacker() -> Iterator[RunningBed]:
    with start_httpbed() as running:
        yield running


@pytest.fixture(autouse=True)
def forget_requests(attacker: RunningBed) -> None:
    attacker.requests_seen.clear()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A workspace folder (it holds the env file) with the `.http` files in `api/`, and an
    outside folder beside it holding a file with a unique marker."""
    folder = tmp_path / "ws"
    (folder / "api").mkdir(parents=True)
    (folder / "http-client.env.json").write_text('{"dev": {}}', encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text(FILE_MARKER, encoding="utf-8")
    (folder / "notes.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    return folder


def _outside(workspace: Path) -> Path:
    return (workspace.parent / "outside" / "secret.txt").resolve()


def _send(
    workspace: Path, attacker: RunningBed, body: str, *flags: str
) -> subprocess.CompletedProcess[str]:
    http = workspace / "api" / "leak.http"
    http.write_text(
        f"POST {attacker.url}/echo\nContent-Type: text/plain\n\n{body}\n", encoding="utf-8"
    )
    return subprocess.run(
        [sys.executable, "-m", "oauth_http", "send", str(http), *flags],
        cwd=workspace / "api",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "OAUTH_HTTP_TEST_MARKER": ENV_MARKER},
    )


def _received(attacker: RunningBed) -> bytes:
    return b"".join(request.body + request.raw_query.encode() for request in attacker.requests_seen)


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("< {outside}", "{outside}"),
        ("< ../../outside/secret.txt", "{outside}"),
        ("<@ ../notes.txt", "{outside}"),
        ("< /etc/passwd", "/etc/passwd"),
        ("< /proc/self/environ", "/environ"),
        ('--B\nContent-Disposition: form-data; name="f"\n\n< {outside}\n--B--', "{outside}"),
    ],
    ids=["absolute", "dot-dot", "symlink", "etc-passwd", "proc-environ", "multipart"],
)
def test_an_outside_include_is_refused_naming_the_file_and_the_flag(
    workspace: Path, attacker: RunningBed, body: str, named: str
) -> None:
    outside = str(_outside(workspace))
    done = _send(workspace, attacker, body.format(outside=outside))
    assert done.returncode == 2, done.stderr
    assert attacker.requests_seen == [], "nothing at all was sent"
    refusal = done.stderr.splitlines()[0]
    assert refusal.startswith("oauth-http send: The body file ")
    assert named.format(outside=outside) in refusal and "outside the workspace folder" in refusal
    assert str(workspace) in refusal and "was not sent" in refusal
    assert "--allow-outside " in done.stderr
    if named.startswith("{"):
        assert f"--allow-outside {outside}" in done.stderr
    for output in (done.stdout, done.stderr):
        assert FILE_MARKER not in output and ENV_MARKER not in output and "root:" not in output
    assert "Traceback" not in done.stderr


def test_allow_outside_sends_that_file_for_this_run(workspace: Path, attacker: RunningBed) -> None:
    outside = _outside(workspace)
    done = _send(workspace, attacker, "< ../notes.txt", "--allow-outside", str(outside))
    assert done.returncode == 0, done.stderr
    assert _received(attacker) == FILE_MARKER.encode()
    again = _send(workspace, attacker, "< ../notes.txt")
    assert again.returncode == 2 and str(outside) in again.stderr, "only for that run"
    assert len(attacker.requests_seen) == 1


def test_allow_outside_takes_a_folder_and_relative_paths(
    workspace: Path, attacker: RunningBed
) -> None:
    elsewhere = workspace.parent / "elsewhere.txt"
    elsewhere.write_text("-and-elsewhere", encoding="utf-8")
    # Relative to the current directory (api/), as a shell would complete it.
    done = _send(
        workspace,
        attacker,
        f"< ../../outside/secret.txt\n< {elsewhere}",
        "--allow-outside",
        "../../outside",
        "--allow-outside",
        "../../elsewhere.txt",
    )
    assert done.returncode == 0, done.stderr
    assert _received(attacker) == f"{FILE_MARKER}\n-and-elsewhere".encode()


def test_another_outside_file_is_still_refused_when_one_is_allowed(
    workspace: Path, attacker: RunningBed
) -> None:
    done = _send(workspace, attacker, "< ../notes.txt\n< /etc/passwd", "--allow-outside", "../..")
    assert done.returncode == 2 and "/etc/passwd" in done.stderr.splitlines()[0], done.stderr
    assert attacker.requests_seen == []


def test_an_include_inside_the_workspace_is_sent_without_a_flag(
    workspace: Path, attacker: RunningBed
) -> None:
    (workspace / "bodies").mkdir()
    (workspace / "bodies" / "status.json").write_text('{"s": 1}', encoding="utf-8")
    done = _send(workspace, attacker, "< ../bodies/status.json")
    assert done.returncode == 0, done.stderr
    assert _received(attacker) == b'{"s": 1}'


def test_without_an_env_file_the_http_files_folder_is_the_workspace(
    workspace: Path, attacker: RunningBed
) -> None:
    (workspace / "http-client.env.json").unlink()
    (workspace / "shared.json").write_text("{}", encoding="utf-8")
    done = _send(workspace, attacker, "< ../shared.json")
    assert done.returncode == 2 and str(workspace / "api") in done.stderr, done.stderr
    assert attacker.requests_seen == []
