"""Plain request and response values passed between the HTTP adapter and the sandbox's endpoints."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class IncomingRequest:
    """One HTTP request as the sandbox received it; `host` is the Host header's value."""

    method: str
    path: str
    query: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    host: str

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)

    @property
    def content_type(self) -> str:
        return self.header("Content-Type") or ""

    @property
    def is_form(self) -> bool:
        return self.content_type.split(";", 1)[0].strip().lower() == FORM_CONTENT_TYPE

    @property
    def absolute_url(self) -> str:
        """The URL the client addressed, as used in the signature base string."""
        return f"http://{self.host}{self.path}" + (f"?{self.query}" if self.query else "")

    def query_pairs(self) -> list[tuple[str, str]]:
        return parse_qsl(self.query, keep_blank_values=True)

    def form_pairs(self) -> list[tuple[str, str]]:
        """Form body parameters; empty unless the Content-Type is form-urlencoded."""
        if not self.is_form or not self.body:
            return []
        return parse_qsl(self.body.decode("utf-8", errors="replace"), keep_blank_values=True)

    def params(self) -> list[tuple[str, str]]:
        """Query and form parameters together, in that order (repeated names kept)."""
        return self.query_pairs() + self.form_pairs()


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def json(cls, status: int, value: object) -> Response:
        body = json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")
        return cls(status, body, [("Content-Type", "application/json; charset=utf-8")])

    @classmethod
    def form(cls, status: int, pairs: list[tuple[str, str]]) -> Response:
        return cls(status, urlencode(pairs).encode("ascii"), [("Content-Type", FORM_CONTENT_TYPE)])

    @classmethod
    def html(cls, status: int, page: str) -> Response:
        return cls(status, page.encode("utf-8"), [("Content-Type", "text/html; charset=utf-8")])

    @classmethod
    def redirect(cls, location: str) -> Response:
        return cls(302, b"", [("Location", location)])
