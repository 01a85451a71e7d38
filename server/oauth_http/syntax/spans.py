"""Where text is and what is wrong with it: `Span` ranges and the `Problem`s found at them.

Positions are zero-based lines and columns counted in Python characters (code points) of the line;
the LSP layer converts columns to UTF-16 when a line holds characters outside the Basic
Multilingual Plane. Everything here is immutable; `shift` moves a copy down by whole lines.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum


@dataclass(frozen=True, slots=True)
class Span:
    """A range of text: from (start_line, start_col) up to, not including, (end_line, end_col)."""

    start_line: int
    start_col: int
    end_line: int
    end_col: int

    def shift(self, lines: int) -> Span:
        if lines == 0:
            return self
        return Span(self.start_line + lines, self.start_col, self.end_line + lines, self.end_col)

    def contains(self, line: int, col: int) -> bool:
        """True when (line, col) lies inside, the end position included (a cursor after a word)."""
        if (line, col) < (self.start_line, self.start_col):
            return False
        return (line, col) <= (self.end_line, self.end_col)


class Severity(IntEnum):
    """Same numbers as LSP's DiagnosticSeverity."""

    ERROR = 1
    WARNING = 2
    INFORMATION = 3
    HINT = 4


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong (or worth knowing) about the text, shown as a diagnostic."""

    span: Span
    message: str
    severity: Severity = Severity.ERROR
    code: str = ""

    def shift(self, lines: int) -> Problem:
        return replace(self, span=self.span.shift(lines)) if lines else self
