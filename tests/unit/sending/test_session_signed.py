"""Signed sends: to the sandbox on 127.0.0.1 with a token from its real three legs, and to the
httpbed to see exactly what went on the wire (redirect rules, masking)."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import replace
from types import SimpleNamespace
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from oauth_http.oauth.interaction import Consumer
from oauth_http.oauth.origins import origin_of
from oauth_http.oauth.presets import PRESETS_BY_ID
from oauth_http.oauth.providers import build_registry
from oauth_http.oauth.secret_keys import (
    StoredToken,
    consumer_secret_name,
    encode_consumer,
    encode_token,
    token_secret_name,
)
from oauth_http.oauth.signing import Credentials
from oauth_http.sandbox import accounts
from oauth_http.sandbox.server import RunningSandbox, start_sandbox
from oauth_http.sending.failures import Failure
from oauth_http.sending.oauth_setup import OAuthSetup, load_oauth
from oauth_http.sending.record_types import ResponseRecord
from oauth_http.sending.session import Sender

from tests.httpbed import RunningBed
from tests.httpbed.sending import AccessToken, authorize_with_sandbox, send_text, text_of
from tests.oauth1_reference import signature

FOLDER = "file:///workspace"
SANDBOX = PRESETS_BY_ID["sandbox"]
CONSUMER_SECRET = accounts.SANDBOX_CONSUMER_SECRET


class Secrets:
    """Secret storage at its seam: a dictionary."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    async def get(self, key: str) -> str | None:
        return self.values.get(key)

    async def store(self, key: str, value: str) -> None:
        self.values[key] = value

    async def delete(self, key: str) -> None:
        self.values.pop(key, None)


@pytest.fixture(scope="module")
def access(sandbox: RunningSandbox) -> AccessToken:
    return authorize_with_sandbox(sandbox.url, accounts.SANDBOX_CONSUMER_KEY, CONSUMER_SECRET)


@pytest.fixture(scope="module")
def secrets(access: AccessToken) -> Secrets:
    store = Secrets()
    consumer = Consumer(accounts.SANDBOX_CONSUMER_KEY, CONSUMER_SECRET)
    store.values[consumer_secret_name(FOLDER, "sandbox")] = encode_consumer(consumer)
    token = StoredToken(access.token, access.secret, "sandbox_user", "1000001")
    store.values[token_secret_name(FOLDER, "sandbox")] = encode_token(token)
    return store


@pytest.fixture(scope="module")
def setup(secrets: Secrets, sandbox: RunningSandbox, bed: RunningBed) -> OAuthSetup:
    """The sandbox preset's credentials, allowed (as a user would) to go to the session's
    sandbox and the httpbed, under both of its names, which are not the preset's own origin."""
    loaded = asyncio.run(load_oauth("sandbox", build_registry(), FOLDER, secrets))
    assert isinstance(loaded, OAuthSetup)
    return replace(loaded, allowed_origins=allowed(sandbox.url, bed.url, localhost(bed)))


def allowed(*urls: str) -> tuple[str, ...]:
    return tuple(origin for url in urls if (origin := origin_of(url)) is not None)


def localhost(bed: RunningBed) -> str:
    return f"http://localhost:{bed.port}"


def secret_values(access: AccessToken) -> list[str]:
    return [access.token, access.secret, CONSUMER_SECRET]


def assert_no_secret(record: ResponseRecord, secrets: list[str]) -> None:
    text = json.dumps(record, ensure_ascii=False)
    for secret in secrets:
        assert secret not in text, secret


def oauth_header(value: str) -> dict[str, str]:
    pairs = signature.collect_parameters(
        headers={"Authorization": value}, exclude_oauth_signature=False
    )
    return dict(pairs)


def test_a_signed_get_to_the_sandbox(
    sandbox: RunningSandbox, sender: Sender, setup: OAuthSetup, access: AccessToken
) -> None:
    url = f"{sandbox.url}/1.1/account/verify_credentials.json?include_email=true"
    record = send_text(sender, f"# @oauth1 sandbox\n###\nGET {url}\n", oauth=setup)
    assert record["status"] == 200 and record["error"] is None
    assert json.loads(text_of(record["body"]))["screen_name"] == "sandbox_user"
    oauth = record["oauth"]
    assert oauth is not None
    assert (oauth["provider"], oauth["signatureMethod"], oauth["placement"]) == (
        "sandbox",
        "HMAC-SHA1",
        "header",
    )
    base = oauth["baseString"] or ""
    assert base.startswith(f"GET&http%3A%2F%2F127.0.0.1%3A{sandbox.port}%2F1.1%2Faccount")
    assert "include_email%3Dtrue" in base and "oauth_consumer_key%3Dsandbox-consumer" in base
    authorization = dict(record["request"]["headers"])["Authorization"]
    assert authorization.startswith("OAuth ")
    assert 'oauth_consumer_key="sandbox-consumer"' in authorization
    assert 'oauth_signature_method="HMAC-SHA1"' in authorization
    assert 'oauth_token="••••"' in authorization
    assert record["request"]["url"] == url
    assert_no_secret(record, secret_values(access))


def test_what_went_on_the_wire_is_masked_in_the_record(
    bed: RunningBed, sender: Sender, setup: OAuthSetup, access: AccessToken
) -> None:
    record = send_text(sender, f"# @oauth1 sandbox\n###\nGET {bed.url}/echo\n", oauth=setup)
    wire = oauth_header(bed.requests_seen[-1].header("Authorization") or "")
    assert wire["oauth_token"] == access.token
    sent_signature = wire["oauth_signature"]
    echoed = text_of(record["body"])
    assert "oauth_signature" in echoed  # the echo repeats the header, masked in the record
    assert_no_secret(record, [*secret_values(access), sent_signature])


@pytest.mark.parametrize("placement", ["query", "body"])
def test_other_placements(
    sandbox: RunningSandbox, sender: Sender, setup: OAuthSetup, access: AccessToken, placement: str
) -> None:
    placed = replace(setup, provider=replace(SANDBOX, signature_placement=placement))
    text = (
        f"# @oauth1 sandbox\n###\nPOST {sandbox.url}/1.1/echo?a=1\n"
        "Content-Type: application/x-www-form-urlencoded\n\nstatus=hi there\n"
    )
    record = send_text(sender, text, oauth=placed)
    assert record["status"] == 200, record["body"]
    echoed = json.loads(text_of(record["body"]))
    assert echoed["oauth_placement"] == placement and echoed["token"] == "access"
    assert ["status", "hi there"] in echoed["form"]
    if placement == "query":
        query = dict(parse_qsl(urlsplit(record["request"]["url"]).query))
        assert query["oauth_consumer_key"] == "sandbox-consumer"
        assert query["oauth_token"] == query["oauth_signature"] == "••••"
    else:
        form = text_of(record["request"]["body"])
        assert "status=hi+there" in form and "oauth_nonce=" in form
        assert "oauth_signature=" in form and "Authorization" not in dict(
            record["request"]["headers"]
        )
    assert record["oauth"] is not None and record["oauth"]["placement"] == placement
    assert_no_secret(record, secret_values(access))


def test_rsa_signing_with_a_key_file(sandbox: RunningSandbox, sender: Sender) -> None:
    store = Secrets()
    rsa_provider = replace(
        SANDBOX,
        id="sandbox-rsa",
        signature_method="RSA-SHA1",
        private_key_file=accounts.demo_rsa_private_key_path(),
    )
    store.values[consumer_secret_name(FOLDER, "sandbox-rsa")] = encode_consumer(
        Consumer(accounts.SANDBOX_RSA_CONSUMER_KEY, "")
    )
    store.values[token_secret_name(FOLDER, "sandbox-rsa")] = encode_token(
        StoredToken(accounts.SANDBOX_RSA_ACCESS_TOKEN, accounts.SANDBOX_RSA_ACCESS_TOKEN_SECRET)
    )
    registry = replace(build_registry(), providers={"sandbox-rsa": rsa_provider})
    loaded = asyncio.run(load_oauth("sandbox-rsa", registry, FOLDER, store))
    assert isinstance(loaded, OAuthSetup)
    text = f"# @oauth1 sandbox-rsa\nGET {sandbox.url}/1.1/echo\n"
    record = send_text(sender, text, oauth=replace(loaded, allowed_origins=allowed(sandbox.url)))
    assert record["status"] == 200
    assert json.loads(text_of(record["body"]))["signature_method"] == "RSA-SHA1"
    missing = replace(rsa_provider, private_key_file="/nonexistent/key.pem")
    registry = replace(build_registry(), providers={"sandbox-rsa": missing})
    failure = asyncio.run(load_oauth("sandbox-rsa", registry, FOLDER, store))
    assert isinstance(failure, Failure) and failure.kind == "key_file"
    assert "/nonexistent/key.pem" in failure.message


def test_same_host_redirects_are_signed_again(
    bed: RunningBed, sender: Sender, setup: OAuthSetup
) -> None:
    text = f"# @oauth1 sandbox\n###\nGET {bed.url}/redirect?to=/echo%3Fb%3D2%26oauth_token%3Dx\n"
    record = send_text(sender, text, oauth=setup)
    first, final = bed.requests_seen[-2:]
    assert first.path == "/redirect" and final.path == "/echo"
    assert final.query == [("b", "2")]  # oauth_* from the Location is not carried over
    one = oauth_header(first.header("Authorization") or "")
    two = oauth_header(final.header("Authorization") or "")
    assert (
        one["oauth_nonce"] != two["oauth_nonce"]
        and one["oauth_signature"] != two["oauth_signature"]
    )
    assert verifies(setup, "GET", f"{bed.url}/echo?b=2", final.header("Authorization") or "")
    assert record["redirects"] == [f"{bed.url}/echo?b=2"]
    assert "Authorization" in dict(record["request"]["headers"])


def test_a_redirect_to_another_host_is_not_signed(
    bed: RunningBed, sender: Sender, setup: OAuthSetup
) -> None:
    target = f"{bed.other_host_url}/echo?c=3&oauth_signature=leak"
    text = f"# @oauth1 sandbox\n###\nGET {bed.url}/redirect?to={target.replace('&', '%26')}\n"
    record = send_text(sender, text, oauth=setup)
    final = bed.requests_seen[-1]
    assert final.host == f"localhost:{bed.port}" and final.path == "/echo"
    assert final.header("Authorization") is None and final.query == [("c", "3")]
    assert "Authorization" not in dict(record["request"]["headers"])
    assert record["request"]["url"] == f"{bed.other_host_url}/echo?c=3"


def test_a_307_post_keeps_its_body_and_is_signed_again(
    bed: RunningBed, sender: Sender, setup: OAuthSetup
) -> None:
    in_body = replace(setup, provider=replace(SANDBOX, signature_placement="body"))
    text = (
        f"# @oauth1 sandbox\n###\nPOST {bed.url}/redirect?status=307&to=/echo\n"
        "Content-Type: application/x-www-form-urlencoded\n\nq=1\n"
    )
    send_text(sender, text, oauth=in_body)
    first, final = bed.requests_seen[-2:]
    assert final.method == "POST" and final.path == "/echo"
    one = dict(parse_qsl(first.body.decode()))
    two = dict(parse_qsl(final.body.decode()))
    assert one["q"] == two["q"] == "1" and one["oauth_nonce"] != two["oauth_nonce"]


def verifies(setup: OAuthSetup, method: str, url: str, authorization: str) -> bool:
    """Check an HMAC-SHA1 signature independently, from oauthlib's RFC 5849 functions."""
    params = signature.collect_parameters(
        uri_query=urlsplit(url).query, headers={"Authorization": authorization}
    )
    base = signature.signature_base_string(
        method,
        signature.base_string_uri(url),
        signature.normalize_parameters(params),
    )
    credentials: Credentials = setup.credentials
    client = SimpleNamespace(
        client_secret=credentials.consumer_secret, resource_owner_secret=credentials.token_secret
    )
    expected = signature.sign_hmac_sha1_with_client(base, client)
    return bool(unquote(oauth_header(authorization)["oauth_signature"]) == expected)


def test_refusals_explained(
    sandbox: RunningSandbox, sender: Sender, setup: OAuthSetup, access: AccessToken
) -> None:
    url = f"{sandbox.url}/1.1/account/verify_credentials.json"
    text = f"# @oauth1 sandbox\n###\nGET {url}\n"
    cases = {
        "token_rejected": replace(setup.credentials, token="1000001-not-a-token"),
        "signature_invalid": replace(setup.credentials, token_secret="wrong-secret"),
        "consumer_key_unknown": replace(setup.credentials, consumer_key="who-is-this"),
    }
    for problem, credentials in cases.items():
        record = send_text(sender, text, oauth=replace(setup, credentials=credentials))
        assert record["status"] == 401
        error = record["error"]
        assert error is not None and error["kind"] == "oauth_problem", record
        assert problem in error["message"]
        assert record["oauth"] is not None and record["oauth"]["baseString"]
        assert_no_secret(record, [*secret_values(access), "wrong-secret"])


def test_a_clock_ahead_of_the_server(sender: Sender, setup: OAuthSetup) -> None:
    with start_sandbox(clock=lambda: time.time() - 3600) as late:
        pinned = replace(setup, credentials=replace(
            setup.credentials,
            token=accounts.SANDBOX_ACCESS_TOKEN,
            token_secret=accounts.SANDBOX_ACCESS_TOKEN_SECRET,
        ), allowed_origins=allowed(late.url))  # fmt: skip
        record = send_text(
            sender, f"# @oauth1 sandbox\n###\nGET {late.url}/1.1/echo\n", oauth=pinned
        )
    error = record["error"]
    assert record["status"] == 401 and error is not None and error["kind"] == "oauth_problem"
    assert "timestamp_refused" in error["message"] and "ahead of the server's" in error["message"]
    seconds = int(error["message"].split("about ")[1].split(" ")[0])
    assert 3590 <= seconds <= 3610
    assert "clock" in error["hint"]


def test_a_body_that_cannot_be_signed_is_not_sent(
    bed: RunningBed, sender: Sender, setup: OAuthSetup
) -> None:
    before = len(bed.requests_seen)
    text = (
        f"# @oauth1 sandbox\n###\nGET {bed.url}/echo\n"
        "Content-Type: application/x-www-form-urlencoded\n\na=1\n"
    )
    record = send_text(sender, text, oauth=setup)
    error = record["error"]
    assert error is not None and error["kind"] == "signing" and record["status"] is None
    assert "GET" in error["message"]
    assert len(bed.requests_seen) == before


def test_not_authorized_and_unknown_providers(bed: RunningBed, sender: Sender) -> None:
    empty = Secrets()
    missing = asyncio.run(load_oauth("sandbox", build_registry(), FOLDER, empty))
    assert isinstance(missing, Failure) and missing.kind == "not_authorized"
    assert "oauth-http authorize sandbox" in missing.hint
    before = len(bed.requests_seen)
    record = send_text(sender, f"# @oauth1 sandbox\nGET {bed.url}/echo\n", oauth=missing)
    assert record["error"] is not None and record["error"]["kind"] == "not_authorized"
    assert len(bed.requests_seen) == before
    unknown = asyncio.run(load_oauth("sandbx", build_registry(), FOLDER, empty))
    assert isinstance(unknown, Failure) and unknown.kind == "provider"
    assert 'Did you mean "sandbox"' in unknown.message
