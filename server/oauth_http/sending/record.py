"""Building the `ResponseRecord` (`record_types`) of one send, every field filled, secrets masked.

The request is recorded as it went on the wire (final URL, headers, body) through `masking`;
response headers lose cookie values and secret-looking values. As a last guard, the known
secret values of the send (consumer secret, token, token secret, signature) are masked wherever
they still appear in text, the response body included (an echo endpoint would show them).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import quote

from oauth_http.sending.body import ContentType, record_body
from oauth_http.sending.failures import Failure
from oauth_http.sending.masking import (
    mask_headers,
    mask_json_text,
    mask_pairs_text,
    mask_text_secrets,
    mask_url,
)
from oauth_http.sending.record_types import (
    RecordBody,
    RecordError,
    RecordOAuth,
    RecordRequest,
    RecordTiming,
    ResponseRecord,
)

_SHORTEST_SECRET = 6


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class RecordHead:
    """What identifies a send: the document, the request's line and label, when it started."""

    uri: str
    line: int
    label: str
    started_at: str = field(default_factory=now_iso)
    id: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True)
class ReceivedResponse:
    status: int
    reason: str
    http_version: str
    headers: list[tuple[str, str]]
    body_head: bytes
    body_size: int
    body_path: str | None
    body_complete: bool = True


def build_record(
    head: RecordHead,
    *,
    method: str,
    url: str,
    headers: Sequence[tuple[str, str]],
    body: bytes | None,
    response: ReceivedResponse | None,
    total_ms: float,
    headers_ms: float | None,
    oauth: RecordOAuth | None,
    redirects: list[str],
    error: Failure | None,
    secrets: Sequence[str] = (),
    body_limit: int,
) -> ResponseRecord:
    hidden: list[str] = []
    masked_url = mask_url(url, hidden)
    masked_headers = mask_headers(headers, hidden)
    masked_body = None if body is None else _request_body(body, headers, body_limit, hidden)
    guard = _SecretGuard([*secrets, *hidden])
    request = RecordRequest(
        method=method,
        url=guard.text(masked_url),
        headers=guard.pairs(masked_headers),
        body=masked_body,
    )
    if masked_body is not None and masked_body["text"] is not None:
        masked_body["text"] = guard.text(masked_body["text"])
    response_body: RecordBody | None = None
    if response is not None:
        content_type = _header(response.headers, "Content-Type")
        response_body = record_body(
            response.body_head,
            response.body_size,
            content_type,
            response.body_path,
            complete=response.body_complete,
        )
        if response_body["text"] is not None:
            response_body["text"] = guard.text(response_body["text"])
    return ResponseRecord(
        id=head.id,
        uri=head.uri,
        line=head.line,
        label=guard.text(head.label),
        startedAt=head.started_at,
        request=request,
        status=response.status if response else None,
        reason=response.reason if response else "",
        httpVersion=response.http_version if response else "",
        headers=guard.pairs(mask_headers(response.headers)) if response else [],
        body=response_body,
        timing=RecordTiming(total=round(total_ms, 3), headers=_rounded(headers_ms)),
        oauth=_guarded_oauth(oauth, guard),
        redirects=[guard.text(mask_url(hop)) for hop in redirects],
        error=_guarded_error(error, guard),
    )


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _header(headers: Sequence[tuple[str, str]], name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in headers if key.lower() == wanted), None)


def _request_body(
    body: bytes, headers: Sequence[tuple[str, str]], limit: int, hidden: list[str]
) -> RecordBody:
    content_type = _header(headers, "Content-Type")
    record = record_body(body[:limit], len(body), content_type)
    text = record["text"]
    if text is not None:
        parsed = ContentType.parse(content_type)
        if parsed.media_type == "application/x-www-form-urlencoded":
            record["text"] = mask_pairs_text(text, hidden)
        elif parsed.is_json:
            record["text"] = mask_json_text(text, hidden)
    return record


def _guarded_oauth(oauth: RecordOAuth | None, guard: _SecretGuard) -> RecordOAuth | None:
    if oauth is None:
        return None
    base = oauth["baseString"]
    return RecordOAuth(
        provider=oauth["provider"],
        signatureMethod=oauth["signatureMethod"],
        placement=oauth["placement"],
        baseString=None if base is None else guard.text(base),
    )


def _guarded_error(error: Failure | None, guard: _SecretGuard) -> RecordError | None:
    if error is None:
        return None
    return RecordError(
        kind=error.kind, message=guard.text(error.message), hint=guard.text(error.hint)
    )


class _SecretGuard:
    """Masks the known secret values of one send wherever they still appear."""

    def __init__(self, secrets: Sequence[str]) -> None:
        found = {s for s in secrets if s and len(s) >= _SHORTEST_SECRET}
        found.update({quote(s, safe="") for s in found})
        self.secrets = sorted(found, key=len, reverse=True)

    def text(self, text: str) -> str:
        return mask_text_secrets(text, self.secrets) if self.secrets else text

    def pairs(self, pairs: list[list[str]]) -> list[list[str]]:
        if not self.secrets:
            return pairs
        return [[self.text(name), self.text(value)] for name, value in pairs]
