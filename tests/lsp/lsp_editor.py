"""The test's side of the editor for language server tests: answers prompts and message
requests, keeps secrets, and records what the server showed and sent (`attach_editor` wires an
`Editor` to a pytest-lsp client)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from oauth_http.lsp import methods
from oauth_http.sandbox.accounts import (
    SANDBOX_CONSUMER_KEY,
    SANDBOX_CONSUMER_SECRET,
    authorized_secrets,
)
from oauth_http.sandbox.browser import approve
from pytest_lsp import LanguageClient


def as_dict(params: Any) -> dict[str, Any]:
    """Custom-method params arrive as namedtuples (nested ones too); make them plain dicts."""
    if hasattr(params, "_asdict"):
        return {key: as_dict(value) for key, value in params._asdict().items()}
    if isinstance(params, list | tuple):
        return [as_dict(item) for item in params]  # type: ignore[return-value]
    return params  # type: ignore[no-any-return]


def open_http(client: LanguageClient, name: str, text: str) -> str:
    """Write `name` into the client's workspace folder and open it in the editor; its URI."""
    path: Path = client.folder / name  # type: ignore[attr-defined]
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="http", version=1, text=text)
        )
    )
    return uri


def headers_of(pairs: list[list[str]]) -> dict[str, str]:
    """`[name, value]` pairs as a dict with lower-case names."""
    return {name.lower(): value for name, value in pairs}


@dataclass
class Editor:
    """The test's side of the editor. `pin` gets the authorize address the server opened;
    `answers` holds the values typed for `# @prompt`s, by prompt title; `typed` what is typed
    into the next prompts whatever they ask; `choices` the buttons clicked in message requests,
    in order (None: dismissed)."""

    consumer_key: str | None = SANDBOX_CONSUMER_KEY
    consumer_secret: str | None = SANDBOX_CONSUMER_SECRET
    pin: Callable[[str], str | None] = approve
    pick: Callable[[list[dict[str, Any]]], str | None] = lambda items: "sandbox"
    answers: dict[str, str | None] = field(default_factory=dict)
    # Typed into the next prompts, in order, before any of the defaults above.
    typed: list[str | None] = field(default_factory=list)
    choices: list[str | None] = field(default_factory=list)
    vault: dict[str, str] = field(default_factory=dict)
    asked: list[dict[str, Any]] = field(default_factory=list)
    picked_from: list[list[dict[str, Any]]] = field(default_factory=list)
    offered: list[str] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    client: LanguageClient | None = None

    def authorize(self, folder_uri: str) -> None:
        """Store what a finished PIN flow with the sandbox stores for `folder_uri`."""
        self.vault.update(authorized_secrets(folder_uri))

    def authorize_address(self) -> str:
        assert self.client is not None and self.client.shown_documents, "nothing was opened"
        document = self.client.shown_documents[-1]
        assert document.external is True
        return document.uri

    async def answer(self, params: dict[str, Any]) -> str | None:
        self.asked.append(params)
        if self.typed:
            return self.typed.pop(0)
        if params["title"] in self.answers:
            return self.answers[params["title"]]
        if params["masked"]:
            return self.consumer_secret
        if params["prompt"].startswith("Consumer key"):
            return self.consumer_key
        # The PIN, or the code a Loopback flow asks for after "Enter the code instead".
        assert "PIN" in params["prompt"] or "oauth_verifier" in params["prompt"], params
        return await asyncio.to_thread(self.pin, self.authorize_address())

    def messages(self, kind: types.MessageType | None = None) -> list[str]:
        assert self.client is not None
        return [m.message for m in self.client.messages if kind is None or m.type == kind]


def attach_editor(client: LanguageClient, editor: Editor) -> None:
    """Answer the server's requests to the editor from `editor`, and record its notifications."""
    editor.client = client

    @client.feature(methods.ASK_TEXT)
    async def ask_text(params: Any) -> dict[str, Any]:
        return {"value": await editor.answer(as_dict(params))}

    @client.feature(methods.PICK)
    def pick(params: Any) -> dict[str, Any]:
        items = as_dict(params)["items"]
        editor.picked_from.append(items)
        return {"id": editor.pick(items)}

    @client.feature(methods.GET_SECRET)
    def get_secret(params: Any) -> dict[str, Any]:
        return {"value": editor.vault.get(params.key)}

    @client.feature(methods.STORE_SECRET)
    def store_secret(params: Any) -> dict[str, Any]:
        editor.vault[params.key] = params.value
        return {}

    @client.feature(methods.DELETE_SECRET)
    def delete_secret(params: Any) -> dict[str, Any]:
        editor.vault.pop(params.key, None)
        return {}

    @client.feature(types.WINDOW_SHOW_MESSAGE_REQUEST)
    def message_request(params: types.ShowMessageRequestParams) -> types.MessageActionItem | None:
        editor.offered.append(params.message)
        choice = editor.choices.pop(0) if editor.choices else None
        return types.MessageActionItem(title=choice) if choice else None

    @client.feature(methods.RESPONSE)
    def response(params: Any) -> None:
        editor.records.append(as_dict(params))

    @client.feature(types.WORKSPACE_CODE_LENS_REFRESH)
    def code_lens_refresh(params: None) -> None:
        return None

    @client.feature(methods.PROVIDERS_CHANGED)
    def providers_changed(params: Any) -> None:
        editor.changes.append(as_dict(params))
