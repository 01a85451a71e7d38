"""Fixtures for the sending tests: a `Sender` whose big bodies go in the test's own folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from oauth_http.sending.body_files import BodyFiles
from oauth_http.sending.session import Sender


@pytest.fixture
def sender(tmp_path: Path) -> Iterator[Sender]:
    """Closed after the test; bodies over the limit are kept in `tmp_path / "bodies"`."""
    sending = Sender(body_files=BodyFiles(tmp_path / "bodies"))
    yield sending
    sending.close()
