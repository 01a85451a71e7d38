"""What one send does on the wire: sign each hop, open it, follow redirects, read the body.

`exchange` signs the prepared request, opens it through the `Transport`, and follows redirects
itself: re-signed while they stay on the original host, unsigned elsewhere, at most
`max_redirects`. The final response's body streams into a `BodySink` in chunks while `cancel` is
watched. `Attempt` keeps what happened (the last hop, the signature, the redirects, the timing)
for the record.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from oauth_http.oauth.signing import OutgoingRequest, SignedRequest, SigningError
from oauth_http.sending import failures, redirects
from oauth_http.sending.body import ContentType
from oauth_http.sending.body_files import BodyFiles, BodySink
from oauth_http.sending.failures import Failure
from oauth_http.sending.masking import mask_base_string, mask_url
from oauth_http.sending.prepare import Prepared
from oauth_http.sending.record import ReceivedResponse
from oauth_http.sending.record_types import RecordOAuth
from oauth_http.sending.transport import Hop, OpenResponse, Transport

_DRAIN_LIMIT = 64 * 1024


class SendCancelledError(Exception):
    """The send was cancelled (its `cancel` event set) while on the wire."""


@dataclass
class Attempt:
    """What one send has done so far, for its record."""

    prepared: Prepared
    hop: Hop
    oauth: RecordOAuth | None = None
    signed: SignedRequest | None = None
    redirects: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    headers_ms: float | None = None


def exchange(
    attempt: Attempt,
    cancel: threading.Event | None,
    *,
    transport: Transport,
    max_redirects: int,
    body_limit: int,
    body_files: BodyFiles,
) -> tuple[ReceivedResponse | None, Failure | None]:
    """Send `attempt`'s prepared request, following redirects, and read the final response.

    Returns the response or why there is none; raises `SendCancelledError` once `cancel` is set."""
    prepared = attempt.prepared
    origin = redirects.Origin.of(prepared.outgoing.url)
    current = prepared.outgoing
    for followed in range(max_redirects + 1):
        signed_failure = _sign(attempt, current, origin)
        if signed_failure is not None:
            return None, signed_failure
        hop_started = time.perf_counter()
        try:
            opened = transport.open(
                attempt.hop,
                timeout=prepared.timeout,
                cookies=prepared.use_cookies,
                cancel=cancel,
            )
        except Exception as error:
            return None, _failure(error, attempt, cancel)
        location = redirects.location_of(opened.status, opened.headers)
        if location is None or not prepared.follow_redirects:
            attempt.headers_ms = (hop_started - attempt.started) * 1000 + opened.elapsed_ms
            return _read(attempt, opened, cancel, body_limit, body_files)
        _drain(opened)
        if followed == max_redirects:
            break
        try:
            current = redirects.follow(current, opened.status, location, origin)
        except SigningError:
            return None, failures.invalid_url(
                mask_url(location), f"the Location of the HTTP {opened.status} redirect"
            )
        attempt.redirects.append(current.url)
    return None, Failure(
        failures.TOO_MANY_REDIRECTS,
        f"Gave up after {max_redirects} redirects (the last went to "
        f"{mask_url(current.url)}); the server may be redirecting in a loop.",
        "Open the redirect chain in the record, fix the URL, or add '# @no-redirect' to "
        "see the first redirect response itself.",
    )


def _sign(attempt: Attempt, current: OutgoingRequest, origin: redirects.Origin) -> Failure | None:
    signer = attempt.prepared.signer
    if signer is None or not redirects.signs(origin, current.url):
        attempt.hop = Hop(current.method, current.url, current.headers, current.body)
        return None
    try:
        signed = signer.sign(current)
    except SigningError as error:
        attempt.hop = Hop(current.method, current.url, current.headers, current.body)
        return Failure(
            failures.SIGNING,
            str(error),
            "Fix the request's body or Content-Type (see the message), then send again.",
        )
    attempt.signed = signed
    attempt.hop = Hop(signed.method, signed.url, signed.headers, signed.body)
    provider = signer.setup.provider
    attempt.oauth = RecordOAuth(
        provider=provider.id,
        signatureMethod=signer.options.signature_method.value,
        placement=signer.options.placement.value,
        baseString=mask_base_string(signed.base_string),
    )
    return None


def _read(
    attempt: Attempt,
    opened: OpenResponse,
    cancel: threading.Event | None,
    body_limit: int,
    body_files: BodyFiles,
) -> tuple[ReceivedResponse | None, Failure | None]:
    content_type = ContentType.parse(_header(opened.headers, "Content-Type"))
    sink = BodySink(body_limit, body_files, content_type.file_suffix())
    attempt.hop = Hop(attempt.hop.method, attempt.hop.url, opened.sent_headers, attempt.hop.body)
    try:
        for chunk in opened.chunks():
            if cancel is not None and cancel.is_set():
                raise SendCancelledError
            sink.write(chunk)
    except SendCancelledError:
        sink.discard()
        raise
    except Exception as error:
        sink.discard()
        return None, _failure(error, attempt, cancel)
    finally:
        sink.close()
        opened.close()
    received = ReceivedResponse(
        opened.status,
        opened.reason,
        opened.http_version,
        opened.headers,
        sink.head,
        sink.size,
        sink.path,
    )
    return received, None


def _failure(error: Exception, attempt: Attempt, cancel: threading.Event | None) -> Failure:
    if cancel is not None and cancel.is_set():
        raise SendCancelledError from error
    return failures.classify_exception(error, mask_url(attempt.hop.url), attempt.prepared.timeout)


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in headers if key.lower() == wanted), None)


def _drain(opened: OpenResponse) -> None:
    """Read a redirect's small body so its connection can be reused, then release it."""
    try:
        read = 0
        for chunk in opened.chunks():
            read += len(chunk)
            if read > _DRAIN_LIMIT:
                break
    except Exception:
        pass
    finally:
        opened.close()
