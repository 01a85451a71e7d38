"""The JetBrains env files `http-client.env.json` and `http-client.private.env.json`.

An env file maps environment names to objects of variables:
`{"$shared": {"version": "v1"}, "dev": {"host": "localhost", "Security": {"Auth": {...}}}}`.
`$shared` applies to every environment. Values are strings, numbers or booleans (numbers and
booleans are used as written). The `Security` key of an environment holds `Auth`: one object of
settings per auth id, read by the OAuth providers. `SSLConfiguration` objects are accepted and
left alone.

Precedence, highest first: the selected environment's private value, its public value, the
`$shared` private value, the `$shared` public value. The environment decides first, then the file.
Callers read the files; this module only gets their text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from oauth_http.syntax.spans import Problem, Severity, Span
from oauth_http.variables.json_tree import (
    JsonBool,
    JsonMember,
    JsonNumber,
    JsonObject,
    JsonString,
    JsonValue,
)
from oauth_http.variables.jsonpos import parse_json

SHARED = "$shared"
SECURITY = "Security"
AUTH = "Auth"
PUBLIC_FILE = "http-client.env.json"
PRIVATE_FILE = "http-client.private.env.json"
_IGNORED_OBJECT_KEYS = frozenset({"SSLConfiguration"})
CODE = "env-file"


@dataclass(frozen=True, slots=True)
class EnvValue:
    """One variable of one environment; `span` is its key, for go to definition."""

    name: str
    value: str
    environment: str
    path: str
    span: Span
    private: bool


@dataclass(frozen=True, slots=True)
class EnvSection:
    """One environment of one file: its variables and its `Security.Auth` entries."""

    name: str
    span: Span
    variables: Mapping[str, EnvValue]
    auth: Mapping[str, JsonMember]


@dataclass(frozen=True, slots=True)
class EnvFile:
    """One parsed env file: its environments in written order and the problems found in it."""

    path: str
    private: bool
    root: JsonValue | None
    sections: Mapping[str, EnvSection]
    problems: tuple[Problem, ...]

    def node_at(self, path: Sequence[str]) -> JsonValue | None:
        """The value at a key path such as ("dev", "Security", "Auth", "x"); () is the root."""
        node = self.root
        for key in path:
            if not isinstance(node, JsonObject):
                return None
            node = node.get(key)
        return node

    def span_of(self, path: Sequence[str]) -> Span | None:
        """The span of the last key of `path` (the root value's span for an empty path)."""
        if not path:
            return self.root.span if self.root else None
        parent = self.node_at(path[:-1])
        member = parent.member(path[-1]) if isinstance(parent, JsonObject) else None
        return member.key_span if member else None


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


def scalar_text(node: JsonValue) -> str | None:
    """A string's value, a number as written, `true`/`false`; None for other kinds."""
    if isinstance(node, JsonString):
        return node.value
    if isinstance(node, JsonNumber):
        return node.text
    if isinstance(node, JsonBool):
        return "true" if node.value else "false"
    return None


def parse_env_file(text: str, *, path: str, private: bool) -> EnvFile:
    """Parse one env file; its problems say what is wrong and where, nothing raises."""
    parsed = parse_json(text)
    problems = list(parsed.problems)
    root = parsed.value
    sections: dict[str, EnvSection] = {}
    if root is None:
        return EnvFile(path, private, None, sections, tuple(problems))
    if not isinstance(root, JsonObject):
        problems.append(
            _error(
                root.span,
                "An env file must hold a JSON object that maps environment names to variables, "
                f'such as {{"dev": {{"host": "localhost"}}}}; found {_a(root.kind)}.',
            )
        )
        return EnvFile(path, private, root, sections, tuple(problems))
    for member in root.unique_members():
        section = _section(member, path, private, problems)
        if section is not None:
            sections[member.key] = section
    problems.sort(key=lambda p: (p.span.start_line, p.span.start_col))
    return EnvFile(path, private, root, sections, tuple(problems))


def _section(
    member: JsonMember, path: str, private: bool, problems: list[Problem]
) -> EnvSection | None:
    name, node = member.key, member.value
    if not isinstance(node, JsonObject):
        problems.append(
            _error(
                node.span,
                f"Environment '{name}' must be an object of variables, "
                f'such as {{"host": "localhost"}}; found {_a(node.kind)}.',
            )
        )
        return None
    variables: dict[str, EnvValue] = {}
    auth: dict[str, JsonMember] = {}
    for entry in node.unique_members():
        value = scalar_text(entry.value)
        if value is not None:
            variables[entry.key] = EnvValue(entry.key, value, name, path, entry.key_span, private)
        elif entry.key == SECURITY:
            auth.update(_security(entry, name, problems))
        elif not (entry.key in _IGNORED_OBJECT_KEYS and isinstance(entry.value, JsonObject)):
            problems.append(
                _error(
                    entry.value.span,
                    f"Variable '{entry.key}' in environment '{name}' must be a string, number or "
                    f"boolean; found {_a(entry.value.kind)}. It is ignored.",
                )
            )
    return EnvSection(name, member.key_span, variables, auth)


def _security(
    member: JsonMember, environment: str, problems: list[Problem]
) -> Iterator[tuple[str, JsonMember]]:
    security = member.value
    if not isinstance(security, JsonObject):
        problems.append(
            _error(
                security.span,
                f"'Security' in environment '{environment}' must be an object holding 'Auth', "
                f'such as {{"Auth": {{"my-auth": {{"Type": "OAuth1"}}}}}}.',
            )
        )
        return
    for entry in security.unique_members():
        if entry.key != AUTH:
            problems.append(
                Problem(
                    entry.key_span,
                    f"Unknown key '{entry.key}' in 'Security'; only 'Auth' is read.",
                    Severity.WARNING,
                    CODE,
                )
            )
            continue
        auth = entry.value
        if not isinstance(auth, JsonObject):
            problems.append(
                _error(
                    auth.span,
                    f"'Security.Auth' in environment '{environment}' must be an object with one "
                    f"entry per auth id; found {_a(auth.kind)}.",
                )
            )
            continue
        for config in auth.unique_members():
            if isinstance(config.value, JsonObject):
                yield config.key, config
            else:
                problems.append(
                    _error(
                        config.value.span,
                        f"Auth configuration '{config.key}' must be an object of settings, "
                        f'such as {{"Type": "OAuth1"}}; found {_a(config.value.kind)}.',
                    )
                )


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


def _error(span: Span, message: str) -> Problem:
    return Problem(span, message, Severity.ERROR, CODE)


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
