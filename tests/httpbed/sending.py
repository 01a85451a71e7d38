"""Helpers for tests that send through `oauth_http.sending`: one call from .http text to record,
and a real access token from the sandbox (its token endpoints driven with requests-oauthlib,
the authorize page answered with `approve()`)."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from oauth_http.sending.chaining import ResponseStore
from oauth_http.sending.failures import Failure
from oauth_http.sending.oauth_setup import OAuthSetup
from oauth_http.sending.prepare import SendJob
from oauth_http.sending.record_types import RecordBody, ResponseRecord
from oauth_http.sending.session import Sender
from oauth_http.syntax.model import Request
from oauth_http.syntax.parsed_document import ParsedDocument
from oauth_http.syntax.parser import parse_document
from oauth_http.variables.environments import Environments
from oauth_http.variables.scope import VariableScope

if TYPE_CHECKING:
    from typing import Unpack


class JobSettings(TypedDict, total=False):
    """What a test may set on the job `make_job` builds, besides the request, its store and its
    folders."""

    oauth: OAuthSetup | Failure | None
    prompts: Mapping[str, str] | None
    environments: Environments | None
    environment: str | None
    timeout: float | None


class JobOptions(JobSettings, total=False):
    """`JobSettings` and the folders."""

    folder: Path | None
    workspace: Path | None


def pick(document: ParsedDocument, *, name: str | None = None, index: int = 0) -> Request:
    if name is not None:
        found = document.request_named(name)
        assert found is not None, f"no request named {name}"
        return found
    return document.requests()[index]


def make_job(
    document: ParsedDocument,
    request: Request,
    *,
    store: ResponseStore | None = None,
    oauth: OAuthSetup | Failure | None = None,
    folder: Path | None = None,
    workspace: Path | None = None,
    prompts: Mapping[str, str] | None = None,
    environments: Environments | None = None,
    environment: str | None = None,
    timeout: float | None = None,
) -> SendJob:
    scope = VariableScope(
        document,
        environments=environments,
        environment=environment,
        request_values=store,
        prompt_values=prompts,
    )
    return SendJob(
        request,
        scope,
        document,
        uri="file:///test.http",
        document_dir=folder,
        workspace_dir=workspace,
        oauth=oauth,
        timeout=timeout,
    )


def send_text(
    sender: Sender,
    text: str,
    *,
    name: str | None = None,
    index: int = 0,
    store: ResponseStore | None = None,
    cancel: threading.Event | None = None,
    **job: Unpack[JobOptions],
) -> ResponseRecord:
    """Parse `text`, pick a request (by name or position) and send it."""
    document = parse_document(text)
    request = pick(document, name=name, index=index)
    return sender.send(make_job(document, request, store=store, **job), cancel, store)


def text_of(body: RecordBody | None) -> str:
    """A record's body as text ("" if it is not text); the body must be there."""
    assert body is not None, "the record has no body"
    return body["text"] or ""


@dataclass(frozen=True)
class AccessToken:
    token: str
    secret: str


def authorize_with_sandbox(
    sandbox_url: str, consumer_key: str, consumer_secret: str
) -> AccessToken:
    """The three legs against the sandbox, as a user approving in the browser would."""
    from oauth_http.sandbox.browser import approve

    from tests.oauth1_reference import OAuth1Session

    session = OAuth1Session(consumer_key, client_secret=consumer_secret, callback_uri="oob")
    session.fetch_request_token(f"{sandbox_url}/oauth/request_token", timeout=10)
    pin = approve(session.authorization_url(f"{sandbox_url}/oauth/authorize"))
    token = session.fetch_access_token(
        f"{sandbox_url}/oauth/access_token", verifier=pin, timeout=10
    )
    return AccessToken(token["oauth_token"], token["oauth_token_secret"])
