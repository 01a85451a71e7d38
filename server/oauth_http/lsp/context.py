"""Where a document lives: its workspace folder, env files, `.env`, selected environment and scope.

Env files are looked up from the `.http` file's folder up to its workspace folder; the nearest
folder holding `http-client.env.json` or `http-client.private.env.json` wins, and both files of
that folder are used. A file open in the editor is read from the editor (so diagnostics follow
unsaved edits), else from disk, re-read only when its modification time or size changes.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.uris import to_fs_path

from oauth_http.lsp.document_layout import (
    ENV_FILE_NAMES,
    DocumentLayout,
    layout_of,
    uri_of_path,
)
from oauth_http.oauth.errors import ProviderProblem
from oauth_http.oauth.providers import ProviderRegistry, build_registry
from oauth_http.syntax.model import ParsedDocument, Problem, Severity
from oauth_http.syntax.parser import parse_document
from oauth_http.variables.dotenv import parse_dotenv
from oauth_http.variables.environments import (
    PRIVATE_FILE,
    EnvFile,
    Environments,
    parse_env_file,
)
from oauth_http.variables.resolve import VariableScope
from oauth_http.variables.system import SystemContext

if TYPE_CHECKING:
    from oauth_http.lsp.server import OAuthHttpServer

logger = logging.getLogger(__name__)

_EMPTY_DOCUMENT = parse_document("")

_SEVERITY = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "information": Severity.INFORMATION,
}

Fingerprint = tuple[tuple[str, int, int], ...]


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


class WorkspaceContexts:
    """Builds and caches the `DocumentContext` of each document, and publishes env-file problems."""

    def __init__(self, server: OAuthHttpServer) -> None:
        self._server = server
        self._cache: dict[str | None, tuple[Fingerprint, DocumentContext]] = {}
        self._env_files: dict[str, tuple[tuple[int, int], EnvFile]] = {}
        self._published: dict[str, tuple[Problem, ...]] = {}
        self._layouts: dict[tuple[str | None, tuple[str, ...], str | None], DocumentLayout] = {}

    def invalidate(self) -> None:
        self._cache.clear()

    def forget(self, uri: str) -> None:
        """Drop what is kept for a closed document (its context holds a scope over its parse)."""
        self._cache.pop(uri, None)
        for key in [key for key in self._layouts if key[0] == uri]:
            del self._layouts[key]

    def document_changed(self, uri: str) -> None:
        if self.is_env_file(uri):
            self._cache.clear()
            from oauth_http.lsp import diagnostics

            diagnostics.schedule_all(self._server)

    @staticmethod
    def is_env_file(uri: str) -> bool:
        return uri.rsplit("/", 1)[-1] in ENV_FILE_NAMES

    def for_uri(self, uri: str | None) -> DocumentContext:
        layout = self._layout_of(uri)
        env_paths = layout.env_paths()
        watched = [*env_paths, *([layout.dotenv_path] if layout.dotenv_path else [])]
        fingerprint = tuple((path, *self._version_of(path)) for path in watched)
        cached = self._cache.get(uri)
        if cached is not None and cached[0] == fingerprint:
            return cached[1]
        env_files = [self._env_file(path) for path in env_paths]
        public, private = [*env_files, None, None][:2]
        environments = Environments.from_files(public, private) if public or private else None
        context = DocumentContext(
            uri=uri,
            folder_uri=layout.folder_uri,
            folder_path=layout.folder_path,
            document_dir=layout.document_dir,
            selected_environment=self._server.settings.environment,
            environments=environments,
            env_paths=tuple(p for p, f in zip(env_paths, env_files, strict=True) if f),
            dotenv=self._dotenv(layout.dotenv_path),
        )
        self._cache[uri] = (fingerprint, context)
        return context

    def env_file_problems(self, uri: str) -> list[Problem]:
        """The env file's own problems and those of its auth entries, in every environment."""
        path = to_fs_path(uri)
        if path is None:
            return []
        env_file = self._env_file(path)
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

    def provider_ids(self, uri: str | None) -> list[str]:
        return list(self.for_uri(uri).provider_registry().providers)

    def _version_of(self, path: str) -> tuple[int, int]:
        document = self._server.documents.get(uri_of_path(path))
        if document is not None:
            return (-1, document.version)
        try:
            stat = os.stat(path)
        except OSError:
            return (0, 0)
        return (stat.st_mtime_ns, stat.st_size)

    def _read(self, path: str) -> str | None:
        document = self._server.documents.get(uri_of_path(path))
        if document is not None:
            return document.text
        try:
            return Path(path).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            logger.warning("Cannot read %s: %s", path, error)
            return None

    def _env_file(self, path: str) -> EnvFile | None:
        version = self._version_of(path)
        cached = self._env_files.get(path)
        if cached is not None and cached[0] == version:
            return cached[1]
        text = self._read(path)
        if text is None:
            self._env_files.pop(path, None)
            self._publish_env_problems(path, ())
            return None
        env_file = parse_env_file(text, path=path, private=path.endswith(PRIVATE_FILE))
        self._env_files[path] = (version, env_file)
        self._publish_env_problems(path, env_file.problems)
        return env_file

    def _publish_env_problems(self, path: str, problems: tuple[Problem, ...]) -> None:
        if self._published.get(path, ()) == problems:
            return
        uri = uri_of_path(path)
        if self._server.documents.get(uri) is not None:
            return  # open in the editor: diagnostics.publish covers it, auth entries included
        self._published[path] = problems
        from oauth_http.lsp.diagnostics import to_diagnostic

        # Not open, so no editor lines: columns are taken as they are.
        self._server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, diagnostics=[to_diagnostic(p, []) for p in problems]
            )
        )

    def _dotenv(self, path: str | None) -> Mapping[str, str] | None:
        text = self._read(path) if path else None
        return parse_dotenv(text).values if text is not None else None

    def _layout_of(self, uri: str | None) -> DocumentLayout:
        workspace = self._server.workspace
        key = (uri, tuple(workspace.folders), workspace.root_path)
        layout = self._layouts.get(key)
        if layout is None:
            layout = layout_of(uri, [folder.uri for folder in workspace.folders.values()], key[2])
            self._layouts[key] = layout
        return layout
