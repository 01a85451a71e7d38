"""A response body on stdout, for `oauth-http send`, streamed rather than read whole.

The body comes from the record when the record holds all of it, else from its file in
`CHUNK_SIZE` pieces, so a body of any size costs a chunk of memory. Text is decoded as it
streams and JSON indented as it streams (`json_pretty`); `--raw` writes a body file's bytes
unchanged. A body that stopped at the maximum response size is written as the cut prefix it is,
not indented. `write_body` returns the notes for stderr (cut, nested too deep, not JSON after
some point).
"""

from __future__ import annotations

import base64
import codecs
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from oauth_http.cli.json_pretty import MAX_DEPTH, PrettyJson
from oauth_http.sending.record_types import RecordBody

CHUNK_SIZE = 64 * 1024


def write_body(body: RecordBody, *, raw: bool, stdout: TextIO) -> list[str]:
    """Write `body` to `stdout` (binary bodies only with `raw`); the notes for stderr."""
    notes: list[str] = []
    path = _full_file(body)
    if body["truncated"] and body["fullPath"] and path is None:
        notes.append(
            f"* The file with the whole body ({body['fullPath']}) is gone: printing the first "
            "part the record keeps."
        )
    if not body["complete"]:
        notes.append(
            f"* The body printed is cut: the download stopped at {body['size']:,} bytes (the "
            "maximum response size); it is printed as it came, not indented."
        )
    if body["text"] is None:
        _write_binary(body, path, raw=raw, stdout=stdout)
        return notes
    if raw and path is not None:
        if not _write_bytes(_file_chunks(path), stdout).endswith(b"\n"):
            stdout.write("\n")  # text ends with a line break, as the record's text does
        stdout.flush()
        return notes
    pieces = _text_pieces(body, path)
    if raw or not body["complete"] or not _looks_json(body):
        _write_text(pieces, stdout)
    else:
        notes.extend(_write_pretty(pieces, stdout))
    stdout.flush()
    return notes


def _write_pretty(pieces: Iterator[str], stdout: TextIO) -> list[str]:
    last = _LastCharacter(stdout)
    printer = PrettyJson(last.write)
    for piece in pieces:
        printer.feed(piece)
    outcome = printer.close()
    last.end_line()
    notes = []
    if outcome.deep:
        notes.append(
            f"* JSON nested deeper than {MAX_DEPTH} levels: the deeper values are printed as "
            "they came."
        )
    if outcome.error_offset:
        notes.append(
            f"* The body is not valid JSON from character {outcome.error_offset:,} on: printed "
            "as it came from there."
        )
    return notes


def _write_text(pieces: Iterator[str], stdout: TextIO) -> None:
    writer = _LastCharacter(stdout)
    for piece in pieces:
        writer.write(piece)
    writer.end_line()


class _LastCharacter:
    """Writes text and remembers whether it ended a line, to end the output with one."""

    def __init__(self, stdout: TextIO) -> None:
        self.stdout = stdout
        self.last = ""

    def write(self, text: str) -> None:
        if text:
            self.stdout.write(text)
            self.last = text[-1]

    def end_line(self) -> None:
        if self.last and self.last != "\n":
            self.stdout.write("\n")


def _text_pieces(body: RecordBody, path: Path | None) -> Iterator[str]:
    if path is None:
        yield body["text"] or ""
        return
    decoder = _decoder(body["charset"])
    for chunk in _file_chunks(path):
        yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)


def _decoder(charset: str | None) -> codecs.IncrementalDecoder:
    try:
        return codecs.getincrementaldecoder(charset or "utf-8")("replace")
    except LookupError:
        return codecs.getincrementaldecoder("utf-8")("replace")


def _write_binary(body: RecordBody, path: Path | None, *, raw: bool, stdout: TextIO) -> None:
    if not raw:
        print(
            f"[{body['size']} bytes of {body['contentType'] or 'binary data'}: "
            "add --raw to print them]",
            file=stdout,
        )
        return
    if path is not None:
        _write_bytes(_file_chunks(path), stdout)
    else:
        _write_bytes(iter([base64.b64decode(body["base64"] or "")]), stdout)


def _write_bytes(chunks: Iterator[bytes], stdout: TextIO) -> bytes:
    """Write the bytes unchanged; the last of them (b"" when there were none)."""
    stdout.flush()
    buffer: BinaryIO = getattr(stdout, "buffer", sys.stdout.buffer)
    last = b""
    for chunk in chunks:
        buffer.write(chunk)
        last = chunk[-1:] or last
    buffer.flush()
    return last


def _full_file(body: RecordBody) -> Path | None:
    """The file holding all of the body when the record holds only its start."""
    if not body["truncated"] or not body["fullPath"]:
        return None
    path = Path(body["fullPath"])
    return path if path.is_file() else None


def _file_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_SIZE):
            yield chunk


def _looks_json(body: RecordBody) -> bool:
    kind = body["contentType"].split(";", maxsplit=1)[0].strip().lower()
    if kind == "application/json" or kind.endswith("+json"):
        return True
    head = (body["text"] or "").lstrip()[:1]
    return head in ("{", "[")
