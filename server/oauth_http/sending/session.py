"""The sender of one workspace folder: one HTTP session, one cookie jar, every send through it.

`Sender.send(job, cancel, store)` runs in a worker thread (the language server calls it with
`asyncio.to_thread`) and always returns a `ResponseRecord`, never raises for anything a request
can do: prepare (variables, includes, URL), sign, send, follow redirects itself (re-signing on
the original host, unsigned elsewhere), stream the body in chunks while watching `cancel`, the
deadline and the maximum response size (those steps on the wire are `wire`'s), and explain the
response. A named request's real exchange goes into `store` for chaining.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from oauth_http.oauth.signing import OutgoingRequest
from oauth_http.sending import failures
from oauth_http.sending.body_files import DEFAULT_LIMIT, MEGABYTE, BodyFiles
from oauth_http.sending.chaining import Exchange, ResponseStore, StoredMessage
from oauth_http.sending.failures import Failure
from oauth_http.sending.files import DiskFileReader, FileReader
from oauth_http.sending.masking import mask_url
from oauth_http.sending.prepare import Prepared, SendJob, prepare
from oauth_http.sending.record import ReceivedResponse, RecordHead, build_record
from oauth_http.sending.record_types import ResponseRecord
from oauth_http.sending.response_problems import explain_response
from oauth_http.sending.transport import Hop, RequestsTransport, Transport
from oauth_http.sending.wire import Attempt, SendCancelledError, exchange

__all__ = ["SendJob", "SendOptions", "Sender"]

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30.0
MAX_REDIRECTS = 10
DEFAULT_MAX_SIZE = 200 * MEGABYTE


@dataclass(frozen=True)
class SendOptions:
    """Settings of a sender: the default timeout (seconds, for the whole exchange), the body
    size kept in a record, the most of a body that is downloaded, and how many redirects are
    followed."""

    timeout: float = DEFAULT_TIMEOUT
    body_limit: int = DEFAULT_LIMIT
    max_redirects: int = MAX_REDIRECTS
    max_size: int = DEFAULT_MAX_SIZE


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
            attempt = Attempt(empty, Hop(request.method, mask_url(request.url), [], None))
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
        attempt = Attempt(
            prepared, Hop(outgoing.method, outgoing.url, outgoing.headers, outgoing.body)
        )
        if prepared.failure is not None:
            return self._record(head, attempt, None, prepared.failure, job)
        if cancel is not None and cancel.is_set():
            return self._record(head, attempt, None, failures.cancelled(), job)
        try:
            received, error = exchange(
                attempt,
                cancel,
                transport=self.transport,
                max_redirects=self.options.max_redirects,
                body_limit=self.options.body_limit,
                body_files=self.body_files,
                max_size=self.options.max_size,
            )
        except SendCancelledError:
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
            if error is None and not received.body_complete:
                error = failures.too_large(self.options.max_size)
        if received is not None and store is not None and job.request.name:
            store.remember(job.request.name, _exchange_of(attempt, received))
        return self._record(head, attempt, received, error, job)

    def _record(
        self,
        head: RecordHead,
        attempt: Attempt,
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


def _secrets(attempt: Attempt) -> list[str]:
    signer = attempt.prepared.signer
    if signer is None:
        return []
    credentials = signer.setup.credentials
    values = [credentials.consumer_secret, credentials.token or "", credentials.token_secret or ""]
    if attempt.signed is not None:
        values.append(attempt.signed.signature)
    return values


def _exchange_of(attempt: Attempt, received: ReceivedResponse) -> Exchange:
    hop = attempt.hop
    return Exchange(
        request=StoredMessage(tuple(hop.headers), hop.body or b""),
        response=StoredMessage(
            tuple(received.headers),
            received.body_head,
            received.body_path,
            received.body_complete,
        ),
        status=received.status,
    )
