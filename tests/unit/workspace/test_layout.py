"""Where a document sits: its workspace folder and the folders searched for env files."""

from __future__ import annotations

from pathlib import Path

from oauth_http.workspace.layout import layout_of, uri_of_path


def test_the_innermost_workspace_folder_holds_the_document(tmp_path: Path) -> None:
    outer, inner = tmp_path / "outer", tmp_path / "outer" / "inner"
    document = inner / "api" / "calls.http"
    layout = layout_of(document.as_uri(), [outer.as_uri(), inner.as_uri()], None)
    assert layout.folder_path == inner
    assert layout.folder_uri == uri_of_path(str(inner))
    assert layout.document_dir == inner / "api"
    assert layout.dotenv_path == str(inner / "api" / ".env")


def test_the_nearest_folder_with_an_env_file_wins_and_a_new_file_is_seen(tmp_path: Path) -> None:
    (tmp_path / "api").mkdir()
    (tmp_path / "http-client.env.json").write_text("{}")
    layout = layout_of((tmp_path / "api" / "calls.http").as_uri(), [tmp_path.as_uri()], None)
    assert layout.env_paths() == (
        str(tmp_path / "http-client.env.json"),
        str(tmp_path / "http-client.private.env.json"),
    )
    (tmp_path / "api" / "http-client.private.env.json").write_text("{}")
    assert layout.env_paths()[1] == str(tmp_path / "api" / "http-client.private.env.json")


def test_outside_every_folder_only_the_document_folder_is_searched(tmp_path: Path) -> None:
    (tmp_path / "http-client.env.json").write_text("{}")
    elsewhere = tmp_path / "elsewhere" / "calls.http"
    layout = layout_of(elsewhere.as_uri(), [(tmp_path / "project").as_uri()], None)
    assert layout.folder_path == tmp_path / "elsewhere"
    assert layout.env_paths() == ()


def test_an_untitled_document_uses_the_first_folder_or_the_root(tmp_path: Path) -> None:
    layout = layout_of("untitled:Untitled-1", [tmp_path.as_uri()], None)
    assert layout.folder_path == tmp_path and layout.document_dir == tmp_path
    assert layout_of("untitled:Untitled-1", [], str(tmp_path)).folder_path == tmp_path
    nowhere = layout_of(None, [], None)
    assert nowhere.folder_path is None and nowhere.env_candidates == ()
    assert nowhere.dotenv_path is None
