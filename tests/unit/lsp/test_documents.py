"""The language server's document store: incremental edits with LSP's line rules (CR, LF, CRLF)
and UTF-16 columns give the same text as applying the edit to the whole string."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types
from oauth_http.lsp.documents import DocumentStore
from oauth_http.syntax.lines import split_lines

URI = "file:///doc.http"
_ENDING = re.compile(r"\r\n|\r|\n")


def offset_of(text: str, line: int, character: int) -> int:
    """The string offset of an LSP position (UTF-16 column), clamped like editors do."""
    starts = [0] + [m.end() for m in _ENDING.finditer(text)]
    if line >= len(starts):
        return len(text)
    start = starts[line]
    match = _ENDING.search(text, start)
    end = match.start() if match else len(text)
    units = 0
    for index in range(start, end):
        if units >= character:
            return index
        units += 2 if text[index] > "\uffff" else 1
    return end


def change(sl: int, sc: int, el: int, ec: int, text: str) -> types.TextDocumentContentChangePartial:
    return types.TextDocumentContentChangePartial(
        range=types.Range(
            start=types.Position(line=sl, character=sc), end=types.Position(line=el, character=ec)
        ),
        text=text,
    )


def test_insert_replace_and_delete_across_endings() -> None:
    store = DocumentStore()
    document = store.open(URI, "GET /a\r\nHost: x\rB\n", 1)
    store.change(URI, [change(1, 4, 2, 1, ": y\n")], 2)
    assert document.text == "GET /a\r\nHost: y\n\n"
    assert document.lines == ["GET /a", "Host: y", "", ""]
    store.change(URI, [change(3, 0, 3, 0, "tail")], 3)
    assert document.text == "GET /a\r\nHost: y\n\ntail"
    store.change(URI, [change(0, 0, 3, 4, "")], 4)
    assert document.text == ""
    assert document.lines == [""]


def test_columns_are_utf16_units() -> None:
    store = DocumentStore()
    document = store.open(URI, "a😀b\n", 1)
    store.change(URI, [change(0, 3, 0, 4, "B")], 2)
    assert document.text == "a😀B\n"


def test_a_new_version_is_parsed_again() -> None:
    store = DocumentStore()
    document = store.open(URI, "GET http://127.0.0.1/a\n", 1)
    assert document.parsed.requests()[0].url == "http://127.0.0.1/a"
    store.change(URI, [change(0, 21, 0, 22, "b")], 2)
    assert document.parsed.requests()[0].url == "http://127.0.0.1/b"


pieces = st.sampled_from(["a", "é", "😀", "\n", "\r", "\r\n", " ", "###", "{{x}}"])
texts = st.lists(pieces, max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    initial=texts,
    edits=st.lists(
        st.tuples(
            st.integers(0, 8), st.integers(0, 8), st.integers(0, 8), st.integers(0, 8), texts
        ),
        max_size=6,
    ),
)
def test_incremental_edits_match_whole_text_edits(
    initial: str, edits: list[tuple[int, int, int, int, str]]
) -> None:
    store = DocumentStore()
    document = store.open(URI, initial, 1)
    expected = initial
    for version, (a_line, a_col, b_line, b_col, inserted) in enumerate(edits, start=2):
        (sl, sc), (el, ec) = sorted([(a_line, a_col), (b_line, b_col)])
        start, end = offset_of(expected, sl, sc), offset_of(expected, el, ec)
        end = max(start, end)
        expected = expected[:start] + inserted + expected[end:]
        store.change(URI, [change(sl, sc, el, ec, inserted)], version)
        assert document.text == expected
        assert document.lines == split_lines(expected)
