"""File variables `@name = value`: where they may stand, trimming, escapes and references."""

from __future__ import annotations

import pytest
from oauth_http.syntax import problem_codes as codes
from oauth_http.syntax.model import RefKind
from oauth_http.syntax.parser import parse_document
from oauth_http.syntax.spans import Span


def test_a_variable_with_exact_spans() -> None:
    doc = parse_document("@host = example.com  \n")
    (variable,) = doc.file_variables()
    assert (variable.name, variable.value) == ("host", "example.com")
    assert variable.span == Span(0, 0, 0, 19)
    assert variable.name_span == Span(0, 1, 0, 5)
    assert variable.value_span == Span(0, 8, 0, 19)
    assert variable.refs == ()
    assert doc.problems() == []


@pytest.mark.parametrize(
    ("line", "name", "value"),
    [
        ("@a=1", "a", "1"),
        ("  @a   =   spaced value  ", "a", "spaced value"),
        ("@empty =", "empty", ""),
        ("@url = http://x/?a=b=c", "url", "http://x/?a=b=c"),
        ("@my-var_2 = ü", "my-var_2", "ü"),
    ],
)
def test_forms(line: str, name: str, value: str) -> None:
    (variable,) = parse_document(line).file_variables()
    assert (variable.name, variable.value) == (name, value)


def test_backslash_escapes() -> None:
    (variable,) = parse_document(r"@text = a\nb\tc\\d\re\q\{{x}}").file_variables()
    assert variable.value == "a\nb\tc\\d\re\\q\\{{x}}"
    assert variable.refs == ()  # `\{{` is a literal brace


def test_references_in_a_value() -> None:
    (variable,) = parse_document(
        "@auth = Bearer {{login.response.body.$.token}} {{$guid}}"
    ).file_variables()
    assert variable.value == "Bearer {{login.response.body.$.token}} {{$guid}}"
    assert [(r.kind, r.name, r.span) for r in variable.refs] == [
        (RefKind.REQUEST, "login", Span(0, 15, 0, 46)),
        (RefKind.SYSTEM, "$guid", Span(0, 47, 0, 56)),
    ]


def test_variables_anywhere_before_the_request_line_are_document_level() -> None:
    text = (
        "@a = 1\n"
        "###\n"
        "# @name x\n"
        "@b = 2\n"
        "\n"
        "POST http://x/{{a}}/{{b}}\n"
        "@not = a header\n"
        "\n"
        "@nor = body\n"
        "###\n"
        "@c = 3\n"
    )
    doc = parse_document(text)
    assert [(v.name, v.value, v.span.start_line) for v in doc.file_variables()] == [
        ("a", "1", 0),
        ("b", "2", 3),
        ("c", "3", 10),
    ]
    request = doc.requests()[0]
    assert request.name == "x"
    assert request.body is not None and request.body.parts == ("@nor = body",)
    assert [p.code for p in doc.problems()] == [codes.HEADER]  # '@not = a header'


@pytest.mark.parametrize(
    ("line", "fragment", "span"),
    [
        ("@host", "'@host' is not a file variable: write '@host = value'.", Span(0, 0, 0, 5)),
        ("  @host value", "is not a file variable", Span(0, 2, 0, 13)),
        ("@a.b = 1", "File variable name 'a.b' may only contain", Span(0, 0, 0, 8)),
        ("@ = 1", "File variable name ''", Span(0, 0, 0, 5)),
    ],
)
def test_bad_variables(line: str, fragment: str, span: Span) -> None:
    doc = parse_document(line)
    assert doc.file_variables() == []
    (problem,) = doc.problems()
    assert fragment in problem.message
    assert problem.span == span
    assert problem.code == codes.FILE_VARIABLE


def test_a_bad_reference_in_a_value() -> None:
    doc = parse_document("@a = {{$nope}} {{b")
    assert [p.code for p in doc.problems()] == [codes.SYSTEM_VARIABLE, codes.UNTERMINATED_VARIABLE]
    assert doc.problems()[1].span == Span(0, 15, 0, 18)
