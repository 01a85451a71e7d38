"""The public and private env files together: the variables and `Security.Auth` entries that apply
to the selected environment.

`$shared` applies to every environment. Precedence, highest first: the selected environment's
private value, its public value, the `$shared` private value, the `$shared` public value. The
environment decides first, then the file. A `Security.Auth` entry is merged over those layers key
by key, each key taken whole from the highest.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from oauth_http.syntax.spans import Problem, Span
from oauth_http.variables.env_files import EnvFile, EnvSection, EnvValue, scalar_text
from oauth_http.variables.json_tree import JsonObject, JsonValue

SHARED = "$shared"


@dataclass(frozen=True, slots=True)
class AuthSetting:
    """One key of a merged `Security.Auth` entry, with where it was written."""

    key: str
    value: JsonValue
    key_span: Span
    path: str
    environment: str
    private: bool

    def text(self) -> str | None:
        """The value as text when it is a string, number or boolean, else None."""
        return scalar_text(self.value)


@dataclass(frozen=True, slots=True)
class AuthOrigin:
    """Where an auth id is declared: the file, the environment and the span of its key."""

    path: str
    environment: str
    private: bool
    span: Span


@dataclass(frozen=True, slots=True)
class AuthConfig:
    """A `Security.Auth` entry merged over the layers, each key taken whole from the highest."""

    auth_id: str
    settings: Mapping[str, AuthSetting]
    origins: tuple[AuthOrigin, ...] = field(default=())

    def get(self, key: str) -> AuthSetting | None:
        return self.settings.get(key)

    def text(self, key: str) -> str | None:
        setting = self.settings.get(key)
        return setting.text() if setting else None


class Environments:
    """The public and private env files together, answering per selected environment."""

    __slots__ = ("_layers", "_scopes", "private", "public")

    def __init__(self, public: EnvFile | None, private: EnvFile | None) -> None:
        self.public = public
        self.private = private
        self._layers = tuple(f for f in (public, private) if f is not None)
        self._scopes: dict[str | None, dict[str, EnvValue]] = {}

    @classmethod
    def from_files(cls, public: EnvFile | None, private: EnvFile | None) -> Environments:
        return cls(public, private)

    def environment_names(self) -> list[str]:
        """Every environment except `$shared`, in the order the files name them."""
        names: dict[str, None] = {}
        for env_file in self._layers:
            names.update(dict.fromkeys(n for n in env_file.sections if n != SHARED))
        return list(names)

    def has_environment(self, name: str) -> bool:
        return any(name in f.sections for f in self._layers)

    def _sections(self, selected: str | None) -> Iterator[tuple[EnvFile, EnvSection]]:
        """The sections that apply to `selected` with their files, lowest precedence first."""
        names = [SHARED]
        if selected is not None and selected != SHARED:
            names.append(selected)
        for name in names:
            for env_file in self._layers:
                section = env_file.sections.get(name)
                if section is not None:
                    yield env_file, section

    def scope(self, selected: str | None) -> dict[str, EnvValue]:
        """The variables visible with `selected` (None: only `$shared`), by name."""
        cached = self._scopes.get(selected)
        if cached is None:
            cached = {}
            for _, section in self._sections(selected):
                cached.update(section.variables)
            self._scopes[selected] = cached
        return dict(cached)

    def environments_defining(self, name: str) -> list[str]:
        """The environments (not `$shared`) that define the variable `name`."""
        return [
            env
            for env in self.environment_names()
            if any(name in s.variables for f in self._layers if (s := f.sections.get(env)))
        ]

    def security_auth(self, selected: str | None) -> dict[str, AuthConfig]:
        """The `Security.Auth` entries visible with `selected`, merged key by key."""
        settings: dict[str, dict[str, AuthSetting]] = {}
        origins: dict[str, list[AuthOrigin]] = {}
        for env_file, section in self._sections(selected):
            for auth_id, member in section.auth.items():
                if not isinstance(member.value, JsonObject):
                    continue
                origins.setdefault(auth_id, []).insert(
                    0,
                    AuthOrigin(env_file.path, section.name, env_file.private, member.key_span),
                )
                merged = settings.setdefault(auth_id, {})
                for entry in member.value.unique_members():
                    merged[entry.key] = AuthSetting(
                        entry.key,
                        entry.value,
                        entry.key_span,
                        env_file.path,
                        section.name,
                        env_file.private,
                    )
        return {
            auth_id: AuthConfig(auth_id, merged, tuple(origins[auth_id]))
            for auth_id, merged in settings.items()
        }

    def problems(self) -> dict[str, tuple[Problem, ...]]:
        """Each file's problems by path."""
        return {f.path: f.problems for f in self._layers}
