"""sign_request against published vectors and independent computations of every method."""

from __future__ import annotations

import base64
import hashlib
import hmac
from types import SimpleNamespace
from typing import TypedDict
from urllib.parse import parse_qsl, quote, unquote, urlsplit

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from oauth_http.oauth.signing import (
    Credentials,
    OutgoingRequest,
    Placement,
    SignatureMethod,
    SignedRequest,
    SigningOptions,
    sign_request,
)
from oauth_http.sandbox.accounts import demo_rsa_private_key, demo_rsa_public_key

FORM = "application/x-www-form-urlencoded"

PHOTOS = Credentials("dpf43f3p2l4k3l03", "kd94hf93k423kf44", "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00")
TWITTER = Credentials(
    "xvz1evFS4wEEPTGEFPHBog",
    "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
    "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
    "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
)
TWITTER_REQUEST = OutgoingRequest(
    "POST",
    "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
    [("Content-Type", FORM)],
    b"status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21",
)
TWITTER_OPTIONS = SigningOptions(
    nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", timestamp="1318622958"
)


def encode(text: str) -> str:
    """RFC 5849 section 3.6 percent-encoding (unreserved characters kept)."""
    return quote(text, safe="~")


def independent_base_string(signed: SignedRequest, form_body: bytes | None = None) -> str:
    """The base string rebuilt from scratch from the signed request as it will be sent."""
    parts = urlsplit(signed.url)
    params = parse_qsl(parts.query, keep_blank_values=True)
    if form_body is not None:
        params += parse_qsl(form_body.decode(), keep_blank_values=True)
    header = dict(signed.headers).get("Authorization")
    if header:
        for item in header.removeprefix("OAuth ").split(", "):
            name, _, quoted = item.partition("=")
            if name != "realm":
                params.append((name, unquote(quoted.strip('"'))))
    pairs = sorted((encode(k), encode(v)) for k, v in params if k != "oauth_signature")
    normalized = "&".join(f"{k}={v}" for k, v in pairs)
    default_port = {"http": 80, "https": 443}[parts.scheme]
    port = f":{parts.port}" if parts.port and parts.port != default_port else ""
    base_uri = f"{parts.scheme}://{parts.hostname}{port}{parts.path}"
    return "&".join([signed.method, encode(base_uri), encode(normalized)])


def hmac_signature(base_string: str, digest: str, consumer_secret: str, token_secret: str) -> str:
    key = f"{encode(consumer_secret)}&{encode(token_secret)}".encode()
    mac = hmac.new(key, base_string.encode(), getattr(hashlib, digest))
    return base64.b64encode(mac.digest()).decode()


def test_oauth_core_photos_request_matches_the_published_signature() -> None:
    signed = sign_request(
        OutgoingRequest("GET", "http://photos.example.net/photos?file=vacation.jpg&size=original"),
        PHOTOS,
        SigningOptions(nonce="kllo9940pd9333jh", timestamp="1191242096"),
    )
    assert signed.signature == "tR3+Ty81lMeYAr/Fid0kMTYa/WM="
    assert signed.base_string == (
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key"
        "%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1"
        "%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0"
        "%26size%3Doriginal"
    )
    assert (
        'oauth_signature="tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D"'
        in dict(signed.headers)["Authorization"]
    )


class VectorOptions(TypedDict, total=False):
    """The signing options a published vector fixes."""

    callback: str
    nonce: str
    timestamp: int


@pytest.mark.parametrize(
    ("method", "url", "extra", "expected"),
    [
        (
            "POST",
            "https://photos.example.net/initiate",
            {
                "callback": "http://printer.example.com/ready",
                "nonce": "wIjqoS",
                "timestamp": 137131200,
            },
            "74KNZJeDHnMBp0EMJ9ZHt/XKycU=",
        ),
        (
            "GET",
            "http://photos.example.net/photos?file=vacation.jpg&size=original",
            {"nonce": "chapoH", "timestamp": 137131202},
            "MdpQcU8iPSUjWoN/UDMsK2sui9I=",
        ),
    ],
)
def test_rfc5849_section_1_2_requests_match_the_published_signatures(
    method: str, url: str, extra: VectorOptions, expected: str
) -> None:
    credentials = (
        Credentials(PHOTOS.consumer_key, PHOTOS.consumer_secret) if "initiate" in url else PHOTOS
    )
    options = SigningOptions(realm="Photos", include_version=False, **extra)
    signed = sign_request(OutgoingRequest(method, url), credentials, options)
    assert signed.signature == expected
    assert dict(signed.headers)["Authorization"].startswith('OAuth realm="Photos", ')


def test_rfc5849_section_3_4_1_base_string_example() -> None:
    signed = sign_request(
        OutgoingRequest(
            "POST",
            "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
            [("Host", "example.com"), ("Content-Type", FORM)],
            b"c2&a3=2+q",
        ),
        Credentials("9djdj82h48djs9d2", "j49sk3j29djd", "kkk9d7dh3k39sjv7", "dh893hdasih9"),
        SigningOptions(
            realm="Example", nonce="7d8f3e4a", timestamp="137131201", include_version=False
        ),
    )
    assert signed.base_string == (
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D"
        "%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce"
        "%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26"
        "oauth_token%3Dkkk9d7dh3k39sjv7"
    )
    assert signed.body == b"c2&a3=2+q"


def test_rfc5849_base_string_uri_follows_the_host_header() -> None:
    signed = sign_request(
        OutgoingRequest("GET", "http://EXAMPLE.COM/r%20v/X?id=123", [("Host", "EXAMPLE.COM:80")]),
        PHOTOS,
        SigningOptions(nonce="n", timestamp=1),
    )
    assert signed.base_string is not None
    assert signed.base_string.startswith("GET&http%3A%2F%2Fexample.com%2Fr%2520v%2FX&id%3D123")


def test_twitter_creating_a_signature_example() -> None:
    signed = sign_request(TWITTER_REQUEST, TWITTER, TWITTER_OPTIONS)
    assert signed.signature == "hCtSmYh+iHYCEqBWrE7C7hYmtUk="
    assert signed.base_string == (
        "POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue"
        "%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYS"
        "Q2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26"
        "oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0"
        "%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth"
        "%2520request%2521"
    )
    assert signed.body == TWITTER_REQUEST.body


@pytest.mark.parametrize(
    ("consumer_secret", "token_secret", "expected"),
    [
        ("ja893SD9", None, "ja893SD9&"),
        ("ja893SD9", "xyz4992k83j47x0b", "ja893SD9&xyz4992k83j47x0b"),
        ("s&cret =", "t%ken/+", "s%26cret%20%3D&t%25ken%2F%2B"),
    ],
)
def test_plaintext_signature_is_the_encoded_secrets_not_a_base_string(
    consumer_secret: str, token_secret: str | None, expected: str
) -> None:
    signed = sign_request(
        OutgoingRequest("POST", "https://server.example.com/request_temp_credentials"),
        Credentials("jd83jd92dhsh93js", consumer_secret, "hdk48Djdsa", token_secret),
        SigningOptions(SignatureMethod.PLAINTEXT),
    )
    assert signed.signature == expected
    assert signed.base_string is None
    assert ("oauth_signature", expected) in signed.oauth_params


@pytest.mark.parametrize(
    ("method", "digest"),
    [
        (SignatureMethod.HMAC_SHA1, "sha1"),
        (SignatureMethod.HMAC_SHA256, "sha256"),
        (SignatureMethod.HMAC_SHA512, "sha512"),
    ],
)
@pytest.mark.parametrize("placement", list(Placement))
def test_hmac_signatures_match_an_independent_computation(
    method: SignatureMethod, digest: str, placement: Placement
) -> None:
    request = OutgoingRequest(
        "POST",
        "https://api.example.com/1.1/x.json?q=caf%C3%A9 au lait&tag=a+b&tag=%2B&e=",
        [("Content-Type", FORM)],
        b"status=na%C3%AFve+%26+%22quoted%22&n=1",
    )
    signed = sign_request(request, TWITTER, SigningOptions(method, placement))
    expected_base = independent_base_string(signed, form_body=signed.body)
    assert signed.base_string == expected_base
    assert signed.signature == hmac_signature(
        expected_base, digest, TWITTER.consumer_secret, TWITTER.token_secret or ""
    )


@pytest.mark.parametrize(
    ("method", "digest"),
    [
        (SignatureMethod.RSA_SHA1, hashes.SHA1()),
        (SignatureMethod.RSA_SHA256, hashes.SHA256()),
        (SignatureMethod.RSA_SHA512, hashes.SHA512()),
    ],
)
def test_rsa_signatures_verify_with_the_public_key(
    method: SignatureMethod, digest: hashes.HashAlgorithm
) -> None:
    signed = sign_request(
        OutgoingRequest("GET", "http://127.0.0.1:8765/1.1/echo?a=1&a=2"),
        Credentials("sandbox-rsa-consumer", rsa_key=demo_rsa_private_key()),
        SigningOptions(method),
    )
    assert signed.base_string == independent_base_string(signed)
    public_key = serialization.load_pem_public_key(demo_rsa_public_key().encode())
    assert isinstance(public_key, rsa.RSAPublicKey)
    public_key.verify(
        base64.b64decode(signed.signature), signed.base_string.encode(), padding.PKCS1v15(), digest
    )


def test_base_string_is_the_one_oauthlib_signed() -> None:
    from tests.oauth1_reference import signature

    signed = sign_request(TWITTER_REQUEST, TWITTER, SigningOptions(SignatureMethod.HMAC_SHA256))
    assert signed.base_string is not None
    client = SimpleNamespace(
        client_secret=TWITTER.consumer_secret, resource_owner_secret=TWITTER.token_secret
    )
    assert signed.signature == signature.sign_hmac_sha256_with_client(signed.base_string, client)
