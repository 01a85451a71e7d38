"""The response record's types: what one send produces, for the panel and for `oauth-http send`.

The core builds these (`sending.record`, `sending.body`, `sending.failures`) and the adapters
carry them: the language server as the `oauthHttp/response` notification's payload (so they are
part of the wire schema, `lsp/methods.py`, whose TypeScript twin is `extension/src/protocol.ts`;
change them together), the CLI as what it prints. Keys are camelCase JSON identifiers; header maps
are lists of `[name, value]` pairs.
"""

from __future__ import annotations

from typing import TypedDict


class RecordBody(TypedDict):
    """A body in a record: `text` when it decodes, else `base64`.

    `size` counts the (decoded) bytes that arrived. `truncated`: the record holds only the first
    bytes (the head limit, `oauthHttp.responseSizeLimitMB`), and `fullPath` is the file that
    holds all that arrived. `complete` is False when the download stopped at the maximum
    response size (`oauthHttp.maxResponseMB`, `--max-size`): the server had more to send, and
    `size` is where it stopped. A request body is always complete.
    """

    text: str | None
    base64: str | None
    contentType: str
    charset: str | None
    size: int
    truncated: bool
    fullPath: str | None
    complete: bool


class RecordRequest(TypedDict):
    """The request as sent, secrets masked."""

    method: str
    url: str
    headers: list[list[str]]
    body: RecordBody | None


class RecordError(TypedDict):
    """Why there is no (good) response: `kind` is a stable code, `message` names the cause,
    `hint` the next step."""

    kind: str
    message: str
    hint: str


class RecordOAuth(TypedDict):
    provider: str
    signatureMethod: str
    placement: str
    baseString: str | None


class RecordTiming(TypedDict):
    """Milliseconds: `total` always; `headers` (time to the response headers) when known."""

    total: float
    headers: float | None


class ResponseRecord(TypedDict):
    """The `oauthHttp/response` notification's payload, also what `oauth-http send` prints."""

    id: str
    uri: str
    line: int
    label: str
    startedAt: str
    request: RecordRequest
    status: int | None
    reason: str
    httpVersion: str
    headers: list[list[str]]
    body: RecordBody | None
    timing: RecordTiming
    oauth: RecordOAuth | None
    redirects: list[str]
    error: RecordError | None
