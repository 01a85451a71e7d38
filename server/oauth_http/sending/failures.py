"""Why a send got no (good) response: stable kinds, and exceptions turned into them.

Every `Failure` has a `kind` (a stable code the panel and tests rely on), a `message` naming the
cause and a `hint` naming the next step. Messages name hosts and masked URLs only, never a raw
exception text (which quotes the whole URL, query and all).
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from oauth_http.sending.record_types import RecordError

CANCELLED = "cancelled"
CONNECTION_REFUSED = "connection_refused"
CONNECTION_FAILED = "connection_failed"
DNS = "dns"
CONNECT_TIMEOUT = "connect_timeout"
READ_TIMEOUT = "read_timeout"
BODY_TIMEOUT = "body_timeout"
TOO_LARGE = "too_large"
TLS = "tls"
TOO_MANY_REDIRECTS = "too_many_redirects"
REDIRECT_REFUSED = "redirect_refused"
INVALID_URL = "invalid_url"
INVALID_HEADER = "invalid_header"
UNRESOLVED_VARIABLE = "unresolved_variable"
INCLUDE_MISSING = "include_missing"
INCLUDE_UNREADABLE = "include_unreadable"
INCLUDE_OUTSIDE = "include_outside"
BODY_ENCODING = "body_encoding"
SIGNING = "signing"
NOT_AUTHORIZED = "not_authorized"
PROVIDER = "provider"
KEY_FILE = "key_file"
PROTOCOL = "protocol"
INTERNAL = "internal"
OAUTH_PROBLEM = "oauth_problem"
RATE_LIMITED = "rate_limited"
HTML_INSTEAD_OF_JSON = "html_instead_of_json"
# Where credentials may go (`credential_failures`): a signed request (or a redirect of one) to an
# origin that is not the provider's, PLAINTEXT without TLS, a workspace definition not agreed to.
FOREIGN_ORIGIN = "foreign_origin"
FOREIGN_REDIRECT = "foreign_redirect"
PLAINTEXT_WITHOUT_TLS = "plaintext_without_tls"
DEFINITION_REFUSED = "definition_refused"


@dataclass(frozen=True)
class Failure:
    kind: str
    message: str
    hint: str

    def as_record(self) -> RecordError:
        return RecordError(kind=self.kind, message=self.message, hint=self.hint)


def host_of(url: str) -> str:
    try:
        parts = urlsplit(url)
        host = parts.hostname or url
        return f"{host}:{parts.port}" if parts.port else host
    except ValueError:
        return url


def cancelled() -> Failure:
    return Failure(CANCELLED, "The request was cancelled.", "Send it again when you are ready.")


# The phase of an exchange that ran out of time: connecting, waiting for the headers, the body.
Phase = Literal["connect", "headers", "body"]


def timed_out(phase: Phase, url: str, seconds: float, received: int | None = None) -> Failure:
    """The exchange with `url` took longer than `seconds` in all, and ran out in `phase`."""
    host = host_of(url)
    limit = _seconds(seconds)
    if phase == "connect":
        return Failure(
            CONNECT_TIMEOUT,
            f"Connecting to {host} took longer than {limit} seconds.",
            "Check that the host is reachable (VPN, firewall, proxy). " + timeout_hint(seconds),
        )
    if phase == "headers":
        return Failure(
            READ_TIMEOUT,
            f"{host} accepted the connection but sent no response within {limit} seconds.",
            timeout_hint(seconds),
        )
    arrived = "" if received is None else f" ({_count(received)} had arrived)"
    return Failure(
        BODY_TIMEOUT,
        f"{host} sent the response headers but not the whole body within {limit} seconds"
        f"{arrived}; the timeout bounds the whole exchange.",
        timeout_hint(seconds),
    )


def too_large(limit: int) -> Failure:
    """The body went on past the maximum response size of `limit` bytes."""
    size = _megabytes(limit)
    return Failure(
        TOO_LARGE,
        f"The response body is larger than the {size} maximum, so the download stopped there; "
        f"the first {size} are kept.",
        "To get all of it, raise the setting oauthHttp.maxResponseMB (for `oauth-http send`: "
        "--max-size MB), then send again.",
    )


def _megabytes(count: int) -> str:
    value = count / (1024 * 1024)
    return f"{value:g} MB" if value >= 1 else _count(count)


def _count(count: int) -> str:
    return "1 byte" if count == 1 else f"{count:,} bytes"


def timeout_hint(seconds: float) -> str:
    return (
        f"If the server is just slow, allow more time with '# @timeout {_seconds(seconds * 4)}' "
        "above the request (or raise the default timeout setting)."
    )


def _seconds(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def classify_exception(
    error: BaseException, url: str, timeout: float, *, received: int | None = None
) -> Failure:
    """The failure behind an exception raised while sending to `url` (a masked URL is fine);
    `received` counts the body bytes that had arrived (None: the body had not started)."""
    from oauth_http.sending.malformed import malformed_failure

    host = host_of(url)
    causes = list(causes_of(error))
    names = {type(cause).__name__ for cause in causes}
    if any(isinstance(c, socket.gaierror) for c in causes) or "NameResolutionError" in names:
        return Failure(
            DNS,
            f"The host name {urlsplit(url).hostname or host} could not be resolved (DNS).",
            "Check the spelling of the host in the URL (and the variable that sets it), and "
            "that this machine is online.",
        )
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return Failure(
            CONNECTION_REFUSED,
            f"{host} refused the connection: nothing is listening on that port.",
            "Start the server (for the sandbox: `oauth-http sandbox`), or check the host and "
            "port in the URL.",
        )
    if any(isinstance(c, ssl.SSLCertVerificationError) for c in causes) or (
        "SSLError" in names and _mentions(causes, "certificate")
    ):
        return Failure(
            TLS,
            f"The TLS certificate of {host} is not trusted (it is self-signed, expired, or "
            "issued for another name).",
            "Check that the URL names the right host; for a test server with its own "
            "certificate, add its CA to the system's trusted certificates.",
        )
    if "SSLError" in names or any(isinstance(c, ssl.SSLError) for c in causes):
        return Failure(
            TLS,
            f"The TLS handshake with {host} failed.",
            "Check that the port speaks HTTPS (or use http:// for a plain HTTP server).",
        )
    if "ConnectTimeout" in names or "ConnectTimeoutError" in names:
        return Failure(
            CONNECT_TIMEOUT,
            f"Connecting to {host} took longer than {_seconds(timeout)} seconds.",
            "Check that the host is reachable (VPN, firewall, proxy). " + timeout_hint(timeout),
        )
    if names & {"ReadTimeout", "ReadTimeoutError"} or any(
        isinstance(c, socket.timeout | TimeoutError) for c in causes
    ):
        return timed_out("headers" if received is None else "body", url, timeout, received)
    if names & {"InvalidURL", "MissingSchema", "InvalidSchema", "LocationParseError"}:
        return invalid_url(url, "it cannot be parsed")
    if names & {"InvalidHeader", "InvalidHeaderName", "InvalidHeaderValue"}:
        return Failure(
            INVALID_HEADER,
            "A header has a name or value that cannot be sent (a line break or a leading "
            "space in it).",
            "Check the request's headers and the variables they use.",
        )
    malformed = malformed_failure(causes, host, received)
    if malformed is not None:
        return malformed
    if names & {"ChunkedEncodingError", "ProtocolError", "IncompleteRead", "RemoteDisconnected"}:
        return Failure(
            PROTOCOL,
            f"{host} closed the connection before the response was complete.",
            "Send again; if it keeps happening the server is failing on this request.",
        )
    if names & {"ConnectionError", "NewConnectionError", "ConnectionResetError"}:
        return Failure(
            CONNECTION_FAILED,
            f"The connection to {host} failed.",
            "Check the host and port in the URL, and any proxy settings.",
        )
    return Failure(
        INTERNAL,
        f"Sending to {host} failed unexpectedly ({type(error).__name__}).",
        "Send again; if it persists, report it with the request (secrets removed).",
    )


def invalid_url(url: str, reason: str) -> Failure:
    return Failure(
        INVALID_URL,
        f"The URL {url!r} is not valid after substituting variables: {reason}.",
        "Check the request line and the variables it uses; a URL starts with http:// or "
        "https:// and a host.",
    )


def causes_of(error: BaseException) -> Iterator[BaseException]:
    """`error` and everything it wraps: causes, contexts, `reason` and exception arguments."""
    seen: set[int] = set()
    stack = [error]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        linked = [current.__cause__, current.__context__, getattr(current, "reason", None)]
        linked.extend(arg for arg in current.args if isinstance(arg, BaseException))
        stack.extend(item for item in linked if isinstance(item, BaseException))


def _mentions(causes: list[BaseException], word: str) -> bool:
    return any(word in str(cause).lower() for cause in causes)
