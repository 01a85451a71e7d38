"""Unsigned sends over real HTTP to the httpbed on 127.0.0.1: every field of the record, bodies
of every kind, redirects, cookies per workspace."""

from __future__ import annotations

import base64
import json
import re
import stat
from pathlib import Path

import pytest
from oauth_http.sending.body_files import BodyFiles
from oauth_http.sending.record_types import ResponseRecord
from oauth_http.sending.session import Sender, SendOptions
from oauth_http.sending.transport import RequestsTransport
from requests.adapters import HTTPAdapter

from tests.httpbed import RunningBed
from tests.httpbed.routes import JSON_DOCUMENT, LATIN1_TEXT, SHIFT_JIS_TEXT, png_bytes
from tests.httpbed.sending import send_text, text_of

RECORD_KEYS = set(ResponseRecord.__annotations__)


def test_every_field_of_a_plain_post(bed: RunningBed, sender: Sender) -> None:
    text = (
        "### Post a thing\n"
        "# @name thing\n"
        f"POST {bed.url}/echo?x=1&x=2\n"
        "Content-Type: application/json\n"
        "X-Custom: one\n\n"
        '{"hello": "wörld"}\n'
    )
    record = send_text(sender, text)
    assert set(record) == RECORD_KEYS
    assert re.fullmatch(r"[0-9a-f]{32}", record["id"])
    assert record["uri"] == "file:///test.http" and record["line"] == 2
    assert record["label"] == "thing"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", record["startedAt"])
    request = record["request"]
    assert request["method"] == "POST" and request["url"] == f"{bed.url}/echo?x=1&x=2"
    sent = dict(request["headers"])
    assert sent["Content-Type"] == "application/json" and sent["X-Custom"] == "one"
    assert sent["User-Agent"] == "oauth-http/0.1.0"
    assert sent["Content-Length"] == str(len('{"hello": "wörld"}'.encode()))
    assert request["body"] is not None and request["body"]["text"] == '{"hello": "wörld"}'
    assert (record["status"], record["reason"], record["httpVersion"]) == (200, "OK", "HTTP/1.1")
    headers = dict(record["headers"])
    assert headers["Content-Type"] == "application/json"
    body = record["body"]
    assert body is not None and body["text"] is not None and body["charset"] == "utf-8"
    assert body["size"] == int(headers["Content-Length"]) and not body["truncated"]
    assert body["fullPath"] is None and body["base64"] is None
    echoed = json.loads(body["text"])
    assert echoed["method"] == "POST" and echoed["query"] == [["x", "1"], ["x", "2"]]
    assert echoed["body"] == '{"hello": "wörld"}'
    assert ["X-Custom", "one"] in echoed["headers"]
    timing = record["timing"]
    assert timing["headers"] is not None and 0 < timing["headers"] <= timing["total"]
    assert record["oauth"] is None and record["redirects"] == [] and record["error"] is None
    json.dumps(record)  # the record is plain JSON


def test_a_4xx_response_is_a_response_not_an_error(bed: RunningBed, sender: Sender) -> None:
    record = send_text(sender, f"DELETE {bed.url}/status/404\n")
    assert record["status"] == 404 and record["reason"] == "Not Found"
    assert record["error"] is None and record["body"] is not None


def test_head_has_no_body(bed: RunningBed, sender: Sender) -> None:
    record = send_text(sender, f"HEAD {bed.url}/json\n")
    assert record["status"] == 200 and record["body"] is not None
    assert record["body"]["size"] == 0


def test_binary_bodies_are_base64(bed: RunningBed, sender: Sender) -> None:
    record = send_text(sender, f"GET {bed.url}/png\n")
    body = record["body"]
    assert body is not None and body["text"] is None and body["contentType"] == "image/png"
    assert base64.b64decode(body["base64"] or "") == png_bytes()
    assert body["size"] == len(png_bytes())


@pytest.mark.parametrize(
    ("route", "text", "charset"),
    [
        ("latin1", LATIN1_TEXT, "iso8859-1"),
        ("shift-jis", SHIFT_JIS_TEXT, "shift_jis"),
    ],
)
def test_non_utf8_text_with_a_charset(
    bed: RunningBed, sender: Sender, route: str, text: str, charset: str
) -> None:
    body = send_text(sender, f"GET {bed.url}/{route}\n")["body"]
    assert body is not None and body["text"] == text and body["charset"] == charset


def test_text_without_a_charset_that_is_not_utf8(bed: RunningBed, sender: Sender) -> None:
    body = send_text(sender, f"GET {bed.url}/latin1-no-charset\n")["body"]
    assert body is not None and body["size"] == len(LATIN1_TEXT.encode("latin-1"))
    assert body["text"] == LATIN1_TEXT and body["charset"] == "cp1252"


def test_gzip_is_decoded(bed: RunningBed, sender: Sender) -> None:
    record = send_text(sender, f"GET {bed.url}/gzip\n")
    body = record["body"]
    assert body is not None and json.loads(body["text"] or "") == JSON_DOCUMENT
    assert ["Content-Encoding", "gzip"] in record["headers"]


def test_repeated_headers_are_kept_in_order(bed: RunningBed, sender: Sender) -> None:
    headers = send_text(sender, f"GET {bed.url}/repeated-headers\n")["headers"]
    assert [v for n, v in headers if n == "X-Multi"] == ["one", "two"]
    cookies = [v for n, v in headers if n == "Set-Cookie"]
    assert cookies == ["first=••••; Path=/", "second=••••; Path=/"]


def test_a_large_body_is_cut_and_kept_whole_in_a_private_file(
    bed: RunningBed, sender: Sender, tmp_path: Path
) -> None:
    size = 6_000_000
    body = send_text(sender, f"GET {bed.url}/large?bytes={size}\n")["body"]
    assert body is not None and body["truncated"] and body["size"] == size
    assert body["text"] is not None and len(body["text"].encode()) == 5 * 1024 * 1024
    assert body["fullPath"] is not None
    kept = Path(body["fullPath"])
    assert kept.parent.parent == tmp_path / "bodies" and kept.name.startswith("response-")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    data = kept.read_bytes()
    assert len(data) == size and data.startswith(b'{"data": "aaa') and data.endswith(b'"}')


def test_the_size_limit_is_a_setting(bed: RunningBed, tmp_path: Path) -> None:
    small = Sender(SendOptions(body_limit=100), body_files=BodyFiles(tmp_path))
    try:
        body = send_text(small, f"GET {bed.url}/json\n")["body"]
    finally:
        small.close()
    assert body is not None and body["truncated"] and len(body["text"] or "") == 100
    assert Path(body["fullPath"] or "").read_bytes() == json.dumps(JSON_DOCUMENT).encode()


def test_redirects_are_followed_and_recorded(bed: RunningBed, sender: Sender) -> None:
    record = send_text(sender, f"GET {bed.url}/chain/3\n")
    assert record["status"] == 200 and record["request"]["url"] == f"{bed.url}/chain/0"
    assert record["redirects"] == [f"{bed.url}/chain/{n}" for n in (2, 1, 0)]


def test_no_redirect_shows_the_redirect_itself(bed: RunningBed, sender: Sender) -> None:
    record = send_text(sender, f"# @no-redirect\nGET {bed.url}/chain/3\n")
    assert record["status"] == 302 and record["redirects"] == []
    assert ["Location", "/chain/2"] in record["headers"]


@pytest.mark.parametrize(
    ("status", "method", "body"),
    [
        (303, "GET", ""),
        (302, "GET", ""),
        (301, "GET", ""),
        (307, "POST", "a=1"),
        (308, "POST", "a=1"),
    ],
)
def test_redirect_methods_and_bodies(
    bed: RunningBed, sender: Sender, status: int, method: str, body: str
) -> None:
    text = (
        f"POST {bed.url}/redirect?status={status}&to=/echo\n"
        "Content-Type: application/x-www-form-urlencoded\n\na=1\n"
    )
    record = send_text(sender, text)
    echoed = json.loads(text_of(record["body"]))
    assert echoed["method"] == method and echoed["body"] == body
    sent = {name.lower() for name, _ in echoed["headers"]}
    assert ("content-type" in sent) == bool(body)


def test_too_many_redirects(bed: RunningBed, sender: Sender) -> None:
    record = send_text(sender, f"GET {bed.url}/loop\n")
    assert record["status"] is None and record["error"] is not None
    assert record["error"]["kind"] == "too_many_redirects"
    assert "10 redirects" in record["error"]["message"] and len(record["redirects"]) == 10
    assert "# @no-redirect" in record["error"]["hint"]
    longer = send_text(sender, f"GET {bed.url}/chain/10\n")
    assert longer["status"] == 200 and len(longer["redirects"]) == 10
    too_long = send_text(sender, f"GET {bed.url}/chain/11\n")
    assert too_long["error"] is not None and too_long["error"]["kind"] == "too_many_redirects"


def test_cookies_are_kept_per_sender(bed: RunningBed, sender: Sender, tmp_path: Path) -> None:
    send_text(sender, f"GET {bed.url}/cookies/set?session=abc123456789&theme=dark\n")
    record = send_text(sender, f"GET {bed.url}/cookies\n")
    assert bed.requests_seen[-1].header("Cookie") == "session=abc123456789; theme=dark"
    sent_cookie = dict(record["request"]["headers"])["Cookie"]
    assert "abc123456789" not in sent_cookie and "session=••••" in sent_cookie
    assert "abc123456789" not in json.dumps(record)
    other_workspace = Sender(body_files=BodyFiles(tmp_path))
    try:
        fresh = send_text(other_workspace, f"GET {bed.url}/cookies\n")
    finally:
        other_workspace.close()
    assert json.loads(text_of(fresh["body"]))["cookies"] == {}
    sender.clear_cookies()
    cleared = send_text(sender, f"GET {bed.url}/cookies\n")
    assert json.loads(text_of(cleared["body"]))["cookies"] == {}


def test_no_cookie_jar_neither_stores_nor_sends(bed: RunningBed, sender: Sender) -> None:
    send_text(sender, f"# @no-cookie-jar\nGET {bed.url}/cookies/set?kept=no\n")
    send_text(sender, f"GET {bed.url}/cookies/set?kept=yes\n")
    without = send_text(sender, f"# @no-cookie-jar\nGET {bed.url}/cookies\n")
    assert json.loads(text_of(without["body"]))["cookies"] == {}
    jar = send_text(sender, f"GET {bed.url}/cookies\n")
    assert json.loads(text_of(jar["body"]))["cookies"] == {"kept": "yes"}


def test_the_connection_is_reused(bed: RunningBed, sender: Sender) -> None:
    ports = set()
    for _ in range(3):
        record = send_text(sender, f"GET {bed.url}/echo\n")
        assert record["status"] == 200
    transport = sender.transport
    assert isinstance(transport, RequestsTransport)
    adapter = transport.session.get_adapter(bed.url)
    assert isinstance(adapter, HTTPAdapter)
    pools = adapter.poolmanager.pools
    for key in pools.keys():  # noqa: SIM118 (the pool container cannot be iterated)
        pool = pools[key]
        ports.add(pool.port)
        assert pool.num_connections == 1 and pool.num_requests >= 3
    assert bed.port in ports
