"""Verify an incoming OAuth 1.0a request the way a real provider does, or name the problem.

OAuth parameters may come from the Authorization header, the query or a form body (one place
only). Checks run in this order: parameters present, consumer known, signature method allowed,
timestamp within the window, token valid, signature (with oauthlib's verification functions),
body hash, and finally the nonce, which is recorded only once the signature is good.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass, field
from enum import Enum
from types import SimpleNamespace
from typing import Literal

from oauthlib.oauth1.rfc5849 import signature, utils  # type: ignore[import-untyped]

from oauth_http.sandbox.accounts import Consumer
from oauth_http.sandbox.messages import IncomingRequest
from oauth_http.sandbox.state import (
    AccessToken,
    RequestToken,
    RequestTokenStatus,
    SandboxState,
)

TIMESTAMP_WINDOW_SECONDS = 300
REQUIRED_PARAMETERS = ("oauth_consumer_key", "oauth_signature_method", "oauth_signature")
REPLAY_PARAMETERS = ("oauth_timestamp", "oauth_nonce")

TokenKind = Literal["none", "request", "access", "optional_access"]


class OAuthProblemError(Exception):
    """A refused request: the `oauth_problem` name, advice and extra problem parameters."""

    def __init__(
        self, problem: str, advice: str = "", extra: list[tuple[str, str]] | None = None
    ) -> None:
        super().__init__(problem)
        self.problem = problem
        self.advice = advice
        self.extra = extra or []

    def as_pairs(self) -> list[tuple[str, str]]:
        pairs = [("oauth_problem", self.problem)]
        if self.advice:
            pairs.append(("oauth_problem_advice", self.advice))
        return pairs + self.extra


class Placement(Enum):
    HEADER = "header"
    QUERY = "query"
    BODY = "body"


@dataclass(frozen=True)
class VerifiedRequest:
    consumer: Consumer
    oauth_params: dict[str, str]
    placement: Placement
    signature_method: str
    request_token: RequestToken | None = None
    access_token: AccessToken | None = None
    base_string: str | None = field(default=None, repr=False)


def verify_request(
    request: IncomingRequest, state: SandboxState, token_kind: TokenKind
) -> VerifiedRequest:
    """Return the verified request, or raise OAuthProblemError saying why it was refused."""
    placement, oauth_params, all_params = _collect(request)
    _require(oauth_params, REQUIRED_PARAMETERS)
    if oauth_params.get("oauth_version", "1.0") != "1.0":
        raise OAuthProblemError("version_rejected", "oauth_version must be 1.0 or left out.")
    consumer = state.consumer(oauth_params["oauth_consumer_key"])
    if consumer is None:
        raise OAuthProblemError(
            "consumer_key_unknown", "No application is registered with this consumer key."
        )
    method = oauth_params["oauth_signature_method"]
    if method not in consumer.signature_methods:
        raise OAuthProblemError(
            "signature_method_rejected",
            f"This consumer may sign with {', '.join(consumer.signature_methods)}.",
        )
    if method != "PLAINTEXT" or any(name in oauth_params for name in REPLAY_PARAMETERS):
        _require(oauth_params, REPLAY_PARAMETERS)
        _check_timestamp(oauth_params["oauth_timestamp"], state.now())
    request_token, access_token = _resolve_token(oauth_params, consumer, state, token_kind)
    token = request_token or access_token
    base_string = _check_signature(
        request, consumer, oauth_params, all_params, token.secret if token else ""
    )
    _check_body_hash(request, oauth_params, method)
    if "oauth_nonce" in oauth_params:
        nonce_key = (
            consumer.key,
            oauth_params.get("oauth_token", ""),
            oauth_params["oauth_nonce"],
            oauth_params["oauth_timestamp"],
        )
        timestamp = float(oauth_params["oauth_timestamp"])
        if not state.remember_nonce(nonce_key, timestamp, TIMESTAMP_WINDOW_SECONDS):
            raise OAuthProblemError(
                "nonce_used", "This nonce was already used with this timestamp; make a new one."
            )
    return VerifiedRequest(
        consumer, oauth_params, placement, method, request_token, access_token, base_string
    )


def _collect(
    request: IncomingRequest,
) -> tuple[Placement, dict[str, str], list[tuple[str, str]]]:
    """Split the request's parameters into the OAuth ones (and their place) and all of them."""
    sources: dict[Placement, list[tuple[str, str]]] = {
        Placement.HEADER: _header_params(request),
        Placement.QUERY: request.query_pairs(),
        Placement.BODY: request.form_pairs(),
    }
    places = [place for place, pairs in sources.items() if _oauth_pairs(pairs)]
    if not places:
        raise OAuthProblemError(
            "parameter_absent",
            "The request carries no OAuth parameters: sign it.",
            [("oauth_parameters_absent", "&".join(REQUIRED_PARAMETERS))],
        )
    if len(places) > 1:
        where = " and ".join(place.value for place in places)
        raise OAuthProblemError(
            "parameter_rejected", f"OAuth parameters must come from one place, not {where}."
        )
    oauth_pairs = _oauth_pairs(sources[places[0]])
    names = [name for name, _ in oauth_pairs]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise OAuthProblemError(
            "parameter_rejected",
            "Each OAuth parameter may appear once.",
            [("oauth_parameters_rejected", "&".join(repeated))],
        )
    all_params = [pair for pairs in sources.values() for pair in pairs]
    return places[0], dict(oauth_pairs), all_params


def _header_params(request: IncomingRequest) -> list[tuple[str, str]]:
    header = request.header("Authorization")
    if header is None or header[:6].lower() != "oauth ":
        return []
    try:
        pairs = utils.parse_authorization_header(header)
    except ValueError as error:
        raise OAuthProblemError(
            "parameter_rejected", "The OAuth Authorization header could not be parsed."
        ) from error
    return [(name, utils.unescape(value)) for name, value in pairs if name != "realm"]


def _oauth_pairs(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(name, value) for name, value in pairs if name.startswith("oauth_")]


def _require(oauth_params: dict[str, str], names: tuple[str, ...]) -> None:
    missing = [name for name in names if not oauth_params.get(name)]
    if missing:
        raise OAuthProblemError(
            "parameter_absent",
            f"Missing {', '.join(missing)}.",
            [("oauth_parameters_absent", "&".join(missing))],
        )


def _check_timestamp(value: str, now: float) -> None:
    earliest = int(now) - TIMESTAMP_WINDOW_SECONDS
    latest = int(now) + TIMESTAMP_WINDOW_SECONDS
    acceptable = [("oauth_acceptable_timestamps", f"{earliest}-{latest}")]
    if not value.isdigit():
        raise OAuthProblemError(
            "timestamp_refused", "oauth_timestamp must be whole seconds.", acceptable
        )
    if not earliest <= int(value) <= latest:
        raise OAuthProblemError(
            "timestamp_refused",
            f"oauth_timestamp is more than {TIMESTAMP_WINDOW_SECONDS} seconds from the "
            "server's clock; check the system clock.",
            acceptable,
        )


def _resolve_token(
    oauth_params: dict[str, str], consumer: Consumer, state: SandboxState, kind: TokenKind
) -> tuple[RequestToken | None, AccessToken | None]:
    token = oauth_params.get("oauth_token", "")
    if kind == "none":
        return None, None
    if not token:
        if kind == "optional_access":
            return None, None
        raise OAuthProblemError(
            "parameter_absent", "Missing oauth_token.", [("oauth_parameters_absent", "oauth_token")]
        )
    if kind == "request":
        record = state.request_token(token)
        if record is None or record.consumer_key != consumer.key:
            raise OAuthProblemError("token_rejected", "This request token is unknown.")
        if record.status is RequestTokenStatus.PENDING:
            raise OAuthProblemError(
                "permission_unknown", "The user has not approved this token yet."
            )
        if record.status is RequestTokenStatus.DENIED:
            raise OAuthProblemError("permission_denied", "The user denied access.")
        if record.status is RequestTokenStatus.USED:
            raise OAuthProblemError("token_used", "This request token was already exchanged.")
        return record, None
    access = state.access_token(token)
    if access is None or access.consumer_key != consumer.key:
        raise OAuthProblemError(
            "token_rejected", "The access token is unknown or was issued to another consumer."
        )
    return None, access


def _check_signature(
    request: IncomingRequest,
    consumer: Consumer,
    oauth_params: dict[str, str],
    all_params: list[tuple[str, str]],
    token_secret: str,
) -> str | None:
    method = oauth_params["oauth_signature_method"]
    signed = SimpleNamespace(
        uri=request.absolute_url,
        http_method=request.method,
        signature=oauth_params["oauth_signature"],
        params=[(name, value) for name, value in all_params if name != "oauth_signature"],
    )
    base_string: str | None = None
    if method != "PLAINTEXT":
        base_string = signature.signature_base_string(
            request.method,
            signature.base_string_uri(request.absolute_url),
            signature.normalize_parameters(signed.params),
        )
    try:
        valid = _verify(signed, consumer, method, token_secret)
    except (ValueError, TypeError):
        valid = False
    if not valid:
        extra = [("debug_signature_base_string", base_string)] if base_string else []
        raise OAuthProblemError(
            "signature_invalid",
            "The signature does not match; compare your signature base string with ours.",
            extra,
        )
    return base_string


def _verify(signed: SimpleNamespace, consumer: Consumer, method: str, token_secret: str) -> bool:
    secret = consumer.secret or ""
    public_key = consumer.rsa_public_key or ""
    verifiers = {
        "HMAC-SHA1": lambda: signature.verify_hmac_sha1(signed, secret, token_secret),
        "HMAC-SHA256": lambda: signature.verify_hmac_sha256(signed, secret, token_secret),
        "HMAC-SHA512": lambda: signature.verify_hmac_sha512(signed, secret, token_secret),
        "PLAINTEXT": lambda: signature.verify_plaintext(signed, secret, token_secret),
        "RSA-SHA1": lambda: signature.verify_rsa_sha1(signed, public_key),
        "RSA-SHA256": lambda: signature.verify_rsa_sha256(signed, public_key),
        "RSA-SHA512": lambda: signature.verify_rsa_sha512(signed, public_key),
    }
    return bool(verifiers[method]())


_BODY_DIGESTS = {"SHA256": hashlib.sha256, "SHA512": hashlib.sha512}


def _check_body_hash(request: IncomingRequest, oauth_params: dict[str, str], method: str) -> None:
    """The body hash, when sent, with the signature method's digest (SHA-1 for the -SHA1
    methods and PLAINTEXT), as the body hash draft and Mastercard's signers have it."""
    claimed = oauth_params.get("oauth_body_hash")
    if claimed is None:
        return
    if request.is_form:
        raise OAuthProblemError(
            "parameter_rejected", "oauth_body_hash must not be sent with a form-encoded body."
        )
    digest = _BODY_DIGESTS.get(method.rsplit("-", 1)[-1], hashlib.sha1)
    actual = base64.b64encode(digest(request.body).digest()).decode("ascii")
    if not hmac.compare_digest(actual, claimed):
        raise OAuthProblemError("signature_invalid", "oauth_body_hash does not match the body.")
