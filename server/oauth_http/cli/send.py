"""`oauth-http send FILE`: send requests from a `.http` file and print the response like `curl -i`.

Translation only: the arguments pick the request (`--name`, `--line`, or the file's only request;
`--all` for every one), `workspace.send_flow` sends it, and this module prints. The terminal's
front end sends the named requests the chosen one reads from without asking, never authorizes on
the way (`oauth-http authorize` does), asks `# @prompt` values on the terminal or reads them one
line each from stdin, and prints each record.
Exit status: 0 when a response arrived, 1 for HTTP 4xx/5xx with `--fail`, 2 when no response
arrived (the cause and the next step on stderr).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from oauth_http.cli.send_output import print_failure, print_response, print_verbose
from oauth_http.cli.terminal import TerminalInteraction
from oauth_http.cli.token_store import open_secret_store
from oauth_http.oauth.errors import SecretStorageError
from oauth_http.oauth.interaction import SecretStore
from oauth_http.sending.body_files import BodyFiles
from oauth_http.sending.failures import NOT_AUTHORIZED
from oauth_http.sending.record_types import ResponseRecord
from oauth_http.syntax.model import Request
from oauth_http.syntax.parsed_document import ParsedDocument
from oauth_http.workspace.contexts import DocumentContext, WorkspaceContexts
from oauth_http.workspace.env_source import DiskEnvSource
from oauth_http.workspace.jobs import read_document
from oauth_http.workspace.layout import layout_of_file
from oauth_http.workspace.send_flow import (
    DependencyChoice,
    RecordRole,
    SendOutcome,
    Transfer,
    WorkspaceSends,
)
from oauth_http.workspace.session import SendLimits, SendSession

EXIT_OK = 0
EXIT_HTTP_ERROR = 1
EXIT_NO_RESPONSE = 2

EPILOG = (
    "Requests that the chosen one reads from through request variables "
    "({{login.response.body.$.token}}) are sent first, in order, when this run has not sent "
    "them yet. Signed requests (# @oauth1 PROVIDER) use the token `oauth-http authorize` "
    "stored (the keyring, or --token-file). Exit status: 0 a response arrived; 1 HTTP 4xx/5xx "
    "with --fail; 2 no response (the cause and the next step on stderr)."
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
        "--verbose",
        "-v",
        action="store_true",
        help="also print the request as sent (masked), timings and the signature base string "
        "to stderr",
    )
    parser.add_argument("--raw", action="store_true", help="print the body unchanged")
    parser.add_argument(
        "--fail", action="store_true", help="exit with status 1 for HTTP 4xx and 5xx responses"
    )
    parser.add_argument(
        "--timeout",
        metavar="S",
        type=float,
        help="seconds to wait for a connection and for the response, for requests without "
        "# @timeout (default 30)",
    )


def run(args: argparse.Namespace) -> int:
    if args.timeout is not None and args.timeout <= 0:
        return _refused("--timeout needs a positive number of seconds.")
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
    limits = SendLimits(timeout_seconds=args.timeout) if args.timeout else SendLimits()
    with tempfile.TemporaryDirectory(prefix="oauth-http-send-") as folder:
        session = SendSession(BodyFiles(Path(folder)))
        try:
            return asyncio.run(
                _send(WorkspaceSends(session, limits), context, parsed, chosen, front)
            )
        finally:
            session.close()


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


class TerminalSends:
    """The terminal's `SendFrontEnd`: dependencies sent without asking, records printed."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.interaction = TerminalInteraction()
        self.secrets = _OpenedOnFirstUse(args.token_file)
        self.code = EXIT_OK
        self._printed = 0

    async def choose_dependencies(self, names: Sequence[str]) -> DependencyChoice:
        return "first"

    async def authorize_first(self, provider_id: str) -> bool:
        return False

    async def transfer(self, send: Transfer, label: str) -> ResponseRecord:
        return send(None)

    def sent(self, outcome: SendOutcome, request: Request, role: RecordRole) -> None:
        record = outcome.record
        if record is None:
            return
        if role == "dependency":
            status = record["status"]
            result = f"HTTP {status}" if status is not None else "no response"
            print(f"* Sent {request.name} first ({result}).", file=sys.stderr)
            return
        if self._printed:
            print("", flush=True)
        self._printed += 1
        self.code = self.report(record)

    def report(self, record: ResponseRecord) -> int:
        if self.args.verbose:
            print_verbose(record, sys.stderr)
        status = record["status"]
        if status is None:
            print_failure(record, sys.stderr)
            self._explain_missing_store(record)
            return EXIT_NO_RESPONSE
        print_response(record, raw=self.args.raw, stdout=sys.stdout)
        print_failure(record, sys.stderr)
        if self.args.fail and status >= 400:
            return EXIT_HTTP_ERROR
        return EXIT_OK

    def _explain_missing_store(self, record: ResponseRecord) -> None:
        error = record["error"]
        reason = self.secrets.unavailable
        if reason and error is not None and error["kind"] == NOT_AUTHORIZED:
            print(reason, file=sys.stderr)


class _OpenedOnFirstUse:
    """The keyring and/or --token-file, opened when a signed request first needs them (looking
    for a keyring backend costs time an unsigned send should not pay). Without either, nothing
    is found and `unavailable` says why."""

    def __init__(self, token_file: Path | None) -> None:
        self._token_file = token_file
        self._opened: SecretStore | None = None
        self.unavailable: str | None = None

    def _store(self) -> SecretStore | None:
        if self._opened is None and self.unavailable is None:
            found = open_secret_store(self._token_file)
            if isinstance(found, str):
                self.unavailable = found
            else:
                self._opened = found[0]
        return self._opened

    async def get(self, key: str) -> str | None:
        store = self._store()
        return await store.get(key) if store is not None else None

    async def store(self, key: str, value: str) -> None:
        store = self._store()
        if store is None:
            raise SecretStorageError(self.unavailable or "there is nowhere to keep secrets")
        await store.store(key, value)

    async def delete(self, key: str) -> None:
        store = self._store()
        if store is not None:
            await store.delete(key)


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
