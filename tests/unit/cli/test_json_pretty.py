"""The CLI's streaming JSON indenter and chaining's recursion-free JSON values: the same output
as the standard library wherever it has one, however the text is split, and no recursion, no
quadratic output and no crash where it has none (100,000 levels, invalid or cut text)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oauth_http.cli.json_pretty import MAX_DEPTH, PrettyJson, PrettyOutcome
from oauth_http.sending import json_path
from oauth_http.sending.json_values import dumps_compact, loads

DEEP = 100_000
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


def pretty(text: str, cuts: list[int] | None = None) -> tuple[str, PrettyOutcome]:
    out: list[str] = []
    printer = PrettyJson(out.append)
    position = 0
    for cut in sorted(cuts or []):
        printer.feed(text[position:cut])
        position = cut
    printer.feed(text[position:])
    outcome = printer.close()
    return "".join(out), outcome


@settings(max_examples=300, deadline=None)
@given(value=values, data=st.data())
def test_indents_as_json_dumps_does_however_the_text_is_split(
    value: object, data: st.DataObject
) -> None:
    text = json.dumps(value, ensure_ascii=False)
    cuts = data.draw(st.lists(st.integers(0, len(text)), max_size=8))
    shown, outcome = pretty(text, cuts)
    assert outcome.valid and not outcome.cut and outcome.error_offset is None
    assert shown == json.dumps(value, indent=2, ensure_ascii=False)


@settings(max_examples=200, deadline=None)
@given(value=values, indent=st.sampled_from([None, 1, "\t"]))
def test_any_valid_layout_gives_the_same_values(value: object, indent: int | str | None) -> None:
    shown, outcome = pretty(json.dumps(value, indent=indent))
    assert outcome.valid and json.loads(shown) == value


def test_beyond_the_depth_limit_values_are_written_as_they_came() -> None:
    text = '{"top": 1, "deep": ' + "[" * DEEP + "]" * DEEP + "}"
    shown, outcome = pretty(text)
    assert outcome.valid and outcome.deep
    assert shown.startswith('{\n  "top": 1,\n  "deep": [\n    [')
    assert len(shown) < 2 * len(text) + MAX_DEPTH**2 * 4, "not quadratic in the depth"


def test_text_after_the_first_error_is_written_as_it_came() -> None:
    shown, outcome = pretty('{"a": [1, 2}, <b>tail</b>')
    assert outcome.error_offset == 11 and not outcome.valid
    assert shown.endswith("}, <b>tail</b>")
    html, outcome = pretty("<!doctype html><p>hi</p>")
    assert html == "<!doctype html><p>hi</p>" and outcome.error_offset == 0


@pytest.mark.parametrize("text", ['{"a": [1, 2', '["abc', "[1.", '{"a"'])
def test_text_that_ends_inside_the_value_is_cut(text: str) -> None:
    _, outcome = pretty(text, [len(text) // 2])
    assert outcome.cut and not outcome.valid and outcome.error_offset is None


@pytest.mark.parametrize("text", ["[1,]", '{"a":1,}', "[01]", '"\x01"', '"\\q"', "[1 2]", "{} {}"])
def test_invalid_json_is_found(text: str) -> None:
    _, outcome = pretty(text, [1])
    assert outcome.error_offset is not None and not outcome.valid


@settings(max_examples=200, deadline=None)
@given(value=values)
def test_loads_and_dumps_agree_with_the_standard_library(value: object) -> None:
    text = json.dumps(value)
    assert loads(text) == json.loads(text)
    assert dumps_compact(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def test_values_deeper_than_the_recursion_limit_are_read_and_written() -> None:
    text = '{"top": 1, "deep": ' + '[{"a": ' * DEEP + "null" + "}]" * DEEP + "}"
    with pytest.raises(RecursionError):
        json.loads(text)
    document = loads(text)
    assert json_path.first_match("$.top", document) == "1"
    deep = json_path.first_match("$.deep", document)
    assert deep is not None and deep == text[len('{"top": 1, "deep": ') : -1].replace(" ", "")


@pytest.mark.parametrize("text", ["[" * DEEP, "[" * DEEP + "]", "[" * DEEP + "1,]" + "]" * DEEP])
def test_deep_text_that_is_not_json_raises_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        loads(text)
