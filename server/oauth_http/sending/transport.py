"""The requests adapter: one `requests.Session` (connection pool and cookie jar) per sender.

Requests go straight to the session's HTTPAdapter with `stream=True` and redirects off: the
sender follows redirects itself (signing each hop), so the session's redirect, auth and hook
machinery is skipped. The environment's proxy settings are read once per host. Cookies are taken
from and stored into the session's jar only for sends that keep cookies. Connections tell the
cancel watch which socket they write to and wait on, so a cancelled send stops at once, and
refuse to write a request once the send is cancelled or out of time (`cancel_watch`). The
connect and read timeouts are the time left before the exchange's deadline.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from oauth_http.sending.cancel_watch import WATCH

if TYPE_CHECKING:
    import requests

CHUNK_SIZE = 64 * 1024
_HTTP_VERSIONS = {9: "HTTP/0.9", 10: "HTTP/1.0", 11: "HTTP/1.1", 20: "HTTP/2", 30: "HTTP/3"}


@dataclass(frozen=True)
class Hop:
    """One request on the wire (one step of a redirect chain), exactly as it is sent."""

    method: str
    url: str
    headers: list[tuple[str, str]]
    body: bytes | None


class OpenResponse(Protocol):
    status: int
    reason: str
    http_version: str
    headers: list[tuple[str, str]]
    elapsed_ms: float
    sent_headers: list[tuple[str, str]]

    def chunks(self) -> Iterator[bytes]: ...

    def bytes_received(self) -> int: ...

    def close(self) -> None: ...


class Transport(Protocol):
    def open(
        self,
        hop: Hop,
        *,
        timeout: float,
        cookies: bool,
        cancel: threading.Event | None,
        deadline: float | None = None,
    ) -> OpenResponse: ...

    def clear_cookies(self) -> None: ...

    def close(self) -> None: ...


class RequestsTransport:
    def __init__(self, *, pool_size: int = 10) -> None:
        import requests

        self.session = requests.Session()
        adapter_class = _cancellable_adapter()
        for prefix in ("http://", "https://"):
            self.session.mount(prefix, adapter_class(pool_connections=pool_size))
        self._proxies: dict[tuple[str, str], dict[str, str]] = {}

    def open(
        self,
        hop: Hop,
        *,
        timeout: float,
        cookies: bool,
        cancel: threading.Event | None,
        deadline: float | None = None,
    ) -> _RequestsResponse:
        from requests import PreparedRequest
        from requests.cookies import extract_cookies_to_jar, get_cookie_header

        prepared = PreparedRequest()
        prepared.prepare(
            method=hop.method, url=hop.url, headers=_joined(hop.headers), data=hop.body or None
        )
        if cookies and "Cookie" not in prepared.headers:
            cookie = get_cookie_header(self.session.cookies, prepared)  # type: ignore[no-untyped-call]
            if cookie:
                prepared.headers["Cookie"] = cookie
        url = prepared.url or hop.url
        adapter = self.session.get_adapter(url)
        watching = WATCH.watching(cancel, deadline)
        watch = watching.__enter__()
        try:
            left = watch.time_left()
            bound = timeout if left is None else max(min(timeout, left), 0.001)
            started = time.perf_counter()
            response = adapter.send(
                prepared,
                stream=True,
                timeout=(bound, bound),
                verify=True,
                proxies=self._proxies_for(url),
            )
            elapsed = (time.perf_counter() - started) * 1000
        except BaseException:
            watching.__exit__(None, None, None)
            raise
        if cookies:
            extract_cookies_to_jar(self.session.cookies, prepared, response.raw)  # type: ignore[no-untyped-call]
        return _RequestsResponse(response, elapsed, list(prepared.headers.items()), watching)

    def _proxies_for(self, url: str) -> dict[str, str]:
        from requests.utils import get_environ_proxies

        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc)
        found = self._proxies.get(key)
        if found is None:
            found = self._proxies[key] = (
                dict(get_environ_proxies(url)) if self.session.trust_env else {}
            )
        return found

    def clear_cookies(self) -> None:
        self.session.cookies.clear()

    def close(self) -> None:
        self.session.close()


class _RequestsResponse:
    def __init__(
        self,
        response: requests.Response,
        elapsed_ms: float,
        sent_headers: list[tuple[str, str]],
        watching: Any,
    ) -> None:
        self._response = response
        self._watching = watching
        self._consumed = False
        raw = response.raw
        self.status = int(response.status_code)
        self.reason = str(response.reason or "")
        self.http_version = _HTTP_VERSIONS.get(getattr(raw, "version", 11), "HTTP/1.1")
        self.headers: list[tuple[str, str]] = [(str(k), str(v)) for k, v in raw.headers.items()]
        self.elapsed_ms = elapsed_ms
        self.sent_headers = sent_headers

    def chunks(self) -> Iterator[bytes]:
        """The decoded body as it arrives: at most `CHUNK_SIZE` bytes at a time (urllib3 bounds
        each decompression step), each handed over as soon as the server's bytes are in."""
        raw = self._response.raw
        if raw.chunked:
            pieces: Iterator[bytes] = raw.stream(CHUNK_SIZE, decode_content=True)
        else:
            pieces = iter(lambda: raw.read1(CHUNK_SIZE, decode_content=True), b"")
        for chunk in pieces:
            if chunk:
                yield chunk
        self._consumed = True

    def bytes_received(self) -> int:
        """How many bytes of the body came over the wire (before decompression)."""
        return int(self._response.raw.tell())

    def close(self) -> None:
        try:
            raw = self._response.raw
            if not self._consumed:
                raw.close()
            raw.release_conn()
        finally:
            self._watching.__exit__(None, None, None)


def _joined(headers: list[tuple[str, str]]) -> dict[str, str]:
    """Headers as requests takes them: a repeated name's values joined (`;` for Cookie)."""
    joined: dict[str, str] = {}
    names: dict[str, str] = {}
    for name, value in headers:
        key = name.lower()
        if key in names:
            separator = "; " if key == "cookie" else ", "
            joined[names[key]] = f"{joined[names[key]]}{separator}{value}"
        else:
            names[key] = name
            joined[name] = value
    return joined


def _watched_write(connection: Any) -> None:
    """Before a connection writes: connected, watched, and not writing for a stopped send."""
    if connection.sock is None and connection.auto_open:
        connection.connect()
    WATCH.check_before_write()
    WATCH.attach(connection.sock)


@lru_cache(maxsize=1)
def _cancellable_adapter() -> Any:
    """An HTTPAdapter whose connections attach their socket to the cancel watch."""
    from requests.adapters import HTTPAdapter
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    class _HTTPConnection(HTTPConnection):
        def send(self, data: Any) -> None:
            _watched_write(self)
            super().send(data)

        def getresponse(self, *args: Any, **kwargs: Any) -> Any:
            WATCH.attach(self.sock)
            return super().getresponse(*args, **kwargs)

    class _HTTPSConnection(HTTPSConnection):
        def send(self, data: Any) -> None:
            _watched_write(self)
            super().send(data)

        def getresponse(self, *args: Any, **kwargs: Any) -> Any:
            WATCH.attach(self.sock)
            return super().getresponse(*args, **kwargs)

    class _HTTPPool(HTTPConnectionPool):
        ConnectionCls = _HTTPConnection

    class _HTTPSPool(HTTPSConnectionPool):
        ConnectionCls = _HTTPSConnection

    class _Adapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

    return _Adapter
