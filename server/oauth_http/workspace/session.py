"""What is kept between sends: one `Sender` (HTTP session, connection pool and cookie jar) per
workspace folder, the responses named requests gave, and the temporary files of cut bodies.

The language server keeps one `SendSession` for its whole life; the CLI one per run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from oauth_http.sending.body_files import DEFAULT_LIMIT, BodyFiles
from oauth_http.sending.chaining import ResponseStore
from oauth_http.sending.session import DEFAULT_TIMEOUT, Sender, SendOptions

logger = logging.getLogger(__name__)

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class SendLimits:
    """The user's limits for sends: the default timeout (seconds) and the body size kept in a
    record (MB)."""

    timeout_seconds: float = DEFAULT_TIMEOUT
    response_size_limit_mb: float = DEFAULT_LIMIT / MEGABYTE

    def options(self) -> SendOptions:
        return SendOptions(
            timeout=self.timeout_seconds,
            body_limit=int(self.response_size_limit_mb * MEGABYTE),
        )


class SendSession:
    def __init__(self, body_files: BodyFiles | None = None) -> None:
        self.store = ResponseStore()
        self.body_files = body_files or BodyFiles()
        self._senders: dict[str, Sender] = {}

    def sender_for(self, folder_uri: str, limits: SendLimits) -> Sender:
        """The folder's sender, with the current limits."""
        options = limits.options()
        sender = self._senders.get(folder_uri)
        if sender is None:
            sender = self._senders[folder_uri] = Sender(options, body_files=self.body_files)
        elif sender.options != options:
            sender.options = options
        return sender

    def close(self) -> None:
        """Close every HTTP session and delete the temporary body files."""
        for sender in self._senders.values():
            sender.close()
        self._senders.clear()
        removed = self.body_files.clean()
        logger.info("Removed %d temporary body files", removed)
