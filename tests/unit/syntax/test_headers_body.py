"""Headers, bodies, body includes, multipart bodies and response handlers."""

from __future__ import annotations

from oauth_http.syntax import problem_codes as codes
from oauth_http.syntax.model import BodyInclude, Request
from oauth_http.syntax.parser import parse_document
from oauth_http.syntax.spans import Problem, Severity, Span


def parse(text: str) -> tuple[Request, list[Problem]]:
    doc = parse_document(text)
    (request,) = doc.requests()
    return request, doc.problems()


def test_headers_with_exact_spans() -> None:
    request, problems = parse(
        "GET http://x/\nAccept:  application/json  \nX-Url: http://a:1/b\nX-Empty:\n"
    )
    assert problems == []
    accept, url, empty = request.headers
    assert (accept.name, accept.value) == ("Accept", "application/json")
    assert accept.span == Span(1, 0, 1, 25)
    assert accept.name_span == Span(1, 0, 1, 6)
    assert accept.value_span == Span(1, 9, 1, 25)
    assert url.value == "http://a:1/b"
    assert (empty.name, empty.value) == ("X-Empty", "")
    assert empty.span == Span(3, 0, 3, 8)
    assert empty.value_span == Span(3, 8, 3, 8)


def test_header_continuation_lines() -> None:
    request, problems = parse(
        "GET http://x/\nX-Long: one\n  two\n\tthree\nX-Next: n\nX-Blank:\n  later"
    )
    assert problems == []
    long, following, blank = request.headers
    assert long.value == "one two three"
    assert long.span == Span(1, 0, 3, 6)
    assert long.value_span == Span(1, 8, 3, 6)
    assert following.value == "n"
    assert blank.value == "later"
    assert blank.value_span == Span(6, 2, 6, 7)


def test_comments_inside_the_headers() -> None:
    request, problems = parse("GET http://x/\nA: 1\n# B: 2\n// C: 3\nD: 4")
    assert [h.name for h in request.headers] == ["A", "D"]
    assert problems == []


def test_header_problems() -> None:
    request, problems = parse('GET http://x/\nno colon here\n: no name\nBad Name: v\n{"json": 1}')
    assert [h.name for h in request.headers] == ["Bad Name", '{"json"']
    assert [(p.span, p.code) for p in problems] == [
        (Span(1, 0, 1, 13), codes.HEADER),
        (Span(2, 0, 2, 1), codes.HEADER),
        (Span(3, 0, 3, 8), codes.HEADER),
        (Span(4, 0, 4, 7), codes.HEADER),
    ]
    assert problems[0].message == (
        "Header line 'no colon here' has no ':'. Headers are 'Name: value'; "
        "leave a blank line before the body."
    )
    assert problems[1].message == "Header line ': no name' has no name before ':'."
    assert "Header name 'Bad Name' contains a space" in problems[2].message
    assert problems[3].message == (
        "'{\"json\"' is not a header name (letters, digits and !#$%&'*+-.^_`|~); "
        "if it is the body, leave a blank line before it."
    )


def test_references_in_headers_and_a_colon_inside_one() -> None:
    request, problems = parse(
        'GET http://x/\n{{name}}: {{$datetime "HH:mm"}}\nAuthorization: Bearer {{token}}'
    )
    assert problems == []
    assert [(h.name, h.value) for h in request.headers] == [
        ("{{name}}", '{{$datetime "HH:mm"}}'),
        ("Authorization", "Bearer {{token}}"),
    ]
    assert [(r.name, r.span) for r in request.refs] == [
        ("name", Span(1, 0, 1, 8)),
        ("$datetime", Span(1, 10, 1, 31)),
        ("token", Span(2, 22, 2, 31)),
    ]


def test_body_is_trimmed_and_comments_are_left_out() -> None:
    text = (
        "POST http://x/\nContent-Type: application/json\n\n\n"
        '  {\n  # not sent\n    "a": 1,\n// nor this\n\n    "b": "{{v}}"\n  }  \n\n\n'
    )
    request, problems = parse(text)
    assert problems == []
    assert request.body is not None
    assert request.body.parts == ('{\n    "a": 1,\n\n    "b": "{{v}}"\n  }',)
    assert request.body.span == Span(4, 2, 10, 3)
    assert [(r.name, r.span) for r in request.refs] == [("v", Span(9, 10, 9, 15))]


def test_a_body_of_only_blank_lines_and_comments_is_no_body() -> None:
    request, _ = parse("POST http://x/\n\n\n# c\n  \n")
    assert request.body is None


def test_form_body_lines_are_kept() -> None:
    request, _ = parse(
        "POST http://x/\nContent-Type: application/x-www-form-urlencoded\n\nname=foo\n&password=bar"
    )
    assert request.body is not None and request.body.parts == ("name=foo\n&password=bar",)


def test_a_single_include_is_the_whole_body() -> None:
    request, problems = parse("POST http://x/\n\n< ./data/in put.json  \n")
    assert problems == []
    assert request.body is not None
    (include,) = request.body.parts
    assert include == BodyInclude(
        "./data/in put.json", False, None, Span(2, 0, 2, 20), Span(2, 2, 2, 20)
    )
    assert request.body.includes == (include,)
    assert request.body.span == Span(2, 0, 2, 20)


def test_includes_with_variable_substitution_and_encoding() -> None:
    request, _ = parse(
        "POST http://x/\n\n<@ ./a.xml\n<@latin1   ./b.xml\n<@utf-16le ./{{dir}}/c.txt"
    )
    assert request.body is not None
    first, _, second, _, third = request.body.parts
    assert isinstance(first, BodyInclude) and isinstance(second, BodyInclude)
    assert isinstance(third, BodyInclude)
    assert (first.path, first.substitute_variables, first.encoding) == ("./a.xml", True, None)
    assert (second.path, second.encoding, second.path_span) == (
        "./b.xml",
        "latin1",
        Span(3, 11, 3, 18),
    )
    assert (third.path, third.encoding) == ("./{{dir}}/c.txt", "utf-16le")
    assert request.body.parts[1] == request.body.parts[3] == "\n"
    assert [(r.name, r.span) for r in request.refs] == [("dir", Span(4, 13, 4, 20))]


def test_lines_that_only_look_like_includes_are_text() -> None:
    request, _ = parse("POST http://x/\n\n<div>\n<\n <  indented\n</div>")
    assert request.body is not None
    assert request.body.parts == ("<div>\n<\n <  indented\n</div>",)


def test_multipart_body_with_several_includes() -> None:
    text = (
        "POST http://x/upload\n"
        "Content-Type: multipart/form-data; boundary=WebKit\n"
        "\n"
        "--WebKit\n"
        'Content-Disposition: form-data; name="text"\n'
        "\n"
        "title\n"
        "--WebKit\n"
        'Content-Disposition: form-data; name="file"; filename="a.png"\n'
        "Content-Type: image/png\n"
        "\n"
        "< ./a.png\n"
        "--WebKit\n"
        'Content-Disposition: form-data; name="doc"; filename="b.txt"\n'
        "\n"
        "<@ ./b.txt\n"
        "--WebKit--\n"
    )
    request, problems = parse(text)
    assert problems == []
    assert request.body is not None
    parts = request.body.parts
    assert [type(p).__name__ for p in parts] == ["str", "BodyInclude", "str", "BodyInclude", "str"]
    assert parts[0] == (
        '--WebKit\nContent-Disposition: form-data; name="text"\n\ntitle\n--WebKit\n'
        'Content-Disposition: form-data; name="file"; filename="a.png"\nContent-Type: image/png\n\n'
    )
    assert (
        parts[2] == '\n--WebKit\nContent-Disposition: form-data; name="doc"; filename="b.txt"\n\n'
    )
    assert parts[4] == "\n--WebKit--"
    assert [i.path for i in request.body.includes] == ["./a.png", "./b.txt"]
    assert [i.span.start_line for i in request.body.includes] == [11, 15]


def test_a_body_on_get_or_head_is_information() -> None:
    for method in ("GET", "HEAD"):
        _, problems = parse(f"{method} http://x/\n\nsome body\n")
        (problem,) = problems
        assert problem.severity is Severity.INFORMATION
        assert problem.code == codes.BODY_ON_GET
        assert problem.span == Span(2, 0, 2, 9)
        assert f"A {method} request usually has no body" in problem.message
    _, problems = parse("POST http://x/\n\nsome body\n")
    assert problems == []


def test_response_handlers_and_references_are_recognised_and_ignored() -> None:
    text = (
        'POST http://x/\n\n{"a": 1}\n\n'
        '> {%\n  client.global.set("t", response.body.token);\n%}\n'
        "> ./handler.js\n"
        "<> previous-response.200.json\n"
    )
    request, problems = parse(text)
    assert request.body is not None and request.body.parts == ('{"a": 1}',)
    assert [(p.severity, p.code, p.span) for p in problems] == [
        (Severity.INFORMATION, codes.RESPONSE_HANDLER, Span(4, 0, 6, 2)),
        (Severity.INFORMATION, codes.RESPONSE_HANDLER, Span(7, 0, 7, 14)),
        (Severity.INFORMATION, codes.RESPONSE_HANDLER, Span(8, 0, 8, 29)),
    ]
    assert "Response handlers are not run by OAuth HTTP" in problems[0].message
    assert "'<> path'" in problems[2].message


def test_a_handler_right_after_the_headers() -> None:
    request, problems = parse("GET http://x/\nAccept: a\n> {% client.log(1) %}")
    assert [h.name for h in request.headers] == ["Accept"]
    assert request.body is None
    assert problems[0].span == Span(2, 0, 2, 21)


def test_an_unclosed_handler_script() -> None:
    _, problems = parse("POST http://x/\n\nbody\n> {% never closed\nstill script")
    (problem,) = problems
    assert problem.severity is Severity.ERROR
    assert problem.span == Span(3, 0, 4, 12)
    assert "no closing '%}'" in problem.message


def test_text_after_a_handler_is_reported() -> None:
    _, problems = parse("POST http://x/\n\nbody\n> ./h.js\nstray\n  more\n\n# fine\n")
    assert problems[1].code == codes.IGNORED_TEXT
    assert problems[1].severity is Severity.WARNING
    assert problems[1].span == Span(4, 0, 5, 6)


def test_a_quote_like_body_line_stays_in_the_body() -> None:
    request, problems = parse("POST http://x/\n\n> quoted text here\n>no-space")
    assert request.body is not None and request.body.parts == ("> quoted text here\n>no-space",)
    assert problems == []
