"""Resolving `{{...}}` references in a document's requests, for sending, hovers and diagnostics.

Layers, highest first: prompt values given for this send (`# @prompt`), request variables
(`{{login.response.body.$.id}}`, answered by a `RequestValues`), file variables (`@name = value`),
the selected environment, `$shared`. File-variable values may reference any layer and are resolved
recursively (a cycle is an error naming the chain); environment and prompt values are taken as
written. `{{%name}}` percent-encodes the value; `\\{{` is a literal `{{`. A reference that cannot
be resolved is kept as written (as REST Client sends it) and reported as `Unresolved`.

A `VariableScope` is a snapshot of one document, environment selection and set of responses:
build it once per change (cheap: one pass over the document), then `at(line)` and
`with_prompts(values)` give views that share its dictionaries and its cache of resolved values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal, Protocol
from urllib.parse import quote

from oauth_http.syntax import problem_codes as codes
from oauth_http.syntax.model import (
    BodyPart,
    FileVariable,
    ParsedDocument,
    RefKind,
    Request,
    Span,
    VariableRef,
)
from oauth_http.syntax.variable_refs import scan_refs
from oauth_http.variables.document_index import DocumentIndex
from oauth_http.variables.environments import SHARED, Environments, EnvValue
from oauth_http.variables.masking import looks_secret, mask
from oauth_http.variables.system import SystemContext, evaluate_system

__all__ = [
    "Definition",
    "RequestValues",
    "Resolution",
    "ResolvedRequest",
    "Source",
    "Unresolved",
    "VariableScope",
    "looks_secret",
    "mask",
]

Source = Literal["prompt", "file", "environment", "shared"]
MAX_NESTING = 64
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class RequestValues(Protocol):
    """Values of earlier responses: `lookup("login", ("response", "body", "$.id"))`."""

    def lookup(self, request_name: str, path: Sequence[str]) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A reference left as written, and why.

    `name` is the variable (`host`, `$dotenv`, the request name `login`), empty for text that is
    not a well-formed reference. `via` lists the file variables whose values led to it, outermost
    first; then `span` is inside the last one's definition.
    """

    name: str
    span: Span
    message: str
    raw: str = ""
    via: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Definition:
    """Where a variable's value comes from, for hover and go to definition.

    `raw` is the value as written and `value` the resolved one; both are None for a prompt that
    has no value yet. `path` is None for the current document. `unresolved` lists what the value
    itself could not resolve (a file variable referring to an undefined one, a cycle).
    """

    name: str
    source: Source
    raw: str | None
    value: str | None
    path: str | None
    span: Span | None
    private: bool = False
    environment: str | None = None
    unresolved: tuple[Unresolved, ...] = ()


@dataclass(frozen=True, slots=True)
class Resolution:
    text: str
    unresolved: tuple[Unresolved, ...]


@dataclass(frozen=True, slots=True)
class ResolvedRequest:
    """A request with its references replaced; body includes are left for the caller to read.

    `BodyInclude` parts keep their (resolved) path; a `<@` include's content should go through
    `resolve_text` once read.
    """

    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    body: tuple[BodyPart, ...] | None
    unresolved: tuple[Unresolved, ...]


class _Snapshot:
    """What every view of one scope shares."""

    __slots__ = (
        "env",
        "environment",
        "environments",
        "index",
        "memo",
        "request_values",
        "system",
    )

    def __init__(
        self,
        document: ParsedDocument,
        environments: Environments | None,
        environment: str | None,
        system: SystemContext | None,
        request_values: RequestValues | None,
    ) -> None:
        self.index = DocumentIndex(document)
        self.environments = environments
        self.environment = None if environment == SHARED else environment
        self.env: dict[str, EnvValue] = environments.scope(environment) if environments else {}
        base = system if system is not None else SystemContext.live()
        if environments is not None:
            base = replace(base, environment={k: v.value for k, v in self.env.items()})
        self.system = base
        self.request_values = request_values
        self.memo: dict[int, Resolution] = {}


class _Locator:
    """Puts references found in joined or unescaped text back at their place in the document.

    The parser's references carry the true positions; they are matched by their written text,
    in order, so a multi-line URL or a body with comment lines still reports the right spans.
    """

    __slots__ = ("_next", "_refs")

    def __init__(self, refs: Sequence[VariableRef]) -> None:
        self._refs = refs
        self._next = 0

    def locate(self, ref: VariableRef) -> VariableRef:
        count = len(self._refs)
        for step in range(count):
            index = (self._next + step) % count
            known = self._refs[index]
            if known.raw == ref.raw:
                self._next = index + 1
                return replace(ref, span=known.span, name_span=known.name_span)
        return ref


class VariableScope:
    """Resolves references for one document, one environment selection and one send."""

    __slots__ = ("_memo", "_prompts", "_snapshot", "line")

    def __init__(
        self,
        document: ParsedDocument,
        *,
        environments: Environments | None = None,
        environment: str | None = None,
        system: SystemContext | None = None,
        request_values: RequestValues | None = None,
        prompt_values: Mapping[str, str] | None = None,
        line: int = 0,
    ) -> None:
        self._snapshot = _Snapshot(document, environments, environment, system, request_values)
        self._prompts: Mapping[str, str] = dict(prompt_values or {})
        self._memo = self._snapshot.memo if not self._prompts else {}
        self.line = line

    def _view(self, line: int, prompts: Mapping[str, str]) -> VariableScope:
        view = object.__new__(VariableScope)
        view._snapshot = self._snapshot
        view._prompts = prompts
        view._memo = self._snapshot.memo if not prompts else {}
        view.line = line
        return view

    def at(self, line: int) -> VariableScope:
        """The same scope seen from `line` (which definition of a repeated name is visible)."""
        view = self._view(line, self._prompts)
        if self._prompts:
            view._memo = self._memo
        return view

    def with_prompts(self, values: Mapping[str, str]) -> VariableScope:
        """The scope for one send, with the values the user gave for `# @prompt`s."""
        return self._view(self.line, dict(values))

    @property
    def environment(self) -> str | None:
        return self._snapshot.environment

    def is_defined(self, name: str, line: int | None = None) -> bool:
        """True when a prompt, file variable or environment defines the custom variable `name`."""
        snapshot = self._snapshot
        if name in self._prompts or snapshot.index.defines(name) or name in snapshot.env:
            return True
        return snapshot.index.prompt(name, self.line if line is None else line) is not None

    def names(self, line: int | None = None) -> list[str]:
        """Every custom variable name visible from `line`, sorted."""
        line = self.line if line is None else line
        found = set(self._prompts) | set(self._snapshot.index.file_variable_names())
        found.update(p.name for p in self._snapshot.index.prompts_at(line))
        found.update(self._snapshot.env)
        return sorted(found)

    def lookup(self, name: str, line: int | None = None) -> Definition | None:
        """Where the custom variable `name` seen from `line` gets its value, and that value."""
        line = self.line if line is None else line
        index = self._snapshot.index
        prompt = index.prompt(name, line)
        prompt_span = (prompt.name_span or prompt.span) if prompt else None
        given = self._prompts.get(name)
        if given is not None or prompt is not None:
            return Definition(name, "prompt", given, given, None, prompt_span)
        variable = index.file_variable(name, line)
        if variable is not None:
            resolved = self._file_value(variable, ())
            return Definition(
                name,
                "file",
                variable.value,
                resolved.text,
                None,
                variable.name_span,
                unresolved=resolved.unresolved,
            )
        env = self._snapshot.env.get(name)
        if env is None:
            return None
        return Definition(
            name,
            "shared" if env.environment == SHARED else "environment",
            env.value,
            env.value,
            env.path,
            env.span,
            env.private,
            env.environment,
        )

    def check_ref(self, ref: VariableRef) -> Unresolved | None:
        """Why `ref` cannot be resolved, judged without evaluating anything (for diagnostics).

        System variables are left to the syntax check; request variables only need a request
        of that name.
        """
        if ref.kind is RefKind.CUSTOM:
            if self.is_defined(ref.name, ref.span.start_line):
                return None
            return Unresolved(ref.name, ref.span, self._undefined_message(ref.name), ref.raw)
        if ref.kind is RefKind.REQUEST and ref.name not in self._snapshot.index.request_names:
            full = _full_name(ref)
            if not self.is_defined(full, ref.span.start_line):
                return Unresolved(ref.name, ref.span, self._request_message(ref), ref.raw)
        return None

    def resolve_text(self, text: str, line: int, col: int) -> Resolution:
        """`text`, which starts at (`line`, `col`), with every reference it can resolve replaced."""
        resolved, unresolved = self._substitute(text, line, col, (), None)
        return Resolution(resolved, _unique(unresolved))

    def resolve_request(self, request: Request) -> ResolvedRequest:
        """Method, URL, headers and body of `request` with references replaced."""
        locator = _Locator(request.refs)
        unresolved: list[Unresolved] = []

        def resolve(text: str, span: Span) -> str:
            value, found = self._substitute(text, span.start_line, span.start_col, (), locator)
            unresolved.extend(found)
            return value

        url = resolve(request.url, request.url_span)
        headers = tuple(
            (resolve(h.name, h.name_span), resolve(h.value, h.value_span)) for h in request.headers
        )
        body: tuple[BodyPart, ...] | None = None
        if request.body is not None:
            parts: list[BodyPart] = []
            for part in request.body.parts:
                if isinstance(part, str):
                    parts.append(resolve(part, request.body.span))
                else:
                    parts.append(replace(part, path=resolve(part.path, part.path_span)))
            body = tuple(parts)
        return ResolvedRequest(request.method, url, headers, body, _unique(unresolved))

    def _substitute(
        self,
        text: str,
        line: int,
        col: int,
        chain: tuple[FileVariable, ...],
        locator: _Locator | None,
    ) -> tuple[str, list[Unresolved]]:
        if "{{" not in text:
            return text, []
        pieces: list[str] = []
        unresolved: list[Unresolved] = []
        for number, (segment, line_break) in enumerate(_split_lines(text)):
            start_col = col if number == 0 else 0
            refs, problems = scan_refs(segment, line + number, start_col)
            unresolved.extend(
                Unresolved("", p.span, p.message)
                for p in problems
                if p.code != codes.SYSTEM_VARIABLE  # evaluation reports these
            )
            pos = 0
            for ref in refs:
                start, end = ref.span.start_col - start_col, ref.span.end_col - start_col
                pieces.append(_literal(segment[pos:start]))
                placed = locator.locate(ref) if locator else ref
                value, found = self._value(placed, chain)
                unresolved.extend(found)
                pieces.append(segment[start:end] if value is None else value)
                pos = end
            pieces.append(_literal(segment[pos:]))
            pieces.append(line_break)
        return "".join(pieces), unresolved

    def _value(
        self, ref: VariableRef, chain: tuple[FileVariable, ...]
    ) -> tuple[str | None, list[Unresolved]]:
        """The text that replaces `ref` (None: keep it as written) and what went wrong."""
        if ref.kind is RefKind.SYSTEM:
            result = evaluate_system(ref.name, ref.args, self._snapshot.system)
            if result.value is None:
                return None, [Unresolved(ref.name, ref.span, result.error or "", ref.raw)]
            return _encode(ref, result.value), []
        name = ref.name
        if ref.kind is RefKind.REQUEST:
            name = _full_name(ref)
            if name not in self._prompts and self._snapshot.request_values is not None:
                answer = self._snapshot.request_values.lookup(ref.name, ref.args)
                if answer is not None:
                    return _encode(ref, answer), []
        value, found = self._custom(ref, name, chain)
        if value is not None or found:
            return value, found
        message = (
            self._request_message(ref)
            if ref.kind is RefKind.REQUEST
            else self._undefined_message(name)
        )
        return None, [Unresolved(ref.name, ref.span, message, ref.raw)]

    def _custom(
        self, ref: VariableRef, name: str, chain: tuple[FileVariable, ...]
    ) -> tuple[str | None, list[Unresolved]]:
        """The value from the prompt, file and environment layers; (None, []) when undefined."""
        given = self._prompts.get(name)
        if given is not None:
            return _encode(ref, given), []
        variable = self._snapshot.index.file_variable(name, ref.span.start_line)
        if variable is not None:
            for position, earlier in enumerate(chain):
                if earlier is variable:
                    cycle = " -> ".join([v.name for v in chain[position:]] + [name])
                    message = (
                        f"Variables refer to each other in a cycle: {cycle}. "
                        "Give one of them a plain value."
                    )
                    return None, [Unresolved(name, ref.span, message, ref.raw)]
            if len(chain) >= MAX_NESTING:
                message = f"File variables nest deeper than {MAX_NESTING} levels here."
                return None, [Unresolved(name, ref.span, message, ref.raw)]
            resolved = self._file_value(variable, chain)
            found = [replace(u, via=(variable.name, *u.via)) for u in resolved.unresolved]
            return _encode(ref, resolved.text), found
        env = self._snapshot.env.get(name)
        if env is not None:
            return _encode(ref, env.value), []
        return None, []

    def _file_value(self, variable: FileVariable, chain: tuple[FileVariable, ...]) -> Resolution:
        key = id(variable)
        cached = self._memo.get(key)
        if cached is not None:
            return cached
        span = variable.value_span
        text, unresolved = self._substitute(
            variable.value,
            span.start_line,
            span.start_col,
            (*chain, variable),
            _Locator(variable.refs) if variable.refs else None,
        )
        resolved = Resolution(text, _unique(unresolved))
        self._memo[key] = resolved
        return resolved

    def _undefined_message(self, name: str) -> str:
        environment = self._snapshot.environment
        if environment:
            message = (
                f"Variable '{name}' is not defined in this file or in environment "
                f"'{environment}'. Define it with '@{name} = ...' or add it to "
                "http-client.env.json."
            )
        else:
            message = (
                f"Variable '{name}' is not defined in this file, and no environment is selected. "
                f"Define it with '@{name} = ...' or add it to http-client.env.json and select "
                "that environment."
            )
        environments = self._snapshot.environments
        others = environments.environments_defining(name) if environments else []
        others = [other for other in others if other != environment]
        if others:
            listed = ", ".join(f"'{other}'" for other in others)
            message += f" It is defined in environment {listed}."
        return message

    def _request_message(self, ref: VariableRef) -> str:
        if ref.name not in self._snapshot.index.request_names:
            return (
                f"No request is named '{ref.name}' in this file: add '# @name {ref.name}' above "
                f"the request whose {ref.args[0] if ref.args else 'response'} {ref.raw} reads."
            )
        part = ref.args[1] if len(ref.args) > 1 else "body"
        path = ref.args[2] if len(ref.args) > 2 else "*"
        what = f"a header '{path}'" if part == "headers" else f"a body matching '{path}'"
        return (
            f"{ref.raw} has no value yet: send the request '{ref.name}' first, and check that its "
            f"{ref.args[0] if ref.args else 'response'} has {what}."
        )


def _full_name(ref: VariableRef) -> str:
    return ".".join((ref.name, *ref.args))


def _encode(ref: VariableRef, value: str) -> str:
    return quote(value, safe="") if ref.percent_encode else value


def _literal(text: str) -> str:
    return text.replace("\\{{", "{{") if "\\{{" in text else text


def _split_lines(text: str) -> Iterable[tuple[str, str]]:
    """Each line of `text` with the break that ends it (`\\r\\n`, `\\r`, `\\n` or nothing)."""
    start = 0
    for match in _LINE_BREAK.finditer(text):
        yield text[start : match.start()], match.group()
        start = match.end()
    yield text[start:], ""


def _unique(items: Iterable[Unresolved]) -> tuple[Unresolved, ...]:
    seen: set[tuple[Span, str]] = set()
    kept: list[Unresolved] = []
    for item in items:
        key = (item.span, item.message)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return tuple(kept)
