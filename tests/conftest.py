"""Fixtures for every test: the real servers the tests talk to, each on a free 127.0.0.1 port.

`sandbox` is the local OAuth 1.0a provider, one for the whole session (tests that stop it or
need a fresh one start their own, as `tests/lsp`'s `workspace_sandbox` does); `bed` is the
httpbed HTTP test server (`tests/httpbed`), one per test module; `taken_port` a 127.0.0.1 port
something already listens on.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from oauth_http.sandbox.server import RunningSandbox, start_sandbox

from tests.httpbed import RunningBed, start_httpbed


@pytest.fixture(scope="session")
def sandbox() -> Iterator[RunningSandbox]:
    with start_sandbox() as running:
        yield running


@pytest.fixture(scope="module")
def bed() -> Iterator[RunningBed]:
    with start_httpbed() as running:
        yield running


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port on 127.0.0.1 that another program listens on for the test."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]
