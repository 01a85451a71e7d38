"""Open documents: their text kept with LSP's line endings, and one parse per version.

pygls keeps its own copy of each document, but splits lines with `str.splitlines`, which also breaks
on form feeds and other characters that are not line endings for LSP clients. We keep our own
text, apply incremental changes with LSP's line rules, and parse each version once: every feature
reads the same `ParsedDocument`, and the previous version's parse lets the parser reuse the
unchanged blocks.
"""

from __future__ import annotations

import gc
import re
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types

from oauth_http.lsp.positions import from_utf16

if TYPE_CHECKING:
    from oauth_http.syntax.outline import Outline
    from oauth_http.syntax.parsed_document import ParsedDocument

_LINE_WITH_ENDING = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _lines_keeping_endings(text: str) -> list[str]:
    lines = _LINE_WITH_ENDING.findall(text)
    if not text or text.endswith(("\n", "\r")):
        lines.append("")
    return lines


def _strip_ending(line: str) -> str:
    return line.rstrip("\r\n")


class OpenDocument:
    """One open document. Its lines (endings kept) are the source of truth once it is edited, so
    an edit replaces a few list items instead of re-splitting the whole text."""

    def __init__(self, uri: str, version: int, text: str) -> None:
        self.uri = uri
        self.version = version
        self._text: str | None = text
        self._raw_lines: list[str] | None = None
        self._lines: list[str] | None = None
        self._parsed: ParsedDocument | None = None
        self._previous: ParsedDocument | None = None
        self._outline: Outline | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(self._raw())
        return self._text

    @property
    def lines(self) -> list[str]:
        """The document's lines without their endings."""
        if self._lines is None:
            from oauth_http.syntax.lines import split_lines

            self._lines = split_lines(self.text)
        return self._lines

    @property
    def parsed(self) -> ParsedDocument:
        if self._parsed is None:
            from oauth_http.syntax.parser import parse_document

            self._parsed = parse_document(self.text, self._previous)
            self._previous = None
            # A big document is hundreds of thousands of long-lived objects; freezing them keeps
            # the cyclic GC from rescanning them whenever a handler allocates. They hold no
            # cycles, so reference counting still frees old parses.
            gc.freeze()
        return self._parsed

    @property
    def outline(self) -> Outline:
        """Request lines and providers (for code lenses), once per version. Before the first
        parse, from a quick read of each block's preamble; after it, from the parse, which an
        edit redoes cheaply. Both give the same outline for the same text."""
        if self._outline is None:
            from oauth_http.syntax.outline import outline_document, outline_of

            if self._parsed is None and self._previous is None:
                self._outline = outline_document(self.text)
            else:
                self._outline = outline_of(self.parsed)
        return self._outline

    def _raw(self) -> list[str]:
        if self._raw_lines is None:
            self._raw_lines = _lines_keeping_endings(self.text)
        return self._raw_lines

    def apply(self, change: types.TextDocumentContentChangeEvent, version: int) -> None:
        if isinstance(change, types.TextDocumentContentChangePartial):
            _apply_partial(self._raw(), change)
            self._text = None
        else:
            self._text = change.text
            self._raw_lines = None
        self.version = version
        if self._parsed is not None:
            self._previous = self._parsed
        self._parsed = None
        self._lines = None
        self._outline = None


def _apply_partial(lines: list[str], change: types.TextDocumentContentChangePartial) -> None:
    """Apply one ranged change to `lines`: each line with its ending, the last one without."""
    last_index = len(lines) - 1
    start, end = change.range.start, change.range.end
    start_line = min(start.line, last_index)
    end_line = min(max(end.line, start_line), last_index)
    first, last = lines[start_line], lines[end_line]
    start_col = (
        from_utf16(_strip_ending(first), start.character)
        if start.line <= last_index
        else len(_strip_ending(first))
    )
    end_col = (
        from_utf16(_strip_ending(last), end.character) if end.line <= last_index else len(last)
    )
    segment = first[:start_col] + change.text + last[end_col:]
    # Re-split from the line before the edit to the line after it, so a CR left at one side of
    # the edit and an LF at the other become one CRLF ending, as in the whole text.
    low = max(0, start_line - 1)
    high = min(len(lines), end_line + 2)
    region = "".join(lines[low:start_line]) + segment + "".join(lines[end_line + 1 : high])
    if high == len(lines):
        lines[low:] = _lines_keeping_endings(region)
    else:
        lines[low:high] = _LINE_WITH_ENDING.findall(region)


class DocumentStore:
    """The documents the client has open, by URI."""

    def __init__(self) -> None:
        self._documents: dict[str, OpenDocument] = {}
        self._ids: dict[str, int] = {}
        self._uris: list[str] = []

    def id_of(self, uri: str) -> int:
        """A small number standing for `uri` in code-lens data (kept for the session)."""
        known = self._ids.get(uri)
        if known is None:
            known = self._ids[uri] = len(self._uris)
            self._uris.append(uri)
        return known

    def uri_of(self, document_id: object) -> str | None:
        if isinstance(document_id, int) and 0 <= document_id < len(self._uris):
            return self._uris[document_id]
        return None

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

    def parsed_or_file(self, uri: str) -> ParsedDocument | None:
        """The open document's parse, else the file's parsed from disk (None when unreadable)."""
        document = self._documents.get(uri)
        if document is not None:
            return document.parsed
        from oauth_http.workspace.jobs import read_document
        from oauth_http.workspace.layout import path_of_uri

        path = path_of_uri(uri)
        parsed = read_document(Path(path)) if path else None
        return parsed if not isinstance(parsed, str) else None

    def buffer_of_path(self, path: str) -> tuple[int, str] | None:
        """(version, text) of the file at `path` when it is open in the editor."""
        from oauth_http.workspace.layout import uri_of_path

        document = self._documents.get(uri_of_path(path))
        return (document.version, document.text) if document is not None else None

    def all(self) -> list[OpenDocument]:
        return list(self._documents.values())
