"""The sender's bounds against the hostile server on 127.0.0.1: the maximum size counted on decoded
bytes, one timeout for the whole exchange naming the phase that ran out, true causes for broken
answers, and no body file kept by a send that failed or was cancelled."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from oauth_http.sending.body_files import BodyFiles
from oauth_http.sending.session import Sender, SendOptions

from tests.httpbed import full_backlog
from tests.httpbed.hostile import HostileServer, start_hostile
from tests.httpbed.sending import send_text

MB = 1024 * 1024


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileServer]:
    with start_hostile() as running:
        yield running


@pytest.fixture
def files(tmp_path: Path) -> BodyFiles:
    return BodyFiles(tmp_path)


def sender(files: BodyFiles, **options: float) -> Sender:
    limits = {"body_limit": 64 * 1024, "max_size": 4 * MB, "timeout": 10.0, **options}
    return Sender(
        SendOptions(
            timeout=float(limits["timeout"]),
            body_limit=int(limits["body_limit"]),
            max_size=int(limits["max_size"]),
        ),
        body_files=files,
    )


@pytest.mark.parametrize("case", ["/gzip-bomb", "/deflate-bomb", "/endless"])
def test_the_cap_counts_decoded_bytes_and_closes_the_connection(
    hostile: HostileServer, files: BodyFiles, case: str
) -> None:
    record = send_text(sender(files), f"GET {hostile.url}{case}\n")
    body = record["body"]
    assert body is not None and body["complete"] is False and body["size"] == 4 * MB
    assert record["error"] is not None and record["error"]["kind"] == "too_large"
    assert body["fullPath"] is not None and Path(body["fullPath"]).stat().st_size == 4 * MB
    visit = hostile.visits_to(case.split("?", maxsplit=1)[0])[-1]
    assert visit.wait_ended(10)
    assert visit.bytes_sent < 64 * MB, "the server was not read to its end"


def test_a_body_exactly_at_the_cap_is_complete(hostile: HostileServer, files: BodyFiles) -> None:
    record = send_text(sender(files, max_size=8 * MB), f"GET {hostile.url}/big?mb=8\n")
    body = record["body"]
    assert body is not None and body["complete"] is True and record["error"] is None


def test_the_timeout_bounds_the_whole_exchange_and_names_the_body(
    hostile: HostileServer, files: BodyFiles
) -> None:
    record = send_text(sender(files), f"# @timeout 1.5\nGET {hostile.url}/drip\n")
    error = record["error"]
    assert error is not None and error["kind"] == "body_timeout", error
    assert "not the whole body within 1.5 seconds (" in error["message"]
    assert "had arrived); the timeout bounds the whole exchange." in error["message"]
    assert record["timing"]["total"] < 10_000


def test_the_timeout_names_the_headers_and_the_connect_phase(
    hostile: HostileServer, files: BodyFiles
) -> None:
    stall = send_text(sender(files, timeout=0.5), f"GET {hostile.url}/stall\n")
    assert stall["error"] is not None and stall["error"]["kind"] == "read_timeout"
    with full_backlog() as backlog:
        url = f"http://127.0.0.1:{backlog.port}/"
        connect = send_text(sender(files, timeout=0.5), f"GET {url}\n")
    assert connect["error"] is not None and connect["error"]["kind"] == "connect_timeout"
    assert "took longer than 0.5 seconds" in connect["error"]["message"]


@pytest.mark.parametrize("case", ["/reset-body", "/short-body"])
def test_a_body_broken_off_keeps_no_file(
    hostile: HostileServer, files: BodyFiles, case: str
) -> None:
    record = send_text(sender(files, body_limit=4), f"GET {hostile.url}{case}\n")
    assert record["status"] is None and record["error"] is not None
    assert files.paths() == []


def test_a_send_cancelled_mid_body_keeps_no_file(hostile: HostileServer, files: BodyFiles) -> None:
    cancel = threading.Event()
    timer = threading.Timer(0.5, cancel.set)
    timer.start()
    record = send_text(
        sender(files, body_limit=1024), f"GET {hostile.url}/trickle\n", cancel=cancel
    )
    timer.cancel()
    assert record["error"] is not None and record["error"]["kind"] == "cancelled"
    assert files.paths() == []
    visit = hostile.visits_to("/trickle")[-1]
    assert visit.wait_ended(10) and visit.client_closed_at is not None
