"""The user's answers about where a provider's credentials may go, asked and kept outside the
workspace's files (the editor's SecretStorage; the CLI's keyring or --token-file).

- `agree_to_definition`: a workspace env file that changes a preset's token or authorize URLs,
  signature method, placement or origins, or defines a provider of its own, is shown (what it
  changes) and asked about before the first authorize or signed send with it; the answer is kept
  bound to the definition's fingerprint, so any later change asks again. An https preset URL
  turned into plain http (not loopback) is refused without asking.
- `allowed_origins` / `allow_origin`: the origins the user allowed a provider's credentials to go
  to besides its own, per workspace folder and provider.
- `refused_origin`: the origin (and provider) a send's record was refused for, to offer allowing
  it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

from oauth_http.oauth.errors import SecretStorageError
from oauth_http.oauth.interaction import SecretStore, UserInteraction
from oauth_http.oauth.origins import origin_of
from oauth_http.oauth.overrides import workspace_definition
from oauth_http.oauth.provider_model import Provider
from oauth_http.oauth.secret_keys import (
    allowed_origins_name,
    decode_fingerprint,
    decode_strings,
    definition_name,
    encode_fingerprint,
    encode_strings,
)
from oauth_http.sending.failures import FOREIGN_ORIGIN, FOREIGN_REDIRECT
from oauth_http.sending.record_types import ResponseRecord
from oauth_http.workspace.contexts import DocumentContext


def secrets_folder(context: DocumentContext) -> str:
    """The folder URI the document's answers and secrets are kept under."""
    return context.secret_folders[0] if context.secret_folders else context.folder_uri


CONFIRM_DEFINITION_SUFFIX = " as this workspace defines it"


def confirm_action(provider_id: str) -> str:
    """The button (the editor) or the question (a terminal) that agrees to a definition."""
    return f"Use {provider_id}{CONFIRM_DEFINITION_SUFFIX}"


@dataclass(frozen=True)
class Agreement:
    """The user's yes to a definition (or nothing to agree to: `key` None), to keep once the
    caller is done (a send: at once; an authorization: when it succeeds, so a failed or
    cancelled one stores nothing)."""

    key: str | None = None
    fingerprint: str = ""

    async def keep(self, secrets: SecretStore) -> None:
        """Remember it; when nothing can keep it, it is asked again next time."""
        if self.key is not None:
            with contextlib.suppress(SecretStorageError):
                await secrets.store(self.key, encode_fingerprint(self.fingerprint))


async def agree_to_definition(
    context: DocumentContext,
    provider: Provider,
    interaction: UserInteraction,
    secrets: SecretStore,
) -> Agreement | str:
    """An `Agreement` when `provider` may be used as the workspace defines it (nothing changed,
    the user agreed to this very definition before, or agrees now); else why not, to show."""
    preset = context.provider_registry().presets.get(provider.id)
    definition = workspace_definition(provider, preset)
    if definition is None:
        return Agreement()
    if definition.refused is not None:
        return definition.refused
    key = definition_name(secrets_folder(context), provider.id)
    if decode_fingerprint(await secrets.get(key)) == definition.fingerprint:
        return Agreement()
    question = (
        f"{definition.summary()} Your consumer secret and tokens for {provider.id} would be "
        "used there. Agree only if you trust this workspace's env file."
    )
    if not await interaction.confirm(question, confirm_action(provider.id)):
        return (
            f"{provider.id} as this workspace's env file defines it was not agreed to, so "
            "nothing was sent with its credentials."
        )
    return Agreement(key, definition.fingerprint)


async def allowed_origins(
    context: DocumentContext, provider_id: str, secrets: SecretStore
) -> tuple[str, ...]:
    """The origins the user allowed `provider_id`'s credentials to go to in this folder."""
    return decode_strings(
        await secrets.get(allowed_origins_name(secrets_folder(context), provider_id))
    )


async def allow_origin(
    context: DocumentContext, provider_id: str, origin: str, secrets: SecretStore
) -> None:
    """Keep `origin` among those `provider_id`'s credentials may go to in this folder."""
    key = allowed_origins_name(secrets_folder(context), provider_id)
    known = list(decode_strings(await secrets.get(key)))
    if origin not in known:
        await secrets.store(key, encode_strings([*known, origin]))


def cached_allowed_origins(
    context: DocumentContext, provider_id: str, cache: Mapping[str, str | None]
) -> tuple[str, ...]:
    """`allowed_origins` from a cache of secrets already read (for diagnostics, which do not
    wait on the editor); none when they were not read yet."""
    return decode_strings(cache.get(allowed_origins_name(secrets_folder(context), provider_id)))


def refused_origin(record: ResponseRecord) -> str | None:
    """The origin a record's send (or its redirect) was refused for, else None."""
    error = record["error"]
    if error is None:
        return None
    url = record["request"]["url"]
    if error["kind"] == FOREIGN_ORIGIN:
        return origin_of(url)
    if error["kind"] == FOREIGN_REDIRECT:
        location = next(
            (value for name, value in record["headers"] if name.lower() == "location"), None
        )
        return origin_of(urljoin(url, location)) if location else None
    return None
