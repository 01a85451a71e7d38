"""The sandbox refuses what a real provider refuses, with 401 and an `oauth_problem` body."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qsl

import pytest
import requests
from oauth_http.oauth.signing import (
    Credentials,
    OutgoingRequest,
    Placement,
    SignatureMethod,
    SignedRequest,
    SigningOptions,
    sign_request,
)
from oauth_http.sandbox import accounts
from oauth_http.sandbox.browser import approve
from oauth_http.sandbox.server import RunningSandbox, start_sandbox

from tests.oauth1_reference import OAuth1Session

USER = Credentials(
    accounts.SANDBOX_CONSUMER_KEY,
    accounts.SANDBOX_CONSUMER_SECRET,
    accounts.SANDBOX_ACCESS_TOKEN,
    accounts.SANDBOX_ACCESS_TOKEN_SECRET,
)
FROZEN_NOW = 2_000_000_000


def send(signed: SignedRequest) -> requests.Response:
    return requests.request(
        signed.method, signed.url, headers=dict(signed.headers), data=signed.body, timeout=10
    )


def signed_get(
    sandbox: RunningSandbox,
    credentials: Credentials = USER,
    options: SigningOptions | None = None,
    path: str = "/1.1/account/verify_credentials.json",
) -> SignedRequest:
    return sign_request(
        OutgoingRequest("GET", sandbox.url + path), credentials, options or SigningOptions()
    )


def problem(response: requests.Response) -> dict[str, str]:
    assert response.status_code == 401, response.text
    assert response.headers["WWW-Authenticate"] == f'OAuth realm="{accounts.SANDBOX_REALM}"'
    assert response.headers["Content-Type"] == "application/x-www-form-urlencoded"
    return dict(parse_qsl(response.text))


@pytest.fixture
def frozen_sandbox() -> Iterator[RunningSandbox]:
    with start_sandbox(clock=lambda: FROZEN_NOW) as running:
        yield running


def test_a_signed_request_is_accepted(sandbox: RunningSandbox) -> None:
    response = send(signed_get(sandbox))
    assert response.status_code == 200
    assert response.json()["screen_name"] == accounts.SANDBOX_SCREEN_NAME


def test_wrong_signature(sandbox: RunningSandbox) -> None:
    wrong = Credentials(USER.consumer_key, "not-the-secret", USER.token, USER.token_secret)
    signed = signed_get(sandbox, wrong)
    answer = problem(send(signed))
    assert answer["oauth_problem"] == "signature_invalid"
    assert "signature does not match" in answer["oauth_problem_advice"]
    assert answer["debug_signature_base_string"] == signed.base_string


def test_wrong_plaintext_signature(sandbox: RunningSandbox) -> None:
    wrong = Credentials(USER.consumer_key, USER.consumer_secret, USER.token, "wrong")
    options = SigningOptions(SignatureMethod.PLAINTEXT, Placement.QUERY)
    assert (
        problem(send(signed_get(sandbox, wrong, options)))["oauth_problem"] == "signature_invalid"
    )


def test_tampered_query_is_refused(sandbox: RunningSandbox) -> None:
    signed = signed_get(sandbox, path="/1.1/statuses/home_timeline.json?count=1")
    tampered = signed.url.replace("count=1", "count=2")
    response = requests.get(tampered, headers=dict(signed.headers), timeout=10)
    assert problem(response)["oauth_problem"] == "signature_invalid"


@pytest.mark.parametrize("offset", [-301, 301, -100_000])
def test_timestamp_outside_the_window_is_refused(
    frozen_sandbox: RunningSandbox, offset: int
) -> None:
    signed = signed_get(frozen_sandbox, options=SigningOptions(timestamp=FROZEN_NOW + offset))
    answer = problem(send(signed))
    assert answer["oauth_problem"] == "timestamp_refused"
    assert answer["oauth_acceptable_timestamps"] == f"{FROZEN_NOW - 300}-{FROZEN_NOW + 300}"


@pytest.mark.parametrize("offset", [-300, 0, 300])
def test_timestamp_inside_the_window_is_accepted(
    frozen_sandbox: RunningSandbox, offset: int
) -> None:
    signed = signed_get(frozen_sandbox, options=SigningOptions(timestamp=FROZEN_NOW + offset))
    assert send(signed).status_code == 200


def test_real_clock_requests_are_refused_by_a_sandbox_in_the_future(
    frozen_sandbox: RunningSandbox,
) -> None:
    assert problem(send(signed_get(frozen_sandbox)))["oauth_problem"] == "timestamp_refused"


def test_replayed_nonce_is_refused(sandbox: RunningSandbox) -> None:
    signed = signed_get(sandbox)
    assert send(signed).status_code == 200
    answer = problem(send(signed))
    assert answer["oauth_problem"] == "nonce_used"


def test_same_nonce_with_another_timestamp_or_token_is_accepted(sandbox: RunningSandbox) -> None:
    params = dict(signed_get(sandbox).oauth_params)
    nonce, timestamp = params["oauth_nonce"], int(params["oauth_timestamp"])
    first = signed_get(sandbox, options=SigningOptions(nonce=nonce, timestamp=timestamp - 1))
    assert send(first).status_code == 200
    two_legged = Credentials(USER.consumer_key, USER.consumer_secret)
    options = SigningOptions(nonce=nonce, timestamp=timestamp - 1)
    assert send(signed_get(sandbox, two_legged, options, path="/1.1/echo")).status_code == 200


def test_unknown_consumer(sandbox: RunningSandbox) -> None:
    stranger = Credentials("who-is-this", "secret", USER.token, USER.token_secret)
    assert problem(send(signed_get(sandbox, stranger)))["oauth_problem"] == "consumer_key_unknown"


def test_unknown_token(sandbox: RunningSandbox) -> None:
    unknown = Credentials(USER.consumer_key, USER.consumer_secret, "1000001-nope", "secret")
    assert problem(send(signed_get(sandbox, unknown)))["oauth_problem"] == "token_rejected"


def test_access_token_of_another_consumer(sandbox: RunningSandbox) -> None:
    other = Credentials(
        USER.consumer_key, USER.consumer_secret, accounts.SANDBOX_RSA_ACCESS_TOKEN, "x"
    )
    assert problem(send(signed_get(sandbox, other)))["oauth_problem"] == "token_rejected"


def test_resource_endpoints_need_a_token(sandbox: RunningSandbox) -> None:
    two_legged = Credentials(USER.consumer_key, USER.consumer_secret)
    answer = problem(send(signed_get(sandbox, two_legged)))
    assert answer["oauth_problem"] == "parameter_absent"
    assert answer["oauth_parameters_absent"] == "oauth_token"


@pytest.mark.parametrize(
    ("credentials", "method"),
    [
        (USER, SignatureMethod.RSA_SHA1),
        (
            Credentials(
                accounts.SANDBOX_RSA_CONSUMER_KEY,
                "secret",
                accounts.SANDBOX_RSA_ACCESS_TOKEN,
                accounts.SANDBOX_RSA_ACCESS_TOKEN_SECRET,
            ),
            SignatureMethod.HMAC_SHA1,
        ),
    ],
)
def test_signature_method_the_consumer_does_not_use(
    sandbox: RunningSandbox, credentials: Credentials, method: SignatureMethod
) -> None:
    with_key = Credentials(
        credentials.consumer_key,
        credentials.consumer_secret,
        credentials.token,
        credentials.token_secret,
        accounts.demo_rsa_private_key(),
    )
    answer = problem(send(signed_get(sandbox, with_key, SigningOptions(method))))
    assert answer["oauth_problem"] == "signature_method_rejected"


def test_unsigned_request(sandbox: RunningSandbox) -> None:
    answer = problem(requests.get(sandbox.url + "/1.1/echo", timeout=10))
    assert answer["oauth_problem"] == "parameter_absent"
    assert "oauth_consumer_key" in answer["oauth_parameters_absent"]


def test_missing_nonce_and_timestamp(sandbox: RunningSandbox) -> None:
    header = (
        f'OAuth oauth_consumer_key="{USER.consumer_key}", '
        'oauth_signature_method="HMAC-SHA1", oauth_signature="abc"'
    )
    response = requests.get(
        sandbox.url + "/1.1/echo", headers={"Authorization": header}, timeout=10
    )
    answer = problem(response)
    assert answer["oauth_problem"] == "parameter_absent"
    assert answer["oauth_parameters_absent"] == "oauth_timestamp&oauth_nonce"


def test_oauth_parameters_in_two_places(sandbox: RunningSandbox) -> None:
    signed = signed_get(sandbox, path="/1.1/echo?oauth_nonce=extra")
    answer = problem(send(signed))
    assert answer["oauth_problem"] == "parameter_rejected"
    assert "one place, not header and query" in answer["oauth_problem_advice"]


def test_request_token_needs_a_callback(sandbox: RunningSandbox) -> None:
    consumer = Credentials(USER.consumer_key, USER.consumer_secret)
    signed = sign_request(
        OutgoingRequest("POST", sandbox.url + "/oauth/request_token"), consumer, SigningOptions()
    )
    answer = problem(send(signed))
    assert answer["oauth_problem"] == "parameter_absent"
    assert answer["oauth_parameters_absent"] == "oauth_callback"


def test_wrong_verifier_then_the_right_one(sandbox: RunningSandbox) -> None:
    session = OAuth1Session(
        USER.consumer_key, client_secret=USER.consumer_secret, callback_uri="oob"
    )
    session.fetch_request_token(sandbox.url + "/oauth/request_token")
    pin = approve(session.authorization_url(sandbox.url + "/oauth/authorize"))
    wrong_pin = f"{(int(pin) + 1) % 10_000_000:07d}"
    request_token = session.auth.client.resource_owner_key
    request_secret = session.auth.client.resource_owner_secret
    signed = sign_request(
        OutgoingRequest("POST", sandbox.url + "/oauth/access_token"),
        Credentials(USER.consumer_key, USER.consumer_secret, request_token, request_secret),
        SigningOptions(verifier=wrong_pin),
    )
    assert problem(send(signed))["oauth_problem"] == "verifier_invalid"
    tokens = session.fetch_access_token(sandbox.url + "/oauth/access_token", verifier=pin)
    assert tokens["screen_name"] == accounts.SANDBOX_SCREEN_NAME


def test_unknown_endpoint_and_wrong_method(sandbox: RunningSandbox) -> None:
    missing = requests.get(sandbox.url + "/1.1/nothing.json", timeout=10)
    assert missing.status_code == 404
    assert "No endpoint at /1.1/nothing.json" in missing.json()["errors"][0]["message"]
    wrong = requests.delete(sandbox.url + "/1.1/statuses/update.json", timeout=10)
    assert wrong.status_code == 405
    assert wrong.headers["Allow"] == "POST"


def test_chunked_body_is_refused_without_hanging(sandbox: RunningSandbox) -> None:
    response = requests.post(
        sandbox.url + "/1.1/echo", data=iter([b"status=", b"hello"]), timeout=10
    )
    assert response.status_code == 411
    assert "Content-Length" in response.text
