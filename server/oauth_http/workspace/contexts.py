"""What a document's variables and providers depend on outside it: its folders, its env files and
`.env`, the selected environment, and the scope and providers those give.

Env files are those of the nearest folder of the document's layout that holds
`http-client.env.json` or `http-client.private.env.json`; both files of that folder are used.
They are read through an `EnvSource` (the editor's buffers or the disk), and parsed again only
when their version changes. Looking a context up is a pure query: the env files' own problems
are kept for the caller to show (`env_file_problems`, `loaded_env_files`), never published here.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from oauth_http.oauth.errors import ProviderProblem
from oauth_http.oauth.providers import ProviderRegistry, build_registry
from oauth_http.syntax.parsed_document import ParsedDocument
from oauth_http.syntax.parser import parse_document
from oauth_http.syntax.spans import Problem, Severity
from oauth_http.variables.dotenv import parse_dotenv
from oauth_http.variables.env_files import PRIVATE_FILE, EnvFile, parse_env_file
from oauth_http.variables.environments import (
    Environments,
)
from oauth_http.variables.scope import VariableScope
from oauth_http.variables.system_values import SystemContext
from oauth_http.workspace.env_source import EnvSource, Version
from oauth_http.workspace.layout import DocumentLayout

logger = logging.getLogger(__name__)

_EMPTY_DOCUMENT = parse_document("")

_SEVERITY = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "information": Severity.INFORMATION,
}

Fingerprint = tuple[object, ...]


@dataclass
class DocumentContext:
    """Everything outside a document that its variables and providers depend on."""

    uri: str | None
    folder_uri: str
    folder_path: Path | None
    document_dir: Path | None
    selected_environment: str | None
    environments: Environments | None
    env_paths: tuple[str, ...]
    dotenv: Mapping[str, str] | None
    # Stored secrets are looked for under these folder URIs, in order; new ones go to the first.
    secret_folders: tuple[str, ...] = ()
    # Env files that exist but cannot be read: "Cannot read PATH: reason".
    env_read_errors: tuple[str, ...] = ()
    _scopes: dict[int, tuple[ParsedDocument, VariableScope]] = field(default_factory=dict)
    _registry: ProviderRegistry | None = None

    def provider_registry(self) -> ProviderRegistry:
        """The providers this document can name: presets plus the env file's auth entries."""
        if self._registry is None:
            if self.environments is None:
                self._registry = build_registry()
            else:
                entries = self.environments.security_auth(self.selected_environment)
                self._registry = build_registry(entries, self.resolve_env_text)
        return self._registry

    def scope(self, parsed: ParsedDocument) -> VariableScope:
        """The variable scope of `parsed` in this context, built once per parse."""
        cached = self._scopes.get(id(parsed))
        if cached is not None and cached[0] is parsed:
            return cached[1]
        scope = VariableScope(
            parsed,
            environments=self.environments,
            environment=self.selected_environment,
            system=self.system_context(),
        )
        self._scopes.clear()
        self._scopes[id(parsed)] = (parsed, scope)
        return scope

    def system_context(self) -> SystemContext:
        environment = {}
        if self.environments is not None:
            scope = self.environments.scope(self.selected_environment)
            environment = {name: value.value for name, value in scope.items()}
        return SystemContext.live(dotenv=self.dotenv, environment=environment)

    def resolve_env_text(self, text: str) -> str:
        """`text` with `{{variables}}` of the environment replaced (for provider settings)."""
        return self.scope(_EMPTY_DOCUMENT).resolve_text(text, 0, 0).text

    def missing_environment(self) -> str | None:
        """Why the selected environment cannot be used (no env file has it), else None."""
        selected = self.selected_environment
        if not selected or (self.environments and self.environments.has_environment(selected)):
            return None
        if self.environments is None:
            return f'No environment "{selected}": no http-client.env.json was found.'
        names = ", ".join(self.environments.environment_names()) or "none"
        where = Path(self.env_paths[0]).parent if self.env_paths else "the env files"
        missing = f'No environment "{selected}" in the env files of {where} (they have: {names}).'
        return missing + self._env_file_error()

    def _env_file_error(self) -> str:
        """The first error an env file has in itself (it may be why the environment is not
        there), as a sentence to add; empty when they have none."""
        if self.environments is None:
            return ""
        for path, problems in self.environments.problems().items():
            for problem in problems:
                if problem.severity is Severity.ERROR:
                    line = problem.span.start_line + 1
                    return f" {path}, line {line}: {problem.message}"
        return ""


class WorkspaceContexts:
    """Builds and caches the `DocumentContext` of each document."""

    def __init__(self, source: EnvSource) -> None:
        self._source = source
        self._cache: dict[str | None, tuple[Fingerprint, DocumentContext]] = {}
        self._env_files: dict[str, tuple[Version, EnvFile | None]] = {}

    def invalidate(self) -> None:
        self._cache.clear()

    def forget(self, uri: str) -> None:
        """Drop what is kept for a closed document (its context holds a scope over its parse)."""
        self._cache.pop(uri, None)

    def for_document(
        self, uri: str | None, layout: DocumentLayout, selected_environment: str | None
    ) -> DocumentContext:
        env_paths = layout.env_paths()
        watched = [*env_paths, *([layout.dotenv_path] if layout.dotenv_path else [])]
        fingerprint: Fingerprint = (
            layout,
            selected_environment,
            *((path, *self._source.version(path)) for path in watched),
        )
        cached = self._cache.get(uri)
        if cached is not None and cached[0] == fingerprint:
            return cached[1]
        errors: list[str] = []
        env_files = [self._env_file(path, errors) for path in env_paths]
        public, private = [*env_files, None, None][:2]
        environments = Environments.from_files(public, private) if public or private else None
        context = DocumentContext(
            uri=uri,
            folder_uri=layout.folder_uri,
            folder_path=layout.folder_path,
            document_dir=layout.document_dir,
            selected_environment=selected_environment,
            environments=environments,
            env_paths=tuple(p for p, f in zip(env_paths, env_files, strict=True) if f),
            dotenv=self._dotenv(layout.dotenv_path),
            secret_folders=layout.secret_folder_uris(),
            env_read_errors=tuple(errors),
        )
        self._cache[uri] = (fingerprint, context)
        return context

    def loaded_env_files(self) -> dict[str, tuple[Problem, ...]]:
        """The env files read so far and their own problems (none for a file that is gone)."""
        return {
            path: env_file.problems if env_file else ()
            for path, (_, env_file) in self._env_files.items()
        }

    def env_file_problems(self, path: str) -> list[Problem]:
        """The env file's own problems and those of its auth entries, in every environment."""
        env_file = self._env_file(path, [])
        if env_file is None:
            return []
        problems = list(env_file.problems)
        environments = Environments.from_files(
            None if env_file.private else env_file, env_file if env_file.private else None
        )
        seen: set[ProviderProblem] = set()
        for name in [None, *environments.environment_names()]:
            registry = build_registry(environments.security_auth(name))
            for problem in registry.problems:
                if problem in seen or problem.span is None or problem.file_path != path:
                    continue
                seen.add(problem)
                problems.append(
                    Problem(
                        problem.span, problem.message, _SEVERITY[problem.severity], problem.code
                    )
                )
        return problems

    def _read(self, path: str, errors: list[str]) -> str | None:
        try:
            return self._source.read(path)
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            logger.warning("Cannot read %s: %s", path, reason)
            errors.append(f"Cannot read {path}: {reason}")
            return None

    def _env_file(self, path: str, errors: list[str]) -> EnvFile | None:
        version = self._source.version(path)
        cached = self._env_files.get(path)
        if cached is not None and cached[0] == version:
            return cached[1]
        before = len(errors)
        text = self._read(path, errors)
        if len(errors) > before:
            return None  # not kept: the next look reads it again and says why again
        env_file = None
        if text is not None:
            env_file = parse_env_file(text, path=path, private=path.endswith(PRIVATE_FILE))
        self._env_files[path] = (version, env_file)
        return env_file

    def _dotenv(self, path: str | None) -> Mapping[str, str] | None:
        text = self._read(path, []) if path else None
        return parse_dotenv(text).values if text is not None else None
