"""Header lines `Name: value` and their indented continuation lines."""

from __future__ import annotations

import re

from . import problem_codes as codes
from .lines import WHITESPACE
from .memo import HeaderResult, ParseMemo, SpanTable
from .model import Header, VariableRef
from .request_line import mask_references
from .spans import Problem
from .variable_refs import scan_refs_memo

_SPACE = re.compile(r"[ \t\f\v]")
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def read_header(line: str, index: int, memo: ParseMemo) -> HeaderResult:
    """The header on `line`, the references in it and its problems (once per line and place)."""
    key = (line, index)
    found = memo.headers.get(key)
    if found is None:
        found = memo.headers[key] = _read_header(line, index, memo)
    return found


def _read_header(line: str, index: int, memo: ParseMemo) -> HeaderResult:
    """The header on `line`, the references in it and its problems."""
    table = memo.spans
    refs: tuple[VariableRef, ...] = ()
    problems: tuple[Problem, ...] = ()
    if "{{" in line:
        refs, problems = scan_refs_memo(line, index, 0, memo)
    colon = line.find(":")
    masked = line
    if "{{" in line and ("{{" in line[:colon] or colon < 0):  # a colon may hide in a reference
        masked = mask_references(line)
        colon = masked.find(":")
    stripped = line.strip(WHITESPACE)
    indent = len(line) - len(line.lstrip(WHITESPACE))
    if colon < 0:
        missing_colon = Problem(
            table[index, indent, index, indent + len(stripped)],
            f"Header line '{stripped}' has no ':'. Headers are 'Name: value'; "
            "leave a blank line before the body.",
            code=codes.HEADER,
        )
        return None, refs, (*problems, missing_colon)
    name = line[:colon].strip(WHITESPACE)
    name_span = table[index, indent, index, indent + len(name)]
    if not name:
        missing_name = Problem(
            table[index, indent, index, colon + 1],
            f"Header line '{stripped}' has no name before ':'.",
            code=codes.HEADER,
        )
        return None, refs, (*problems, missing_name)
    if not _HEADER_NAME.fullmatch(masked, indent, indent + len(name)):
        problems = (*problems, Problem(name_span, _bad_header_name(name), code=codes.HEADER))
    raw_value = line[colon + 1 :]
    value = raw_value.strip(WHITESPACE)
    value_start = colon + 1 + len(raw_value) - len(raw_value.lstrip(WHITESPACE))
    value_end = value_start + len(value)
    header = Header(
        name,
        value,
        table[index, indent, index, value_end if value else colon + 1],
        name_span,
        table[index, value_start, index, value_end],
    )
    return header, refs, problems


def _bad_header_name(name: str) -> str:
    if _SPACE.search(name):
        return f"Header name '{name}' contains a space: write it without, e.g. 'Content-Type'."
    return (
        f"'{name}' is not a header name (letters, digits and !#$%&'*+-.^_`|~); "
        "if it is the body, leave a blank line before it."
    )


def continue_header(header: Header, line: str, index: int, table: SpanTable) -> Header:
    """`header` with the indented `line` appended to its value (joined by one space)."""
    part = line.strip(WHITESPACE)
    end = len(line.rstrip(WHITESPACE))
    value = f"{header.value} {part}" if header.value else part
    value_span = header.value_span
    if not header.value:
        start = len(line) - len(line.lstrip(WHITESPACE))
        value_span = table[index, start, index, end]
    span, value_span = (
        table[header.span.start_line, header.span.start_col, index, end],
        table[value_span.start_line, value_span.start_col, index, end],
    )
    return Header(header.name, value, span, header.name_span, value_span)
