"""The outline code lenses are answered from before a document is parsed: the same request lines
and providers as the full parse, on any text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from oauth_http.sending.oauth_setup import provider_id_for
from oauth_http.syntax.outline import outline_document, outline_of
from oauth_http.syntax.parser import parse_document

from tests.paths import EXAMPLES as EXAMPLES_FOLDER
from tests.unit.syntax.http_texts import texts

EXAMPLES = sorted(EXAMPLES_FOLDER.rglob("*.http"))


def _agree(text: str) -> None:
    parsed = parse_document(text)
    quick = outline_document(text)
    assert quick == outline_of(parsed)
    requests = parsed.requests()
    assert [entry.line for entry in quick.requests] == [r.request_line for r in requests]
    file_directives = parsed.file_directives()
    assert [quick.provider_of(entry) for entry in quick.requests] == [
        provider_id_for(request, file_directives) for request in requests
    ]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_outline_agrees_with_the_parse_on_any_text(text: str) -> None:
    _agree(text)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_the_outline_agrees_with_the_parse_on_the_examples(example: Path) -> None:
    _agree(example.read_text(encoding="utf-8"))


def test_own_directive_file_default_title_lines_and_a_bom() -> None:
    text = (
        "\ufeff# @oauth1 twitter\n"
        "@host = http://h\n"
        "\n"
        "### first\n"
        "GET {{host}}/a\n"
        "\r\n"
        "### second\r\n"
        "# @oauth1 flickr extra words\r\n"
        "// a comment\n"
        "POST {{host}}/b\n"
        "###\n"
        "# @oauth1\n"
        "GET {{host}}/c\n"
    )
    outline = outline_document(text)
    assert [entry.line for entry in outline.requests] == [4, 9, 12]
    assert [outline.provider_of(entry) for entry in outline.requests] == [
        "twitter",
        "flickr",
        None,
    ]
    _agree(text)
