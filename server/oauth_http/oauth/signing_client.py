"""oauthlib's Client, extended to report the exact base string and parameters it signed.

The signing callbacks receive the base string oauthlib built; the list `get_oauth_params`
returns is the one oauthlib then appends the signature to. Two additions: `oauth_version` can
be left out (as in RFC 5849's examples), and a body that is not UTF-8 text, which cannot pass
through oauthlib, still gets its `oauth_body_hash`, computed as oauthlib does for text.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from typing import Any, ClassVar, Protocol

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


class CapturingClient(Protocol):
    """What sign_request uses of the client: oauthlib's `sign` and what it captured."""

    captured_base_string: str | None
    captured_oauth_params: list[tuple[str, str]]

    def sign(
        self,
        uri: str,
        http_method: str,
        body: str | None,
        headers: dict[str, str],
        realm: str | None = None,
    ) -> tuple[str, dict[str, str], str | None]: ...


def is_form_content_type(content_type: str | None) -> bool:
    return (content_type or "").split(";", 1)[0].strip().lower() == FORM_CONTENT_TYPE


def make_client(
    consumer_key: str,
    consumer_secret: str,
    token: str | None,
    token_secret: str | None,
    *,
    method: str,
    signature_type: str,
    rsa_key: object | None,
    callback: str | None,
    verifier: str | None,
    realm: str | None,
    nonce: str | None,
    timestamp: str | None,
    include_version: bool,
    binary_body: bytes | None,
) -> CapturingClient:
    """A fresh client for one request (cheap: the class is built once)."""
    client: Any = _client_class()(
        consumer_key,
        client_secret=consumer_secret or "",
        resource_owner_key=token or None,
        resource_owner_secret=token_secret or "",
        callback_uri=callback or None,
        signature_method=method,
        signature_type=signature_type,
        rsa_key=rsa_key,
        verifier=verifier or None,
        realm=realm or None,
        nonce=nonce or None,
        timestamp=timestamp,
    )
    client.include_version = include_version
    client.binary_body = binary_body
    result: CapturingClient = client
    return result


@lru_cache(maxsize=1)
def _client_class() -> Any:
    from oauthlib.oauth1 import Client  # type: ignore[import-untyped]

    def capturing(sign: Any) -> Any:
        def sign_and_capture(base_string: str, client: Any) -> str:
            client.captured_base_string = base_string
            return str(sign(base_string, client))

        return sign_and_capture

    class _CapturingClient(Client):  # type: ignore[misc]
        SIGNATURE_METHODS: ClassVar[dict[str, Any]] = {
            name: capturing(sign) for name, sign in Client.SIGNATURE_METHODS.items()
        }
        binary_body: bytes | None = None
        include_version = True
        captured_base_string: str | None = None
        captured_oauth_params: list[tuple[str, str]]

        def get_oauth_params(self, request: Any) -> list[tuple[str, str]]:
            params: list[tuple[str, str]] = super().get_oauth_params(request)
            if not self.include_version:
                params = [pair for pair in params if pair[0] != "oauth_version"]
            content_type = request.headers.get("Content-Type")
            if (
                self.binary_body is not None
                and content_type
                and not is_form_content_type(content_type)
            ):
                digest = hashlib.sha1(self.binary_body).digest()
                params.append(("oauth_body_hash", base64.b64encode(digest).decode("ascii")))
            self.captured_oauth_params = params
            return params

    return _CapturingClient
