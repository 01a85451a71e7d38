"""Parsing one block (the lines from a `###` separator up to the next) into a `ParsedBlock`.

A small line state machine, in the order the format defines: the separator and its title; the
preamble of blank lines, comments, `# @directives` and `@name = value` file variables; the
request line and its continuation lines (indented path parts and `?`/`&` query lines); headers
with indented continuation lines, up to the first blank line; the body; and last any response
handler. Comment lines are skipped everywhere (in the body they must start the line, after
indentation). Positions are relative to the block's first line.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import problem_codes as codes
from .body import read_body, read_response_section, starts_response_section
from .headers import continue_header, read_header
from .lines import WHITESPACE
from .memo import ParseMemo
from .model import (
    Directive,
    Header,
    Prompt,
    Request,
    VariableRef,
)
from .parsed_document import ParsedBlock
from .preamble import read_preamble
from .request_line import RequestLine, read_request_line, url_problems
from .spans import Problem, Severity, Span
from .variable_refs import scan_refs_memo

_NO_BODY_METHODS = ("GET", "HEAD")


def parse_block(lines: Sequence[str], *, memo: ParseMemo | None = None) -> ParsedBlock:
    """Parse the lines of one block; `memo` shares work between the blocks of one parse."""
    memo = memo if memo is not None else ParseMemo()
    count = len(lines)
    if count == 0:
        return ParsedBlock(0)
    preamble = read_preamble(lines, memo)
    lines, index, title = preamble.lines, preamble.request_index, preamble.title
    directives, prompts, problems = preamble.directives, preamble.prompts, preamble.problems
    variables = preamble.variables
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


def _continue_url(
    lines: Sequence[str],
    index: int,
    request_line: RequestLine,
    memo: ParseMemo,
    *,
    refs: list[VariableRef],
    problems: list[Problem],
) -> tuple[str, Span, int]:
    """The URL with its indented and `?`/`&` continuation lines, its span, and the next line."""
    url = request_line.url
    url_start_line, url_start = index, request_line.url_start
    url_end_line, url_end_col = index, request_line.url_end
    line_index = index + 1
    while line_index < len(lines):
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
    return url, memo.spans[url_start_line, url_start, url_end_line, url_end_col], line_index


def _read_headers(
    lines: Sequence[str],
    start: int,
    memo: ParseMemo,
    headers: list[Header],
    *,
    refs: list[VariableRef],
    problems: list[Problem],
) -> tuple[int, int]:
    """Read headers from line `start` on; return where the body and a response handler start.

    Either is -1 when absent: the headers end at a blank line (the body follows) or at a
    response handler written straight after them.
    """
    for line_index in range(start, len(lines)):
        line = lines[line_index]
        stripped = line.strip(WHITESPACE)
        if not stripped:
            return line_index + 1, -1
        if stripped[0] == "#" or stripped.startswith("//"):
            continue
        if headers and line[0] in WHITESPACE:
            headers[-1] = continue_header(headers[-1], line, line_index, memo.spans)
            if "{{" in line:
                found, trouble = scan_refs_memo(line, line_index, 0, memo)
                refs.extend(found)
                problems.extend(trouble)
        elif line[0] in ("<", ">") and starts_response_section(line):
            return -1, line_index
        else:
            header, header_refs, header_problems = read_header(line, line_index, memo)
            if header is not None:
                headers.append(header)
            refs.extend(header_refs)
            problems.extend(header_problems)
    return -1, -1


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
    url, url_span, line_index = _continue_url(
        lines, index, request_line, memo, refs=refs, problems=problems
    )
    headers: list[Header] = []
    body_start, handler_start = _read_headers(
        lines, line_index, memo, headers, refs=refs, problems=problems
    )
    body = None
    if 0 <= body_start < count:
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
