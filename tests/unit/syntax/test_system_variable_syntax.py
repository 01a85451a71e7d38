"""Syntax checks of system variables: every name, its good forms and its bad forms."""

from __future__ import annotations

import pytest
from oauth_http.syntax.system_variable_syntax import (
    OFFSET_UNITS,
    SYSTEM_VARIABLE_USAGE,
    SYSTEM_VARIABLES,
    check_system_variable,
    split_arguments,
)

EXPECTED_NAMES = [
    "$timestamp",
    "$isoTimestamp",
    "$datetime",
    "$localDatetime",
    "$guid",
    "$uuid",
    "$randomInt",
    "$processEnv",
    "$dotenv",
]


def test_the_known_names_each_with_a_description_and_usage() -> None:
    assert list(SYSTEM_VARIABLES) == EXPECTED_NAMES
    assert set(SYSTEM_VARIABLE_USAGE) == set(EXPECTED_NAMES)
    assert all(SYSTEM_VARIABLES[name] for name in EXPECTED_NAMES)
    assert OFFSET_UNITS == ("y", "M", "w", "d", "h", "m", "s", "ms")


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("$timestamp", ()),
        ("$timestamp", ("-3", "h")),
        ("timestamp", ("+10", "ms")),
        ("$isoTimestamp", ()),
        ("$isoTimestamp", ("1", "y")),
        ("$datetime", ("rfc1123",)),
        ("$datetime", ("iso8601", "2", "M")),
        ("$datetime", ('"DD MMM YYYY"',)),
        ("$datetime", ("'HH:mm'", "-1", "w")),
        ("$localDatetime", ("iso8601",)),
        ("$localDatetime", ('"YYYY"', "5", "m")),
        ("$guid", ()),
        ("$uuid", ()),
        ("$randomInt", ()),
        ("$randomInt", ("1", "100")),
        ("$randomInt", ("-5", "-1")),
        ("$processEnv", ("HOME",)),
        ("$processEnv", ("%envName",)),
        ("$dotenv", ("API_KEY",)),
        ("$dotenv", ("%keyName",)),
    ],
)
def test_good_forms(name: str, args: tuple[str, ...]) -> None:
    assert check_system_variable(name, args) is None


@pytest.mark.parametrize("unit", OFFSET_UNITS)
def test_every_offset_unit(unit: str) -> None:
    assert check_system_variable("$timestamp", ("1", unit)) is None


@pytest.mark.parametrize(
    ("name", "args", "fragment"),
    [
        ("$timestamp", ("1",), "takes an offset and a unit"),
        ("$timestamp", ("1", "h", "x"), "takes an offset and a unit"),
        ("$timestamp", ("one", "h"), "Offset 'one' of '$timestamp' must be a whole number"),
        ("$timestamp", ("1.5", "h"), "must be a whole number"),
        (
            "$timestamp",
            ("1", "hours"),
            "Unit 'hours' of '$timestamp' must be one of y M w d h m s ms",
        ),
        ("$isoTimestamp", ("x",), "takes an offset and a unit"),
        ("$datetime", (), "needs a format"),
        ("$datetime", ("rfc",), "Format 'rfc' of '$datetime' must be rfc1123, iso8601 or quoted"),
        ("$datetime", ('"YYYY',), 'has no closing "'),
        ("$datetime", ("'",), "has no closing '"),
        ("$datetime", ("iso8601", "1"), "takes an offset and a unit"),
        ("$localDatetime", ("iso8601", "1", "D"), "Unit 'D'"),
        ("$guid", ("x",), "'$guid' takes no arguments: remove 'x'"),
        ("$uuid", ("a", "b"), "remove 'a b'"),
        ("$randomInt", ("1",), "takes a minimum and a maximum"),
        ("$randomInt", ("a", "2"), "'a' in '$randomInt' must be a whole number"),
        ("$randomInt", ("5", "5"), "minimum below the maximum"),
        ("$processEnv", (), "takes one variable name"),
        ("$processEnv", ("A", "B"), "takes one variable name"),
        ("$dotenv", ("%",), "takes one variable name"),
        ("$nope", (), "Unknown system variable '$nope'"),
        ("$Timestamp", (), "Did you mean $timestamp?"),
        ("$aadToken", (), "Azure AD tokens are not supported"),
        ("$shared", ("x",), "write {{name}}"),
    ],
)
def test_bad_forms_say_what_is_wrong(name: str, args: tuple[str, ...], fragment: str) -> None:
    message = check_system_variable(name, args)
    assert message is not None
    assert fragment in message


def test_unknown_names_list_the_known_ones() -> None:
    message = check_system_variable("$zzz", ())
    assert message is not None
    assert all(name in message for name in EXPECTED_NAMES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ()),
        ("  -3  h ", ("-3", "h")),
        ('"DD MMM" 1 d', ('"DD MMM"', "1", "d")),
        ("'a b'\t'c'", ("'a b'", "'c'")),
        ('"open format', ('"open format',)),
    ],
)
def test_split_arguments(text: str, expected: tuple[str, ...]) -> None:
    assert split_arguments(text) == expected
