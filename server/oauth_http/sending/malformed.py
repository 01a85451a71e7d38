"""Answers that break HTTP, named by their true cause rather than "closed the connection".

`malformed_failure(causes, host, received)` looks through an exception's chain (as
`failures.classify_exception` unpacks it) for what http.client and urllib3 raise: more response
headers than the client reads, a header or status line over its length limit, a status line that
is not HTTP, a body shorter than its Content-Length, and a connection reset or closed while the
body streamed. `received` is how many body bytes had arrived (None while waiting for the headers).
All of them are kind `protocol`: the server, not the request, is at fault.
"""

from __future__ import annotations

from collections.abc import Sequence

from oauth_http.sending.failures import PROTOCOL, Failure

MAX_HEADERS = 100  # http.client's _MAXHEADERS
MAX_LINE = 65536  # http.client's _MAXLINE
_SHOWN_STATUS = 60
_SERVER_AT_FAULT = (
    "The server broke HTTP here, not the request: check that the URL points at an HTTP server "
    "(the right port, http:// or https://); if it does, the server has a bug to report."
)


def malformed_failure(
    causes: Sequence[BaseException], host: str, received: int | None
) -> Failure | None:
    """The failure a malformed or broken-off answer gives, or None when it is none of these."""
    names = {type(cause).__name__ for cause in causes}
    texts = [str(cause) for cause in causes]
    if any("got more than" in text and "headers" in text for text in texts):
        return Failure(
            PROTOCOL,
            f"{host} sent more than {MAX_HEADERS} response headers, more than this client reads.",
            _SERVER_AT_FAULT,
        )
    too_long = next((c for c in causes if type(c).__name__ == "LineTooLong"), None)
    if too_long is not None:
        what = "status line" if "status line" in str(too_long) else "header line"
        return Failure(
            PROTOCOL,
            f"{host} sent a {what} longer than {MAX_LINE:,} bytes, more than this client reads.",
            _SERVER_AT_FAULT,
        )
    bad_status = next((c for c in causes if type(c).__name__ == "BadStatusLine"), None)
    if bad_status is not None:
        return Failure(
            PROTOCOL,
            f"{host} did not answer with an HTTP status line (it sent "
            f"{_shown(bad_status.args[0] if bad_status.args else '')}).",
            _SERVER_AT_FAULT,
        )
    short = next((c for c in causes if type(c).__name__ == "IncompleteRead"), None)
    if short is not None:
        return _short_body(short, host, received)
    if received is not None and (
        any(isinstance(c, ConnectionResetError) for c in causes) or "ConnectionResetError" in names
    ):
        return Failure(
            PROTOCOL,
            f"{host} reset the connection while sending the body ({_bytes(received)} had arrived).",
            "Send again; if it keeps happening the server (or a proxy in between) is failing "
            "on this response.",
        )
    if "RemoteDisconnected" in names:
        return Failure(
            PROTOCOL,
            f"{host} closed the connection without answering.",
            "Send again; if it keeps happening the server is failing on this request.",
        )
    if received is not None and names & {"ChunkedEncodingError", "InvalidChunkLength"}:
        return Failure(
            PROTOCOL,
            f"{host} broke off the chunked body ({_bytes(received)} had arrived).",
            "Send again; if it keeps happening the server is failing on this response.",
        )
    return None


def _short_body(short: BaseException, host: str, received: int | None) -> Failure:
    partial = getattr(short, "partial", None)
    expected = getattr(short, "expected", None)
    got = partial if isinstance(partial, int) else received
    if isinstance(got, int) and isinstance(expected, int):
        detail = f"after {_bytes(got)} of the {_bytes(got + expected)} its Content-Length announced"
    else:
        detail = "before the body its Content-Length announced was complete"
    return Failure(
        PROTOCOL,
        f"{host} closed the connection {detail}.",
        "Send again; if it keeps happening the server is failing on this response (or a proxy "
        "cuts it off).",
    )


def _shown(line: object) -> str:
    text = line.decode("latin-1") if isinstance(line, bytes) else str(line)
    text = text.strip()
    if not text:
        return "nothing"
    cut = text[:_SHOWN_STATUS]
    shown = "".join(ch if ch.isprintable() else "?" for ch in cut)
    return repr(shown + ("…" if len(text) > _SHOWN_STATUS else ""))


def _bytes(count: int) -> str:
    return "1 byte" if count == 1 else f"{count:,} bytes"
