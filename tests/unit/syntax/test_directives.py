"""`# @word argument` directives: every known word, both comment forms, and their problems."""

from __future__ import annotations

import pytest
from oauth_http.syntax import problem_codes as codes
from oauth_http.syntax.directives import DIRECTIVE_USAGE, DIRECTIVES
from oauth_http.syntax.model import Prompt, Request
from oauth_http.syntax.parser import parse_document
from oauth_http.syntax.spans import Severity, Span

KNOWN = ["name", "prompt", "oauth1", "no-redirect", "no-cookie-jar", "timeout", "note"]


def only_request(text: str) -> Request:
    (request,) = parse_document(text).requests()
    return request


def test_known_words_have_a_description_and_usage() -> None:
    assert list(DIRECTIVES) == KNOWN
    assert list(DIRECTIVE_USAGE) == KNOWN
    assert all(isinstance(text, str) and text for text in DIRECTIVES.values())


@pytest.mark.parametrize("marker", ["#", "//", "##", "  #", "\t//"])
def test_every_directive_in_both_comment_forms(marker: str) -> None:
    text = "\n".join(
        [
            f"{marker} @name getUser",
            f"{marker} @prompt otp One-time code",
            f"{marker} @oauth1 sandbox",
            f"{marker} @no-redirect",
            f"{marker} @no-cookie-jar",
            f"{marker} @timeout 2.5",
            f"{marker} @note",
            "GET https://example.com/",
        ]
    )
    request = only_request(text)
    assert parse_document(text).problems() == []
    assert [(d.word, d.argument) for d in request.directives] == [
        ("name", "getUser"),
        ("prompt", "otp One-time code"),
        ("oauth1", "sandbox"),
        ("no-redirect", ""),
        ("no-cookie-jar", ""),
        ("timeout", "2.5"),
        ("note", ""),
    ]
    assert request.name == "getUser"
    assert request.directive("oauth1") is not None
    timeout = request.directive("timeout")
    assert timeout is not None and timeout.argument == "2.5"
    assert request.directive("missing") is None


def test_directive_spans() -> None:
    request = only_request("### t\n  # @oauth1   sandbox  \nGET http://x/")
    (directive,) = request.directives
    assert directive.span == Span(1, 2, 1, 21)
    assert directive.word_span == Span(1, 5, 1, 11)
    assert directive.argument_span == Span(1, 14, 1, 21)


def test_name_with_equals_sign() -> None:
    request = only_request("# @name=login\nPOST http://x/login")
    assert request.name == "login"
    assert request.name_span == Span(0, 8, 0, 13)
    request = only_request("// @name = other\nGET http://x/")
    assert request.name == "other"


def test_the_last_name_wins() -> None:
    assert only_request("# @name a\n# @name b\nGET http://x/").name == "b"


def test_prompts() -> None:
    request = only_request(
        "# @prompt username\n// @prompt password Your password, please\nGET http://x/"
    )
    assert request.prompts == (
        Prompt("username", "", Span(0, 0, 0, 18), Span(0, 10, 0, 18)),
        Prompt("password", "Your password, please", Span(1, 0, 1, 41), Span(1, 11, 1, 19)),
    )


def test_comments_after_the_request_line_are_not_directives() -> None:
    request = only_request("GET http://x/\n# @name late\nAccept: */*")
    assert request.directives == ()
    assert request.name is None


def test_plain_comments_and_blank_lines_between_directives_and_request() -> None:
    request = only_request("# @name a\n# just a comment\n\n# @no-redirect\nGET http://x/")
    assert [d.word for d in request.directives] == ["name", "no-redirect"]


def test_unknown_words_are_kept() -> None:
    text = "# @no-log\n# @author Jane\nGET http://x/"
    request = only_request(text)
    assert [(d.word, d.argument) for d in request.directives] == [
        ("no-log", ""),
        ("author", "Jane"),
    ]
    assert parse_document(text).problems() == []


def test_an_email_like_comment_is_no_directive() -> None:
    request = only_request("# contact: me@example.com\n# @: odd\nGET http://x/")
    assert request.directives == ()


@pytest.mark.parametrize(
    ("line", "fragment", "span", "severity"),
    [
        ("# @oauth1", "'# @oauth1' needs a provider id", Span(0, 0, 0, 9), Severity.ERROR),
        ("# @oauth1   ", "needs a provider id", Span(0, 0, 0, 9), Severity.ERROR),
        ("# @timeout", "needs a positive number of seconds", Span(0, 0, 0, 10), Severity.ERROR),
        ("# @timeout 0", "got '0'", Span(0, 11, 0, 12), Severity.ERROR),
        ("# @timeout -5", "got '-5'", Span(0, 11, 0, 13), Severity.ERROR),
        ("# @timeout soon", "got 'soon'", Span(0, 11, 0, 15), Severity.ERROR),
        ("# @timeout inf", "got 'inf'", Span(0, 11, 0, 14), Severity.ERROR),
        ("# @prompt", "'# @prompt' needs a variable name", Span(0, 0, 0, 9), Severity.ERROR),
        ("# @prompt a.b x", "Prompt name 'a.b'", Span(0, 10, 0, 15), Severity.ERROR),
        ("# @name", "'# @name' needs a name", Span(0, 0, 0, 7), Severity.ERROR),
        ("# @name get user", "Request name 'get user'", Span(0, 8, 0, 16), Severity.ERROR),
        ("# @name a.b", "Request name 'a.b'", Span(0, 8, 0, 11), Severity.ERROR),
        ("# @no-redirect please", "takes no argument", Span(0, 15, 0, 21), Severity.WARNING),
        ("# @no-cookie-jar x", "takes no argument", Span(0, 17, 0, 18), Severity.WARNING),
        ("# @oath1 sandbox", "did you mean '@oauth1'?", Span(0, 9, 0, 16), Severity.WARNING),
        ("// @no-redirct", "did you mean '@no-redirect'?", Span(0, 0, 0, 14), Severity.WARNING),
    ],
)
def test_directive_problems(line: str, fragment: str, span: Span, severity: Severity) -> None:
    (problem,) = parse_document(f"{line}\nGET http://x/").problems()
    assert fragment in problem.message
    assert problem.span == span
    assert problem.severity is severity
    assert problem.code == codes.DIRECTIVE


def test_file_default_oauth1_before_the_first_request() -> None:
    doc = parse_document("@host = x\n# @oauth1 sandbox\n\n###\n# @oauth1 other\nGET http://x/")
    (default,) = doc.file_directives()
    assert (default.word, default.argument, default.span) == (
        "oauth1",
        "sandbox",
        Span(1, 0, 1, 17),
    )
    oauth1 = doc.requests()[0].directive("oauth1")
    assert oauth1 is not None and oauth1.argument == "other"


def test_request_less_blocks_after_the_first_request_are_no_file_defaults() -> None:
    doc = parse_document("GET http://x/\n###\n# @oauth1 sandbox\n")
    assert doc.file_directives() == []
    assert doc.blocks[1].parsed.directives[0].word == "oauth1"
