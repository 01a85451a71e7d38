"""Every signature method and placement, signed by sign_request, accepted by the sandbox's echo.

Requests go over real HTTP (requests) to the session's sandbox on 127.0.0.1; the echo reports
what the sandbox verified, including the base string it rebuilt on its side.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
import requests
from oauth_http.oauth.signing import (
    Credentials,
    OutgoingRequest,
    Placement,
    SignatureMethod,
    SignedRequest,
    SigningOptions,
    sign_request,
)
from oauth_http.sandbox import accounts
from oauth_http.sandbox.server import RunningSandbox

from tests.oauth1_reference import OAuth1

FORM = "application/x-www-form-urlencoded"
HMAC_USER = Credentials(
    accounts.SANDBOX_CONSUMER_KEY,
    accounts.SANDBOX_CONSUMER_SECRET,
    accounts.SANDBOX_ACCESS_TOKEN,
    accounts.SANDBOX_ACCESS_TOKEN_SECRET,
)
RSA_USER = Credentials(
    accounts.SANDBOX_RSA_CONSUMER_KEY,
    token=accounts.SANDBOX_RSA_ACCESS_TOKEN,
    token_secret=accounts.SANDBOX_RSA_ACCESS_TOKEN_SECRET,
    rsa_key=accounts.demo_rsa_private_key(),
)
TRICKY_PAIRS = [
    ("a", "1"),
    ("a", "2"),
    ("q", "hello world"),
    ("plus", "1+1"),
    ("pct", "100%"),
    ("reserved", ":/?#[]@!$&'()*+,;="),
    ("uni", "ünï ✓ 日本"),
    ("empty", ""),
]


def credentials_for(method: SignatureMethod) -> Credentials:
    return RSA_USER if method.is_rsa else HMAC_USER


def send(signed: SignedRequest) -> requests.Response:
    return requests.request(
        signed.method, signed.url, headers=dict(signed.headers), data=signed.body, timeout=10
    )


def echo(sandbox: RunningSandbox, signed: SignedRequest) -> dict[str, Any]:
    response = send(signed)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    assert result["signature_base_string"] == signed.base_string
    return result


def without_oauth(pairs: list[list[str]]) -> list[tuple[str, str]]:
    return [(name, value) for name, value in pairs if not name.startswith("oauth_")]


@pytest.mark.parametrize("method", list(SignatureMethod))
@pytest.mark.parametrize("placement", [Placement.HEADER, Placement.QUERY])
def test_get_with_a_tricky_query_is_accepted(
    sandbox: RunningSandbox, method: SignatureMethod, placement: Placement
) -> None:
    url = f"{sandbox.url}/1.1/echo?{urlencode(TRICKY_PAIRS)}"
    signed = sign_request(
        OutgoingRequest("GET", url), credentials_for(method), SigningOptions(method, placement)
    )
    result = echo(sandbox, signed)
    assert result["method"] == "GET"
    assert result["oauth_placement"] == placement.value
    assert result["signature_method"] == method.value
    assert without_oauth(result["query"]) == TRICKY_PAIRS
    assert result["oauth"]["oauth_signature"] == "****"
    assert result["oauth"]["oauth_token"] == credentials_for(method).token
    assert result["token"] == "access"


@pytest.mark.parametrize("method", list(SignatureMethod))
@pytest.mark.parametrize("placement", list(Placement))
def test_post_with_a_form_body_is_accepted(
    sandbox: RunningSandbox, method: SignatureMethod, placement: Placement
) -> None:
    url = f"{sandbox.url}/1.1/echo?{urlencode(TRICKY_PAIRS[:3])}"
    body = urlencode(TRICKY_PAIRS).encode()
    request = OutgoingRequest("POST", url, [("Content-Type", FORM)], body)
    signed = sign_request(request, credentials_for(method), SigningOptions(method, placement))
    result = echo(sandbox, signed)
    assert result["oauth_placement"] == placement.value
    assert without_oauth(result["query"]) == TRICKY_PAIRS[:3]
    assert without_oauth(result["form"]) == TRICKY_PAIRS
    assert result["content_type"] == FORM


def test_raw_url_with_spaces_brackets_and_unicode_is_signed_as_sent(
    sandbox: RunningSandbox,
) -> None:
    url = f"{sandbox.url}/1.1/echo?q=hello world&tag=[x]&uni=ü&plus=a+b&t=%7E"
    signed = sign_request(OutgoingRequest("GET", url), HMAC_USER, SigningOptions())
    result = echo(sandbox, signed)
    assert result["query"] == [
        ["q", "hello world"],
        ["tag", "[x]"],
        ["uni", "ü"],
        ["plus", "a b"],
        ["t", "~"],
    ]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", '{"status": "héllo & +"}'.encode()),
        ("application/octet-stream", bytes(range(256))),
        ("text/plain; charset=utf-8", b"plain text, not a form"),
    ],
)
def test_non_form_body_is_covered_by_its_body_hash(
    sandbox: RunningSandbox, content_type: str, body: bytes
) -> None:
    request = OutgoingRequest(
        "PUT", f"{sandbox.url}/1.1/echo", [("Content-Type", content_type)], body
    )
    signed = sign_request(request, HMAC_USER, SigningOptions(SignatureMethod.HMAC_SHA256))
    result = echo(sandbox, signed)
    assert result["oauth"]["oauth_body_hash"] == dict(signed.oauth_params)["oauth_body_hash"]
    assert result["body"] == body.decode("utf-8", errors="replace")
    assert result["content_type"] == content_type

    tampered = requests.put(signed.url, headers=dict(signed.headers), data=body + b"!", timeout=10)
    assert tampered.status_code == 401
    assert "oauth_problem=signature_invalid" in tampered.text


def test_two_legged_request_without_a_token_is_accepted_by_echo(sandbox: RunningSandbox) -> None:
    credentials = Credentials(accounts.SANDBOX_CONSUMER_KEY, accounts.SANDBOX_CONSUMER_SECRET)
    signed = sign_request(
        OutgoingRequest("DELETE", f"{sandbox.url}/1.1/echo"), credentials, SigningOptions()
    )
    result = echo(sandbox, signed)
    assert result["method"] == "DELETE"
    assert result["token"] is None
    assert "oauth_token" not in result["oauth"]


@pytest.mark.parametrize("signature_type", ["auth_header", "query", "body"])
@pytest.mark.parametrize("method", ["HMAC-SHA1", "HMAC-SHA512", "PLAINTEXT", "RSA-SHA256"])
def test_requests_oauthlib_signatures_are_accepted_too(
    sandbox: RunningSandbox, signature_type: str, method: str
) -> None:
    rsa = method.startswith("RSA")
    user = RSA_USER if rsa else HMAC_USER
    auth = OAuth1(
        user.consumer_key,
        user.consumer_secret or None,
        user.token,
        user.token_secret,
        signature_method=method,
        signature_type=signature_type,
        rsa_key=user.rsa_key if rsa else None,
    )
    response = requests.post(
        f"{sandbox.url}/1.1/echo?x=1&x=2", data={"status": "a b+c"}, auth=auth, timeout=10
    )
    assert response.status_code == 200, response.text
    assert ["status", "a b+c"] in response.json()["form"]
