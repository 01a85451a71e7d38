"""The real token transport over HTTP on 127.0.0.1: the sandbox for real exchanges, and a
scripted local server for answers a provider should not give. Each failure's message is checked."""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

import pytest
from oauth_http.oauth.errors import TokenRequestError
from oauth_http.oauth.flow import Authorized, authorize
from oauth_http.oauth.flow_outcomes import Failed
from oauth_http.oauth.interaction import Consumer, RequestToken
from oauth_http.oauth.presets import PRESETS_BY_ID
from oauth_http.oauth.provider_model import Provider
from oauth_http.oauth.token_errors import TokenStep, connection_error
from oauth_http.oauth.token_transport import RequestsTokenTransport
from oauth_http.sandbox.accounts import (
    SANDBOX_CONSUMER_KEY,
    SANDBOX_CONSUMER_SECRET,
    SANDBOX_RSA_CONSUMER_KEY,
    demo_rsa_private_key_path,
)
from oauth_http.sandbox.browser import approve
from oauth_http.sandbox.server import RunningSandbox, start_sandbox

from tests.unit.oauth.flow_fakes import DictSecrets, FakeInteraction, FakeProgress

if TYPE_CHECKING:
    from typing import Unpack

GOOD = Consumer(SANDBOX_CONSUMER_KEY, SANDBOX_CONSUMER_SECRET)


class ProviderChanges(TypedDict, total=False):
    signature_method: str
    signature_placement: str
    private_key_file: str


def pointed_at(base: str, **changes: Unpack[ProviderChanges]) -> Provider:
    sandbox = PRESETS_BY_ID["sandbox"]
    return replace(
        sandbox,
        request_token_url=f"{base}/oauth/request_token",
        authorize_url=f"{base}/oauth/authorize",
        access_token_url=f"{base}/oauth/access_token",
        **changes,
    )


async def failure(call: Awaitable[object]) -> TokenRequestError:
    with pytest.raises(TokenRequestError) as caught:
        await call
    return caught.value


class ScriptedHandler(BaseHTTPRequestHandler):
    """Answers every POST with the server's `answer` (status, content type, body, delay)."""

    server: ScriptedServer

    def do_POST(self) -> None:
        answer = self.server.answers.get(self.path.split("?")[0], self.server.answer)
        status, content_type, body, delay = answer
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        time.sleep(delay)
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


class ScriptedServer(ThreadingHTTPServer):
    daemon_threads = True
    answer: tuple[int, str, str, float] = (200, "text/plain", "", 0.0)
    answers: dict[str, tuple[int, str, str, float]]  # by path, before `answer`


@pytest.fixture
def scripted() -> Iterator[ScriptedServer]:
    server = ScriptedServer(("127.0.0.1", 0), ScriptedHandler)
    server.answers = {}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def scripted_provider(server: ScriptedServer) -> Provider:
    return pointed_at(f"http://127.0.0.1:{server.server_address[1]}")


async def test_a_real_exchange_with_the_sandbox(sandbox: RunningSandbox) -> None:
    provider = pointed_at(sandbox.url)
    transport = RequestsTokenTransport()
    request_token = await transport.fetch_request_token(provider, GOOD)
    assert request_token.token and request_token.callback_confirmed
    pin = approve(f"{provider.authorize_url}?oauth_token={request_token.token}")
    access = await transport.fetch_access_token(provider, GOOD, request_token, pin)
    assert access.token.startswith("1000001-")
    assert access.extra == {"user_id": "1000001", "screen_name": "sandbox_user"}


@pytest.mark.parametrize(
    ("method", "placement"),
    [("HMAC-SHA256", "query"), ("HMAC-SHA512", "body"), ("PLAINTEXT", "header")],
)
async def test_other_methods_and_placements_get_a_request_token(
    sandbox: RunningSandbox, method: str, placement: str
) -> None:
    provider = pointed_at(sandbox.url, signature_method=method, signature_placement=placement)
    token = await RequestsTokenTransport().fetch_request_token(provider, GOOD)
    assert token.token


async def test_rsa_sha1_with_the_demo_key_file(sandbox: RunningSandbox) -> None:
    key_path = Path(demo_rsa_private_key_path())
    provider = pointed_at(sandbox.url, signature_method="RSA-SHA1", private_key_file=key_path.name)
    transport = RequestsTokenTransport(key_file_base=key_path.parent)
    token = await transport.fetch_request_token(provider, Consumer(SANDBOX_RSA_CONSUMER_KEY, ""))
    assert token.token


class ApprovingInteraction(FakeInteraction):
    """Approves in the sandbox's page when the flow opens it, then types the PIN it got."""

    async def open_url(self, url: str) -> bool:
        import asyncio

        self.answers.append(await asyncio.to_thread(approve, url))
        return await super().open_url(url)


async def test_the_whole_flow_with_the_real_transport(sandbox: RunningSandbox) -> None:
    secrets = DictSecrets()
    interaction = ApprovingInteraction([SANDBOX_CONSUMER_KEY, SANDBOX_CONSUMER_SECRET])
    outcome = await authorize(
        pointed_at(sandbox.url),
        folder="file:///w",
        interaction=interaction,
        secrets=secrets,
        transport=RequestsTokenTransport(),
        progress=FakeProgress(),
    )
    assert outcome == Authorized("sandbox", "sandbox_user", "Authorized sandbox as sandbox_user")
    assert len(secrets.values) == 2


async def test_an_unknown_consumer_key_says_to_check_it(sandbox: RunningSandbox) -> None:
    provider = pointed_at(sandbox.url)
    call = RequestsTokenTransport().fetch_request_token(provider, Consumer("nobody", "x"))
    error = await failure(call)
    assert error.kind == "consumer_key_unknown"
    assert "HTTP 401, consumer_key_unknown" in error.message
    assert "check the consumer key" in error.message


async def test_a_wrong_consumer_secret_says_to_check_it(sandbox: RunningSandbox) -> None:
    call = RequestsTokenTransport().fetch_request_token(
        pointed_at(sandbox.url), Consumer(SANDBOX_CONSUMER_KEY, "wrong")
    )
    error = await failure(call)
    assert "signature_invalid" in error.message and "check the consumer secret" in error.message
    assert "wrong" not in error.message


async def test_a_wrong_pin_says_to_authorize_again(sandbox: RunningSandbox) -> None:
    provider = pointed_at(sandbox.url)
    transport = RequestsTokenTransport()
    request_token = await transport.fetch_request_token(provider, GOOD)
    approve(f"{provider.authorize_url}?oauth_token={request_token.token}")
    error = await failure(transport.fetch_access_token(provider, GOOD, request_token, "0000000"))
    assert error.kind == "verifier_invalid"
    assert "the PIN was wrong or expired; authorize again" in error.message


async def test_a_stopped_provider_is_connection_refused() -> None:
    stopped = start_sandbox()
    stopped.stop()
    call = RequestsTokenTransport().fetch_request_token(pointed_at(stopped.url), GOOD)
    error = await failure(call)
    assert error.kind == "connection-refused"
    assert f"127.0.0.1:{stopped.port}" in error.message
    assert "oauth-http sandbox" in error.message


async def test_tls_to_a_plain_http_port_says_so(sandbox: RunningSandbox) -> None:
    provider = pointed_at(sandbox.url.replace("http://", "https://"))
    error = await failure(RequestsTokenTransport().fetch_request_token(provider, GOOD))
    assert error.kind == "tls"
    assert "Request Token URL" in error.message and "scheme" in error.message


async def test_a_missing_endpoint_names_the_url_key(sandbox: RunningSandbox) -> None:
    provider = replace(pointed_at(sandbox.url), request_token_url=f"{sandbox.url}/oauth/nope")
    error = await failure(RequestsTokenTransport().fetch_request_token(provider, GOOD))
    assert "HTTP 404" in error.message
    assert f"check the Request Token URL ({sandbox.url}/oauth/nope)" in error.message


async def test_a_web_page_instead_of_a_token(scripted: ScriptedServer) -> None:
    scripted.answer = (200, "text/html", "<html><body>Sign in</body></html>", 0.0)
    call = RequestsTokenTransport().fetch_request_token(scripted_provider(scripted), GOOD)
    error = await failure(call)
    assert error.kind == "not-a-token"
    assert "with a web page instead of a token" in error.message
    assert "Sign in" not in error.message


async def test_json_instead_of_a_token(scripted: ScriptedServer) -> None:
    scripted.answer = (200, "application/json", '{"error": "nope"}', 0.0)
    call = RequestsTokenTransport().fetch_request_token(scripted_provider(scripted), GOOD)
    error = await failure(call)
    assert "something that is not a token" in error.message and '"error"' in error.message


async def test_a_token_response_without_oauth_token(scripted: ScriptedServer) -> None:
    scripted.answer = (200, "application/x-www-form-urlencoded", "oauth_token_secret=x", 0.0)
    call = RequestsTokenTransport().fetch_request_token(scripted_provider(scripted), GOOD)
    error = await failure(call)
    assert error.kind == "token-missing"
    assert "without an oauth_token" in error.message
    assert "oauth_token_secret=••••" in error.message and "=x" not in error.message


async def test_a_refusal_without_oauth_problem_quotes_the_body(scripted: ScriptedServer) -> None:
    scripted.answer = (401, "application/json", '{"errors":[{"code":32}]}', 0.0)
    call = RequestsTokenTransport().fetch_request_token(scripted_provider(scripted), GOOD)
    error = await failure(call)
    assert "HTTP 401" in error.message and '"code":32' in error.message
    assert "check the consumer key and secret" in error.message


async def test_a_slow_provider_times_out(scripted: ScriptedServer) -> None:
    scripted.answer = (200, "text/plain", "oauth_token=a&oauth_token_secret=b", 1.0)
    call = RequestsTokenTransport(timeout=0.2).fetch_request_token(
        scripted_provider(scripted), GOOD
    )
    error = await failure(call)
    assert error.kind == "timeout"
    assert "did not answer the request token request within 0.2 s" in error.message


async def test_an_unreadable_private_key_file(tmp_path: Path) -> None:
    provider = pointed_at(
        "http://127.0.0.1:9", signature_method="RSA-SHA1", private_key_file="missing.pem"
    )
    transport = RequestsTokenTransport(key_file_base=tmp_path)
    error = await failure(transport.fetch_request_token(provider, Consumer("k", "")))
    assert error.kind == "key-file"
    assert str(tmp_path / "missing.pem") in error.message
    assert '"Private Key File"' in error.message


async def test_a_private_key_file_that_is_not_a_key(tmp_path: Path) -> None:
    (tmp_path / "key.pem").write_text("-----BEGIN NOTHING-----\n", encoding="utf-8")
    provider = pointed_at(
        "http://127.0.0.1:9",
        signature_method="RSA-SHA1",
        private_key_file=str(tmp_path / "key.pem"),
    )
    error = await failure(RequestsTokenTransport().fetch_request_token(provider, Consumer("k", "")))
    assert error.kind == "key-file"
    assert "could not be read as a private key" in error.message


def test_a_name_resolution_failure_says_to_check_the_host() -> None:
    # Resolving a real unknown name would query a DNS server; the mapping is checked on the text
    # urllib3 reports instead.
    step = TokenStep(pointed_at("https://api.nowhere.example"), access=False)
    error = connection_error(
        step,
        "api.nowhere.example",
        "api.nowhere.example",
        "NameResolutionError: Failed to resolve 'api.nowhere.example' "
        "([Errno -2] Name or service not known)",
    )
    assert error.kind == "dns"
    assert "Could not resolve the host api.nowhere.example" in error.message


FORM = "application/x-www-form-urlencoded"
TOKEN_VALUE = "Rt5request-token-Xy"
SECRET_VALUE = "Sc6token-secret-Zq"


@pytest.mark.parametrize(
    ("answer", "missing"),
    [
        (f"oauth_token={TOKEN_VALUE}&oauth_callback_confirmed=true", "oauth_token_secret"),
        (
            f"oauth_token={TOKEN_VALUE}&oauth_token_secret={SECRET_VALUE}",
            "oauth_callback_confirmed",
        ),
        (
            f"oauth_token={TOKEN_VALUE}&oauth_token_secret={SECRET_VALUE}"
            "&oauth_callback_confirmed=false",
            "oauth_callback_confirmed",
        ),
        (
            f"oauth_token=&oauth_token_secret={SECRET_VALUE}&oauth_callback_confirmed=true",
            "oauth_token",
        ),
    ],
    ids=["no-secret", "no-confirmed", "confirmed-false", "empty-token"],
)
async def test_a_request_token_answer_missing_a_required_field_is_refused(
    scripted: ScriptedServer, answer: str, missing: str
) -> None:
    scripted.answer = (200, FORM, answer, 0.0)
    call = RequestsTokenTransport().fetch_request_token(scripted_provider(scripted), GOOD)
    error = await failure(call)
    assert error.kind in ("token-field-missing", "token-missing")
    assert f"answered the request token request without {missing}" in error.message
    if error.kind == "token-field-missing":
        assert "RFC 5849 section 2.1" in error.message and "nothing was stored" in error.message
        assert "=••••" in error.message, "the answer is shown, masked"
    for secret in (TOKEN_VALUE, SECRET_VALUE, TOKEN_VALUE[:2], SECRET_VALUE[:2]):
        assert secret not in error.message, secret


async def test_an_access_token_answer_without_its_secret_authorizes_nothing(
    scripted: ScriptedServer,
) -> None:
    scripted.answers["/oauth/request_token"] = (
        200,
        FORM,
        "oauth_token=rt&oauth_token_secret=rs&oauth_callback_confirmed=true",
        0.0,
    )
    scripted.answers["/oauth/access_token"] = (
        200,
        FORM,
        f"oauth_token={TOKEN_VALUE}&screen_name=someone",
        0.0,
    )
    secrets = DictSecrets()
    outcome = await authorize(
        scripted_provider(scripted),
        folder="file:///w",
        interaction=FakeInteraction([SANDBOX_CONSUMER_KEY, SANDBOX_CONSUMER_SECRET, "1234567"]),
        secrets=secrets,
        transport=RequestsTokenTransport(),
        progress=FakeProgress(),
    )
    assert isinstance(outcome, Failed), outcome
    assert "answered the access token request without oauth_token_secret" in outcome.message
    assert "HTTP 200: oauth_token=••••&screen_name=someone" in outcome.message
    assert "RFC 5849 section 2.3" in outcome.message and TOKEN_VALUE not in outcome.message
    assert secrets.values == {}, "nothing is stored as authorized"


async def test_an_empty_but_present_token_secret_is_accepted(scripted: ScriptedServer) -> None:
    """Evernote answers `oauth_token_secret=` (its tokens sign with the consumer secret alone)."""
    scripted.answer = (200, FORM, f"oauth_token={TOKEN_VALUE}&oauth_token_secret=", 0.0)
    provider = scripted_provider(scripted)
    request = RequestToken("rt", "rs", callback_confirmed=True)
    access = await RequestsTokenTransport().fetch_access_token(provider, GOOD, request, "1")
    assert (access.token, access.secret) == (TOKEN_VALUE, "")


async def test_a_refusal_quoting_a_form_masks_its_secrets(scripted: ScriptedServer) -> None:
    scripted.answer = (400, FORM, f"oauth_token_secret={SECRET_VALUE}&error=nope", 0.0)
    call = RequestsTokenTransport().fetch_request_token(scripted_provider(scripted), GOOD)
    error = await failure(call)
    assert "oauth_token_secret=••••&error=nope" in error.message
    assert SECRET_VALUE[:2] not in error.message
