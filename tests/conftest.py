"""Shared fixtures: a sandbox OAuth 1.0a provider on a free 127.0.0.1 port for the whole session,
and a 127.0.0.1 port something already listens on."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from oauth_http.sandbox.server import RunningSandbox, start_sandbox


@pytest.fixture(scope="session")
def sandbox() -> Iterator[RunningSandbox]:
    with start_sandbox() as running:
        yield running


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port on 127.0.0.1 that another program listens on for the test."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]
