"""`.env` parsing: the accepted forms, and problems for lines that cannot be read."""

from __future__ import annotations

from oauth_http.syntax.spans import Span
from oauth_http.variables.dotenv import parse_dotenv


def test_forms() -> None:
    text = "\n".join(
        [
            "# a comment",
            "",
            "PLAIN=value",
            "SPACED = spaced value  ",
            "export EXPORTED=yes",
            'DOUBLE="line\\nbreak \\"quoted\\" \\t tab \\\\ back \\q"',
            "SINGLE='no \\n escapes # here'",
            "TICKS=`tick`",
            "EMPTY=",
            'EMPTY_QUOTED=""',
            "COMMENTED=value # trailing comment",
            "HASH=a#b",
            'QUOTED_COMMENT="x" # fine',
            "  INDENTED=ok",
            "dotted.name-x=1",
            "EQUALS=a=b=c",
        ]
    )
    result = parse_dotenv(text)
    assert result.problems == ()
    assert result.values == {
        "PLAIN": "value",
        "SPACED": "spaced value",
        "EXPORTED": "yes",
        "DOUBLE": 'line\nbreak "quoted" \t tab \\ back \\q',
        "SINGLE": "no \\n escapes # here",
        "TICKS": "tick",
        "EMPTY": "",
        "EMPTY_QUOTED": "",
        "COMMENTED": "value",
        "HASH": "a#b",
        "QUOTED_COMMENT": "x",
        "INDENTED": "ok",
        "dotted.name-x": "1",
        "EQUALS": "a=b=c",
    }
    assert result.key_spans["PLAIN"] == Span(2, 0, 2, 5)
    assert result.key_spans["EXPORTED"] == Span(4, 7, 4, 15)
    assert result.key_spans["INDENTED"] == Span(13, 2, 13, 10)


def test_last_definition_wins_and_crlf_lines() -> None:
    result = parse_dotenv("A=1\r\nB=2\rA=3\n")
    assert result.values == {"A": "3", "B": "2"}
    assert result.key_spans["A"] == Span(2, 0, 2, 1)


def test_bom_is_ignored() -> None:
    assert parse_dotenv("\ufeffA=1").values == {"A": "1"}


def test_malformed_lines_are_problems_with_line_numbers() -> None:
    text = "\n".join(
        [
            "GOOD=1",
            "no equals sign",
            "1BAD=x",
            "BAD KEY=x",
            'OPEN="unterminated',
            "'x'=1",
            "TRAIL='a' b",
            "ALSO_GOOD=2",
        ]
    )
    result = parse_dotenv(text)
    assert result.values == {"GOOD": "1", "ALSO_GOOD": "2"}
    found = [(p.span, p.message) for p in result.problems]
    assert [span.start_line for span, _ in found] == [1, 2, 3, 4, 5, 6]
    assert found[0][0] == Span(1, 0, 1, 14)
    assert "Expected KEY=VALUE" in found[0][1]
    assert found[1][0] == Span(2, 0, 2, 4)
    assert "'1BAD' is not a valid .env name" in found[1][1]
    assert "'BAD KEY'" in found[2][1]
    assert found[3][0] == Span(4, 5, 4, 18)
    assert 'no closing "' in found[3][1]
    assert "'x'" in found[4][1]
    assert found[5][0] == Span(6, 10, 6, 11)
    assert "Unexpected 'b'" in found[5][1]


def test_empty_text() -> None:
    result = parse_dotenv("")
    assert result.values == {}
    assert result.problems == ()
