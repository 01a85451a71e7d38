"""The test's side of the editor for language server tests: answers prompts, keeps secrets."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types
from oauth_http.sandbox.accounts import SANDBOX_CONSUMER_KEY, SANDBOX_CONSUMER_SECRET
from oauth_http.sandbox.browser import approve
from pytest_lsp import LanguageClient


def as_dict(params: Any) -> dict[str, Any]:
    """Custom-method params arrive as namedtuples (nested ones too); make them plain dicts."""
    if hasattr(params, "_asdict"):
        return {key: as_dict(value) for key, value in params._asdict().items()}
    if isinstance(params, list | tuple):
        return [as_dict(item) for item in params]  # type: ignore[return-value]
    return params  # type: ignore[no-any-return]


@dataclass
class Editor:
    """The test's side of the editor. `pin` gets the authorize address the server opened."""

    consumer_key: str | None = SANDBOX_CONSUMER_KEY
    consumer_secret: str | None = SANDBOX_CONSUMER_SECRET
    pin: Callable[[str], str | None] = approve
    pick: Callable[[list[dict[str, Any]]], str | None] = lambda items: "sandbox"
    vault: dict[str, str] = field(default_factory=dict)
    asked: list[dict[str, Any]] = field(default_factory=list)
    picked_from: list[list[dict[str, Any]]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    client: LanguageClient | None = None

    def authorize_address(self) -> str:
        assert self.client is not None and self.client.shown_documents, "nothing was opened"
        document = self.client.shown_documents[-1]
        assert document.external is True
        return document.uri

    async def answer(self, params: dict[str, Any]) -> str | None:
        self.asked.append(params)
        if params["masked"]:
            return self.consumer_secret
        if params["prompt"].startswith("Consumer key"):
            return self.consumer_key
        assert "PIN" in params["prompt"], params
        return await asyncio.to_thread(self.pin, self.authorize_address())

    def messages(self, kind: types.MessageType | None = None) -> list[str]:
        assert self.client is not None
        return [m.message for m in self.client.messages if kind is None or m.type == kind]
