"""The body of the request to send, built from the parts the parser found.

Inline text is encoded in the Content-Type's charset (UTF-8 without one); in a urlencoded form
each name and value is percent-encoded unless it already is. `< path` includes are read as bytes
and sent untouched; `<@[encoding] path` includes are decoded and sent with their variables
substituted. Includes are looked for in the given folders, in order, and read only when they lie
within the send's `IncludeReach` (`outside_files`). Whatever stops the body (a missing,
unreadable or outside include, an unknown encoding, a character the charset cannot encode) is a
`Failure` naming the line and the next step.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote, unquote

from oauth_http.sending import failures
from oauth_http.sending.body import ContentType
from oauth_http.sending.failures import Failure
from oauth_http.sending.files import FileReader, find_include
from oauth_http.sending.outside_files import IncludeReach, outside_failure, real_path
from oauth_http.syntax.model import BodyInclude, BodyPart
from oauth_http.variables.results import Unresolved
from oauth_http.variables.scope import VariableScope

_FORM_CONTINUATION = re.compile(r"[ \t]*\r?\n[ \t]*(?=&)")


def build_body(
    parts: tuple[BodyPart, ...] | None,
    *,
    content_type_header: str | None,
    include_dirs: Sequence[Path | None],
    files: FileReader,
    reach: IncludeReach,
    scope: VariableScope,
    unresolved: list[Unresolved],
) -> tuple[bytes | None, Failure | None]:
    """The body's bytes (None without a body), or why it cannot be built. References that an
    `<@` include leaves unresolved are added to `unresolved`."""
    if parts is None:
        return None, None
    content_type = ContentType.parse(content_type_header)
    charset = content_type.charset or "utf-8"
    is_form = content_type.media_type == "application/x-www-form-urlencoded"
    chunks: list[bytes] = []
    for part in parts:
        if isinstance(part, str):
            text = encode_form(_FORM_CONTINUATION.sub("", part)) if is_form else part
            encoded = _encode(text, charset)
            if isinstance(encoded, Failure):
                return None, encoded
            chunks.append(encoded)
            continue
        data = _read_include(part, include_dirs, files, reach)
        if isinstance(data, Failure):
            return None, data
        if part.substitute_variables:
            substituted = _substitute(part, data, scope, unresolved)
            if isinstance(substituted, Failure):
                return None, substituted
            encoded = _encode(substituted, charset)
            if isinstance(encoded, Failure):
                return None, encoded
            data = encoded
        chunks.append(data)
    return b"".join(chunks), None


def encode_form(text: str) -> str:
    """A urlencoded body with each name and value percent-encoded unless it already is (REST
    Client's "automatic" strategy): `status=Hello world!` is sent as `status=Hello%20world%21`."""
    pairs = []
    for piece in text.strip().split("&"):
        name, equals, value = piece.partition("=")
        pairs.append(_encode_component(name) + equals + _encode_component(value))
    return "&".join(pairs)


def _encode_component(text: str) -> str:
    if unquote(text) != text:
        return text
    return quote(text, safe="")


def _read_include(
    include: BodyInclude,
    include_dirs: Sequence[Path | None],
    files: FileReader,
    reach: IncludeReach,
) -> bytes | Failure:
    lookup = find_include(include.path, include_dirs, files)
    line = include.span.start_line + 1
    if lookup.found is None:
        tried = ", ".join(str(path) for path in lookup.tried) or include.path
        return Failure(
            failures.INCLUDE_MISSING,
            f"The body file {include.path!r} (line {line}) does not exist; looked for {tried}.",
            "Fix the path after '<' (relative to the .http file's folder or the workspace "
            "folder), or create the file.",
        )
    real = real_path(lookup.found)  # read where it was checked, not through a symlink again
    if reach.excludes(real):
        return outside_failure(include, real, reach)
    try:
        return files.read_bytes(real)
    except OSError as error:
        return Failure(
            failures.INCLUDE_UNREADABLE,
            f"The body file {lookup.found} (line {line}) cannot be read "
            f"({error.strerror or type(error).__name__}).",
            "Check the file's permissions, then send again.",
        )


def _substitute(
    include: BodyInclude, data: bytes, scope: VariableScope, unresolved: list[Unresolved]
) -> str | Failure:
    encoding = include.encoding or "utf-8"
    try:
        text = data.decode(encoding)
    except LookupError:
        return Failure(
            failures.INCLUDE_UNREADABLE,
            f"'<@{encoding}' (line {include.span.start_line + 1}) names an unknown encoding.",
            "Write a known one, e.g. '<@latin1 path' or '<@utf-8 path'.",
        )
    except UnicodeDecodeError:
        return Failure(
            failures.INCLUDE_UNREADABLE,
            f"The body file {include.path!r} (line {include.span.start_line + 1}) is not "
            f"{encoding} text.",
            "Name its encoding after '<@' (e.g. '<@latin1 path'), or use '< path' to send it "
            "as it is, without substituting variables.",
        )
    resolution = scope.resolve_text(text, include.span.start_line, 0)
    unresolved.extend(resolution.unresolved)
    return resolution.text


def _encode(text: str, charset: str) -> bytes | Failure:
    try:
        return text.encode(charset)
    except LookupError:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        character = error.object[error.start : error.end]
        return Failure(
            failures.BODY_ENCODING,
            f"The body holds {character!r}, which the charset {charset} of its Content-Type "
            "cannot encode.",
            "Change the Content-Type's charset (e.g. charset=utf-8), or escape the character.",
        )
