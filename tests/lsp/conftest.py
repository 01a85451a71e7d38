"""Fixtures for language server tests: the real server over stdio and a scripted editor.

`editor` (a `lsp_editor.Editor`) holds what the test's editor answers to prompts, picks and
message requests, keeps secrets in a dict, and records prompts, offers, response records and
`providersChanged` notifications. `workspace` is a temporary folder whose
`http-client.env.json` points the sandbox preset at `workspace_sandbox`, a sandbox on a free port
started for each test.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import pytest_lsp
from oauth_http.sandbox.server import RunningSandbox, start_sandbox
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp.editor import Editor, start_session

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


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER_COMMAND))
async def client(lsp_client: LanguageClient, editor: Editor, workspace: Path):  # type: ignore[no-untyped-def]
    await start_session(lsp_client, editor, workspace)
    yield
    await lsp_client.shutdown_session()
