"""`oauthHttp.send` and `oauthHttp.sendAll`: send requests from a document and report the records.

Translation only: `workspace.send_flow` decides what a send does; this module is the editor's
front end to it. Requests a send reads from that have no response yet are offered to be sent
first, a provider that is not authorized yet is offered to be authorized, and `# @prompt` values
are asked in the editor, and so is reading a body file outside the workspace folder (the answer
kept in SecretStorage, `workspace.include_permission`); a send refused because its origin is not
the provider's offers to allow that origin. The transfer runs in a worker thread (hover and
completion keep answering); a progress with Cancel appears when it takes longer than a moment,
and `$/cancelRequest` cancels it too (on the fast path; stock pygls cannot hand it to the
command, `lsp/fastpath`). Either cancel wakes the cancel watch at once, which closes the
connection; the command then answers "cancelled" and no record is sent. Each record goes to the
client as an `oauthHttp/response` notification; the command answers only which record that was
(a record can carry megabytes of body, sent once).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Sequence
from typing import Any

from lsprotocol import types

from oauth_http.lsp import diagnostics, fastpath, methods
from oauth_http.lsp.arguments import MissingArguments, read_arguments
from oauth_http.lsp.client_interaction import LspProgress, LspSecretStore, LspUserInteraction
from oauth_http.lsp.oauth_commands import run_authorize
from oauth_http.lsp.server import OAuthHttpServer
from oauth_http.oauth.errors import SecretStorageError
from oauth_http.sending.oauth_setup import OAuthSetup
from oauth_http.sending.record_types import ResponseRecord
from oauth_http.syntax.model import Request
from oauth_http.workspace.consent import allow_origin, refused_origin
from oauth_http.workspace.include_permission import StoredPermission
from oauth_http.workspace.send_flow import (
    DependencyChoice,
    RecordRole,
    SendOutcome,
    Transfer,
    rejected_token_provider,
)

logger = logging.getLogger(__name__)

PROGRESS_DELAY_SECONDS = 0.3


def _warned(ls: OAuthHttpServer, message: str) -> str:
    """`message`, once shown to the user as a warning."""
    ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=message))
    return message


async def choose(ls: OAuthHttpServer, message: str, *actions: str) -> str | None:
    """The action the user clicks in a message box, None when dismissed."""
    try:
        chosen = await ls.window_show_message_request_async(
            types.ShowMessageRequestParams(
                type=types.MessageType.Info,
                message=message,
                actions=[types.MessageActionItem(title=action) for action in actions],
            )
        )
    except Exception:
        logger.warning("the client did not answer window/showMessageRequest", exc_info=True)
        return None
    return chosen.title if chosen is not None else None


class EditorSends:
    """The editor's `SendFrontEnd`: message boxes, a worker thread, record notifications."""

    def __init__(self, ls: OAuthHttpServer, uri: str) -> None:
        self.ls = ls
        self.uri = uri
        self.interaction = LspUserInteraction(ls)
        self.secrets = LspSecretStore(ls)
        self.outside_files = StoredPermission(self.interaction, self.secrets)
        # Origins allowed in the editor are kept in SecretStorage (`consent.allow_origin`).
        self.extra_origins: tuple[str, ...] = ()

    async def choose_dependencies(self, names: Sequence[str]) -> DependencyChoice | None:
        listed = ", ".join(names)
        first = f"Send {listed} first"
        chosen = await choose(
            self.ls,
            f"This request uses the response of {listed}, which has not been sent in this "
            "session yet.",
            first,
            "Send anyway",
        )
        if chosen is None:
            return None
        return "first" if chosen == first else "anyway"

    async def authorize_first(self, provider_id: str) -> bool:
        chosen = await choose(
            self.ls,
            f'This request is signed with "{provider_id}", which is not authorized in this '
            "workspace yet. Authorize it now, then send?",
            "Authorize",
            "Cancel",
        )
        if chosen != "Authorize":
            return False
        outcome = await run_authorize(self.ls, {"uri": self.uri, "provider": provider_id})
        return outcome["status"] == "authorized"

    async def transfer(self, send: Transfer, label: str) -> ResponseRecord:
        from oauth_http.sending.cancel_watch import WATCH

        cancel = threading.Event()
        task = asyncio.ensure_future(asyncio.to_thread(send, cancel))
        progress: LspProgress | None = None
        try:
            done, _ = await asyncio.wait({task}, timeout=PROGRESS_DELAY_SECONDS)
            if not done:
                progress = LspProgress(self.ls)
                await progress.begin("Sending", label)
                progress.on_cancel(lambda: WATCH.cancel(cancel))
                await asyncio.wait({task})
            return task.result()
        except asyncio.CancelledError:  # $/cancelRequest: stop the worker, then let pygls answer
            WATCH.cancel(cancel)
            raise
        finally:
            if progress is not None:
                await progress.end("")

    def sent(self, outcome: SendOutcome, request: Request, role: RecordRole) -> None:
        if outcome.record is not None:
            fastpath.notify(self.ls, methods.RESPONSE, outcome.record)
            _offer_reauthorization(self.ls, self.uri, outcome)
            self._offer_allowing(outcome)

    def _offer_allowing(self, outcome: SendOutcome) -> None:
        """A send refused for its origin shows why, with a button that allows that origin for
        the provider in this workspace folder (kept in SecretStorage, never in a file)."""
        record, oauth = outcome.record, outcome.oauth
        origin = refused_origin(record) if record is not None else None
        if origin is None or record is None or not isinstance(oauth, OAuthSetup):
            return
        error = record["error"]
        provider_id = oauth.provider.id
        action = f"Allow {origin} for {provider_id}"
        message = error["message"] if error is not None else ""

        async def offer() -> None:
            if await self.interaction.choose(message, [action]) != action:
                return
            try:
                context = self.ls.context_for(self.uri)
                await allow_origin(context, provider_id, origin, self.secrets)
            except SecretStorageError as failure:
                await self.interaction.show_error(f"Could not keep the answer: {failure.message}.")
                return
            diagnostics.schedule(self.ls, self.uri)  # its foreign-origin warning goes now
            await self.interaction.show_info(
                f"{origin} is allowed for {provider_id} in this workspace folder; send again."
            )

        self.ls.keep(asyncio.ensure_future(offer()))


async def send_command(ls: OAuthHttpServer, arguments: Sequence[Any]) -> methods.SendAnswer:
    """Send the request at `line` (or named `name`) of `uri`; answer which record it gave."""
    given = read_arguments(methods.SendArguments, methods.SEND, arguments)
    if isinstance(given, MissingArguments):
        return {"status": "failed", "message": _warned(ls, given.message)}
    uri = given.get("uri", "")
    parsed = ls.documents.parsed_or_file(uri) if uri else None
    if parsed is None:
        message = _warned(ls, f"Cannot read {uri or 'the document'} to send a request from it.")
        return {"status": "failed", "message": message}
    request: Request | None = None
    if "name" in given:
        request = parsed.request_named(given["name"])
    elif "line" in given:
        request = parsed.request_at(given["line"])
    if request is None:
        where = f"named {given['name']!r}" if "name" in given else f"at line {given.get('line')}"
        message = _warned(ls, f"There is no request {where} in this file.")
        return {"status": "failed", "message": message}
    outcome = await ls.sends.send_request(
        ls.context_for(uri), parsed, request, EditorSends(ls, uri)
    )
    if outcome.record is None:
        return {"status": "cancelled"}
    return {"status": "sent", "recordId": outcome.record["id"]}


async def send_all_command(ls: OAuthHttpServer, arguments: Sequence[Any]) -> methods.SendAllAnswer:
    """Send every request of `uri` in order, stopping at the first failure."""
    given = read_arguments(methods.SendAllArguments, methods.SEND_ALL, arguments)
    uri = "" if isinstance(given, MissingArguments) else given["uri"]
    parsed = ls.documents.parsed_or_file(uri) if uri else None
    if parsed is None:
        message = _warned(ls, f"Cannot read {uri or 'the document'} to send its requests.")
        return {"status": "failed", "message": message}
    outcome = await ls.sends.send_all(ls.context_for(uri), parsed, EditorSends(ls, uri))
    if outcome.cancelled_at is not None:
        return {"status": "cancelled", "sent": outcome.sent}
    if outcome.stopped_at is not None:
        return {"status": "stopped", "sent": outcome.sent, "line": outcome.stopped_at.request_line}
    return {"status": "done", "sent": outcome.sent}


def _offer_reauthorization(ls: OAuthHttpServer, uri: str, outcome: SendOutcome) -> None:
    provider_id = rejected_token_provider(outcome)
    if provider_id is None:
        return

    async def offer() -> None:
        chosen = await choose(
            ls,
            f"{provider_id} no longer accepts the stored access token. Authorize again?",
            "Authorize again",
        )
        if chosen is not None:
            await run_authorize(ls, {"uri": uri, "provider": provider_id})

    ls.keep(asyncio.ensure_future(offer()))
