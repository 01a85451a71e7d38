"""Every SigningError: each names the cause and what to change."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from oauth_http.oauth.signature_methods import Placement, SignatureMethod, SigningError
from oauth_http.oauth.signing import Credentials, OutgoingRequest, SigningOptions, sign_request
from oauth_http.oauth.signing_problems import explain_oauthlib_error
from oauth_http.sandbox.accounts import demo_rsa_private_key, demo_rsa_public_key

FORM = "application/x-www-form-urlencoded"
URL = "https://api.example.com/1.1/statuses/update.json"
HMAC = Credentials("key", "secret", "token", "token-secret")


def sign_error(
    request: OutgoingRequest,
    credentials: Credentials = HMAC,
    options: SigningOptions | None = None,
) -> str:
    with pytest.raises(SigningError) as caught:
        sign_request(request, credentials, options or SigningOptions())
    return str(caught.value)


def test_unknown_signature_method_lists_the_valid_names() -> None:
    with pytest.raises(SigningError) as caught:
        SignatureMethod.parse("HMAC-MD5")
    message = str(caught.value)
    assert "Unknown signature method 'HMAC-MD5'" in message
    for method in SignatureMethod:
        assert method.value in message


def test_signature_method_given_as_text_is_parsed_or_refused() -> None:
    request = OutgoingRequest("GET", URL)
    signed = sign_request(request, HMAC, SigningOptions(signature_method="hmac_sha256"))  # type: ignore[arg-type]  # the method as text, on purpose
    assert ("oauth_signature_method", "HMAC-SHA256") in signed.oauth_params
    message = sign_error(request, options=SigningOptions(signature_method="sha1"))  # type: ignore[arg-type]  # the method as text, on purpose
    assert "Unknown signature method 'sha1'" in message


def test_unknown_placement_lists_the_valid_ones() -> None:
    with pytest.raises(
        SigningError, match=r"Unknown placement 'cookie'\. Use one of: header, query, body"
    ):
        Placement.parse("cookie")


@pytest.mark.parametrize("method", ["", "GE T", "PO\nST"])
def test_invalid_http_method(method: str) -> None:
    assert "is not an HTTP method: use GET, POST" in sign_error(OutgoingRequest(method, URL))


@pytest.mark.parametrize(
    "url", ["/1.1/statuses", "ftp://example.com/x", "https:///path", "api.x.com/1.1"]
)
def test_url_must_be_absolute_http(url: str) -> None:
    message = sign_error(OutgoingRequest("GET", url))
    assert f"The URL {url!r} must be absolute, starting with http:// or https://" in message


def test_url_with_a_bad_port() -> None:
    message = sign_error(OutgoingRequest("GET", "http://example.com:99999/x"))
    assert "The URL 'http://example.com:99999/x' is not valid" in message


def test_empty_consumer_key() -> None:
    message = sign_error(OutgoingRequest("GET", URL), Credentials("  ", "secret"))
    assert "consumer key is empty: set the consumer key" in message


def test_timestamp_must_be_whole_seconds() -> None:
    message = sign_error(OutgoingRequest("GET", URL), options=SigningOptions(timestamp="12.5"))
    assert "The timestamp '12.5' must be whole seconds" in message


@pytest.mark.parametrize("method", [SignatureMethod.RSA_SHA1, SignatureMethod.RSA_SHA512])
def test_rsa_without_a_key(method: SignatureMethod) -> None:
    message = sign_error(OutgoingRequest("GET", URL), HMAC, SigningOptions(method))
    assert (
        f"{method.value} signs with the consumer's RSA private key, and none was given" in message
    )
    assert "set the RSA private key (PEM)" in message


def rsa_error(pem: str) -> str:
    return sign_error(
        OutgoingRequest("GET", URL),
        Credentials("rsa-consumer", rsa_key=pem),
        SigningOptions(SignatureMethod.RSA_SHA1),
    )


def test_rsa_public_key_instead_of_private() -> None:
    message = rsa_error(demo_rsa_public_key())
    assert "is a public key: signing needs the consumer's private key" in message


def test_rsa_key_that_does_not_parse() -> None:
    message = rsa_error("-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----")
    assert "The RSA private key could not be read: it must be PEM text beginning with" in message


def test_rsa_key_encrypted_with_a_passphrase() -> None:
    key = serialization.load_pem_private_key(demo_rsa_private_key().encode(), password=None)
    encrypted = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"passphrase"),
    ).decode()
    assert "encrypted with a passphrase: export it without one" in rsa_error(encrypted)


def test_private_key_that_is_not_rsa() -> None:
    pem = (
        ec.generate_private_key(ec.SECP256R1())
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    assert "The private key is not an RSA key" in rsa_error(pem)


def test_form_body_that_is_not_utf8() -> None:
    request = OutgoingRequest("POST", URL, [("Content-Type", FORM)], b"status=\xff\xfe")
    message = sign_error(request)
    assert "the body is not UTF-8 text: percent-encode the values" in message


def test_body_parameters_without_a_content_type() -> None:
    message = sign_error(OutgoingRequest("POST", URL, [], b"status=hello"))
    assert (
        "The body looks like form parameters (name=value), but Content-Type is not set" in message
    )
    assert f"add Content-Type: {FORM} so they are signed" in message


def test_body_parameters_with_another_content_type() -> None:
    message = sign_error(OutgoingRequest("POST", URL, [("Content-Type", "text/plain")], b"a=1&b=2"))
    assert "but Content-Type is text/plain: add Content-Type" in message


def test_multipart_body_with_parameters() -> None:
    headers = [("Content-Type", "multipart/form-data; boundary=xyz")]
    message = sign_error(OutgoingRequest("POST", URL, headers, b"status=hello"))
    assert "Content-Type is multipart/form-data; boundary=xyz" in message
    assert "cannot sign parameters inside a multipart body" in message


def test_form_content_type_whose_body_does_not_decode() -> None:
    request = OutgoingRequest("POST", URL, [("Content-Type", FORM)], b'{"status": "hello"}')
    message = sign_error(request)
    assert f"Content-Type is {FORM} but the body is not form-encoded" in message
    assert "encode the body, or set the Content-Type it really has" in message


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_get_or_head_with_body_parameters(method: str) -> None:
    request = OutgoingRequest(method, URL, [("Content-Type", FORM)], b"status=hello")
    message = sign_error(request)
    assert f"A {method} request cannot carry signed body parameters" in message
    assert "move the parameters into the query string, or use POST" in message


def test_body_placement_on_get() -> None:
    message = sign_error(
        OutgoingRequest("GET", URL), options=SigningOptions(placement=Placement.BODY)
    )
    assert (
        "A GET request cannot carry signed body parameters: use placement 'header' or 'query'"
        in message
    )


def test_body_placement_with_a_json_body() -> None:
    request = OutgoingRequest("POST", URL, [("Content-Type", "application/json")], b'{"a": 1}')
    message = sign_error(request, options=SigningOptions(placement=Placement.BODY))
    assert "Placement 'body' puts the OAuth parameters in a form body" in message
    assert "Content-Type is application/json: use placement 'header' or 'query'" in message


def test_an_unrecognised_oauthlib_error_is_still_reported() -> None:
    message = explain_oauthlib_error("Something new.", "POST", None, Placement.HEADER)
    assert message == "The request could not be signed: Something new."
