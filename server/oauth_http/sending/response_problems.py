"""Responses that arrived but still need explaining: OAuth problems, rate limits, HTML for JSON.

`explain_response` looks at the status, headers and the start of the body and returns a
`Failure` (kind `oauth_problem`, `rate_limited` or `html_instead_of_json`) or None. The
`oauth_problem` names follow the OAuth Problem Reporting extension, which Twitter, Flickr and
the sandbox use, in a form body or the WWW-Authenticate header.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import parse_qsl, urlsplit

from oauth_http.sending.body import ContentType
from oauth_http.sending.failures import (
    HTML_INSTEAD_OF_JSON,
    OAUTH_PROBLEM,
    RATE_LIMITED,
    Failure,
)

_PROBLEM_IN_HEADER = re.compile(r'oauth_problem\s*=\s*"?([A-Za-z_]+)"?')
_ACCEPTABLE = re.compile(r"oauth_acceptable_timestamps\s*=\s*\"?(\d+)\s*-\s*(\d+)")
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)
_PROBLEM_SAMPLE = 4096


def _header(headers: Sequence[tuple[str, str]], name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in headers if key.lower() == wanted), None)


def explain_response(
    status: int,
    headers: Sequence[tuple[str, str]],
    body_head: bytes,
    *,
    request_url: str,
    request_headers: Sequence[tuple[str, str]],
    provider: str | None,
    oauth_timestamp: str | None,
    now: Callable[[], float] = time.time,
) -> Failure | None:
    """The problem this response shows, or None for an ordinary response."""
    if 400 <= status < 500:
        problem = oauth_problem(headers, body_head)
        if problem is not None:
            return _oauth_failure(
                status, problem, headers, provider=provider, sent=oauth_timestamp, now=now
            )
    if status in (420, 429):
        return _rate_limited(status, headers, now)
    if _asked_for_json(request_url, request_headers) and _is_html(headers, body_head):
        return Failure(
            HTML_INSTEAD_OF_JSON,
            f"JSON was asked for, but the server answered HTML (HTTP {status}): often a login "
            "page, an error page or a proxy's page rather than the API.",
            "Check the URL (API host and path), that the request is authorized, and any proxy "
            "in between; the HTML is in the response body.",
        )
    return None


def oauth_problem(headers: Sequence[tuple[str, str]], body_head: bytes) -> dict[str, str] | None:
    """The oauth_problem parameters from a form body or the WWW-Authenticate header."""
    text = body_head[:_PROBLEM_SAMPLE].decode("utf-8", errors="replace")
    if "oauth_problem=" in text:
        fields = dict(parse_qsl(text.strip(), keep_blank_values=True))
        if fields.get("oauth_problem"):
            return fields
    challenge = _header(headers, "WWW-Authenticate") or ""
    match = _PROBLEM_IN_HEADER.search(challenge)
    if match:
        fields = {"oauth_problem": match.group(1)}
        acceptable = _ACCEPTABLE.search(challenge)
        if acceptable:
            fields["oauth_acceptable_timestamps"] = f"{acceptable[1]}-{acceptable[2]}"
        return fields
    return None


def _oauth_failure(
    status: int,
    fields: dict[str, str],
    headers: Sequence[tuple[str, str]],
    *,
    provider: str | None,
    sent: str | None,
    now: Callable[[], float],
) -> Failure:
    problem = fields["oauth_problem"]
    advice = fields.get("oauth_problem_advice", "")
    said = f" ({advice})" if advice else ""
    who = provider or "the provider"
    head = f"The provider refused the request (HTTP {status}, oauth_problem={problem}){said}."
    authorize = (
        f'"OAuth: Authorize provider" or `oauth-http authorize {provider}`'
        if provider
        else '"OAuth: Authorize provider" or `oauth-http authorize PROVIDER`'
    )
    if problem == "timestamp_refused":
        return Failure(
            OAUTH_PROBLEM,
            head + _clock_skew(fields, headers, sent, now),
            "Set this machine's clock right (turn on automatic time sync), then send again.",
        )
    if problem in ("token_rejected", "token_revoked", "token_expired", "permission_denied"):
        return Failure(
            OAUTH_PROBLEM,
            head + f" The access token for {who} is no longer accepted.",
            f"Authorize again ({authorize}), then send again.",
        )
    if problem == "signature_invalid":
        return Failure(
            OAUTH_PROBLEM,
            head + " The provider computed a different signature.",
            "Compare the signature base string below with the provider's documentation: the "
            "URL (scheme, host, port, path), the query and form parameters, and the consumer "
            "secret and token secret must match what the provider has.",
        )
    if problem == "consumer_key_unknown":
        return Failure(
            OAUTH_PROBLEM,
            head + f" {who} does not know this consumer key.",
            "Check the consumer key in the env file or the one stored when authorizing, and "
            f"authorize again ({authorize}).",
        )
    if problem == "nonce_used":
        return Failure(
            OAUTH_PROBLEM,
            head + " The nonce was already used with this timestamp.",
            "Send again (each send makes a new nonce); if it repeats, a proxy may be resending.",
        )
    return Failure(
        OAUTH_PROBLEM,
        head,
        "Read the provider's advice in the response body, fix the request, and send again.",
    )


def _clock_skew(
    fields: dict[str, str],
    headers: Sequence[tuple[str, str]],
    oauth_timestamp: str | None,
    now: Callable[[], float],
) -> str:
    sent = float(oauth_timestamp) if oauth_timestamp and oauth_timestamp.isdigit() else now()
    acceptable = fields.get("oauth_acceptable_timestamps", "")
    low, _, high = acceptable.partition("-")
    if low.isdigit() and high.isdigit():
        server = (int(low) + int(high)) / 2
        where = f"it accepts timestamps {low} to {high}"
    else:
        date = _header(headers, "Date")
        parsed = _parse_http_date(date) if date else None
        if parsed is None:
            return " The timestamp sent was outside the window the provider accepts."
        server = parsed.timestamp()
        where = f"the server's time is {format_datetime(parsed, usegmt=True)}"
    skew = sent - server
    direction = "ahead of" if skew > 0 else "behind"
    return (
        f" This machine's clock is about {abs(round(skew))} seconds {direction} the server's "
        f"({where}; the request said {int(sent)})."
    )


def _parse_http_date(value: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _rate_limited(
    status: int, headers: Sequence[tuple[str, str]], now: Callable[[], float]
) -> Failure:
    reset = reset_time(headers, now)
    when = ""
    if reset is not None:
        moment = datetime.fromtimestamp(reset, timezone.utc)
        wait = max(0, round(reset - now()))
        when = f" The limit resets at {moment:%H:%M:%S} UTC (in {wait} seconds)."
    return Failure(
        RATE_LIMITED,
        f"The provider is rate limiting these requests (HTTP {status}).{when}",
        "Wait until the limit resets, then send again; send fewer requests per window.",
    )


def reset_time(headers: Sequence[tuple[str, str]], now: Callable[[], float]) -> float | None:
    """When the rate limit resets, as Unix seconds, from the headers providers use."""
    epoch = _header(headers, "x-rate-limit-reset") or _header(headers, "x-ratelimit-reset")
    if epoch and epoch.strip().isdigit():
        value = int(epoch.strip())
        return float(value) if value > 1_000_000_000 else now() + value
    retry = _header(headers, "Retry-After")
    if retry:
        if retry.strip().isdigit():
            return now() + int(retry.strip())
        parsed = _parse_http_date(retry)
        if parsed is not None:
            return parsed.timestamp()
    delta = _header(headers, "RateLimit-Reset")
    if delta and delta.strip().isdigit():
        return now() + int(delta.strip())
    return None


def _asked_for_json(url: str, headers: Sequence[tuple[str, str]]) -> bool:
    accept = (_header(headers, "Accept") or "").lower()
    if "json" in accept:
        return True
    try:
        path = urlsplit(url).path
    except ValueError:
        return False
    return path.lower().endswith(".json")


def _is_html(headers: Sequence[tuple[str, str]], body_head: bytes) -> bool:
    content_type = ContentType.parse(_header(headers, "Content-Type"))
    if content_type.is_html:
        return True
    if content_type.is_json:
        return False
    return _HTML_START.match(body_head[:1024]) is not None
