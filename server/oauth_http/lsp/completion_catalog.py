"""What completion offers that the document does not hold: methods, headers and their values."""

from __future__ import annotations

from oauth_http.syntax.request_line import KNOWN_METHODS

# The parser's known methods, the common ones first, and QUERY (the new HTTP method).
_COMMON_FIRST = ("GET", "POST", "PUT", "PATCH", "DELETE")
METHODS = (
    *_COMMON_FIRST,
    *sorted(KNOWN_METHODS.difference(_COMMON_FIRST)),
    "QUERY",
)

HEADERS: dict[str, str] = {
    "Accept": "Media types the client can handle",
    "Accept-Charset": "Character sets the client can handle",
    "Accept-Encoding": "Content codings the client can handle",
    "Accept-Language": "Natural languages the client prefers",
    "Authorization": "Credentials (OAuth 1.0a requests are signed for you with # @oauth1)",
    "Cache-Control": "Caching directives",
    "Connection": "Connection options",
    "Content-Disposition": "How a part of a multipart body is to be handled",
    "Content-Encoding": "Coding applied to the body",
    "Content-Length": "Body size in bytes (computed for you when left out)",
    "Content-Type": "Media type of the body",
    "Cookie": "Cookies to send",
    "Date": "When the message was sent",
    "Expect": "Expectations the server must meet",
    "Host": "Host and port of the target (required for origin-form URLs)",
    "If-Match": "Only if the entity tag matches",
    "If-Modified-Since": "Only if modified since the date",
    "If-None-Match": "Only if no entity tag matches",
    "Origin": "Where a cross-origin request comes from",
    "Prefer": "Preferred server behaviour",
    "Range": "Only part of the resource",
    "Referer": "The page the request comes from",
    "User-Agent": "Client software (some providers, such as Discogs, require a unique one)",
    "X-Request-Type": "GraphQL marks a GraphQL request",
    "X-Requested-With": "Marks an XMLHttpRequest-style call",
}

HEADER_VALUES: dict[str, tuple[str, ...]] = {
    "accept": (
        "application/json",
        "application/xml",
        "text/html",
        "text/plain",
        "*/*",
    ),
    "accept-encoding": ("gzip", "deflate", "br", "identity"),
    "cache-control": ("no-cache", "no-store", "max-age=0"),
    "connection": ("keep-alive", "close"),
    "content-type": (
        "application/json",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=boundary",
        "application/xml",
        "text/plain",
        "text/xml",
        "application/octet-stream",
    ),
    "authorization": ("Basic ", "Bearer "),
    "x-request-type": ("GraphQL",),
}
