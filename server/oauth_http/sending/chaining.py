"""Chaining requests: the responses of named requests, and which requests a request needs.

A `ResponseStore` (one per language-server session or CLI run) keeps, in memory only, the last
request and response of every `# @name`d request with their real (unmasked) values, and answers
`{{NAME.response.body.$.path}}` (JSONPath), `{{NAME.response.body.*}}` (the whole body),
`{{NAME.response.body.//xpath}}` (XPath over XML), `{{NAME.response.headers.X}}`
(case-insensitive) and the same `.request.` forms, as the `RequestValues` of `VariableScope`.
JSON is read at any depth (`json_values`); a body is read whole only up to `CHAIN_READ_LIMIT`,
and a body cut at the maximum response size is not read at all: both say why
(`ValueUnavailableError`) rather than answer from part of the body.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oauth_http.sending import json_path, json_values, xml_path
from oauth_http.sending.body import ContentType, decode_text
from oauth_http.syntax.model import RefKind, Request, VariableRef
from oauth_http.syntax.parsed_document import ParsedDocument
from oauth_http.variables.results import ValueUnavailableError

WHOLE_BODY = "*"
CHAIN_READ_LIMIT = 32 * 1024 * 1024
_NOT_PARSED = object()


@dataclass(frozen=True)
class StoredMessage:
    """A request or response as it really went: headers and body (the body's head and the file
    holding all that arrived when it was over the record's size limit; `complete` False when
    the download stopped at the maximum response size)."""

    headers: tuple[tuple[str, str], ...]
    body: bytes
    body_path: str | None = None
    complete: bool = True

    def header(self, name: str) -> str | None:
        wanted = name.strip().lower()
        values = [value for key, value in self.headers if key.lower() == wanted]
        return ", ".join(values) if values else None

    def content_type(self) -> ContentType:
        return ContentType.parse(self.header("Content-Type"))

    def full_body(self, name: str = "the request") -> bytes:
        """The whole body; `ValueUnavailableError` when it cannot be read (`name` says whose)."""
        if not self.complete:
            raise ValueUnavailableError(
                f"the response of '{name}' was cut at the maximum response size, so its body "
                "cannot be read; raise oauthHttp.maxResponseMB (or --max-size) and send it again."
            )
        if self.body_path is None:
            return self.body
        path = Path(self.body_path)
        try:
            size = path.stat().st_size
            if size > CHAIN_READ_LIMIT:
                raise ValueUnavailableError(
                    f"the response body of '{name}' is {size / 2**20:.0f} MB, more than the "
                    f"{CHAIN_READ_LIMIT // 2**20} MB a request variable reads."
                )
            return path.read_bytes()
        except OSError as error:
            raise ValueUnavailableError(
                f"the file with the whole response body of '{name}' is gone ({error.strerror}): "
                f"send '{name}' again."
            ) from error


@dataclass
class Exchange:
    """The last request and response of one named request."""

    request: StoredMessage
    response: StoredMessage
    status: int
    _parsed: dict[str, Any] = field(default_factory=dict, repr=False)

    def message(self, part: str) -> StoredMessage | None:
        return {"request": self.request, "response": self.response}.get(part)


class ResponseStore:
    """The chaining store; safe to use from the sending threads and the event loop at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._exchanges: dict[str, Exchange] = {}

    def remember(self, name: str, exchange: Exchange) -> None:
        with self._lock:
            self._exchanges[name] = exchange

    def get(self, name: str) -> Exchange | None:
        with self._lock:
            return self._exchanges.get(name)

    def has(self, name: str) -> bool:
        with self._lock:
            return name in self._exchanges

    def names(self) -> list[str]:
        with self._lock:
            return sorted(self._exchanges)

    def body_paths(self) -> list[str]:
        """The files holding the full response bodies the store may still read."""
        with self._lock:
            found = (exchange.response.body_path for exchange in self._exchanges.values())
            return [path for path in found if path is not None]

    def forget(self, name: str | None = None) -> None:
        """Drop one request's exchange, or all of them."""
        with self._lock:
            if name is None:
                self._exchanges.clear()
            else:
                self._exchanges.pop(name, None)

    def lookup(self, request_name: str, path: Sequence[str]) -> str | None:
        """`("response", "body", "$.id")` and the like; None when there is no such value."""
        exchange = self.get(request_name)
        if exchange is None or len(path) < 3:
            return None
        part, section, selector = path[0], path[1], ".".join(path[2:]).strip()
        message = exchange.message(part)
        if message is None or not selector:
            return None
        if section == "headers":
            return message.header(selector)
        if section != "body":
            return None
        return _body_value(exchange, part, message, selector, request_name)


def _body_value(
    exchange: Exchange, part: str, message: StoredMessage, selector: str, name: str
) -> str | None:
    if selector == WHOLE_BODY:
        return _text(message, name)
    content_type = message.content_type()
    looks_json = selector.startswith("$") or content_type.is_json
    if looks_json:
        document = _parsed(exchange, part, "json", lambda: _json(message, name))
        if document is not _NOT_PARSED:
            path = selector if selector.startswith("$") else f"$.{selector}"
            return json_path.first_match(path, document)
        if selector.startswith("$"):
            return None
    root = _parsed(exchange, part, "xml", lambda: xml_path.parse_xml(message.full_body(name)))
    if root is None or root is _NOT_PARSED:
        return None
    return xml_path.first_match(selector, root)


def _parsed(exchange: Exchange, part: str, kind: str, parse: Any) -> Any:
    key = f"{part}:{kind}"
    if key not in exchange._parsed:
        exchange._parsed[key] = parse()
    return exchange._parsed[key]


def _json(message: StoredMessage, name: str) -> Any:
    text = _text(message, name)
    if text is None:
        return _NOT_PARSED
    try:
        return json_values.loads(text)
    except ValueError:
        return _NOT_PARSED


def _text(message: StoredMessage, name: str) -> str | None:
    decoded = decode_text(message.full_body(name), message.content_type(), cut=False)
    return decoded[0] if decoded else None


@dataclass(frozen=True)
class Dependencies:
    """The named requests a request reads from (first use first), and those not sent yet."""

    names: tuple[str, ...]
    unsent: tuple[str, ...]


def dependencies(
    request: Request, document: ParsedDocument, store: ResponseStore | None
) -> Dependencies:
    """Which `# @name`d requests of `document` `request` uses, directly or through file
    variables, and which of them the store has no response for."""
    names = _direct_dependencies(request, document)
    unsent = tuple(name for name in names if store is None or not store.has(name))
    return Dependencies(names, unsent)


def send_order(
    request: Request, document: ParsedDocument, store: ResponseStore | None
) -> list[Request]:
    """The unsent requests to send before `request`, their own dependencies first."""
    order: list[Request] = []
    visiting: set[str] = set()

    def visit(current: Request) -> None:
        for name in _direct_dependencies(current, document):
            if name in visiting or any(r.name == name for r in order):
                continue
            if store is not None and store.has(name):
                continue
            dependency = document.request_named(name)
            if dependency is None:
                continue
            visiting.add(name)
            visit(dependency)
            order.append(dependency)

    if request.name:
        visiting.add(request.name)
    visit(request)
    return order


def _direct_dependencies(request: Request, document: ParsedDocument) -> tuple[str, ...]:
    prompted = {prompt.name for prompt in request.prompts}
    variables: dict[str, list[tuple[VariableRef, ...]]] = {}
    for variable in document.file_variables():
        variables.setdefault(variable.name, []).append(variable.refs)
    found: list[str] = []
    seen_variables: set[str] = set()
    pending = list(request.refs)
    while pending:
        ref = pending.pop(0)
        if ref.kind is RefKind.REQUEST:
            if (
                ref.name != request.name
                and ref.name not in found
                and document.request_named(ref.name) is not None
            ):
                found.append(ref.name)
        elif ref.kind is RefKind.CUSTOM and ref.name not in prompted:
            if ref.name in seen_variables:
                continue
            seen_variables.add(ref.name)
            for refs in variables.get(ref.name, ()):
                pending.extend(refs)
    return tuple(found)
