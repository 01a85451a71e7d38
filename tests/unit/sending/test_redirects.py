"""Redirects to another origin, as an attacker would use them: origin A on 127.0.0.1 redirects to a
second httpbed B (the attacker's listener). B must receive no credential header and no body;
a redirect that stays on A still works and is signed again. The rules of `redirects.follow` and
`redirects.body_refusal` are checked directly too."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import quote

import pytest
from oauth_http.oauth.origins import origin_of
from oauth_http.oauth.presets import PRESETS_BY_ID
from oauth_http.oauth.signing import Credentials, OutgoingRequest
from oauth_http.sending import redirects
from oauth_http.sending.masking import credential_header
from oauth_http.sending.oauth_setup import OAuthSetup
from oauth_http.sending.session import Sender

from tests.httpbed import RunningBed, start_httpbed
from tests.httpbed.sending import send_text, text_of
from tests.oauth1_reference import signature

CONSUMER_SECRET = "Qv7consumer-secret-Zk"
TOKEN = "Wj3access-token-Px"
TOKEN_SECRET = "Hs9token-secret-Lm"
SETUP = OAuthSetup(
    PRESETS_BY_ID["sandbox"],
    Credentials("ck-redirects", CONSUMER_SECRET, TOKEN, TOKEN_SECRET),
)
CREDENTIAL_HEADERS = (
    "Cookie: session=Yc4cookie-value\n"
    "X-Api-Key: Rb8api-key-value\n"
    "X-Auth-Token: Nd2auth-token-value\n"
    "Proxy-Authorization: Basic Ue5proxy-credential\n"
)
LEAKS = (
    "Yc4cookie-value",
    "Rb8api-key-value",
    "Nd2auth-token-value",
    "Ue5proxy-credential",
    TOKEN,
    "ck-redirects",
)


def setup_allowing(*beds: RunningBed) -> OAuthSetup:
    """SETUP with the beds' origins allowed by the user: a signed request may go there (without
    that, `Signer.refusal` stops it before any of the redirect rules here are reached)."""
    origins = tuple(origin for b in beds if (origin := origin_of(b.url)) is not None)
    return replace(SETUP, allowed_origins=origins)


@pytest.fixture
def attacker() -> Iterator[RunningBed]:
    with start_httpbed() as bed:
        yield bed


def redirect_to(bed: RunningBed, target: str, status: int = 302) -> str:
    return f"{bed.url}/redirect?status={status}&to={quote(target, safe='')}"


def seen_by(bed: RunningBed) -> str:
    return json.dumps(
        [
            (r.method, r.path, r.raw_query, r.headers, r.body.decode("latin-1"))
            for r in bed.requests_seen
        ]
    )


@pytest.mark.parametrize("signed", [False, True], ids=["plain", "signed"])
def test_a_redirect_to_another_origin_carries_no_credential_header(
    bed: RunningBed, attacker: RunningBed, sender: Sender, signed: bool
) -> None:
    text = f"GET {redirect_to(bed, f'{attacker.url}/echo?x=1')}\n{CREDENTIAL_HEADERS}"
    if signed:
        text = f"# @oauth1 sandbox\n###\n{text}"
    record = send_text(sender, text, oauth=setup_allowing(bed, attacker) if signed else None)
    assert record["status"] == 200 and record["redirects"] == [f"{attacker.url}/echo?x=1"]
    (received,) = attacker.requests_seen
    names = {name.lower() for name, _ in received.headers}
    assert not names & {"authorization", "proxy-authorization", "cookie", "x-api-key"}
    assert not names & {"x-auth-token"}
    assert not any(credential_header(name) for name in names)
    for leak in LEAKS:
        assert leak not in seen_by(attacker), leak
    first = bed.requests_seen[-1]
    assert first.header("X-Api-Key") == "Rb8api-key-value", "origin A did get them"
    assert (first.header("Authorization") or "").startswith("OAuth ") == signed


def test_a_307_to_another_origin_is_not_followed_and_says_why(
    bed: RunningBed, attacker: RunningBed, sender: Sender
) -> None:
    body = '{"card": "4111 1111 1111 1111"}'
    text = (
        f"POST {redirect_to(bed, f'{attacker.url}/collect', 307)}\n"
        f"Content-Type: application/json\n{CREDENTIAL_HEADERS}\n{body}\n"
    )
    record = send_text(sender, text)
    assert attacker.requests_seen == []
    assert record["status"] == 307 and record["redirects"] == []
    error = record["error"]
    assert error is not None and error["kind"] == "redirect_refused"
    assert error["message"].startswith(
        f"The server redirected to {attacker.url} with 307, which would resend the request body "
        "there; not followed."
    )
    assert f"{attacker.url}/collect" in error["message"]
    assert bed.requests_seen[-1].body == body.encode()


def test_a_308_signed_post_to_another_origin_is_not_followed(
    bed: RunningBed, attacker: RunningBed, sender: Sender
) -> None:
    text = (
        f"# @oauth1 sandbox\n###\nPOST {redirect_to(bed, f'{attacker.url}/collect', 308)}\n"
        "Content-Type: application/x-www-form-urlencoded\n\nstatus=private\n"
    )
    record = send_text(sender, text, oauth=setup_allowing(bed, attacker))
    assert attacker.requests_seen == []
    assert record["status"] == 308 and record["error"] is not None
    assert "with 308, which would resend the request body there" in record["error"]["message"]


def test_a_303_after_a_post_goes_elsewhere_without_the_body(
    bed: RunningBed, attacker: RunningBed, sender: Sender
) -> None:
    text = f"POST {redirect_to(bed, f'{attacker.url}/echo', 303)}\n{CREDENTIAL_HEADERS}\nsecret=1\n"
    record = send_text(sender, text)
    assert record["status"] == 200 and record["error"] is None
    (received,) = attacker.requests_seen
    assert received.method == "GET" and received.body == b""
    assert received.header("Cookie") is None and received.header("X-Api-Key") is None


def test_a_redirect_on_the_same_origin_keeps_headers_body_and_is_signed_again(
    bed: RunningBed, sender: Sender
) -> None:
    text = (
        f"# @oauth1 sandbox\n###\nPOST {redirect_to(bed, '/echo?b=2', 307)}\n"
        f"Content-Type: application/json\n{CREDENTIAL_HEADERS}\n" + '{"kept": true}\n'
    )
    record = send_text(sender, text, oauth=setup_allowing(bed))
    assert record["status"] == 200 and record["error"] is None
    first, final = bed.requests_seen[-2:]
    assert final.path == "/echo" and final.body == b'{"kept": true}'
    assert final.header("X-Api-Key") == "Rb8api-key-value"
    assert final.header("Cookie") == "session=Yc4cookie-value"
    one, two = first.header("Authorization") or "", final.header("Authorization") or ""
    assert one != two and verifies("POST", f"{bed.url}/echo?b=2", two)
    echoed = text_of(record["body"])
    for secret in (*LEAKS[:-1], CONSUMER_SECRET, TOKEN_SECRET):  # all but the consumer key
        assert secret not in echoed and secret not in json.dumps(record), secret


def verifies(method: str, url: str, authorization: str) -> bool:
    """The HMAC-SHA1 signature checked with oauthlib's own RFC 5849 functions."""
    params = signature.collect_parameters(
        uri_query=url.partition("?")[2], headers={"Authorization": authorization}
    )
    base = signature.signature_base_string(
        method, signature.base_string_uri(url), signature.normalize_parameters(params)
    )

    class Client:
        client_secret = CONSUMER_SECRET
        resource_owner_secret = TOKEN_SECRET

    sent = dict(
        signature.collect_parameters(
            headers={"Authorization": authorization}, exclude_oauth_signature=False
        )
    )["oauth_signature"]
    return bool(signature.sign_hmac_sha1_with_client(base, Client()) == sent)


HEADERS = [
    ("Authorization", "OAuth oauth_token=t"),
    ("Proxy-Authorization", "Basic eA=="),
    ("Cookie", "a=1"),
    ("X-Api-Key", "k"),
    ("X-Custom-Token", "t"),
    ("Accept", "application/json"),
    ("User-Agent", "oauth-http"),
]


@pytest.mark.parametrize(
    "target",
    [
        "http://evil.example/x",  # another host
        "http://api.example:8080/x",  # another port
        "https://api.example:8443/x",  # another scheme and port
        "https://api.example:80/x",  # another scheme on the same port
    ],
)
def test_follow_drops_credential_headers_for_another_origin(target: str) -> None:
    current = OutgoingRequest("GET", "http://api.example/start", HEADERS)
    hop = redirects.follow(current, 302, target, redirects.Origin.of(current.url))
    assert [name for name, _ in hop.headers] == ["Accept", "User-Agent"]


@pytest.mark.parametrize(
    "target", ["/next", "http://api.example:80/next", "https://api.example/next"]
)
def test_follow_keeps_them_on_the_same_origin_and_the_https_upgrade(target: str) -> None:
    current = OutgoingRequest("GET", "http://api.example/start", HEADERS)
    hop = redirects.follow(current, 302, target, redirects.Origin.of(current.url))
    assert hop.headers == HEADERS


def test_a_downgrade_to_http_is_another_origin() -> None:
    current = OutgoingRequest("GET", "https://api.example/start", HEADERS)
    hop = redirects.follow(current, 302, "http://api.example/x", redirects.Origin.of(current.url))
    assert "Cookie" not in dict(hop.headers)


def test_body_refusal_only_for_a_body_leaving_the_origin() -> None:
    post = OutgoingRequest("POST", "http://api.example/a", [], b"q=1")
    origin = redirects.Origin.of(post.url)
    refused = redirects.body_refusal(post, 307, "https://other.example:8443/b", origin)
    assert refused is not None and "https://other.example:8443 with 307" in refused.message
    assert redirects.body_refusal(post, 308, "https://api.example/b", origin) is None
    assert redirects.body_refusal(post, 307, "/b", origin) is None
    assert redirects.body_refusal(post, 302, "http://other.example/", origin) is None
    empty = OutgoingRequest("GET", "http://api.example/a", [], None)
    assert redirects.body_refusal(empty, 307, "http://other.example/", origin) is None
    assert redirects.body_refusal(post, 307, None, origin) is None
