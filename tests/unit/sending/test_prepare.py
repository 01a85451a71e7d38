"""From a parsed request to the request to send: variables, includes, URL, settings, and every
reason not to send (each with its kind and a message naming the cause and the next step)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from oauth_http.oauth.presets import PRESETS_BY_ID
from oauth_http.oauth.signing import Credentials
from oauth_http.sending.failures import Failure
from oauth_http.sending.oauth_setup import OAuthSetup, provider_id_for
from oauth_http.sending.outgoing_body import encode_form
from oauth_http.sending.prepare import Prepared, prepare
from oauth_http.sending.session import DEFAULT_TIMEOUT
from oauth_http.syntax.parser import parse_document

from tests.httpbed.sending import JobSettings, make_job, pick

if TYPE_CHECKING:
    from typing import Unpack


class DictFiles:
    """Files at the FileReader seam: path -> bytes."""

    def __init__(self, files: dict[Path, bytes]) -> None:
        self.files = files
        self.read: list[Path] = []

    def read_bytes(self, path: Path) -> bytes:
        self.read.append(path)
        if path not in self.files:
            raise FileNotFoundError(2, "No such file", str(path))
        return self.files[path]

    def exists(self, path: Path) -> bool:
        return path in self.files


DOC_DIR = Path("/work/api")
WORKSPACE = Path("/work")
# The requests below go to example.com, an origin these tests allow the sandbox preset.
SETUP = OAuthSetup(
    PRESETS_BY_ID["sandbox"], Credentials("ck", "cs", "tok", "ts"), ("http://example.com",)
)


def prepared(
    text: str, files: dict[Path, bytes] | None = None, **job: Unpack[JobSettings]
) -> Prepared:
    document = parse_document(text)
    request = pick(document)
    made = make_job(document, request, folder=DOC_DIR, workspace=WORKSPACE, **job)
    return prepare(made, DictFiles(files or {}), DEFAULT_TIMEOUT)


def test_variables_percent_encoding_and_default_headers() -> None:
    result = prepared(
        "@host = example.com\n@q = a b&c\n"
        "GET https://{{host}}/search?q={{%q}}&raw={{q}}\nX-Trace: {{host}}\n"
    )
    assert result.failure is None
    assert result.outgoing.url == "https://example.com/search?q=a%20b%26c&raw=a%20b&c"
    headers = dict(result.outgoing.headers)
    assert headers["X-Trace"] == "example.com"
    assert headers["User-Agent"].startswith("oauth-http/")
    assert result.outgoing.method == "GET" and result.outgoing.body is None


def test_a_user_agent_given_is_kept() -> None:
    result = prepared("GET http://example.com/\nuser-agent: mine/1\n")
    agents = [v for k, v in result.outgoing.headers if k.lower() == "user-agent"]
    assert agents == ["mine/1"]


def test_scheme_defaults_to_http_and_origin_form_takes_the_host_header() -> None:
    assert prepared("GET example.com/a\n").outgoing.url == "http://example.com/a"
    origin = prepared("GET /a/b?c=1\nHost: example.com:8080\n")
    assert origin.failure is None and origin.outgoing.url == "http://example.com:8080/a/b?c=1"
    no_host = prepared("GET /a/b\n")
    assert no_host.failure is not None and no_host.failure.kind == "invalid_url"
    assert "Host header" in no_host.failure.message


def test_an_invalid_url_after_substitution() -> None:
    result = prepared("@base = ftp://files.example.com\nGET {{base}}/x?api_key=abcdef123456\n")
    assert result.failure is not None and result.failure.kind == "invalid_url"
    assert "ftp://files.example.com/x" in result.failure.message
    assert "abcdef123456" not in result.failure.message
    assert "http://" in result.failure.hint


def test_unresolved_variables_stop_the_send_and_say_where_to_define_them() -> None:
    result = prepared("GET http://example.com/{{missing}}\n")
    assert result.failure is not None and result.failure.kind == "unresolved_variable"
    assert "{{missing}}" in result.failure.message and "line 1" in result.failure.message
    assert "http-client.env.json" in result.failure.message
    assert "not sent" in result.failure.hint


def test_an_unsent_named_request_is_named_in_the_message() -> None:
    text = (
        "# @name login\nPOST http://example.com/login\n\n###\n"
        "GET http://example.com/me\nAuthorization: Bearer {{login.response.body.$.token}}\n"
    )
    document = parse_document(text)
    job = make_job(document, pick(document, index=1))
    result = prepare(job, DictFiles({}), DEFAULT_TIMEOUT)
    assert result.failure is not None and result.failure.kind == "unresolved_variable"
    assert "send the request 'login' first" in result.failure.message


def test_a_raw_include_is_sent_byte_for_byte() -> None:
    data = b"\x00\x01binary\xff\nline\r\n"
    result = prepared(
        "POST http://example.com/upload\nContent-Type: application/octet-stream\n\n< ./blob.bin\n",
        {DOC_DIR / "blob.bin": data},
    )
    assert result.failure is None and result.outgoing.body == data


def test_includes_are_looked_for_in_the_file_folder_then_the_workspace() -> None:
    files = {WORKSPACE / "shared.json": b'{"from": "workspace"}'}
    result = prepared("POST http://example.com/\n\n< shared.json\n", files)
    assert result.outgoing.body == b'{"from": "workspace"}'
    files[DOC_DIR / "shared.json"] = b'{"from": "folder"}'
    assert prepared("POST http://example.com/\n\n< shared.json\n", files).outgoing.body == (
        b'{"from": "folder"}'
    )


def test_a_substituting_include_in_its_encoding() -> None:
    files = {
        DOC_DIR / "t.xml": "<name>{{who}} – café</name>".encode(),
        DOC_DIR / "l.txt": "Grüße {{who}}".encode("latin-1"),
    }
    text = "@who = Ada\nPOST http://example.com/\nContent-Type: {ct}\n\n{line}\n"
    utf8 = prepared(text.format(ct="application/xml", line="<@ ./t.xml"), files)
    assert utf8.outgoing.body == "<name>Ada – café</name>".encode()
    latin = prepared(
        text.format(ct="text/plain; charset=iso-8859-1", line="<@latin1 ./l.txt"), files
    )
    assert latin.outgoing.body == "Grüße Ada".encode("latin-1")


def test_inline_text_and_includes_join_in_a_multipart_body() -> None:
    text = (
        "POST http://example.com/\nContent-Type: multipart/form-data; boundary=B\n\n"
        '--B\nContent-Disposition: form-data; name="f"; filename="a.bin"\n\n'
        "< ./a.bin\n--B--\n"
    )
    result = prepared(text, {DOC_DIR / "a.bin": b"\x00AB"})
    assert result.outgoing.body == (
        b'--B\nContent-Disposition: form-data; name="f"; filename="a.bin"\n\n\x00AB\n--B--'
    )


def test_a_missing_include_says_where_it_was_looked_for() -> None:
    result = prepared("POST http://example.com/\n\n< ./nope.json\n")
    assert result.failure is not None and result.failure.kind == "include_missing"
    assert str(DOC_DIR / "nope.json") in result.failure.message
    assert str(WORKSPACE / "nope.json") in result.failure.message


def test_a_substituting_include_in_the_wrong_encoding() -> None:
    files = {DOC_DIR / "l.txt": "Grüße".encode("latin-1")}
    result = prepared("POST http://example.com/\n\n<@ ./l.txt\n", files)
    assert result.failure is not None and result.failure.kind == "include_unreadable"
    assert "<@latin1" in result.failure.hint


def test_variables_inside_an_include_must_resolve() -> None:
    files = {DOC_DIR / "t.json": b'{"k": "{{nowhere}}"}'}
    result = prepared("POST http://example.com/\n\n<@ ./t.json\n", files)
    assert result.failure is not None and result.failure.kind == "unresolved_variable"
    assert "nowhere" in result.failure.message


def test_form_bodies_are_joined_and_encoded() -> None:
    text = (
        "@name = Ada L.\nPOST http://example.com/\n"
        "Content-Type: application/x-www-form-urlencoded\n\n"
        "status=Hello {{name}}!\n&already=a%20b\n&plus=1+1\n"
    )
    result = prepared(text)
    assert result.outgoing.body == b"status=Hello%20Ada%20L.%21&already=a%20b&plus=1%2B1"
    assert encode_form("a=100%") == "a=100%25"


def test_a_charset_that_cannot_hold_the_body() -> None:
    result = prepared(
        "POST http://example.com/\nContent-Type: text/plain; charset=ascii\n\nnaïve\n"
    )
    assert result.failure is not None and result.failure.kind == "body_encoding"


def test_directives_and_file_defaults() -> None:
    text = "# @no-cookie-jar\n###\n# @timeout 2.5\n# @no-redirect\nGET http://example.com/\n"
    result = prepared(text)
    assert result.timeout == 2.5 and not result.follow_redirects and not result.use_cookies
    plain = prepared("GET http://example.com/\n")
    assert plain.timeout == DEFAULT_TIMEOUT and plain.follow_redirects and plain.use_cookies
    assert prepared("GET http://example.com/\n", timeout=7.0).timeout == 7.0


def test_signed_requests_need_credentials() -> None:
    text = "# @oauth1 sandbox\n###\nGET http://example.com/\n"
    document = parse_document(text)
    assert provider_id_for(pick(document), document.file_directives()) == "sandbox"
    missing = prepared(text)
    assert missing.failure is not None and missing.failure.kind == "not_authorized"
    assert "oauth-http authorize sandbox" in missing.failure.hint
    given = Failure("provider", "Unknown provider.", "Fix it.")
    assert prepared(text, oauth=given).failure == given
    ready = prepared(text, oauth=SETUP)
    assert ready.failure is None and ready.signer is not None and ready.provider_id == "sandbox"
    unsigned = prepared("GET http://example.com/\n", oauth=SETUP)
    assert unsigned.signer is None and unsigned.failure is None


def test_a_request_names_its_own_provider_over_the_file_default() -> None:
    text = "# @oauth1 sandbox\n###\n# @oauth1 twitter\nGET http://example.com/\n"
    document = parse_document(text)
    assert provider_id_for(pick(document), document.file_directives()) == "twitter"


@pytest.mark.parametrize("method", ["GET", "DELETE", "PATCH"])
def test_the_method_is_kept(method: str) -> None:
    assert prepared(f"{method} http://example.com/\n").outgoing.method == method
