"""The CLI keeps a provider's credentials on the provider's origins, against an attacker's listener
of the test's own (a second httpbed on 127.0.0.1): a signed request or a redirect of one to a
foreign origin, PLAINTEXT without TLS, an env file that points a preset's token URLs at the
attacker (asked, and refused without a `yes`), an https preset URL downgraded to http (refused
without asking). Each test asserts what the listener received and what the user was told; the
legitimate cases (the sandbox preset on its own origin, `--allow-origin`, a redirect that stays,
a definition agreed to once and asked again when it changes) keep working.

`http://0.0.0.0:PORT` reaches a listener on 127.0.0.1 (Linux connects to the local host) but is
not a loopback address, so it plays a host on the network without leaving the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from oauth_http.sandbox.accounts import (
    SANDBOX_ACCESS_TOKEN,
    authorized_secrets,
)
from oauth_http.sandbox.server import RunningSandbox

from tests.httpbed import RunningBed, start_httpbed

NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


@pytest.fixture
def attacker() -> Iterator[RunningBed]:
    with start_httpbed() as listener:
        yield listener


def sandbox_entry(base: str, **more: str) -> dict[str, str]:
    return {
        "Request Token URL": f"{base}/oauth/request_token",
        "Authorize URL": f"{base}/oauth/authorize",
        "Access Token URL": f"{base}/oauth/access_token",
        **more,
    }


def write_env(folder: Path, auth: dict[str, dict[str, str]]) -> None:
    env = {"$shared": {"Security": {"Auth": auth}}}
    (folder / "http-client.env.json").write_text(json.dumps(env), encoding="utf-8")


def workspace(folder: Path, auth: dict[str, dict[str, str]] | None = None) -> Path:
    """`folder` with an env file holding `auth` (when given) and a token file that authorizes
    the sandbox preset there."""
    if auth is not None:
        write_env(folder, auth)
    stored = authorized_secrets(folder.resolve().as_uri())
    tokens = {key: json.loads(value) for key, value in stored.items()}
    (folder / "tokens.json").write_text(json.dumps(tokens), encoding="utf-8")
    return folder


def oauth_http(folder: Path, *arguments: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "oauth_http", *arguments, "--token-file", "tokens.json"],
        cwd=folder,
        env={**os.environ, **NO_KEYRING},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def send(
    folder: Path, url: str, *arguments: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    (folder / "api.http").write_text(f"# @oauth1 sandbox\nGET {url}\n", encoding="utf-8")
    return oauth_http(folder, "send", "api.http", *arguments, stdin=stdin)


def test_a_foreign_origin_with_hmac_is_neither_signed_nor_sent(
    tmp_path: Path, attacker: RunningBed
) -> None:
    done = send(workspace(tmp_path), f"{attacker.url}/echo?steal=1")
    assert done.returncode == 2
    assert attacker.requests_seen == []
    assert f"Not sent: {attacker.url} is not an origin of sandbox" in done.stderr
    assert f"--allow-origin {attacker.url}" in done.stderr
    assert "http://127.0.0.1:8765" in done.stderr  # the sandbox preset's own origin


def test_a_foreign_origin_with_a_plaintext_override_is_not_sent(
    tmp_path: Path, sandbox: RunningSandbox, attacker: RunningBed
) -> None:
    auth = {"sandbox": sandbox_entry(sandbox.url, **{"Signature Method": "PLAINTEXT"})}
    done = send(workspace(tmp_path, auth), f"{attacker.url}/echo", stdin="yes\n")
    assert "Signature Method: HMAC-SHA1 → PLAINTEXT" in done.stderr
    assert done.returncode == 2 and attacker.requests_seen == []
    assert f"{attacker.url} is not an origin of sandbox" in done.stderr


def test_plaintext_to_an_allowed_origin_without_tls_is_not_sent(
    tmp_path: Path, sandbox: RunningSandbox, attacker: RunningBed
) -> None:
    auth = {"sandbox": sandbox_entry(sandbox.url, **{"Signature Method": "PLAINTEXT"})}
    network = f"http://0.0.0.0:{attacker.port}"
    done = send(
        workspace(tmp_path, auth), f"{network}/echo", "--allow-origin", network, stdin="yes\n"
    )
    assert done.returncode == 2 and attacker.requests_seen == []
    assert "PLAINTEXT" in done.stderr and "RFC 5849 section 3.4.4" in done.stderr
    assert f"{network} is plain http" in done.stderr


def test_token_urls_overridden_to_the_attacker_are_shown_and_refused_without_a_yes(
    tmp_path: Path, attacker: RunningBed
) -> None:
    workspace(tmp_path, {"twitter": sandbox_entry(attacker.url)})
    for answer in ("", "no\n", "y\n"):
        done = oauth_http(
            tmp_path, "authorize", "twitter", "--no-browser", stdin=f"{answer}ck\ncs\n"
        )
        assert done.returncode == 1, done.stderr
        assert attacker.requests_seen == []
        assert (
            "Request Token URL: https://api.x.com/oauth/request_token → "
            f"{attacker.url}/oauth/request_token" in done.stderr
        )
        assert "was not agreed to, so nothing was sent" in done.stderr
        assert "Consumer key" not in done.stderr + done.stdout


def test_agreeing_names_the_host_the_consumer_secret_goes_to(
    tmp_path: Path, attacker: RunningBed
) -> None:
    workspace(tmp_path, {"twitter": sandbox_entry(attacker.url)})
    done = oauth_http(tmp_path, "authorize", "twitter", "--no-browser", stdin="yes\nck\n")
    assert f"registered with X (Twitter); this workspace sends it to {attacker.url}" in (
        done.stderr
    )


def test_an_https_preset_url_downgraded_to_http_is_refused_without_asking(
    tmp_path: Path, attacker: RunningBed
) -> None:
    network = f"http://0.0.0.0:{attacker.port}"
    workspace(tmp_path, {"twitter": sandbox_entry(network)})
    done = oauth_http(tmp_path, "authorize", "twitter", "--no-browser", stdin="yes\nck\ncs\n")
    assert done.returncode == 1
    assert attacker.requests_seen == []
    assert "Type yes" not in done.stderr
    assert "from https://api.x.com/oauth/request_token into the plain http address" in done.stderr
    assert "It was refused" in done.stderr


def test_a_redirect_of_a_signed_request_to_a_foreign_origin_is_not_followed(
    tmp_path: Path, bed: RunningBed, attacker: RunningBed
) -> None:
    target = f"{attacker.url}/echo"
    done = send(workspace(tmp_path), f"{bed.url}/redirect?to={target}", "--allow-origin", bed.url)
    assert attacker.requests_seen == []
    assert done.stdout.startswith("HTTP/1.1 302")
    assert f"The redirect to {attacker.url} was not followed" in done.stderr
    assert f"--allow-origin {attacker.url}" in done.stderr


def test_a_redirect_that_stays_on_the_origin_is_signed_again(
    tmp_path: Path, bed: RunningBed
) -> None:
    done = send(workspace(tmp_path), f"{bed.url}/redirect?to=/echo", "--allow-origin", bed.url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("HTTP/1.1 200")
    final = bed.requests_seen[-1]
    assert final.path == "/echo"
    assert "oauth_signature=" in dict(final.headers).get("Authorization", "")


def test_an_allowed_extra_origin_is_signed_for_that_run_only(
    tmp_path: Path, bed: RunningBed
) -> None:
    folder = workspace(tmp_path)
    done = send(folder, f"{bed.url}/echo?allowed=1", "--allow-origin", bed.url)
    assert done.returncode == 0, done.stderr
    sent = bed.requests_seen[-1]
    assert sent.query == [("allowed", "1")]
    assert SANDBOX_ACCESS_TOKEN in dict(sent.headers)["Authorization"]
    seen = len(bed.requests_seen)
    again = send(folder, f"{bed.url}/echo?allowed=1")
    assert again.returncode == 2 and "is not an origin of sandbox" in again.stderr
    assert len(bed.requests_seen) == seen
    assert bed.url not in (folder / "tokens.json").read_text(encoding="utf-8")


def test_allow_origin_needs_an_origin(tmp_path: Path) -> None:
    done = send(workspace(tmp_path), "http://127.0.0.1:1/", "--allow-origin", "api.example.com")
    assert done.returncode == 2 and "is not an origin: write scheme://host[:port]" in done.stderr


def test_the_sandbox_preset_on_its_own_origin_asks_once_then_changes_ask_again(
    tmp_path: Path, sandbox: RunningSandbox
) -> None:
    url = f"{sandbox.url}/1.1/account/verify_credentials.json"
    folder = workspace(tmp_path, {"sandbox": sandbox_entry(sandbox.url)})
    refused = send(folder, url)
    assert refused.returncode == 2 and "Use sandbox as this workspace defines it?" in refused.stderr
    assert "was not agreed to" in refused.stderr
    agreed = send(folder, url, stdin="yes\n")
    assert agreed.returncode == 0, agreed.stderr
    assert '"screen_name": "sandbox_user"' in agreed.stdout
    quiet = send(folder, url)
    assert quiet.returncode == 0 and "Type yes" not in quiet.stderr
    write_env(folder, {"sandbox": sandbox_entry(sandbox.url, **{"Signature Placement": "query"})})
    changed = send(folder, url)
    assert changed.returncode == 2
    assert "Signature Placement: header → query" in changed.stderr
    assert send(folder, url, stdin="yes\n").returncode == 0
