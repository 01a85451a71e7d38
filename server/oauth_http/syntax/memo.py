"""What the blocks of one parse share: interned spans and the results of parsing single lines.

A parsed block uses block-relative positions, so the same span (say the name of a header on the
third line of its block) and the same line at the same place (`Accept: application/json` as the
block's fourth line) recur across the blocks of a file. Everything parsed is immutable, so one
instance can stand for all of them: a dictionary hit is much cheaper than building frozen
dataclasses, and a big document holds far fewer objects. A memo lives for one
`parse_document` call; it is never global.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Directive, Header, Prompt, VariableRef
from .spans import Problem, Span

if TYPE_CHECKING:
    from .request_line import RequestLine

RefsResult = tuple[tuple[VariableRef, ...], tuple[Problem, ...]]
DirectiveResult = tuple[Directive, Prompt | None, tuple[Problem, ...]] | None
HeaderResult = tuple[Header | None, tuple[VariableRef, ...], tuple[Problem, ...]]


class SpanTable(dict[tuple[int, int, int, int], Span]):
    """`table[start_line, start_col, end_line, end_col]` is the one `Span` with those positions."""

    __slots__ = ()

    def __missing__(self, key: tuple[int, int, int, int]) -> Span:
        span = self[key] = Span(*key)
        return span


class ParseMemo:
    """Interned spans, and single-line results keyed by (text, block-relative line[, column])."""

    __slots__ = ("directives", "headers", "refs", "request_lines", "spans")

    def __init__(self) -> None:
        self.spans = SpanTable()
        self.refs: dict[tuple[str, int, int], RefsResult] = {}
        self.directives: dict[tuple[str, int], DirectiveResult] = {}
        self.headers: dict[tuple[str, int], HeaderResult] = {}
        self.request_lines: dict[tuple[str, int], RequestLine] = {}
