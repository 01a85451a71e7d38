"""Every way a send can fail, over real connections on 127.0.0.1: each record has no response,
a stable error kind, a message naming the cause and a hint naming the next step."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from oauth_http.sending.body_files import BodyFiles
from oauth_http.sending.record_types import ResponseRecord
from oauth_http.sending.session import Sender

from tests.httpbed import RunningBed, closed_port, full_backlog, start_httpbed
from tests.httpbed.sending import send_text


@pytest.fixture(scope="module")
def tls_bed() -> Iterator[RunningBed]:
    with start_httpbed(tls=True) as running:
        yield running


def failed(record: ResponseRecord, kind: str) -> dict[str, Any]:
    """The record's error, checked to be of `kind` with no response."""
    error = record["error"]
    assert error is not None, record
    assert error["kind"] == kind, error
    assert record["status"] is None and record["body"] is None and record["headers"] == []
    assert record["reason"] == "" and record["httpVersion"] == ""
    assert error["message"] and error["hint"]
    return dict(error)


def test_connection_refused(sender: Sender) -> None:
    port = closed_port()
    error = failed(send_text(sender, f"GET http://127.0.0.1:{port}/x\n"), "connection_refused")
    assert f"127.0.0.1:{port}" in error["message"] and "oauth-http sandbox" in error["hint"]


def test_dns_failure(sender: Sender, monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def resolve(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "api.unknown-host.test":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    record = send_text(sender, "GET http://api.unknown-host.test/1.1/x.json\n")
    error = failed(record, "dns")
    assert "api.unknown-host.test" in error["message"] and "spelling" in error["hint"]
    assert record["request"]["url"] == "http://api.unknown-host.test/1.1/x.json"


def test_connect_timeout(sender: Sender) -> None:
    with full_backlog() as listener:
        record = send_text(sender, f"# @timeout 0.3\nGET http://127.0.0.1:{listener.port}/\n")
    error = failed(record, "connect_timeout")
    assert "0.3 seconds" in error["message"] and "# @timeout" in error["hint"]
    assert record["timing"]["headers"] is None


def test_read_timeout(bed: RunningBed, sender: Sender) -> None:
    record = send_text(sender, f"# @timeout 0.3\nGET {bed.url}/stall\n")
    error = failed(record, "read_timeout")
    assert "0.3 seconds" in error["message"] and "127.0.0.1" in error["message"]
    assert "# @timeout 1.2" in error["hint"]


def test_the_default_timeout_comes_from_the_options(bed: RunningBed, tmp_path: Path) -> None:
    from oauth_http.sending.session import SendOptions

    quick = Sender(SendOptions(timeout=0.2), body_files=BodyFiles(tmp_path))
    try:
        error = failed(send_text(quick, f"GET {bed.url}/stall\n"), "read_timeout")
    finally:
        quick.close()
    assert "0.2 seconds" in error["message"]


def test_an_untrusted_certificate(tls_bed: RunningBed, sender: Sender) -> None:
    error = failed(send_text(sender, f"GET {tls_bed.url}/echo\n"), "tls")
    assert f"127.0.0.1:{tls_bed.port}" in error["message"] and "not trusted" in error["message"]
    assert tls_bed.requests_seen == []


def test_plain_http_to_a_tls_port(tls_bed: RunningBed, sender: Sender) -> None:
    record = send_text(sender, f"# @timeout 2\nGET http://127.0.0.1:{tls_bed.port}/echo\n")
    assert record["status"] is None and record["error"] is not None


def test_an_unresolved_variable_is_not_sent(bed: RunningBed, sender: Sender) -> None:
    before = len(bed.requests_seen)
    record = send_text(sender, f"GET {bed.url}/echo?who={{{{user}}}}\n")
    error = failed(record, "unresolved_variable")
    assert "{{user}}" in error["message"] and "@user = ..." in error["message"]
    assert len(bed.requests_seen) == before
    assert record["request"]["url"] == f"{bed.url}/echo?who={{{{user}}}}"


def test_a_missing_include_is_not_sent(bed: RunningBed, sender: Sender, tmp_path: Path) -> None:
    before = len(bed.requests_seen)
    record = send_text(sender, f"POST {bed.url}/echo\n\n< ./missing.json\n", folder=tmp_path)
    error = failed(record, "include_missing")
    assert str(tmp_path / "missing.json") in error["message"]
    assert len(bed.requests_seen) == before


def test_an_invalid_url(sender: Sender) -> None:
    error = failed(send_text(sender, "@h = \nGET http://{{h}}/x\n"), "invalid_url")
    assert "http://" in error["hint"]


def test_a_401_with_oauth_problem(bed: RunningBed, sender: Sender) -> None:
    record = send_text(sender, f"GET {bed.url}/oauth-problem?problem=token_rejected\n")
    assert record["status"] == 401 and record["body"] is not None
    error = record["error"]
    assert error is not None and error["kind"] == "oauth_problem"
    assert "token_rejected" in error["message"] and "Authorize again" in error["hint"]


@pytest.mark.parametrize(
    ("style", "status", "reset"), [("retry-after", 429, "30"), ("ratelimit", 420, "45")]
)
def test_rate_limits(bed: RunningBed, sender: Sender, style: str, status: int, reset: str) -> None:
    url = f"{bed.url}/rate-limited?style={style}&status={status}&reset={reset}"
    record = send_text(sender, f"GET {url}\n")
    assert record["status"] == status
    error = record["error"]
    assert error is not None and error["kind"] == "rate_limited"
    assert f"HTTP {status}" in error["message"] and "resets at" in error["message"]
    assert (
        f"in {reset} seconds" in error["message"]
        or f"in {int(reset) - 1} seconds" in (error["message"])
    )


def test_html_where_json_was_asked(bed: RunningBed, sender: Sender) -> None:
    record = send_text(sender, f"GET {bed.url}/html\nAccept: application/json\n")
    assert record["status"] == 200 and record["body"] is not None
    assert record["body"]["text"] is not None and "Sign in" in record["body"]["text"]
    error = record["error"]
    assert error is not None and error["kind"] == "html_instead_of_json"
    plain = send_text(sender, f"GET {bed.url}/html\n")
    assert plain["error"] is None


def cancel_after(event: threading.Event, seconds: float) -> threading.Timer:
    timer = threading.Timer(seconds, event.set)
    timer.start()
    return timer


def test_cancel_while_waiting_for_the_response(bed: RunningBed, sender: Sender) -> None:
    cancel = threading.Event()
    timer = cancel_after(cancel, 0.3)
    record = send_text(sender, f"# @timeout 60\nGET {bed.url}/stall\n", cancel=cancel)
    timer.cancel()
    error = failed(record, "cancelled")
    assert error["message"] == "The request was cancelled."


def test_cancel_while_reading_the_body(bed: RunningBed, sender: Sender) -> None:
    cancel = threading.Event()
    timer = cancel_after(cancel, 0.3)
    record = send_text(sender, f"# @timeout 60\nGET {bed.url}/slow-body\n", cancel=cancel)
    timer.cancel()
    failed(record, "cancelled")
    after = send_text(sender, f"GET {bed.url}/json\n")
    assert after["status"] == 200


def test_cancelled_before_sending_sends_nothing(bed: RunningBed, sender: Sender) -> None:
    before = len(bed.requests_seen)
    cancel = threading.Event()
    cancel.set()
    failed(send_text(sender, f"GET {bed.url}/echo\n", cancel=cancel), "cancelled")
    assert len(bed.requests_seen) == before


def test_records_of_failures_are_plain_json(sender: Sender) -> None:
    record = send_text(sender, f"GET http://127.0.0.1:{closed_port()}/x?api_key=k0123456789\n")
    text = json.dumps(record)
    assert "k0123456789" not in text


class ExplodingFiles:
    """A FileReader whose disk fails in a way nothing expects."""

    def exists(self, path: Path) -> bool:
        return True

    def read_bytes(self, path: Path) -> bytes:
        raise RuntimeError("disk on fire")


def test_an_unexpected_error_still_gives_a_record(bed: RunningBed, tmp_path: Path) -> None:
    broken = Sender(files=ExplodingFiles(), body_files=BodyFiles(tmp_path))
    try:
        text = f"POST {bed.url}/echo?api_key=k0123456789\n\n< ./x.json\n"
        record = send_text(broken, text, folder=tmp_path)
    finally:
        broken.close()
    error = failed(record, "internal")
    assert "RuntimeError" in error["message"] and "report it" in error["hint"]
    assert "k0123456789" not in json.dumps(record)
