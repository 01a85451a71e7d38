"""The terminal's front end to `workspace.send_flow`, for `oauth-http send`, and its exit codes.

Dependencies are sent without asking, nothing is authorized on the way, each record is printed
(`send_output`), and the exit status follows the last record: 0 a response arrived, 1 HTTP
4xx/5xx with `--fail`, 2 no response, 3 an internal error, 4 the body went on past `--max-size`.
Credentials come from the keyring and/or `--token-file`, opened when a signed request first
needs them. A body file outside the workspace folder is read only when `--allow-outside` names
it (or a folder above it), for this run; nothing is asked.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from oauth_http.cli.send_output import print_failure, print_response, print_verbose
from oauth_http.cli.terminal import TerminalInteraction
from oauth_http.cli.token_store import open_secret_store
from oauth_http.oauth.errors import SecretStorageError
from oauth_http.oauth.interaction import SecretStore
from oauth_http.sending.failures import INTERNAL, NOT_AUTHORIZED
from oauth_http.sending.outside_files import real_path
from oauth_http.sending.record_types import ResponseRecord
from oauth_http.syntax.model import Request
from oauth_http.workspace.send_flow import DependencyChoice, RecordRole, SendOutcome, Transfer

EXIT_OK = 0
EXIT_HTTP_ERROR = 1
EXIT_NO_RESPONSE = 2
EXIT_INTERNAL = 3
EXIT_CUT = 4


class TerminalSends:
    """The terminal's `SendFrontEnd`: dependencies sent without asking, records printed."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.interaction = TerminalInteraction()
        self.secrets = _OpenedOnFirstUse(args.token_file)
        self.outside_files = AllowedOutside(args.allow_outside or [])
        # `--allow-origin`: for this run only, never stored.
        self.extra_origins: tuple[str, ...] = tuple(args.allow_origin or ())
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
        error = record["error"]
        if status is None:
            print_failure(record, sys.stderr)
            self._explain_missing_store(record)
            return EXIT_INTERNAL if error and error["kind"] == INTERNAL else EXIT_NO_RESPONSE
        print_response(record, raw=self.args.raw, stdout=sys.stdout, stderr=sys.stderr)
        print_failure(record, sys.stderr)
        body = record["body"]
        if body is not None and not body["complete"]:
            return EXIT_CUT
        if self.args.fail and status >= 400:
            return EXIT_HTTP_ERROR
        return EXIT_OK

    def _explain_missing_store(self, record: ResponseRecord) -> None:
        error = record["error"]
        reason = self.secrets.unavailable
        if reason and error is not None and error["kind"] == NOT_AUTHORIZED:
            print(reason, file=sys.stderr)


class AllowedOutside:
    """The CLI's permission to read body files outside the workspace folder: the files and
    folders `--allow-outside` names, for this run only; nothing is asked or kept."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self._allowed = frozenset(real_path(path) for path in paths)

    async def allowed(self, folder_uri: str) -> frozenset[Path]:
        return self._allowed

    async def ask(self, path: Path, folder: Path | None, folder_uri: str) -> bool:
        return False

    def how_to_allow(self, path: Path) -> str:
        return (
            f"Run again with --allow-outside {path} to send it (this run only), or move it into "
            "the workspace folder."
        )


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
