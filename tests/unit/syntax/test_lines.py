"""Line splitting follows LSP: only CR LF, CR and LF break lines."""

from __future__ import annotations

import pytest
from oauth_http.syntax.lines import indent_of, is_blank, normalize_newlines, split_lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", [""]),
        ("a", ["a"]),
        ("a\n", ["a", ""]),
        ("a\r\nb", ["a", "b"]),
        ("a\rb\r", ["a", "b", ""]),
        ("a\r\n\r\nb", ["a", "", "b"]),
        ("a\n\rb", ["a", "", "b"]),
        ("a\r\r\nb", ["a", "", "b"]),
    ],
)
def test_split_lines_breaks_at_lsp_line_endings(text: str, expected: list[str]) -> None:
    assert split_lines(text) == expected


@pytest.mark.parametrize("separator", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028"])
def test_split_lines_keeps_separators_that_lsp_does_not_count(separator: str) -> None:
    text = f"a{separator}b\nc"
    assert split_lines(text) == [f"a{separator}b", "c"]
    assert len(text.splitlines()) == 3  # what str.splitlines would wrongly do


def test_a_bom_stays_in_the_first_line() -> None:
    assert split_lines("\ufeffGET x\n") == ["\ufeffGET x", ""]


def test_normalize_newlines_keeps_the_line_count() -> None:
    text = "a\r\nb\rc\nd"
    assert normalize_newlines(text) == "a\nb\nc\nd"
    assert normalize_newlines("plain\ntext") == "plain\ntext"


def test_whitespace_helpers() -> None:
    assert is_blank(" \t\f")
    assert not is_blank("  x")
    assert indent_of("\t  x") == 3
    assert indent_of("x") == 0
