"""Which names look secret, and how their values are masked (whole) in hovers and records."""

from __future__ import annotations

import pytest
from oauth_http.variables.scope import looks_secret, mask


@pytest.mark.parametrize(
    "name",
    [
        "consumerSecret",
        "PASSWORD",
        "passwd",
        "Pass",
        "access_token",
        "apiKey",
        "AUTH_HEADER",
        "oauthCredentials",
        "x-Token-y",
    ],
)
def test_secret_looking_names(name: str) -> None:
    assert looks_secret(name)


@pytest.mark.parametrize("name", ["host", "baseUrl", "version", "user", "id", ""])
def test_ordinary_names(name: str) -> None:
    assert not looks_secret(name)


def test_mask() -> None:
    for value in ("a", "12345678", "123456789", "sk-live-0123456789abcdef", "x" * 500):
        assert mask(value) == "••••", "whole: no prefix, no suffix, no length hint"
    assert mask("") == ""
