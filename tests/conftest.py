"""Shared fixtures: a sandbox OAuth 1.0a provider on a free 127.0.0.1 port for the whole session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from oauth_http.sandbox.server import RunningSandbox, start_sandbox


@pytest.fixture(scope="session")
def sandbox() -> Iterator[RunningSandbox]:
    with start_sandbox() as running:
        yield running
