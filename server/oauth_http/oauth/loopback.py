"""The Loopback flow's seam: a listener on 127.0.0.1 that receives the browser's redirect, and
the pure pieces around it (where to listen, what the redirect says, the page the browser lands on).

`LoopbackServer.listen` opens a `CallbackListener` for one authorization; the real adapter is
`loopback_listener.AsyncioLoopbackServer`, unit tests hand in a fake. The listener passes each
request to its callback path to the flow (`next_callback`), which answers it with a page
(`answer`) once it knows the outcome, so the page says how the authorization ended.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from typing import Protocol
from urllib.parse import urlsplit

DEFAULT_CALLBACK_PATH = "/oauth-http/callback"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class LoopbackError(Exception):
    """The listener could not be opened (the port is in use, say); the message says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CallbackAddress:
    """Where to listen: a loopback host, a port (0: any free one) and the callback's path."""

    host: str
    port: int
    path: str


@dataclass(frozen=True)
class CallbackRequest:
    """One request the browser made to the callback path: its query parameters."""

    query: Mapping[str, str]

    @property
    def token(self) -> str:
        return self.query.get("oauth_token", "")

    @property
    def verifier(self) -> str:
        return self.query.get("oauth_verifier", "")

    @property
    def denied(self) -> bool:
        """The user refused (X's `denied=TOKEN`, or an `oauth_problem` such as user_refused)."""
        return "denied" in self.query or "oauth_problem" in self.query


class CallbackListener(Protocol):
    @property
    def callback_url(self) -> str:
        """The `oauth_callback` to send: `http://127.0.0.1:PORT/PATH`."""
        ...

    async def next_callback(self) -> CallbackRequest:
        """Wait for the browser's next request to the callback path."""
        ...

    async def answer(self, page: str) -> None:
        """Answer the request `next_callback` returned with an HTML page."""
        ...

    async def close(self) -> None:
        """Stop listening; a request still unanswered gets a page saying the wait is over."""
        ...


class LoopbackServer(Protocol):
    async def listen(self, address: CallbackAddress) -> CallbackListener:
        """Listen at `address`; raises LoopbackError when it cannot."""
        ...


def callback_address(callback: str) -> CallbackAddress | str:
    """Where to listen for a provider's "Callback": the default (`oob`, or nothing set) is a free
    port on 127.0.0.1; an `http://127.0.0.1:PORT/PATH` or `http://localhost:PORT/PATH` URL (for
    a provider that wants a registered callback) is that port and path. Anything else is not on
    this machine, and the answer (a str) says so."""
    text = callback.strip()
    if text in ("", "oob"):
        return CallbackAddress("127.0.0.1", 0, DEFAULT_CALLBACK_PATH)
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        port, parts = None, None
    if parts is None or parts.scheme != "http" or parts.hostname not in LOOPBACK_HOSTS:
        return (
            f'With the Loopback flow the browser comes back to this machine, so "Callback" must '
            f"be http://127.0.0.1:PORT/PATH or http://localhost:PORT/PATH (or left out for a "
            f'free port), not "{text}".'
        )
    return CallbackAddress(parts.hostname, port or 80, parts.path or "/")


def landing_page(title: str, message: str, *, succeeded: bool) -> str:
    """The page the browser shows after the redirect: what happened, and that it can be closed."""
    colour = "#1a7f37" if succeeded else "#b3261e"
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>body{{font-family:system-ui,sans-serif;"
        f"max-width:36rem;margin:3rem auto;padding:0 1rem}}h1{{font-size:1.4rem;color:{colour}}}"
        "</style></head>\n<body>\n"
        f'<h1 id="title">{escape(title)}</h1>\n<p id="message">{escape(message)}</p>\n'
        "<p>You can close this page.</p>\n</body></html>\n"
    )
