"""The OAuth 1.0a signature methods and parameter placements, parsed from what a user types."""

from __future__ import annotations

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
