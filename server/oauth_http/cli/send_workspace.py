"""What `oauth-http send` knows around a `.http` file: env files, `.env`, providers, tokens.

Env files are looked for from the file's folder upwards (as `oauth-http authorize` does from its
`--dir`); that folder is the workspace folder tokens are scoped to. Without env files, tokens
are looked for under the current directory (where `authorize` was most likely run), then the
file's folder. Prompts (`# @prompt`) are asked on the terminal, hidden for secret-looking names,
or read one line each from stdin when it is not a terminal.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from oauth_http.cli.authorize import env_resolver, find_env_folder, load_environments
from oauth_http.cli.terminal import TerminalInteraction
from oauth_http.cli.token_store import open_secret_store
from oauth_http.oauth.providers import ProviderRegistry, build_registry
from oauth_http.sending.failures import NOT_AUTHORIZED, Failure
from oauth_http.sending.oauth_setup import OAuthSetup, load_oauth, not_authorized
from oauth_http.syntax.model import Request
from oauth_http.variables.dotenv import parse_dotenv
from oauth_http.variables.environments import PUBLIC_FILE, Environments
from oauth_http.variables.masking import looks_secret
from oauth_http.variables.system import SystemContext


class WorkspaceError(Exception):
    """The env files or the arguments cannot be used; the message says why."""


@dataclass
class SendWorkspace:
    file: Path
    env_folder: Path | None
    environments: Environments | None
    environment: str | None
    registry: ProviderRegistry
    system: SystemContext
    token_file: Path | None
    interaction: TerminalInteraction = field(default_factory=TerminalInteraction)
    _oauth: dict[str, OAuthSetup | Failure] = field(default_factory=dict)

    @classmethod
    def load(cls, file: Path, environment: str | None, token_file: Path | None) -> SendWorkspace:
        env_folder = find_env_folder(file.parent)
        environments = None
        if env_folder is not None:
            loaded = load_environments(env_folder)
            if isinstance(loaded, str):
                raise WorkspaceError(loaded)
            environments = loaded
        if environment and (environments is None or not environments.has_environment(environment)):
            names = ", ".join(environments.environment_names()) if environments else ""
            where = f"the env files of {env_folder}" if env_folder else f"no {PUBLIC_FILE} found"
            raise WorkspaceError(
                f'No environment "{environment}" ({where}; environments: {names or "none"}).'
            )
        if environments is None:
            registry = build_registry()
        else:
            registry = build_registry(
                environments.security_auth(environment), env_resolver(environments, environment)
            )
        return cls(
            file=file,
            env_folder=env_folder,
            environments=environments,
            environment=environment,
            registry=registry,
            system=SystemContext.live(dotenv=_dotenv(file.parent)),
            token_file=token_file,
        )

    @property
    def workspace_dir(self) -> Path:
        return self.env_folder or self.file.parent

    def oauth(self, provider_id: str) -> OAuthSetup | Failure:
        """The provider's setup, loaded once per run."""
        if provider_id not in self._oauth:
            self._oauth[provider_id] = self._load_oauth(provider_id)
        return self._oauth[provider_id]

    def _load_oauth(self, provider_id: str) -> OAuthSetup | Failure:
        store = open_secret_store(self.token_file)
        if isinstance(store, str):
            failure = not_authorized(provider_id)
            return Failure(failure.kind, f"{failure.message} {store}", failure.hint)
        secrets, _ = store
        folders = [self.env_folder] if self.env_folder else [Path.cwd(), self.file.parent]
        result: OAuthSetup | Failure = not_authorized(provider_id)
        for folder in dict.fromkeys(folders):
            result = asyncio.run(
                load_oauth(
                    provider_id,
                    self.registry,
                    folder.resolve().as_uri(),
                    secrets,
                    key_base=self.workspace_dir,
                )
            )
            if not (isinstance(result, Failure) and result.kind == NOT_AUTHORIZED):
                return result
        return result

    def ask_prompts(self, request: Request) -> Mapping[str, str] | None:
        """The values of the request's `# @prompt`s; None when input ended first."""
        values: dict[str, str] = {}
        for prompt in request.prompts:
            label = prompt.description or prompt.name
            answer = asyncio.run(
                self.interaction.ask_text(
                    f"Value for {prompt.name}", label, masked=looks_secret(prompt.name)
                )
            )
            if answer is None:
                return None
            values[prompt.name] = answer
        return values


def _dotenv(folder: Path) -> dict[str, str] | None:
    try:
        text = (folder / ".env").read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return parse_dotenv(text).values
