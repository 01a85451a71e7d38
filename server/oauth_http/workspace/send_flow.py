"""Sending a request with the requests it depends on, and sending every request of a file.

This is the one place that decides what a send does before bytes go on the wire, for the
language server and the CLI alike:
- the named requests a request reads from (`{{login.response.body.$.token}}`) that have no
  response yet are sent first, their own dependencies first, when the front end agrees;
- `# @prompt` values are asked;
- a provider that is not authorized yet may be authorized first, when the front end offers it;
- a provider the workspace's env file redefines is shown and agreed to first (`consent`), and
  the signer learns the origins the user allowed besides the provider's own (`Signer.refusal`
  then keeps a request, or a redirect, to any other origin unsigned and unsent);
- the job is built (`jobs.build_job`), a body file outside the workspace folder is read only if
  the front end allows it (`include_permission`), and the job is handed to the front end to
  transfer.
"Send all" sends every request in order and stops at the first failure.

The front end (`SendFrontEnd`) is what differs: the editor asks with message boxes, sends in a
worker thread under a cancellable progress, and notifies each record; the CLI sends dependencies
without asking, never authorizes on the way, and prints.
A cancelled send delivers no record, however it was cancelled (the transfer raised
`asyncio.CancelledError`, or its record says `cancelled`), and keeps no body file; a delivered
record goes into the session's history (`SendSession.delivered`).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol

from oauth_http.oauth.interaction import SecretStore, UserInteraction
from oauth_http.sending.chaining import dependencies, send_order
from oauth_http.sending.credential_failures import definition_refused
from oauth_http.sending.failures import CANCELLED, NOT_AUTHORIZED, OAUTH_PROBLEM, Failure
from oauth_http.sending.oauth_setup import OAuthSetup
from oauth_http.sending.prepare import SendJob
from oauth_http.sending.record_types import ResponseRecord
from oauth_http.syntax.model import Request
from oauth_http.syntax.parsed_document import ParsedDocument
from oauth_http.workspace.consent import agree_to_definition, allowed_origins
from oauth_http.workspace.contexts import DocumentContext
from oauth_http.workspace.include_permission import OutsidePermission, allow_outside_includes
from oauth_http.workspace.jobs import ask_prompts, build_job, load_oauth_for, provider_of
from oauth_http.workspace.session import SendLimits, SendSession

DependencyChoice = Literal["first", "anyway"]
# One send, ready to run: call it with an event that cancels it (or None) for its record.
Transfer = Callable[[threading.Event | None], ResponseRecord]
RecordRole = Literal["dependency", "request"]


class SendFrontEnd(Protocol):
    """What a front end decides and does around the sends of `send_request` and `send_all`."""

    @property
    def interaction(self) -> UserInteraction:
        """Where `# @prompt` values are asked."""
        ...

    @property
    def secrets(self) -> SecretStore:
        """Where the providers' credentials are read."""
        ...

    @property
    def outside_files(self) -> OutsidePermission:
        """Whether a body may read files outside the workspace folder."""
        ...

    @property
    def extra_origins(self) -> tuple[str, ...]:
        """Origins this front end allows every provider's credentials to go to for its own
        lifetime (the CLI's `--allow-origin`), besides those kept in `secrets`."""
        ...

    async def choose_dependencies(self, names: Sequence[str]) -> DependencyChoice | None:
        """`names` (quoted request names) have no response yet: send them first, send anyway,
        or None to cancel."""
        ...

    async def authorize_first(self, provider_id: str) -> bool:
        """The provider is not authorized: True when the front end authorized it just now."""
        ...

    async def transfer(self, send: Transfer, label: str) -> ResponseRecord:
        """Run `send` (the editor: in a worker thread, with an event that cancels it) and give
        its record."""
        ...

    def sent(self, outcome: SendOutcome, request: Request, role: RecordRole) -> None:
        """A record arrived (`outcome.record`): show it (notify the panel, print it)."""
        ...


def is_failure(record: ResponseRecord) -> bool:
    """No response, an explained problem (OAuth, rate limit, HTML for JSON), or HTTP 4xx/5xx."""
    status = record["status"]
    return record["error"] is not None or status is None or status >= 400


@dataclass(frozen=True)
class SendOutcome:
    """What `send_request` did. `record` is the request's record, or the record of the
    dependency that failed (`failed_dependency` names it); None when the user cancelled (a
    prompt, a choice, or the transfer itself)."""

    record: ResponseRecord | None
    failed_dependency: Request | None = None
    oauth: OAuthSetup | Failure | None = None


@dataclass(frozen=True)
class SendAllOutcome:
    """What `send_all` did: how many records were sent; `stopped_at` is the request whose record
    failed, `cancelled_at` the one whose prompt the user cancelled."""

    sent: int
    stopped_at: Request | None = None
    cancelled_at: Request | None = None
    records: list[ResponseRecord] = field(default_factory=list)


class WorkspaceSends:
    """Sends from the documents of one workspace: one `SendSession` and the user's limits."""

    def __init__(self, session: SendSession, limits: SendLimits) -> None:
        self.session = session
        self.limits = limits

    async def send_request(
        self,
        context: DocumentContext,
        parsed: ParsedDocument,
        request: Request,
        front: SendFrontEnd,
        *,
        with_dependencies: bool = True,
    ) -> SendOutcome:
        """Send `request` (and, if the front end agrees, the unsent requests it reads from)."""
        if with_dependencies:
            unsent = dependencies(request, parsed, self.session.store).unsent
            if unsent:
                choice = await front.choose_dependencies([f"'{name}'" for name in unsent])
                if choice is None:
                    return SendOutcome(None)
                if choice == "first":
                    for dependency in send_order(request, parsed, self.session.store):
                        outcome = await self._send_one(
                            context, parsed, dependency, front, "dependency"
                        )
                        if outcome.record is None or is_failure(outcome.record):
                            return SendOutcome(outcome.record, dependency, outcome.oauth)
        return await self._send_one(context, parsed, request, front, "request")

    async def send_all(
        self, context: DocumentContext, parsed: ParsedDocument, front: SendFrontEnd
    ) -> SendAllOutcome:
        """Send every request of `parsed` in order, stopping at the first failure."""
        records: list[ResponseRecord] = []
        for request in parsed.requests():
            outcome = await self._send_one(context, parsed, request, front, "request")
            if outcome.record is None:
                return SendAllOutcome(len(records), cancelled_at=request, records=records)
            records.append(outcome.record)
            if is_failure(outcome.record):
                return SendAllOutcome(len(records), stopped_at=request, records=records)
        return SendAllOutcome(len(records), records=records)

    async def prepare_job(
        self,
        context: DocumentContext,
        parsed: ParsedDocument,
        request: Request,
        front: SendFrontEnd,
    ) -> tuple[SendJob, OAuthSetup | Failure | None] | None:
        """The job a send of `request` would transfer (prompts asked, credentials loaded, the
        provider authorized first if the front end offers it); None when a prompt is cancelled."""
        prompt_values = await ask_prompts(request, front.interaction)
        if prompt_values is None:
            return None
        oauth = await self._oauth_for(context, parsed, request, front)
        job = build_job(
            context,
            parsed,
            request,
            store=self.session.store,
            prompt_values=prompt_values,
            oauth=oauth,
        )
        job = await allow_outside_includes(job, context, front.outside_files)
        return job, oauth

    async def _send_one(
        self,
        context: DocumentContext,
        parsed: ParsedDocument,
        request: Request,
        front: SendFrontEnd,
        role: RecordRole,
    ) -> SendOutcome:
        prepared = await self.prepare_job(context, parsed, request, front)
        if prepared is None:
            return SendOutcome(None)
        job, oauth = prepared
        sender = self.session.sender_for(context.folder_uri, self.limits)
        store = self.session.store
        handoff = _Handoff(self.session, lambda cancel: sender.send(job, cancel, store))
        try:
            record = await front.transfer(handoff.run, request.label())
        except asyncio.CancelledError:
            handoff.abandon()
            raise
        error = record["error"]
        if error is not None and error["kind"] == CANCELLED:
            self.session.discard(record)
            return SendOutcome(None)
        outcome = SendOutcome(record, oauth=oauth)
        self.session.delivered(record)
        front.sent(outcome, request, role)
        return outcome

    async def _oauth_for(
        self,
        context: DocumentContext,
        parsed: ParsedDocument,
        request: Request,
        front: SendFrontEnd,
    ) -> OAuthSetup | Failure | None:
        provider_id = provider_of(parsed, request)
        if provider_id is None:
            return None
        oauth = await load_oauth_for(context, provider_id, front.secrets)
        if (
            isinstance(oauth, Failure)
            and oauth.kind == NOT_AUTHORIZED
            and await front.authorize_first(provider_id)
        ):
            oauth = await load_oauth_for(context, provider_id, front.secrets)
        if not isinstance(oauth, OAuthSetup):
            return oauth
        agreed = await agree_to_definition(
            context, oauth.provider, front.interaction, front.secrets
        )
        if isinstance(agreed, str):
            return definition_refused(agreed, provider_id)
        await agreed.keep(front.secrets)
        stored = await allowed_origins(context, provider_id, front.secrets)
        return replace(oauth, allowed_origins=(*front.extra_origins, *stored))


class _Handoff:
    """One record between the worker thread that makes it and the front end that shows it: when
    the front end gives up on it (cancelled), whichever of the two comes second removes the
    record's body file, so a send that finishes just as it is cancelled leaves none behind."""

    def __init__(self, session: SendSession, send: Transfer) -> None:
        self._session = session
        self._send = send
        self._lock = threading.Lock()
        self._record: ResponseRecord | None = None
        self._abandoned = False

    def run(self, cancel: threading.Event | None) -> ResponseRecord:
        record = self._send(cancel)
        with self._lock:
            self._record = record
            abandoned = self._abandoned
        if abandoned:
            self._session.discard(record)
        return record

    def abandon(self) -> None:
        with self._lock:
            self._abandoned = True
            record = self._record
        if record is not None:
            self._session.discard(record)


def rejected_token_provider(outcome: SendOutcome) -> str | None:
    """The provider whose stored token the response says is no longer accepted (an
    `oauth_problem` about the token, or permission denied), else None."""
    record, oauth = outcome.record, outcome.oauth
    error = record["error"] if record is not None else None
    if not isinstance(oauth, OAuthSetup) or error is None or error["kind"] != OAUTH_PROBLEM:
        return None
    if not any(word in error["message"] for word in ("token_", "permission_denied")):
        return None
    return oauth.provider.id
