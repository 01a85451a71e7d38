"""`oauthHttp.send` and `oauthHttp.sendAll`: send requests from a document and report the records.

Before a send: requests it reads from that have no response yet are offered to be sent first,
`# @prompt` values are asked, and a provider that is not authorized yet is offered to be
authorized. The send itself runs in a worker thread (hover and completion keep answering); a
progress with Cancel appears when it takes longer than a moment, and `$/cancelRequest` cancels it
too. Each record goes to the client as an `oauthHttp/response` notification; the command answers
only which record that was (a record can carry megabytes of body, sent once).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

from lsprotocol import types

from oauth_http.lsp import fastpath, methods
from oauth_http.lsp.client_interaction import LspProgress
from oauth_http.lsp.context import DocumentContext
from oauth_http.lsp.oauth_commands import run_authorize
from oauth_http.lsp.request_jobs import (
    ask_prompts,
    build_job,
    command_arguments,
    document_for,
    load_oauth_for,
    provider_of,
)
from oauth_http.lsp.send_session import SendSession
from oauth_http.lsp.server import OAuthHttpServer
from oauth_http.sending.chaining import dependencies, send_order
from oauth_http.sending.failures import NOT_AUTHORIZED, OAUTH_PROBLEM, Failure
from oauth_http.sending.oauth_setup import OAuthSetup
from oauth_http.sending.prepare import SendJob
from oauth_http.sending.send_all import is_failure
from oauth_http.syntax.model import ParsedDocument, Request

logger = logging.getLogger(__name__)

PROGRESS_DELAY_SECONDS = 0.3
_HIDDEN_PROMPTS = {"password", "passwd", "pass"}


def _warned(ls: OAuthHttpServer, message: str) -> str:
    """`message`, once shown to the user as a warning."""
    ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=message))
    return message


async def _choose(ls: OAuthHttpServer, message: str, *actions: str) -> str | None:
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


async def send_command(ls: OAuthHttpServer, *arguments: Any) -> methods.SendAnswer:
    """Send the request at `line` (or named `name`) of `uri`; answer which record it gave."""
    given = command_arguments(arguments)
    uri = str(given.get("uri", ""))
    parsed = document_for(ls, uri)
    if parsed is None:
        message = _warned(ls, f"Cannot read {uri or 'the document'} to send a request from it.")
        return {"status": "failed", "message": message}
    request: Request | None = None
    if isinstance(given.get("name"), str):
        request = parsed.request_named(given["name"])
    elif isinstance(given.get("line"), int):
        request = parsed.request_at(given["line"])
    if request is None:
        where = f"named {given['name']!r}" if "name" in given else f"at line {given.get('line')}"
        message = _warned(ls, f"There is no request {where} in this file.")
        return {"status": "failed", "message": message}
    record = await send_one(ls, uri, parsed, request, offer_dependencies=True)
    if record is None:
        return {"status": "cancelled"}
    return {"status": "sent", "recordId": record["id"]}


async def send_all_command(ls: OAuthHttpServer, *arguments: Any) -> methods.SendAllAnswer:
    """Send every request of `uri` in order, stopping at the first failure."""
    uri = str(command_arguments(arguments).get("uri", ""))
    parsed = document_for(ls, uri)
    if parsed is None:
        message = _warned(ls, f"Cannot read {uri or 'the document'} to send its requests.")
        return {"status": "failed", "message": message}
    sent = 0
    for request in parsed.requests():
        record = await send_one(ls, uri, parsed, request, offer_dependencies=False)
        if record is None:
            return {"status": "cancelled", "sent": sent}
        sent += 1
        if is_failure(record):
            return {"status": "stopped", "sent": sent, "line": request.request_line}
    return {"status": "done", "sent": sent}


async def send_one(
    ls: OAuthHttpServer,
    uri: str,
    parsed: ParsedDocument,
    request: Request,
    *,
    offer_dependencies: bool,
) -> methods.ResponseRecord | None:
    """Send one request (and, if the user agrees, what it depends on); None when cancelled."""
    session = ls.send_session
    if offer_dependencies:
        unsent = dependencies(request, parsed, session.store).unsent
        if unsent:
            names = ", ".join(f"'{name}'" for name in unsent)
            first = f"Send {names} first"
            chosen = await _choose(
                ls,
                f"This request uses the response of {names}, which has not been sent in this "
                "session yet.",
                first,
                "Send anyway",
            )
            if chosen is None:
                return None
            if chosen == first:
                for dependency in send_order(request, parsed, session.store):
                    record = await send_one(ls, uri, parsed, dependency, offer_dependencies=False)
                    if record is None or is_failure(record):
                        return record
    prompt_values = await ask_prompts(ls, request)
    if prompt_values is None:
        return None
    context = ls.context_for(uri)
    oauth = await _oauth_for(ls, context, parsed, request)
    job = build_job(ls, context, parsed, request, prompt_values=prompt_values, oauth=oauth)
    record = await _send_in_thread(ls, session, context.folder_uri, job, request.label())
    fastpath.notify(ls, methods.RESPONSE, record)
    _offer_reauthorization(ls, uri, record, oauth)
    return record


async def _oauth_for(
    ls: OAuthHttpServer, context: DocumentContext, parsed: ParsedDocument, request: Request
) -> OAuthSetup | Failure | None:
    provider_id = provider_of(parsed, request)
    if provider_id is None:
        return None
    oauth = await load_oauth_for(ls, context, provider_id)
    if isinstance(oauth, Failure) and oauth.kind == NOT_AUTHORIZED:
        chosen = await _choose(
            ls,
            f'This request is signed with "{provider_id}", which is not authorized in this '
            "workspace yet. Authorize it now, then send?",
            "Authorize",
            "Cancel",
        )
        if chosen == "Authorize":
            outcome = await run_authorize(ls, {"uri": context.uri or "", "provider": provider_id})
            if outcome.get("status") == "authorized":
                oauth = await load_oauth_for(ls, context, provider_id)
    return oauth


async def _send_in_thread(
    ls: OAuthHttpServer, session: SendSession, folder_uri: str, job: SendJob, label: str
) -> methods.ResponseRecord:
    sender = session.sender_for(folder_uri, ls.settings)
    cancel = threading.Event()
    task = asyncio.ensure_future(asyncio.to_thread(sender.send, job, cancel, session.store))
    progress: LspProgress | None = None
    try:
        done, _ = await asyncio.wait({task}, timeout=PROGRESS_DELAY_SECONDS)
        if not done:
            progress = LspProgress(ls)
            await progress.begin("Sending", label)
            while not task.done():
                if progress.cancelled:
                    cancel.set()
                await asyncio.wait({task}, timeout=0.1)
        return task.result()
    except asyncio.CancelledError:  # $/cancelRequest: stop the worker, then let pygls answer
        cancel.set()
        raise
    finally:
        if progress is not None:
            await progress.end("")


def _offer_reauthorization(
    ls: OAuthHttpServer,
    uri: str,
    record: methods.ResponseRecord,
    oauth: OAuthSetup | Failure | None,
) -> None:
    error = record["error"]
    if not isinstance(oauth, OAuthSetup) or error is None or error["kind"] != OAUTH_PROBLEM:
        return
    if not any(word in error["message"] for word in ("token_", "permission_denied")):
        return
    provider_id = oauth.provider.id

    async def offer() -> None:
        chosen = await _choose(
            ls,
            f"{provider_id} no longer accepts the stored access token. Authorize again?",
            "Authorize again",
        )
        if chosen is not None:
            await run_authorize(ls, {"uri": uri, "provider": provider_id})

    ls.keep(asyncio.ensure_future(offer()))
