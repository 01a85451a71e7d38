"""Properties of the parser on any text: it never raises, every span lies inside the document,
and parsing with a previous parse gives the same result as parsing from scratch."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st
from oauth_http.syntax import problem_codes as codes
from oauth_http.syntax.checks import document_problems
from oauth_http.syntax.lines import split_lines
from oauth_http.syntax.model import BodyInclude, VariableRef
from oauth_http.syntax.parsed_document import ParsedDocument
from oauth_http.syntax.parser import parse_document
from oauth_http.syntax.spans import Span

from tests.unit.syntax.http_texts import fragment, http_texts, line_breaks, texts


def spans_of(doc: ParsedDocument) -> Iterator[Span]:
    def ref_spans(refs: tuple[VariableRef, ...]) -> Iterator[Span]:
        for ref in refs:
            yield ref.span
            yield ref.name_span

    for request in doc.requests():
        yield request.span
        yield request.url_span
        if request.method_span is not None:
            yield request.method_span
        if request.name_span is not None:
            yield request.name_span
        for header in request.headers:
            yield from (header.span, header.name_span, header.value_span)
        if request.body is not None:
            yield request.body.span
            for part in request.body.parts:
                if isinstance(part, BodyInclude):
                    yield from (part.span, part.path_span)
        for directive in request.directives:
            yield from (directive.span, directive.word_span, directive.argument_span)
        for prompt in request.prompts:
            yield prompt.span
            if prompt.name_span is not None:
                yield prompt.name_span
        yield from ref_spans(request.refs)
    for variable in doc.file_variables():
        yield from (variable.span, variable.name_span, variable.value_span)
        yield from ref_spans(variable.refs)
    for block in doc.blocks:
        for directive in block.parsed.directives:
            shifted = directive.shift(block.start_line)
            yield from (shifted.span, shifted.word_span, shifted.argument_span)
    for problem in doc.problems() + document_problems(doc):
        yield problem.span


def assert_inside(span: Span, lines: list[str]) -> None:
    assert 0 <= span.start_line <= span.end_line < len(lines), span
    assert 0 <= span.start_col <= len(lines[span.start_line]), span
    assert 0 <= span.end_col <= len(lines[span.end_line]), span
    assert (span.start_line, span.start_col) <= (span.end_line, span.end_col), span


@settings(max_examples=400, deadline=None)
@given(texts)
def test_any_text_parses_with_every_span_inside_the_document(text: str) -> None:
    doc = parse_document(text)
    lines = split_lines(text)
    assert doc.line_count == len(lines)
    assert sum(block.parsed.line_count for block in doc.blocks) == len(lines)
    assert all(p.code != codes.INTERNAL_ERROR for p in doc.problems()), doc.problems()
    for span in spans_of(doc):
        assert_inside(span, lines)


@st.composite
def edits(draw: st.DrawFn) -> tuple[str, str]:
    """A text and an edited version of it: a line replaced, inserted or deleted."""
    text = draw(http_texts())
    lines = split_lines(text)
    index = draw(st.integers(0, len(lines) - 1))
    action = draw(st.sampled_from(["replace", "insert", "delete"]))
    new_line = draw(fragment)
    if action == "replace":
        lines[index] = new_line
    elif action == "insert":
        lines.insert(index, new_line)
    elif len(lines) > 1:
        del lines[index]
    return text, draw(line_breaks).join(lines)


@settings(max_examples=300, deadline=None)
@given(edits())
def test_incremental_parse_equals_parse_from_scratch(pair: tuple[str, str]) -> None:
    before, after = pair
    incremental = parse_document(after, parse_document(before))
    scratch = parse_document(after)
    assert incremental == scratch
    assert incremental.requests() == scratch.requests()
    assert incremental.problems() == scratch.problems()
    assert document_problems(incremental) == document_problems(scratch)


@settings(max_examples=150, deadline=None)
@given(texts, texts)
def test_incremental_parse_from_an_unrelated_text(before: str, after: str) -> None:
    assert parse_document(after, parse_document(before)) == parse_document(after)
