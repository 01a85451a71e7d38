"""A cross-origin redirect as an attack, through the real language server: origin A (the httpbed)
redirects to the attacker's listener B (a second httpbed). B must see no credential header and
no request body; the user sees why in the record; a redirect that stays on A still works."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest

from tests.httpbed import RunningBed, start_httpbed
from tests.lsp.editor import EditorClient, as_dict

HEADERS = (
    "Authorization: Bearer Ab3bearer-credential\n"
    "Cookie: sid=Cd4cookie-credential\n"
    "X-Api-Key: Ef5api-key-credential\n"
    "X-Session-Token: Gh6session-token\n"
)
CREDENTIALS = (
    "Ab3bearer-credential",
    "Cd4cookie-credential",
    "Ef5api-key-credential",
    "Gh6session-token",
)


@pytest.fixture
def attacker() -> Iterator[RunningBed]:
    with start_httpbed() as listener:
        yield listener


def redirect(bed: RunningBed, to: str, status: int) -> str:
    return f"{bed.url}/redirect?status={status}&to={quote(to, safe='')}"


def everything_seen(listener: RunningBed) -> str:
    return repr([(r.path, r.raw_query, r.headers, r.body) for r in listener.requests_seen])


async def test_a_redirect_elsewhere_arrives_without_credential_headers(
    client: EditorClient, bed: RunningBed, attacker: RunningBed
) -> None:
    uri = client.open_http(
        "leak.http", f"GET {redirect(bed, f'{attacker.url}/echo', 302)}\n{HEADERS}"
    )
    record = as_dict(await client.send(uri, line=0))
    assert record["status"] == 200 and record["redirects"] == [f"{attacker.url}/echo"]
    (received,) = attacker.requests_seen
    sent = {name.lower() for name, _ in received.headers}
    assert not sent & {"authorization", "cookie", "x-api-key", "x-session-token"}
    seen = everything_seen(attacker)
    for credential in CREDENTIALS:
        assert credential not in seen, credential
    recorded = {name.lower() for name, _ in record["request"]["headers"]}
    assert "x-api-key" not in recorded, "the record shows the last hop as sent"


async def test_a_307_with_a_body_elsewhere_is_stopped_and_explained(
    client: EditorClient, bed: RunningBed, attacker: RunningBed
) -> None:
    text = (
        f"POST {redirect(bed, f'{attacker.url}/collect', 307)}\n{HEADERS}"
        "Content-Type: application/x-www-form-urlencoded\n\npassword=Ij7form-secret\n"
    )
    uri = client.open_http("body.http", text)
    record = as_dict(await client.send(uri, line=0))
    assert attacker.requests_seen == []
    assert record["status"] == 307
    assert record["error"]["kind"] == "redirect_refused"
    assert (
        f"The server redirected to {attacker.url} with 307, which would resend the request body "
        "there; not followed." in record["error"]["message"]
    )
    assert record["error"]["hint"]


async def test_a_redirect_on_the_same_origin_keeps_its_headers_and_body(
    client: EditorClient, bed: RunningBed
) -> None:
    text = f"POST {redirect(bed, '/echo', 307)}\n{HEADERS}Content-Type: text/plain\n\nkept body\n"
    uri = client.open_http("same.http", text)
    record = as_dict(await client.send(uri, line=0))
    assert record["status"] == 200 and record["error"] is None
    final = bed.requests_seen[-1]
    assert final.path == "/echo" and final.body == b"kept body"
    assert final.header("X-Api-Key") == "Ef5api-key-credential"
    assert final.header("Cookie") == "sid=Cd4cookie-credential"
