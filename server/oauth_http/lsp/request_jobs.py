"""What `oauthHttp.send` and `oauthHttp.curlRequest` share: reading a command's arguments and
document, asking `# @prompt` values, loading a request's OAuth credentials, and building the
`SendJob` with the session's variable scope."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pygls.uris import to_fs_path

from oauth_http.lsp.client_interaction import LspSecretStore, LspUserInteraction
from oauth_http.lsp.context import DocumentContext
from oauth_http.lsp.server import OAuthHttpServer
from oauth_http.sending.failures import Failure
from oauth_http.sending.oauth_setup import OAuthSetup, load_oauth, provider_id_for
from oauth_http.sending.prepare import SendJob
from oauth_http.syntax.model import ParsedDocument, Request
from oauth_http.syntax.parser import parse_document
from oauth_http.variables.resolve import VariableScope, looks_secret

_HIDDEN_PROMPTS = {"password", "passwd", "pass"}


def command_arguments(arguments: tuple[Any, ...]) -> Mapping[str, Any]:
    """A command's first argument as a mapping (pygls may hand it over as a namedtuple)."""
    first = arguments[0] if arguments else {}
    if isinstance(first, Mapping):
        return first
    as_dict = getattr(first, "_asdict", None)
    return as_dict() if callable(as_dict) else {}


def document_for(ls: OAuthHttpServer, uri: str) -> ParsedDocument | None:
    """The open document's parse, else the file's parsed from disk."""
    open_document = ls.documents.get(uri)
    if open_document is not None:
        return open_document.parsed
    path = to_fs_path(uri)
    if not path:
        return None
    try:
        return parse_document(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return None


async def ask_prompts(ls: OAuthHttpServer, request: Request) -> dict[str, str] | None:
    """The values of the request's `# @prompt`s (hidden for secret-looking names); None when
    the user cancels one."""
    values: dict[str, str] = {}
    interaction = LspUserInteraction(ls)
    for prompt in request.prompts:
        masked = prompt.name.lower() in _HIDDEN_PROMPTS or looks_secret(prompt.name)
        answer = await interaction.ask_text(
            f"Value for {prompt.name}",
            prompt.description or f"Enter {prompt.name} for this request",
            masked=masked,
        )
        if answer is None:
            return None
        values[prompt.name] = answer
    return values


def provider_of(parsed: ParsedDocument, request: Request) -> str | None:
    return provider_id_for(request, parsed.file_directives())


async def load_oauth_for(
    ls: OAuthHttpServer, context: DocumentContext, provider_id: str
) -> OAuthSetup | Failure:
    """The provider's stored credentials for the document's workspace folder, or why not."""
    return await load_oauth(
        provider_id,
        context.provider_registry(),
        context.folder_uri,
        LspSecretStore(ls),
        key_base=context.folder_path,
    )


def build_job(
    ls: OAuthHttpServer,
    context: DocumentContext,
    parsed: ParsedDocument,
    request: Request,
    *,
    prompt_values: dict[str, str],
    oauth: OAuthSetup | Failure | None,
) -> SendJob:
    """The job for `request`, with a fresh scope over the session's stored responses."""
    scope = VariableScope(
        parsed,
        environments=context.environments,
        environment=context.selected_environment,
        system=context.system_context(),
        request_values=ls.send_session.store,
        prompt_values=prompt_values,
    )
    return SendJob(
        request,
        scope,
        parsed,
        uri=context.uri or "",
        document_dir=context.document_dir,
        workspace_dir=context.folder_path,
        oauth=oauth,
    )
