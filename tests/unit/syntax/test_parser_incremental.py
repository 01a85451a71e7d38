"""Re-parsing with the previous parse reuses unchanged blocks, at their new positions."""

from __future__ import annotations

from oauth_http.syntax.parsed_document import ParsedDocument
from oauth_http.syntax.parser import parse_document
from oauth_http.syntax.spans import Span

BLOCKS = [
    "@host = http://127.0.0.1\n# @oauth1 sandbox\n",
    "### one\n# @name one\nGET {{host}}/one\nAccept: a\n",
    "### two\nPOST {{host}}/two\nContent-Type: application/json\n\n"
    '{"a": "{{one.response.body.$.id}}"}\n',
    "### three\nGET {{host}}/three?x={{$timestamp -1 h}}\n",
]
TEXT = "\n".join(BLOCKS)


def same_as_scratch(text: str, previous: ParsedDocument) -> ParsedDocument:
    incremental = parse_document(text, previous)
    assert incremental == parse_document(text)
    assert incremental.requests() == parse_document(text).requests()
    assert incremental.problems() == parse_document(text).problems()
    return incremental


def test_editing_one_line_reparses_only_that_block() -> None:
    before = parse_document(TEXT)
    after = same_as_scratch(TEXT.replace("Accept: a", "Accept: b"), before)
    assert after.blocks[0] is before.blocks[0]
    assert after.blocks[1] is not before.blocks[1]
    edited = after.blocks[1].parsed.request
    assert edited is not None and edited.headers[0].value == "b"
    assert after.blocks[2] is before.blocks[2]
    assert after.blocks[3] is before.blocks[3]


def test_inserting_a_line_shifts_later_blocks_and_reuses_their_parse() -> None:
    before = parse_document(TEXT)
    after = same_as_scratch(TEXT.replace("Accept: a\n", "Accept: a\nX-New: 1\n"), before)
    assert after.blocks[0] is before.blocks[0]
    for old, new in zip(before.blocks[2:], after.blocks[2:], strict=True):
        assert new.parsed is old.parsed
        assert new.start_line == old.start_line + 1
    two = after.requests()[1]
    assert two.request_line == before.requests()[1].request_line + 1
    assert two.request_line == 10
    assert two.url_span == Span(10, 5, 10, 17)
    assert [r.span for r in two.refs][-1] == Span(13, 7, 13, 33)
    assert after.request_at(13) == two


def test_deleting_lines_and_blocks() -> None:
    before = parse_document(TEXT)
    text = "\n".join([BLOCKS[0], BLOCKS[2], BLOCKS[3]])
    after = same_as_scratch(text, before)
    assert after.blocks[1].parsed is before.blocks[2].parsed
    assert after.blocks[1].start_line == before.blocks[1].start_line


def test_the_cache_holds_only_the_current_blocks() -> None:
    before = parse_document(TEXT)
    assert len(before.block_cache) == 4
    after = parse_document("GET http://x/", before)
    assert len(after.block_cache) == 1
    assert parse_document(TEXT, after).blocks[1] is not before.blocks[1]


def test_identical_blocks_share_one_parse() -> None:
    block = "### same\nGET http://x/\n"
    doc = parse_document(block * 3 + "### end")
    assert doc.blocks[0].parsed is doc.blocks[1].parsed is doc.blocks[2].parsed
    assert [b.start_line for b in doc.blocks] == [0, 2, 4, 6]
    assert doc.request_lines() == [1, 3, 5]


def test_line_ending_changes_keep_the_blocks() -> None:
    before = parse_document(TEXT)
    after = same_as_scratch(TEXT.replace("\n", "\r\n"), before)
    assert all(a is b for a, b in zip(after.blocks, before.blocks, strict=True))


def test_the_cache_is_no_part_of_equality_or_repr() -> None:
    first = parse_document(TEXT)
    second = parse_document(TEXT)
    assert first == second
    assert "block_cache" not in repr(first)
