"""Checks that need the whole document: request names and what refers to them.

Per-block problems live in each `ParsedBlock`; these come on top, with absolute positions:
a `# @name` used twice, a request variable (`{{login.response...}}`) naming no request of the
file, and directives in a block without a request after the first request, which apply to
nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import problem_codes as codes
from .directives import DIRECTIVES
from .model import RefKind, VariableRef
from .parsed_document import ParsedDocument
from .spans import Problem, Severity


def document_problems(doc: ParsedDocument) -> list[Problem]:
    """The cross-block problems of `doc`, in document order."""
    problems: list[Problem] = []
    names: dict[str, int] = {}
    seen_request = False
    for block in doc.blocks:
        request = block.parsed.request
        if request is None:
            if seen_request:
                for directive in block.parsed.directives:
                    if directive.word not in DIRECTIVES:
                        continue
                    problems.append(
                        Problem(
                            directive.span.shift(block.start_line),
                            f"'@{directive.word}' here applies to no request: put it on the "
                            "lines just before a request line (before the first request, "
                            "directives are the file's defaults).",
                            Severity.WARNING,
                            codes.MISPLACED_DIRECTIVE,
                        )
                    )
            continue
        seen_request = True
        if request.name is None or request.name_span is None:
            continue
        line = block.start_line + request.name_span.start_line
        first = names.setdefault(request.name, line)
        if first != line:
            problems.append(
                Problem(
                    request.name_span.shift(block.start_line),
                    f"Request name '{request.name}' is already used on line {first + 1}: "
                    "names must be unique in a file.",
                    code=codes.DUPLICATE_NAME,
                )
            )
    for block in doc.blocks:
        parsed = block.parsed
        if parsed.request is not None:
            _unknown_requests(parsed.request.refs, names, block.start_line, problems)
        for variable in parsed.file_variables:
            _unknown_requests(variable.refs, names, block.start_line, problems)
    problems.sort(key=lambda p: (p.span.start_line, p.span.start_col))
    return problems


def _unknown_requests(
    refs: Iterable[VariableRef], names: dict[str, int], offset: int, problems: list[Problem]
) -> None:
    for ref in refs:
        if ref.kind is RefKind.REQUEST and ref.name not in names:
            problems.append(
                Problem(
                    ref.name_span.shift(offset),
                    f"No request named '{ref.name}' in this file: name one with "
                    f"'# @name {ref.name}' on a line before its request line.",
                    Severity.WARNING,
                    codes.UNKNOWN_REQUEST,
                )
            )
