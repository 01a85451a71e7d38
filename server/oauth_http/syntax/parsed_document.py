"""A parsed `.http` document: its blocks, each placed at its first line, and the queries over them.

A document is parsed block by block (a block runs from one `###` separator to the next), and each
`ParsedBlock` uses line numbers relative to its own first line, so an unchanged block can be reused
after an edit elsewhere. `Block.start_line` places it in the document; the queries of
`ParsedDocument` return absolute copies (`shift`) on demand.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .model import Directive, FileVariable, Request
from .spans import Problem


@dataclass(frozen=True, slots=True)
class ParsedBlock:
    """The text between two `###` separators, parsed, with lines relative to the block's start.

    A block holds at most one request. The preamble before the first request (and any block with
    only comments and variables) has `request` None; its directives are the file's defaults
    (`# @oauth1 provider` there applies to every request of the file).
    """

    line_count: int
    request: Request | None = None
    file_variables: tuple[FileVariable, ...] = ()
    directives: tuple[Directive, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    start_line: int
    parsed: ParsedBlock


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A whole document: its blocks in order, each placed at its first line.

    `block_cache` maps the text of each block (lines joined with `\\n`) to its `Block`, so the
    parse of the next version of the document reuses every block whose text is unchanged.
    """

    blocks: tuple[Block, ...]
    line_count: int
    block_cache: dict[str, Block] = field(default_factory=dict, compare=False, repr=False)

    def requests(self) -> list[Request]:
        """Every request, with absolute positions."""
        return [b.parsed.request.shift(b.start_line) for b in self.blocks if b.parsed.request]

    def request_lines(self) -> list[int]:
        """The absolute request-line number of every request (cheap: nothing is copied)."""
        return [
            b.start_line + b.parsed.request.request_line for b in self.blocks if b.parsed.request
        ]

    def block_at(self, line: int) -> Block | None:
        """The block holding `line`, found by bisection."""
        starts = [b.start_line for b in self.blocks]
        index = bisect_right(starts, line) - 1
        if index < 0:
            return None
        block = self.blocks[index]
        return block if line < block.start_line + max(block.parsed.line_count, 1) else None

    def request_at(self, line: int) -> Request | None:
        """The request whose block holds `line`, with absolute positions."""
        block = self.block_at(line)
        if block is None or block.parsed.request is None:
            return None
        return block.parsed.request.shift(block.start_line)

    def request_named(self, name: str) -> Request | None:
        for block in self.blocks:
            request = block.parsed.request
            if request is not None and request.name == name:
                return request.shift(block.start_line)
        return None

    def file_variables(self) -> list[FileVariable]:
        """Every `@name = value` of the document, in order, with absolute positions."""
        return [v.shift(b.start_line) for b in self.blocks for v in b.parsed.file_variables]

    def file_directives(self) -> list[Directive]:
        """Directives of blocks without a request before the first request: the file's defaults."""
        defaults: list[Directive] = []
        for block in self.blocks:
            if block.parsed.request is not None:
                break
            defaults.extend(d.shift(block.start_line) for d in block.parsed.directives)
        return defaults

    def problems(self) -> list[Problem]:
        """The parser's problems, with absolute positions."""
        return [p.shift(b.start_line) for b in self.blocks for p in b.parsed.problems]
