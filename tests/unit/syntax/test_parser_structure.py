"""Document structure: blocks, separators, titles, comments, line endings, BOM, tabs, unicode."""

from __future__ import annotations

import pytest
from oauth_http.syntax.parser import parse_block, parse_document
from oauth_http.syntax.spans import Span


def test_empty_document() -> None:
    doc = parse_document("")
    assert doc.line_count == 1
    assert len(doc.blocks) == 1
    assert doc.requests() == []
    assert doc.problems() == []
    assert doc.file_variables() == []


def test_only_separators() -> None:
    doc = parse_document("###\n### two\n#####\n")
    assert doc.line_count == 4
    assert [b.start_line for b in doc.blocks] == [0, 1, 2]
    assert [b.parsed.line_count for b in doc.blocks] == [1, 1, 2]
    assert doc.requests() == []
    assert doc.problems() == []


def test_leading_repeated_and_trailing_separators() -> None:
    text = "###\n\n### first\nGET http://a/\n\n###\n###\n### second\nPOST http://b/\n###\n"
    doc = parse_document(text)
    requests = doc.requests()
    assert [(r.method, r.url, r.title) for r in requests] == [
        ("GET", "http://a/", "first"),
        ("POST", "http://b/", "second"),
    ]
    assert doc.request_lines() == [3, 8]
    assert [r.request_line for r in requests] == [3, 8]
    assert doc.problems() == []


def test_titles() -> None:
    doc = parse_document(
        "#### Get the user  \nGET http://a/\n###\nGET http://b/\n###\t t\nGET http://c/"
    )
    assert [r.title for r in doc.requests()] == ["Get the user", None, "t"]


def test_a_request_span_covers_its_block_from_the_separator() -> None:
    doc = parse_document("GET http://a/\n\n### b\n# c\nGET http://b/\nAccept: x\n\n")
    first, second = doc.requests()
    assert first.span == Span(0, 0, 1, 0)
    assert second.span == Span(2, 0, 7, 0)


def test_comments_before_a_request() -> None:
    doc = parse_document("# a comment\n// another\n\nGET http://a/\n")
    (request,) = doc.requests()
    assert request.request_line == 3
    assert doc.problems() == []


def test_indented_hashes_are_a_comment_not_a_separator() -> None:
    doc = parse_document("  ### not a separator\nGET http://a/")
    assert len(doc.blocks) == 1
    assert doc.requests()[0].title is None


def test_a_separator_ends_the_body() -> None:
    doc = parse_document("POST http://a/\n\nbody\n### next\nGET http://b/")
    first, second = doc.requests()
    assert first.body is not None and first.body.parts == ("body",)
    assert second.title == "next"


def test_without_separators_the_next_request_line_is_body() -> None:
    doc = parse_document("POST http://a/\n\nGET http://b/")
    (request,) = doc.requests()
    assert request.body is not None and request.body.parts == ("GET http://b/",)


LF = '### t\n# @name a\nPOST http://h/ü?q={{v}}\nX-A: 1\n\n{\n  "k": "{{v}}"\n}\n'


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_files_parse_like_lf(newline: str) -> None:
    lf = parse_document(LF)
    other = parse_document(LF.replace("\n", newline))
    assert other == lf
    assert other.line_count == 9
    request = other.requests()[0]
    assert request.body is not None and request.body.parts == ('{\n  "k": "{{v}}"\n}',)


def test_mixed_line_endings() -> None:
    doc = parse_document("GET http://a/\r\nAccept: x\rX-B: y\n")
    (request,) = doc.requests()
    assert [(h.name, h.value, h.span.start_line) for h in request.headers] == [
        ("Accept", "x", 1),
        ("X-B", "y", 2),
    ]
    assert doc.line_count == 4


def test_a_bom_is_ignored_but_keeps_its_column() -> None:
    doc = parse_document("\ufeffPOST http://a/\n")
    (request,) = doc.requests()
    assert request.method == "POST"
    assert request.method_span == Span(0, 1, 0, 5)
    assert request.url_span == Span(0, 6, 0, 15)
    assert doc.problems() == []


def test_a_bom_before_a_separator_and_before_a_variable() -> None:
    doc = parse_document("\ufeff### title\nGET http://a/")
    assert doc.requests()[0].title == "title"
    doc = parse_document("\ufeff@host = x\n")
    (variable,) = doc.file_variables()
    assert variable.name == "host"
    assert variable.span == Span(0, 1, 0, 10)
    assert variable.name_span == Span(0, 2, 0, 6)


def test_tabs() -> None:
    doc = parse_document("POST\thttp://a/x\tHTTP/1.1\nX-A:\tv\t\n\t/more\n\n\tbody\t\n")
    (request,) = doc.requests()
    assert (request.method, request.url, request.http_version) == ("POST", "http://a/x", "HTTP/1.1")
    assert request.url_span == Span(0, 5, 0, 15)
    assert [(h.name, h.value) for h in request.headers] == [("X-A", "v /more")]
    assert request.body is not None and request.body.parts == ("body",)


def test_unicode_in_url_headers_and_body() -> None:
    doc = parse_document(
        "GET https://bücher.example/straße?q=日本 HTTP/1.1\nX-Name: Zoë 😀\n\nπ = 3.14 😀"
    )
    (request,) = doc.requests()
    assert request.url == "https://bücher.example/straße?q=日本"
    assert request.url_span == Span(0, 4, 0, 4 + len(request.url))
    assert request.headers[0].value == "Zoë 😀"
    assert request.headers[0].value_span == Span(1, 8, 1, 13)  # 😀 is one code point
    assert request.body is not None and request.body.parts == ("π = 3.14 😀",)
    assert [p.severity.name for p in doc.problems()] == ["INFORMATION"]  # body on GET


def test_block_at_and_request_at() -> None:
    doc = parse_document("@a = 1\n###\nGET http://a/\n\n###\nGET http://b/\n")
    assert doc.block_at(0) is doc.blocks[0]
    assert doc.block_at(3) is doc.blocks[1]
    assert doc.request_at(0) is None
    at_3, at_6, at_5 = doc.request_at(3), doc.request_at(6), doc.request_at(5)
    assert at_3 is not None and at_3.url == "http://a/"
    assert at_6 is not None and at_6.url == "http://b/"
    assert at_5 is not None and at_5.request_line == 5
    assert doc.block_at(99) is None


def test_request_named() -> None:
    doc = parse_document("GET http://a/\n###\n# @name b\nGET http://b/\n")
    request = doc.request_named("b")
    assert request is not None and request.request_line == 3
    assert doc.request_named("a") is None


def test_parse_block_is_block_relative() -> None:
    block = parse_block(["### t", "GET http://a/", "", "x"])
    assert block.line_count == 4
    assert block.request is not None and block.request.request_line == 1
    assert parse_block([]).line_count == 0


def test_a_block_without_a_request_keeps_variables_and_directives() -> None:
    block = parse_block(["@a = 1", "# @oauth1 sandbox", "// note", ""])
    assert block.request is None
    assert [v.name for v in block.file_variables] == ["a"]
    assert [d.word for d in block.directives] == ["oauth1"]


LONG = 200_000


@pytest.mark.timeout(60)  # a hang guard: a quadratic regex would take minutes on these lines
@pytest.mark.parametrize(
    "text",
    [
        "GET http://x/{{" + " " * LONG + "a",
        "@a = b" + " " * LONG + "x",
        "# @name a" + " " * LONG + "x\nGET http://x/",
        "POST http://x/\n\n< a" + " " * LONG + "b",
        "GET http://x/" + "{" * LONG,
        "GET http://x/" + "{{ a" * (LONG // 10),
        "POST http://x/\n\n" + "{{a}} " * (LONG // 10),
    ],
    ids=["spaces-in-open-ref", "file-var", "directive", "include", "braces", "unclosed", "refs"],
)
def test_very_long_lines_parse(text: str) -> None:
    doc = parse_document(text)
    assert doc.line_count == len(text.split("\n"))
    assert len(doc.requests()) + len(doc.file_variables()) == 1
