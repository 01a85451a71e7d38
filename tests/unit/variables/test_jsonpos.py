"""The position-keeping JSON parser: values, spans, and syntax problems at the exact place."""

from __future__ import annotations

import inspect
import json
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oauth_http.syntax.spans import Severity, Span
from oauth_http.variables.json_tree import (
    JsonArray,
    JsonBool,
    JsonNull,
    JsonNumber,
    JsonObject,
    JsonString,
    to_python,
)
from oauth_http.variables.jsonpos import MAX_DEPTH, parse_json


def only_error(text: str) -> tuple[Span, str]:
    result = parse_json(text)
    assert result.value is None
    errors = [p for p in result.problems if p.severity == Severity.ERROR]
    assert len(errors) == 1, result.problems
    return errors[0].span, errors[0].message


def test_object_keys_and_values_have_spans() -> None:
    text = '{\n  "host": "localhost",\n  "port": 8080\n}'
    result = parse_json(text)
    assert result.problems == ()
    root = result.value
    assert isinstance(root, JsonObject)
    assert root.span == Span(0, 0, 3, 1)
    host, port = root.members
    assert host.key == "host"
    assert host.key_span == Span(1, 2, 1, 8)
    assert isinstance(host.value, JsonString)
    assert host.value.value == "localhost"
    assert host.value.span == Span(1, 10, 1, 21)
    assert isinstance(port.value, JsonNumber)
    assert port.value.value == 8080
    assert port.value.text == "8080"
    assert port.key_span == Span(2, 2, 2, 8)


def test_all_value_kinds() -> None:
    result = parse_json('[true, false, null, -1.5e3, "x", [], {}]')
    assert isinstance(result.value, JsonArray)
    kinds = [item.kind for item in result.value.items]
    assert kinds == ["boolean", "boolean", "null", "number", "string", "array", "object"]
    assert isinstance(result.value.items[0], JsonBool)
    assert isinstance(result.value.items[2], JsonNull)
    number = result.value.items[3]
    assert isinstance(number, JsonNumber)
    assert number.value == -1500.0
    assert number.text == "-1.5e3"
    assert to_python(result.value) == [True, False, None, -1500.0, "x", [], {}]


def test_crlf_and_cr_line_endings_count_as_one_line_break() -> None:
    for newline in ("\r\n", "\r", "\n"):
        text = "{" + newline + '"a":' + newline + "  1}"
        result = parse_json(text)
        assert isinstance(result.value, JsonObject)
        assert result.value.members[0].key_span == Span(1, 0, 1, 3)
        assert result.value.members[0].value.span == Span(2, 2, 2, 3)


def test_unicode_columns_are_code_points_and_escapes_decode() -> None:
    text = '{"naïve": "😀", "e": "\\u00e9\\ud83d\\ude00\\n"}'
    result = parse_json(text)
    assert isinstance(result.value, JsonObject)
    first, second = result.value.members
    assert first.key_span == Span(0, 1, 0, 8)
    assert first.value.span == Span(0, 10, 0, 13)
    assert isinstance(second.value, JsonString)
    assert second.value.value == "é😀\n"


def test_bom_is_skipped_and_not_counted() -> None:
    result = parse_json('\ufeff{"a": 1}')
    assert isinstance(result.value, JsonObject)
    assert result.value.members[0].key_span == Span(0, 1, 0, 4)


def test_duplicate_key_is_a_warning_and_last_wins() -> None:
    result = parse_json('{"a": 1,\n "a": 2}')
    assert isinstance(result.value, JsonObject)
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.severity == Severity.WARNING
    assert problem.span == Span(1, 1, 1, 4)
    assert "Duplicate key 'a'" in problem.message
    value = result.value.get("a")
    assert isinstance(value, JsonNumber)
    assert value.value == 2
    assert [m.key for m in result.value.unique_members()] == ["a"]


def test_unterminated_string_spans_from_the_quote_to_the_end_of_line() -> None:
    span, message = only_error('{\n  "host": "local\n}')
    assert span == Span(1, 10, 1, 16)
    assert "Unterminated string" in message


def test_unterminated_string_at_end_of_text() -> None:
    span, message = only_error('["abc')
    assert span == Span(0, 1, 0, 5)
    assert "Unterminated" in message


def test_trailing_comma_in_object_and_array() -> None:
    span, message = only_error('{"a": 1,\n}')
    assert span == Span(0, 7, 0, 8)
    assert "Trailing comma" in message
    span, message = only_error("[1, 2, ]")
    assert span == Span(0, 5, 0, 6)
    assert "Trailing comma" in message


@pytest.mark.parametrize(
    ("text", "span", "fragment"),
    [
        ('{"a": tru}', Span(0, 6, 0, 9), "found 'tru'"),
        ('{"a": True}', Span(0, 6, 0, 10), "lower case: true"),
        ('{"a": undefined}', Span(0, 6, 0, 15), "Expected a value"),
        ("{'a': 1}", Span(0, 1, 0, 2), "double quotes"),
        ('{"a": 01}', Span(0, 6, 0, 8), "Invalid number '01'"),
        ('{"a" 1}', Span(0, 5, 0, 6), "Expected ':' after the key 'a'"),
        ('{"a": 1 "b": 2}', Span(0, 8, 0, 9), "Expected ',' or '}' after the value of 'a'"),
        ("[1 2]", Span(0, 3, 0, 4), "Expected ',' or ']'"),
        ('{"a": 1} x', Span(0, 9, 0, 10), "after the end of the JSON value"),
        ('{"a": "x\\q"}', Span(0, 8, 0, 10), "Invalid escape '\\q'"),
        ('{"a": "\\u12"}', Span(0, 7, 0, 11), "four hexadecimal digits"),
        ('{"a": "\t"}', Span(0, 7, 0, 8), "Control character U+0009"),
        ('{// note\n"a": 1}', Span(0, 1, 0, 2), "Comments are not allowed"),
        ("", Span(0, 0, 0, 0), "empty"),
        ("  \n ", Span(0, 0, 0, 0), "empty"),
    ],
)
def test_syntax_errors_point_at_the_cause(text: str, span: Span, fragment: str) -> None:
    found_span, message = only_error(text)
    assert found_span == span
    assert fragment in message


def test_unclosed_object_points_at_the_end() -> None:
    span, message = only_error('{\n  "a": 1\n')
    assert span == Span(2, 0, 2, 0)
    assert "found the end of the text" in message
    span, message = only_error("{")
    assert span == Span(0, 1, 0, 1)
    assert "not closed" in message


def test_nesting_is_parsed_and_too_deep_nesting_is_a_problem_not_a_crash() -> None:
    nested = parse_json('{"a": {"b": [[{"c": null}]]}}')
    assert nested.value is not None
    assert to_python(nested.value) == {"a": {"b": [[{"c": None}]]}}
    deep = "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)
    span, message = only_error(deep)
    assert "nested deeper" in message
    assert span.start_col == MAX_DEPTH + 1


def test_problems_before_a_syntax_error_are_kept() -> None:
    result = parse_json('{"a": 1, "a": 2, "b": }')
    assert result.value is None
    assert [p.severity for p in result.problems] == [Severity.WARNING, Severity.ERROR]


def test_large_input_parses() -> None:
    text = json.dumps({f"key{i}": {"v": i, "s": "x" * 20} for i in range(20000)}, indent=2)
    result = parse_json(text)
    assert result.problems == ()
    assert isinstance(result.value, JsonObject)
    assert len(result.value.members) == 20000
    last = result.value.members[-1]
    assert last.key_span.start_line == text[: text.rindex('"key19999"')].count("\n")


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


@given(json_values, st.sampled_from([None, 2]))
def test_agrees_with_the_standard_library(value: object, indent: int | None) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    result = parse_json(text)
    assert result.value is not None
    assert to_python(result.value) == json.loads(text)


json_like_text = st.text(alphabet='{}[]":,0123456789-.eE+ tfrulnasb\\/\n\r\t', max_size=30)


@given(st.text(max_size=40) | json_like_text)
def test_never_raises_and_agrees_on_validity(text: str) -> None:
    result = parse_json(text)
    try:
        expected = json.loads(text)
    except ValueError:
        assert result.value is None
        assert any(p.severity == Severity.ERROR for p in result.problems)
        return
    if "NaN" in text or "Infinity" in text:
        return  # Python's json accepts these; JSON does not
    assert result.value is not None, result.problems
    assert to_python(result.value) == expected


def test_a_deep_caller_stack_gives_a_problem_not_a_crash() -> None:
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + 60)
    try:
        result = parse_json("[" * 100 + "]" * 100)
    finally:
        sys.setrecursionlimit(old_limit)
    assert result.value is None
    assert "too deeply" in result.problems[0].message
