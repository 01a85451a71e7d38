"""The parsed shape of a `.http` document: requests, definitions and problems with exact ranges.

Everything here is immutable and pure data. Positions are zero-based lines and columns counted in
Python characters (code points) of the line; the LSP layer converts columns to UTF-16 when a line
holds characters outside the Basic Multilingual Plane.

A document is parsed block by block (a block runs from one `###` separator to the next), and each
`ParsedBlock` uses line numbers relative to its own first line, so an unchanged block can be reused
after an edit elsewhere. `Block.start_line` places it in the document; `shift` makes absolute copies
on demand.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from enum import Enum, IntEnum


@dataclass(frozen=True, slots=True)
class Span:
    """A range of text: from (start_line, start_col) up to, not including, (end_line, end_col)."""

    start_line: int
    start_col: int
    end_line: int
    end_col: int

    def shift(self, lines: int) -> Span:
        if lines == 0:
            return self
        return Span(self.start_line + lines, self.start_col, self.end_line + lines, self.end_col)

    def contains(self, line: int, col: int) -> bool:
        """True when (line, col) lies inside, the end position included (a cursor after a word)."""
        if (line, col) < (self.start_line, self.start_col):
            return False
        return (line, col) <= (self.end_line, self.end_col)


class Severity(IntEnum):
    """Same numbers as LSP's DiagnosticSeverity."""

    ERROR = 1
    WARNING = 2
    INFORMATION = 3
    HINT = 4


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong (or worth knowing) about the text, shown as a diagnostic."""

    span: Span
    message: str
    severity: Severity = Severity.ERROR
    code: str = ""

    def shift(self, lines: int) -> Problem:
        return replace(self, span=self.span.shift(lines)) if lines else self


class RefKind(Enum):
    CUSTOM = "custom"  # {{name}} or {{%name}}: file, environment or prompt variable
    SYSTEM = "system"  # {{$name args}}
    REQUEST = "request"  # {{login.response.body.$.token}}


@dataclass(frozen=True, slots=True)
class VariableRef:
    """One `{{...}}` reference.

    `name` is the variable name (`host`, `$timestamp`, or the request name `login`); `args` holds
    a system variable's arguments (`-3`, `h`) or a request variable's path parts
    (`response`, `body`, `$.token`). `percent_encode` is set for `{{%name}}`.
    """

    span: Span
    name_span: Span
    kind: RefKind
    name: str
    args: tuple[str, ...] = ()
    percent_encode: bool = False
    raw: str = ""

    def shift(self, lines: int) -> VariableRef:
        if not lines:
            return self
        return replace(self, span=self.span.shift(lines), name_span=self.name_span.shift(lines))


@dataclass(frozen=True, slots=True)
class FileVariable:
    """`@name = value`: a file variable, visible to every request of the document."""

    name: str
    value: str
    span: Span
    name_span: Span
    value_span: Span
    refs: tuple[VariableRef, ...] = ()

    def shift(self, lines: int) -> FileVariable:
        if not lines:
            return self
        return replace(
            self,
            span=self.span.shift(lines),
            name_span=self.name_span.shift(lines),
            value_span=self.value_span.shift(lines),
            refs=tuple(r.shift(lines) for r in self.refs),
        )


@dataclass(frozen=True, slots=True)
class Directive:
    """`# @word argument` on the comment lines before a request (or before the first request).

    Known words: name, prompt, oauth1, no-redirect, no-cookie-jar, timeout, note. Unknown words are
    kept too, so completion and diagnostics can see them.
    """

    word: str
    argument: str
    span: Span
    word_span: Span
    argument_span: Span

    def shift(self, lines: int) -> Directive:
        if not lines:
            return self
        return replace(
            self,
            span=self.span.shift(lines),
            word_span=self.word_span.shift(lines),
            argument_span=self.argument_span.shift(lines),
        )


@dataclass(frozen=True, slots=True)
class Prompt:
    """`# @prompt name [description]`: a value asked of the user when the request is sent."""

    name: str
    description: str
    span: Span
    name_span: Span | None = None

    def shift(self, lines: int) -> Prompt:
        if not lines:
            return self
        name_span = self.name_span.shift(lines) if self.name_span else None
        return replace(self, span=self.span.shift(lines), name_span=name_span)


@dataclass(frozen=True, slots=True)
class Header:
    name: str
    value: str
    span: Span
    name_span: Span
    value_span: Span

    def shift(self, lines: int) -> Header:
        if not lines:
            return self
        return replace(
            self,
            span=self.span.shift(lines),
            name_span=self.name_span.shift(lines),
            value_span=self.value_span.shift(lines),
        )


@dataclass(frozen=True, slots=True)
class BodyInclude:
    """`< path` (sent as is) or `<@[encoding] path` (variables substituted) inside a body."""

    path: str
    substitute_variables: bool
    encoding: str | None
    span: Span
    path_span: Span

    def shift(self, lines: int) -> BodyInclude:
        if not lines:
            return self
        return replace(self, span=self.span.shift(lines), path_span=self.path_span.shift(lines))


BodyPart = str | BodyInclude


@dataclass(frozen=True, slots=True)
class Body:
    """A request body: inline text and file includes in order (more than one in multipart bodies).

    A body that is exactly one `< path` line is sent as the file's bytes, untouched; inline text is
    trimmed of surrounding blank lines and whitespace, as the JetBrains spec says.
    """

    parts: tuple[BodyPart, ...]
    span: Span

    def shift(self, lines: int) -> Body:
        if not lines:
            return self
        return Body(
            tuple(p if isinstance(p, str) else p.shift(lines) for p in self.parts),
            self.span.shift(lines),
        )

    @property
    def includes(self) -> tuple[BodyInclude, ...]:
        return tuple(p for p in self.parts if isinstance(p, BodyInclude))


@dataclass(frozen=True, slots=True)
class Request:
    """One request of a `.http` document.

    `url` is the target as written, continuation lines joined, variables not yet substituted.
    `method_span` is None when the method was left out (GET by default). `span` covers the whole
    block from its separator (if any) to its last line; `request_line` is the line of the request
    line, where the CodeLens goes.
    """

    method: str
    url: str
    span: Span
    request_line: int
    url_span: Span
    method_span: Span | None = None
    http_version: str | None = None
    title: str | None = None
    name: str | None = None
    name_span: Span | None = None
    headers: tuple[Header, ...] = ()
    body: Body | None = None
    directives: tuple[Directive, ...] = ()
    prompts: tuple[Prompt, ...] = ()
    refs: tuple[VariableRef, ...] = ()

    def directive(self, word: str) -> Directive | None:
        """The last `# @word` directive of this request, if any."""
        for directive in reversed(self.directives):
            if directive.word == word:
                return directive
        return None

    def label(self) -> str:
        """The request's name in symbols and pickers: name, else title, else method and URL."""
        return self.name or self.title or f"{self.method} {self.url}"

    def shift(self, lines: int) -> Request:
        if not lines:
            return self
        return replace(
            self,
            span=self.span.shift(lines),
            request_line=self.request_line + lines,
            url_span=self.url_span.shift(lines),
            method_span=self.method_span.shift(lines) if self.method_span else None,
            name_span=self.name_span.shift(lines) if self.name_span else None,
            headers=tuple(h.shift(lines) for h in self.headers),
            body=self.body.shift(lines) if self.body else None,
            directives=tuple(d.shift(lines) for d in self.directives),
            prompts=tuple(p.shift(lines) for p in self.prompts),
            refs=tuple(r.shift(lines) for r in self.refs),
        )


@dataclass(frozen=True, slots=True)
class ParsedBlock:
    """The text between two `###` separators, parsed, with lines relative to the block's start.

    A block holds at most one request. The preamble before the first request (and any block with
    only comments and variables) has `request` None; its directives are the file's defaults
    (`# @oauth1 provider` there applies to every request of the file).
    """

    line_count: int
    request: Request | None = None
    file_variables: tuple[FileVariable, ...] = ()
    directives: tuple[Directive, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    start_line: int
    parsed: ParsedBlock


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A whole document: its blocks in order, each placed at its first line.

    `block_cache` maps the text of each block (lines joined with `\\n`) to its `Block`, so the
    parse of the next version of the document reuses every block whose text is unchanged.
    """

    blocks: tuple[Block, ...]
    line_count: int
    block_cache: dict[str, Block] = field(default_factory=dict, compare=False, repr=False)

    def requests(self) -> list[Request]:
        """Every request, with absolute positions."""
        return [b.parsed.request.shift(b.start_line) for b in self.blocks if b.parsed.request]

    def request_lines(self) -> list[int]:
        """The absolute request-line number of every request (cheap: nothing is copied)."""
        return [
            b.start_line + b.parsed.request.request_line for b in self.blocks if b.parsed.request
        ]

    def block_at(self, line: int) -> Block | None:
        """The block holding `line`, found by bisection."""
        starts = [b.start_line for b in self.blocks]
        index = bisect_right(starts, line) - 1
        if index < 0:
            return None
        block = self.blocks[index]
        return block if line < block.start_line + max(block.parsed.line_count, 1) else None

    def request_at(self, line: int) -> Request | None:
        """The request whose block holds `line`, with absolute positions."""
        block = self.block_at(line)
        if block is None or block.parsed.request is None:
            return None
        return block.parsed.request.shift(block.start_line)

    def request_named(self, name: str) -> Request | None:
        for block in self.blocks:
            request = block.parsed.request
            if request is not None and request.name == name:
                return request.shift(block.start_line)
        return None

    def file_variables(self) -> list[FileVariable]:
        """Every `@name = value` of the document, in order, with absolute positions."""
        return [v.shift(b.start_line) for b in self.blocks for v in b.parsed.file_variables]

    def file_directives(self) -> list[Directive]:
        """Directives of blocks without a request before the first request: the file's defaults."""
        defaults: list[Directive] = []
        for block in self.blocks:
            if block.parsed.request is not None:
                break
            defaults.extend(d.shift(block.start_line) for d in block.parsed.directives)
        return defaults

    def problems(self) -> list[Problem]:
        """The parser's problems, with absolute positions."""
        return [p.shift(b.start_line) for b in self.blocks for p in b.parsed.problems]
