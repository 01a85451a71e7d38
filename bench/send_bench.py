"""Sending speed: 200 signed GETs to the sandbox through `Sender` against a bare requests-oauthlib
loop, in one run, interleaved in blocks so both see the same machine state.

The Sender path is the whole of a send from an already parsed `.http` file: resolve the
variables, sign, send over the reused session, build the masked record. The bare loop is one
`OAuth1Session` sending the same GET. Target: Sender within 1.2x of the bare loop. Run:
`.venv/bin/python bench/send_bench.py [count]`.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from oauth_http.oauth.presets import PRESETS_BY_ID
from oauth_http.oauth.signing import Credentials
from oauth_http.sandbox import accounts
from oauth_http.sandbox.server import start_sandbox
from oauth_http.sending.chaining import ResponseStore
from oauth_http.sending.oauth_setup import OAuthSetup
from oauth_http.sending.prepare import SendJob
from oauth_http.sending.session import Sender
from oauth_http.syntax.parser import parse_document
from oauth_http.variables.scope import VariableScope

COUNT = 200
BLOCK = 20
WARM_UP = 10
PATH = "/1.1/statuses/home_timeline.json?count=5"


def _sender_send(base: str) -> tuple[Callable[[], None], Callable[[], None]]:
    text = (
        f"@api = {base}/1.1\n# @oauth1 sandbox\n###\nGET {{{{api}}}}{PATH.removeprefix('/1.1')}\n"
    )
    document = parse_document(text)
    request = document.requests()[0]
    setup = OAuthSetup(
        PRESETS_BY_ID["sandbox"],
        Credentials(
            accounts.SANDBOX_CONSUMER_KEY,
            accounts.SANDBOX_CONSUMER_SECRET,
            accounts.SANDBOX_ACCESS_TOKEN,
            accounts.SANDBOX_ACCESS_TOKEN_SECRET,
        ),
        allowed_origins=(base,),  # this sandbox's port, as "Allow ORIGIN for sandbox" would
    )
    sender = Sender()
    store = ResponseStore()

    def send() -> None:
        scope = VariableScope(document, request_values=store)
        job = SendJob(request, scope, document, uri="file:///bench.http", oauth=setup)
        record = sender.send(job, None, store)
        if record["status"] != 200:
            raise RuntimeError(f"Sender got {record['status']}: {record['error']}")

    return send, sender.close


def _bare_send(base: str) -> tuple[Callable[[], None], Callable[[], None]]:
    from requests_oauthlib import OAuth1Session  # type: ignore[import-untyped]  # no type hints

    session = OAuth1Session(
        accounts.SANDBOX_CONSUMER_KEY,
        client_secret=accounts.SANDBOX_CONSUMER_SECRET,
        resource_owner_key=accounts.SANDBOX_ACCESS_TOKEN,
        resource_owner_secret=accounts.SANDBOX_ACCESS_TOKEN_SECRET,
    )
    url = f"{base}{PATH}"

    def send() -> None:
        response = session.get(url, timeout=30)
        _ = response.content
        if response.status_code != 200:
            raise RuntimeError(f"requests-oauthlib got {response.status_code}")

    return send, session.close


def _timed_block(send: Callable[[], None], count: int) -> float:
    started = time.perf_counter()
    for _ in range(count):
        send()
    return time.perf_counter() - started


def main(count: int = COUNT) -> dict[str, float]:
    with start_sandbox() as sandbox:
        ours, close_ours = _sender_send(sandbox.url)
        bare, close_bare = _bare_send(sandbox.url)
        for _ in range(WARM_UP):
            ours()
            bare()
        totals = {"sender": 0.0, "bare": 0.0}
        gc.collect()
        blocks = max(count // BLOCK, 1)
        for number in range(blocks):
            order = [("sender", ours), ("bare", bare)]
            if number % 2:
                order.reverse()
            for label, send in order:
                totals[label] += _timed_block(send, BLOCK)
        close_ours()
        close_bare()
    sent = blocks * BLOCK
    sender_ms = totals["sender"] * 1000
    bare_ms = totals["bare"] * 1000
    ratio = sender_ms / bare_ms
    print(f"signed GETs to the sandbox, {sent} each, interleaved in blocks of {BLOCK}")
    print(
        f"  Sender (resolve, sign, send, record): {sender_ms:8.1f} ms total, "
        f"{sender_ms / sent:6.3f} ms per request"
    )
    print(
        f"  bare OAuth1Session loop:              {bare_ms:8.1f} ms total, "
        f"{bare_ms / sent:6.3f} ms per request"
    )
    print(f"  ratio Sender / bare: {ratio:.2f}x (target 1.20x or less)")
    return {"sender_ms": sender_ms, "bare_ms": bare_ms, "ratio": ratio}


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else COUNT)
