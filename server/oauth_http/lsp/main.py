"""Starting the language server: the server object with every handler of the registry, served on
stdin and stdout, and the temporary body files removed however serving ends."""

from __future__ import annotations

import logging
import sys

from oauth_http.lsp.registry import register
from oauth_http.lsp.server import OAuthHttpServer


def create_server() -> OAuthHttpServer:
    server = OAuthHttpServer()
    register(server)
    return server


def serve(log_level: str = "WARNING") -> None:
    """Run the server on stdin/stdout; logs go to stderr (stdout is the protocol channel)."""
    logging.basicConfig(
        stream=sys.stderr, level=log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("pygls").setLevel(max(logging.WARNING, logging.getLevelName(log_level)))
    from oauth_http.lsp import fastpath

    server = create_server()
    try:
        fastpath.run(server)
    finally:  # the client may end us without `shutdown`: body files never outlive the server
        server.close_sends()
