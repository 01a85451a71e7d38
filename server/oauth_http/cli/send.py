"""`oauth-http send FILE`: send requests from a `.http` file and print the response like `curl -i`.

Translation only: the arguments pick the request (`--name`, `--line`, or the file's only request;
`--all` for every one), `workspace.send_flow` sends it, and this module prints. The terminal's
front end sends the named requests the chosen one reads from without asking, never authorizes on
the way (`oauth-http authorize` does), asks `# @prompt` values on the terminal or reads them one
line each from stdin, and prints each record (`terminal_sends`).
Exit status: 0 when a response arrived, 1 for HTTP 4xx/5xx with `--fail`, 2 when no response
arrived (the cause and the next step on stderr), 3 for an internal error (`cli.main`), 4 when
the body went on past `--max-size` (what arrived is printed, cut). Bodies stream to stdout; the
temporary files of big ones go when the run ends (`SendSession.close`).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from oauth_http.cli.terminal_sends import EXIT_NO_RESPONSE, TerminalSends
from oauth_http.oauth.origins import origin_of
from oauth_http.sending.body_folders import default_root, sweep_dead_folders
from oauth_http.syntax.model import Request
from oauth_http.syntax.parsed_document import ParsedDocument
from oauth_http.workspace.contexts import DocumentContext, WorkspaceContexts
from oauth_http.workspace.env_source import DiskEnvSource
from oauth_http.workspace.jobs import read_document
from oauth_http.workspace.layout import layout_of_file
from oauth_http.workspace.send_flow import WorkspaceSends
from oauth_http.workspace.session import SendLimits, SendSession

EPILOG = (
    "Requests that the chosen one reads from through request variables "
    "({{login.response.body.$.token}}) are sent first, in order, when this run has not sent "
    "them yet. Signed requests (# @oauth1 PROVIDER) use the token `oauth-http authorize` "
    "stored (the keyring, or --token-file). A body file (< PATH) whose real path is outside the "
    "workspace folder (the nearest folder from the .http file up that holds "
    "http-client.env.json, else the .http file's folder) is neither read nor sent unless "
    "--allow-outside names it. Exit status: 0 a response arrived; 1 HTTP 4xx/5xx "
    "with --fail; 2 no response (the cause and the next step on stderr); 3 an internal error; "
    "4 the body was longer than --max-size (what arrived is printed, cut)."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.add_argument("file", metavar="FILE", type=Path, help="the .http file")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--name", metavar="NAME", help="send the request named NAME (# @name)")
    which.add_argument("--line", metavar="N", type=int, help="send the request on line N (1-based)")
    which.add_argument(
        "--all", action="store_true", help="send every request in order; stop at a failure"
    )
    parser.add_argument("--env", metavar="NAME", help="environment of the env files to use")
    parser.add_argument(
        "--token-file",
        metavar="PATH",
        type=Path,
        help="read tokens from this file too (as written by `oauth-http authorize`)",
    )
    parser.add_argument(
        "--allow-outside",
        metavar="PATH",
        type=Path,
        action="append",
        help="let a body include (< PATH) read this file, or the files below this folder, "
        "although it is outside the workspace folder (this run only; repeatable)",
    )
    parser.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="also print the request as sent (masked), timings and the signature base string "
        "to stderr",
    )
    parser.add_argument(
        "--allow-origin",
        metavar="ORIGIN",
        action="append",
        type=_origin,
        help="also let signed requests (and their redirects) go to ORIGIN "
        "(scheme://host[:port]) with their provider's credentials, for this run only; "
        "repeat for more",
    )
    parser.add_argument("--raw", action="store_true", help="print the body unchanged")
    parser.add_argument(
        "--fail", action="store_true", help="exit with status 1 for HTTP 4xx and 5xx responses"
    )
    parser.add_argument(
        "--timeout",
        metavar="S",
        type=float,
        help="seconds the whole exchange may take (connecting, the headers and the body), for "
        "requests without # @timeout (default 30)",
    )
    parser.add_argument(
        "--max-size",
        metavar="MB",
        type=float,
        help="the most of a body to download, in megabytes after decompression (default 200); "
        "past it the download stops and what arrived is printed",
    )


def _origin(text: str) -> str:
    found = origin_of(text)
    if found is None or "://" not in text:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an origin: write scheme://host[:port], e.g. https://api.example.com"
        )
    return found


def run(args: argparse.Namespace) -> int:
    if args.timeout is not None and args.timeout <= 0:
        return _refused("--timeout needs a positive number of seconds.")
    if args.max_size is not None and args.max_size <= 0:
        return _refused("--max-size needs a positive number of megabytes.")
    path: Path = args.file.expanduser().resolve()
    parsed = read_document(path)
    if isinstance(parsed, str):
        return _refused(f"{parsed}.")
    chosen = _choose(args, path, parsed)
    if chosen is None:
        return EXIT_NO_RESPONSE
    context = WorkspaceContexts(DiskEnvSource()).for_document(
        path.as_uri(), layout_of_file(path), args.env
    )
    problem = _context_problem(context, args.env)
    if problem is not None:
        return _refused(problem)
    front = TerminalSends(args)
    sweep_dead_folders(default_root())
    session = SendSession()
    try:
        return asyncio.run(
            _send(WorkspaceSends(session, _limits(args)), context, parsed, chosen, front)
        )
    finally:
        session.close()


def _limits(args: argparse.Namespace) -> SendLimits:
    defaults = SendLimits()
    return SendLimits(
        timeout_seconds=args.timeout or defaults.timeout_seconds,
        response_size_limit_mb=defaults.response_size_limit_mb,
        max_response_mb=args.max_size or defaults.max_response_mb,
    )


async def _send(
    sends: WorkspaceSends,
    context: DocumentContext,
    parsed: ParsedDocument,
    chosen: list[Request],
    front: TerminalSends,
) -> int:
    if front.args.all:
        every = await sends.send_all(context, parsed, front)
        if every.cancelled_at is not None:
            return _prompt_ended(every.cancelled_at)
        return front.code
    sent = await sends.send_request(context, parsed, chosen[0], front)
    if sent.record is None:
        return _prompt_ended(sent.failed_dependency or chosen[0])
    if sent.failed_dependency is not None:
        front.report(sent.record)
        return _refused(
            f'"{sent.failed_dependency.name}", which this request reads from, failed; fix it first.'
        )
    return front.code


def _context_problem(context: DocumentContext, environment: str | None) -> str | None:
    if context.env_read_errors:
        return context.env_read_errors[0] + "."
    return context.missing_environment() if environment else None


def _choose(args: argparse.Namespace, path: Path, parsed: ParsedDocument) -> list[Request] | None:
    requests = parsed.requests()
    if not requests:
        _refused(f"{path} holds no request.")
        return None
    if args.all:
        return list(requests)
    if args.name:
        found = parsed.request_named(args.name)
        if found is None:
            _refused(f'no request is named "{args.name}" in {path}. {_listing(requests)}')
            return None
        return [found]
    if args.line is not None:
        found = parsed.request_at(args.line - 1)
        if found is None:
            _refused(f"line {args.line} of {path} is not inside a request. {_listing(requests)}")
            return None
        return [found]
    if len(requests) > 1:
        _refused(
            f"{path} holds {len(requests)} requests; choose one with --name NAME or --line N, "
            f"or send them all with --all. {_listing(requests)}"
        )
        return None
    return [requests[0]]


def _prompt_ended(request: Request) -> int:
    return _refused(f"input ended before every # @prompt of {request.label()} had a value.")


def _refused(message: str) -> int:
    print(f"oauth-http send: {message}", file=sys.stderr)
    return EXIT_NO_RESPONSE


def _listing(requests: list[Request]) -> str:
    lines = []
    for request in requests:
        where = f"line {request.request_line + 1}"
        lines.append(f"{request.name} ({where})" if request.name else f"{where}: {request.label()}")
    return "Requests: " + "; ".join(lines) + "."
