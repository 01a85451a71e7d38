"""Every preset's flow and signing through the CLI, against the sandbox persona that plays it:
two commands (`oauth-http authorize`, then `oauth-http send`) from nothing to a signed 200. And the
Loopback flow's own cases on a real listener: cancel, timeout, a mismatched token, a port in use;
and `oauth-http sign --provider` with what `authorize` stored.

The tests play the user: they type on stdin what a person types, read the authorize address the
CLI prints, and approve in the persona's page, following its redirect as a browser would."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
import requests
from oauth_http.sandbox.browser import approve, approve_and_follow
from oauth_http.sandbox.persona_env import EXAMPLES_KEY_FILE, persona_environment
from oauth_http.sandbox.server import RunningSandbox

from tests.paths import EXAMPLES
from tests.persona_workspace import (
    PRESETS_BY_FLOW,
    PROVIDERS_FILE,
    persona_workspace,
    terminal_answers,
)

ADDRESS = re.compile(r"approve access at (\S+)")
NO_KEYRING = "keyring.backends.fail.Keyring"


@pytest.fixture
def workspace(tmp_path: Path, sandbox: RunningSandbox) -> Path:
    return persona_workspace(tmp_path, sandbox.url)


def cli(*arguments: str, cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": NO_KEYRING, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "oauth_http", *arguments],
        cwd=cwd,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def authorize(provider: str, workspace: Path, *extra: str) -> subprocess.Popen[str]:
    return cli(
        "authorize", provider, "--no-browser",
        "--token-file", str(workspace / "tokens.json"), *extra, cwd=workspace,
    )  # fmt: skip


def type_lines(process: subprocess.Popen[str], lines: list[str]) -> None:
    assert process.stdin is not None
    process.stdin.write("".join(f"{line}\n" for line in lines))
    process.stdin.flush()


def address_printed(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    seen = []
    for line in process.stdout:
        seen.append(line)
        if match := ADDRESS.search(line):
            return match.group(1)
    raise AssertionError(f"no authorize address: {seen}")


def finish(process: subprocess.Popen[str], more: str = "") -> tuple[int, str, str]:
    out, err = process.communicate(more or None, timeout=60)
    return process.returncode, out, err


def send(name: str, workspace: Path) -> tuple[int, dict[str, Any], str]:
    done = subprocess.run(
        [
            sys.executable, "-m", "oauth_http", "send", PROVIDERS_FILE, "--name", name,
            "--token-file", str(workspace / "tokens.json"),
        ],
        cwd=workspace,
        env={**os.environ, "PYTHON_KEYRING_BACKEND": NO_KEYRING},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )  # fmt: skip
    head, _, body = done.stdout.partition("\n\n")
    status = int(head.split()[1]) if head.startswith("HTTP/") else 0
    return status, json.loads(body) if body.strip().startswith("{") else {}, done.stderr


@pytest.mark.parametrize("preset", [*PRESETS_BY_FLOW["Loopback"], *PRESETS_BY_FLOW["PIN"]])
def test_a_three_legged_preset_from_nothing_to_a_signed_200(
    preset: str, workspace: Path, sandbox: RunningSandbox
) -> None:
    process = authorize(preset, workspace)
    type_lines(process, terminal_answers(preset, sandbox.url))
    url = address_printed(process)
    if preset == "discogs":
        code, out, err = finish(process, f"{approve(url)}\n")
    else:
        landed = approve_and_follow(url)
        assert landed.status == 200 and landed.title.startswith("Authorized ")
        assert landed.url.startswith("http://127.0.0.1:")
        code, out, err = finish(process)
    assert code == 0, err
    assert f"Authorized {preset} as sandbox_user" in out
    status, body, err = send(preset, workspace)
    assert status == 200, err
    assert body["token"] == "access"


@pytest.mark.parametrize("preset", [*PRESETS_BY_FLOW["Paste"], *PRESETS_BY_FLOW["Consumer Only"]])
def test_a_pasted_or_consumer_only_preset_from_nothing_to_a_signed_200(
    preset: str, workspace: Path, sandbox: RunningSandbox
) -> None:
    answers = terminal_answers(preset, sandbox.url)
    code, out, err = finish(authorize(preset, workspace), "".join(f"{a}\n" for a in answers))
    assert code == 0, err
    stored = (workspace / "tokens.json").read_text(encoding="utf-8")
    for secret in (answer for answer in answers if answer != "yes"):
        assert secret not in out + err
        assert secret in stored or ":" in secret  # MAAS's key is stored in its three parts
    status, body, err = send(preset, workspace)
    assert status == 200, err
    assert body["consumer_key"]
    if preset in PRESETS_BY_FLOW["Consumer Only"]:
        assert "Its consumer is kept in" in out and body["token"] is None
    else:
        assert f"Stored the access token for {preset}" in out and body["token"] == "access"


def test_the_quirks_reach_the_wire(workspace: Path, sandbox: RunningSandbox) -> None:
    for preset in ("magento", "mastercard", "woocommerce", "schoology", "netsuite"):
        answers = terminal_answers(preset, sandbox.url)
        assert finish(authorize(preset, workspace), "".join(f"{a}\n" for a in answers))[0] == 0
    _, magento, _ = send("magento", workspace)
    assert magento["query"] == [
        ["searchCriteria[pageSize]", "2"],
        ["searchCriteria[currentPage]", "1"],
    ]
    assert magento["signature_method"] == "HMAC-SHA256"
    _, mastercard, _ = send("mastercard-get", workspace)
    assert mastercard["oauth"]["oauth_body_hash"] == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
    _, woo, _ = send("woocommerce", workspace)
    assert woo["placement"] == "query" and "oauth_version" not in woo["oauth"]
    _, schoology, _ = send("schoology", workspace)
    assert schoology["oauth"]["oauth_token"] == ""
    _, netsuite, _ = send("netsuite", workspace)
    assert netsuite["signature_method"] == "HMAC-SHA256"


def with_callback(workspace: Path, callback: str) -> None:
    env_file = workspace / "http-client.env.json"
    env = json.loads(env_file.read_text(encoding="utf-8"))
    env["$shared"]["Security"]["Auth"]["tumblr"]["Callback"] = callback
    env_file.write_text(json.dumps(env), encoding="utf-8")


def test_loopback_with_a_port_in_use(workspace: Path, taken_port: int) -> None:
    with_callback(workspace, f"http://127.0.0.1:{taken_port}/back")
    code, _, err = finish(authorize("tumblr", workspace), "yes\ncallback-secret\n")
    assert code == 1
    assert f"Port {taken_port} on 127.0.0.1 is in use" in err
    assert not (workspace / "tokens.json").exists()


def test_loopback_on_a_registered_callback(workspace: Path, sandbox: RunningSandbox) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with_callback(workspace, f"http://127.0.0.1:{port}/registered")
    process = authorize("tumblr", workspace)
    type_lines(process, ["yes", "callback-secret"])
    landed = approve_and_follow(address_printed(process))
    assert landed.url.startswith(f"http://127.0.0.1:{port}/registered?oauth_token=")
    assert finish(process)[0] == 0


def test_loopback_refuses_a_mismatched_token(workspace: Path) -> None:
    process = authorize("tumblr", workspace)
    type_lines(process, ["yes", "callback-secret"])
    url = address_printed(process)
    redirect = approved_redirect(url)
    parts = urlsplit(redirect)
    query = dict(parse_qsl(parts.query))
    query["oauth_token"] = "req-someone-else"
    landing = requests.get(urlunsplit(parts._replace(query=urlencode(query))), timeout=10)
    assert "Authorization failed" in landing.text and "another request token" in landing.text
    code, _, err = finish(process)
    assert code == 1 and "another request token" in err
    assert not (workspace / "tokens.json").exists()


def approved_redirect(authorize_url: str) -> str:
    """Press Approve on the persona's page and return where it redirects, without going."""
    token = dict(parse_qsl(urlsplit(authorize_url).query))["oauth_token"]
    answer = requests.post(
        authorize_url.split("?", 1)[0],
        data={"oauth_token": token, "action": "approve"},
        allow_redirects=False,
        timeout=10,
    )
    return answer.headers["Location"]


def test_loopback_times_out_when_the_browser_never_comes_back(workspace: Path) -> None:
    process = authorize("tumblr", workspace, "--timeout", "0.5")
    type_lines(process, ["yes", "callback-secret"])
    address_printed(process)
    code, _, err = finish(process)
    assert code == 1
    assert "did not come back from Tumblr within 0.5 s" in err


def test_loopback_cancelled_with_ctrl_c_closes_the_listener(workspace: Path) -> None:
    process = authorize("tumblr", workspace)
    type_lines(process, ["yes", "callback-secret"])
    url = address_printed(process)
    redirect = approved_redirect(url)
    process.send_signal(signal.SIGINT)
    code, _, err = finish(process)
    assert code == 130 and "Interrupted" in err
    with pytest.raises(requests.ConnectionError):
        requests.get(redirect, timeout=10)
    assert not (workspace / "tokens.json").exists()


def test_sign_with_a_stored_provider(workspace: Path, sandbox: RunningSandbox) -> None:
    answers = terminal_answers("netsuite", sandbox.url)
    assert finish(authorize("netsuite", workspace), "".join(f"{a}\n" for a in answers))[0] == 0
    url = f"{sandbox.url}/personas/netsuite/api/whoami"
    done = subprocess.run(
        [
            sys.executable, "-m", "oauth_http", "sign", "--method", "GET", "--url", url,
            "--provider", "netsuite", "--dir", str(workspace),
            "--token-file", str(workspace / "tokens.json"),
        ],
        capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "PYTHON_KEYRING_BACKEND": NO_KEYRING},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    header = done.stdout.split("Authorization header:\n", 1)[1].split("\n", 1)[0]
    assert header.startswith('OAuth realm="1234567_SB1", ')
    assert "HMAC-SHA256" in header
    answer = requests.get(url, headers={"Authorization": header}, timeout=10)
    assert answer.status_code == 200, answer.text
    assert answer.json()["token"] == "access"


def test_flow_overrides_the_presets_and_unknown_flows_are_refused(workspace: Path) -> None:
    code, _, err = finish(authorize("tumblr", workspace, "--flow", "paste"), "yes\ncs\nt\nts\n")
    assert code == 0, err
    code, _, err = finish(authorize("netsuite", workspace, "--flow", "PIN"))
    assert code == 1 and "PIN flow, which needs Request Token URL" in err
    code, _, err = finish(authorize("tumblr", workspace, "--flow", "oob"))
    assert code == 2 and "unknown flow 'oob'" in err


def test_a_retired_api_says_where_it_went(workspace: Path) -> None:
    code, _, err = finish(authorize("xero", workspace))
    assert code == 1 and "OAuth 2.0" in err and "retired in 2021" in err


def test_the_examples_personas_settings_are_the_ones_the_tests_use() -> None:
    examples = EXAMPLES / "providers"
    env = json.loads((examples / "http-client.env.json").read_text(encoding="utf-8"))
    assert env["$shared"] == persona_environment(
        "http://127.0.0.1:8765", key_file=EXAMPLES_KEY_FILE
    )
    assert (examples / EXAMPLES_KEY_FILE).resolve().is_file()
