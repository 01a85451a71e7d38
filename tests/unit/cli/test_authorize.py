"""`oauth-http authorize` as a subprocess against the sandbox on 127.0.0.1: the PIN on stdin after
the test approves in the sandbox's page, the token file, no keyring, a wrong PIN, end of input."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from oauth_http.sandbox.accounts import SANDBOX_CONSUMER_KEY, SANDBOX_CONSUMER_SECRET
from oauth_http.sandbox.browser import approve
from oauth_http.sandbox.server import RunningSandbox

from tests.oauth1_reference import OAuth1

NO_KEYRING = "keyring.backends.fail.Keyring"
ADDRESS = re.compile(r"approve access at (\S+)")


def write_env(folder: Path, sandbox: RunningSandbox, environment: str = "dev") -> None:
    entry = {
        "Request Token URL": "{{base}}/oauth/request_token",
        "Authorize URL": "{{base}}/oauth/authorize",
        "Access Token URL": "{{base}}/oauth/access_token",
    }
    env = {
        environment: {"base": f"{sandbox.url}/", "Security": {"Auth": {"sandbox": entry}}},
        "other": {},
    }
    (folder / "http-client.env.json").write_text(json.dumps(env), encoding="utf-8")


def start(*arguments: str, cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": NO_KEYRING, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "oauth_http", "authorize", *arguments],
        cwd=cwd,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def authorize_address(process: subprocess.Popen[str]) -> str:
    """Read stdout until the line with the authorize address."""
    assert process.stdout is not None
    seen = []
    for line in process.stdout:
        seen.append(line)
        if match := ADDRESS.search(line):
            return match.group(1)
    assert process.stderr is not None
    raise AssertionError(f"no authorize address printed: {seen} {process.stderr.read()}")


def finish(process: subprocess.Popen[str], more_input: str = "") -> tuple[int, str, str]:
    assert process.stdin is not None and process.stdout is not None
    if more_input:
        process.stdin.write(more_input)
        process.stdin.flush()
    out, err = process.communicate(timeout=60)
    return process.returncode, out, err


def run_with_pin(
    tmp_path: Path, pin_for: Callable[[str], str], *arguments: str
) -> tuple[int, str, str, str]:
    process = start("sandbox", "--no-browser", "--env", "dev", *arguments, cwd=tmp_path)
    assert process.stdin is not None
    process.stdin.write(f"yes\n{SANDBOX_CONSUMER_KEY}\n{SANDBOX_CONSUMER_SECRET}\n")
    process.stdin.flush()
    url = authorize_address(process)
    pin = pin_for(url)
    code, out, err = finish(process, f"{pin}\n")
    return code, out, err, url


def test_authorize_with_a_token_file(tmp_path: Path, sandbox: RunningSandbox) -> None:
    write_env(tmp_path, sandbox)
    token_file = tmp_path / "tokens.json"
    code, out, err, url = run_with_pin(tmp_path, approve, "--token-file", str(token_file))

    assert code == 0, err
    assert url.startswith(f"{sandbox.url}/oauth/authorize?oauth_token=")
    assert "Authorized sandbox as sandbox_user" in out
    assert str(token_file) in out
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    stored = json.loads(token_file.read_text(encoding="utf-8"))
    prefix = f"oauthHttp:{tmp_path.resolve().as_uri()}:sandbox"
    assert stored[f"{prefix}:consumer"] == {
        "key": SANDBOX_CONSUMER_KEY,
        "secret": SANDBOX_CONSUMER_SECRET,
    }
    token = stored[f"{prefix}:token"]
    assert token["screenName"] == "sandbox_user" and token["userId"] == "1000001"
    for secret in (SANDBOX_CONSUMER_SECRET, token["secret"], token["token"]):
        assert secret not in out and secret not in err

    # The stored token really works: a signed call to the sandbox's API answers who we are.
    auth = OAuth1(SANDBOX_CONSUMER_KEY, SANDBOX_CONSUMER_SECRET, token["token"], token["secret"])
    answer = requests.get(
        f"{sandbox.url}/1.1/account/verify_credentials.json", auth=auth, timeout=10
    )
    assert answer.status_code == 200 and answer.json()["screen_name"] == "sandbox_user"


def test_a_second_authorization_reuses_the_stored_consumer(
    tmp_path: Path, sandbox: RunningSandbox
) -> None:
    write_env(tmp_path, sandbox)
    token_file = tmp_path / "tokens.json"
    assert run_with_pin(tmp_path, approve, "--token-file", str(token_file))[0] == 0
    process = start(
        "sandbox", "--no-browser", "--env", "dev", "--token-file", str(token_file), cwd=tmp_path
    )
    pin = approve(authorize_address(process))
    code, _, err = finish(process, f"{pin}\n")
    assert code == 0, err
    assert "Consumer key" not in err and "Consumer secret" not in err


def test_env_files_are_found_upwards_from_dir(tmp_path: Path, sandbox: RunningSandbox) -> None:
    write_env(tmp_path, sandbox)
    nested = tmp_path / "api" / "v1"
    nested.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    token_file = tmp_path / "t.json"
    process = start(
        "sandbox", "--no-browser", "--env", "dev", "--dir", str(nested),
        "--token-file", str(token_file), cwd=elsewhere,
    )  # fmt: skip
    assert process.stdin is not None
    process.stdin.write(f"yes\n{SANDBOX_CONSUMER_KEY}\n{SANDBOX_CONSUMER_SECRET}\n")
    process.stdin.flush()
    code, _, err = finish(process, f"{approve(authorize_address(process))}\n")
    assert code == 0, err
    assert f"oauthHttp:{tmp_path.resolve().as_uri()}:sandbox:token" in json.loads(
        token_file.read_text(encoding="utf-8")
    )


def test_without_keyring_or_token_file_it_keeps_nothing(
    tmp_path: Path, sandbox: RunningSandbox
) -> None:
    write_env(tmp_path, sandbox)
    code, out, err = finish(start("sandbox", "--no-browser", "--env", "dev", cwd=tmp_path))
    assert code == 1
    assert "No usable keyring backend" in err and "--token-file" in err
    assert "Consumer key" not in err and out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["http-client.env.json"]


def test_a_wrong_pin_fails_and_stores_nothing(tmp_path: Path, sandbox: RunningSandbox) -> None:
    write_env(tmp_path, sandbox)
    token_file = tmp_path / "tokens.json"

    def wrong_pin(url: str) -> str:
        right = approve(url)
        return "0000000" if right != "0000000" else "1111111"

    code, out, err, _ = run_with_pin(tmp_path, wrong_pin, "--token-file", str(token_file))
    assert code == 1
    assert "verifier_invalid" in err and "authorize again" in err
    assert "Authorized" not in out
    assert not token_file.exists()


def test_end_of_input_cancels(tmp_path: Path, sandbox: RunningSandbox) -> None:
    write_env(tmp_path, sandbox)
    token_file = tmp_path / "tokens.json"
    process = start(
        "sandbox", "--no-browser", "--env", "dev", "--token-file", str(token_file), cwd=tmp_path
    )
    assert process.stdin is not None
    process.stdin.write(f"yes\n{SANDBOX_CONSUMER_KEY}\n")
    code, _, err = finish(process)
    assert code == 130
    assert "cancelled; nothing was stored" in err
    assert not token_file.exists()


def test_an_unknown_environment_lists_the_known_ones(
    tmp_path: Path, sandbox: RunningSandbox
) -> None:
    write_env(tmp_path, sandbox)
    code, _, err = finish(start("sandbox", "--env", "prod", "--token-file", "t.json", cwd=tmp_path))
    assert code == 1
    assert 'No environment "prod"' in err and "dev, other" in err


@pytest.mark.parametrize(
    ("provider", "hint"), [("sandbx", 'Did you mean "sandbox"?'), ("jira", "jiraBaseUrl")]
)
def test_a_provider_that_cannot_be_used_says_why(tmp_path: Path, provider: str, hint: str) -> None:
    code, _, err = finish(start(provider, "--token-file", "t.json", cwd=tmp_path))
    assert code == 1
    assert hint in err
