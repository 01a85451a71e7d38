"""`oauth-http sandbox`: run the local OAuth 1.0a provider in the foreground until Ctrl+C."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oauth_http.sandbox.personas import Persona


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from oauth_http.sandbox.accounts import SANDBOX_DEFAULT_HOST, SANDBOX_DEFAULT_PORT

    parser.add_argument(
        "--port",
        type=int,
        default=SANDBOX_DEFAULT_PORT,
        help=f"port to listen on (default {SANDBOX_DEFAULT_PORT}; 0 picks a free one)",
    )
    parser.add_argument(
        "--host",
        default=SANDBOX_DEFAULT_HOST,
        help=f"address to listen on (default {SANDBOX_DEFAULT_HOST})",
    )
    parser.add_argument("--quiet", action="store_true", help="do not log request lines to stderr")


def run(args: argparse.Namespace) -> int:
    from oauth_http.sandbox import accounts
    from oauth_http.sandbox.personas import PERSONAS
    from oauth_http.sandbox.server import make_server

    try:
        server = make_server(args.host, args.port, log_requests=not args.quiet)
    except OSError as error:
        print(
            f"Cannot listen on {args.host}:{args.port}: {error.strerror or error}. "
            "Pick another port with --port (0 picks a free one).",
            file=sys.stderr,
        )
        return 2
    base = f"http://{server.address}"
    print(
        f"OAuth HTTP sandbox listening on {base}\n"
        f"  request token  POST {base}/oauth/request_token\n"
        f"  authorize      GET  {base}/oauth/authorize\n"
        f"  access token   POST {base}/oauth/access_token\n"
        f"Demo consumer (HMAC-SHA1/256/512, PLAINTEXT):\n"
        f"  consumer key     {accounts.SANDBOX_CONSUMER_KEY}\n"
        f"  consumer secret  {accounts.SANDBOX_CONSUMER_SECRET}\n"
        f"Demo RSA consumer (RSA-SHA1/256/512):\n"
        f"  consumer key     {accounts.SANDBOX_RSA_CONSUMER_KEY}\n"
        f"  private key      {accounts.demo_rsa_private_key_path()}\n"
        f"  or as PKCS#12    {accounts.demo_rsa_pkcs12_path()} "
        f"(password {accounts.DEMO_RSA_PKCS12_PASSWORD})\n"
        f"Personas, each with a real provider's quirks ({base}/personas):\n"
        + "".join(
            f"  {base}/personas/{persona.name}/  {persona.quirk}\n"
            f"      plays {persona.plays}; consumer {_consumer(persona)}\n"
            for persona in PERSONAS
        )
        + "Press Ctrl+C to stop.",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Sandbox stopped.", file=sys.stderr)
    finally:
        server.server_close()
    return 0


def _consumer(persona: Persona) -> str:
    consumer = persona.consumer
    if consumer.rsa_public_key:
        return f"{consumer.key} with the demo RSA key"
    return f"{consumer.key}, secret {consumer.secret or '(empty)'}"
