"""Where each request of a document starts, and the `# @oauth1` provider it names: all the code
lenses need, found in a fraction of the time of a full parse.

A document just opened has no parse to reuse; parsing 10,000 requests takes about 185 ms, most of
the time budget from opening a file to showing its lenses. The outline cuts the text into the
same blocks as the parser and reads only each block's preamble (`preamble.read_preamble`, the
same function the parser uses), so it finds the same request lines and directives. Once a
document has been parsed, its outline is taken from the parse (`outline_of`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .lines import normalize_newlines
from .memo import ParseMemo
from .model import Directive
from .parsed_document import ParsedDocument
from .parser import block_texts
from .preamble import read_preamble


@dataclass(frozen=True, slots=True)
class RequestOutline:
    line: int  # the request line, 0-based, in the document
    # The argument of the request's own last `# @oauth1` ("" when it has none), None without one.
    oauth1: str | None


@dataclass(frozen=True, slots=True)
class Outline:
    requests: tuple[RequestOutline, ...]
    # The file's default: the argument of the last `# @oauth1` before the first request.
    file_oauth1: str | None

    def provider_of(self, request: RequestOutline) -> str | None:
        """The provider that signs `request`, as `oauth_setup.provider_id_for` decides it: the
        first word of its own `# @oauth1`, else of the file's."""
        argument = request.oauth1 if request.oauth1 is not None else self.file_oauth1
        words = argument.split() if argument else []
        return words[0] if words else None


def _last_oauth1(directives: list[Directive] | tuple[Directive, ...]) -> str | None:
    found = None
    for directive in directives:
        if directive.word == "oauth1":
            found = directive.argument
    return found


def outline_document(text: str) -> Outline:
    requests: list[RequestOutline] = []
    file_oauth1: str | None = None
    memo = ParseMemo()
    start_line = 0
    for key in block_texts(normalize_newlines(text)):
        lines = key.split("\n")
        preamble = read_preamble(lines, memo)
        oauth1 = _last_oauth1(preamble.directives)
        if preamble.request_index < len(lines):
            requests.append(RequestOutline(start_line + preamble.request_index, oauth1))
        elif not requests and oauth1 is not None:
            file_oauth1 = oauth1
        start_line += len(lines)
    return Outline(tuple(requests), file_oauth1)


def outline_of(parsed: ParsedDocument) -> Outline:
    requests = []
    for block in parsed.blocks:
        request = block.parsed.request
        if request is not None:
            own = request.directive("oauth1")
            line = block.start_line + request.request_line
            requests.append(RequestOutline(line, own.argument if own is not None else None))
    return Outline(tuple(requests), _last_oauth1(parsed.file_directives()))
