"""Interning of `Span` values while parsing.

A parsed block uses block-relative positions, so the same span (say the name of a header on the
third line of its block) recurs in many blocks of a file. Spans are immutable, so one instance
can stand for all of them: parsing gets faster (a dictionary hit is cheaper than building a
frozen dataclass) and a big document holds far fewer objects.
"""

from __future__ import annotations

from .model import Span


class SpanTable(dict[tuple[int, int, int, int], Span]):
    """`table[start_line, start_col, end_line, end_col]` is the one `Span` with those positions."""

    __slots__ = ()

    def __missing__(self, key: tuple[int, int, int, int]) -> Span:
        span = self[key] = Span(*key)
        return span
