"""The engine behind `VariableScope`: replacing references in text, layer by layer.

`Snapshot` holds what one scope's views share (the document index, the environment values, the
system context, the responses and the cache of resolved file variables); `Substituter` adds the
prompt values of one send and does the work: system variables are evaluated, request variables
asked of `RequestValues`, file variables resolved recursively with cycle detection, and every
failure becomes an `Unresolved` while the reference is kept as written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from urllib.parse import quote

from oauth_http.syntax import problem_codes as codes
from oauth_http.syntax.model import FileVariable, RefKind, VariableRef
from oauth_http.syntax.parsed_document import ParsedDocument
from oauth_http.syntax.variable_refs import scan_refs
from oauth_http.variables.document_index import DocumentIndex
from oauth_http.variables.env_files import EnvValue
from oauth_http.variables.environments import SHARED, Environments
from oauth_http.variables.ref_placement import (
    RefLocator,
    split_lines_keeping_breaks,
    unescape_braces,
)
from oauth_http.variables.results import (
    RequestValues,
    Resolution,
    Unresolved,
    ValueUnavailableError,
    unique,
)
from oauth_http.variables.system_values import SystemContext, evaluate_system
from oauth_http.variables.unresolved_messages import request_message, undefined_message

MAX_NESTING = 64


class Snapshot:
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


class Substituter:
    """Resolves references with one snapshot, one set of prompt values and one cache."""

    __slots__ = ("memo", "prompts", "snapshot")

    def __init__(
        self, snapshot: Snapshot, prompts: Mapping[str, str], memo: dict[int, Resolution]
    ) -> None:
        self.snapshot = snapshot
        self.prompts = prompts
        self.memo = memo

    def substitute(
        self,
        text: str,
        line: int,
        col: int,
        chain: tuple[FileVariable, ...],
        locator: RefLocator | None,
    ) -> tuple[str, list[Unresolved]]:
        if "{{" not in text:
            return text, []
        pieces: list[str] = []
        unresolved: list[Unresolved] = []
        for number, (segment, line_break) in enumerate(split_lines_keeping_breaks(text)):
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
                pieces.append(unescape_braces(segment[pos:start]))
                placed = locator.locate(ref) if locator else ref
                value, found = self._value(placed, chain)
                unresolved.extend(found)
                pieces.append(segment[start:end] if value is None else value)
                pos = end
            pieces.append(unescape_braces(segment[pos:]))
            pieces.append(line_break)
        return "".join(pieces), unresolved

    def _value(
        self, ref: VariableRef, chain: tuple[FileVariable, ...]
    ) -> tuple[str | None, list[Unresolved]]:
        """The text that replaces `ref` (None: keep it as written) and what went wrong."""
        if ref.kind is RefKind.SYSTEM:
            result = evaluate_system(ref.name, ref.args, self.snapshot.system)
            if result.value is None:
                return None, [Unresolved(ref.name, ref.span, result.error or "", ref.raw)]
            return _encode(ref, result.value), []
        name = ref.name
        if ref.kind is RefKind.REQUEST:
            name = full_name(ref)
            if name not in self.prompts and self.snapshot.request_values is not None:
                try:
                    answer = self.snapshot.request_values.lookup(ref.name, ref.args)
                except ValueUnavailableError as why:
                    return None, [Unresolved(ref.name, ref.span, str(why), ref.raw)]
                if answer is not None:
                    return _encode(ref, answer), []
        value, found = self._custom(ref, name, chain)
        if value is not None or found:
            return value, found
        message = (
            request_message(ref, self.snapshot.index.request_names)
            if ref.kind is RefKind.REQUEST
            else undefined_message(name, self.snapshot.environment, self.snapshot.environments)
        )
        return None, [Unresolved(ref.name, ref.span, message, ref.raw)]

    def _custom(
        self, ref: VariableRef, name: str, chain: tuple[FileVariable, ...]
    ) -> tuple[str | None, list[Unresolved]]:
        """The value from the prompt, file and environment layers; (None, []) when undefined."""
        given = self.prompts.get(name)
        if given is not None:
            return _encode(ref, given), []
        variable = self.snapshot.index.file_variable(name, ref.span.start_line)
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
            resolved = self.file_value(variable, chain)
            found = [replace(u, via=(variable.name, *u.via)) for u in resolved.unresolved]
            return _encode(ref, resolved.text), found
        env = self.snapshot.env.get(name)
        if env is not None:
            return _encode(ref, env.value), []
        return None, []

    def file_value(self, variable: FileVariable, chain: tuple[FileVariable, ...]) -> Resolution:
        key = id(variable)
        cached = self.memo.get(key)
        if cached is not None:
            return cached
        span = variable.value_span
        text, unresolved = self.substitute(
            variable.value,
            span.start_line,
            span.start_col,
            (*chain, variable),
            RefLocator(variable.refs) if variable.refs else None,
        )
        resolved = Resolution(text, unique(unresolved))
        self.memo[key] = resolved
        return resolved


def full_name(ref: VariableRef) -> str:
    return ".".join((ref.name, *ref.args))


def _encode(ref: VariableRef, value: str) -> str:
    return quote(value, safe="") if ref.percent_encode else value
