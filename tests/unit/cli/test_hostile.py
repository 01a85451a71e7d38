"""`oauth-http send` against the hostile server: every case ends with its own message and exit
status, within its time bound, in bounded memory (the process's own peak resident size) and
leaving no body files behind."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.httpbed.hostile import HostileServer, start_hostile
from tests.httpbed.processes import Measured, body_folders_of, run_measured

MAX_SIZE_MB = 16
PEAK_RSS_LIMIT_MB = 150  # about 45 MB measured for every case, bombs included
BROTLI = any(importlib.util.find_spec(name) for name in ("brotli", "brotlicffi"))


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileServer]:
    with start_hostile() as running:
        yield running


def send(folder: Path, text: str, *args: str) -> Measured:
    (folder / "api.http").write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "oauth_http", "send", "api.http", *args]
    return run_measured(command, cwd=folder, env=dict(os.environ), timeout=60)


def send_case(folder: Path, url: str, *args: str) -> Measured:
    result = send(folder, f"GET {url}\n", "--max-size", str(MAX_SIZE_MB), *args)
    assert not result.killed, "the send outlived its time bound"
    assert result.peak_rss_mb < PEAK_RSS_LIMIT_MB, result.peak_rss_mb
    assert "Traceback" not in result.stderr
    return result


@pytest.mark.parametrize("case", ["/gzip-bomb", "/deflate-bomb", "/endless", "/big?mb=64"])
def test_a_body_past_the_maximum_size_stops_there_and_prints_what_arrived(
    hostile: HostileServer, tmp_path: Path, case: str
) -> None:
    result = send_case(tmp_path, f"{hostile.url}{case}")
    assert result.returncode == 4, result.stderr
    assert f"larger than the {MAX_SIZE_MB} MB maximum" in result.stderr
    assert "--max-size" in result.stderr and "printed is cut" in result.stderr
    body = result.stdout.split(b"\r\n\r\n", 1)[-1].split(b"\n\n", 1)[-1]
    assert len(body) <= MAX_SIZE_MB * 1024 * 1024 + 1
    assert len(result.stdout) < (MAX_SIZE_MB + 1) * 1024 * 1024


def test_a_brotli_body_is_bounded_whether_or_not_brotli_is_installed(
    hostile: HostileServer, tmp_path: Path
) -> None:
    result = send_case(tmp_path, f"{hostile.url}/br-bomb")
    if BROTLI:  # decoded: the cap stops it like any bomb
        assert result.returncode == 4, result.stderr
    else:  # not advertised, not decoded: the 211 bytes as they came
        assert result.returncode == 0, result.stderr
        assert len(result.stdout) < 4096


def test_a_body_dripping_one_byte_a_second_fails_at_the_timeout_for_the_whole_exchange(
    hostile: HostileServer, tmp_path: Path
) -> None:
    result = send_case(tmp_path, f"{hostile.url}/drip", "--timeout", "2")
    assert result.returncode == 2 and result.stdout == b""
    assert "sent the response headers but not the whole body within 2 seconds" in result.stderr


def test_a_stall_before_the_headers_fails_at_the_timeout(
    hostile: HostileServer, tmp_path: Path
) -> None:
    result = send_case(tmp_path, f"{hostile.url}/stall", "--timeout", "1")
    assert result.returncode == 2
    assert "accepted the connection but sent no response within 1 seconds" in result.stderr


@pytest.mark.parametrize(
    ("case", "cause"),
    [
        ("/many-headers", "sent more than 100 response headers"),
        ("/long-header", "sent a header line longer than 65,536 bytes"),
        ("/bad-status", "did not answer with an HTTP status line (it sent 'HTTP/1.1 abc"),
        (
            "/short-body",
            "closed the connection after 10 bytes of the 1,000 bytes its Content-Length",
        ),
        ("/reset-body", "reset the connection while sending the body (1,000 bytes had arrived)"),
    ],
)
def test_a_broken_answer_is_named_by_its_true_cause(
    hostile: HostileServer, tmp_path: Path, case: str, cause: str
) -> None:
    result = send_case(tmp_path, f"{hostile.url}{case}")
    assert result.returncode == 2 and result.stdout == b""
    assert cause in result.stderr, result.stderr
    assert "before the response was complete" not in result.stderr


def test_deep_json_is_indented_to_a_depth_and_printed_as_it_came_below(
    hostile: HostileServer, tmp_path: Path
) -> None:
    result = send_case(tmp_path, f"{hostile.url}/deep-json?depth=100000")
    assert result.returncode == 0, result.stderr
    body = result.stdout_text.split("\n\n", 1)[1]
    assert body.startswith('{\n  "top": 1,\n  "deep": [')
    assert len(body) < 2 * 200_000 + 10_000, "not quadratic in the depth"
    assert "nested deeper than 64 levels" in result.stderr


def test_a_million_items_are_indented_in_bounded_memory(
    hostile: HostileServer, tmp_path: Path
) -> None:
    result = send_case(tmp_path, f"{hostile.url}/wide-json?items=1000000")
    assert result.returncode == 0, result.stderr
    body = result.stdout_text.split("\n\n", 1)[1]
    assert body.startswith('[\n  {\n    "id": 0\n  },\n  {\n    "id": 1\n  },')
    assert body.endswith('    "id": 999999\n  }\n]\n')


def test_chaining_reads_deep_json(hostile: HostileServer, tmp_path: Path) -> None:
    text = (
        f"# @name deep\nGET {hostile.url}/deep-json?depth=100000\n\n###\n"
        f"# @name use\nGET {hostile.url}/stall?top={{{{deep.response.body.$.top}}}}\n"
    )
    result = send(tmp_path, text, "--name", "use", "--timeout", "1")
    assert "* Sent deep first (HTTP 200)." in result.stderr, result.stderr
    assert "RecursionError" not in result.stderr
    visit = hostile.wait_for_visit("/stall")
    assert visit.request_line is not None and "top=1" in visit.request_line


def test_no_body_file_outlives_the_run(hostile: HostileServer, tmp_path: Path) -> None:
    result = send(tmp_path, f"GET {hostile.url}/big?mb=8\n", "--raw")
    assert result.returncode == 0 and len(result.stdout) > 8 * 1024 * 1024
    assert body_folders_of(result.pid) == []
