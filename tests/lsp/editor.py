"""The test's side of the editor for language server tests.

`Editor` is the user at the editor: it answers the server's prompts, picks and message requests,
keeps secrets in a dict, and records what the server showed and sent. `EditorClient` is that
editor connected to the real server over stdio: the pytest-lsp `LanguageClient` (`lsp`), the
workspace folder and the `Editor`, with typed helpers for what the tests do most. `ServerOptions`
says how the server is started; `tests/lsp/conftest.py` starts it (the `client` fixture).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from oauth_http.lsp import methods
from oauth_http.sandbox.accounts import (
    SANDBOX_CONSUMER_KEY,
    SANDBOX_CONSUMER_SECRET,
    authorized_secrets,
)
from oauth_http.sandbox.browser import approve
from oauth_http.workspace.consent import CONFIRM_DEFINITION_SUFFIX
from pytest_lsp import LanguageClient, client_capabilities, make_test_lsp_client

FAST_PATH = "OAUTH_HTTP_FAST_PATH"
DEBUG_STATS = "OAUTH_HTTP_DEBUG_STATS"

WORK_DONE_PROGRESS = (
    types.WorkDoneProgressBegin,
    types.WorkDoneProgressReport,
    types.WorkDoneProgressEnd,
)

Handler = TypeVar("Handler", bound=Callable[..., Any])


def plain(value: Any) -> Any:
    """Custom-method params arrive as namedtuples (nested ones too); make them plain dicts and
    lists. Anything else (JSON the client already decoded) comes back as it is."""
    if hasattr(value, "_asdict"):
        return {key: plain(item) for key, item in value._asdict().items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def as_dict(params: Any) -> dict[str, Any]:
    """`plain(params)`, which must be an object."""
    value = plain(params)
    assert isinstance(value, dict), f"not a JSON object: {value!r}"
    return value


def headers_of(pairs: list[list[str]]) -> dict[str, str]:
    """`[name, value]` pairs as a dict with lower-case names."""
    return {name.lower(): value for name, value in pairs}


def handles(client: LanguageClient, method: str) -> Callable[[Handler], Handler]:
    """`@client.feature(method)` with its type: pygls' `JsonRPCClient.feature` has no return
    annotation, so mypy would take every handler it decorates for untyped."""
    register: Callable[[Handler], Handler] = client.feature(method)
    return register


@dataclass
class Editor:
    """The test's side of the editor. `pin` gets the authorize address the server opened;
    `answers` holds the values typed for `# @prompt`s, by prompt title; `choices` the buttons
    clicked in message requests, in order (None: dismissed). `edits` records the workspace
    edits the server applied, `lens_refreshes` is set when the server asks to refresh lenses."""

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
    edits: list[types.WorkspaceEdit] = field(default_factory=list)
    lens_refreshes: asyncio.Event = field(default_factory=asyncio.Event)
    # The knob for a provider the workspace's env file redefines ("Use P as this workspace
    # defines it"): True clicks that button (the suite's own env files point the sandbox preset
    # at a sandbox on a free port), False dismisses the message. Either way the message is kept
    # in `confirmations`, and `choices` is left for the test's other message requests.
    confirm_overrides: bool = True
    confirmations: list[str] = field(default_factory=list)
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

    @handles(client, methods.ASK_TEXT)
    async def ask_text(params: Any) -> dict[str, Any]:
        return {"value": await editor.answer(as_dict(params))}

    @handles(client, methods.PICK)
    def pick(params: Any) -> dict[str, Any]:
        items = as_dict(params)["items"]
        editor.picked_from.append(items)
        return {"id": editor.pick(items)}

    @handles(client, methods.GET_SECRET)
    def get_secret(params: Any) -> dict[str, Any]:
        return {"value": editor.vault.get(params.key)}

    @handles(client, methods.STORE_SECRET)
    def store_secret(params: Any) -> dict[str, Any]:
        editor.vault[params.key] = params.value
        return {}

    @handles(client, methods.DELETE_SECRET)
    def delete_secret(params: Any) -> dict[str, Any]:
        editor.vault.pop(params.key, None)
        return {}

    @handles(client, types.WINDOW_SHOW_MESSAGE_REQUEST)
    def message_request(params: types.ShowMessageRequestParams) -> types.MessageActionItem | None:
        actions = [action.title for action in params.actions or []]
        if len(actions) == 1 and actions[0].endswith(CONFIRM_DEFINITION_SUFFIX):
            editor.confirmations.append(params.message)
            return types.MessageActionItem(title=actions[0]) if editor.confirm_overrides else None
        editor.offered.append(params.message)
        choice = editor.choices.pop(0) if editor.choices else None
        return types.MessageActionItem(title=choice) if choice else None

    @handles(client, types.WORKSPACE_APPLY_EDIT)
    def apply_edit(params: types.ApplyWorkspaceEditParams) -> types.ApplyWorkspaceEditResult:
        editor.edits.append(params.edit)
        return types.ApplyWorkspaceEditResult(applied=True)

    @handles(client, methods.RESPONSE)
    def response(params: Any) -> None:
        editor.records.append(as_dict(params))

    @handles(client, types.WORKSPACE_CODE_LENS_REFRESH)
    def code_lens_refresh(params: None) -> None:
        editor.lens_refreshes.set()

    @handles(client, methods.PROVIDERS_CHANGED)
    def providers_changed(params: Any) -> None:
        editor.changes.append(as_dict(params))


@dataclass(frozen=True)
class ServerOptions:
    """How a test's server is started. `env`: variables set for the server on top of the
    test's own environment (None: unset). `settings`: the `oauthHttp` settings the editor has,
    sent as VS Code sends them (in `initializationOptions` and on `workspace/configuration`).
    `workspace_trusted`: sent as `initializationOptions.workspaceTrusted` (False: Restricted
    Mode; None: not sent). `client_factory`: the pytest-lsp client to connect with."""

    env: Mapping[str, str | None] = field(default_factory=dict)
    settings: Mapping[str, Any] | None = None
    workspace_trusted: bool | None = None
    client_factory: Callable[[], LanguageClient] = make_test_lsp_client

    def environment(self) -> dict[str, str]:
        merged = {**os.environ, **self.env}
        return {name: value for name, value in merged.items() if value is not None}

    @property
    def fast_path(self) -> bool:
        """Whether the server serves on the fast path (`OAUTH_HTTP_FAST_PATH=0`: stock pygls)."""
        return self.environment().get(FAST_PATH) != "0"


@dataclass
class EditorClient:
    """The editor connected to the real server: `lsp` is the pytest-lsp client (every LSP
    request, `diagnostics`, `messages`, `progress_reports`, `shown_documents`), `folder` the
    workspace folder, `editor` the scripted user, `options` how the server was started.
    Started by conftest's `client` fixture."""

    lsp: LanguageClient
    editor: Editor
    folder: Path
    options: ServerOptions
    initialize_result: types.InitializeResult
    exited: bool = False

    @classmethod
    async def start(
        cls, lsp: LanguageClient, editor: Editor, folder: Path, options: ServerOptions
    ) -> EditorClient:
        """Wire `editor` to `lsp` and initialize the server on `folder` as VS Code does."""
        attach_editor(lsp, editor)
        initialization_options: dict[str, Any] | None = None
        if options.settings is not None:
            lsp.set_configuration(dict(options.settings), section="oauthHttp")
            initialization_options = {"settings": dict(options.settings)}
        if options.workspace_trusted is not None:
            initialization_options = {
                **(initialization_options or {}),
                "workspaceTrusted": options.workspace_trusted,
            }
        uri = folder.as_uri()
        result = await lsp.initialize_session(
            types.InitializeParams(
                capabilities=client_capabilities("visual-studio-code"),
                root_uri=uri,
                workspace_folders=[types.WorkspaceFolder(uri=uri, name=folder.name)],
                initialization_options=initialization_options,
            )
        )
        return cls(lsp, editor, folder, options, result)

    async def stop(self) -> None:
        """Shut the server down (`shutdown`, `exit`), unless the test already did."""
        if not self.exited:
            await self.lsp.shutdown_session()

    def exit(self) -> None:
        """Send `exit` (after the test's own `shutdown`)."""
        self.lsp.exit(None)
        self.exited = True

    def open(self, path: Path, text: str | None = None, language_id: str = "http") -> str:
        """Open `path` in the editor (with `text`, else what the file holds); its URI."""
        uri = path.as_uri()
        self.lsp.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri,
                    language_id=language_id,
                    version=1,
                    text=path.read_text(encoding="utf-8") if text is None else text,
                )
            )
        )
        return uri

    def open_http(self, name: str, text: str) -> str:
        """Write `name` into the workspace folder and open it in the editor; its URI."""
        path = self.folder / name
        path.write_text(text, encoding="utf-8")
        return self.open(path, text)

    def change(self, uri: str, version: int, line: int, text: str) -> None:
        """Type `text` at the start of `line`."""
        at = types.Position(line=line, character=0)
        self.lsp.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(range=types.Range(at, at), text=text)
                ],
            )
        )

    async def execute(self, command: str, *arguments: object) -> Any:
        """Run `command` (`workspace/executeCommand`); its answer as the client decoded it."""
        return await self.lsp.workspace_execute_command_async(
            types.ExecuteCommandParams(command=command, arguments=list(arguments))
        )

    async def send_answer(self, uri: str, **where: Any) -> dict[str, Any]:
        """`oauthHttp.send`'s answer for the request at `where` (`line=`)."""
        return as_dict(await self.execute(methods.SEND, {"uri": uri, **where}))

    async def send(self, uri: str, **where: Any) -> dict[str, Any]:
        """The record of the send (from its `oauthHttp/response` notification), else the answer
        saying why there is none."""
        answer = await self.send_answer(uri, **where)
        if answer["status"] != "sent":
            return answer
        # The notification is written before the answer, so it has been handled by now.
        return self.record(answer["recordId"])

    def record(self, record_id: str) -> dict[str, Any]:
        """The record the server notified with `record_id`."""
        return next(record for record in self.editor.records if record["id"] == record_id)

    async def lenses(self, uri: str) -> list[types.CodeLens]:
        params = types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
        return list(await self.lsp.text_document_code_lens_async(params) or [])

    def progress_kinds(self) -> list[str]:
        """The kind ("begin", "report", "end") of every progress report, token by token.
        pytest-lsp keeps each report as its WorkDoneProgress* value (though it annotates them
        as ProgressParams)."""
        reports: list[object] = [
            report for reports in self.lsp.progress_reports.values() for report in reports
        ]
        kinds = []
        for report in reports:
            assert isinstance(report, WORK_DONE_PROGRESS), report
            kinds.append(report.kind)
        return kinds

    async def diagnostics(self, uri: str) -> Sequence[types.Diagnostic]:
        """The diagnostics last published for `uri`, waiting up to 5 s for the first ones."""
        for _ in range(100):
            if uri in self.lsp.diagnostics:
                return self.lsp.diagnostics[uri]
            await asyncio.sleep(0.05)
        raise AssertionError(f"no diagnostics were published for {uri}")
