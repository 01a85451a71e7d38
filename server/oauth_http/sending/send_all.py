"""Sending every request of a file in order, stopping at the first failure.

The language server and the CLI share `send_all` and `is_failure`. `make_job` is called just
before each send, so each request's scope sees the responses of the ones sent before it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from oauth_http.lsp.methods import ResponseRecord
from oauth_http.sending.chaining import ResponseStore
from oauth_http.sending.prepare import SendJob
from oauth_http.sending.session import Sender
from oauth_http.syntax.model import Request


def is_failure(record: ResponseRecord) -> bool:
    """No response, an explained problem (OAuth, rate limit, HTML for JSON), or HTTP 4xx/5xx."""
    status = record["status"]
    return record["error"] is not None or status is None or status >= 400


def send_all(
    sender: Sender,
    requests: Sequence[Request],
    make_job: Callable[[Request], SendJob],
    *,
    store: ResponseStore | None = None,
    cancel: threading.Event | None = None,
    on_record: Callable[[ResponseRecord], None] | None = None,
) -> list[ResponseRecord]:
    """Send `requests` in order; the records so far, the failing one last if one failed."""
    records: list[ResponseRecord] = []
    for request in requests:
        if cancel is not None and cancel.is_set():
            break
        record = sender.send(make_job(request), cancel, store)
        records.append(record)
        if on_record is not None:
            on_record(record)
        if is_failure(record):
            break
    return records
