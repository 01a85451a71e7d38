"""The rule for body files outside the workspace folder: pure over paths, then on a real disk
(`..`, `~`, symlinks), and a send that stops before reading such a file."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path, PurePosixPath

import pytest
from oauth_http.sending.files import DiskFileReader
from oauth_http.sending.outside_files import (
    IncludeReach,
    is_outside,
    is_within,
    outside_includes,
    real_path,
)
from oauth_http.sending.prepare import prepare
from oauth_http.sending.session import DEFAULT_TIMEOUT
from oauth_http.syntax.parser import parse_document

from tests.httpbed.sending import make_job, pick

P = PurePosixPath


@pytest.mark.parametrize(
    ("path", "folder", "inside"),
    [
        ("/ws", "/ws", True),
        ("/ws/a.json", "/ws", True),
        ("/ws/deep/er/a.json", "/ws", True),
        ("/wsx/a.json", "/ws", False),  # a sibling that shares the prefix
        ("/etc/passwd", "/ws", False),
        ("/ws/../etc/passwd", "/ws", False),  # not normalized: never trusted
        ("/", "/ws", False),
        ("/ws/a.json", "/", True),
    ],
)
def test_is_within(path: str, folder: str, inside: bool) -> None:
    assert is_within(P(path), P(folder)) is inside


def test_is_outside_unless_inside_the_folder_or_allowed() -> None:
    assert not is_outside(P("/ws/a.json"), P("/ws"))
    assert is_outside(P("/etc/passwd"), P("/ws"))
    assert not is_outside(P("/etc/passwd"), P("/ws"), [P("/etc/passwd")])
    assert not is_outside(P("/data/x/y.bin"), P("/ws"), [P("/data")])  # a folder allows below
    assert is_outside(P("/etc/shadow"), P("/ws"), [P("/etc/passwd")])
    assert is_outside(P("/ws/a.json"), None), "without a folder every file needs leave"


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """A workspace folder and an outside folder beside it, each holding one file."""
    workspace, outside = tmp_path / "ws", tmp_path / "outside"
    (workspace / "api").mkdir(parents=True)
    outside.mkdir()
    (workspace / "inside.json").write_text("{}")
    (outside / "secret.txt").write_text("outside-marker")
    return workspace, outside


def test_dot_dots_and_symlinks_resolve_to_the_real_path(layout: tuple[Path, Path]) -> None:
    workspace, outside = layout
    reach = IncludeReach(workspace)
    secret = real_path(outside / "secret.txt")
    assert reach.outside(workspace / "inside.json") is None
    assert reach.outside(workspace / "api" / ".." / "inside.json") is None
    assert reach.outside(workspace / "api" / ".." / ".." / "outside" / "secret.txt") == secret
    (workspace / "link.txt").symlink_to(outside / "secret.txt")
    assert reach.outside(workspace / "link.txt") == secret
    (workspace / "linked-folder").symlink_to(outside, target_is_directory=True)
    assert reach.outside(workspace / "linked-folder" / "secret.txt") == secret
    assert IncludeReach(workspace, frozenset({secret})).outside(workspace / "link.txt") is None


def test_a_workspace_reached_through_a_symlink_is_still_inside(layout: tuple[Path, Path]) -> None:
    workspace, _ = layout
    alias = workspace.parent / "alias"
    alias.symlink_to(workspace, target_is_directory=True)
    assert IncludeReach(alias).outside(workspace / "inside.json") is None
    assert IncludeReach(workspace).outside(alias / "inside.json") is None


def test_home_relative_paths_are_expanded(
    layout: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, outside = layout
    monkeypatch.setenv("HOME", str(outside))
    assert real_path(Path("~/secret.txt")) == real_path(outside / "secret.txt")
    body = parse_document("POST http://x/\n\n< ~/secret.txt\n").requests()[0].body
    assert body is not None
    found = outside_includes(
        body.parts,
        [workspace / "api", workspace],
        IncludeReach(workspace),
        DiskFileReader(),
    )
    assert [item.real for item in found] == [real_path(outside / "secret.txt")]


def test_outside_includes_lists_each_real_path_once_and_skips_missing_files(
    layout: tuple[Path, Path],
) -> None:
    workspace, outside = layout
    (workspace / "link.txt").symlink_to(outside / "secret.txt")
    text = (
        "POST http://x/\nContent-Type: multipart/form-data; boundary=B\n\n--B\n\n"
        f"< {outside / 'secret.txt'}\n--B\n\n< ../link.txt\n--B\n\n< ../inside.json\n"
        "--B\n\n< /no/such/file\n--B--\n"
    )
    body = parse_document(text).requests()[0].body
    assert body is not None
    found = outside_includes(
        body.parts, [workspace / "api", workspace], IncludeReach(workspace), DiskFileReader()
    )
    assert [item.real for item in found] == [real_path(outside / "secret.txt")]
    assert found[0].include.path == str(outside / "secret.txt")


def test_a_send_stops_before_reading_an_outside_file(layout: tuple[Path, Path]) -> None:
    workspace, outside = layout
    relative = os.path.relpath(outside / "secret.txt", workspace / "api")
    document = parse_document(f"POST http://example.com/\n\nbefore\n< {relative}\n")
    job = make_job(document, pick(document), folder=workspace / "api", workspace=workspace)
    result = prepare(job, DiskFileReader(), DEFAULT_TIMEOUT)
    assert result.failure is not None and result.failure.kind == "include_outside"
    assert str(real_path(outside / "secret.txt")) in result.failure.message
    assert repr(relative) in result.failure.message and "line 4" in result.failure.message
    assert str(workspace) in result.failure.message
    assert result.outgoing.body is None
    allowed = IncludeReach(workspace, frozenset({real_path(outside)}))
    sent = prepare(replace(job, includes=allowed), DiskFileReader(), DEFAULT_TIMEOUT)
    assert sent.failure is None and sent.outgoing.body == b"before\noutside-marker"


def test_without_a_workspace_folder_the_document_folder_is_the_limit(
    layout: tuple[Path, Path],
) -> None:
    workspace, outside = layout
    document = parse_document(f"POST http://example.com/\n\n< {outside / 'secret.txt'}\n")
    job = make_job(document, pick(document), folder=workspace)
    assert job.include_reach().folder == workspace
    failure = prepare(job, DiskFileReader(), DEFAULT_TIMEOUT).failure
    assert failure is not None and failure.kind == "include_outside"
    inside = parse_document("POST http://example.com/\n\n< inside.json\n")
    sent = prepare(make_job(inside, pick(inside), folder=workspace), DiskFileReader(), 1.0)
    assert sent.failure is None and sent.outgoing.body == b"{}"
