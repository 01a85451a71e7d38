"""The user's answers about where credentials go (`workspace.consent`): a definition of the
workspace's own is asked once per fingerprint and kept only when the caller keeps it, a
downgrade is refused without asking, allowed origins are kept per folder and provider, and a
refused record names the origin to offer."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from oauth_http.oauth.secret_keys import allowed_origins_name, definition_name
from oauth_http.sending.record_types import ResponseRecord
from oauth_http.workspace.consent import (
    Agreement,
    agree_to_definition,
    allow_origin,
    allowed_origins,
    refused_origin,
)
from oauth_http.workspace.contexts import DocumentContext, WorkspaceContexts
from oauth_http.workspace.env_source import DiskEnvSource
from oauth_http.workspace.layout import layout_of_file

from tests.unit.oauth.flow_fakes import DictSecrets, FakeInteraction


def context_with(tmp_path: Path, auth: Mapping[str, object]) -> DocumentContext:
    env = {"$shared": {"Security": {"Auth": auth}}}
    (tmp_path / "http-client.env.json").write_text(json.dumps(env), encoding="utf-8")
    path = tmp_path / "api.http"
    path.write_text("", encoding="utf-8")
    return WorkspaceContexts(DiskEnvSource()).for_document(
        path.as_uri(), layout_of_file(path, cwd=tmp_path), None
    )


def moved_sandbox(port: int, **more: str) -> dict[str, object]:
    base = f"http://127.0.0.1:{port}"
    return {
        "sandbox": {
            "Request Token URL": f"{base}/oauth/request_token",
            "Authorize URL": f"{base}/oauth/authorize",
            "Access Token URL": f"{base}/oauth/access_token",
            **more,
        }
    }


async def test_a_definition_is_asked_once_per_fingerprint(tmp_path: Path) -> None:
    context = context_with(tmp_path, moved_sandbox(9))
    sandbox = context.provider_registry().providers["sandbox"]
    interaction, secrets = FakeInteraction([]), DictSecrets()
    agreed = await agree_to_definition(context, sandbox, interaction, secrets)
    assert isinstance(agreed, Agreement) and agreed.key is not None
    assert secrets.values == {}  # kept only when the caller says so
    await agreed.keep(secrets)
    assert agreed.key == definition_name(context.folder_uri, "sandbox")
    again = await agree_to_definition(context, sandbox, interaction, secrets)
    assert isinstance(again, Agreement) and again.key is None
    assert len(interaction.confirmations) == 1
    assert (
        "Request Token URL: http://127.0.0.1:8765/oauth/request_token → "
        in (interaction.confirmations[0])
    )

    changed = context_with(tmp_path, moved_sandbox(10)).provider_registry().providers["sandbox"]
    interaction.agrees = False
    refused = await agree_to_definition(context, changed, interaction, secrets)
    assert isinstance(refused, str) and "was not agreed to" in refused
    assert len(interaction.confirmations) == 2


async def test_a_preset_left_alone_is_not_asked_about(tmp_path: Path) -> None:
    context = context_with(tmp_path, {"sandbox": {"Consumer Key": "mine"}})
    sandbox = context.provider_registry().providers["sandbox"]
    interaction = FakeInteraction([])
    agreed = await agree_to_definition(context, sandbox, interaction, DictSecrets())
    assert agreed == Agreement() and interaction.confirmations == []


async def test_a_downgrade_is_refused_without_asking(tmp_path: Path) -> None:
    auth = {"twitter": {"Request Token URL": "http://203.0.113.9/oauth/request_token"}}
    context = context_with(tmp_path, auth)
    twitter = context.provider_registry().providers["twitter"]
    interaction = FakeInteraction([])
    refused = await agree_to_definition(context, twitter, interaction, DictSecrets())
    assert isinstance(refused, str) and "It was refused" in refused
    assert interaction.confirmations == []


async def test_allowed_origins_are_kept_per_folder_and_provider(tmp_path: Path) -> None:
    context = context_with(tmp_path, {})
    secrets = DictSecrets()
    await allow_origin(context, "sandbox", "https://api.example.com", secrets)
    await allow_origin(context, "sandbox", "https://api.example.com", secrets)
    await allow_origin(context, "sandbox", "http://127.0.0.1:9", secrets)
    assert await allowed_origins(context, "sandbox", secrets) == (
        "https://api.example.com",
        "http://127.0.0.1:9",
    )
    assert await allowed_origins(context, "twitter", secrets) == ()
    key = allowed_origins_name(context.folder_uri, "sandbox")
    assert json.loads(secrets.values[key]) == ["https://api.example.com", "http://127.0.0.1:9"]


def record(kind: str, url: str, headers: list[list[str]]) -> ResponseRecord:
    error = {"kind": kind, "message": "m", "hint": "h"}
    return {"request": {"url": url}, "headers": headers, "error": error}  # type: ignore[typeddict-item]  # only the fields read


def test_a_refused_record_names_its_origin() -> None:
    assert refused_origin(record("foreign_origin", "http://evil.example:81/a?b", [])) == (
        "http://evil.example:81"
    )
    redirected = record(
        "foreign_redirect", "https://api.x.com/a", [["Location", "//evil.example/x"]]
    )
    assert refused_origin(redirected) == "https://evil.example"
    assert refused_origin(record("dns", "https://api.x.com/", [])) is None
