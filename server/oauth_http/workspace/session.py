"""What is kept between sends: one `Sender` (HTTP session, connection pool and cookie jar) per
workspace folder, the responses named requests gave, and the temporary files of big bodies.

The language server keeps one `SendSession` for its whole life; the CLI one per run. Body files
live in this process's own folder (`sending.body_files`) and go with it at `close()`. Before
that, a body file goes when its record leaves the history: the session keeps the ids of the
last `HISTORY_ENTRIES` records delivered, as many as the response panel's history keeps
(`extension/src/panel/history.ts`), and removes the file of each record that falls off, unless
a named request's latest response still needs it for chaining. Records that are never
delivered (the send was cancelled) lose their file at once (`discard`).
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from dataclasses import dataclass

from oauth_http.sending.body_files import DEFAULT_LIMIT, MEGABYTE, BodyFiles
from oauth_http.sending.chaining import ResponseStore
from oauth_http.sending.record_types import ResponseRecord
from oauth_http.sending.session import DEFAULT_MAX_SIZE, DEFAULT_TIMEOUT, Sender, SendOptions

logger = logging.getLogger(__name__)

HISTORY_ENTRIES = 50


@dataclass(frozen=True)
class SendLimits:
    """The user's limits for sends: the default timeout (seconds, for the whole exchange), the
    body size kept in a record (MB), and the most of a body that is downloaded (MB)."""

    timeout_seconds: float = DEFAULT_TIMEOUT
    response_size_limit_mb: float = DEFAULT_LIMIT / MEGABYTE
    max_response_mb: float = DEFAULT_MAX_SIZE / MEGABYTE

    def options(self) -> SendOptions:
        return SendOptions(
            timeout=self.timeout_seconds,
            body_limit=int(self.response_size_limit_mb * MEGABYTE),
            max_size=max(int(self.max_response_mb * MEGABYTE), 1),
        )


class SendSession:
    def __init__(self, body_files: BodyFiles | None = None) -> None:
        self.store = ResponseStore()
        self.body_files = body_files or BodyFiles()
        self.body_files.protected = self.store.body_paths
        self._senders: dict[str, Sender] = {}
        self._history: deque[str | None] = deque()
        self._waiting_on_store: set[str] = set()
        self._lock = threading.Lock()

    def sender_for(self, folder_uri: str, limits: SendLimits) -> Sender:
        """The folder's sender, with the current limits."""
        options = limits.options()
        # The budget always holds one body of the maximum size.
        self.body_files.budget = max(self.body_files.budget, options.max_size)
        sender = self._senders.get(folder_uri)
        if sender is None:
            sender = self._senders[folder_uri] = Sender(options, body_files=self.body_files)
        elif sender.options != options:
            sender.options = options
        return sender

    def delivered(self, record: ResponseRecord) -> None:
        """`record` went to the user (the panel's history, the terminal); the oldest record past
        `HISTORY_ENTRIES` takes its body file along."""
        with self._lock:
            self._history.append(_body_path(record))
            gone = [self._history.popleft() for _ in range(len(self._history) - HISTORY_ENTRIES)]
            candidates = {path for path in gone if path} | self._waiting_on_store
            in_history = set(self._history)
            needed = set(self.store.body_paths())
            for path in candidates - in_history:
                if path in needed:
                    self._waiting_on_store.add(path)
                else:
                    self._waiting_on_store.discard(path)
                    self.body_files.forget(path)

    def discard(self, record: ResponseRecord) -> None:
        """`record` will never be shown (its send was cancelled): remove its body file."""
        path = _body_path(record)
        if path is not None and path not in self.store.body_paths():
            self.body_files.forget(path)

    def close(self) -> None:
        """Close every HTTP session and delete the temporary body files."""
        for sender in self._senders.values():
            sender.close()
        self._senders.clear()
        removed = len(self.body_files.paths())
        self.body_files.close()
        logger.info("Removed %d temporary body files", removed)


def _body_path(record: ResponseRecord) -> str | None:
    body = record["body"]
    return body["fullPath"] if body is not None else None
