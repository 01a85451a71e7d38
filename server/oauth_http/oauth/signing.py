"""Sign one HTTP request with OAuth 1.0a: the single signing path everything that sends uses.

`sign_request` drives oauthlib's `Client` (what requests-oauthlib uses) and reports the exact
signature base string oauthlib signed, captured from inside its signing call (see
`signing_client`). oauthlib is imported lazily: the language server imports this module at
start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from oauth_http.oauth.signature_methods import BodyHash, Placement, SignatureMethod, SigningError
from oauth_http.oauth.signing_client import is_form_content_type, make_client
from oauth_http.oauth.signing_problems import explain_oauthlib_error, parse_rsa_private_key
from oauth_http.oauth.signing_url import normalize_url

__all__ = [
    "BodyHash",
    "Credentials",
    "OutgoingRequest",
    "Placement",
    "SignatureMethod",
    "SignedRequest",
    "SigningError",
    "SigningOptions",
    "sign_request",
]

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
_SIGNATURE_TYPES = {
    Placement.HEADER: "AUTH_HEADER",
    Placement.QUERY: "QUERY",
    Placement.BODY: "BODY",
}
_TOKEN_CHARACTERS = frozenset("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@dataclass(frozen=True)
class Credentials:
    """Client credentials and, once authorized, the token; `rsa_key` is private-key PEM text."""

    consumer_key: str
    consumer_secret: str = field(default="", repr=False)
    token: str | None = None
    token_secret: str | None = field(default=None, repr=False)
    rsa_key: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class SigningOptions:
    """How to sign: besides method, placement and realm, the switches real providers need:
    `body_hash` (see `BodyHash`), `include_version` (False leaves `oauth_version` out) and
    `send_empty_token` (an empty `oauth_token` when there is no token, as Schoology wants).
    `callback`, `verifier`, `nonce` and `timestamp` are for token requests and fixed examples."""

    signature_method: SignatureMethod = SignatureMethod.HMAC_SHA1
    placement: Placement = Placement.HEADER
    realm: str | None = None
    callback: str | None = None
    verifier: str | None = None
    nonce: str | None = None
    timestamp: str | int | None = None
    include_version: bool = True
    body_hash: BodyHash = BodyHash.AUTO
    send_empty_token: bool = False


@dataclass(frozen=True)
class OutgoingRequest:
    method: str
    url: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | None = None


@dataclass(frozen=True)
class SignedRequest:
    """The request to send. `base_string` is None for PLAINTEXT, which signs no base string."""

    method: str
    url: str
    headers: list[tuple[str, str]]
    body: bytes | None
    base_string: str | None
    signature: str
    oauth_params: list[tuple[str, str]]

    def __repr__(self) -> str:
        # The header, URL or body may hold a PLAINTEXT signature, which is the secrets.
        address = self.url.split("?", 1)[0]
        return f"SignedRequest(method={self.method!r}, url={address!r}, ...)"


def sign_request(
    request: OutgoingRequest, credentials: Credentials, options: SigningOptions
) -> SignedRequest:
    """Sign `request`; raises SigningError (with a message for the user) when it cannot."""
    method = _parse_method(options.signature_method)
    placement = _parse_placement(options.placement)
    http_method = _http_method(request.method)
    url = normalize_url(request.url)
    if not credentials.consumer_key.strip():
        raise SigningError("The consumer key is empty: set the consumer key of the application.")
    timestamp = None if options.timestamp is None else str(options.timestamp).strip()
    if timestamp is not None and not timestamp.isdigit():
        raise SigningError(f"The timestamp {timestamp!r} must be whole seconds since 1970.")
    rsa_key = _rsa_key(method, credentials.rsa_key)

    content_type = _header(request.headers, "Content-Type")
    is_form = is_form_content_type(content_type)
    body_text = _body_for_oauthlib(request.body, is_form, placement)
    if placement is Placement.BODY and content_type is None and not body_text:
        content_type, is_form, body_text = FORM_CONTENT_TYPE, True, ""
    # oauthlib compares the Content-Type exactly, so a form type keeps no charset parameter
    # (requests-oauthlib does the same); a Host header changes the base string URI.
    oauthlib_headers: dict[str, str] = {}
    if content_type is not None:
        oauthlib_headers["Content-Type"] = FORM_CONTENT_TYPE if is_form else content_type
    host = _header(request.headers, "Host")
    if host:
        oauthlib_headers["Host"] = host
    body_hash = _body_hash(BodyHash(options.body_hash), method, request.body, is_form, content_type)

    client = make_client(
        credentials.consumer_key,
        credentials.consumer_secret,
        credentials.token,
        credentials.token_secret,
        method=method.value,
        signature_type=_SIGNATURE_TYPES[placement],
        rsa_key=rsa_key,
        callback=options.callback,
        verifier=options.verifier,
        realm=options.realm,
        nonce=options.nonce,
        timestamp=timestamp,
        include_version=options.include_version,
        send_empty_token=options.send_empty_token,
        body_hash=body_hash,
    )
    try:
        signed_url, signed_headers, signed_body = client.sign(
            url, http_method, body_text, oauthlib_headers, realm=options.realm
        )
    except ValueError as error:
        raise SigningError(
            explain_oauthlib_error(str(error), http_method, content_type, placement)
        ) from error
    oauth_params = list(client.captured_oauth_params)
    signature = dict(oauth_params).get("oauth_signature", "")

    headers = list(request.headers)
    body = request.body
    if placement is Placement.HEADER:
        headers = [(k, v) for k, v in headers if k.lower() != "authorization"]
        headers.append(("Authorization", signed_headers["Authorization"]))
    elif placement is Placement.BODY:
        body = signed_body.encode("utf-8") if signed_body is not None else b""
        if _header(request.headers, "Content-Type") is None:
            headers.append(("Content-Type", FORM_CONTENT_TYPE))
    return SignedRequest(
        method=http_method,
        url=signed_url,
        headers=headers,
        body=body,
        base_string=client.captured_base_string,
        signature=signature,
        oauth_params=oauth_params,
    )


def _parse_method(value: SignatureMethod | str) -> SignatureMethod:
    return value if isinstance(value, SignatureMethod) else SignatureMethod.parse(value)


def _parse_placement(value: Placement | str) -> Placement:
    return value if isinstance(value, Placement) else Placement.parse(value)


def _http_method(text: str) -> str:
    method = text.strip().upper()
    if not method or not set(method) <= _TOKEN_CHARACTERS:
        raise SigningError(f"{text!r} is not an HTTP method: use GET, POST, PUT, DELETE, ...")
    return method


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in headers if key.lower() == wanted), None)


def _body_for_oauthlib(body: bytes | None, is_form: bool, placement: Placement) -> str | None:
    """The body as oauthlib takes it (text), or None when there is none or it is not UTF-8 text
    (oauthlib reads a body only for its form parameters; the body hash is computed here).

    An empty body counts as no body unless it is a form (or must become one): oauthlib
    would otherwise read it as an empty parameter list and refuse it on GET.
    """
    if body is None or (not body and not is_form and placement is not Placement.BODY):
        return None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        if is_form:
            raise SigningError(
                "Content-Type is application/x-www-form-urlencoded but the body is not UTF-8 "
                "text: percent-encode the values, or set the Content-Type the body really has."
            ) from None
        return None


def _body_hash(
    mode: BodyHash,
    method: SignatureMethod,
    body: bytes | None,
    is_form: bool,
    content_type: str | None,
) -> str | None:
    """The `oauth_body_hash` to send, or None. A form body is never hashed: its parameters are
    signed one by one (draft-eaton-oauth-bodyhash, 4.1.1)."""
    if is_form or mode is BodyHash.NEVER:
        return None
    if mode is BodyHash.AUTO and (content_type is None or not body):
        return None
    return method.body_hash(body or b"")


def _rsa_key(method: SignatureMethod, pem: str | None) -> object | None:
    if not method.is_rsa:
        return None
    if not pem or not pem.strip():
        raise SigningError(
            f"{method.value} signs with the consumer's RSA private key, and none was given: "
            "set the RSA private key (PEM) for this consumer, or pick an HMAC method."
        )
    return _cached_rsa_key(pem.strip())


@lru_cache(maxsize=16)
def _cached_rsa_key(pem: str) -> object:
    return parse_rsa_private_key(pem)
