"""The sandbox's fixed demo accounts: consumers, the one user, and the shipped demo RSA key pair.

These are public demo credentials for a provider that only ever listens on 127.0.0.1; they are
not secrets. Everything that needs them (the sandbox, tests, the demo) imports them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

SANDBOX_DEFAULT_HOST = "127.0.0.1"
SANDBOX_DEFAULT_PORT = 8765
SANDBOX_REALM = "oauth-http-sandbox"

SANDBOX_CONSUMER_KEY = "sandbox-consumer"
SANDBOX_CONSUMER_SECRET = "sandbox-secret"
SANDBOX_APP_NAME = "OAuth HTTP Sandbox App"

SANDBOX_RSA_CONSUMER_KEY = "sandbox-rsa-consumer"
SANDBOX_RSA_APP_NAME = "OAuth HTTP Sandbox RSA App"

SANDBOX_USER_ID = 1000001
SANDBOX_SCREEN_NAME = "sandbox_user"
SANDBOX_USER_NAME = "Sandbox User"

# A pre-issued access token for SANDBOX_CONSUMER_KEY, so tests of sending need not run the dance.
SANDBOX_ACCESS_TOKEN = "1000001-sandbox-access-token"
SANDBOX_ACCESS_TOKEN_SECRET = "sandbox-access-token-secret"
# The same for the RSA consumer (RSA signatures ignore the token secret, but a token is checked).
SANDBOX_RSA_ACCESS_TOKEN = "1000001-sandbox-rsa-access-token"
SANDBOX_RSA_ACCESS_TOKEN_SECRET = "sandbox-rsa-access-token-secret"

HMAC_AND_PLAINTEXT_METHODS = ("HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "PLAINTEXT")
RSA_METHODS = ("RSA-SHA1", "RSA-SHA256", "RSA-SHA512")

DEMO_RSA_PRIVATE_KEY_FILE = "demo-rsa-private.pem"
DEMO_RSA_PUBLIC_KEY_FILE = "demo-rsa-public.pem"
# The same demo private key in a PKCS#12 key store, as Mastercard Developers hands out keys.
DEMO_RSA_PKCS12_FILE = "demo-rsa.p12"
DEMO_RSA_PKCS12_PASSWORD = "sandbox-keystore"
_PACKAGE = "oauth_http.sandbox"


@dataclass(frozen=True)
class Consumer:
    """A registered client application: a shared secret (HMAC, PLAINTEXT) or an RSA public key;
    `methods` narrows the signature methods it may use (a persona's rule)."""

    key: str
    app_name: str
    secret: str | None = None
    rsa_public_key: str | None = None
    methods: tuple[str, ...] = ()

    @property
    def signature_methods(self) -> tuple[str, ...]:
        if self.methods:
            return self.methods
        return RSA_METHODS if self.rsa_public_key else HMAC_AND_PLAINTEXT_METHODS


@cache
def demo_rsa_private_key() -> str:
    """PEM text of the demo consumer's private key (shipped as package data)."""
    return _read_package_text(DEMO_RSA_PRIVATE_KEY_FILE)


@cache
def demo_rsa_public_key() -> str:
    """PEM text of the public key the sandbox holds for SANDBOX_RSA_CONSUMER_KEY."""
    return _read_package_text(DEMO_RSA_PUBLIC_KEY_FILE)


def demo_rsa_private_key_path() -> str:
    """Filesystem path of the shipped demo private key (for `--rsa-key FILE` and the demo)."""
    return str(resources.files(_PACKAGE).joinpath(DEMO_RSA_PRIVATE_KEY_FILE))


def demo_rsa_pkcs12_path() -> str:
    """Filesystem path of the demo key as PKCS#12 (password DEMO_RSA_PKCS12_PASSWORD)."""
    return str(resources.files(_PACKAGE).joinpath(DEMO_RSA_PKCS12_FILE))


def demo_consumers() -> tuple[Consumer, ...]:
    return (
        Consumer(SANDBOX_CONSUMER_KEY, SANDBOX_APP_NAME, secret=SANDBOX_CONSUMER_SECRET),
        Consumer(
            SANDBOX_RSA_CONSUMER_KEY, SANDBOX_RSA_APP_NAME, rsa_public_key=demo_rsa_public_key()
        ),
    )


def _read_package_text(name: str) -> str:
    return resources.files(_PACKAGE).joinpath(name).read_text(encoding="ascii")


def authorized_secrets(folder_uri: str) -> dict[str, str]:
    """Secret-storage entries that make `folder_uri` authorized with the sandbox preset: the
    demo consumer and the pre-issued access token, as a finished PIN flow stores them."""
    from oauth_http.oauth.interaction import Consumer as StoredConsumer
    from oauth_http.oauth.secret_keys import (
        StoredToken,
        consumer_secret_name,
        encode_consumer,
        encode_token,
        token_secret_name,
    )

    return {
        consumer_secret_name(folder_uri, "sandbox"): encode_consumer(
            StoredConsumer(SANDBOX_CONSUMER_KEY, SANDBOX_CONSUMER_SECRET)
        ),
        token_secret_name(folder_uri, "sandbox"): encode_token(
            StoredToken(SANDBOX_ACCESS_TOKEN, SANDBOX_ACCESS_TOKEN_SECRET, SANDBOX_SCREEN_NAME)
        ),
    }
