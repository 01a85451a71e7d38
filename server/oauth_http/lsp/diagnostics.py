"""Diagnostics: computed shortly after a change (debounced) and pushed with publishDiagnostics.

Parsing happens once per version (see documents.py); `workspace.checks` adds what needs the
workspace: undefined variables, unknown providers and include files that do not exist. An env
file open in the editor gets its own problems and those of its auth entries. The env files a
`.http` file uses but the editor has not open get their own problems too, published whenever
they change. Code lenses and hovers never wait for diagnostics.
"""

from __future__ import annotations

import asyncio
import logging

from lsprotocol import types

from oauth_http.lsp.positions import to_range
from oauth_http.lsp.server import OAuthHttpServer
from oauth_http.syntax.checks import document_problems
from oauth_http.syntax.spans import Problem
from oauth_http.workspace.checks import workspace_problems
from oauth_http.workspace.consent import cached_allowed_origins
from oauth_http.workspace.layout import is_env_file, path_of_uri, uri_of_path

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
    context = ls.context_for(uri)
    problems.extend(
        workspace_problems(
            context,
            parsed,
            lambda provider_id: cached_allowed_origins(context, provider_id, ls.secret_cache),
        )
    )
    return problems


def env_problems(ls: OAuthHttpServer, uri: str) -> list[Problem]:
    path = path_of_uri(uri)
    return ls.contexts.env_file_problems(path) if path else []


def publish(ls: OAuthHttpServer, uri: str) -> None:
    ls.pending_diagnostics.pop(uri, None)
    document = ls.documents.get(uri)
    if document is None:
        return
    try:
        problems = env_problems(ls, uri) if is_env_file(uri) else http_problems(ls, uri)
        _publish_closed_env_files(ls)
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


def _publish_closed_env_files(ls: OAuthHttpServer) -> None:
    """The own problems of the env files read for contexts that the editor has not open."""
    for path, problems in ls.contexts.loaded_env_files().items():
        uri = uri_of_path(path)
        if ls.documents.get(uri) is not None:
            continue  # open in the editor: `publish` covers it, auth entries included
        if ls.published_env_problems.get(path, ()) == problems:
            continue
        ls.published_env_problems[path] = problems
        # Not open, so no editor lines: columns are taken as they are.
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, diagnostics=[to_diagnostic(p, []) for p in problems]
            )
        )


def document_changed(ls: OAuthHttpServer, uri: str) -> None:
    """A document was opened or changed: its diagnostics, and every document's when it is an
    env file (their variables and providers come from it)."""
    if is_env_file(uri):
        ls.contexts.invalidate()
        schedule_all(ls)
    else:
        schedule(ls, uri)


def document_closed(ls: OAuthHttpServer, uri: str) -> None:
    cancel(ls, uri)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
    if is_env_file(uri):
        path = path_of_uri(uri)
        if path is not None:
            ls.published_env_problems.pop(path, None)
        ls.contexts.invalidate()
        schedule_all(ls)


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
