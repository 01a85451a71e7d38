"""Hiding secret-looking values in hovers and logs: which names look secret, and the masked form."""

from __future__ import annotations

import re

_SECRET_NAME = re.compile(r"secret|pass|token|key|auth|credential", re.IGNORECASE)
MASK = "••••"
_SHOWN_PREFIX = 2
_LONG = 8


def looks_secret(name: str) -> bool:
    """True for names holding secret, password, passwd, pass, token, key, auth or credential."""
    return _SECRET_NAME.search(name) is not None


def mask(value: str) -> str:
    """`ab…` for values over 8 characters, `••••` for shorter ones, `` for the empty value."""
    if not value:
        return ""
    if len(value) > _LONG:
        return value[:_SHOWN_PREFIX] + "…"
    return MASK
