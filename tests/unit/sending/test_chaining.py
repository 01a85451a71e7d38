"""Chaining over real HTTP: named requests' responses and requests feed later requests through
JSONPath, XPath, headers and whole bodies; which requests a request needs; sending a whole file."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

from oauth_http.sending.body_files import BodyFiles
from oauth_http.sending.chaining import (
    Exchange,
    ResponseStore,
    StoredMessage,
    dependencies,
    send_order,
)
from oauth_http.sending.record_types import ResponseRecord
from oauth_http.sending.session import Sender, SendOptions
from oauth_http.syntax.parser import parse_document

from tests.httpbed import RunningBed
from tests.httpbed.sending import send_text


def chain_file(bed: RunningBed) -> str:
    return f"""@base = {bed.url}
@token = {{{{login.response.body.$.token}}}}

# @name login
POST {{{{base}}}}/json
Content-Type: application/json
X-Client: chaining-test

{{"user": "ada", "password": "correct horse battery"}}

###
# @name feed
GET {{{{base}}}}/xml

###
# @name use
GET {{{{base}}}}/echo
    ?user={{{{login.response.body.$.user.name}}}}
    &second={{{{login.response.body.$.items[1].tag}}}}
    &rid={{{{login.response.headers.x-request-id}}}}
    &reply={{{{feed.response.body.//reply[2]/@id}}}}
    &text={{{{feed.response.body.//reply[1]/text}}}}
    &client={{{{login.request.headers.X-Client}}}}
    &sent={{{{login.request.body.$.user}}}}
Authorization: Bearer {{{{token}}}}
X-Whole: {{{{%login.response.body.*}}}}
"""


def echoed(record: ResponseRecord) -> dict[str, object]:
    body = record["body"]
    assert body is not None and body["text"] is not None
    value: dict[str, object] = json.loads(body["text"])
    return value


def test_values_flow_from_named_requests(bed: RunningBed, sender: Sender) -> None:
    text = chain_file(bed)
    store = ResponseStore()
    assert send_text(sender, text, name="login", store=store)["status"] == 200
    assert send_text(sender, text, name="feed", store=store)["status"] == 200
    assert store.names() == ["feed", "login"]
    record = send_text(sender, text, name="use", store=store)
    assert record["error"] is None
    seen = bed.requests_seen[-1]
    assert dict(seen.query) == {
        "user": "Ada Lovelace",
        "second": "second",
        "rid": "req-7",
        "reply": "r-2",
        "text": "Hello",
        "client": "chaining-test",
        "sent": "ada",
    }
    assert seen.header("Authorization") == "Bearer chain-token-123"
    whole = json.loads(unquote(seen.header("X-Whole") or ""))
    assert whole["token"] == "chain-token-123"
    assert "chain-token-123" not in json.dumps(record["request"])


def test_without_the_response_the_request_is_not_sent(bed: RunningBed, sender: Sender) -> None:
    before = len(bed.requests_seen)
    record = send_text(sender, chain_file(bed), name="use", store=ResponseStore())
    assert record["error"] is not None and record["error"]["kind"] == "unresolved_variable"
    assert "send the request 'login' first" in record["error"]["message"]
    assert len(bed.requests_seen) == before


def test_dependencies_and_send_order(bed: RunningBed, sender: Sender) -> None:
    document = parse_document(chain_file(bed))
    use = document.request_named("use")
    assert use is not None
    store = ResponseStore()
    found = dependencies(use, document, store)
    assert found.names == ("login", "feed") and found.unsent == ("login", "feed")
    assert [r.name for r in send_order(use, document, store)] == ["login", "feed"]
    send_text(sender, chain_file(bed), name="login", store=store)
    assert dependencies(use, document, store).unsent == ("feed",)
    assert [r.name for r in send_order(use, document, store)] == ["feed"]
    login = document.request_named("login")
    assert login is not None and dependencies(login, document, store).names == ()


def test_dependencies_through_several_levels() -> None:
    text = (
        "# @name a\nGET http://x/a\n\n###\n"
        "# @name b\nGET http://x/b?t={{a.response.body.$.t}}\n\n###\n"
        "# @prompt a\n# @name c\nGET http://x/c?u={{b.response.headers.Location}}&v={{a}}\n"
    )
    document = parse_document(text)
    c = document.request_named("c")
    assert c is not None
    assert dependencies(c, document, None).names == ("b",)
    assert [r.name for r in send_order(c, document, None)] == ["a", "b"]


def test_store_lookups() -> None:
    store = ResponseStore()
    store.remember(
        "r",
        Exchange(
            request=StoredMessage((("Content-Type", "application/x-www-form-urlencoded"),), b"a=1"),
            response=StoredMessage(
                (("Set-Cookie", "a=1"), ("set-cookie", "b=2"), ("Content-Type", "text/plain")),
                b"plain text",
            ),
            status=200,
        ),
    )
    assert store.lookup("r", ("response", "headers", "SET-COOKIE")) == "a=1, b=2"
    assert store.lookup("r", ("response", "body", "*")) == "plain text"
    assert store.lookup("r", ("request", "body", "*")) == "a=1"
    assert store.lookup("r", ("response", "body", "$.x")) is None
    assert store.lookup("r", ("response", "body", "//x")) is None
    assert store.lookup("r", ("response", "headers", "missing")) is None
    assert store.lookup("other", ("response", "body", "*")) is None
    store.forget("r")
    assert not store.has("r")


def test_json_path_reads_a_body_kept_on_disk(bed: RunningBed, tmp_path: Path) -> None:
    small = Sender(SendOptions(body_limit=20), body_files=BodyFiles(tmp_path))
    store = ResponseStore()
    try:
        record = send_text(small, f"# @name big\nGET {bed.url}/json\n", store=store)
    finally:
        small.close()
    assert record["body"] is not None and record["body"]["truncated"]
    assert store.lookup("big", ("response", "body", "$.items[1].id")) == "2"
