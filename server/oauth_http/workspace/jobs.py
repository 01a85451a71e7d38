"""From a request in a document to a `SendJob`: the document read, `# @prompt` values asked, the
provider's stored credentials loaded, and the job built with a scope over the session's responses.

What the language server and the CLI used to do each in their own way happens here once:
`oauthHttp.send`, `oauthHttp.curlRequest` and `oauth-http send` all build their jobs with
`build_job`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from oauth_http.oauth.interaction import SecretStore, UserInteraction
from oauth_http.sending.chaining import ResponseStore
from oauth_http.sending.failures import NOT_AUTHORIZED, Failure
from oauth_http.sending.oauth_setup import OAuthSetup, load_oauth, not_authorized, provider_id_for
from oauth_http.sending.prepare import SendJob
from oauth_http.syntax.model import Request
from oauth_http.syntax.parsed_document import ParsedDocument
from oauth_http.syntax.parser import parse_document
from oauth_http.variables.masking import looks_secret
from oauth_http.variables.scope import VariableScope
from oauth_http.workspace.contexts import DocumentContext


def read_document(path: Path) -> ParsedDocument | str:
    """The `.http` file at `path` parsed, or why it cannot be read."""
    try:
        return parse_document(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return f"cannot read {path} ({reason})"


def provider_of(parsed: ParsedDocument, request: Request) -> str | None:
    """The provider that signs `request`: its own `# @oauth1`, else the file's."""
    return provider_id_for(request, parsed.file_directives())


async def ask_prompts(request: Request, interaction: UserInteraction) -> dict[str, str] | None:
    """The values of the request's `# @prompt`s (hidden for secret-looking names); None when
    the user cancels one."""
    values: dict[str, str] = {}
    for prompt in request.prompts:
        answer = await interaction.ask_text(
            f"Value for {prompt.name}",
            prompt.description or f"Enter {prompt.name} for this request",
            masked=looks_secret(prompt.name),
        )
        if answer is None:
            return None
        values[prompt.name] = answer
    return values


async def load_oauth_for(
    context: DocumentContext, provider_id: str, secrets: SecretStore
) -> OAuthSetup | Failure:
    """The provider's stored credentials from the first of the document's secret folders that
    holds them, or why it cannot sign."""
    result: OAuthSetup | Failure = not_authorized(provider_id)
    for folder in context.secret_folders or (context.folder_uri,):
        result = await load_oauth(
            provider_id,
            context.provider_registry(),
            folder,
            secrets,
            key_base=context.folder_path,
        )
        if not (isinstance(result, Failure) and result.kind == NOT_AUTHORIZED):
            return result
    return result


def build_job(
    context: DocumentContext,
    parsed: ParsedDocument,
    request: Request,
    *,
    store: ResponseStore,
    prompt_values: Mapping[str, str],
    oauth: OAuthSetup | Failure | None,
) -> SendJob:
    """The job for `request`, with a fresh scope over the responses in `store`."""
    scope = VariableScope(
        parsed,
        environments=context.environments,
        environment=context.selected_environment,
        system=context.system_context(),
        request_values=store,
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
