"""The request line, multi-line URLs and the URL checks, with exact spans and messages."""

from __future__ import annotations

import pytest
from oauth_http.syntax import problem_codes as codes
from oauth_http.syntax.model import Request
from oauth_http.syntax.parser import parse_document
from oauth_http.syntax.spans import Problem, Severity, Span


def parse(text: str) -> tuple[Request, list[Problem]]:
    doc = parse_document(text)
    (request,) = doc.requests()
    return request, doc.problems()


def test_a_bare_url_is_a_get_request() -> None:
    request, problems = parse("https://example.com/a")
    assert (request.method, request.url, request.http_version) == (
        "GET",
        "https://example.com/a",
        None,
    )
    assert request.method_span is None
    assert request.url_span == Span(0, 0, 0, 21)
    assert problems == []


def test_method_url_and_version_with_spans() -> None:
    request, problems = parse("  DELETE   http://x/items/1   HTTP/1.1  ")
    assert (request.method, request.url, request.http_version) == (
        "DELETE",
        "http://x/items/1",
        "HTTP/1.1",
    )
    assert request.method_span == Span(0, 2, 0, 8)
    assert request.url_span == Span(0, 11, 0, 27)
    assert problems == []


@pytest.mark.parametrize(
    "method",
    [
        "GET",
        "HEAD",
        "POST",
        "PUT",
        "DELETE",
        "CONNECT",
        "PATCH",
        "OPTIONS",
        "TRACE",
        "QUERY",
        "GRAPHQL",
        "M-SEARCH",
    ],
)
def test_any_token_method(method: str) -> None:
    request, _ = parse(f"{method} http://x/")
    assert request.method == method


def test_a_method_in_the_wrong_case_is_a_warning_and_sent_upper_case() -> None:
    request, problems = parse("get http://x/")
    assert request.method == "GET"
    (problem,) = problems
    assert problem.message == "Method 'get' should be upper case: GET"
    assert problem.severity is Severity.WARNING
    assert problem.code == codes.METHOD_CASE
    assert problem.span == Span(0, 0, 0, 3)
    _, problems = parse("Post http://x/")
    assert problems[0].message == "Method 'Post' should be upper case: POST"


@pytest.mark.parametrize(
    ("text", "span", "written"),
    [
        ("GET http://x/ HTTP/2", Span(0, 14, 0, 20), "HTTP/2"),
        ("GET http://x/ HTTP/1.x", Span(0, 14, 0, 22), "HTTP/1.x"),
        ("GET http://x/ http/1.1", Span(0, 14, 0, 22), "http/1.1"),
    ],
)
def test_a_bad_version(text: str, span: Span, written: str) -> None:
    request, problems = parse(text)
    assert request.http_version is None
    (problem,) = problems
    assert problem.code == codes.HTTP_VERSION
    assert problem.span == span
    assert f"HTTP version '{written}' must look like HTTP/1.1" in problem.message


def test_extra_tokens_after_the_url() -> None:
    request, problems = parse("GET http://x/a b c HTTP/1.1")
    assert request.url == "http://x/a"
    assert request.http_version == "HTTP/1.1"
    (problem,) = problems
    assert problem.code == codes.REQUEST_LINE
    assert problem.span == Span(0, 15, 0, 18)
    assert "Unexpected 'b c' after the URL 'http://x/a'" in problem.message
    assert "%20" in problem.message


def test_spaces_inside_a_variable_do_not_split_the_url() -> None:
    request, problems = parse('GET {{ host }}/t/{{$datetime "YYYY MM"}} HTTP/1.1')
    assert request.url == '{{ host }}/t/{{$datetime "YYYY MM"}}'
    assert request.http_version == "HTTP/1.1"
    assert problems == []
    assert [r.name for r in request.refs] == ["host", "$datetime"]


@pytest.mark.parametrize("line", ["GET", "post", "GET HTTP/1.1"])
def test_a_method_without_url(line: str) -> None:
    request, problems = parse(line)
    assert request.url == ""
    messages = [p.message for p in problems if p.code == codes.REQUEST_LINE]
    assert messages == [
        f"The request line has no URL: write it like '{line.split(maxsplit=1)[0].upper()} https://example.com/path'."
    ]


def test_multi_line_url_is_trimmed_and_joined() -> None:
    request, problems = parse("GET http://example.com/\n    api\n\t/get  \nAccept: */*")
    assert request.url == "http://example.com/api/get"
    assert request.url_span == Span(0, 4, 2, 5)
    assert [h.name for h in request.headers] == ["Accept"]
    assert problems == []


def test_query_lines_after_the_request_line() -> None:
    request, problems = parse(
        "GET https://x/comments\n    ?page=2\n    &pageSize=10\n&x={{v}}\nAccept: a"
    )
    assert request.url == "https://x/comments?page=2&pageSize=10&x={{v}}"
    assert request.url_span == Span(0, 4, 3, 8)
    assert request.refs[0].span == Span(3, 3, 3, 8)
    assert problems == []


def test_comments_between_url_lines_are_skipped() -> None:
    request, _ = parse("GET https://x/a\n# why\n  /b\n// and\n  ?c=1")
    assert request.url == "https://x/a/b?c=1"


def test_url_on_the_next_line_after_a_lone_method() -> None:
    request, problems = parse("GET\n    https://x/a")
    assert request.url == "https://x/a"
    assert request.url_span == Span(1, 4, 1, 15)
    assert problems == []


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com",
        "https://example.com:8443/a?b=c#frag",
        "HTTPS://EXAMPLE.COM/",
        "example.com/path",
        "localhost:8080/x",
        "http://[::1]:8080/x",
        "http://user:pw@host/x",
        "http://127.0.0.1/",
        "{{baseUrl}}/users",
        "{{scheme}}://host/",
        "https://{{host}}:{{port}}/x",
        "http://{{h}}",
        "https://bücher.example/ü",
        "http://host:/x",
    ],
)
def test_good_urls(url: str) -> None:
    _, problems = parse(f"GET {url}")
    assert problems == []


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("ftp://example.com/f", "URL scheme 'ftp' is not supported: use http:// or https://."),
        ("ws://example.com", "URL scheme 'ws' is not supported"),
        ("http:///path", "has no host"),
        ("https://:80/", "has no host"),
        ("?a=1", "has no host"),
        ("http://host:99999/", "Port '99999'"),
        ("http://host:0/", "Port '0'"),
        ("http://host:ab/", "Port 'ab'"),
        ("http://[::1/", "has no closing ']'"),
        ("http://[::1]x/", "after the IPv6 address"),
        ("mailto:me@example.com", "is not an http(s) URL"),
        ("http:/x", "is not an http(s) URL"),
    ],
)
def test_bad_urls(url: str, fragment: str) -> None:
    request, problems = parse(f"GET {url}")
    (problem,) = problems
    assert fragment in problem.message
    assert problem.code == codes.URL
    assert problem.span == request.url_span == Span(0, 4, 0, 4 + len(url))


def test_a_space_in_a_continued_url() -> None:
    request, problems = parse("GET https://x/\n  a b")
    (problem,) = problems
    assert problem.message == "The URL 'https://x/a b' contains a space: write it as %20."
    assert problem.span == request.url_span == Span(0, 4, 1, 5)


def test_variables_hide_only_what_they_cover() -> None:
    _, problems = parse("GET ftp://{{host}}/x")
    assert "'ftp' is not supported" in problems[0].message
    _, problems = parse("GET http://{{host}}:abc/x")
    assert problems == []  # the port may belong to the variable's value
    _, problems = parse("GET http://x:{{port}}/\n  a b")
    assert "contains a space" in problems[0].message
    assert "{{…}}" in problems[0].message


def test_origin_form_needs_a_host_header() -> None:
    _, problems = parse("GET /api/items?x=1")
    (problem,) = problems
    assert problem.code == codes.MISSING_HOST
    assert problem.span == Span(0, 4, 0, 18)
    assert "'/api/items?x=1' has no host: add a 'Host: example.com' header" in problem.message
    _, problems = parse("GET /api/items\nhost: example.com")
    assert problems == []


def test_asterisk_form() -> None:
    _, problems = parse("OPTIONS * HTTP/1.1\nHost: http://example.com:8080")
    assert problems == []
    _, problems = parse("OPTIONS *")
    assert problems[0].code == codes.MISSING_HOST


@pytest.mark.parametrize(
    ("line", "method", "url", "version"),
    [
        ("localhost HTTP/1.1", "GET", "localhost", "HTTP/1.1"),
        ("graphql http://x/", "GRAPHQL", "http://x/", None),
        ("QUERY HTTP/1.1", "QUERY", "", "HTTP/1.1"),
        ("get HTTP/1.1", "GET", "", "HTTP/1.1"),
    ],
)
def test_which_first_word_is_a_method(
    line: str, method: str, url: str, version: str | None
) -> None:
    request, _ = parse(line)
    assert (request.method, request.url, request.http_version) == (method, url, version)
