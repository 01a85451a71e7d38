"""What `oauth-http send` prints: a response shaped like `curl -i`, and `-v`-style details.

stdout gets the status line, the headers (cookie and secret values masked), a blank line and the
body, streamed (`body_output`): JSON indented unless `--raw`, binary bodies as bytes only with
`--raw`. stderr gets the request as sent (`> ` lines), redirects, the signature base string and
timings with `--verbose`, every error with its next step, and notes about the body (cut at the
size limit, nested too deep to indent).
"""

from __future__ import annotations

import sys
from typing import TextIO

from oauth_http.cli.body_output import write_body
from oauth_http.sending.record_types import ResponseRecord


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


def print_response(
    record: ResponseRecord, *, raw: bool, stdout: TextIO, stderr: TextIO | None = None
) -> None:
    """The status line, headers, a blank line and the body; notes about the body on `stderr`."""
    print(f"{record['httpVersion']} {record['status']} {record['reason']}".rstrip(), file=stdout)
    for name, value in record["headers"]:
        print(f"{name}: {value}", file=stdout)
    print("", file=stdout)
    body = record["body"]
    if body is None or body["size"] == 0:
        stdout.flush()
        return
    notes = write_body(body, raw=raw, stdout=stdout)
    for note in notes:
        print(note, file=stderr or sys.stderr)
