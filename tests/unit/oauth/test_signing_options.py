"""The signing switches real providers need: the body hash (Auto, Always, Never, with the method's
digest), leaving out `oauth_version`, and an empty `oauth_token` when there is no token; each one
checked against what the signature base string and the sandbox (oauthlib's provider side) see."""

from __future__ import annotations

import base64
import hashlib
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from oauth_http.oauth.signing import (
    BodyHash,
    Credentials,
    OutgoingRequest,
    Placement,
    SignatureMethod,
    SignedRequest,
    SigningError,
    SigningOptions,
    sign_request,
)
from oauth_http.sandbox.accounts import (
    SANDBOX_CONSUMER_KEY,
    SANDBOX_CONSUMER_SECRET,
    SANDBOX_RSA_CONSUMER_KEY,
    demo_rsa_private_key,
)
from oauth_http.sandbox.server import RunningSandbox

HMAC = Credentials(SANDBOX_CONSUMER_KEY, SANDBOX_CONSUMER_SECRET)
RSA = Credentials(SANDBOX_RSA_CONSUMER_KEY, rsa_key=demo_rsa_private_key())
JSON = [("Content-Type", "application/json")]
FORM = [("Content-Type", "application/x-www-form-urlencoded")]
# SHA-256 body hashes from Mastercard's signer tests (oauth1-signer-python, tests/test_oauth.py).
MASTERCARD_EMPTY = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
MASTERCARD_BRACES = "RBNvo1WzZ4oRRq0W9+hknpT7T8If536DEMBg9hyq/4o="


def sign(
    method: str,
    url: str,
    *,
    headers: list[tuple[str, str]] | None = None,
    body: bytes | None = None,
    credentials: Credentials = HMAC,
    **options: Any,
) -> SignedRequest:
    return sign_request(
        OutgoingRequest(method, url, headers or [], body), credentials, SigningOptions(**options)
    )


def params(signed: SignedRequest) -> dict[str, str]:
    return dict(signed.oauth_params)


def echo(sandbox: RunningSandbox, signed: SignedRequest) -> dict[str, Any]:
    response = requests.request(
        signed.method, signed.url, headers=dict(signed.headers), data=signed.body, timeout=10
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def digest_of(algorithm: str, body: bytes) -> str:
    return base64.b64encode(hashlib.new(algorithm, body).digest()).decode()


@pytest.mark.parametrize(
    ("method", "algorithm", "credentials"),
    [
        (SignatureMethod.HMAC_SHA1, "sha1", HMAC),
        (SignatureMethod.HMAC_SHA256, "sha256", HMAC),
        (SignatureMethod.HMAC_SHA512, "sha512", HMAC),
        (SignatureMethod.RSA_SHA1, "sha1", RSA),
        (SignatureMethod.RSA_SHA256, "sha256", RSA),
        (SignatureMethod.RSA_SHA512, "sha512", RSA),
        (SignatureMethod.PLAINTEXT, "sha1", HMAC),
    ],
)
def test_the_body_hash_uses_the_methods_digest(
    method: SignatureMethod, algorithm: str, credentials: Credentials, sandbox: RunningSandbox
) -> None:
    body = b'{"status": "h\xc3\xa9llo"}'
    signed = sign(
        "POST",
        f"{sandbox.url}/1.1/echo",
        headers=JSON,
        body=body,
        credentials=credentials,
        signature_method=method,
    )
    assert params(signed)["oauth_body_hash"] == digest_of(algorithm, body)
    assert echo(sandbox, signed)["oauth"]["oauth_body_hash"] == digest_of(algorithm, body)


def test_always_hashes_the_empty_string_on_a_get(sandbox: RunningSandbox) -> None:
    signed = sign(
        "GET",
        f"{sandbox.url}/1.1/echo?count=2",
        credentials=RSA,
        signature_method=SignatureMethod.RSA_SHA256,
        body_hash=BodyHash.ALWAYS,
    )
    assert params(signed)["oauth_body_hash"] == MASTERCARD_EMPTY
    assert signed.base_string is not None
    assert f"oauth_body_hash%3D{MASTERCARD_EMPTY.replace('+', '%252B').replace('/', '%252F')}" in (
        signed.base_string.replace("%253D", "=")
    )
    assert echo(sandbox, signed)["oauth"]["oauth_body_hash"] == MASTERCARD_EMPTY


def test_always_hashes_a_json_body_as_mastercard_does() -> None:
    signed = sign(
        "POST",
        "https://sandbox.api.mastercard.com/service",
        headers=JSON,
        body=b"{}",
        credentials=RSA,
        signature_method=SignatureMethod.RSA_SHA256,
        body_hash=BodyHash.ALWAYS,
    )
    assert params(signed)["oauth_body_hash"] == MASTERCARD_BRACES


def test_auto_leaves_a_get_and_a_body_without_content_type_unhashed() -> None:
    assert "oauth_body_hash" not in params(sign("GET", "https://api.example.com/r"))
    untyped = sign("POST", "https://api.example.com/r", body=b'{"raw": 1}')
    assert "oauth_body_hash" not in params(untyped)
    empty_json = sign("POST", "https://api.example.com/r", headers=JSON, body=b"")
    assert "oauth_body_hash" not in params(empty_json)


def test_always_without_a_content_type_still_hashes() -> None:
    body = b'{"raw": 1}'
    signed = sign("POST", "https://api.example.com/r", body=body, body_hash=BodyHash.ALWAYS)
    assert params(signed)["oauth_body_hash"] == digest_of("sha1", body)


@pytest.mark.parametrize("mode", list(BodyHash))
def test_a_form_body_is_never_hashed_its_parameters_are_signed(
    mode: BodyHash, sandbox: RunningSandbox
) -> None:
    signed = sign(
        "POST",
        f"{sandbox.url}/1.1/echo",
        headers=FORM,
        body=b"status=hello%20world",
        body_hash=mode,
    )
    assert "oauth_body_hash" not in params(signed)
    assert signed.base_string is not None and "status%3Dhello%2520world" in signed.base_string
    assert echo(sandbox, signed)["form"] == [["status", "hello world"]]


def test_never_sends_no_hash_for_json(sandbox: RunningSandbox) -> None:
    signed = sign(
        "PUT", f"{sandbox.url}/1.1/echo", headers=JSON, body=b"[1]", body_hash=BodyHash.NEVER
    )
    assert "oauth_body_hash" not in params(signed)
    assert echo(sandbox, signed)["body"] == "[1]"


def test_body_hash_modes_parse_from_what_a_user_types() -> None:
    assert BodyHash.parse(" Always ") is BodyHash.ALWAYS
    with pytest.raises(SigningError, match="Use one of: auto, always, never"):
        BodyHash.parse("sometimes")


@pytest.mark.parametrize("placement", list(Placement))
def test_without_oauth_version_it_is_nowhere(placement: Placement, sandbox: RunningSandbox) -> None:
    signed = sign(
        "POST",
        f"{sandbox.url}/1.1/echo",
        headers=FORM,
        body=b"a=1",
        placement=placement,
        include_version=False,
    )
    assert "oauth_version" not in params(signed)
    assert signed.base_string is not None and "oauth_version" not in signed.base_string
    wire = " ".join([signed.url, *(v for _, v in signed.headers), (signed.body or b"").decode()])
    assert "oauth_version" not in wire
    assert "oauth_version" not in echo(sandbox, signed)["oauth"]


def test_an_empty_token_is_sent_and_signed_when_asked(sandbox: RunningSandbox) -> None:
    signed = sign("GET", f"{sandbox.url}/1.1/echo", realm="Schoology API", send_empty_token=True)
    authorization = dict(signed.headers)["Authorization"]
    assert authorization.startswith('OAuth realm="Schoology API", ')
    assert 'oauth_token=""' in authorization
    assert signed.base_string is not None and "oauth_token%3D%26" in signed.base_string
    result = echo(sandbox, signed)
    assert result["oauth"]["oauth_token"] == "" and result["token"] is None


def test_an_empty_token_is_not_added_next_to_a_real_one() -> None:
    credentials = Credentials("key", "secret", "token", "token-secret")
    signed = sign(
        "GET", "https://api.example.com/r", credentials=credentials, send_empty_token=True
    )
    assert [name for name, _ in signed.oauth_params].count("oauth_token") == 1
    assert params(signed)["oauth_token"] == "token"


def test_query_placement_without_version_is_what_woocommerce_sends() -> None:
    signed = sign(
        "GET",
        "http://woo.example.com/wp-json/wc/v3/products?per_page=2",
        signature_method=SignatureMethod.HMAC_SHA256,
        placement=Placement.QUERY,
        include_version=False,
        body_hash=BodyHash.NEVER,
    )
    query = dict(parse_qsl(urlsplit(signed.url).query))
    assert query["per_page"] == "2"
    assert query["oauth_signature_method"] == "HMAC-SHA256"
    assert "oauth_version" not in query and "oauth_body_hash" not in query
    assert "Authorization" not in dict(signed.headers)
