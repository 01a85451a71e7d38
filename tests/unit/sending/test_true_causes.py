"""Messages that name the real cause: http.client's refusals, the env file's own problem behind a
missing environment, an unusable RSA key file; hints that name commands which exist; and the
CLI's one-line internal error with exit status 3."""

from __future__ import annotations

import argparse
import http.client
import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from oauth_http.cli import main as cli_main
from oauth_http.cli.terminal_sends import EXIT_INTERNAL, TerminalSends
from oauth_http.oauth.presets import PRESETS_BY_ID
from oauth_http.sending.failures import INTERNAL, Failure, classify_exception
from oauth_http.sending.files import DiskFileReader
from oauth_http.sending.oauth_setup import read_private_key
from oauth_http.sending.record import RecordHead, build_record

from tests.paths import REPO
from tests.unit.oauth.flow_fakes import DictSecrets

URL = "http://127.0.0.1:8080/x"


@pytest.mark.parametrize(
    ("error", "received", "cause"),
    [
        (http.client.HTTPException("got more than 100 headers"), None, "more than 100 response"),
        (http.client.LineTooLong("header line"), None, "header line longer than 65,536 bytes"),
        (http.client.LineTooLong("status line"), None, "status line longer than 65,536 bytes"),
        (http.client.BadStatusLine("SSH-2.0-OpenSSH\r\n"), None, "(it sent 'SSH-2.0-OpenSSH')"),
        (http.client.RemoteDisconnected("gone"), None, "closed the connection without answering"),
        (ConnectionResetError(104, "reset"), 12, "reset the connection while sending the body"),
    ],
)
def test_http_clients_refusals_are_named(
    error: Exception, received: int | None, cause: str
) -> None:
    failure = classify_exception(error, URL, 5, received=received)
    assert failure.kind == "protocol" and cause in failure.message, failure.message
    assert "127.0.0.1:8080" in failure.message


def test_a_missing_environment_names_the_env_files_own_error(tmp_path: Path) -> None:
    nested = '{"dev": ' + '{"a": ' * 300 + "1" + "}" * 300 + "}"
    (tmp_path / "http-client.env.json").write_text(nested, encoding="utf-8")
    (tmp_path / "api.http").write_text("GET http://127.0.0.1:1/\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "oauth_http", "send", "api.http", "--env", "dev"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert 'No environment "dev"' in result.stderr
    assert "http-client.env.json, line 1: JSON nested deeper than 256 levels." in result.stderr


async def test_an_unusable_rsa_key_file_is_named(tmp_path: Path) -> None:
    key = tmp_path / "consumer.pem"
    key.write_text("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n")
    provider = replace(PRESETS_BY_ID["jira"], private_key_file=str(key))
    failure = await read_private_key(
        provider, DiskFileReader(), None, tmp_path.as_uri(), DictSecrets()
    )
    assert isinstance(failure, Failure) and failure.kind == "key_file"
    assert f"{key} could not be read as a private key" in failure.message
    assert "Private Key File" in failure.hint
    assert "body or Content-Type" not in failure.hint


def test_every_editor_command_a_message_names_exists_in_the_palette() -> None:
    manifest = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    palette = {
        f"{command['category']}: {command['title']}"
        for command in manifest["contributes"]["commands"]
    }
    named: set[str] = set()
    for source in (REPO / "server" / "oauth_http").rglob("*.py"):
        named.update(
            re.findall(r"\"(OAuth(?: HTTP)?: [A-Z][a-z]+(?: [a-z]+)*)\"", source.read_text())
        )
    assert named, "the hints name palette commands in double quotes"
    assert named <= palette, named - palette


def test_an_unexpected_error_is_one_line_and_exit_status_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from oauth_http.cli import sign

    def explode(args: object) -> int:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(sign, "run", explode)
    monkeypatch.delenv(cli_main.DEBUG_SWITCH, raising=False)
    status = cli_main.main(["sign", "--method", "GET", "--url", URL, "--consumer-key", "k"])
    err = capsys.readouterr().err
    assert status == 3
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("oauth-http sign: internal error: the input is nested too deeply")
    monkeypatch.setenv(cli_main.DEBUG_SWITCH, "1")
    assert cli_main.main(["sign", "--method", "GET", "--url", URL, "--consumer-key", "k"]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_an_internal_failure_record_gives_exit_status_3(
    capsys: pytest.CaptureFixture[str],
) -> None:
    record = build_record(
        RecordHead("file:///api.http", 0, "GET"),
        method="GET",
        url=URL,
        headers=[],
        body=None,
        response=None,
        total_ms=1.0,
        headers_ms=None,
        oauth=None,
        redirects=[],
        error=Failure(INTERNAL, "Sending failed unexpectedly (KeyError).", "Send again."),
        body_limit=1024,
    )
    arguments = argparse.Namespace(
        verbose=False, raw=False, fail=False, token_file=None, allow_outside=None, allow_origin=None
    )
    assert TerminalSends(arguments).report(record) == EXIT_INTERNAL
    assert "Sending failed unexpectedly (KeyError)." in capsys.readouterr().err
