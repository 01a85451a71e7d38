"""File variables: a line `@name = value` before a request line or in a block without one."""

from __future__ import annotations

import re

from . import problem_codes as codes
from .lines import WHITESPACE
from .memo import ParseMemo
from .model import FileVariable, VariableRef
from .spans import Problem
from .variable_refs import VARIABLE_NAME, scan_refs_memo

# Trailing whitespace is stripped in code: `(.*?)\s*$` would take quadratic time on long lines.
_FILE_VARIABLE = re.compile(r"[ \t\f\v]*@([^ \t\f\v=]*)[ \t\f\v]*=[ \t\f\v]*(.*)")
_ESCAPE = re.compile(r"\\(.)")
_ESCAPED = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}


def read_file_variable(
    line: str,
    stripped: str,
    index: int,
    *,
    memo: ParseMemo,
    variables: list[FileVariable],
    problems: list[Problem],
) -> None:
    table = memo.spans
    indent = len(line) - len(line.lstrip(WHITESPACE))
    span = table[index, indent, index, indent + len(stripped)]
    match = _FILE_VARIABLE.match(line)
    if match is None:
        problems.append(
            Problem(
                span,
                f"'{stripped}' is not a file variable: write '{stripped} = value'.",
                code=codes.FILE_VARIABLE,
            )
        )
        return
    name = match.group(1)
    if VARIABLE_NAME.fullmatch(name) is None:
        problems.append(
            Problem(
                span,
                f"File variable name '{name}' may only contain letters, digits, '-' and '_', "
                "like '@host = example.com'.",
                code=codes.FILE_VARIABLE,
            )
        )
        return
    raw = match.group(2).rstrip(WHITESPACE)
    value_start = match.start(2)
    refs: tuple[VariableRef, ...] = ()
    if "{{" in raw:
        refs, trouble = scan_refs_memo(raw, index, value_start, memo)
        problems.extend(trouble)
    value = _ESCAPE.sub(_unescape, raw) if "\\" in raw else raw
    variables.append(
        FileVariable(
            name,
            value,
            span,
            table[index, match.start(1), index, match.end(1)],
            table[index, value_start, index, value_start + len(raw)],
            refs,
        )
    )


def _unescape(match: re.Match[str]) -> str:
    """`\\n`, `\\r`, `\\t` and `\\\\` stand for their characters; other escapes stay as written."""
    return _ESCAPED.get(match.group(1), match.group())
