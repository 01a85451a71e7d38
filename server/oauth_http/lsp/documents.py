"""Open documents: their text kept with LSP's line endings, and one parse per version.

pygls keeps its own copy of each document, but splits lines with `str.splitlines`, which also breaks
on form feeds and other characters that are not line endings for LSP clients. We keep our own
text, apply incremental changes with LSP's line rules, and parse each version once: every feature
reads the same `ParsedDocument`, and the previous version's parse lets the parser reuse the
unchanged blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lsprotocol import types

from oauth_http.lsp.positions import from_utf16
from oauth_http.syntax.model import ParsedDocument
from oauth_http.syntax.parser import parse_document

_LINE_WITH_ENDING = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _lines_keeping_endings(text: str) -> list[str]:
    lines = _LINE_WITH_ENDING.findall(text)
    if not text or text.endswith(("\n", "\r")):
        lines.append("")
    return lines


def _strip_ending(line: str) -> str:
    return line.rstrip("\r\n")


@dataclass
class OpenDocument:
    uri: str
    version: int
    text: str
    _parsed: ParsedDocument | None = field(default=None, repr=False)
    _previous: ParsedDocument | None = field(default=None, repr=False)
    _lines: list[str] | None = field(default=None, repr=False)

    @property
    def lines(self) -> list[str]:
        """The document's lines without their endings."""
        if self._lines is None:
            self._lines = [_strip_ending(line) for line in _lines_keeping_endings(self.text)]
        return self._lines

    @property
    def parsed(self) -> ParsedDocument:
        if self._parsed is None:
            self._parsed = parse_document(self.text, self._previous)
            self._previous = None
        return self._parsed

    def apply(self, change: types.TextDocumentContentChangeEvent, version: int) -> None:
        if isinstance(change, types.TextDocumentContentChangePartial):
            self.text = _apply_partial(self.text, change)
        else:
            self.text = change.text
        self.version = version
        if self._parsed is not None:
            self._previous = self._parsed
        self._parsed = None
        self._lines = None


def _apply_partial(text: str, change: types.TextDocumentContentChangePartial) -> str:
    lines = _lines_keeping_endings(text)
    start, end = change.range.start, change.range.end
    if start.line >= len(lines):
        return text + change.text
    end_line = min(end.line, len(lines) - 1)
    first, last = lines[start.line], lines[end_line]
    start_col = from_utf16(_strip_ending(first), start.character)
    end_col = from_utf16(_strip_ending(last), end.character)
    if end.line >= len(lines):
        end_col = len(last)
    replaced = first[:start_col] + change.text + last[end_col:]
    lines[start.line : end_line + 1] = [replaced]
    return "".join(lines)


class DocumentStore:
    """The documents the client has open, by URI."""

    def __init__(self) -> None:
        self._documents: dict[str, OpenDocument] = {}

    def open(self, uri: str, text: str, version: int) -> OpenDocument:
        document = OpenDocument(uri=uri, version=version, text=text)
        self._documents[uri] = document
        return document

    def change(
        self, uri: str, changes: list[types.TextDocumentContentChangeEvent], version: int
    ) -> OpenDocument | None:
        document = self._documents.get(uri)
        if document is None:
            return None
        for change in changes:
            document.apply(change, version)
        return document

    def close(self, uri: str) -> None:
        self._documents.pop(uri, None)

    def get(self, uri: str) -> OpenDocument | None:
        return self._documents.get(uri)

    def all(self) -> list[OpenDocument]:
        return list(self._documents.values())
