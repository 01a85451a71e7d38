"""The JetBrains env files `http-client.env.json` and `http-client.private.env.json`, one at a time.

An env file maps environment names to objects of variables:
`{"$shared": {"version": "v1"}, "dev": {"host": "localhost", "Security": {"Auth": {...}}}}`.
Values are strings, numbers or booleans (numbers and booleans are used as written). The `Security`
key of an environment holds `Auth`: one object of settings per auth id, read by the OAuth
providers. `SSLConfiguration` objects are accepted and left alone. `parse_env_file` reads one
file into its sections and problems; `environments` puts the files together. Callers read the
files; this module only gets their text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

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


def _error(span: Span, message: str) -> Problem:
    return Problem(span, message, Severity.ERROR, CODE)


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
