"""A request's body lines, and the response handler section that may follow them.

The inline body is trimmed of surrounding blank lines and whitespace (JetBrains spec 4.2.2);
comment lines (`#` or `//` first on the line) are not part of it. `< path` and `<@[encoding]
path` lines become `BodyInclude` parts; the text parts around them hold the line breaks that
join them, so concatenating the parts (with each include replaced by its file) gives the body.
A body that is one include line is exactly that file. `> {% script %}`, `> path` and `<> path`
after the body are recognised and ignored with an information diagnostic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import problem_codes as codes
from .lines import WHITESPACE
from .memo import ParseMemo, SpanTable
from .model import Body, BodyInclude, BodyPart, VariableRef
from .spans import Problem, Severity, Span
from .variable_refs import scan_refs_memo

_INCLUDE = re.compile(r"<(?:(@)([A-Za-z0-9_-]*))?[ \t\f\v]+([^ \t\f\v].*)")  # path rstripped
_HANDLER_SCRIPT = re.compile(r">[ \t\f\v]+\{%")
_HANDLER_FILE = re.compile(r">[ \t\f\v]+[^ \t\f\v]+[ \t\f\v]*$")
_RESPONSE_REFERENCE = re.compile(r"<>[ \t\f\v]+[^ \t\f\v]")
_TRIM = WHITESPACE + "\n"


def is_comment(stripped: str) -> bool:
    """A line (already stripped of whitespace) that is a `#` or `//` comment."""
    return stripped.startswith(("#", "//"))


def starts_response_section(line: str) -> bool:
    """`> {% ... %}`, `> path` or `<> path`: the end of the body."""
    if line.startswith(">"):
        return bool(_HANDLER_SCRIPT.match(line) or _HANDLER_FILE.match(line))
    return line.startswith("<>") and _RESPONSE_REFERENCE.match(line) is not None


def read_body(
    lines: Sequence[str],
    start: int,
    *,
    memo: ParseMemo,
    refs: list[VariableRef],
    problems: list[Problem],
) -> tuple[Body | None, int]:
    """The body from `lines[start]` on, and the line where a response handler starts (or -1).

    The body is None when its lines hold only blanks and comments.
    """
    parts: list[BodyPart] = []
    text: list[str] = []
    first = last = handler = -1
    for index in range(start, len(lines)):
        line = lines[index]
        head = line[:1]
        if head in ("<", ">"):
            if starts_response_section(line):
                handler = index
                break
            include = _INCLUDE.match(line) if head == "<" else None
            if include is not None:
                if text or parts:
                    parts.append(_text_before_include(text, bool(parts)))
                    text = []
                parts.append(_include(include, index, memo, refs, problems))
                if first < 0:
                    first = index
                last = index
                continue
        stripped = line.strip(WHITESPACE)
        if not stripped:
            if first >= 0:
                text.append(line)  # blank lines at the end go with the final trim
            continue
        if stripped[0] == "#" or stripped.startswith("//"):
            continue
        text.append(line)
        if first < 0:
            first = index
        last = index
        if "{{" in line:
            found, trouble = scan_refs_memo(line, index, 0, memo)
            refs.extend(found)
            problems.extend(trouble)
    if first < 0:
        return None, handler
    if text:
        parts.append(("\n" if parts else "") + "\n".join(text))
    _trim(parts)
    first_line, last_line = lines[first], lines[last]
    span = memo.spans[
        first,
        len(first_line) - len(first_line.lstrip(WHITESPACE)),
        last,
        len(last_line.rstrip(WHITESPACE)),
    ]
    return Body(tuple(parts), span), handler


def _text_before_include(text: list[str], after_include: bool) -> str:
    """The text lines between the start or an include and the next include, with the breaks."""
    if not text:
        return "\n"
    joined = "\n".join(text) + "\n"
    return "\n" + joined if after_include else joined


def _include(
    match: re.Match[str],
    index: int,
    memo: ParseMemo,
    refs: list[VariableRef],
    problems: list[Problem],
) -> BodyInclude:
    path = match.group(3).rstrip(WHITESPACE)
    path_start = match.start(3)
    path_end = path_start + len(path)
    table = memo.spans
    if "{{" in path:
        found, trouble = scan_refs_memo(path, index, path_start, memo)
        refs.extend(found)
        problems.extend(trouble)
    return BodyInclude(
        path,
        match.group(1) is not None,
        match.group(2) or None,
        table[index, 0, index, path_end],
        table[index, path_start, index, path_end],
    )


def _trim(parts: list[BodyPart]) -> None:
    """Trim whitespace at both ends of the inline text; drop text parts left empty."""
    if parts and isinstance(parts[0], str):
        parts[0] = parts[0].lstrip(_TRIM)
        if not parts[0]:
            del parts[0]
    if parts and isinstance(parts[-1], str):
        parts[-1] = parts[-1].rstrip(_TRIM)
        if not parts[-1]:
            del parts[-1]


def read_response_section(
    lines: Sequence[str], start: int, end: int, table: SpanTable, problems: list[Problem]
) -> None:
    """Report the response handlers and references in `lines[start:end]` as not run."""
    index = start
    ignored_from = -1
    while index < end:
        line = lines[index]
        stripped = line.strip(WHITESPACE)
        if not starts_response_section(line):
            if ignored_from < 0 and stripped and not is_comment(stripped):
                ignored_from = index
            index += 1
            continue
        if ignored_from >= 0:
            _report_ignored(lines, ignored_from, index, table, problems)
            ignored_from = -1
        if line.startswith("<>"):
            message = "Response references ('<> path') are not used by OAuth HTTP; ignored."
            problems.append(_information(table[index, 0, index, len(stripped)], message))
        elif _HANDLER_SCRIPT.match(line):
            index = _script(lines, index, end, table, problems)
        else:
            message = "Response handlers are not run by OAuth HTTP; this '> path' is ignored."
            problems.append(
                _information(table[index, 0, index, len(line.rstrip(WHITESPACE))], message)
            )
        index += 1
    if ignored_from >= 0:
        _report_ignored(lines, ignored_from, end, table, problems)


def _script(
    lines: Sequence[str], start: int, end: int, table: SpanTable, problems: list[Problem]
) -> int:
    """Report the `> {% ... %}` script starting on line `start`; return its last line."""
    index = start
    close = lines[index].find("%}", lines[index].find("{%") + 2)
    while close < 0 and index + 1 < end:
        index += 1
        close = lines[index].find("%}")
    if close < 0:
        problems.append(
            Problem(
                table[start, 0, index, len(lines[index])],
                "The response handler script has no closing '%}'.",
                code=codes.RESPONSE_HANDLER,
            )
        )
        return index
    message = "Response handlers are not run by OAuth HTTP; this script is ignored."
    problems.append(_information(table[start, 0, index, close + 2], message))
    return index


def _report_ignored(
    lines: Sequence[str], start: int, end: int, table: SpanTable, problems: list[Problem]
) -> None:
    last = end - 1
    while not lines[last].strip(WHITESPACE) or is_comment(lines[last].strip(WHITESPACE)):
        last -= 1
    problems.append(
        Problem(
            table[start, 0, last, len(lines[last])],
            "Text after a response handler is not sent: move it into the body, "
            "or start a new request with '###'.",
            Severity.WARNING,
            codes.IGNORED_TEXT,
        )
    )


def _information(span: Span, message: str) -> Problem:
    return Problem(span, message, Severity.INFORMATION, codes.RESPONSE_HANDLER)
