"""The sender of one workspace folder: one HTTP session, one cookie jar, every send through it.

`Sender.send(job, cancel, store)` runs in a worker thread (the language server calls it with
`asyncio.to_thread`) and always returns a `ResponseRecord`, never raises for anything a request
can do: prepare (variables, includes, URL), sign, send, follow redirects itself (re-signing on
the original host, unsigned elsewhere), stream the body in chunks while watching `cancel`, and
explain the response. A named request's real exchange goes into `store` for chaining.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

from oauth_http.oauth.signing import OutgoingRequest, SignedRequest, SigningError
from oauth_http.sending import failures, redirects
from oauth_http.sending.body import ContentType
from oauth_http.sending.body_files import DEFAULT_LIMIT, BodyFiles, BodySink
from oauth_http.sending.chaining import Exchange, ResponseStore, StoredMessage
from oauth_http.sending.failures import Failure
from oauth_http.sending.files import DiskFileReader, FileReader
from oauth_http.sending.masking import mask_base_string, mask_url
from oauth_http.sending.prepare import Prepared, SendJob, prepare
from oauth_http.sending.record import ReceivedResponse, RecordHead, build_record
from oauth_http.sending.record_types import RecordOAuth, ResponseRecord
from oauth_http.sending.response_problems import explain_response
from oauth_http.sending.transport import Hop, OpenResponse, RequestsTransport, Transport

__all__ = ["SendJob", "SendOptions", "Sender"]

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30.0
MAX_REDIRECTS = 10
_DRAIN_LIMIT = 64 * 1024


@dataclass(frozen=True)
class SendOptions:
    """Settings of a sender: the default timeout (seconds, connect and read), the body size
    kept in a record, and how many redirects are followed."""

    timeout: float = DEFAULT_TIMEOUT
    body_limit: int = DEFAULT_LIMIT
    max_redirects: int = MAX_REDIRECTS


class _CancelledError(Exception):
    pass


@dataclass
class _Attempt:
    """What one send has done so far, for its record."""

    prepared: Prepared
    hop: Hop
    oauth: RecordOAuth | None = None
    signed: SignedRequest | None = None
    redirects: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    headers_ms: float | None = None


class Sender:
    """Sends requests for one workspace folder; thread-safe, reuse it for every send."""

    def __init__(
        self,
        options: SendOptions | None = None,
        *,
        files: FileReader | None = None,
        transport: Transport | None = None,
        body_files: BodyFiles | None = None,
    ) -> None:
        self.options = options or SendOptions()
        self.files = files or DiskFileReader()
        self.transport = transport or RequestsTransport()
        self.body_files = body_files or BodyFiles()

    def clear_cookies(self) -> None:
        self.transport.clear_cookies()

    def close(self) -> None:
        self.transport.close()

    def send(
        self,
        job: SendJob,
        cancel: threading.Event | None = None,
        store: ResponseStore | None = None,
    ) -> ResponseRecord:
        """Send `job` and return its record; never raises.

        `cancel` stops the send promptly once set (the record's error is then `cancelled`);
        `store` receives the exchange of a named request, for chaining.
        """
        request = job.request
        label = request.name or request.title or f"{request.method} {mask_url(request.url)}"
        head = RecordHead(job.uri, request.request_line, label)
        try:
            return self._send(head, job, cancel, store)
        except Exception as error:  # a bug must still give the editor a record, not a crash
            logger.exception("Sending %s failed unexpectedly", label)
            empty = Prepared(
                OutgoingRequest(request.method, mask_url(request.url)), 0, False, False, None, None
            )
            failure = Failure(
                failures.INTERNAL,
                f"Sending failed unexpectedly ({type(error).__name__}).",
                "Send again; if it persists, report it with the request (secrets removed).",
            )
            attempt = _Attempt(empty, Hop(request.method, mask_url(request.url), [], None))
            return self._record(head, attempt, None, failure, job)

    def _send(
        self,
        head: RecordHead,
        job: SendJob,
        cancel: threading.Event | None,
        store: ResponseStore | None,
    ) -> ResponseRecord:
        prepared = prepare(job, self.files, self.options.timeout)
        outgoing = prepared.outgoing
        attempt = _Attempt(
            prepared, Hop(outgoing.method, outgoing.url, outgoing.headers, outgoing.body)
        )
        if prepared.failure is not None:
            return self._record(head, attempt, None, prepared.failure, job)
        if cancel is not None and cancel.is_set():
            return self._record(head, attempt, None, failures.cancelled(), job)
        try:
            received, error = self._exchange(attempt, cancel)
        except _CancelledError:
            return self._record(head, attempt, None, failures.cancelled(), job)
        if received is not None and error is None:
            signed = attempt.signed
            error = explain_response(
                received.status,
                received.headers,
                received.body_head,
                request_url=attempt.hop.url,
                request_headers=attempt.hop.headers,
                provider=prepared.provider_id,
                oauth_timestamp=dict(signed.oauth_params).get("oauth_timestamp")
                if signed
                else None,
            )
        if received is not None and store is not None and job.request.name:
            store.remember(job.request.name, _exchange_of(attempt, received))
        return self._record(head, attempt, received, error, job)

    def _exchange(
        self, attempt: _Attempt, cancel: threading.Event | None
    ) -> tuple[ReceivedResponse | None, Failure | None]:
        prepared = attempt.prepared
        origin = redirects.Origin.of(prepared.outgoing.url)
        current = prepared.outgoing
        for followed in range(self.options.max_redirects + 1):
            signed_failure = self._sign(attempt, current, origin)
            if signed_failure is not None:
                return None, signed_failure
            hop_started = time.perf_counter()
            try:
                opened = self.transport.open(
                    attempt.hop,
                    timeout=prepared.timeout,
                    cookies=prepared.use_cookies,
                    cancel=cancel,
                )
            except Exception as error:
                return None, self._failure(error, attempt, cancel)
            location = redirects.location_of(opened.status, opened.headers)
            if location is None or not prepared.follow_redirects:
                attempt.headers_ms = (hop_started - attempt.started) * 1000 + opened.elapsed_ms
                return self._read(attempt, opened, cancel)
            _drain(opened)
            if followed == self.options.max_redirects:
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
            f"Gave up after {self.options.max_redirects} redirects (the last went to "
            f"{mask_url(current.url)}); the server may be redirecting in a loop.",
            "Open the redirect chain in the record, fix the URL, or add '# @no-redirect' to "
            "see the first redirect response itself.",
        )

    def _sign(
        self, attempt: _Attempt, current: OutgoingRequest, origin: redirects.Origin
    ) -> Failure | None:
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
        self, attempt: _Attempt, opened: OpenResponse, cancel: threading.Event | None
    ) -> tuple[ReceivedResponse | None, Failure | None]:
        content_type = ContentType.parse(_header(opened.headers, "Content-Type"))
        sink = BodySink(self.options.body_limit, self.body_files, content_type.file_suffix())
        attempt.hop = Hop(
            attempt.hop.method, attempt.hop.url, opened.sent_headers, attempt.hop.body
        )
        try:
            for chunk in opened.chunks():
                if cancel is not None and cancel.is_set():
                    raise _CancelledError
                sink.write(chunk)
        except _CancelledError:
            sink.discard()
            raise
        except Exception as error:
            sink.discard()
            return None, self._failure(error, attempt, cancel)
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

    def _failure(
        self, error: Exception, attempt: _Attempt, cancel: threading.Event | None
    ) -> Failure:
        if cancel is not None and cancel.is_set():
            raise _CancelledError from error
        return failures.classify_exception(
            error, mask_url(attempt.hop.url), attempt.prepared.timeout
        )

    def _record(
        self,
        head: RecordHead,
        attempt: _Attempt,
        received: ReceivedResponse | None,
        error: Failure | None,
        job: SendJob,
    ) -> ResponseRecord:
        hop = attempt.hop
        return build_record(
            head,
            method=hop.method,
            url=hop.url,
            headers=hop.headers,
            body=hop.body,
            response=received,
            total_ms=(time.perf_counter() - attempt.started) * 1000,
            headers_ms=attempt.headers_ms,
            oauth=attempt.oauth,
            redirects=[*attempt.redirects],
            error=error,
            secrets=_secrets(attempt),
            body_limit=self.options.body_limit,
        )


def _secrets(attempt: _Attempt) -> list[str]:
    signer = attempt.prepared.signer
    if signer is None:
        return []
    credentials = signer.setup.credentials
    values = [credentials.consumer_secret, credentials.token or "", credentials.token_secret or ""]
    if attempt.signed is not None:
        values.append(attempt.signed.signature)
    return values


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


def _exchange_of(attempt: _Attempt, received: ReceivedResponse) -> Exchange:
    hop = attempt.hop
    return Exchange(
        request=StoredMessage(tuple(hop.headers), hop.body or b""),
        response=StoredMessage(tuple(received.headers), received.body_head, received.body_path),
        status=received.status,
    )
