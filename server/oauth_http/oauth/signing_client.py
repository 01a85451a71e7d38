"""oauthlib's Client, extended to report the exact base string and parameters it signed.

The signing callbacks receive the base string oauthlib built; the list `get_oauth_params`
returns is the one oauthlib then appends the signature to. Three changes to oauthlib's parameters:
`oauth_version` can be left out (as in RFC 5849's examples and WooCommerce's client), an empty
`oauth_token` can be sent when there is no token (Schoology's two-legged requests), and the
`oauth_body_hash` is the one the caller computed (its rules are in `signing`), replacing oauthlib's
SHA-1 one.
"""

from __future__ import annotations

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
    send_empty_token: bool,
    body_hash: str | None,
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
    client.send_empty_token = send_empty_token and not token
    client.body_hash = body_hash
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
        body_hash: str | None = None
        include_version = True
        send_empty_token = False
        captured_base_string: str | None = None
        captured_oauth_params: list[tuple[str, str]]

        def get_oauth_params(self, request: Any) -> list[tuple[str, str]]:
            dropped = {"oauth_body_hash", *(() if self.include_version else ("oauth_version",))}
            params: list[tuple[str, str]] = [
                pair for pair in super().get_oauth_params(request) if pair[0] not in dropped
            ]
            if self.send_empty_token:
                params.append(("oauth_token", ""))
            if self.body_hash is not None:
                params.append(("oauth_body_hash", self.body_hash))
            self.captured_oauth_params = params
            return params

    return _CapturingClient
