"""Diagnostics: computed shortly after a change (debounced) and pushed with publishDiagnostics.

Parsing happens once per version (see documents.py); the checks here add what needs the workspace:
undefined variables, unknown providers and include files that do not exist. Code lenses and hovers
never wait for diagnostics.
"""

from __future__ import annotations

import asyncio
import logging

from lsprotocol import types

from oauth_http.lsp.positions import to_range
from oauth_http.lsp.server import OAuthHttpServer
from oauth_http.lsp.workspace_checks import workspace_problems
from oauth_http.syntax.checks import document_problems
from oauth_http.syntax.model import Problem

logger = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.15
SOURCE = "oauth-http"


def to_diagnostic(problem: Problem, lines: list[str]) -> types.Diagnostic:
    return types.Diagnostic(
        range=to_range(problem.span, lines),
        message=problem.message,
        severity=types.DiagnosticSeverity(int(problem.severity)),
        code=problem.code or None,
        source=SOURCE,
    )


def http_problems(ls: OAuthHttpServer, uri: str) -> list[Problem]:
    document = ls.documents.get(uri)
    if document is None:
        return []
    parsed = document.parsed
    problems = parsed.problems()
    problems.extend(document_problems(parsed))
    problems.extend(workspace_problems(ls.context_for(uri), parsed))
    return problems


def publish(ls: OAuthHttpServer, uri: str) -> None:
    ls.pending_diagnostics.pop(uri, None)
    document = ls.documents.get(uri)
    if document is None:
        return
    try:
        if ls.contexts.is_env_file(uri):
            problems = ls.contexts.env_file_problems(uri)
        else:
            problems = http_problems(ls, uri)
    except Exception:
        logger.exception("Could not compute diagnostics for %s", uri)
        return
    lines = document.lines if problems else []
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(
            uri=uri,
            version=document.version,
            diagnostics=[to_diagnostic(p, lines) for p in problems],
        )
    )


def schedule(ls: OAuthHttpServer, uri: str, delay: float = DEBOUNCE_SECONDS) -> None:
    """Publish diagnostics for `uri` after `delay` seconds, replacing any pending run."""
    cancel(ls, uri)
    loop = asyncio.get_running_loop()
    ls.pending_diagnostics[uri] = loop.call_later(delay, publish, ls, uri)


def schedule_all(ls: OAuthHttpServer) -> None:
    for document in ls.documents.all():
        schedule(ls, document.uri)


def cancel(ls: OAuthHttpServer, uri: str) -> None:
    handle = ls.pending_diagnostics.pop(uri, None)
    if handle is not None:
        handle.cancel()
