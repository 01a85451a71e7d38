"""Explaining responses that arrived (OAuth problems, rate limits, HTML for JSON) and turning
exceptions into failure kinds, at the seam; the real network cases are in test_session_failures."""

from __future__ import annotations

import socket
from email.utils import formatdate

import pytest
from oauth_http.sending.failures import Failure, classify_exception
from oauth_http.sending.response_problems import explain_response, reset_time

NOW = 1_800_000_000.0
JSON_REQUEST = [("Accept", "application/json")]


def explain(
    status: int,
    headers: list[tuple[str, str]],
    body: bytes = b"",
    *,
    url: str = "https://api.example.com/1.1/x",
    request_headers: list[tuple[str, str]] | None = None,
    sent: str | None = None,
) -> Failure | None:
    return explain_response(
        status,
        headers,
        body,
        request_url=url,
        request_headers=request_headers or [],
        provider="twitter",
        oauth_timestamp=sent,
        now=lambda: NOW,
    )


def test_timestamp_refused_with_acceptable_timestamps_tells_the_skew() -> None:
    low, high = int(NOW) + 3300, int(NOW) + 3900
    body = f"oauth_problem=timestamp_refused&oauth_acceptable_timestamps={low}-{high}".encode()
    failure = explain(401, [], body, sent=str(int(NOW)))
    assert failure is not None and failure.kind == "oauth_problem"
    assert "timestamp_refused" in failure.message
    assert "3600 seconds behind" in failure.message and "clock" in failure.hint


def test_timestamp_refused_uses_the_date_header_otherwise() -> None:
    headers = [("Date", formatdate(NOW - 600, usegmt=True))]
    failure = explain(401, headers, b"oauth_problem=timestamp_refused", sent=str(int(NOW)))
    assert failure is not None and "600 seconds ahead of" in failure.message


def test_the_problem_in_the_www_authenticate_header() -> None:
    headers = [("WWW-Authenticate", 'OAuth realm="api", oauth_problem="token_rejected"')]
    failure = explain(401, headers, b"Unauthorized")
    assert failure is not None and failure.kind == "oauth_problem"
    assert "oauth-http authorize twitter" in failure.hint


@pytest.mark.parametrize(
    ("problem", "words"),
    [
        ("token_revoked", "Authorize again"),
        ("signature_invalid", "base string"),
        ("consumer_key_unknown", "consumer key"),
        ("nonce_used", "Send again"),
        ("parameter_absent", "advice"),
    ],
)
def test_each_problem_has_its_next_step(problem: str, words: str) -> None:
    failure = explain(401, [], f"oauth_problem={problem}&oauth_problem_advice=see+docs".encode())
    assert failure is not None and failure.kind == "oauth_problem"
    assert problem in failure.message and "(see docs)" in failure.message
    assert words in failure.hint


@pytest.mark.parametrize(
    ("header", "value", "seconds"),
    [
        ("x-rate-limit-reset", str(int(NOW) + 900), 900),
        ("Retry-After", "120", 120),
        ("Retry-After", formatdate(NOW + 60, usegmt=True), 60),
        ("RateLimit-Reset", "30", 30),
    ],
)
def test_rate_limits_say_when_they_reset(header: str, value: str, seconds: int) -> None:
    assert reset_time([(header, value)], lambda: NOW) == NOW + seconds
    failure = explain(429, [(header, value)])
    assert failure is not None and failure.kind == "rate_limited"
    assert f"in {seconds} seconds" in failure.message and "HTTP 429" in failure.message
    calm = explain(420, [(header, value)])
    assert calm is not None and calm.kind == "rate_limited" and "HTTP 420" in calm.message


def test_a_rate_limit_without_a_reset_header() -> None:
    failure = explain(429, [])
    assert (
        failure is not None and failure.kind == "rate_limited" and "resets" not in failure.message
    )


def test_html_where_json_was_asked_for() -> None:
    html = [("Content-Type", "text/html; charset=utf-8")]
    page = b"<!DOCTYPE html><html><body>Sign in</body></html>"
    by_accept = explain(200, html, page, request_headers=JSON_REQUEST)
    assert by_accept is not None and by_accept.kind == "html_instead_of_json"
    by_url = explain(200, [], page, url="https://api.example.com/1.1/me.json")
    assert by_url is not None and by_url.kind == "html_instead_of_json"
    assert explain(200, html, page) is None
    json_answer = [("Content-Type", "application/json")]
    assert explain(200, json_answer, b"{}", request_headers=JSON_REQUEST) is None


def test_ordinary_errors_are_not_explained() -> None:
    assert explain(404, [("Content-Type", "application/json")], b'{"error": "nope"}') is None
    assert explain(500, [], b"boom") is None


def _wrapped(inner: BaseException) -> BaseException:
    """An exception as requests raises it: a wrapper whose cause chain leads to `inner`."""
    import requests

    try:
        try:
            raise inner
        except BaseException as error:
            raise requests.exceptions.ConnectionError(error) from error
    except requests.exceptions.ConnectionError as outer:
        return outer


def test_classification_at_the_seam() -> None:
    import requests
    from urllib3.exceptions import ConnectTimeoutError, ReadTimeoutError

    url = "http://api.example.com:8080/x?api_key=k"
    dns = classify_exception(_wrapped(socket.gaierror(-2, "Name or service not known")), url, 5)
    assert dns.kind == "dns" and "api.example.com" in dns.message
    refused = classify_exception(_wrapped(ConnectionRefusedError(111, "refused")), url, 5)
    assert refused.kind == "connection_refused" and "api.example.com:8080" in refused.message
    connect = classify_exception(requests.exceptions.ConnectTimeout(ConnectTimeoutError()), url, 5)
    assert connect.kind == "connect_timeout" and "5 seconds" in connect.message
    assert "# @timeout 20" in connect.hint
    read = classify_exception(_wrapped(ReadTimeoutError(None, url, "read timed out")), url, 2.5)  # type: ignore[arg-type]  # no pool: only the error is classified
    assert read.kind == "read_timeout" and "2.5 seconds" in read.message
    odd = classify_exception(RuntimeError("x"), url, 5)
    assert odd.kind == "internal" and "api_key" not in odd.message
