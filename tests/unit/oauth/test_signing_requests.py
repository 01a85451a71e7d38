"""What sign_request returns for each placement and body kind, and what it leaves alone."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import parse_qsl, urlsplit

import pytest
from oauth_http.oauth import signing, signing_problems
from oauth_http.oauth.signing import (
    Credentials,
    OutgoingRequest,
    Placement,
    SignatureMethod,
    SigningOptions,
    sign_request,
)
from oauth_http.oauth.signing_url import normalize_url
from oauth_http.sandbox.accounts import demo_rsa_private_key
from requests.utils import requote_uri

FORM = "application/x-www-form-urlencoded"
URL = "https://api.example.com/1.1/statuses/update.json"
CREDENTIALS = Credentials("consumer", "consumer-secret", "token", "token-secret")


def oauth_names(params: list[tuple[str, str]]) -> set[str]:
    return {name for name, _ in params if name.startswith("oauth_")}


def test_header_placement_replaces_any_authorization_and_keeps_other_headers() -> None:
    request = OutgoingRequest(
        "GET", URL, [("Accept", "application/json"), ("authorization", "Bearer old")]
    )
    signed = sign_request(request, CREDENTIALS, SigningOptions(realm="Example"))
    assert signed.headers[0] == ("Accept", "application/json")
    assert [name for name, _ in signed.headers] == ["Accept", "Authorization"]
    header = signed.headers[1][1]
    assert header.startswith('OAuth realm="Example", ')
    assert 'oauth_token="token"' in header
    assert signed.url == URL
    assert signed.body is None


def test_query_placement_appends_every_oauth_parameter_to_the_url() -> None:
    signed = sign_request(
        OutgoingRequest("GET", URL + "?count=2"),
        CREDENTIALS,
        SigningOptions(placement=Placement.QUERY),
    )
    query = parse_qsl(urlsplit(signed.url).query)
    assert query[0] == ("count", "2")
    assert dict(query)["oauth_signature"] == signed.signature
    assert oauth_names(query) == oauth_names(signed.oauth_params)
    assert not any(name == "Authorization" for name, _ in signed.headers)


def test_body_placement_adds_the_parameters_to_the_form_body() -> None:
    request = OutgoingRequest("POST", URL, [("Content-Type", FORM + "; charset=utf-8")], b"a=1")
    signed = sign_request(request, CREDENTIALS, SigningOptions(placement=Placement.BODY))
    assert signed.body is not None
    form = parse_qsl(signed.body.decode())
    assert form[0] == ("a", "1")
    assert dict(form)["oauth_signature"] == signed.signature
    assert signed.headers == [("Content-Type", FORM + "; charset=utf-8")]


def test_body_placement_without_a_body_makes_a_form_body() -> None:
    signed = sign_request(
        OutgoingRequest("POST", URL), CREDENTIALS, SigningOptions(placement=Placement.BODY)
    )
    assert signed.headers == [("Content-Type", FORM)]
    assert signed.body is not None
    assert oauth_names(parse_qsl(signed.body.decode())) == oauth_names(signed.oauth_params)


def test_form_content_type_with_charset_signs_the_body_parameters() -> None:
    request = OutgoingRequest("POST", URL, [("Content-Type", FORM + "; charset=UTF-8")], b"x=y")
    signed = sign_request(request, CREDENTIALS, SigningOptions())
    assert signed.base_string is not None
    assert "x%3Dy" in signed.base_string
    assert "oauth_body_hash" not in dict(signed.oauth_params)


def test_json_body_gets_a_body_hash_and_is_sent_unchanged() -> None:
    body = '{"status": "héllo"}'.encode()
    request = OutgoingRequest("POST", URL, [("Content-Type", "application/json")], body)
    signed = sign_request(request, CREDENTIALS, SigningOptions())
    expected = base64.b64encode(hashlib.sha1(body).digest()).decode()
    assert dict(signed.oauth_params)["oauth_body_hash"] == expected
    assert signed.body == body


def test_binary_body_gets_a_body_hash_of_its_bytes() -> None:
    body = bytes(range(256))
    request = OutgoingRequest("PUT", URL, [("Content-Type", "application/octet-stream")], body)
    signed = sign_request(request, CREDENTIALS, SigningOptions())
    expected = base64.b64encode(hashlib.sha1(body).digest()).decode()
    assert dict(signed.oauth_params)["oauth_body_hash"] == expected
    assert signed.base_string is not None
    assert "oauth_body_hash" in signed.base_string
    assert signed.body == body


def test_empty_body_on_get_counts_as_no_body() -> None:
    signed = sign_request(OutgoingRequest("GET", URL, [], b""), CREDENTIALS, SigningOptions())
    assert signed.body == b""
    assert "oauth_body_hash" not in dict(signed.oauth_params)


def test_callback_verifier_nonce_and_timestamp_are_sent_as_given() -> None:
    options = SigningOptions(
        callback="http://localhost:9/cb?x=1", verifier="1234567", nonce="abc", timestamp=42
    )
    params = dict(sign_request(OutgoingRequest("POST", URL), CREDENTIALS, options).oauth_params)
    assert params["oauth_callback"] == "http://localhost:9/cb?x=1"
    assert params["oauth_verifier"] == "1234567"
    assert params["oauth_nonce"] == "abc"
    assert params["oauth_timestamp"] == "42"


def test_nonces_differ_between_calls() -> None:
    first = sign_request(OutgoingRequest("GET", URL), CREDENTIALS, SigningOptions())
    second = sign_request(OutgoingRequest("GET", URL), CREDENTIALS, SigningOptions())
    assert dict(first.oauth_params)["oauth_nonce"] != dict(second.oauth_params)["oauth_nonce"]


def test_request_without_token_sends_no_oauth_token() -> None:
    signed = sign_request(
        OutgoingRequest("POST", URL), Credentials("consumer", "secret"), SigningOptions()
    )
    assert "oauth_token" not in dict(signed.oauth_params)


def test_repr_of_credentials_and_signed_request_hide_secrets() -> None:
    credentials = Credentials("consumer", "c-secret-1", "tok", "t-secret-2", "PEM-PRIVATE")
    text = repr(credentials)
    assert "c-secret-1" not in text and "t-secret-2" not in text and "PEM-PRIVATE" not in text
    signed = sign_request(
        OutgoingRequest("GET", URL + "?a=1"),
        credentials,
        SigningOptions(SignatureMethod.PLAINTEXT, Placement.QUERY),
    )
    assert "c-secret-1" not in repr(signed)


def test_rsa_key_is_parsed_once_for_many_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    real_parse = signing_problems.parse_rsa_private_key

    def counting_parse(pem: str) -> object:
        parsed.append(pem)
        return real_parse(pem)

    signing._cached_rsa_key.cache_clear()
    monkeypatch.setattr(signing, "parse_rsa_private_key", counting_parse)
    credentials = Credentials("rsa", rsa_key=demo_rsa_private_key())
    for _ in range(3):
        sign_request(
            OutgoingRequest("GET", URL), credentials, SigningOptions(SignatureMethod.RSA_SHA256)
        )
    assert len(parsed) == 1


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.org/a b?q=hello world", "https://x.org/a%20b?q=hello%20world"),
        ("https://x.org/p?tag=[x]&k=%7E", "https://x.org/p?tag=%5Bx%5D&k=~"),
        ("HTTPS://x.org/?uni=ü✓", "https://x.org/?uni=%C3%BC%E2%9C%93"),
        ("https://x.org/?pct=100%", "https://x.org/?pct=100%25"),
        ("https://x.org/?plus=1+1&amp=a%26b", "https://x.org/?plus=1+1&amp=a%26b"),
        ("https://x.org", "https://x.org/"),
        ("https://x.org/path#fragment", "https://x.org/path"),
        ("https://bücher.example/x", "https://xn--bcher-kva.example/x"),
    ],
)
def test_urls_are_signed_as_requests_will_send_them(url: str, expected: str) -> None:
    normalized = normalize_url(url)
    assert normalized == expected
    assert requote_uri(normalized) == normalized
