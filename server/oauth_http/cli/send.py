"""`oauth-http send FILE`: send requests from a `.http` file and print the response like `curl -i`.

Picks the request by `--name`, `--line` or the file's only request; `--all` sends every request
in order and stops at the first failure. Named requests the chosen one reads from
(`{{login.response.body.$.token}}`) and that were not sent yet in this run are sent first.
Exit status: 0 when a response arrived, 1 for HTTP 4xx/5xx with `--fail`, 2 when no response
arrived (the cause and the next step on stderr).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from oauth_http.cli.send_output import print_failure, print_response, print_verbose
from oauth_http.cli.send_workspace import SendWorkspace, WorkspaceError
from oauth_http.lsp.methods import ResponseRecord
from oauth_http.sending.body import BodyFiles
from oauth_http.sending.chaining import ResponseStore, send_order
from oauth_http.sending.oauth_setup import provider_id_for
from oauth_http.sending.prepare import SendJob
from oauth_http.sending.send_all import is_failure
from oauth_http.sending.session import Sender, SendOptions
from oauth_http.syntax.model import Request
from oauth_http.syntax.parser import parse_document
from oauth_http.variables.resolve import VariableScope

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
        print("oauth-http send: --timeout needs a positive number of seconds.", file=sys.stderr)
        return EXIT_NO_RESPONSE
    with tempfile.TemporaryDirectory(prefix="oauth-http-send-") as folder:
        try:
            return _Run(args, BodyFiles(Path(folder))).main()
        except WorkspaceError as error:
            print(f"oauth-http send: {error}", file=sys.stderr)
            return EXIT_NO_RESPONSE


class _Run:
    def __init__(self, args: argparse.Namespace, body_files: BodyFiles) -> None:
        self.args = args
        options = SendOptions(timeout=args.timeout) if args.timeout else SendOptions()
        self.sender = Sender(options, body_files=body_files)
        self.store = ResponseStore()

    def main(self) -> int:
        path: Path = self.args.file.expanduser().resolve()
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            print(f"oauth-http send: cannot read {path} ({reason}).", file=sys.stderr)
            return EXIT_NO_RESPONSE
        self.document = parse_document(text)
        self.path = path
        chosen = self._choose()
        if chosen is None:
            return EXIT_NO_RESPONSE
        self.workspace = SendWorkspace.load(path, self.args.env, self.args.token_file)
        try:
            if self.args.all:
                return self._send_all(chosen)
            return self._send_with_dependencies(chosen[0])
        finally:
            self.sender.close()

    def _choose(self) -> list[Request] | None:
        requests = self.document.requests()
        if not requests:
            print(f"oauth-http send: {self.path} holds no request.", file=sys.stderr)
            return None
        if self.args.all:
            return list(requests)
        if self.args.name:
            found = self.document.request_named(self.args.name)
            if found is None:
                print(
                    f'oauth-http send: no request is named "{self.args.name}" in {self.path}. '
                    f"{_listing(requests)}",
                    file=sys.stderr,
                )
                return None
            return [found]
        if self.args.line is not None:
            found = self.document.request_at(self.args.line - 1)
            if found is None:
                print(
                    f"oauth-http send: line {self.args.line} of {self.path} is not inside a "
                    f"request. {_listing(requests)}",
                    file=sys.stderr,
                )
                return None
            return [found]
        if len(requests) > 1:
            print(
                f"oauth-http send: {self.path} holds {len(requests)} requests; choose one with "
                f"--name NAME or --line N, or send them all with --all. {_listing(requests)}",
                file=sys.stderr,
            )
            return None
        return [requests[0]]

    def _send_with_dependencies(self, request: Request) -> int:

        for dependency in send_order(request, self.document, self.store):
            record = self._send(dependency)
            if record is None:
                return EXIT_NO_RESPONSE
            status = record["status"]
            outcome = f"HTTP {status}" if status is not None else "no response"
            print(f"* Sent {dependency.name} first ({outcome}).", file=sys.stderr)
            if is_failure(record):
                self._report(record)
                print(
                    f'oauth-http send: "{dependency.name}", which this request reads from, '
                    "failed; fix it first.",
                    file=sys.stderr,
                )
                return EXIT_NO_RESPONSE
        record = self._send(request)
        if record is None:
            return EXIT_NO_RESPONSE
        return self._report(record)

    def _send_all(self, requests: list[Request]) -> int:

        code = EXIT_OK
        for number, request in enumerate(requests):
            if number:
                print("", flush=True)
            record = self._send(request)
            if record is None:
                return EXIT_NO_RESPONSE
            code = self._report(record)
            if is_failure(record):
                break
        return code

    def _send(self, request: Request) -> ResponseRecord | None:

        values = self.workspace.ask_prompts(request)
        if values is None:
            print(
                "oauth-http send: input ended before every # @prompt of "
                f"{request.label()} had a value.",
                file=sys.stderr,
            )
            return None
        workspace = self.workspace
        scope = VariableScope(
            self.document,
            environments=workspace.environments,
            environment=workspace.environment,
            system=workspace.system,
            request_values=self.store,
            prompt_values=values,
        )
        provider_id = provider_id_for(request, self.document.file_directives())
        job = SendJob(
            request,
            scope,
            self.document,
            uri=self.path.as_uri(),
            document_dir=self.path.parent,
            workspace_dir=workspace.workspace_dir,
            oauth=workspace.oauth(provider_id) if provider_id else None,
        )
        return self.sender.send(job, None, self.store)

    def _report(self, record: ResponseRecord) -> int:

        if self.args.verbose:
            print_verbose(record, sys.stderr)
        status = record["status"]
        if status is None:
            print_failure(record, sys.stderr)
            return EXIT_NO_RESPONSE
        print_response(record, raw=self.args.raw, stdout=sys.stdout)
        print_failure(record, sys.stderr)
        if self.args.fail and status >= 400:
            return EXIT_HTTP_ERROR
        return EXIT_OK


def _listing(requests: list[Request]) -> str:

    lines = []
    for request in requests:
        where = f"line {request.request_line + 1}"
        lines.append(f"{request.name} ({where})" if request.name else f"{where}: {request.label()}")
    return "Requests: " + "; ".join(lines) + "."
