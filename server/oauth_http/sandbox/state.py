"""The sandbox's in-memory, thread-safe state: tokens, the nonce record and the tweets.

Every method takes the one lock, so concurrent requests of the threading server see a consistent
state. Returned records are immutable snapshots.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import Enum

from oauth_http.sandbox.accounts import (
    SANDBOX_ACCESS_TOKEN,
    SANDBOX_ACCESS_TOKEN_SECRET,
    SANDBOX_CONSUMER_KEY,
    SANDBOX_RSA_ACCESS_TOKEN,
    SANDBOX_RSA_ACCESS_TOKEN_SECRET,
    SANDBOX_RSA_CONSUMER_KEY,
    SANDBOX_USER_ID,
    Consumer,
)

NonceKey = tuple[str, str, str, str]

_PRUNE_NONCES_ABOVE = 4096
_FIRST_TWEET_ID = 1_000_000_001
_SEED_TWEETS = (
    "Welcome to the OAuth HTTP sandbox.",
    "Every request here is signed with OAuth 1.0a and verified for real.",
    "Try POST 1.1/statuses/update.json with status=hello",
)


class RequestTokenStatus(Enum):
    PENDING = "pending"
    APPROVED = "approved"
    DENIED = "denied"
    USED = "used"


@dataclass(frozen=True)
class RequestToken:
    token: str
    secret: str
    consumer_key: str
    callback: str
    status: RequestTokenStatus = RequestTokenStatus.PENDING
    verifier: str | None = None


@dataclass(frozen=True)
class AccessToken:
    token: str
    secret: str
    consumer_key: str
    user_id: int


@dataclass(frozen=True)
class Tweet:
    id: int
    text: str
    created_at: float
    user_id: int


class SandboxState:
    """Consumers, request and access tokens, used nonces and the timeline of one sandbox."""

    def __init__(self, consumers: Iterable[Consumer], clock: Callable[[], float]) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self._consumers = {consumer.key: consumer for consumer in consumers}
        self._request_tokens: dict[str, RequestToken] = {}
        self._access_tokens: dict[str, AccessToken] = {}
        self._nonces: dict[NonceKey, float] = {}
        self._tweets: list[Tweet] = []
        for token, secret, consumer_key in (
            (SANDBOX_ACCESS_TOKEN, SANDBOX_ACCESS_TOKEN_SECRET, SANDBOX_CONSUMER_KEY),
            (SANDBOX_RSA_ACCESS_TOKEN, SANDBOX_RSA_ACCESS_TOKEN_SECRET, SANDBOX_RSA_CONSUMER_KEY),
        ):
            if consumer_key in self._consumers:
                self._access_tokens[token] = AccessToken(
                    token, secret, consumer_key, SANDBOX_USER_ID
                )
        started = clock()
        for age, text in zip((3600, 1800, 60), _SEED_TWEETS, strict=True):
            self._add_tweet(text, started - age, SANDBOX_USER_ID)

    def now(self) -> float:
        return self._clock()

    def consumer(self, key: str) -> Consumer | None:
        return self._consumers.get(key)

    def issue_request_token(self, consumer_key: str, callback: str) -> RequestToken:
        record = RequestToken(
            token=f"req-{secrets.token_urlsafe(18)}",
            secret=secrets.token_urlsafe(24),
            consumer_key=consumer_key,
            callback=callback,
        )
        with self._lock:
            self._request_tokens[record.token] = record
        return record

    def request_token(self, token: str) -> RequestToken | None:
        with self._lock:
            return self._request_tokens.get(token)

    def decide(self, token: str, *, approve: bool) -> RequestToken | None:
        """Record the user's answer for a pending request token; None if it is not pending."""
        with self._lock:
            record = self._request_tokens.get(token)
            if record is None or record.status is not RequestTokenStatus.PENDING:
                return None
            if approve:
                verifier = f"{secrets.randbelow(10**7):07d}"
                record = replace(record, status=RequestTokenStatus.APPROVED, verifier=verifier)
            else:
                record = replace(record, status=RequestTokenStatus.DENIED)
            self._request_tokens[token] = record
            return record

    def exchange(self, token: str, verifier: str) -> AccessToken | None:
        """Trade an approved request token and its verifier for an access token (once)."""
        with self._lock:
            record = self._request_tokens.get(token)
            if (
                record is None
                or record.status is not RequestTokenStatus.APPROVED
                or record.verifier is None
                or not secrets.compare_digest(record.verifier, verifier)
            ):
                return None
            self._request_tokens[token] = replace(record, status=RequestTokenStatus.USED)
            return self._new_access_token(record.consumer_key)

    def issue_access_token(self, consumer_key: str) -> AccessToken:
        """An access token made on the provider's own site (a persona's token page)."""
        with self._lock:
            return self._new_access_token(consumer_key)

    def access_token(self, token: str) -> AccessToken | None:
        with self._lock:
            return self._access_tokens.get(token)

    def remember_nonce(self, key: NonceKey, timestamp: float, window: float) -> bool:
        """Record a nonce; False when the same consumer, token, nonce and timestamp came before."""
        with self._lock:
            if key in self._nonces:
                return False
            if len(self._nonces) >= _PRUNE_NONCES_ABOVE:
                oldest_kept = self._clock() - 2 * window
                self._nonces = {k: t for k, t in self._nonces.items() if t >= oldest_kept}
            self._nonces[key] = timestamp
            return True

    def post_tweet(self, text: str, user_id: int) -> Tweet:
        with self._lock:
            return self._add_tweet(text, self._clock(), user_id)

    def timeline(self, count: int) -> list[Tweet]:
        """The newest `count` tweets, newest first."""
        with self._lock:
            return list(reversed(self._tweets[-count:])) if count > 0 else []

    def _new_access_token(self, consumer_key: str) -> AccessToken:
        access = AccessToken(
            token=f"{SANDBOX_USER_ID}-{secrets.token_urlsafe(24)}",
            secret=secrets.token_urlsafe(30),
            consumer_key=consumer_key,
            user_id=SANDBOX_USER_ID,
        )
        self._access_tokens[access.token] = access
        return access

    def _add_tweet(self, text: str, created_at: float, user_id: int) -> Tweet:
        tweet = Tweet(_FIRST_TWEET_ID + len(self._tweets), text, created_at, user_id)
        self._tweets.append(tweet)
        return tweet
