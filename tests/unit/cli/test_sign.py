"""`oauth-http sign` run as a subprocess: published vectors (with and without oauth_version),
PLAINTEXT printed in full, secrets from the environment, the signing switches, and bad input
(exit 2)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from oauth_http.sandbox.accounts import (
    DEMO_RSA_PKCS12_PASSWORD,
    demo_rsa_pkcs12_path,
    demo_rsa_private_key_path,
    demo_rsa_public_key,
)

TWITTER_SECRET = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw"
TWITTER_TOKEN_SECRET = "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"
TWITTER_ARGS = [
    "--method", "POST",
    "--url", "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
    "--body", "status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21",
    "--content-type", "application/x-www-form-urlencoded",
    "--consumer-key", "xvz1evFS4wEEPTGEFPHBog",
    "--consumer-secret", TWITTER_SECRET,
    "--token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
    "--token-secret", TWITTER_TOKEN_SECRET,
    "--nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
    "--timestamp", "1318622958",
]  # fmt: skip
PHOTOS_ARGS = [
    "--method", "GET",
    "--url", "http://photos.example.net/photos?file=vacation.jpg&size=original",
    "--consumer-key", "dpf43f3p2l4k3l03",
    "--consumer-secret", "kd94hf93k423kf44",
    "--token", "nnch734d00sl2jdk",
    "--token-secret", "pfkkdhi9sl3r4s00",
    "--nonce", "kllo9940pd9333jh",
    "--timestamp", "1191242096",
]  # fmt: skip


def run_sign(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "oauth_http", "sign", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def sections(stdout: str) -> dict[str, str]:
    result = {}
    for block in stdout.strip().split("\n\n"):
        label, _, value = block.partition(":\n")
        result[label] = value
    return result


def with_option(args: list[str], name: str, value: str) -> list[str]:
    index = args.index(name)
    return [*args[: index + 1], value, *args[index + 2 :]]


def test_twitter_example() -> None:
    done = run_sign(*TWITTER_ARGS)
    assert done.returncode == 0, done.stderr
    out = sections(done.stdout)
    assert out["Signature (HMAC-SHA1)"] == "hCtSmYh+iHYCEqBWrE7C7hYmtUk="
    assert out["Signature base string"].startswith(
        "POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue"
    )
    assert out["Signature base string"].endswith(
        "status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth"
        "%2520request%2521"
    )
    assert 'oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D"' in out["Authorization header"]
    assert out["Authorization header"].startswith("OAuth ")
    for secret in (TWITTER_SECRET, TWITTER_TOKEN_SECRET):
        assert secret not in done.stdout + done.stderr


def test_oauth_core_photos_example_with_realm() -> None:
    done = run_sign(*PHOTOS_ARGS, "--realm", "Photos")
    assert done.returncode == 0, done.stderr
    out = sections(done.stdout)
    assert out["Signature (HMAC-SHA1)"] == "tR3+Ty81lMeYAr/Fid0kMTYa/WM="
    assert out["Authorization header"].startswith('OAuth realm="Photos", ')


@pytest.mark.parametrize(
    ("method", "digest"), [("hmac-sha256", "sha256"), ("HMAC-SHA512", "sha512")]
)
def test_hmac_sha2_matches_an_independent_hmac_of_the_printed_base_string(
    method: str, digest: str
) -> None:
    done = run_sign(*PHOTOS_ARGS, "--signature-method", method)
    assert done.returncode == 0, done.stderr
    out = sections(done.stdout)
    signature = out[f"Signature ({method.upper()})"]
    key = b"kd94hf93k423kf44&pfkkdhi9sl3r4s00"
    mac = hmac.new(key, out["Signature base string"].encode(), getattr(hashlib, digest))
    assert signature == base64.b64encode(mac.digest()).decode()
    assert f"oauth_signature_method%3D{method.upper()}" in out["Signature base string"]


def assert_verifies_with_the_demo_public_key(out: dict[str, str]) -> None:
    public_key = serialization.load_pem_public_key(demo_rsa_public_key().encode())
    assert isinstance(public_key, rsa.RSAPublicKey)
    public_key.verify(
        base64.b64decode(out["Signature (RSA-SHA256)"]),
        out["Signature base string"].encode(),
        padding.PKCS1v15(),
        hashes.SHA256(),
    )


def test_rsa_signature_verifies_with_the_public_key() -> None:
    done = run_sign(
        "--method", "GET", "--url", "http://127.0.0.1:8765/1.1/echo?a=1",
        "--consumer-key", "sandbox-rsa-consumer",
        "--signature-method", "RSA-SHA256", "--rsa-key", demo_rsa_private_key_path(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert_verifies_with_the_demo_public_key(sections(done.stdout))
    assert "PRIVATE KEY" not in done.stdout


def test_plaintext_prints_its_signature_in_full_so_the_header_can_be_used() -> None:
    args = with_option(PHOTOS_ARGS, "--consumer-secret", "cs/&secret")
    done = run_sign(*args, "--signature-method", "plaintext")
    assert done.returncode == 0, done.stderr
    out = sections(done.stdout)
    assert out["Signature base string"].startswith("(none")
    expected = f"{quote('cs/&secret', safe='')}&pfkkdhi9sl3r4s00"
    assert out["Signature (PLAINTEXT)"] == expected
    assert f'oauth_signature="{quote(expected, safe="")}"' in out["Authorization header"]
    assert out["Signed request"].startswith("GET http://photos.example.net/photos?file=")
    assert f"Authorization: {out['Authorization header']}" in out["Signed request"]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            [
                "--method", "POST", "--url", "https://photos.example.net/initiate",
                "--callback", "http://printer.example.com/ready",
                "--nonce", "wIjqoS", "--timestamp", "137131200",
            ],
            "74KNZJeDHnMBp0EMJ9ZHt/XKycU=",
        ),
        (
            [
                "--method", "GET",
                "--url", "http://photos.example.net/photos?file=vacation.jpg&size=original",
                "--token", "nnch734d00sl2jdk",
                "--nonce", "chapoH", "--timestamp", "137131202",
            ],
            "MdpQcU8iPSUjWoN/UDMsK2sui9I=",
        ),
    ],
)  # fmt: skip
def test_rfc5849_examples_without_oauth_version(extra: list[str], expected: str) -> None:
    done = run_sign(
        "--consumer-key", "dpf43f3p2l4k3l03", "--realm", "Photos", "--no-version", *extra,
        env={"OAUTH_CONSUMER_SECRET": "kd94hf93k423kf44", "OAUTH_TOKEN_SECRET": "pfkkdhi9sl3r4s00"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = sections(done.stdout)
    assert out["Signature (HMAC-SHA1)"] == expected
    assert "oauth_version" not in out["Signature base string"]
    assert "oauth_version" not in out["Authorization header"]


def test_secrets_come_from_the_environment_when_the_flags_are_absent() -> None:
    args = [a for a in PHOTOS_ARGS if a not in ("--consumer-secret", "kd94hf93k423kf44")]
    args = [a for a in args if a not in ("--token-secret", "pfkkdhi9sl3r4s00")]
    env = {"OAUTH_CONSUMER_SECRET": "kd94hf93k423kf44", "OAUTH_TOKEN_SECRET": "pfkkdhi9sl3r4s00"}
    done = run_sign(*args, env=env)
    assert done.returncode == 0, done.stderr
    assert sections(done.stdout)["Signature (HMAC-SHA1)"] == "tR3+Ty81lMeYAr/Fid0kMTYa/WM="
    given = run_sign(*PHOTOS_ARGS, env={"OAUTH_CONSUMER_SECRET": "not-this-one"})
    assert sections(given.stdout)["Signature (HMAC-SHA1)"] == "tR3+Ty81lMeYAr/Fid0kMTYa/WM="


@pytest.mark.parametrize(
    ("mode", "body", "content_type", "expected"),
    [
        ("always", None, None, "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="),
        ("auto", "{}", "application/json", "RBNvo1WzZ4oRRq0W9+hknpT7T8If536DEMBg9hyq/4o="),
        ("never", "{}", "application/json", None),
        ("always", "a=1", "application/x-www-form-urlencoded", None),
    ],
)
def test_body_hash_modes(
    mode: str, body: str | None, content_type: str | None, expected: str | None
) -> None:
    args = ["--method", "POST", "--url", "https://sandbox.api.mastercard.com/service"]
    args += ["--consumer-key", "k", "--signature-method", "HMAC-SHA256", "--body-hash", mode]
    if body is not None:
        args += ["--body", body]
    if content_type is not None:
        args += ["--content-type", content_type]
    done = run_sign(*args, env={"OAUTH_CONSUMER_SECRET": "s"})
    assert done.returncode == 0, done.stderr
    header = sections(done.stdout)["Authorization header"]
    if expected is None:
        assert "oauth_body_hash" not in header
    else:
        assert f'oauth_body_hash="{quote(expected, safe="")}"' in header


def test_an_empty_token_and_an_unknown_body_hash_mode() -> None:
    done = run_sign(*PHOTOS_ARGS[:6], "--empty-token", "--realm", "Schoology API")
    assert done.returncode == 0, done.stderr
    assert 'oauth_token=""' in sections(done.stdout)["Authorization header"]
    assert_refused(run_sign(*PHOTOS_ARGS, "--body-hash", "sometimes"), "Unknown body hash mode")


def test_an_encrypted_pkcs12_key_with_its_password_from_the_environment() -> None:
    args = [
        "--method", "GET", "--url", "https://sandbox.api.mastercard.com/service",
        "--consumer-key", "mastercard-consumer", "--signature-method", "RSA-SHA256",
        "--private-key-file", demo_rsa_pkcs12_path(), "--body-hash", "always",
    ]  # fmt: skip
    done = run_sign(*args, env={"OAUTH_KEY_PASSWORD": DEMO_RSA_PKCS12_PASSWORD})
    assert done.returncode == 0, done.stderr
    assert_verifies_with_the_demo_public_key(sections(done.stdout))
    assert_refused(run_sign(*args), "its password is needed")


def test_query_placement_prints_the_signed_url() -> None:
    done = run_sign(*PHOTOS_ARGS, "--placement", "query")
    assert done.returncode == 0, done.stderr
    url = sections(done.stdout)["Signed URL"]
    query = dict(parse_qsl(urlsplit(url).query))
    assert query["oauth_signature"] == "tR3+Ty81lMeYAr/Fid0kMTYa/WM="
    assert query["file"] == "vacation.jpg"


def test_body_placement_prints_the_signed_body() -> None:
    done = run_sign(*TWITTER_ARGS, "--placement", "body")
    assert done.returncode == 0, done.stderr
    body = dict(parse_qsl(sections(done.stdout)["Signed body"]))
    assert body["oauth_signature"] == "hCtSmYh+iHYCEqBWrE7C7hYmtUk="
    assert body["status"] == "Hello Ladies + Gentlemen, a signed OAuth request!"


def assert_refused(done: subprocess.CompletedProcess[str], expected: str) -> None:
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("oauth-http sign: ")
    assert expected in lines[0]


def test_unknown_signature_method() -> None:
    done = run_sign(*PHOTOS_ARGS, "--signature-method", "HMAC-MD5")
    assert_refused(done, "Unknown signature method 'HMAC-MD5'. Use one of: HMAC-SHA1")


def test_unknown_http_method() -> None:
    done = run_sign(*with_option(PHOTOS_ARGS, "--method", "GE T"))
    assert_refused(done, "'GE T' is not an HTTP method")


def test_unknown_placement() -> None:
    assert_refused(run_sign(*PHOTOS_ARGS, "--placement", "cookie"), "Unknown placement 'cookie'")


def test_unreadable_key_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.pem"
    done = run_sign(*PHOTOS_ARGS, "--signature-method", "RSA-SHA1", "--rsa-key", str(missing))
    assert_refused(done, f"Cannot read the RSA key file {missing}: No such file or directory")


def test_key_file_that_is_not_a_key(tmp_path: Path) -> None:
    not_a_key = tmp_path / "key.pem"
    not_a_key.write_text("hello\n")
    done = run_sign(*PHOTOS_ARGS, "--signature-method", "RSA-SHA1", "--rsa-key", str(not_a_key))
    assert_refused(done, "could not be read as a private key")


def test_rsa_without_a_key() -> None:
    done = run_sign(*PHOTOS_ARGS, "--signature-method", "RSA-SHA1")
    assert_refused(done, "RSA-SHA1 signs with the consumer's RSA private key, and none was given")


def test_body_parameters_without_a_form_content_type() -> None:
    args = [
        a for a in TWITTER_ARGS if a not in ("--content-type", "application/x-www-form-urlencoded")
    ]
    done = run_sign(*args)
    assert_refused(
        done, "The body looks like form parameters (name=value), but Content-Type is not set"
    )
    assert TWITTER_SECRET not in done.stderr


def test_get_with_a_form_body() -> None:
    done = run_sign(*with_option(TWITTER_ARGS, "--method", "GET"))
    assert_refused(done, "A GET request cannot carry signed body parameters")
