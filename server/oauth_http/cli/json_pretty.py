"""Indenting JSON as it streams, for `oauth-http send`: any size, any depth, no recursion.

`PrettyJson(write).feed(text)` takes the body piece by piece (a token may span pieces) and
writes it indented by two spaces a level, as `json.dumps(indent=2)` would, holding only the
container stack (one byte a level) and the unfinished token. Values nested deeper than
`max_depth` are written as they came, so 100,000 levels cost no more output than the body itself
(indenting every level would make the output quadratic in the depth). From the first token
that is not valid JSON on, the rest is written as it came. `close()` says how it went: valid,
cut short (the text ended inside the value: a body stopped at the size limit), or not JSON from
some offset on; and whether the depth limit was reached.

The scanning loop keeps its state in local variables: it is the CLI's hot path for big bodies.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

MAX_DEPTH = 64
_PENDING_LIMIT = 1024 * 1024  # an unfinished token longer than this is not JSON worth waiting on
_CHARS = r'[^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*'
_TOKEN = re.compile(
    rf'("{_CHARS}")'  # 1: a whole string
    r"|([,:])"  # 2
    r"|([{\[])"  # 3
    r"|([}\]])"  # 4
    r"|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null)"  # 5: a scalar
    r"|([ \t\r\n]+)"  # 6
    r'|(")'  # 7: a string that goes on past this piece (or holds a bad character)
)
_STRING_RUN = re.compile(_CHARS)
_PARTIAL_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{0,3})?\Z")
_PARTIAL_SCALAR = re.compile(r"-?(?:0|[1-9][0-9]*)?(?:\.[0-9]*)?(?:[eE][+-]?[0-9]*)?\Z")
_INDENTS = ["\n" + "  " * depth for depth in range(MAX_DEPTH + 2)]

# What the grammar expects next.
_VALUE, _KEY, _COLON, _AFTER_VALUE, _DONE = range(5)


@dataclass(frozen=True)
class PrettyOutcome:
    valid: bool
    cut: bool  # the text ended inside the value
    error_offset: int | None  # where the text stopped being JSON, when it did
    deep: bool  # some values were deeper than the limit and were written as they came


class PrettyJson:
    def __init__(self, write: Callable[[str], None], max_depth: int = MAX_DEPTH) -> None:
        self._write = write
        self._max_depth = min(max_depth, MAX_DEPTH)
        self._stack = bytearray()
        self._expect = _VALUE
        self._pending = ""  # an unfinished token carried to the next piece
        self._offset = 0  # characters consumed before `_pending`
        self._in_string = False
        self._break = False  # a line break and indent are due before the next token
        self._opened = False  # the last token opened a container (a close makes it empty)
        self._raw_from = -1  # the stack depth where copying as it came started; -1: none
        self._failed_at: int | None = None
        self._deep = False
        self._ended_in_token = False  # the text ended inside a token ("1.", "tru")

    def feed(self, text: str) -> None:
        if self._failed_at is not None:
            self._write(text)
        elif text:
            self._scan(self._pending + text, final=False)

    def close(self) -> PrettyOutcome:
        if self._failed_at is None and self._pending:
            self._scan(self._pending, final=True)
        if self._failed_at is not None:
            return PrettyOutcome(False, False, self._failed_at, self._deep)
        cut = self._expect != _DONE or self._in_string or self._ended_in_token
        return PrettyOutcome(not cut, cut, None, self._deep)

    def _scan(self, text: str, *, final: bool) -> None:
        out: list[str] = []
        put = out.append
        stack, expect, brk, opened, raw_from = (
            self._stack, self._expect, self._break, self._opened, self._raw_from
        )  # fmt: skip
        limit, match, indents = self._max_depth, _TOKEN.match, _INDENTS
        position, end, failed = 0, len(text), -1
        while position < end:
            if self._in_string:
                after = _STRING_RUN.match(text, position)
                stop = after.end() if after is not None else position
                put(text[position:stop])
                position = stop
                if stop < end and text[stop] == '"':
                    put('"')
                    position += 1
                    self._in_string = False
                    if expect != _COLON:
                        expect = _AFTER_VALUE if stack else _DONE
                    continue
                if stop < end and (final or _PARTIAL_ESCAPE.match(text, stop) is None):
                    failed = position  # a control character or a bad escape in a string
                break
            found = match(text, position)
            if found is None:
                if not _could_continue(text, position):
                    failed = position
                elif final:  # the text ends inside a token ("1.", "tru"): cut, not wrong
                    self._ended_in_token = True
                    put(text[position:])
                    position = end
                break
            kind = found.lastindex
            token = found.group()
            if kind == 6:  # whitespace
                if raw_from >= 0:
                    put(token)
            elif kind == 1 or kind == 7 or kind == 5:  # noqa: PLR1714
                if kind == 5 and not final and found.end() + 2 >= end and token[0] in "-0123456789":
                    break  # "1" may go on as "1.5" or "1e+3" in the next piece
                if expect == _KEY and kind != 5:
                    expect = _COLON
                elif expect == _VALUE:
                    expect = -1  # set once the value ends
                else:
                    failed = position
                    break
                if brk:
                    put(indents[len(stack)])
                    brk = False
                opened = False
                put(token)
                if kind == 7:
                    self._in_string = True
                elif expect == -1:
                    expect = _AFTER_VALUE if stack else _DONE
            elif kind == 3:  # { or [
                if expect != _VALUE:
                    failed = position
                    break
                if brk:
                    put(indents[len(stack)])
                    brk = False
                if raw_from < 0 and len(stack) >= limit:
                    raw_from = len(stack)
                    self._deep = True
                put(token)
                stack.append(ord(token))
                expect = _KEY if token == "{" else _VALUE
                brk, opened = raw_from < 0, True
            elif kind == 4:  # } or ]
                wanted = 123 if token == "}" else 91
                if not stack or stack[-1] != wanted or (expect != _AFTER_VALUE and not opened):
                    failed = position
                    break
                stack.pop()
                if raw_from >= 0 or opened:
                    put(token)
                    if raw_from == len(stack):
                        raw_from = -1
                else:
                    put(indents[len(stack)] + token)
                brk = opened = False
                expect = _AFTER_VALUE if stack else _DONE
            elif token == ":":
                if expect != _COLON:
                    failed = position
                    break
                put(": " if raw_from < 0 else ":")
                expect = _VALUE
            else:  # a comma
                if expect != _AFTER_VALUE:
                    failed = position
                    break
                put(",")
                expect = _KEY if stack[-1] == 123 else _VALUE
                brk, opened = raw_from < 0, False
            position = found.end()
        # expect is -1 here only inside a string value that goes on in the next piece
        self._expect, self._break, self._opened, self._raw_from = expect, brk, opened, raw_from
        self._write("".join(out))
        if failed >= 0:
            self._fail(text, failed)
            return
        self._offset += position
        self._pending = text[position:]
        if len(self._pending) > _PENDING_LIMIT:
            self._fail(self._pending, 0)

    def _fail(self, text: str, position: int) -> None:
        self._failed_at = self._offset + position
        self._write(text[position:])
        self._pending = ""


def _could_continue(text: str, position: int) -> bool:
    """The end of a piece, from `position`, may start a token the next piece completes."""
    rest = text[position:]
    if len(rest) > _PENDING_LIMIT:
        return False
    return any(word.startswith(rest) for word in ("true", "false", "null")) or (
        _PARTIAL_SCALAR.match(rest) is not None
    )
