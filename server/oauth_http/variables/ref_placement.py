"""Where references sit in text being resolved: line splitting, escaped braces, true positions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from oauth_http.syntax.model import VariableRef

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class RefLocator:
    """Puts references found in joined or unescaped text back at their place in the document.

    The parser's references carry the true positions; they are matched by their written text,
    in order, so a multi-line URL or a body with comment lines still reports the right spans.
    """

    __slots__ = ("_next", "_refs")

    def __init__(self, refs: Sequence[VariableRef]) -> None:
        self._refs = refs
        self._next = 0

    def locate(self, ref: VariableRef) -> VariableRef:
        count = len(self._refs)
        for step in range(count):
            index = (self._next + step) % count
            known = self._refs[index]
            if known.raw == ref.raw:
                self._next = index + 1
                return replace(ref, span=known.span, name_span=known.name_span)
        return ref


def split_lines_keeping_breaks(text: str) -> Iterable[tuple[str, str]]:
    """Each line of `text` with the break that ends it (`\\r\\n`, `\\r`, `\\n` or nothing)."""
    start = 0
    for match in _LINE_BREAK.finditer(text):
        yield text[start : match.start()], match.group()
        start = match.end()
    yield text[start:], ""


def unescape_braces(text: str) -> str:
    """`\\\\{{` (a literal `{{` in .http text) turned into `{{`."""
    return text.replace("\\{{", "{{") if "\\{{" in text else text
