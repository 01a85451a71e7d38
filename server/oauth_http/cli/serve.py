"""`oauth-http serve`: the language server on stdio (what the VS Code extension starts)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--log-level",
        default="WARNING",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="log level of messages written to stderr (default WARNING)",
    )


def run(args: argparse.Namespace) -> int:
    from oauth_http.lsp.server import serve

    serve(log_level=args.log_level)
    return 0
