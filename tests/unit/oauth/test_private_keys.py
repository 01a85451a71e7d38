"""RSA private keys in every form providers hand out: plain PEM, PEM with a password, PKCS#12 (the
shipped demo `.p12`, like Mastercard's), each signing a request the sandbox verifies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from oauth_http.oauth.private_keys import PrivateKeyError, load_private_key, needs_password
from oauth_http.oauth.signing import (
    Credentials,
    OutgoingRequest,
    SignatureMethod,
    SigningOptions,
    sign_request,
)
from oauth_http.sandbox.accounts import (
    DEMO_RSA_PKCS12_PASSWORD,
    SANDBOX_RSA_CONSUMER_KEY,
    demo_rsa_pkcs12_path,
    demo_rsa_private_key,
    demo_rsa_public_key,
)
from oauth_http.sandbox.server import RunningSandbox

PLAIN = demo_rsa_private_key().encode()


def demo_key() -> object:
    return serialization.load_pem_private_key(PLAIN, None)


def encrypted_pem(password: bytes) -> bytes:
    return demo_key().private_bytes(  # type: ignore[attr-defined, no-any-return]
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(password),
    )


def signs_for_the_sandbox(pem: str, sandbox: RunningSandbox) -> None:
    signed = sign_request(
        OutgoingRequest("GET", f"{sandbox.url}/1.1/echo"),
        Credentials(SANDBOX_RSA_CONSUMER_KEY, rsa_key=pem),
        SigningOptions(signature_method=SignatureMethod.RSA_SHA256),
    )
    answer = requests.get(signed.url, headers=dict(signed.headers), timeout=10)
    assert answer.status_code == 200, answer.text


def test_a_plain_pem_key_needs_no_password(sandbox: RunningSandbox) -> None:
    assert not needs_password(PLAIN, "key.pem")
    signs_for_the_sandbox(load_private_key(PLAIN, "key.pem"), sandbox)


def test_an_encrypted_pem_key_needs_its_password(sandbox: RunningSandbox) -> None:
    data = encrypted_pem(b"correct horse")
    assert needs_password(data, "key.pem")
    with pytest.raises(PrivateKeyError, match="is encrypted: its password is needed") as missing:
        load_private_key(data, "key.pem")
    assert missing.value.needs_password
    with pytest.raises(PrivateKeyError, match=r"password of key\.pem is not right") as wrong:
        load_private_key(data, "key.pem", "battery staple")
    assert wrong.value.needs_password
    pem = load_private_key(data, "key.pem", "correct horse")
    assert pem.startswith("-----BEGIN PRIVATE KEY-----") and "ENCRYPTED" not in pem
    signs_for_the_sandbox(pem, sandbox)


def test_the_demo_pkcs12_key_store_with_its_password(sandbox: RunningSandbox) -> None:
    data = Path(demo_rsa_pkcs12_path()).read_bytes()
    assert needs_password(data, "demo-rsa.p12")
    with pytest.raises(PrivateKeyError, match="PKCS#12 key store and its password is needed"):
        load_private_key(data, "demo-rsa.p12")
    with pytest.raises(PrivateKeyError, match="not right") as wrong:
        load_private_key(data, "demo-rsa.p12", "keystorepassword")
    assert wrong.value.needs_password
    pem = load_private_key(data, "demo-rsa.p12", DEMO_RSA_PKCS12_PASSWORD)
    assert pem.encode() == PLAIN  # the demo key, as PKCS#8 PEM
    signs_for_the_sandbox(pem, sandbox)


def test_a_pkcs12_without_a_password_and_a_pfx_name(tmp_path: Path) -> None:
    data = pkcs12.serialize_key_and_certificates(
        b"x",
        demo_key(),  # type: ignore[arg-type]
        None,
        None,
        serialization.NoEncryption(),
    )
    assert not needs_password(data, "key.pfx")
    assert load_private_key(data, "key.pfx").startswith("-----BEGIN PRIVATE KEY-----")


@pytest.mark.parametrize(
    ("data", "name", "wanted"),
    [
        (demo_rsa_public_key().encode(), "pub.pem", "is a public key"),
        (b"-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n", "k.pem", "PEM text"),
        (b"\x00\x01garbage", "k.p12", "password is needed (or it is not a PKCS#12 file)"),
    ],
)
def test_what_is_not_a_usable_key_is_explained(data: bytes, name: str, wanted: str) -> None:
    with pytest.raises(PrivateKeyError, match=re.escape(wanted)):
        load_private_key(data, name)


def test_a_key_that_is_not_rsa_is_refused() -> None:
    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    with pytest.raises(PrivateKeyError, match="not an RSA key"):
        load_private_key(pem, "ec.pem")
