"""Following a redirect: where it goes, with which method and body, and what must not follow.

303 (and 301/302 after a POST) become GET without a body; 307 and 308 keep the method and the
body. `oauth_*` query parameters in a Location are dropped (the next hop is signed afresh, or
not at all). A hop to another origin than the original request's (another scheme, host or port;
http to https on the same host counts as the same) loses every credential header, as curl does:
`Authorization`, `Proxy-Authorization`, `Cookie` and each header the masking rule calls a
credential (`masking.credential_header`), and the sender does not sign it; the cookie jar may
still add that origin's own cookies. A hop on the same origin is signed again for its own URL.
A 307 or 308 that would carry the request's body to another origin is not followed at all
(`body_refusal`): the redirect response is the answer, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from oauth_http.oauth.signing import OutgoingRequest, SigningError
from oauth_http.oauth.signing_url import normalize_url
from oauth_http.sending.failures import REDIRECT_REFUSED, Failure
from oauth_http.sending.masking import credential_header, mask_url

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_BODY_HEADERS = frozenset({"content-type", "content-length", "transfer-encoding"})


@dataclass(frozen=True)
class Origin:
    scheme: str
    host: str
    port: int

    @classmethod
    def of(cls, url: str) -> Origin:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        return cls(
            scheme, (parts.hostname or "").lower(), parts.port or _DEFAULT_PORTS.get(scheme, 0)
        )

    def same_host(self, other: Origin) -> bool:
        """Same host and port, or the same host moving from http:80 up to https:443."""
        if self.host != other.host:
            return False
        if (self.scheme, self.port) == (other.scheme, other.port):
            return True
        return (self.scheme, self.port, other.scheme, other.port) == ("http", 80, "https", 443)

    def __str__(self) -> str:
        default = _DEFAULT_PORTS.get(self.scheme)
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = "" if self.port == default else f":{self.port}"
        return f"{self.scheme}://{host}{port}"


def location_of(status: int, headers: list[tuple[str, str]]) -> str | None:
    if status not in REDIRECT_STATUSES:
        return None
    return next((value for name, value in headers if name.lower() == "location"), None)


def follow(current: OutgoingRequest, status: int, location: str, origin: Origin) -> OutgoingRequest:
    """The request the redirect asks for; raises SigningError when the Location is no URL."""
    url = _without_oauth_query(normalize_url(urljoin(current.url, location.strip())))
    method, body = current.method, current.body
    keep_body = status in (307, 308)
    if (status == 303 and method != "HEAD") or (status in (301, 302) and method == "POST"):
        method, body = "GET", None
        keep_body = False
    headers = [
        (name, value)
        for name, value in current.headers
        if keep_body or name.lower() not in _BODY_HEADERS
    ]
    if Origin.of(url) != Origin.of(current.url):
        headers = [(name, value) for name, value in headers if name.lower() != "host"]
    if not origin.same_host(Origin.of(url)):
        headers = [(n, v) for n, v in headers if not credential_header(n)]
        if body is not None and _is_form(headers):
            body = _without_oauth_form(body)
    return OutgoingRequest(method, url, headers, body if keep_body else None)


def body_refusal(
    current: OutgoingRequest, status: int, location: str | None, origin: Origin
) -> Failure | None:
    """Why the redirect is not followed, when it is a 307 or 308 that would resend `current`'s
    body to another origin than the original request's; None for every other redirect."""
    if location is None or status not in (307, 308) or not current.body:
        return None
    try:
        url = normalize_url(urljoin(current.url, location.strip()))
    except SigningError:
        return None  # `follow` reports a Location that is no URL
    target = Origin.of(url)
    if origin.same_host(target):
        return None
    return Failure(
        REDIRECT_REFUSED,
        f"The server redirected to {target} with {status}, which would resend the request body "
        f"there; not followed. This is the redirect response itself (Location: {mask_url(url)}).",
        f"If {target} is meant to receive this body, send the request to that URL yourself.",
    )


def signs(origin: Origin, url: str) -> bool:
    """Whether a hop to `url` is signed: only on the original request's host."""
    return origin.same_host(Origin.of(url))


def _without_oauth_query(url: str) -> str:
    parts = urlsplit(url)
    if "oauth_" not in parts.query:
        return url
    kept = [
        piece
        for piece in parts.query.split("&")
        if not piece.split("=", 1)[0].lower().startswith("oauth_")
    ]
    return urlunsplit(parts._replace(query="&".join(kept)))


def _is_form(headers: list[tuple[str, str]]) -> bool:
    content_type = next((v for n, v in headers if n.lower() == "content-type"), "")
    return content_type.split(";")[0].strip().lower() == "application/x-www-form-urlencoded"


def _without_oauth_form(body: bytes) -> bytes:
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError:
        return body
    return urlencode([(k, v) for k, v in pairs if not k.lower().startswith("oauth_")]).encode()


__all__ = ["Origin", "SigningError", "body_refusal", "follow", "location_of", "signs"]
