"""What a parsed document defines, indexed once so each look-up is a dictionary hit and a bisection.

File variables are visible in the whole document. When a name is defined several times, a use
sees the last definition above it, or, with none above, the first one below. Prompts belong to
their request's block. Request names are the `# @name` of the requests.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from oauth_http.syntax.model import FileVariable, Prompt
from oauth_http.syntax.parsed_document import ParsedDocument


class DocumentIndex:
    __slots__ = (
        "_block_ends",
        "_block_prompts",
        "_block_starts",
        "_definition_lines",
        "_definitions",
        "request_names",
    )

    def __init__(self, document: ParsedDocument) -> None:
        self._definitions: dict[str, list[FileVariable]] = {}
        self._definition_lines: dict[str, list[int]] = {}
        for variable in document.file_variables():
            self._definitions.setdefault(variable.name, []).append(variable)
            self._definition_lines.setdefault(variable.name, []).append(variable.span.start_line)
        self._block_starts: list[int] = []
        self._block_ends: list[int] = []
        self._block_prompts: list[tuple[Prompt, ...]] = []
        names: set[str] = set()
        for block in document.blocks:
            request = block.parsed.request
            if request is None:
                continue
            if request.name:
                names.add(request.name)
            if request.prompts:
                self._block_starts.append(block.start_line)
                self._block_ends.append(block.start_line + max(block.parsed.line_count, 1))
                self._block_prompts.append(
                    tuple(p.shift(block.start_line) for p in request.prompts)
                )
        self.request_names = frozenset(names)

    def file_variable(self, name: str, line: int) -> FileVariable | None:
        """The definition of `name` a use on `line` sees."""
        definitions = self._definitions.get(name)
        if not definitions:
            return None
        above = bisect_left(self._definition_lines[name], line) - 1
        return definitions[above] if above >= 0 else definitions[0]

    def defines(self, name: str) -> bool:
        return name in self._definitions

    def file_variable_names(self) -> Iterable[str]:
        return self._definitions.keys()

    def definitions(self, name: str) -> tuple[FileVariable, ...]:
        return tuple(self._definitions.get(name, ()))

    def prompts_at(self, line: int) -> tuple[Prompt, ...]:
        """The `# @prompt`s of the request whose block holds `line`."""
        index = bisect_right(self._block_starts, line) - 1
        if index < 0 or line >= self._block_ends[index]:
            return ()
        return self._block_prompts[index]

    def prompt(self, name: str, line: int) -> Prompt | None:
        for prompt in self.prompts_at(line):
            if prompt.name == name:
                return prompt
        return None
