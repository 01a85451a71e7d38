"""Put a request URL into the exact form that will go on the wire before it is signed.

A signature covers the URL as sent, so the URL is normalized first the way requests does it
(`requests.utils.requote_uri`: unreserved escapes decoded, unsafe characters percent-encoded),
and `[` and `]` in the query are encoded too, since oauthlib refuses them unencoded. The result
is a fixed point of requote_uri, so requests sends it unchanged.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

from oauth_http.oauth.signature_methods import SigningError

_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_REQUESTS_SAFE = "!#$%&'()*+,/:;=?@[]~"
_INVALID_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def normalize_url(url: str) -> str:
    """Return `url` as it will be sent, or raise SigningError when it is not an absolute URL."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise SigningError(f"The URL {text!r} is not valid: {error}.") from error
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise SigningError(
            f"The URL {text!r} must be absolute, starting with http:// or https:// and a host."
        )
    netloc = parts.netloc
    if not parts.netloc.isascii():
        host = parts.hostname.encode("idna").decode("ascii")
        netloc = f"{host}:{port}" if port is not None else host
    path = _requote(parts.path) or "/"
    query = _requote(parts.query).replace("[", "%5B").replace("]", "%5D")
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


def _requote(text: str) -> str:
    """What requests.utils.requote_uri does to one URL component."""
    if _INVALID_ESCAPE.search(text):
        return quote(text, safe=_REQUESTS_SAFE.replace("%", ""))
    return quote(_unquote_unreserved(text), safe=_REQUESTS_SAFE)


def _unquote_unreserved(text: str) -> str:
    pieces = text.split("%")
    for index in range(1, len(pieces)):
        code = pieces[index][:2]
        character = chr(int(code, 16))
        if character in _UNRESERVED:
            pieces[index] = character + pieces[index][2:]
        else:
            pieces[index] = "%" + pieces[index]
    return "".join(pieces)
