"""`{{...}}` references in one line: kinds, names, arguments, exact spans and problems."""

from __future__ import annotations

import pytest
from oauth_http.syntax import problem_codes as codes
from oauth_http.syntax.model import RefKind
from oauth_http.syntax.spans import Span
from oauth_http.syntax.variable_refs import scan_refs


def test_a_custom_reference_with_exact_spans() -> None:
    refs, problems = scan_refs("GET {{host}}/a", 3, 0)
    assert problems == []
    (ref,) = refs
    assert ref.kind is RefKind.CUSTOM
    assert ref.name == "host"
    assert ref.raw == "{{host}}"
    assert ref.span == Span(3, 4, 3, 12)
    assert ref.name_span == Span(3, 6, 3, 10)
    assert not ref.percent_encode


def test_start_col_offsets_every_span() -> None:
    refs, _ = scan_refs("x{{a}}", 7, 10)
    assert refs[0].span == Span(7, 11, 7, 16)
    assert refs[0].name_span == Span(7, 13, 7, 14)


def test_whitespace_inside_the_braces() -> None:
    refs, problems = scan_refs("{{  token\t}}", 0, 0)
    assert problems == []
    assert refs[0].name == "token"
    assert refs[0].name_span == Span(0, 4, 0, 9)


def test_percent_encoded_reference() -> None:
    (ref,), _ = scan_refs("q={{%query}}", 0, 0)
    assert ref.percent_encode
    assert ref.name == "query"
    assert ref.name_span == Span(0, 5, 0, 10)


def test_several_references_and_unicode_around_them() -> None:
    refs, problems = scan_refs("ünï {{a}}→{{b-c_1}} {{ Ünï }}", 0, 0)
    assert problems == []
    assert [r.name for r in refs] == ["a", "b-c_1", "Ünï"]
    assert refs[1].span == Span(0, 10, 0, 19)


def test_escaped_braces_are_literal() -> None:
    refs, problems = scan_refs(r"\{{not}} and {{yes}}", 0, 0)
    assert problems == []
    assert [r.name for r in refs] == ["yes"]


def test_an_escaped_unclosed_brace_is_no_problem() -> None:
    assert scan_refs(r"literal \{{ here", 0, 0) == ([], [])


def test_extra_braces_around_a_reference() -> None:
    (ref,), problems = scan_refs("{{{x}}}", 0, 0)
    assert problems == []
    assert ref.name == "x"
    assert ref.span == Span(0, 1, 0, 6)


def test_text_without_references_is_cheap_and_empty() -> None:
    assert scan_refs("no braces { } here }}", 0, 0) == ([], [])


def test_unterminated_reference() -> None:
    refs, problems = scan_refs("a {{host/path", 2, 0)
    assert refs == []
    (problem,) = problems
    assert problem.code == codes.UNTERMINATED_VARIABLE
    assert problem.span == Span(2, 2, 2, 13)
    assert "'{{' is not closed" in problem.message
    assert "\\{{" in problem.message


def test_unterminated_reference_before_a_good_one() -> None:
    refs, problems = scan_refs("{{a {{b}}", 0, 0)
    assert [r.name for r in refs] == ["b"]
    assert problems[0].span == Span(0, 0, 0, 4)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{{}}", "Empty variable reference"),
        ("{{  }}", "Empty variable reference"),
        ("{{%}}", "Empty variable reference"),
        ("{{a b}}", "contains a space"),
        ("{{a!}}", "may only contain letters, digits"),
    ],
)
def test_bad_custom_names(text: str, fragment: str) -> None:
    refs, problems = scan_refs(text, 0, 0)
    assert refs == []
    assert fragment in problems[0].message
    assert problems[0].code == codes.VARIABLE_NAME
    assert problems[0].span == Span(0, 0, 0, len(text))


def test_system_reference_with_arguments() -> None:
    (ref,), problems = scan_refs("{{$timestamp -3 h}}", 0, 0)
    assert problems == []
    assert ref.kind is RefKind.SYSTEM
    assert ref.name == "$timestamp"
    assert ref.args == ("-3", "h")
    assert ref.name_span == Span(0, 2, 0, 12)


def test_quoted_format_stays_one_argument_with_its_quotes() -> None:
    (ref,), problems = scan_refs('{{$datetime "DD MMM YYYY" 1 d}}', 0, 0)
    assert problems == []
    assert ref.args == ('"DD MMM YYYY"', "1", "d")
    (ref,), _ = scan_refs("{{$localDatetime 'HH:mm'}}", 0, 0)
    assert ref.args == ("'HH:mm'",)


def test_unknown_system_variable_is_marked_on_its_name() -> None:
    refs, problems = scan_refs("x {{$timestam}}", 0, 0)
    assert refs[0].name == "$timestam"
    (problem,) = problems
    assert problem.code == codes.SYSTEM_VARIABLE
    assert problem.span == Span(0, 4, 0, 13)
    assert "Unknown system variable '$timestam'" in problem.message
    assert "Did you mean $timestamp?" in problem.message


def test_bad_system_arguments_are_marked_on_the_whole_reference() -> None:
    _, problems = scan_refs("{{$randomInt 5 1}}", 1, 0)
    assert problems[0].span == Span(1, 0, 1, 18)
    assert "minimum below the maximum" in problems[0].message


@pytest.mark.parametrize(
    ("text", "name", "args"),
    [
        ("{{login.response.body.$.json.path}}", "login", ("response", "body", "$.json.path")),
        ("{{login.response.body.*}}", "login", ("response", "body", "*")),
        ("{{login.response.body.//reply[1]/@id}}", "login", ("response", "body", "//reply[1]/@id")),
        ("{{a-b.response.headers.Content-Type}}", "a-b", ("response", "headers", "Content-Type")),
        ("{{login.request.body.$.name}}", "login", ("request", "body", "$.name")),
        ("{{login.request.headers.X-Id}}", "login", ("request", "headers", "X-Id")),
        (
            "{{ %login.response.body.$..a[?(@.b < 2)] }}",
            "login",
            ("response", "body", "$..a[?(@.b < 2)]"),
        ),
    ],
)
def test_request_variables(text: str, name: str, args: tuple[str, ...]) -> None:
    (ref,), problems = scan_refs(text, 0, 0)
    assert problems == []
    assert ref.kind is RefKind.REQUEST
    assert ref.name == name
    assert ref.args == args
    start = text.index(name)
    assert ref.name_span == Span(0, start, 0, start + len(name))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{{login.reply.body.$.a}}", "'reply' must be 'response' or 'request'"),
        ("{{api.key}}", "'key' must be 'response' or 'request'"),
        ("{{login.response}}", "'body' or 'headers' must follow 'response', not nothing"),
        ("{{login.response.json.$.a}}", "'body' or 'headers' must follow 'response', not 'json'"),
        ("{{login.response.body}}", "needs a path"),
        ("{{login.response.body. }}", "needs a path"),
        ("{{login.response.headers}}", "needs a header name"),
        ("{{lo gin.response.body.*}}", "'lo gin' is not a request name"),
        ("{{.response.body.*}}", "'' is not a request name"),
    ],
)
def test_bad_request_variables(text: str, fragment: str) -> None:
    refs, problems = scan_refs(text, 0, 0)
    assert refs == []
    assert problems[0].code == codes.REQUEST_VARIABLE
    assert fragment in problems[0].message
