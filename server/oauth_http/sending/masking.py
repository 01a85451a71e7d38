"""Masking the request as sent (and a few response headers) before it enters a record.

Masked: `oauth_signature`, `oauth_token`, `oauth_token_secret` and `oauth_verifier` wherever they
travel (the Authorization header, the query, a form body, the signature base string), the
credentials of any other Authorization scheme (Basic, Bearer, ...), cookie values (`Cookie`,
`Set-Cookie`), a password in the URL, and every header, query or form parameter and JSON member
whose name looks secret (`variables.masking.looks_secret`), each replaced whole by one mask. The
other OAuth parameters stay readable. The same rule (`credential_header`) says which headers a
redirect to another origin drops.

Every function takes an optional `found` list and appends the raw values it hid, so the record
can hide them wherever else they turn up (an echo endpoint repeats them in its body).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from oauth_http.variables.masking import looks_secret, mask

SECRET_OAUTH_PARAMETERS = frozenset(
    {"oauth_signature", "oauth_token", "oauth_token_secret", "oauth_verifier"}
)
_NOT_SECRET_HEADERS = frozenset(
    {"www-authenticate", "proxy-authenticate", "authentication-info", "keep-alive"}
)
_AUTH_PARAMETER = re.compile(r'([A-Za-z0-9_.-]+)(\s*=\s*)("(?:[^"\\]|\\.)*"|[^,\s]*)')
_JSON_MEMBER = re.compile(r'"((?:[^"\\]|\\.)*)"(\s*:\s*)"((?:[^"\\]|\\.)*)"')

Found = list[str] | None


def _hide(value: str, found: Found) -> str:
    if found is not None and value:
        found.append(value)
        decoded = unquote(value.replace("+", " "))
        if decoded != value:
            found.append(decoded)
    return mask(value)


def secret_parameter(name: str) -> bool:
    """A query or form parameter whose value is masked."""
    if name.lower().startswith("oauth_"):
        return name.lower() in SECRET_OAUTH_PARAMETERS
    return looks_secret(name)


def mask_pairs_text(text: str, found: Found = None) -> str:
    """`a=1&token=abc` with the secret values masked; the rest of the text is left as written."""
    if not text:
        return text
    pieces = []
    for piece in text.split("&"):
        name, equals, value = piece.partition("=")
        if equals and value and secret_parameter(unquote(name.replace("+", " ")).strip()):
            pieces.append(f"{name}={_hide(value, found)}")
        else:
            pieces.append(piece)
    return "&".join(pieces)


def mask_url(url: str, found: Found = None) -> str:
    """`url` with secret query values and any password in it masked."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, host = netloc.rpartition("@")
        user, colon, password = userinfo.partition(":")
        netloc = f"{user}:{_hide(password, found)}@{host}" if colon else netloc
    query = mask_pairs_text(parts.query, found)
    if netloc == parts.netloc and query == parts.query:
        return url
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def mask_authorization(value: str, found: Found = None) -> str:
    """The OAuth scheme keeps its readable parameters; any other scheme's credentials go."""
    scheme, _, rest = value.strip().partition(" ")
    if scheme.lower() == "oauth":

        def parameter(match: re.Match[str]) -> str:
            name, equals, written = match.groups()
            if name.lower() not in SECRET_OAUTH_PARAMETERS:
                return match.group(0)
            quoted = written.startswith('"')
            masked = _hide(written[1:-1] if quoted else written, found)
            return f'{name}{equals}"{masked}"' if quoted else f"{name}{equals}{masked}"

        return f"{scheme} {_AUTH_PARAMETER.sub(parameter, rest)}"
    if not rest.strip():
        return _hide(value, found)
    return f"{scheme} {_hide(rest.strip(), found)}"


def mask_cookie_header(value: str, found: Found = None) -> str:
    """`a=1; b=2` with each cookie's value masked."""
    pieces = []
    for piece in value.split(";"):
        name, equals, cookie = piece.partition("=")
        pieces.append(f"{name}={_hide(cookie.strip(), found)}" if equals else piece)
    return ";".join(pieces)


def mask_set_cookie(value: str, found: Found = None) -> str:
    """`sid=abc; Path=/; HttpOnly` with only the cookie's value masked."""
    first, separator, attributes = value.partition(";")
    name, equals, cookie = first.partition("=")
    masked = f"{name}={_hide(cookie.strip(), found)}" if equals else first
    return masked + separator + attributes


def credential_header(name: str) -> bool:
    """A header whose value is a credential: masked in records, and dropped from a redirect to
    another origin (`Authorization`, `Proxy-Authorization`, `Cookie`, and every secret-looking
    name such as `X-Api-Key` or `X-Auth-Token`)."""
    lower = name.lower()
    if lower in ("authorization", "proxy-authorization", "cookie"):
        return True
    if lower in _NOT_SECRET_HEADERS or lower.startswith("access-control-"):
        return False
    return looks_secret(name)


def mask_header(name: str, value: str, found: Found = None) -> str:
    lower = name.lower()
    if lower in ("authorization", "proxy-authorization"):
        return mask_authorization(value, found)
    if lower == "cookie":
        return mask_cookie_header(value, found)
    if lower == "set-cookie":
        return mask_set_cookie(value, found)
    return _hide(value, found) if credential_header(name) else value


def mask_headers(headers: Iterable[tuple[str, str]], found: Found = None) -> list[list[str]]:
    return [[name, mask_header(name, value, found)] for name, value in headers]


def mask_json_text(text: str, found: Found = None) -> str:
    """JSON text with the string values of secret-looking members masked, layout kept."""

    def member(match: re.Match[str]) -> str:
        name, colon, value = match.groups()
        if not looks_secret(name):
            return match.group(0)
        return f'"{name}"{colon}"{_hide(value, found)}"'

    return _JSON_MEMBER.sub(member, text)


def mask_base_string(base_string: str | None) -> str | None:
    """The signature base string with the token and secret-looking parameter values masked."""
    if base_string is None:
        return None
    method, separator, rest = base_string.partition("&")
    url, separator2, parameters = rest.partition("&")
    if not separator or not separator2:
        return base_string
    masked = mask_pairs_text(unquote(parameters))
    return f"{method}&{url}&{quote(masked, safe='')}"


def mask_text_secrets(text: str, secrets: Sequence[str]) -> str:
    """`text` with each of `secrets` (values known to be secret) replaced by its masked form;
    `secrets` must be sorted longest first."""
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, mask(secret))
    return text
