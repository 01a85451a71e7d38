"""Which names look secret, and how their values are masked in hovers."""

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
    assert mask("abcdefghij") == "ab…"
    assert mask("123456789") == "12…"
    assert mask("12345678") == "••••"
    assert mask("a") == "••••"
    assert mask("") == ""
    secret = "sk-live-0123456789abcdef"
    assert secret[2:] not in mask(secret)
