"""`oauth-http send` as a subprocess against the httpbed and the sandbox on 127.0.0.1: the
`curl -i` shape, --raw, --verbose masking, exit codes 0/1/2, dependencies, prompts, tokens kept
by a real `oauth-http authorize` run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from oauth_http.sandbox.accounts import SANDBOX_CONSUMER_KEY, SANDBOX_CONSUMER_SECRET
from oauth_http.sandbox.browser import approve
from oauth_http.sandbox.server import RunningSandbox

from tests.httpbed import RunningBed, closed_port, start_httpbed
from tests.httpbed.routes import JSON_DOCUMENT, png_bytes

AUTHORIZE = (sys.executable, "-m", "oauth_http", "authorize", "sandbox", "--no-browser")
NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, sandbox: RunningSandbox) -> Path:
    """A folder with an env file for the sandbox and a token file from `oauth-http authorize`."""
    folder = tmp_path_factory.mktemp("workspace")
    entry = {
        "Request Token URL": "{{base}}/oauth/request_token",
        "Authorize URL": "{{base}}/oauth/authorize",
        "Access Token URL": "{{base}}/oauth/access_token",
    }
    env = {"dev": {"base": sandbox.url, "Security": {"Auth": {"sandbox": entry}}}}
    (folder / "http-client.env.json").write_text(json.dumps(env), encoding="utf-8")
    process = subprocess.Popen(
        [*AUTHORIZE, "--env", "dev", "--token-file", "tokens.json"],
        cwd=folder,
        env={**os.environ, **NO_KEYRING, "PYTHONUNBUFFERED": "1"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(f"yes\n{SANDBOX_CONSUMER_KEY}\n{SANDBOX_CONSUMER_SECRET}\n")
    process.stdin.flush()
    address = next(
        line.split("approve access at ")[1].split()[0]
        for line in process.stdout
        if "approve access at " in line
    )
    _, err = process.communicate(f"{approve(address)}\n", timeout=60)
    assert process.returncode == 0, err
    return folder


def token_secrets(workspace: Path) -> list[str]:
    stored = json.loads((workspace / "tokens.json").read_text())
    values: list[str] = []
    for value in stored.values():
        values.extend(v for k, v in value.items() if k in ("secret", "token") and v)
    return values


def send(
    folder: Path, text: str, *args: str, stdin: str = "", file: str = "api.http"
) -> subprocess.CompletedProcess[str]:
    (folder / file).write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "oauth_http", "send", file, *args],
        cwd=folder,
        env={**os.environ, **NO_KEYRING},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def split_response(stdout: str) -> tuple[str, list[str], str]:
    head, _, body = stdout.partition("\n\n")
    status, *headers = head.split("\n")
    return status, headers, body


def test_curl_i_shape(bed: RunningBed, tmp_path: Path) -> None:
    result = send(tmp_path, f"GET {bed.url}/json\n")
    assert result.returncode == 0, result.stderr
    status, headers, body = split_response(result.stdout)
    assert status == "HTTP/1.1 200 OK"
    assert "Content-Type: application/json" in headers and "X-Request-Id: req-7" in headers
    assert body == json.dumps(JSON_DOCUMENT, indent=2) + "\n"
    assert result.stderr == ""


def test_raw_prints_the_body_unchanged(bed: RunningBed, tmp_path: Path) -> None:
    result = send(tmp_path, f"GET {bed.url}/json\n", "--raw")
    assert split_response(result.stdout)[2] == json.dumps(JSON_DOCUMENT) + "\n"


def test_binary_bodies(bed: RunningBed, tmp_path: Path) -> None:
    (tmp_path / "api.http").write_text(f"GET {bed.url}/png\n")
    plain = send(tmp_path, f"GET {bed.url}/png\n")
    assert "bytes of image/png: add --raw" in plain.stdout
    raw = subprocess.run(
        [sys.executable, "-m", "oauth_http", "send", "api.http", "--raw"],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert raw.stdout.split(b"\n\n", 1)[1] == png_bytes()


def test_a_large_body_is_printed_whole(bed: RunningBed, tmp_path: Path) -> None:
    result = send(tmp_path, f"GET {bed.url}/large?bytes=6000000\n", "--raw")
    body = split_response(result.stdout)[2]
    assert len(body) == 6_000_001 and body.startswith('{"data": "aaa')


def test_fail_turns_http_errors_into_exit_1(bed: RunningBed, tmp_path: Path) -> None:
    text = f"GET {bed.url}/status/404\n"
    assert send(tmp_path, text).returncode == 0
    failing = send(tmp_path, text, "--fail")
    assert failing.returncode == 1
    assert split_response(failing.stdout)[0] == "HTTP/1.1 404 Not Found"


def test_no_response_is_exit_2_with_the_cause_and_next_step(tmp_path: Path) -> None:
    port = closed_port()
    result = send(tmp_path, f"GET http://127.0.0.1:{port}/x\n")
    assert result.returncode == 2 and result.stdout == ""
    assert f"127.0.0.1:{port} refused the connection" in result.stderr
    assert "Next: Start the server" in result.stderr


def test_timeout_option(bed: RunningBed, tmp_path: Path) -> None:
    result = send(tmp_path, f"GET {bed.url}/stall\n", "--timeout", "0.3")
    assert result.returncode == 2 and "within 0.3 seconds" in result.stderr
    assert "# @timeout" in result.stderr


def test_choosing_a_request(bed: RunningBed, tmp_path: Path) -> None:
    text = f"# @name first\nGET {bed.url}/echo?n=1\n\n###\nGET {bed.url}/echo?n=2\n"
    several = send(tmp_path, text)
    assert several.returncode == 2
    assert "holds 2 requests" in several.stderr and "first (line 2)" in several.stderr
    assert "line 5: GET" in several.stderr
    by_name = send(tmp_path, text, "--name", "first")
    assert json.loads(split_response(by_name.stdout)[2])["query"] == [["n", "1"]]
    by_line = send(tmp_path, text, "--line", "5")
    assert json.loads(split_response(by_line.stdout)[2])["query"] == [["n", "2"]]
    unknown = send(tmp_path, text, "--name", "second")
    assert unknown.returncode == 2 and 'no request is named "second"' in unknown.stderr


def test_dependencies_are_sent_first(bed: RunningBed, tmp_path: Path) -> None:
    text = (
        f"# @name login\nGET {bed.url}/json\n\n###\n"
        f"# @name use\nGET {bed.url}/echo?t={{{{login.response.body.$.token}}}}\n"
    )
    result = send(tmp_path, text, "--name", "use")
    assert result.returncode == 0, result.stderr
    assert "* Sent login first (HTTP 200)." in result.stderr
    assert json.loads(split_response(result.stdout)[2])["query"] == [["t", "chain-token-123"]]


def test_send_all_stops_at_the_first_failure(bed: RunningBed, tmp_path: Path) -> None:
    text = (
        f"GET {bed.url}/echo?n=1\n\n###\nGET {bed.url}/status/500\n\n###\nGET {bed.url}/echo?n=3\n"
    )
    result = send(tmp_path, text, "--all", "--fail")
    assert result.returncode == 1
    statuses = [line for line in result.stdout.split("\n") if line.startswith("HTTP/1.1")]
    assert statuses == ["HTTP/1.1 200 OK", "HTTP/1.1 500 Internal Server Error"]


def test_prompts_read_from_stdin(bed: RunningBed, tmp_path: Path) -> None:
    text = (
        f"# @prompt who\n# @prompt password\n"
        f"GET {bed.url}/echo?who={{{{who}}}}\nX-Pass: {{{{password}}}}\n"
    )
    result = send(tmp_path, text, stdin="Ada\nsw0rdfish-123\n")
    assert result.returncode == 0, result.stderr
    assert json.loads(split_response(result.stdout)[2])["query"] == [["who", "Ada"]]
    assert bed.requests_seen[-1].header("X-Pass") == "sw0rdfish-123"
    ended = send(tmp_path, text, stdin="Ada\n")
    assert ended.returncode == 2 and "# @prompt" in ended.stderr


def test_signed_request_with_verbose_masking(workspace: Path, sandbox: RunningSandbox) -> None:
    text = "# @oauth1 sandbox\n###\nGET {{base}}/1.1/account/verify_credentials.json\n"
    result = send(workspace, text, "--env", "dev", "--token-file", "tokens.json", "--verbose")
    assert result.returncode == 0, result.stderr
    assert json.loads(split_response(result.stdout)[2])["screen_name"] == "sandbox_user"
    err = result.stderr
    assert f"> GET {sandbox.url}/1.1/account/verify_credentials.json" in err
    assert "> Authorization: OAuth " in err and 'oauth_consumer_key="sandbox-consumer"' in err
    assert "* Signed for sandbox with HMAC-SHA1 (header)" in err
    assert "* Signature base string: GET&http%3A%2F%2F127.0.0.1" in err
    assert "* Time: " in err and " ms total" in err
    for secret in [*token_secrets(workspace), SANDBOX_CONSUMER_SECRET]:
        assert secret not in result.stdout and secret not in err


def test_a_signed_request_without_a_token(workspace: Path) -> None:
    text = "# @oauth1 sandbox\n###\nGET {{base}}/1.1/account/verify_credentials.json\n"
    result = send(workspace, text, "--env", "dev")
    assert result.returncode == 2
    assert "not authorized" in result.stderr and "oauth-http authorize sandbox" in result.stderr


def test_an_unknown_environment(workspace: Path) -> None:
    result = send(workspace, "GET {{base}}/\n", "--env", "prod")
    assert result.returncode == 2 and 'No environment "prod"' in result.stderr
    assert "dev" in result.stderr


def test_help_says_dependencies_are_sent_first() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "oauth_http", "send", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert "are sent first" in " ".join(result.stdout.split())


def test_a_redirect_elsewhere_loses_credentials_and_a_307_body_stays(
    bed: RunningBed, tmp_path: Path
) -> None:
    with start_httpbed() as attacker:
        away = quote(f"{attacker.url}/echo", safe="")
        headers = "Cookie: sid=Kl8cookie\nX-Api-Key: Mn9api-key\n"
        moved = send(tmp_path, f"GET {bed.url}/redirect?to={away}\n{headers}")
        assert moved.returncode == 0, moved.stderr
        (received,) = attacker.requests_seen
        assert received.header("Cookie") is None and received.header("X-Api-Key") is None
        text = f"POST {bed.url}/redirect?status=307&to={away}\n{headers}\nq=Op1body\n"
        kept = send(tmp_path, text)
        assert len(attacker.requests_seen) == 1, "the 307 was not followed"
        assert kept.stdout.startswith("HTTP/1.1 307 ")
        assert (
            f"oauth-http send: The server redirected to {attacker.url} with 307, which would "
            "resend the request body there; not followed." in kept.stderr
        )


def test_verbose_shows_no_prefix_of_any_secret_with_plaintext(
    workspace: Path, sandbox: RunningSandbox, tmp_path: Path
) -> None:
    """`send -v` with PLAINTEXT (its signature is the consumer secret and the token secret): no
    prefix of two characters or more of any secret is printed, as written or percent-encoded."""
    secrets = {"secret": "~^consumer-secret", "token": "^~access-token"}
    token_secret = "!~token-secret"
    written = json.loads((workspace / "tokens.json").read_text(encoding="utf-8"))
    here, there = workspace.as_uri(), tmp_path.as_uri()
    stored = {name.replace(here, there): value for name, value in written.items()}
    assert stored != written, "the secret names hold the folder"
    for value in stored.values():
        if "token" in value:
            value.update(token=secrets["token"], secret=token_secret)
        else:
            value["secret"] = secrets["secret"]
    (tmp_path / "tokens.json").write_text(json.dumps(stored), encoding="utf-8")
    env = json.loads((workspace / "http-client.env.json").read_text(encoding="utf-8"))
    env["dev"]["Security"]["Auth"]["sandbox"]["Signature Method"] = "PLAINTEXT"
    (tmp_path / "http-client.env.json").write_text(json.dumps(env), encoding="utf-8")
    text = "# @oauth1 sandbox\n###\nGET {{base}}/1.1/account/verify_credentials.json?a=1\n"
    # PLAINTEXT redefines the sandbox preset's signing: the CLI asks once, `yes` agrees.
    result = send(
        tmp_path, text, "--env", "dev", "--token-file", "tokens.json", "--verbose", stdin="yes\n"
    )
    printed = result.stdout + result.stderr
    assert "> Authorization: OAuth " in result.stderr and "PLAINTEXT" in result.stderr
    assert 'oauth_signature="••••"' in result.stderr
    for secret in (*secrets.values(), token_secret):
        for end in range(2, len(secret) + 1):
            once = quote(secret[:end], safe="")
            for prefix in {secret[:end], once, quote(once, safe="")}:
                assert prefix not in printed, (secret, prefix)
