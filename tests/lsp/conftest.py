"""The one way to start the real language server over stdio for a test: the `client` fixture.

`client` is an `editor.EditorClient`: the server started per `server_options`, initialized on
`workspace` as VS Code does, with `editor` answering its requests; it is shut down after the test.
`editor` is the scripted user (`editor.Editor`). `workspace` is a temporary folder whose
`http-client.env.json` points the sandbox preset at `workspace_sandbox`, a sandbox on a free port
started for each test (a test may stop it).

To start the server differently, a module overrides `server_options` (or `workspace`) with a
fixture of its own, or a test parametrizes it:
`@pytest.mark.parametrize("server_options", [ServerOptions(env={...})], ids=["..."])`. A module
that shares one server between its tests builds its own wider-scoped fixture on
`running_client`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from oauth_http.sandbox.server import RunningSandbox, start_sandbox
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp.editor import Editor, EditorClient, ServerOptions

SERVER_COMMAND = [sys.executable, "-m", "oauth_http", "serve"]


@pytest.fixture
def editor() -> Editor:
    return Editor()


@pytest.fixture
def workspace_sandbox() -> Iterator[RunningSandbox]:
    running = start_sandbox()
    yield running
    running.stop()


@pytest.fixture
def workspace(tmp_path: Path, workspace_sandbox: RunningSandbox) -> Path:
    base = workspace_sandbox.url
    auth = {
        "sandbox": {
            "Request Token URL": f"{base}/oauth/request_token",
            "Authorize URL": f"{base}/oauth/authorize",
            "Access Token URL": f"{base}/oauth/access_token",
        }
    }
    env = {"$shared": {"Security": {"Auth": auth}}, "dev": {}}
    (tmp_path / "http-client.env.json").write_text(json.dumps(env, indent=2), encoding="utf-8")
    return tmp_path


@pytest.fixture
def server_options() -> ServerOptions:
    """The test's own environment, no settings, pytest-lsp's client."""
    return ServerOptions()


async def start_server(request: pytest.FixtureRequest, options: ServerOptions) -> LanguageClient:
    """The server's process and the pytest-lsp client on its stdio, as `pytest_lsp.fixture`
    starts them (so `--lsp-devtools` works)."""
    config = ClientServerConfig(
        server_command=SERVER_COMMAND,
        client_factory=options.client_factory,
        server_env=options.environment(),
    )
    lsp = await config.start(devtools=request.config.getoption("devtools"))
    assert isinstance(lsp, LanguageClient)
    return lsp


@asynccontextmanager
async def running_client(
    request: pytest.FixtureRequest, editor: Editor, workspace: Path, options: ServerOptions
) -> AsyncIterator[EditorClient]:
    """A started and initialized `EditorClient`, shut down and stopped at the end: for a module
    that shares one server between its tests (a fixture of a wider scope than `client`)."""
    lsp = await start_server(request, options)
    try:
        started = await EditorClient.start(lsp, editor, workspace, options)
        try:
            yield started
        finally:
            await started.stop()
    finally:
        await lsp.stop()


@pytest.fixture
async def lsp_client(
    request: pytest.FixtureRequest, server_options: ServerOptions
) -> AsyncIterator[LanguageClient]:
    """The server for one test; pytest-lsp's plugin finds the client among the test's fixtures
    to report the server's log messages and errors with the test."""
    lsp = await start_server(request, server_options)
    yield lsp
    await lsp.stop()


@pytest.fixture
async def client(
    lsp_client: LanguageClient, editor: Editor, workspace: Path, server_options: ServerOptions
) -> AsyncIterator[EditorClient]:
    started = await EditorClient.start(lsp_client, editor, workspace, server_options)
    yield started
    await started.stop()
