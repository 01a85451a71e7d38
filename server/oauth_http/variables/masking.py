"""Hiding secret values in hovers, records, `send -v` and logs: which names look secret, and the
one masked form every front end shows.

A masked value is replaced whole by `MASK`: no prefix, no suffix and no length hint, whatever the
value's length (a prefix of a PLAINTEXT signature is the start of the consumer secret). Only the
empty value stays empty, since there is nothing in it to hide.
"""

from __future__ import annotations

import re

_SECRET_NAME = re.compile(r"secret|pass|token|key|auth|credential", re.IGNORECASE)
MASK = "••••"


def looks_secret(name: str) -> bool:
    """True for names holding secret, password, passwd, pass, token, key, auth or credential."""
    return _SECRET_NAME.search(name) is not None


def mask(value: str) -> str:
    """`••••` for any non-empty value, `` for the empty one."""
    return MASK if value else ""
