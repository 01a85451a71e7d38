"""The pieces a `.http` block parses into: `{{...}}` references, `@name = value` file variables,
`# @` directives and prompts, headers, the body, and the `Request` they make up.

Everything here is immutable and pure data, with exact spans. Positions count from the first line
of the block a piece was parsed in (see `parsed_document`); `shift` makes a copy placed in the
document.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from .spans import Span


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
