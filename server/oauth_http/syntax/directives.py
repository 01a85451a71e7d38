"""`# @word argument` directives: the known words, and reading and checking one directive line.

Directives are comment lines (`#` or `//`) directly before a request line; in a block without a
request they are kept on the block, and before the first request they are the file's defaults.
`# @name=NAME` is accepted as well as `# @name NAME`.
"""

from __future__ import annotations

import re
from difflib import get_close_matches

from . import problem_codes as codes
from .lines import WHITESPACE
from .memo import DirectiveResult, ParseMemo
from .model import Directive, Prompt
from .spans import Problem, Severity
from .variable_refs import VARIABLE_NAME

# Word -> one-line description, in the order completion lists them.
DIRECTIVES: dict[str, str] = {
    "name": "Names the request, so others can use {{NAME.response.body.*}}.",
    "prompt": "Asks for a value when the request is sent.",
    "oauth1": "Signs the request with OAuth 1.0a; before the first request, for the whole file.",
    "no-redirect": "Does not follow 3xx redirects.",
    "no-cookie-jar": "Neither stores nor sends saved cookies.",
    "timeout": "Gives up when no response came after SECONDS seconds.",
    "note": "Asks for confirmation before sending.",
}

# Word -> how it is written.
DIRECTIVE_USAGE: dict[str, str] = {
    "name": "# @name NAME",
    "prompt": "# @prompt NAME [description]",
    "oauth1": "# @oauth1 PROVIDER",
    "no-redirect": "# @no-redirect",
    "no-cookie-jar": "# @no-cookie-jar",
    "timeout": "# @timeout SECONDS",
    "note": "# @note",
}

_NO_ARGUMENT = frozenset({"no-redirect", "no-cookie-jar"})

# The argument's trailing whitespace is stripped in code (a lazy group before `\s*$` would take
# quadratic time on long lines).
_DIRECTIVE_LINE = re.compile(
    r"[ \t\f\v]*(?:#+|//+)[ \t\f\v]*@([A-Za-z0-9_-]+)(?:[ \t\f\v]*=[ \t\f\v]*|[ \t\f\v]+|$)(.*)"
)
_SPACES = re.compile(r"[ \t\f\v]+")
_POSITIVE_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+")


def read_directive(line: str, index: int, memo: ParseMemo) -> DirectiveResult:
    """The directive on `line` (line `index`), its prompt if it is `@prompt`, and its problems."""
    key = (line, index)
    if key in memo.directives:
        return memo.directives[key]
    found = memo.directives[key] = _read_directive(line, index, memo)
    return found


def _read_directive(line: str, index: int, memo: ParseMemo) -> DirectiveResult:
    match = _DIRECTIVE_LINE.match(line)
    if match is None:
        return None
    table = memo.spans
    word, argument = match.group(1), match.group(2).rstrip(WHITESPACE)
    start = len(line) - len(line.lstrip(WHITESPACE))
    arg_start = match.start(2)
    arg_end = arg_start + len(argument)
    directive = Directive(
        word,
        argument,
        table[index, start, index, arg_end if argument else match.end(1)],
        table[index, match.start(1), index, match.end(1)],
        table[index, arg_start, index, arg_end],
    )
    problems: list[Problem] = []
    message = _check(word, argument)
    if message is not None:
        known = word in DIRECTIVES and word not in _NO_ARGUMENT
        severity = Severity.ERROR if known else Severity.WARNING
        where = directive.argument_span if argument else directive.span
        problems.append(Problem(where, message, severity, codes.DIRECTIVE))
    prompt = None
    if word == "prompt" and argument:
        name = _SPACES.split(argument, 1)[0]
        description = argument[len(name) :].strip(WHITESPACE)
        name_span = table[index, arg_start, index, arg_start + len(name)]
        prompt = Prompt(name, description, directive.span, name_span)
    return directive, prompt, tuple(problems)


def _check(word: str, argument: str) -> str | None:
    if word not in DIRECTIVES:
        close = get_close_matches(word, DIRECTIVES, n=1, cutoff=0.7)
        if close:
            return f"Unknown directive '@{word}': did you mean '@{close[0]}'?"
        return None
    usage = DIRECTIVE_USAGE[word]
    if word == "name":
        if not argument:
            return "'# @name' needs a name, e.g. '# @name login'."
        if VARIABLE_NAME.fullmatch(argument) is None:
            return (
                f"Request name '{argument}' may only contain letters, digits, '-' and '_' "
                "(other requests use it as {{NAME.response.body.*}})."
            )
    elif word == "prompt":
        if not argument:
            return "'# @prompt' needs a variable name, e.g. '# @prompt code One-time code'."
        name = _SPACES.split(argument, 1)[0]
        if VARIABLE_NAME.fullmatch(name) is None:
            return f"Prompt name '{name}' may only contain letters, digits, '-' and '_'."
    elif word == "oauth1":
        if not argument:
            return "'# @oauth1' needs a provider id, e.g. '# @oauth1 sandbox'."
    elif word == "timeout":
        if _POSITIVE_NUMBER.fullmatch(argument) is None or float(argument) <= 0:
            got = f"'{argument}'" if argument else "nothing"
            return f"'{usage}' needs a positive number of seconds, e.g. '# @timeout 30'; got {got}."
    elif word in _NO_ARGUMENT and argument:
        return f"'# @{word}' takes no argument: remove '{argument}'."
    return None
