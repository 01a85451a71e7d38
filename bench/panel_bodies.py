"""The response bodies the panel benchmark sends for: a bench-only HTTP server on 127.0.0.1.

`GET /json/<bytes>` answers a JSON document of about that many bytes (an object holding an
array of small records, the shape of a typical list API), `GET /deep/<depth>` an array nested
`depth` levels deep, `GET /flat/<count>` a flat array of `count` numbers. Bodies are built on
first use and kept. Run: `.venv/bin/python -m bench.panel_bodies [port]`; it prints
`listening on http://127.0.0.1:PORT` and serves until stopped.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROUTE = re.compile(r"^/(json|deep|flat)/(\d+)$")
MAX_BYTES = 200 * 1024 * 1024


def json_of_size(size: int) -> bytes:
    """`{"items": [...]}` of about `size` bytes, minified."""
    parts = ['{"items":[']
    length = len(parts[0]) + 2
    index = 0
    while length < size:
        item = (
            f'{{"id":{index},"name":"item {index}","tags":["a","b"],'
            f'"price":{index * 1.5},"ok":{"true" if index % 2 == 0 else "false"},"note":null}}'
        )
        parts.append(item if index == 0 else "," + item)
        length += len(parts[-1])
        index += 1
    parts.append("]}")
    return "".join(parts).encode()


def deep_array(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def flat_array(count: int) -> bytes:
    return b"[" + b",".join([b"0"] * count) + b"]"


@cache
def body(kind: str, amount: int) -> bytes:
    if kind == "json":
        return json_of_size(amount)
    if kind == "deep":
        return deep_array(amount)
    return flat_array(amount)


class BodyHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        match = ROUTE.match(self.path.split("?", 1)[0])
        if match is None or int(match.group(2)) > MAX_BYTES:
            self.send_error(404, "unknown body")
            return
        content = body(match.group(1), int(match.group(2)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = ThreadingHTTPServer(("127.0.0.1", port), BodyHandler)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
