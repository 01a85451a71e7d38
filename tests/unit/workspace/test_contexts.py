"""A document's context as a pure query over an `EnvSource`: env files read through it, parsed
again only when their version changes, unreadable files reported, and their problems kept for the
caller to show (nothing is published). Also the CLI's layouts of a file and a folder."""

from __future__ import annotations

import json
from pathlib import Path

from oauth_http.workspace.contexts import WorkspaceContexts
from oauth_http.workspace.env_source import BufferedEnvSource, DiskEnvSource
from oauth_http.workspace.layout import layout_of, layout_of_directory, layout_of_file

PUBLIC = "http-client.env.json"


class _CountingSource(DiskEnvSource):
    def __init__(self) -> None:
        self.reads: list[str] = []

    def read(self, path: str) -> str | None:
        self.reads.append(path)
        return super().read(path)


def _write_env(folder: Path, env: object) -> Path:
    path = folder / PUBLIC
    path.write_text(json.dumps(env), encoding="utf-8")
    return path


def test_env_files_are_read_once_per_version_and_the_selection_is_part_of_the_key(
    tmp_path: Path,
) -> None:
    env_path = _write_env(tmp_path, {"dev": {"host": "one"}, "prod": {"host": "two"}})
    source = _CountingSource()
    contexts = WorkspaceContexts(source)
    uri = (tmp_path / "api.http").as_uri()
    layout = layout_of(uri, [tmp_path.as_uri()], None)
    dev = contexts.for_document(uri, layout, "dev")
    assert contexts.for_document(uri, layout, "dev") is dev
    assert source.reads.count(str(env_path)) == 1
    prod = contexts.for_document(uri, layout, "prod")
    assert prod is not dev and prod.selected_environment == "prod"
    assert source.reads.count(str(env_path)) == 1, "an unchanged file is not parsed again"
    _write_env(tmp_path, {"dev": {"host": "three", "extra": "x"}})
    again = contexts.for_document(uri, layout, "dev")
    assert again is not dev and source.reads.count(str(env_path)) == 2
    assert again.environments is not None and again.environments.has_environment("dev")
    assert again.missing_environment() is None
    gone = contexts.for_document(uri, layout, "prod")
    assert gone.missing_environment() is not None and "dev" in (gone.missing_environment() or "")


def test_an_open_buffer_wins_over_the_disk(tmp_path: Path) -> None:
    env_path = _write_env(tmp_path, {"dev": {"host": "disk"}})
    buffers = {str(env_path): (3, json.dumps({"dev": {"host": "buffer"}}))}
    contexts = WorkspaceContexts(BufferedEnvSource(buffers.get))
    uri = (tmp_path / "api.http").as_uri()
    context = contexts.for_document(uri, layout_of(uri, [tmp_path.as_uri()], None), "dev")
    assert context.resolve_env_text("{{host}}") == "buffer"


def test_problems_are_kept_for_the_caller_and_unreadable_files_are_named(tmp_path: Path) -> None:
    env_path = tmp_path / PUBLIC
    env_path.write_text('{"dev": {"host": 1', encoding="utf-8")
    contexts = WorkspaceContexts(DiskEnvSource())
    uri = (tmp_path / "api.http").as_uri()
    layout = layout_of(uri, [tmp_path.as_uri()], None)
    contexts.for_document(uri, layout, None)
    loaded = contexts.loaded_env_files()
    assert loaded[str(env_path)], "the syntax error is kept"
    assert loaded[str(tmp_path / "http-client.private.env.json")] == (), "no file, no problems"
    env_path.write_bytes(b'{"dev": {"host": "\xff"}}')
    broken = contexts.for_document(uri, layout, None)
    assert broken.env_read_errors and str(env_path) in broken.env_read_errors[0]
    assert broken.environments is None


def test_the_cli_layout_of_a_file_finds_the_env_folder_above_it(tmp_path: Path) -> None:
    (tmp_path / "api").mkdir()
    _write_env(tmp_path, {"dev": {}})
    file = tmp_path / "api" / "calls.http"
    layout = layout_of_file(file, cwd=tmp_path / "api")
    assert layout.folder_path == tmp_path and layout.document_dir == tmp_path / "api"
    assert layout.env_paths()[0] == str(tmp_path / PUBLIC)
    assert layout.secret_folder_uris() == (tmp_path.as_uri(),)


def test_without_env_files_cli_secrets_come_from_the_cwd_then_the_files_folder(
    tmp_path: Path,
) -> None:
    (tmp_path / "api").mkdir()
    (tmp_path / "elsewhere").mkdir()
    file = tmp_path / "api" / "calls.http"
    layout = layout_of_file(file, cwd=tmp_path / "elsewhere")
    assert layout.env_paths() == ()
    assert layout.secret_folder_uris() == (
        (tmp_path / "elsewhere").as_uri(),
        (tmp_path / "api").as_uri(),
    )
    assert layout_of_directory(tmp_path / "api").folder_path == tmp_path / "api"
