"""The OAuth 1.0a signature methods, parameter placements and body hash modes, parsed from what a
user types."""

from __future__ import annotations

import base64
import hashlib
from enum import Enum


class SigningError(Exception):
    """A request that cannot be signed; the message says why and what to change."""


class SignatureMethod(str, Enum):
    HMAC_SHA1 = "HMAC-SHA1"
    HMAC_SHA256 = "HMAC-SHA256"
    HMAC_SHA512 = "HMAC-SHA512"
    RSA_SHA1 = "RSA-SHA1"
    RSA_SHA256 = "RSA-SHA256"
    RSA_SHA512 = "RSA-SHA512"
    PLAINTEXT = "PLAINTEXT"

    @property
    def is_rsa(self) -> bool:
        return self.value.startswith("RSA-")

    def body_hash(self, body: bytes) -> str:
        """The `oauth_body_hash` of `body` with this method's digest: SHA-1 for the -SHA1 methods
        (and PLAINTEXT, as oauthlib does), SHA-256 and SHA-512 for the others, as Mastercard's
        signers and Postman do (oauthlib itself always uses SHA-1)."""
        if self.value.endswith("SHA256"):
            digest = hashlib.sha256(body).digest()
        elif self.value.endswith("SHA512"):
            digest = hashlib.sha512(body).digest()
        else:
            digest = hashlib.sha1(body).digest()
        return base64.b64encode(digest).decode("ascii")

    @classmethod
    def parse(cls, text: str) -> SignatureMethod:
        """`hmac-sha256`, `HMAC_SHA256` and ` HMAC-SHA256 ` all name HMAC-SHA256."""
        wanted = text.strip().upper().replace("_", "-")
        for method in cls:
            if method.value == wanted:
                return method
        names = ", ".join(method.value for method in cls)
        raise SigningError(f"Unknown signature method {text.strip()!r}. Use one of: {names}.")

    def __str__(self) -> str:
        return self.value


class Placement(str, Enum):
    """Where the OAuth parameters travel: the Authorization header, the query or a form body."""

    HEADER = "header"
    QUERY = "query"
    BODY = "body"

    @classmethod
    def parse(cls, text: str) -> Placement:
        wanted = text.strip().lower()
        aliases = {"auth_header": "header", "authorization": "header", "url": "query"}
        wanted = aliases.get(wanted, wanted)
        for placement in cls:
            if placement.value == wanted:
                return placement
        names = ", ".join(placement.value for placement in cls)
        raise SigningError(f"Unknown placement {text.strip()!r}. Use one of: {names}.")

    def __str__(self) -> str:
        return self.value


class BodyHash(str, Enum):
    """When `oauth_body_hash` is sent: for non-form bodies with content (AUTO, oauthlib's rule),
    for every request without a form body (ALWAYS, the empty string hashed when there is no
    body, as Mastercard wants), or never (NEVER)."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"

    @classmethod
    def parse(cls, text: str) -> BodyHash:
        wanted = text.strip().lower()
        for mode in cls:
            if mode.value == wanted:
                return mode
        names = ", ".join(mode.value for mode in cls)
        raise SigningError(f"Unknown body hash mode {text.strip()!r}. Use one of: {names}.")

    def __str__(self) -> str:
        return self.value
