"""System variables (`{{$name args}}`): their names, usage and a syntax check of their arguments.

Only the syntax is judged here; `variables/system_values.py` evaluates them. Arguments are split
on whitespace, a quoted format (`"DD MMM YYYY"` or `'HH:mm'`) stays one argument with its quotes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from difflib import get_close_matches

OFFSET_UNITS = ("y", "M", "w", "d", "h", "m", "s", "ms")
DATETIME_FORMATS = ("rfc1123", "iso8601")

# Name (with its `$`) -> one-line description, in the order completion lists them.
SYSTEM_VARIABLES: dict[str, str] = {
    "$timestamp": "Seconds since 1970 (UTC), optionally offset, e.g. {{$timestamp -3 h}}.",
    "$isoTimestamp": "The current UTC time in ISO 8601, optionally offset.",
    "$datetime": 'The current UTC time in a format, e.g. {{$datetime "YYYY-MM-DD" 1 d}}.',
    "$localDatetime": "The current local time in a format, optionally offset.",
    "$guid": "A random version 4 UUID.",
    "$uuid": "A random version 4 UUID.",
    "$randomInt": "A random whole number from min (included) to max (excluded).",
    "$processEnv": "An environment variable of the machine (%NAME: NAME is resolved first).",
    "$dotenv": "A value of the .env file next to the .http file (%NAME: NAME is resolved first).",
}

# Name -> how it is written.
SYSTEM_VARIABLE_USAGE: dict[str, str] = {
    "$timestamp": "{{$timestamp [offset unit]}}",
    "$isoTimestamp": "{{$isoTimestamp [offset unit]}}",
    "$datetime": '{{$datetime rfc1123|iso8601|"format" [offset unit]}}',
    "$localDatetime": '{{$localDatetime rfc1123|iso8601|"format" [offset unit]}}',
    "$guid": "{{$guid}}",
    "$uuid": "{{$uuid}}",
    "$randomInt": "{{$randomInt [min max]}}",
    "$processEnv": "{{$processEnv [%]NAME}}",
    "$dotenv": "{{$dotenv [%]NAME}}",
}

SYSTEM_VARIABLE_NAMES = frozenset(SYSTEM_VARIABLES)

# Known from REST Client but not offered here, with what to do instead.
_UNSUPPORTED = {
    "$aadToken": "Azure AD tokens are not supported by OAuth HTTP",
    "$aadV2Token": "Azure AD tokens are not supported by OAuth HTTP",
    "$oidcAccessToken": "OpenID Connect tokens are not supported by OAuth HTTP",
    "$shared": "'$shared' is not supported by OAuth HTTP; write {{name}} for an environment value",
}

_ARGUMENT = re.compile(r"\"[^\"]*\"?|'[^']*'?|[^ \t\f\v]+")
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")


def split_arguments(text: str) -> tuple[str, ...]:
    """Split a system variable's argument text on whitespace, keeping quoted formats whole."""
    return tuple(_ARGUMENT.findall(text))


def check_system_variable(name: str, args: Sequence[str]) -> str | None:
    """An error message when `name` is no known system variable or `args` do not fit it.

    `name` is written with or without its `$`. None means the reference is well formed.
    """
    key = name if name.startswith("$") else f"${name}"
    if key in _UNSUPPORTED:
        return f"{{{{{key}}}}}: {_UNSUPPORTED[key]}."
    check = _CHECKS.get(key)
    if check is None:
        close = get_close_matches(key, SYSTEM_VARIABLES, n=1)
        hint = f" Did you mean {close[0]}?" if close else ""
        known = ", ".join(SYSTEM_VARIABLES)
        return f"Unknown system variable '{key}'.{hint} Known: {known}."
    return check(key, args)


def _usage(key: str) -> str:
    return SYSTEM_VARIABLE_USAGE[key]


def _no_arguments(key: str, args: Sequence[str]) -> str | None:
    if args:
        return f"'{key}' takes no arguments: remove '{' '.join(args)}' (write {_usage(key)})."
    return None


def _offset(key: str, args: Sequence[str]) -> str | None:
    """Check an optional `offset unit` pair."""
    if not args:
        return None
    if len(args) != 2:
        return (
            f"'{key}' takes an offset and a unit, e.g. -3 h; got '{' '.join(args)}' "
            f"(write {_usage(key)})."
        )
    offset, unit = args
    if not _WHOLE_NUMBER.fullmatch(offset):
        return f"Offset '{offset}' of '{key}' must be a whole number, e.g. -3 or 10."
    if unit not in OFFSET_UNITS:
        units = " ".join(OFFSET_UNITS)
        return f"Unit '{unit}' of '{key}' must be one of {units} (M is months, m minutes)."
    return None


def _datetime(key: str, args: Sequence[str]) -> str | None:
    if not args:
        return f"'{key}' needs a format: rfc1123, iso8601 or a quoted one (write {_usage(key)})."
    fmt = args[0]
    if fmt[0] in "\"'":
        if len(fmt) < 2 or fmt[-1] != fmt[0]:
            return f"The format {fmt} of '{key}' has no closing {fmt[0]}."
    elif fmt not in DATETIME_FORMATS:
        return (
            f"Format '{fmt}' of '{key}' must be rfc1123, iso8601 or quoted, "
            f'e.g. "YYYY-MM-DD HH:mm".'
        )
    return _offset(key, args[1:])


def _random_int(key: str, args: Sequence[str]) -> str | None:
    if not args:
        return None
    if len(args) != 2:
        return f"'{key}' takes a minimum and a maximum, e.g. {{{{$randomInt 1 100}}}}."
    low, high = args
    for value in args:
        if not _WHOLE_NUMBER.fullmatch(value):
            return f"'{value}' in '{key}' must be a whole number, e.g. {{{{$randomInt 1 100}}}}."
    if int(low) >= int(high):
        return f"'{key}' needs a minimum below the maximum (the maximum is excluded): {low} {high}."
    return None


def _one_name(key: str, args: Sequence[str]) -> str | None:
    if len(args) != 1 or args[0] == "%":
        return f"'{key}' takes one variable name (write {_usage(key)})."
    return None


_CHECKS: dict[str, Callable[[str, Sequence[str]], str | None]] = {
    "$timestamp": _offset,
    "$isoTimestamp": _offset,
    "$datetime": _datetime,
    "$localDatetime": _datetime,
    "$guid": _no_arguments,
    "$uuid": _no_arguments,
    "$randomInt": _random_int,
    "$processEnv": _one_name,
    "$dotenv": _one_name,
}
