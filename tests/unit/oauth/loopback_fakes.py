"""A fake Loopback listener for the flow's unit tests: the test plays the browser by putting
redirects in, and reads the pages the flow answered and whether the listener was closed."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from oauth_http.oauth.loopback import CallbackAddress, CallbackRequest, LoopbackError

CALLBACK_URL = "http://127.0.0.1:50123/oauth-http/callback"


@dataclass
class FakeListener:
    callback_url: str = CALLBACK_URL
    arrivals: asyncio.Queue[CallbackRequest] = field(default_factory=asyncio.Queue)
    pages: list[str] = field(default_factory=list)
    closed: bool = False

    def redirect(self, **query: str) -> None:
        """The browser comes back with this query."""
        self.arrivals.put_nowait(CallbackRequest(query))

    async def next_callback(self) -> CallbackRequest:
        return await self.arrivals.get()

    async def answer(self, page: str) -> None:
        self.pages.append(page)

    async def close(self) -> None:
        self.closed = True


@dataclass
class FakeLoopbackServer:
    listener: FakeListener = field(default_factory=FakeListener)
    refuse: str | None = None
    addresses: list[CallbackAddress] = field(default_factory=list)

    async def listen(self, address: CallbackAddress) -> FakeListener:
        self.addresses.append(address)
        if self.refuse is not None:
            raise LoopbackError(self.refuse)
        return self.listener
