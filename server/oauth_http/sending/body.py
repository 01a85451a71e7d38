"""Bodies in the response record: decoded as text when they are text, else base64; big ones cut.

Text is decoded with the charset of the Content-Type; without one, UTF-8 for text, JSON and XML
types, and detection (charset-normalizer, which requests already brings) when UTF-8 fails or the
type says nothing (a single-byte guess becomes windows-1252, the web's default). Images,
audio, video, fonts, archives, octet-stream and text that will not decode are given as base64.
A body over the head limit is recorded by its first `limit` bytes, with `truncated` set and
`fullPath` the file that keeps all that arrived (`body_files`); `complete` says whether that is
the whole body or the download stopped at the maximum response size.
"""

from __future__ import annotations

import base64
import codecs
from dataclasses import dataclass

from oauth_http.sending.record_types import RecordBody

_DETECTION_SAMPLE = 64 * 1024
_WEB_DEFAULT = "cp1252"
_TEXT_TYPES = frozenset(
    {
        "application/json",
        "application/xml",
        "application/javascript",
        "application/ecmascript",
        "application/x-www-form-urlencoded",
        "application/graphql",
        "application/x-ndjson",
        "application/yaml",
        "application/x-yaml",
        "application/sql",
        "image/svg+xml",
    }
)
_BINARY_PREFIXES = ("image/", "audio/", "video/", "font/")
_BINARY_TYPES = frozenset(
    {
        "application/octet-stream",
        "application/pdf",
        "application/zip",
        "application/gzip",
        "application/x-gzip",
        "application/x-tar",
        "application/x-7z-compressed",
        "application/vnd.ms-excel",
        "application/msword",
        "application/wasm",
        "application/x-protobuf",
        "application/protobuf",
        "application/cbor",
        "application/msgpack",
    }
)
_SUFFIXES = {
    "application/json": ".json",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "text/html": ".html",
    "text/plain": ".txt",
    "text/csv": ".csv",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "application/pdf": ".pdf",
}


@dataclass(frozen=True, slots=True)
class ContentType:
    """A Content-Type split into its media type (lower case) and charset (as written)."""

    media_type: str
    charset: str | None
    raw: str

    @classmethod
    def parse(cls, value: str | None) -> ContentType:
        text = value or ""
        media_type, _, parameters = text.partition(";")
        charset = None
        for parameter in parameters.split(";"):
            name, _, found = parameter.partition("=")
            if name.strip().lower() == "charset" and found.strip().strip("\"'"):
                charset = found.strip().strip("\"'")
        return cls(media_type.strip().lower(), charset, text)

    @property
    def is_textual(self) -> bool:
        kind = self.media_type
        return (
            kind.startswith("text/")
            or kind in _TEXT_TYPES
            or kind.endswith(("+json", "+xml", "+yaml"))
        )

    @property
    def is_binary(self) -> bool:
        kind = self.media_type
        if kind == "image/svg+xml":
            return False
        return kind.startswith(_BINARY_PREFIXES) or kind in _BINARY_TYPES

    @property
    def is_json(self) -> bool:
        return self.media_type == "application/json" or self.media_type.endswith("+json")

    @property
    def is_xml(self) -> bool:
        kind = self.media_type
        return kind in ("application/xml", "text/xml") or kind.endswith("+xml")

    @property
    def is_html(self) -> bool:
        return self.media_type in ("text/html", "application/xhtml+xml")

    def file_suffix(self) -> str:
        if self.media_type in _SUFFIXES:
            return _SUFFIXES[self.media_type]
        if self.is_json:
            return ".json"
        if self.is_xml:
            return ".xml"
        return ".txt" if self.is_textual else ".bin"


def decode_text(data: bytes, content_type: ContentType, *, cut: bool) -> tuple[str, str] | None:
    """(`text`, charset used) when `data` is text, None when it should be shown as binary.

    `cut` says `data` is the head of a longer body, so an incomplete character at its end is
    dropped rather than taken as proof the body is not text.
    """
    if content_type.is_binary:
        return None
    candidates: list[str] = []
    if content_type.charset:
        candidates.append(content_type.charset)
    if content_type.is_textual or not content_type.media_type:
        candidates.append("utf-8")
    for charset in candidates:
        text = _decode(data, charset, cut=cut)
        if text is not None:
            return text, _canonical(charset)
    if b"\x00" in data[:_DETECTION_SAMPLE] and not content_type.charset:
        return None
    return _detect(data, cut=cut)


def _decode(data: bytes, charset: str, *, cut: bool) -> str | None:
    try:
        decoder = codecs.getincrementaldecoder(charset)("strict")
        return str(decoder.decode(data, final=not cut))
    except (LookupError, UnicodeDecodeError, ValueError):
        return None


def _canonical(charset: str) -> str:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return charset


def _detect(data: bytes, *, cut: bool) -> tuple[str, str] | None:
    """The charset charset-normalizer finds in a sample of `data`, if the whole body decodes."""
    from charset_normalizer import from_bytes

    match = from_bytes(data[:_DETECTION_SAMPLE]).best()
    if match is None or match.encoding is None:
        return None
    encoding = match.encoding
    if _is_single_byte(encoding) and _decode(data, _WEB_DEFAULT, cut=cut) is not None:
        # A short sample cannot tell one legacy single-byte charset from another; the web's
        # default for unlabelled text (windows-1252) is the best of those guesses.
        encoding = _WEB_DEFAULT
    text = _decode(data, encoding, cut=cut)
    return (text, _canonical(encoding)) if text is not None else None


_LATIN_SINGLE_BYTE = frozenset(
    {
        "cp1250", "cp1252", "cp1254", "cp1257", "cp437", "cp850", "mac-roman", "mac-latin2",
        "iso8859-1", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-9", "iso8859-10",
        "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16",
    }
)  # fmt: skip


def _is_single_byte(encoding: str) -> bool:
    """One of the Latin-script single-byte charsets detection cannot tell apart."""
    return _canonical(encoding) in _LATIN_SINGLE_BYTE


def record_body(
    head: bytes,
    size: int,
    content_type: str | None,
    full_path: str | None = None,
    *,
    complete: bool = True,
) -> RecordBody:
    """The record of a body whose first bytes are `head` (all of it when `size == len(head)`);
    `complete` False when the body went on past the `size` bytes that arrived."""
    parsed = ContentType.parse(content_type)
    truncated = size > len(head)
    decoded = decode_text(head, parsed, cut=truncated or not complete)
    return RecordBody(
        text=decoded[0] if decoded else None,
        base64=None if decoded else base64.b64encode(head).decode("ascii"),
        contentType=parsed.raw,
        charset=decoded[1] if decoded else None,
        size=size,
        truncated=truncated,
        fullPath=full_path,
        complete=complete,
    )
