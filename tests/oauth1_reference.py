"""requests-oauthlib and oauthlib: the independent OAuth 1.0a implementations the tests check ours
against and drive the sandbox with. Imported here once because neither ships type hints (mypy
sees these names as Any; server/ imports them with the same ignore)."""

from __future__ import annotations

from oauthlib.oauth1.rfc5849 import signature  # type: ignore[import-untyped]
from requests_oauthlib import OAuth1, OAuth1Session  # type: ignore[import-untyped]
from requests_oauthlib.oauth1_session import TokenRequestDenied  # type: ignore[import-untyped]

__all__ = ["OAuth1", "OAuth1Session", "TokenRequestDenied", "signature"]
