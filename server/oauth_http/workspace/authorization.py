"""Starting an authorization, signing out, and what each provider's state is, for a document's
workspace.

The language server's `oauthHttp.authorize`, `signOut` and `providers` and the CLI's
`oauth-http authorize` call these; they differ only in the interaction, secrets and progress they
hand in. The flows themselves are `oauth.flow.authorize`; each provider's "Flow" chooses one, and
the CLI's `--flow` can choose another. A provider the workspace's env file redefines is shown and
agreed to first (`consent`), and PLAINTEXT token requests go only over TLS or to loopback. The
pick list ends with the retired APIs, so that picking one explains that it moved to OAuth 2.0.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from oauth_http.oauth.credentials import provider_state, sign_out
from oauth_http.oauth.errors import ProviderLookupError, ProviderProblem
from oauth_http.oauth.flow import Authorized, AuthorizeOutcome, Cancelled, Failed, authorize
from oauth_http.oauth.flow_loopback import DEFAULT_TIMEOUT_SECONDS
from oauth_http.oauth.interaction import PickChoice, Progress, SecretStore, UserInteraction
from oauth_http.oauth.loopback import LoopbackServer
from oauth_http.oauth.origins import plaintext_token_problem
from oauth_http.oauth.presets_retired import RETIRED_APIS
from oauth_http.oauth.provider_model import Flow, ProviderSource, usability_problem
from oauth_http.oauth.providers import known_provider_ids, lookup_provider
from oauth_http.workspace.consent import agree_to_definition, secrets_folder
from oauth_http.workspace.contexts import DocumentContext

NOTHING_PICKED = "No provider was picked."


@dataclass(frozen=True)
class ProviderStatus:
    id: str
    label: str
    authorized: bool
    identity: str | None
    source: ProviderSource
    needs_configuration: bool
    flow: Flow = "PIN"


async def provider_statuses(context: DocumentContext, secrets: SecretStore) -> list[ProviderStatus]:
    """Every provider the document can name, in display order, with its state."""
    registry = context.provider_registry()
    statuses: list[ProviderStatus] = []
    for provider_id in known_provider_ids(registry):
        provider = registry.providers[provider_id]
        state = await provider_state(provider, _store_folder(context), secrets)
        statuses.append(
            ProviderStatus(
                id=provider_id,
                label=provider.label,
                authorized=state.authorized,
                identity=state.identity,
                source=provider.source,
                needs_configuration=usability_problem(provider) is not None,
                flow=provider.flow,
            )
        )
    return statuses


async def pick_provider(
    context: DocumentContext,
    interaction: UserInteraction,
    secrets: SecretStore,
    title: str,
    *,
    authorized_only: bool = False,
) -> str | None:
    """The provider the user picks (None when cancelled or there is nothing to pick)."""
    choices: list[PickChoice] = []
    for status in await provider_statuses(context, secrets):
        if authorized_only and not status.authorized:
            continue
        choices.append(PickChoice(status.id, status.label, _state_note(status)))
    if not authorized_only:
        choices.extend(PickChoice(api.id, api.label, "moved to OAuth 2.0") for api in RETIRED_APIS)
    if not choices:
        await interaction.show_info("No provider is authorized in this workspace folder.")
        return None
    return await interaction.pick(title, choices)


def _state_note(status: ProviderStatus) -> str:
    if status.authorized and status.flow == "Consumer Only":
        return "ready (consumer only)"
    if status.authorized:
        return f"authorized as {status.identity}" if status.identity else "authorized"
    if status.needs_configuration:
        return "needs configuration"
    return "not authorized" if status.flow == "PIN" else f"not authorized ({status.flow})"


def entry_problems(context: DocumentContext, provider_id: str) -> list[ProviderProblem]:
    """The problems of the provider's env-file entry that stop or affect authorizing it."""
    registry = context.provider_registry()
    return [
        problem
        for problem in registry.problems
        if problem.auth_id == provider_id and problem.severity != "information"
    ]


async def start_authorization(
    context: DocumentContext,
    provider_id: str | None,
    *,
    interaction: UserInteraction,
    secrets: SecretStore,
    progress: Progress,
    flow: Flow | None = None,
    loopback: LoopbackServer | None = None,
    browser_timeout: float = DEFAULT_TIMEOUT_SECONDS,
) -> AuthorizeOutcome:
    """Authorize `provider_id` (picked by the user when None) for the document's workspace
    folder with its flow (or `flow`); tokens are stored under its first secret folder."""
    provider_id = provider_id or await pick_provider(
        context, interaction, secrets, "Authorize which provider?"
    )
    if provider_id is None:
        return Cancelled(NOTHING_PICKED)
    provider = lookup_provider(provider_id, context.provider_registry())
    if isinstance(provider, ProviderLookupError):
        return Failed(provider.message)
    if flow is not None:
        provider = replace(provider, flow=flow)  # its usability is checked again by the flow
    refusal = usability_problem(provider) or plaintext_token_problem(provider)
    if refusal is not None:
        return Failed(refusal)
    agreed = await agree_to_definition(context, provider, interaction, secrets)
    if isinstance(agreed, str):
        return Failed(agreed)
    from oauth_http.oauth.token_transport import RequestsTokenTransport

    outcome = await authorize(
        provider,
        folder=_store_folder(context),
        interaction=interaction,
        secrets=secrets,
        transport=RequestsTokenTransport(key_file_base=context.folder_path),
        progress=progress,
        loopback=loopback,
        key_base=context.folder_path,
        browser_timeout=browser_timeout,
    )
    if isinstance(outcome, Authorized):
        await agreed.keep(secrets)
    return outcome


async def sign_out_of(
    context: DocumentContext,
    provider_id: str | None,
    *,
    interaction: UserInteraction,
    secrets: SecretStore,
    forget_consumer: bool,
) -> str | None:
    """Forget the provider's token (and consumer) in the document's workspace folder; the message
    to show, or None when the user picked nothing."""
    provider_id = provider_id or await pick_provider(
        context, interaction, secrets, "Sign out of which provider?", authorized_only=True
    )
    if provider_id is None:
        return None
    provider = context.provider_registry().providers.get(provider_id)
    return await sign_out(
        provider_id,
        _store_folder(context),
        secrets,
        forget_consumer=forget_consumer,
        consumer_only=provider is not None and provider.consumer_only,
    )


def _store_folder(context: DocumentContext) -> str:
    return secrets_folder(context)
