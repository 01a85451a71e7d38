"""`oauth-http sandbox` as a subprocess: it prints its address and the demo consumer, serves
signed requests, and exits 0 on Ctrl+C."""

from __future__ import annotations

import re
import signal
import subprocess
import sys

import requests
from oauth_http.oauth.signing import Credentials, OutgoingRequest, SigningOptions, sign_request
from oauth_http.sandbox import accounts
from oauth_http.sandbox.server import start_sandbox


def start_cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "oauth_http", "sandbox", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_serves_until_interrupted() -> None:
    process = start_cli("--port", "0")
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline()
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", first_line)
        assert match, first_line
        url = match.group(1)
        banner = first_line
        while "Press Ctrl+C" not in banner:
            line = process.stdout.readline()
            assert line, banner
            banner += line
        assert accounts.SANDBOX_CONSUMER_KEY in banner
        assert accounts.SANDBOX_CONSUMER_SECRET in banner
        assert accounts.SANDBOX_RSA_CONSUMER_KEY in banner

        signed = sign_request(
            OutgoingRequest("GET", url + "/1.1/account/verify_credentials.json"),
            Credentials(
                accounts.SANDBOX_CONSUMER_KEY,
                accounts.SANDBOX_CONSUMER_SECRET,
                accounts.SANDBOX_ACCESS_TOKEN,
                accounts.SANDBOX_ACCESS_TOKEN_SECRET,
            ),
            SigningOptions(),
        )
        response = requests.get(signed.url, headers=dict(signed.headers), timeout=10)
        assert response.json()["screen_name"] == accounts.SANDBOX_SCREEN_NAME
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=10)
    assert process.returncode == 0
    assert "GET /1.1/account/verify_credentials.json HTTP/1.1 -> 200" in stderr
    assert accounts.SANDBOX_ACCESS_TOKEN not in stderr


def test_port_in_use_is_a_clear_error() -> None:
    with start_sandbox() as taken:
        process = start_cli("--port", str(taken.port))
        stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 2
    assert stdout == ""
    assert f"Cannot listen on 127.0.0.1:{taken.port}" in stderr
    assert "Pick another port with --port" in stderr
