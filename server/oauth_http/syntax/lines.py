"""Line handling shared by the parser and its callers: LSP line breaks only, and whitespace.

The Language Server Protocol counts lines at `\\r\\n`, `\\r` and `\\n` and nothing else, so
`str.splitlines` (which also breaks at form feeds, `\\x1c` and `\\u2028`) must not be used on
document text: positions would drift from the editor's.
"""

from __future__ import annotations

BOM = "\ufeff"

# Whitespace inside a line, as the JetBrains spec defines it (space, tab, form feed), plus the
# vertical tab, which LSP does not treat as a line break either.
WHITESPACE = " \t\f\v"


def normalize_newlines(text: str) -> str:
    """`text` with every `\\r\\n` and lone `\\r` turned into `\\n` (line numbers are unchanged)."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_lines(text: str) -> list[str]:
    """The lines of `text` as an LSP client counts them, without their line breaks.

    A text ending with a line break has a last, empty line (the cursor can stand there), and
    the empty text has one empty line.
    """
    return normalize_newlines(text).split("\n")


def is_blank(line: str) -> bool:
    return not line.strip(WHITESPACE)


def indent_of(line: str) -> int:
    """How many whitespace characters the line starts with."""
    return len(line) - len(line.lstrip(WHITESPACE))
