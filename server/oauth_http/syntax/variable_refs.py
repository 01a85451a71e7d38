"""Finding `{{...}}` variable references in one line of text.

Three kinds: `{{name}}` / `{{ name }}` / `{{%name}}` (custom), `{{$name args}}` (system) and
`{{request.response|request.body|headers.path}}` (request variables). `\\{{` is a literal `{{`
and starts no reference. Used for request lines, headers, bodies, file-variable values and
environment-file values alike.
"""

from __future__ import annotations

import re

from . import problem_codes as codes
from .lines import WHITESPACE
from .memo import ParseMemo, RefsResult, SpanTable
from .model import RefKind, VariableRef
from .spans import Problem, Span
from .system_variable_syntax import SYSTEM_VARIABLE_NAMES, check_system_variable, split_arguments

_REFERENCE = re.compile(r"\{\{([^{}]*)\}\}")
_SPACES = re.compile(r"[ \t\f\v]+")
VARIABLE_NAME = re.compile(r"[\w-]+")
_REQUEST_PARTS = ("response", "request")
_MESSAGE_PARTS = ("body", "headers")


def scan_refs(
    text: str, line: int, start_col: int, *, spans: SpanTable | None = None
) -> tuple[list[VariableRef], list[Problem]]:
    """Every reference in `text`, which starts at (`line`, `start_col`), and its problems."""
    refs: list[VariableRef] = []
    problems: list[Problem] = []
    if "{{" not in text:
        return refs, problems
    table = spans if spans is not None else SpanTable()
    pos = 0
    while (start := text.find("{{", pos)) >= 0:
        if start and text[start - 1] == "\\":
            pos = start + 2
            continue
        while text.startswith("{", start + 2):  # `{{{x}}}`: the reference is the inner `{{x}}`
            start += 1
        match = _REFERENCE.match(text, start)
        if match is None:
            following = text.find("{{", start + 2)
            end = len(text) if following < 0 else following
            problems.append(
                Problem(
                    table[line, start_col + start, line, start_col + end],
                    "'{{' is not closed: add '}}' after the variable name, "
                    "or write '\\{{' for literal braces.",
                    code=codes.UNTERMINATED_VARIABLE,
                )
            )
            pos = start + 2
            continue
        pos = match.end()
        span = table[line, start_col + start, line, start_col + pos]
        ref, problem = _read_reference(match.group(1), span, table)
        if ref is not None:
            refs.append(ref)
        if problem is not None:
            problems.append(problem)
    return refs, problems


def scan_refs_memo(text: str, line: int, start_col: int, memo: ParseMemo) -> RefsResult:
    """`scan_refs` for the parser: the same text at the same place is scanned once per parse."""
    key = (text, line, start_col)
    found = memo.refs.get(key)
    if found is None:
        refs, problems = scan_refs(text, line, start_col, spans=memo.spans)
        found = memo.refs[key] = (tuple(refs), tuple(problems))
    return found


def _read_reference(
    inner: str, span: Span, table: SpanTable
) -> tuple[VariableRef | None, Problem | None]:
    """The reference (if it is one) written `{{inner}}` at `span`, and its problem if any."""
    line = span.start_line
    raw = "{{" + inner + "}}"
    body = inner.strip(WHITESPACE)
    name_col = span.start_col + 2 + len(inner) - len(inner.lstrip(WHITESPACE))
    percent = body.startswith("%")
    if percent:
        body = body[1:]
        name_col += 1
    if not body:
        empty = f"Empty variable reference '{raw}': put a variable name inside, e.g. {{{{host}}}}."
        return None, Problem(span, empty, code=codes.VARIABLE_NAME)
    if body[0] == "$":
        name = _SPACES.split(body, 1)[0]
        args = split_arguments(body[len(name) :])
        name_span = table[line, name_col, line, name_col + len(name)]
        ref = VariableRef(span, name_span, RefKind.SYSTEM, name, args, percent, raw)
        wrong = check_system_variable(name, args)
        if wrong is None:
            return ref, None
        where = span if name in SYSTEM_VARIABLE_NAMES else name_span
        return ref, Problem(where, wrong, code=codes.SYSTEM_VARIABLE)
    if "." in body:
        parts = body.split(".", 3)
        mistake = _request_reference_problem(parts[0], parts, raw)
        if mistake is not None:
            return None, Problem(span, mistake, code=codes.REQUEST_VARIABLE)
        name_span = table[line, name_col, line, name_col + len(parts[0])]
        args = tuple(parts[1:])
        return VariableRef(span, name_span, RefKind.REQUEST, parts[0], args, percent, raw), None
    if VARIABLE_NAME.fullmatch(body) is None:
        return None, Problem(span, _bad_name_message(body, raw), code=codes.VARIABLE_NAME)
    name_span = table[line, name_col, line, name_col + len(body)]
    return VariableRef(span, name_span, RefKind.CUSTOM, body, (), percent, raw), None


def _bad_name_message(name: str, raw: str) -> str:
    if any(c in WHITESPACE for c in name):
        return (
            f"Variable name '{name}' in {raw} contains a space: names are letters, digits, "
            "'-' and '_'."
        )
    return f"Variable name '{name}' in {raw} may only contain letters, digits, '-' and '_'."


def _request_reference_problem(name: str, parts: list[str], raw: str) -> str | None:
    if (
        len(parts) == 4
        and parts[1] in _REQUEST_PARTS
        and parts[2] in _MESSAGE_PARTS
        and parts[3].strip(WHITESPACE)
        and VARIABLE_NAME.fullmatch(name) is not None
    ):
        return None
    example = f"{{{{{name or 'login'}.response.body.$.id}}}}"
    if VARIABLE_NAME.fullmatch(name) is None:
        return (
            f"{raw} looks like a request variable, but '{name}' is not a request name "
            f"(letters, digits, '-' and '_'); write it like {example}."
        )
    if parts[1] not in _REQUEST_PARTS:
        return (
            f"In {raw}, '{parts[1]}' must be 'response' or 'request' "
            f"(a name with a dot is a request variable, like {example})."
        )
    if len(parts) < 3 or parts[2] not in _MESSAGE_PARTS:
        got = f"'{parts[2]}'" if len(parts) >= 3 else "nothing"
        return f"In {raw}, 'body' or 'headers' must follow '{parts[1]}', not {got}: e.g. {example}."
    if len(parts) < 4 or not parts[3].strip(WHITESPACE):
        if parts[2] == "headers":
            return f"{raw} needs a header name, e.g. {{{{{name}.{parts[1]}.headers.Location}}}}."
        return (
            f"{raw} needs a path: '.*' for the whole body, a JSONPath like '.$.id' "
            "or an XPath like './/id'."
        )
    return None
