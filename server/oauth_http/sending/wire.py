"""What one send does on the wire: sign each hop, open it, follow redirects, read the body.

`exchange` signs the prepared request, opens it through the `Transport`, and follows redirects
itself: re-signed while they stay on the original host, unsigned elsewhere, at most
`max_redirects`; a redirect of a signed request to an origin that is not its provider's (nor one
the user allowed) is not followed, and the redirect response is the record's. The final
response's body streams into a `BodySink` in chunks while `cancel` is watched, up to `max_size`
decoded bytes: past that the connection is closed and the response
recorded as incomplete. The prepared timeout bounds the whole exchange (every hop's connect,
headers and body) through one deadline; a failure says which phase ran out. `Attempt` keeps
what happened (the last hop, the signature, the redirects, the timing) for the record.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from oauth_http.oauth.origins import origin_of
from oauth_http.oauth.signing import OutgoingRequest, SignedRequest, SigningError
from oauth_http.sending import failures, redirects
from oauth_http.sending.body import ContentType
from oauth_http.sending.body_files import BodyFiles
from oauth_http.sending.body_sink import UNBOUNDED, BodySink
from oauth_http.sending.credential_failures import foreign_redirect
from oauth_http.sending.failures import Failure, Phase
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
    max_size: int | None = None,
) -> tuple[ReceivedResponse | None, Failure | None]:
    """Send `attempt`'s prepared request, following redirects, and read the final response
    (at most `max_size` bytes of its body, unbounded when None).

    Returns the response or why there is none; raises `SendCancelledError` once `cancel` is set."""
    prepared = attempt.prepared
    origin = redirects.Origin.of(prepared.outgoing.url)
    current = prepared.outgoing
    deadline = time.monotonic() + prepared.timeout
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
                deadline=deadline,
            )
        except Exception as error:
            return None, _failure(error, attempt, cancel, deadline, _open_phase(error))
        location = redirects.location_of(opened.status, opened.headers)
        refused = (
            _refused_redirect(attempt, current, opened.status, location, origin)
            or redirects.body_refusal(current, opened.status, location, origin)
            if prepared.follow_redirects
            else None
        )
        if location is None or not prepared.follow_redirects or refused is not None:
            attempt.headers_ms = (hop_started - attempt.started) * 1000 + opened.elapsed_ms
            reader = _Reader(attempt, cancel, deadline)
            sink = BodySink(
                body_limit,
                body_files,
                ContentType.parse(_header(opened.headers, "Content-Type")).file_suffix(),
                max_size=max_size if max_size is not None else UNBOUNDED,
            )
            received, read_failure = reader.read(opened, sink)
            return received, read_failure or refused
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


def _refused_redirect(
    attempt: Attempt,
    current: OutgoingRequest,
    status: int,
    location: str | None,
    origin: redirects.Origin,
) -> Failure | None:
    """Why the redirect to `location` of a signed request is not followed (its target is not
    an origin of the provider's, nor one the user allowed), else None."""
    signer = attempt.prepared.signer
    if signer is None or location is None:
        return None
    try:
        target = redirects.follow(current, status, location, origin).url
    except SigningError:
        return None  # the loop explains a Location that is no URL
    if signer.allows_redirect(target):
        return None
    return foreign_redirect(origin_of(target) or mask_url(target), signer.setup.provider.id)


def _sign(attempt: Attempt, current: OutgoingRequest, origin: redirects.Origin) -> Failure | None:
    signer = attempt.prepared.signer
    if signer is None or not redirects.signs(origin, current.url):
        attempt.hop = Hop(current.method, current.url, current.headers, current.body)
        return None
    refusal = signer.refusal(current.url)
    if refusal is not None:
        attempt.hop = Hop(current.method, current.url, current.headers, current.body)
        return refusal
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


class _Reader:
    """Streams the final response's body into a sink, watching the cancel event, the deadline
    and the sink's cap."""

    def __init__(self, attempt: Attempt, cancel: threading.Event | None, deadline: float) -> None:
        self.attempt = attempt
        self.cancel = cancel
        self.deadline = deadline

    def read(
        self, opened: OpenResponse, sink: BodySink
    ) -> tuple[ReceivedResponse | None, Failure | None]:
        attempt = self.attempt
        attempt.hop = Hop(
            attempt.hop.method, attempt.hop.url, opened.sent_headers, attempt.hop.body
        )
        try:
            for chunk in opened.chunks():
                self._check(sink)
                if not sink.write(chunk):
                    break
            self._check(sink)
        except SendCancelledError:
            sink.discard()
            raise
        except _OutOfTimeError:
            sink.discard()
            return None, self._timed_out(sink.size)
        except Exception as error:
            sink.discard()
            failure = _failure(
                error, attempt, self.cancel, self.deadline, "body", received=sink.size
            )
            return None, failure
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
            sink.complete,
        )
        return received, None

    def _check(self, sink: BodySink) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise SendCancelledError
        if sink.complete and time.monotonic() >= self.deadline:
            raise _OutOfTimeError

    def _timed_out(self, received: int) -> Failure:
        prepared = self.attempt.prepared
        url = mask_url(self.attempt.hop.url)
        return failures.timed_out("body", url, prepared.timeout, received)


def _received(opened: OpenResponse, sink: BodySink) -> int:
    """The body bytes that came over the wire (the sink counts them decoded)."""
    try:
        return max(opened.bytes_received(), 0)
    except Exception:
        return sink.size


class _OutOfTimeError(Exception):
    """The exchange's deadline passed while the body streamed."""


def _open_phase(error: Exception) -> Phase:
    """Where a failed open was: still connecting, or waiting for the response headers."""
    names = {type(cause).__name__ for cause in failures.causes_of(error)}
    connecting = {"ConnectTimeout", "ConnectTimeoutError", "NewConnectionError"}
    return "connect" if names & connecting or "StoppedBeforeWriteError" in names else "headers"


def _failure(
    error: Exception,
    attempt: Attempt,
    cancel: threading.Event | None,
    deadline: float,
    phase: Phase,
    *,
    received: int | None = None,
) -> Failure:
    if cancel is not None and cancel.is_set():
        raise SendCancelledError from error
    url = mask_url(attempt.hop.url)
    timeout = attempt.prepared.timeout
    if time.monotonic() >= deadline:
        return failures.timed_out(phase, url, timeout, received)
    return failures.classify_exception(error, url, timeout, received=received)


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
