"""`oauth-http serve`: the language server on stdio (what the VS Code extension starts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

DEFAULT_LOG_LEVEL = "WARNING"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--log-level",
        default=DEFAULT_LOG_LEVEL,
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="log level of messages written to stderr (default WARNING)",
    )


def run(args: argparse.Namespace) -> int:
    from oauth_http.lsp.main import serve

    serve(log_level=args.log_level)
    return 0


def serve_with_defaults() -> int:
    """`oauth-http serve` without options (what the editor runs), parsed without argparse."""
    from oauth_http.lsp.main import serve

    serve(log_level=DEFAULT_LOG_LEVEL)
    return 0
