"""`prepare_signed`: the request as a send would put it on the wire, signed afresh and unmasked,
or the failure that would stop the send; nothing is sent."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from oauth_http.oauth.presets import PRESETS_BY_ID
from oauth_http.oauth.signing import Credentials, OutgoingRequest
from oauth_http.sending.failures import Failure
from oauth_http.sending.oauth_setup import OAuthSetup
from oauth_http.sending.prepare import prepare_signed
from oauth_http.syntax.parser import parse_document

from tests.httpbed.sending import JobSettings, make_job, pick

if TYPE_CHECKING:
    from typing import Unpack

# The requests below go to 127.0.0.1:1, an origin these tests allow the sandbox preset.
SETUP = OAuthSetup(
    PRESETS_BY_ID["sandbox"], Credentials("ck", "cs", "the-token", "ts"), ("http://127.0.0.1:1",)
)


class DictFiles:
    def __init__(self, files: dict[Path, bytes]) -> None:
        self.files = files

    def read_bytes(self, path: Path) -> bytes:
        if path not in self.files:
            raise FileNotFoundError(2, "No such file", str(path))
        return self.files[path]

    def exists(self, path: Path) -> bool:
        return path in self.files


def signed(
    text: str, files: dict[Path, bytes] | None = None, **job: Unpack[JobSettings]
) -> OutgoingRequest | Failure:
    document = parse_document(text)
    made = make_job(document, pick(document), folder=Path("/api"), **job)
    return prepare_signed(made, DictFiles(files or {}))


def oauth_parameters(request: OutgoingRequest) -> dict[str, str]:
    value = dict(request.headers)["Authorization"].removeprefix("OAuth ")
    pairs = (piece.strip().split("=", 1) for piece in value.split(","))
    return {name: quoted.strip('"') for name, quoted in pairs}


def test_a_signed_request_holds_the_token_and_a_fresh_signature_each_time() -> None:
    text = "# @oauth1 sandbox\nGET http://127.0.0.1:1/a?b=1\nAccept: application/json\n"
    first = signed(text, oauth=SETUP)
    second = signed(text, oauth=SETUP)
    assert isinstance(first, OutgoingRequest) and isinstance(second, OutgoingRequest)
    assert first.url == "http://127.0.0.1:1/a?b=1" and first.method == "GET"
    assert dict(first.headers)["Accept"] == "application/json"
    one, two = oauth_parameters(first), oauth_parameters(second)
    assert one["oauth_token"] == "the-token" and one["oauth_consumer_key"] == "ck"
    assert len(one["oauth_signature"]) > 20 and "*" not in one["oauth_signature"]
    assert one["oauth_nonce"] != two["oauth_nonce"]
    assert one["oauth_signature"] != two["oauth_signature"]


def test_a_plain_request_is_returned_unsigned_with_its_include() -> None:
    text = "POST http://127.0.0.1:1/up\nContent-Type: application/octet-stream\n\n< ./b.bin\n"
    result = signed(text, files={Path("/api/b.bin"): b"\x00\xff"})
    assert isinstance(result, OutgoingRequest)
    assert "Authorization" not in dict(result.headers)
    assert result.body == b"\x00\xff"


def test_what_stops_a_send_is_returned_as_its_failure() -> None:
    unresolved = signed("GET http://127.0.0.1:1/?q={{nothing}}\n")
    assert isinstance(unresolved, Failure) and unresolved.kind == "unresolved_variable"
    not_authorized = signed("# @oauth1 sandbox\nGET http://127.0.0.1:1/\n")
    assert isinstance(not_authorized, Failure) and not_authorized.kind == "not_authorized"
    cannot_sign = signed(
        "# @oauth1 sandbox\nGET http://127.0.0.1:1/\n"
        "Content-Type: application/x-www-form-urlencoded\n\na=1\n",
        oauth=SETUP,
    )
    assert isinstance(cannot_sign, Failure) and cannot_sign.kind == "signing"
    assert "GET" in cannot_sign.message and cannot_sign.hint
