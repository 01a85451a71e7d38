"""Columns between the core's code points and LSP's UTF-16 code units, and Span to LSP Range.

The core counts columns in Python characters; VS Code counts UTF-16 code units. They differ only
on lines holding characters outside the Basic Multilingual Plane (emoji, some CJK), so ASCII and
BMP lines take the fast path.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from lsprotocol import types

if TYPE_CHECKING:
    from oauth_http.syntax.spans import Span


def _is_bmp_only(line: str) -> bool:
    return line.isascii() or max(line) <= "\uffff"


def to_utf16(line: str, col: int) -> int:
    """The UTF-16 column of code-point column `col` on `line`."""
    head = line[:col]
    if _is_bmp_only(head):
        return col
    return col + sum(1 for ch in head if ch > "\uffff")


def from_utf16(line: str, units: int) -> int:
    """The code-point column of UTF-16 column `units` on `line` (clamped to the line)."""
    if _is_bmp_only(line):
        return min(units, len(line))
    count = 0
    for index, ch in enumerate(line):
        if count >= units:
            return index
        count += 2 if ch > "\uffff" else 1
    return len(line)


def _line(lines: Sequence[str], number: int) -> str:
    return lines[number] if 0 <= number < len(lines) else ""


def to_range(span: Span, lines: Sequence[str]) -> types.Range:
    return types.Range(
        start=types.Position(
            line=span.start_line, character=to_utf16(_line(lines, span.start_line), span.start_col)
        ),
        end=types.Position(
            line=span.end_line, character=to_utf16(_line(lines, span.end_line), span.end_col)
        ),
    )
