"""`make demo-terminal` (python -m oauth_http.demo): the sandbox, the PIN flow and three signed
requests, then Loopback, Paste and Consumer Only against the personas with a signed 200 each, then
the sandbox keeps serving until Ctrl+C."""

from __future__ import annotations

import signal
import subprocess
import sys
import time


def test_demo_authorizes_and_sends_then_stops_on_ctrl_c() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "oauth_http.demo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    seen: list[str] = []
    deadline = time.monotonic() + 120
    try:
        for line in process.stdout:
            seen.append(line)
            if "Try it yourself" in line or time.monotonic() > deadline:
                break
        output = "".join(seen)
        assert "Authorized sandbox as sandbox_user" in output, output
        assert output.count("HTTP/1.1 200 OK") == 3 + 5, output
        assert "the browser came back and shows: Authorized Tumblr" in output
        assert "Stored the access token for netsuite" in output
        assert "mastercard is ready" in output
        assert "Hello from OAuth HTTP, Sandbox User!" in output
        assert "sandbox-secret" in output, "the demo prints the demo credentials"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
