"""The start of a block: its `###` title line, then blank lines, comments, `# @directives` and
`@name = value` file variables, up to the request line (if the block has one).

Shared by the full parse of a block and by the outline code lenses are answered from, so both
find the same request line and the same directives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .directives import read_directive
from .file_variables import read_file_variable
from .lines import BOM, WHITESPACE
from .memo import ParseMemo
from .model import Directive, FileVariable, Prompt
from .spans import Problem


@dataclass(slots=True)
class Preamble:
    lines: Sequence[str]  # the block's lines, a leading BOM turned into a space
    title: str | None
    request_index: int  # the request line's index; len(lines) when the block has no request
    directives: list[Directive] = field(default_factory=list)
    prompts: list[Prompt] = field(default_factory=list)
    variables: list[FileVariable] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_preamble(lines: Sequence[str], memo: ParseMemo) -> Preamble:
    """The preamble of a block of at least one line."""
    first = lines[0]
    title = None
    index = 0
    if first.startswith(BOM):
        # The BOM keeps its column; as a space it is simply leading whitespace.
        lines = [" " + first[1:], *lines[1:]]
        first = first[1:]
    if first.startswith("###"):
        title = first.lstrip("#").strip(WHITESPACE) or None
        index = 1
    preamble = Preamble(lines, title, index)
    count = len(lines)
    while index < count:
        line = lines[index]
        stripped = line.strip(WHITESPACE)
        if not stripped:
            pass
        elif stripped[0] == "#" or stripped.startswith("//"):
            if stripped.lstrip("#/").lstrip(WHITESPACE)[:1] == "@":
                read = read_directive(line, index, memo)
                if read is not None:
                    preamble.directives.append(read[0])
                    if read[1] is not None:
                        preamble.prompts.append(read[1])
                    if read[2]:
                        preamble.problems.extend(read[2])
        elif stripped[0] == "@":
            read_file_variable(
                line,
                stripped,
                index,
                memo=memo,
                variables=preamble.variables,
                problems=preamble.problems,
            )
        else:
            break
        index += 1
    preamble.request_index = index
    return preamble
