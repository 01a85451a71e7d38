"""Parsing one block (the lines from a `###` separator up to the next) into a `ParsedBlock`.

A small line state machine, in the order the format defines: the separator and its title; the
preamble of blank lines, comments, `# @directives` and `@name = value` file variables; the
request line and its continuation lines (indented path parts and `?`/`&` query lines); headers
with indented continuation lines, up to the first blank line; the body; and last any response
handler. Comment lines are skipped everywhere (in the body they must start the line, after
indentation). Positions are relative to the block's first line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import problem_codes as codes
from .body import read_body, read_response_section, starts_response_section
from .directives import read_directive
from .lines import BOM, WHITESPACE
from .memo import HeaderResult, ParseMemo, SpanTable
from .model import (
    Directive,
    FileVariable,
    Header,
    ParsedBlock,
    Problem,
    Prompt,
    Request,
    Severity,
    VariableRef,
)
from .request_line import mask_references, read_request_line, url_problems
from .variable_refs import VARIABLE_NAME, scan_refs_memo

# Trailing whitespace is stripped in code: `(.*?)\s*$` would take quadratic time on long lines.
_FILE_VARIABLE = re.compile(r"[ \t\f\v]*@([^ \t\f\v=]*)[ \t\f\v]*=[ \t\f\v]*(.*)")
_ESCAPE = re.compile(r"\\(.)")
_ESCAPED = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}
_SPACE = re.compile(r"[ \t\f\v]")
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_NO_BODY_METHODS = ("GET", "HEAD")


def parse_block(lines: Sequence[str], *, memo: ParseMemo | None = None) -> ParsedBlock:
    """Parse the lines of one block; `memo` shares work between the blocks of one parse."""
    memo = memo if memo is not None else ParseMemo()
    count = len(lines)
    if count == 0:
        return ParsedBlock(0)
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
    problems: list[Problem] = []
    directives: list[Directive] = []
    prompts: list[Prompt] = []
    variables: list[FileVariable] = []
    while index < count:
        line = lines[index]
        stripped = line.strip(WHITESPACE)
        if not stripped:
            pass
        elif stripped[0] == "#" or stripped.startswith("//"):
            if stripped.lstrip("#/").lstrip(WHITESPACE)[:1] == "@":
                read = read_directive(line, index, memo)
                if read is not None:
                    directives.append(read[0])
                    if read[1] is not None:
                        prompts.append(read[1])
                    if read[2]:
                        problems.extend(read[2])
        elif stripped[0] == "@":
            _read_file_variable(
                line, stripped, index, memo=memo, variables=variables, problems=problems
            )
        else:
            break
        index += 1
    if index == count:
        return ParsedBlock(count, None, tuple(variables), tuple(directives), _ordered(problems))
    request = _read_request(
        lines, index, title, directives=directives, prompts=prompts, memo=memo, problems=problems
    )
    return ParsedBlock(count, request, tuple(variables), (), _ordered(problems))


def _ordered(problems: list[Problem]) -> tuple[Problem, ...]:
    if not problems:
        return ()
    if len(problems) > 1:
        problems.sort(key=lambda p: (p.span.start_line, p.span.start_col))
    return tuple(problems)


def _read_request(
    lines: Sequence[str],
    index: int,
    title: str | None,
    *,
    directives: list[Directive],
    prompts: list[Prompt],
    memo: ParseMemo,
    problems: list[Problem],
) -> Request:
    count = len(lines)
    table = memo.spans
    request_line = read_request_line(lines[index], index, memo)
    refs = list(request_line.refs)
    problems.extend(request_line.problems)
    url = request_line.url
    url_start_line, url_start = index, request_line.url_start
    url_end_line, url_end_col = index, request_line.url_end
    line_index = index + 1
    while line_index < count:
        line = lines[line_index]
        stripped = line.strip(WHITESPACE)
        if not stripped:
            break
        if stripped[0] != "#" and not stripped.startswith("//"):
            if line[0] not in WHITESPACE and stripped[0] not in "?&":
                break
            if not url:
                url_start_line, url_start = line_index, len(line) - len(line.lstrip(WHITESPACE))
            url += stripped
            url_end_line, url_end_col = line_index, len(line.rstrip(WHITESPACE))
            if "{{" in line:
                found, trouble = scan_refs_memo(line, line_index, 0, memo)
                refs.extend(found)
                problems.extend(trouble)
        line_index += 1
    url_span = table[url_start_line, url_start, url_end_line, url_end_col]

    headers: list[Header] = []
    body_start = handler_start = -1
    while line_index < count:
        line = lines[line_index]
        stripped = line.strip(WHITESPACE)
        if not stripped:
            body_start = line_index + 1
            break
        if stripped[0] != "#" and not stripped.startswith("//"):
            if headers and line[0] in WHITESPACE:
                headers[-1] = _continue_header(headers[-1], line, line_index, table)
                if "{{" in line:
                    found, trouble = scan_refs_memo(line, line_index, 0, memo)
                    refs.extend(found)
                    problems.extend(trouble)
            elif line[0] in ("<", ">") and starts_response_section(line):
                handler_start = line_index
                break
            else:
                key = (line, line_index)
                read = memo.headers.get(key)
                if read is None:
                    read = memo.headers[key] = _read_header(line, line_index, memo)
                if read[0] is not None:
                    headers.append(read[0])
                refs.extend(read[1])
                problems.extend(read[2])
        line_index += 1

    body = None
    if body_start >= 0:
        body, handler_start = read_body(lines, body_start, memo=memo, refs=refs, problems=problems)
    if handler_start >= 0:
        read_response_section(lines, handler_start, count, table, problems)

    method = request_line.method
    if not url:
        problems.append(
            Problem(
                table[index, 0, index, len(lines[index].rstrip(WHITESPACE))],
                f"The request line has no URL: write it like '{method} https://example.com/path'.",
                code=codes.REQUEST_LINE,
            )
        )
    else:
        has_host = url[0] in "/*" and any(header.name.lower() == "host" for header in headers)
        for message, code in url_problems(url, has_host):
            problems.append(Problem(url_span, message, code=code))
    if body is not None and method in _NO_BODY_METHODS:
        problems.append(
            Problem(
                body.span,
                f"A {method} request usually has no body, and servers may ignore it; "
                "use POST, PUT or PATCH to send one.",
                Severity.INFORMATION,
                codes.BODY_ON_GET,
            )
        )
    name = name_span = None
    for directive in directives:
        if directive.word == "name" and directive.argument:
            name, name_span = directive.argument, directive.argument_span
    last = count - 1
    return Request(
        method,
        url,
        table[0, 0, last, len(lines[last])],
        index,
        url_span,
        request_line.method_span,
        request_line.version,
        title,
        name,
        name_span,
        tuple(headers),
        body,
        tuple(directives),
        tuple(prompts),
        tuple(refs),
    )


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
        return (
            None,
            refs,
            (
                *problems,
                Problem(
                    table[index, indent, index, indent + len(stripped)],
                    f"Header line '{stripped}' has no ':'. Headers are 'Name: value'; "
                    "leave a blank line before the body.",
                    code=codes.HEADER,
                ),
            ),
        )
    name = line[:colon].strip(WHITESPACE)
    name_span = table[index, indent, index, indent + len(name)]
    if not name:
        return (
            None,
            refs,
            (
                *problems,
                Problem(
                    table[index, indent, index, colon + 1],
                    f"Header line '{stripped}' has no name before ':'.",
                    code=codes.HEADER,
                ),
            ),
        )
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


def _continue_header(header: Header, line: str, index: int, table: SpanTable) -> Header:
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


def _read_file_variable(
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
