"""What `oauth-http send` prints: a response shaped like `curl -i`, and `-v`-style details.

stdout gets the status line, the headers (cookie and secret values masked), a blank line and the
body: JSON indented unless `--raw`, binary bodies as bytes only with `--raw`. stderr gets the
request as sent (`> ` lines), redirects, the signature base string and timings with
`--verbose`, and every error with its next step.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

from oauth_http.sending.record_types import RecordBody, ResponseRecord


def print_failure(record: ResponseRecord, stderr: TextIO) -> None:
    error = record["error"]
    if error is None:
        return
    print(f"oauth-http send: {error['message']}", file=stderr)
    print(f"Next: {error['hint']}", file=stderr)
    oauth = record["oauth"]
    if error["kind"] == "oauth_problem" and oauth and oauth["baseString"]:
        print(f"Signature base string: {oauth['baseString']}", file=stderr)


def print_verbose(record: ResponseRecord, stderr: TextIO) -> None:
    request = record["request"]
    print(f"> {request['method']} {request['url']}", file=stderr)
    for name, value in request["headers"]:
        print(f"> {name}: {value}", file=stderr)
    print(">", file=stderr)
    body = request["body"]
    if body is not None:
        text = body["text"] if body["text"] is not None else f"[{body['size']} bytes of binary]"
        for line in text.splitlines() or [""]:
            print(f"> {line}", file=stderr)
    for hop in record["redirects"]:
        print(f"* Redirected to {hop}", file=stderr)
    oauth = record["oauth"]
    if oauth is not None:
        print(
            f"* Signed for {oauth['provider']} with {oauth['signatureMethod']} "
            f"({oauth['placement']})",
            file=stderr,
        )
        if oauth["baseString"] is not None:
            print(f"* Signature base string: {oauth['baseString']}", file=stderr)
    timing = record["timing"]
    headers = timing["headers"]
    to_headers = f", {headers:.1f} ms to the headers" if headers is not None else ""
    print(f"* Time: {timing['total']:.1f} ms total{to_headers}", file=stderr)


def print_response(record: ResponseRecord, *, raw: bool, stdout: TextIO) -> None:
    """The status line, headers, a blank line and the body."""
    print(f"{record['httpVersion']} {record['status']} {record['reason']}".rstrip(), file=stdout)
    for name, value in record["headers"]:
        print(f"{name}: {value}", file=stdout)
    print("", file=stdout)
    body = record["body"]
    if body is None or body["size"] == 0:
        stdout.flush()
        return
    data = _full_body(body)
    if body["text"] is None:
        _print_binary(body, data, raw=raw, stdout=stdout)
        return
    text = body["text"] if data is None else data.decode(body["charset"] or "utf-8", "replace")
    if not raw:
        text = _pretty(text, body["contentType"])
    stdout.write(text if text.endswith("\n") or not text else text + "\n")
    stdout.flush()


def _full_body(body: RecordBody) -> bytes | None:
    """The whole body from its file when the record holds only its start."""
    if not body["truncated"] or not body["fullPath"]:
        return None
    try:
        return Path(body["fullPath"]).read_bytes()
    except OSError:
        return None


def _print_binary(body: RecordBody, data: bytes | None, *, raw: bool, stdout: TextIO) -> None:
    if data is None:
        data = base64.b64decode(body["base64"] or "")
    if not raw:
        print(
            f"[{body['size']} bytes of {body['contentType'] or 'binary data'}: "
            "add --raw to print them]",
            file=stdout,
        )
        return
    stdout.flush()
    buffer: BinaryIO = getattr(stdout, "buffer", sys.stdout.buffer)
    buffer.write(data)
    buffer.flush()


def _pretty(text: str, content_type: str) -> str:
    kind = content_type.split(";", maxsplit=1)[0].strip().lower()
    looks_json = kind == "application/json" or kind.endswith("+json")
    if not looks_json and not text.lstrip().startswith(("{", "[")):
        return text
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return json.dumps(value, indent=2, ensure_ascii=False)
