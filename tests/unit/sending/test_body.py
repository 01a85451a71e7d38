"""Response bodies in records: charsets, detection, binary as base64, and bodies over the limit
kept whole in a private temporary file."""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

import pytest
from oauth_http.sending.body import ContentType, decode_text, record_body
from oauth_http.sending.body_files import BodyFiles
from oauth_http.sending.body_sink import BodySink


@pytest.mark.parametrize(
    ("value", "media_type", "charset"),
    [
        ("application/json; charset=utf-8", "application/json", "utf-8"),
        ('text/plain; Charset="ISO-8859-1"', "text/plain", "ISO-8859-1"),
        ("Text/HTML", "text/html", None),
        ("", "", None),
        (None, "", None),
    ],
)
def test_content_type_parsing(value: str | None, media_type: str, charset: str | None) -> None:
    parsed = ContentType.parse(value)
    assert (parsed.media_type, parsed.charset) == (media_type, charset)


def test_text_is_decoded_with_its_charset() -> None:
    body = record_body("café".encode("latin-1"), 5, "text/plain; charset=iso-8859-1")
    assert body["text"] == "café" and body["charset"] == "iso8859-1" and body["base64"] is None
    sjis = "日本語".encode("shift_jis")
    body = record_body(sjis, len(sjis), "text/plain; charset=Shift_JIS")
    assert body["text"] == "日本語" and body["charset"] == "shift_jis"


def test_json_without_charset_is_utf8() -> None:
    data = '{"name": "Zoë ✓"}'.encode()
    body = record_body(data, len(data), "application/json")
    assert body["text"] == '{"name": "Zoë ✓"}' and body["charset"] == "utf-8"


def test_text_without_charset_that_is_not_utf8_is_detected() -> None:
    data = ("Le café de la gare est très célèbre, même à Noël. " * 4).encode("cp1252")
    decoded = decode_text(data, ContentType.parse("text/plain"), cut=False)
    assert decoded is not None
    assert "café" in decoded[0] and "Noël" in decoded[0]


def test_binary_types_are_base64() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    body = record_body(png, len(png), "image/png")
    assert body["text"] is None and base64.b64decode(body["base64"] or "") == png
    assert body["contentType"] == "image/png" and body["size"] == len(png)


def test_undecodable_bytes_with_a_wrong_charset_do_not_choke() -> None:
    data = bytes(range(256)) * 4
    body = record_body(data, len(data), "application/octet-stream")
    assert body["text"] is None and base64.b64decode(body["base64"] or "") == data
    unknown = record_body(b"\x00\x01\xff\xfe" * 50, 200, "")
    assert unknown["text"] is None and unknown["base64"]


def test_an_unknown_charset_name_falls_back() -> None:
    body = record_body(b"plain words", 11, "text/plain; charset=no-such-charset")
    assert body["text"] == "plain words"


def test_a_cut_body_does_not_fail_on_a_split_character() -> None:
    data = "ab✓".encode()[:-1]  # the check mark cut in the middle
    body = record_body(data, 100, "text/plain; charset=utf-8")
    assert body["text"] == "ab" and body["truncated"] is True and body["size"] == 100


def test_sink_keeps_small_bodies_in_memory(tmp_path: Path) -> None:
    sink = BodySink(10, BodyFiles(tmp_path / "bodies"), ".json")
    sink.write(b"12345")
    sink.write(b"67890")
    sink.close()
    assert sink.head == b"1234567890" and sink.size == 10 and sink.path is None
    assert not (tmp_path / "bodies").exists()


def test_sink_spills_bodies_over_the_limit_to_a_private_file(tmp_path: Path) -> None:
    files = BodyFiles(tmp_path / "bodies")
    sink = BodySink(8, files, ".json")
    for chunk in (b"abcde", b"fghij", b"klmno"):
        sink.write(chunk)
    sink.close()
    assert sink.head == b"abcdefgh" and sink.size == 15
    assert sink.path is not None
    path = Path(sink.path)
    assert path.read_bytes() == b"abcdefghijklmno"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "bodies").stat().st_mode) == 0o700
    assert path.name.startswith("response-") and path.suffix == ".json"
    assert files.clean() == 1 and not path.exists()


def test_discarding_removes_the_file(tmp_path: Path) -> None:
    sink = BodySink(2, BodyFiles(tmp_path), ".bin")
    sink.write(b"12345")
    assert sink.path is not None and os.path.exists(sink.path)
    written = sink.path
    sink.discard()
    assert not os.path.exists(written) and sink.path is None


def test_detection_keeps_non_latin_single_byte_text() -> None:
    text = "Привет, как дела? Это тестовый текст на русском языке."
    decoded = decode_text(text.encode("cp1251"), ContentType.parse("text/plain"), cut=False)
    assert decoded == (text, "cp1251")


def test_a_folder_others_can_read_is_not_used(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    files = BodyFiles(shared)
    descriptor, path = files.create(".txt")
    os.close(descriptor)
    assert Path(path).parent != shared and files.folder != shared
    assert stat.S_IMODE(files.folder.stat().st_mode) == 0o700
    assert files.clean() == 1
    files.folder.rmdir()
