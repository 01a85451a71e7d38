"""What the language server keeps between sends: one `Sender` (HTTP session, connection pool and
cookie jar) per workspace folder, the responses named requests gave, and the temporary files of
cut bodies."""

from __future__ import annotations

import logging

from oauth_http.lsp.settings import Settings
from oauth_http.sending.body import BodyFiles
from oauth_http.sending.chaining import ResponseStore
from oauth_http.sending.session import Sender, SendOptions

logger = logging.getLogger(__name__)

MEGABYTE = 1024 * 1024


class SendSession:
    def __init__(self) -> None:
        self.store = ResponseStore()
        self.body_files = BodyFiles()
        self._senders: dict[str, Sender] = {}

    def sender_for(self, folder_uri: str, settings: Settings) -> Sender:
        """The folder's sender, with the current timeout and size limit."""
        options = SendOptions(
            timeout=settings.timeout_seconds,
            body_limit=int(settings.response_size_limit_mb * MEGABYTE),
        )
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
