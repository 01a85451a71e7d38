"""Cross-block checks: duplicate request names, unknown request variables, stray directives."""

from __future__ import annotations

from oauth_http.syntax import problem_codes as codes
from oauth_http.syntax.checks import document_problems
from oauth_http.syntax.parser import parse_document
from oauth_http.syntax.spans import Severity, Span


def test_a_clean_document_has_none() -> None:
    text = "# @name login\nPOST http://x/login\n\n###\nGET http://x/me?t={{login.response.body.$.token}}"
    assert document_problems(parse_document(text)) == []


def test_duplicate_names_are_marked_after_the_first() -> None:
    text = (
        "# @name a\nGET http://x/1\n###\n# @name b\nGET http://x/2\n###\n// @name=a\nGET http://x/3"
    )
    (problem,) = document_problems(parse_document(text))
    assert problem.code == codes.DUPLICATE_NAME
    assert problem.severity is Severity.ERROR
    assert problem.span == Span(6, 9, 6, 10)
    assert (
        problem.message
        == "Request name 'a' is already used on line 1: names must be unique in a file."
    )


def test_request_variables_must_name_a_request_of_the_document() -> None:
    text = (
        "@token = {{login.response.body.$.token}}\n"
        "###\n"
        "# @name me\n"
        "GET http://x/{{me.response.headers.Location}}\n"
        "Authorization: {{logon.request.headers.Authorization}}\n"
    )
    problems = document_problems(parse_document(text))
    assert [(p.code, p.span, p.severity) for p in problems] == [
        (codes.UNKNOWN_REQUEST, Span(0, 11, 0, 16), Severity.WARNING),
        (codes.UNKNOWN_REQUEST, Span(4, 17, 4, 22), Severity.WARNING),
    ]
    assert problems[0].message == (
        "No request named 'login' in this file: name one with '# @name login' "
        "on a line before its request line."
    )


def test_a_request_variable_may_name_a_later_request() -> None:
    text = "GET http://x/{{later.response.body.*}}\n###\n# @name later\nGET http://x/"
    assert document_problems(parse_document(text)) == []


def test_directives_in_a_request_less_block_after_the_first_request() -> None:
    text = "# @oauth1 sandbox\n###\nGET http://x/\n###\n# @no-redirect\n# @custom thing\n"
    (problem,) = document_problems(parse_document(text))
    assert problem.code == codes.MISPLACED_DIRECTIVE
    assert problem.span == Span(4, 0, 4, 14)
    assert "'@no-redirect' here applies to no request" in problem.message


def test_per_block_problems_are_not_repeated() -> None:
    doc = parse_document("get http://x/\n###\nGET ftp://y/")
    assert len(doc.problems()) == 2
    assert document_problems(doc) == []
