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

from collections.abc import Mapping
from dataclasses import replace

from oauth_http.syntax.model import BodyPart, RefKind, Request, VariableRef
from oauth_http.syntax.parsed_document import ParsedDocument
from oauth_http.syntax.spans import Span
from oauth_http.variables.environments import SHARED, Environments
from oauth_http.variables.masking import looks_secret, mask
from oauth_http.variables.ref_placement import RefLocator
from oauth_http.variables.results import (
    Definition,
    RequestValues,
    Resolution,
    ResolvedRequest,
    Source,
    Unresolved,
    unique,
)
from oauth_http.variables.substituter import Snapshot, Substituter, full_name
from oauth_http.variables.system_values import SystemContext
from oauth_http.variables.unresolved_messages import request_message, undefined_message

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


class VariableScope:
    """Resolves references for one document, one environment selection and one send."""

    __slots__ = ("_engine", "line")

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
        snapshot = Snapshot(document, environments, environment, system, request_values)
        prompts = dict(prompt_values or {})
        self._engine = Substituter(snapshot, prompts, {} if prompts else snapshot.memo)
        self.line = line

    def _view(self, line: int, engine: Substituter) -> VariableScope:
        view = object.__new__(VariableScope)
        view._engine = engine
        view.line = line
        return view

    def at(self, line: int) -> VariableScope:
        """The same scope seen from `line` (which definition of a repeated name is visible)."""
        return self._view(line, self._engine)

    def with_prompts(self, values: Mapping[str, str]) -> VariableScope:
        """The scope for one send, with the values the user gave for `# @prompt`s."""
        snapshot = self._engine.snapshot
        prompts = dict(values)
        return self._view(
            self.line, Substituter(snapshot, prompts, {} if prompts else snapshot.memo)
        )

    @property
    def environment(self) -> str | None:
        return self._engine.snapshot.environment

    def is_defined(self, name: str, line: int | None = None) -> bool:
        """True when a prompt, file variable or environment defines the custom variable `name`."""
        snapshot = self._engine.snapshot
        if name in self._engine.prompts or snapshot.index.defines(name) or name in snapshot.env:
            return True
        return snapshot.index.prompt(name, self.line if line is None else line) is not None

    def names(self, line: int | None = None) -> list[str]:
        """Every custom variable name visible from `line`, sorted."""
        line = self.line if line is None else line
        snapshot = self._engine.snapshot
        found = set(self._engine.prompts) | set(snapshot.index.file_variable_names())
        found.update(p.name for p in snapshot.index.prompts_at(line))
        found.update(snapshot.env)
        return sorted(found)

    def lookup(self, name: str, line: int | None = None) -> Definition | None:
        """Where the custom variable `name` seen from `line` gets its value, and that value."""
        line = self.line if line is None else line
        index = self._engine.snapshot.index
        prompt = index.prompt(name, line)
        prompt_span = (prompt.name_span or prompt.span) if prompt else None
        given = self._engine.prompts.get(name)
        if given is not None or prompt is not None:
            return Definition(name, "prompt", given, given, None, prompt_span)
        variable = index.file_variable(name, line)
        if variable is not None:
            resolved = self._engine.file_value(variable, ())
            return Definition(
                name,
                "file",
                variable.value,
                resolved.text,
                None,
                variable.name_span,
                unresolved=resolved.unresolved,
            )
        env = self._engine.snapshot.env.get(name)
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
        snapshot = self._engine.snapshot
        if ref.kind is RefKind.CUSTOM:
            if self.is_defined(ref.name, ref.span.start_line):
                return None
            message = undefined_message(ref.name, snapshot.environment, snapshot.environments)
            return Unresolved(ref.name, ref.span, message, ref.raw)
        if (
            ref.kind is RefKind.REQUEST
            and ref.name not in snapshot.index.request_names
            and not self.is_defined(full_name(ref), ref.span.start_line)
        ):
            message = request_message(ref, snapshot.index.request_names)
            return Unresolved(ref.name, ref.span, message, ref.raw)
        return None

    def resolve_text(self, text: str, line: int, col: int) -> Resolution:
        """`text`, which starts at (`line`, `col`), with every reference it can resolve replaced."""
        resolved, unresolved = self._engine.substitute(text, line, col, (), None)
        return Resolution(resolved, unique(unresolved))

    def resolve_request(self, request: Request) -> ResolvedRequest:
        """Method, URL, headers and body of `request` with references replaced."""
        locator = RefLocator(request.refs)
        unresolved: list[Unresolved] = []

        def resolve(text: str, span: Span) -> str:
            value, found = self._engine.substitute(
                text, span.start_line, span.start_col, (), locator
            )
            unresolved.extend(found)
            return value

        url = resolve(request.url, request.url_span)
        headers = [
            (resolve(h.name, h.name_span), resolve(h.value, h.value_span)) for h in request.headers
        ]
        body: tuple[BodyPart, ...] | None = None
        if request.body is not None:
            parts: list[BodyPart] = []
            for part in request.body.parts:
                if isinstance(part, str):
                    parts.append(resolve(part, request.body.span))
                else:
                    parts.append(replace(part, path=resolve(part.path, part.path_span)))
            body = tuple(parts)
        return ResolvedRequest(request.method, url, headers, body, unique(unresolved))
