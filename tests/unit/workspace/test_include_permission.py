"""Asking before a send reads a body file outside the workspace folder: the editor's permission
asks once per workspace and keeps the answer in the secret store; the CLI's is its flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from oauth_http.cli.terminal_sends import AllowedOutside
from oauth_http.oauth.secret_keys import allowed_paths_name
from oauth_http.sending.chaining import ResponseStore
from oauth_http.sending.outside_files import real_path
from oauth_http.sending.prepare import SendJob
from oauth_http.syntax.parser import parse_document
from oauth_http.workspace.contexts import DocumentContext, WorkspaceContexts
from oauth_http.workspace.env_source import DiskEnvSource
from oauth_http.workspace.include_permission import (
    ALLOW,
    OutsidePermission,
    StoredPermission,
    allow_outside_includes,
)
from oauth_http.workspace.jobs import build_job
from oauth_http.workspace.layout import layout_of

from tests.unit.oauth.flow_fakes import DictSecrets, FakeInteraction


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "inside.json").write_text("{}")
    (tmp_path / "secret.txt").write_text("outside-marker")
    return folder


def _context(workspace: Path) -> DocumentContext:
    uri = (workspace / "api.http").as_uri()
    layout = layout_of(uri, [workspace.as_uri()], None)
    return WorkspaceContexts(DiskEnvSource()).for_document(uri, layout, None)


async def _job(workspace: Path, body: str, permission: OutsidePermission) -> SendJob:
    parsed = parse_document(f"@dir = ..\nPOST http://example.com/\n\n{body}\n")
    context = _context(workspace)
    job = build_job(
        context,
        parsed,
        parsed.requests()[0],
        store=ResponseStore(),
        prompt_values={},
        oauth=None,
    )
    return await allow_outside_includes(job, context, permission)


def _outside(workspace: Path) -> Path:
    return real_path(workspace.parent / "secret.txt")


async def test_an_outside_file_is_asked_about_by_name_and_kept_when_allowed(
    workspace: Path,
) -> None:
    interaction, secrets = FakeInteraction([], choice=ALLOW), DictSecrets()
    interaction.choice_ready.set()
    permission = StoredPermission(interaction, secrets)
    job = await _job(workspace, "<@ {{dir}}/secret.txt", permission)
    secret = _outside(workspace)
    assert len(interaction.offers) == 1
    assert (
        f"This request's body reads {secret}, outside the workspace folder {workspace}"
        in (interaction.offers[0])
    )
    assert job.include_reach().allowed == frozenset({secret})
    key = allowed_paths_name(workspace.as_uri())
    assert json.loads(secrets.values[key]) == [str(secret)]

    again = await _job(workspace, "< ../secret.txt", StoredPermission(interaction, secrets))
    assert len(interaction.offers) == 1, "an allowed path is not asked about again"
    assert again.include_reach().allowed == frozenset({secret})
    assert json.loads(secrets.values[key]) == [str(secret)], "kept once"


async def test_a_refusal_is_not_kept_and_the_next_send_asks_again(workspace: Path) -> None:
    interaction, secrets = FakeInteraction([]), DictSecrets()  # dismisses every message
    permission = StoredPermission(interaction, secrets)
    job = await _job(workspace, "< ../secret.txt", permission)
    assert job.include_reach().allowed == frozenset()
    assert "Allow in this workspace" in job.include_reach().hint(_outside(workspace))
    assert secrets.values == {}
    await _job(workspace, "< ../secret.txt", permission)
    assert len(interaction.offers) == 2


async def test_files_inside_are_sent_without_a_question_or_a_look_at_the_store(
    workspace: Path,
) -> None:
    interaction = FakeInteraction([])

    class Untouchable(DictSecrets):
        async def get(self, key: str) -> str | None:
            raise AssertionError("the store is not read for files inside the workspace")

    job = await _job(workspace, "< ./inside.json", StoredPermission(interaction, Untouchable()))
    assert interaction.offers == [] and job.include_reach().folder == workspace


async def test_a_stored_list_that_is_not_one_allows_nothing(workspace: Path) -> None:
    key = allowed_paths_name(workspace.as_uri())
    for stored in ("not json", '{"a": 1}', '["relative/secret.txt", 3]'):
        interaction = FakeInteraction([])
        permission = StoredPermission(interaction, DictSecrets({key: stored}))
        job = await _job(workspace, "< ../secret.txt", permission)
        assert job.include_reach().allowed == frozenset() and len(interaction.offers) == 1


async def test_the_cli_allows_what_its_flags_name_and_asks_nothing(workspace: Path) -> None:
    secret = _outside(workspace)
    refused = await _job(workspace, "< ../secret.txt", AllowedOutside([]))
    assert refused.include_reach().allowed == frozenset()
    assert f"--allow-outside {secret}" in refused.include_reach().hint(secret)
    by_file = await _job(
        workspace, "< ../secret.txt", AllowedOutside([workspace / ".." / "secret.txt"])
    )
    assert by_file.include_reach().allowed == frozenset({secret})
    by_folder = await _job(workspace, "< ../secret.txt", AllowedOutside([workspace.parent]))
    assert by_folder.include_reach().outside(workspace.parent / "secret.txt") is None
